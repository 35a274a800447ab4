// The KDF budgets of primitives.hpp, without a backend: what one input's derivations may
// ask for together, what a command's inputs may, and that nothing outside an input is
// charged. (read_pkcs12's use of them, on every backend: tests/cli/kdf_budget_cli_test.cpp.)
#include "kdf_cap.hpp"
#include <polycert/primitives.hpp>

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace polycert {
namespace {

using testing::KdfCap;

void expect_refusal(const Result<void>& result, std::initializer_list<std::string_view> parts) {
  ASSERT_FALSE(result) << "not refused";
  EXPECT_EQ(result.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(result.error().remedy, Remedy::raise_kdf_limit);
  for (std::string_view part : parts)
    EXPECT_NE(result.error().message.find(part), std::string::npos)
        << "'" << part << "' not in: " << result.error().message;
}

TEST(KdfBudget, OutsideAnInputOnlyTheCapPerDerivationHolds) {
  KdfCap cap(1000);
  for (int i = 0; i < 50; ++i) EXPECT_TRUE(spend_kdf_budget(1000));
  EXPECT_EQ(kdf_iterations_spent_by_input(), 0u);
  expect_refusal(check_kdf_iterations(1001), {"asks for 1001 iterations", "limit of 1000"});
  EXPECT_TRUE(check_kdf_iterations(1000));
}

TEST(KdfBudget, OneInputsDerivationsTogetherStayUnderTwiceTheCap) {
  KdfCap cap(1000);
  KdfInputScope input;
  EXPECT_TRUE(spend_kdf_budget(1000));
  EXPECT_TRUE(spend_kdf_budget(1000));
  EXPECT_EQ(kdf_iterations_spent_by_input(), 2000u);
  expect_refusal(spend_kdf_budget(1),
                 {"1 iterations would bring this input's key derivations to 2001 iterations",
                  "over the limit of 2000 (2 x 1000) for one input"});
  EXPECT_EQ(kdf_iterations_spent_by_input(), 2000u) << "a refused derivation costs nothing";
}

TEST(KdfBudget, ANestedScopeJoinsTheInputItIsPartOf) {
  KdfCap cap(1000);
  KdfInputScope file;
  EXPECT_TRUE(spend_kdf_budget(1000));
  {
    KdfInputScope key_inside_the_file;
    expect_refusal(spend_kdf_budget(1100), {"to 2100 iterations"});
    EXPECT_TRUE(spend_kdf_budget(1000));
  }
  EXPECT_EQ(kdf_iterations_spent_by_input(), 2000u);
}

TEST(KdfBudget, EachInputStartsWithTheWholeCap) {
  KdfCap cap(1000);
  for (int file = 0; file < 3; ++file) {
    KdfInputScope input;
    EXPECT_TRUE(spend_kdf_budget(1000)) << "file " << file;
  }
}

TEST(KdfBudget, WhatAFileDeclaresIsCheckedWithoutBeingSpent) {
  KdfCap cap(1000);
  KdfInputScope input;
  expect_refusal(check_kdf_budget(16000, "PKCS#12: the file's key derivations (16 encrypted parts)"),
                 {"PKCS#12: the file's key derivations (16 encrypted parts) ask for 16000 iterations in all",
                  "over the limit of 2000 (2 x 1000) for one input"});
  EXPECT_TRUE(check_kdf_budget(2000, "the file"));
  EXPECT_EQ(kdf_iterations_spent_by_input(), 0u);
  EXPECT_TRUE(spend_kdf_budget(800));
  EXPECT_TRUE(spend_kdf_budget(1000));
  expect_refusal(check_kdf_budget(300, "the private key's key derivations"),
                 {"ask for 300 iterations, 2100 in all for this input with those already done"});
}

TEST(KdfBudget, ACommandsInputsTogetherStayUnderItsMultipleOfTheCap) {
  KdfCap cap(1000);
  KdfCommandScope command;
  for (std::uint32_t file = 0; file < kKdfCommandBudgetInCaps; ++file) {
    KdfInputScope input;
    ASSERT_TRUE(spend_kdf_budget(1000)) << "file " << file;
  }
  KdfInputScope one_more;
  expect_refusal(spend_kdf_budget(1), {"this command's key derivations to 16001 iterations",
                                       "over the limit of 16000 (16 x 1000) for one command"});
  expect_refusal(check_kdf_budget(5, "the file's key derivations"),
                 {"ask for 5 iterations, 16005 in all for this command", "(16 x 1000)"});
}

TEST(KdfBudget, ACommandsBudgetCountsInputsReadOnOtherThreads) {
  KdfCap cap(1000);
  KdfCommandScope command;
  std::thread reader([] {
    for (std::uint32_t file = 0; file < kKdfCommandBudgetInCaps; ++file) {
      KdfInputScope input;
      EXPECT_TRUE(spend_kdf_budget(1000));
    }
  });
  reader.join();
  KdfInputScope input;
  expect_refusal(spend_kdf_budget(1), {"for one command"});
}

TEST(KdfBudget, ANewCommandStartsAfresh) {
  KdfCap cap(1000);
  {
    KdfCommandScope first;
    KdfInputScope input;
    EXPECT_TRUE(spend_kdf_budget(1000));
  }
  KdfCommandScope second;
  for (std::uint32_t file = 0; file < kKdfCommandBudgetInCaps; ++file) {
    KdfInputScope input;
    EXPECT_TRUE(spend_kdf_budget(1000)) << "file " << file;
  }
}

}  // namespace
}  // namespace polycert
