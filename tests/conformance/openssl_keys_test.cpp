// Keys written by the openssl CLI (committed fixtures) read into every backend in each
// form, and every backend derives the same public key openssl did.
#include "backend_cases.hpp"
#include "fixtures.hpp"

#include <gtest/gtest.h>

#include <optional>

namespace polycert::testing {
namespace {

class OpensslKeys : public ::testing::TestWithParam<BackendAndSpec> {
 protected:
  void SetUp() override {
    provider = make_backend(std::get<0>(GetParam()));
    ASSERT_TRUE(provider);
    stem = "keys/" + fixture_stem(std::get<1>(GetParam()));
    openssl_spki = fixture(stem + ".spki.der");
  }

  // Why this backend cannot be asked for `operation` on this spec, if it lacks it.
  std::optional<std::string> lacks(Operation operation) const {
    const KeySpec spec = std::get<1>(GetParam());
    if (!provider->capabilities().supports(operation, spec))
      return std::string(provider->name()) + " lacks " + std::string(describe(operation)) +
             " for " + to_string(spec) + ": " +
             provider->capabilities().find(operation, to_string(spec))->note;
    return std::nullopt;
  }

  void expect_reads_private_key(const std::string& file) {
    auto key = provider->import_private_key(fixture(file));
    ASSERT_TRUE(key) << file << ": " << describe(key);
    EXPECT_EQ((*key)->spec(), std::get<1>(GetParam()));
    auto spki = provider->export_public_key(**key);
    ASSERT_TRUE(spki) << describe(spki);
    EXPECT_EQ(*spki, openssl_spki) << file << ": public key differs from openssl's";
  }

  std::unique_ptr<Provider> provider;
  std::string stem;
  Bytes openssl_spki;
};

TEST_P(OpensslKeys, ReadsPkcs8) {
  if (auto why = lacks(Operation::import_pkcs8)) GTEST_SKIP() << *why;
  expect_reads_private_key(stem + ".pkcs8.der");
}

// PKCS#1 and SEC1 only: Ed25519 has no traditional form, so its cases are not made.
class OpensslTraditionalKeys : public OpensslKeys {};

TEST_P(OpensslTraditionalKeys, ReadsTraditional) {
  if (auto why = lacks(Operation::import_traditional)) GTEST_SKIP() << *why;
  expect_reads_private_key(stem + ".traditional.der");
}

TEST_P(OpensslKeys, ReadsSubjectPublicKeyInfo) {
  if (auto why = lacks(Operation::import_spki)) GTEST_SKIP() << *why;
  auto key = provider->import_public_key(openssl_spki);
  ASSERT_TRUE(key) << describe(key);
  EXPECT_EQ((*key)->spec(), std::get<1>(GetParam()));
  auto spki = provider->export_public_key(**key);
  ASSERT_TRUE(spki) << describe(spki);
  EXPECT_EQ(*spki, openssl_spki);
}

TEST_P(OpensslTraditionalKeys, WritesTraditionalThatOpensslWrites) {
  // Same key in, same bytes out: PKCS#1 and SEC1 (with its curve) are canonical DER.
  if (auto why = lacks(Operation::export_traditional)) GTEST_SKIP() << *why;
  auto key = provider->import_private_key(fixture(stem + ".pkcs8.der"));
  ASSERT_TRUE(key) << describe(key);
  auto traditional = provider->export_private_key(**key, PrivateKeyEncoding::traditional);
  ASSERT_TRUE(traditional) << describe(traditional);
  const Bytes written(traditional->begin(), traditional->end());
  EXPECT_EQ(written, fixture(stem + ".traditional.der"));
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, OpensslKeys, every_backend_and_spec(),
                         backend_and_spec_name);
INSTANTIATE_TEST_SUITE_P(EveryBackend, OpensslTraditionalKeys,
                         every_backend_and_spec_where([](const KeySpec& spec) {
                           return operation_applies(Operation::import_traditional, spec);
                         }),
                         backend_and_spec_name);

}  // namespace
}  // namespace polycert::testing
