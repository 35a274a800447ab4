#include <polycert/capabilities.hpp>
#include <polycert/error.hpp>
#include <polycert/secure_buffer.hpp>

#include <gtest/gtest.h>

namespace polycert {
namespace {

TEST(ExitStatus, FollowsTheDocumentedTable) {
  EXPECT_EQ(exit_status(ErrorCode::io), 1);
  EXPECT_EQ(exit_status(ErrorCode::internal), 1);
  EXPECT_EQ(exit_status(ErrorCode::invalid_input), 3);
  EXPECT_EQ(exit_status(ErrorCode::bad_password), 4);
  EXPECT_EQ(exit_status(ErrorCode::integrity_failure), 4);
  EXPECT_EQ(exit_status(ErrorCode::unsupported), 5);
  EXPECT_EQ(exit_status(ErrorCode::mismatch), 6);
}

TEST(Error, ContextPrefixesTheMessageAndKeepsTheCode) {
  const Error error = with_context(Error{ErrorCode::bad_password, "wrong password"}, "k.pem");
  EXPECT_EQ(error.code, ErrorCode::bad_password);
  EXPECT_EQ(error.message, "k.pem: wrong password");
}

TEST(SecureZero, WipesTheBytes) {
  std::uint8_t secret[16];
  for (auto& b : secret) b = 0xa5;
  secure_zero(secret, sizeof secret);
  for (auto b : secret) EXPECT_EQ(b, 0);
}

TEST(Capabilities, BuildsOneRowPerApplicableOperationAndSpec) {
  const Capabilities caps = key_capabilities([](Operation operation, const KeySpec& spec) {
    return operation == Operation::generate_key && spec == KeySpec::ed25519() ? "no EdDSA" : "";
  });
  EXPECT_EQ(caps.rows().size(), kKeySpecOperations.size() * kGeneratableKeySpecs.size() - 2 +
                                    kGeneratableKeySpecs.size() + kLargeKeyReadOperations.size());
  EXPECT_TRUE(caps.supports(Operation::sign_in_token, KeySpec::ed25519()));
  EXPECT_FALSE(caps.supports(Operation::generate_key, KeySpec::ed25519()));
  EXPECT_EQ(caps.find(Operation::generate_key, "ed25519")->note, "no EdDSA");
  EXPECT_TRUE(caps.supports(Operation::import_pkcs8, KeySpec::ed25519()));
  EXPECT_EQ(caps.find(Operation::export_traditional, "ed25519"), nullptr);
  EXPECT_FALSE(caps.supports(Operation::import_spki, "dsa:1024"));
}

}  // namespace
}  // namespace polycert
