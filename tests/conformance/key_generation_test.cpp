// Every backend generates every key spec it claims, and the openssl CLI, as an outside
// oracle, accepts the key as valid and of the asked type and size.
#include "backend_cases.hpp"
#include "openssl_oracle.hpp"

#include <gtest/gtest.h>

namespace polycert::testing {
namespace {

class KeyGeneration : public ::testing::TestWithParam<BackendAndSpec> {};

TEST_P(KeyGeneration, OpensslAcceptsTheKeyWithTheAskedTypeAndSize) {
  const auto& [backend, spec] = GetParam();
  auto provider = make_backend(backend);
  ASSERT_TRUE(provider);
  if (!provider->capabilities().supports(Operation::generate_key, spec))
    GTEST_SKIP() << backend << " cannot generate " << to_string(spec) << ": "
                 << provider->capabilities().find(Operation::generate_key, to_string(spec))->note;

  auto pkcs8 = generated_key(*provider, spec);
  ASSERT_TRUE(pkcs8) << describe(pkcs8);
  const OracleKeyVerdict verdict = openssl_check_private_key(*pkcs8);
  ASSERT_TRUE(verdict.accepted) << "openssl pkey -check rejects the key:\n" << verdict.diagnostics;
  ASSERT_TRUE(verdict.spec.has_value()) << "openssl could not tell the key's type";
  EXPECT_EQ(*verdict.spec, spec);

  auto key = provider->import_private_key(*pkcs8);
  ASSERT_TRUE(key) << describe(key);
  auto spki = provider->export_public_key(**key);
  ASSERT_TRUE(spki) << describe(spki);
  EXPECT_EQ(*spki, verdict.spki) << "the public key differs from openssl's view of the same key";
}

// Not for RSA: an RSA key of each size is generated once per backend (the test above), and
// a second one would cost seconds for what the EC and Ed25519 cases already show.
class FreshKeys : public ::testing::TestWithParam<BackendAndSpec> {};

TEST_P(FreshKeys, TwoKeysDiffer) {
  const auto& [backend, spec] = GetParam();
  auto provider = make_backend(backend);
  ASSERT_TRUE(provider);
  if (!provider->capabilities().supports(Operation::generate_key, spec))
    GTEST_SKIP() << backend << " cannot generate " << to_string(spec) << ": "
                 << provider->capabilities().find(Operation::generate_key, to_string(spec))->note;
  auto first = provider->generate_key(spec);
  auto second = provider->generate_key(spec);
  ASSERT_TRUE(first && second);
  EXPECT_NE(*provider->export_public_key(**first), *provider->export_public_key(**second));
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, KeyGeneration, every_backend_and_spec(),
                         backend_and_spec_name);
INSTANTIATE_TEST_SUITE_P(EveryBackend, FreshKeys,
                         every_backend_and_spec_where([](const KeySpec& spec) {
                           return spec.algorithm != KeyAlgorithm::rsa;
                         }),
                         backend_and_spec_name);

}  // namespace
}  // namespace polycert::testing
