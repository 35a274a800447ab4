// Certificate signing requests against the openssl CLI as an independent oracle: a request
// any backend builds verifies in `openssl req -verify` with every digest, and requests
// openssl made read the same in every backend. The producer x consumer matrix (read,
// verify, find a corrupt signature, byte-identical builds) is the conformance table's
// csr/create-read and csr/build cases, run here by case_table_test.cpp.
#include "backend_cases.hpp"
#include "fixtures.hpp"
#include "openssl_oracle.hpp"
#include "x509_cases.hpp"

#include <polycert/name.hpp>

#include <gtest/gtest.h>


namespace polycert::testing {
namespace {

std::string text_of(const std::optional<SecureBuffer>& secret) {
  return secret ? std::string(secret->begin(), secret->end()) : "<absent>";
}

// ---- every backend on its own, with openssl as the oracle ----------------------------

class CsrBackend : public ::testing::TestWithParam<BackendAndSpec> {
 protected:
  void SetUp() override {
    const auto& [name, spec] = GetParam();
    provider = make_backend(name);
    ASSERT_TRUE(provider);
  }
  bool can(Operation operation) {
    return provider->capabilities().supports(operation, std::get<1>(GetParam()));
  }
  /// Why the skip: the backend, the operation and the matrix's note.
  std::string cannot(Operation operation) {
    const Capability* row = provider->capabilities().find(operation, to_string(std::get<1>(GetParam())));
    return std::string(provider->name()) + " cannot " + std::string(to_string(operation)) + " " +
           to_string(std::get<1>(GetParam())) + (row != nullptr ? ": " + row->note : std::string());
  }
  std::unique_ptr<Provider> provider;
};

TEST_P(CsrBackend, OpensslVerifiesWhatItBuildsWithEveryDigest) {
  const KeySpec spec = std::get<1>(GetParam());
  if (!can(Operation::create_csr)) GTEST_SKIP() << "cannot sign a CSR with " << to_string(spec);
  auto key = fixture_key(*provider, spec);
  ASSERT_TRUE(key) << describe(key);
  for (Digest digest : {Digest::sha256, Digest::sha384, Digest::sha512}) {
    CsrSpec request = full_csr_spec();
    request.digest = digest;
    auto csr = provider->create_csr(**key, request);
    ASSERT_TRUE(csr) << describe(csr);
    const auto oracle = openssl_verify_csr(*csr);
    EXPECT_TRUE(oracle.accepted) << to_string(digest) << ":\n" << oracle.output;
    EXPECT_NE(oracle.output.find("verify OK"), std::string::npos) << oracle.output;
    EXPECT_NE(oracle.output.find("challengePassword"), std::string::npos) << oracle.output;
    EXPECT_NE(oracle.output.find("IP Address:2001:DB8:0:0:0:0:0:7"), std::string::npos)
        << oracle.output;
    if (spec.algorithm != KeyAlgorithm::ed25519) {
      const std::string algorithm =
          signature_algorithm_name(signature_algorithm_oid(spec.algorithm, digest));
      EXPECT_NE(oracle.output.find(algorithm), std::string::npos) << oracle.output;
    }
  }
}

TEST_P(CsrBackend, PrintableStringPolicyReachesTheAttributes) {
  const KeySpec spec = std::get<1>(GetParam());
  if (!can(Operation::create_csr) || !can(Operation::read_csr))
    GTEST_SKIP() << cannot(can(Operation::create_csr) ? Operation::read_csr : Operation::create_csr);
  auto key = fixture_key(*provider, spec);
  ASSERT_TRUE(key) << describe(key);
  CsrSpec request;
  request.subject = *parse_name("/C=US/O=Acme/CN=printable.example", StringPolicy::printable);
  request.unstructured_name = "Acme";
  request.string_policy = StringPolicy::printable;
  auto csr = provider->create_csr(**key, request);
  ASSERT_TRUE(csr) << describe(csr);
  // unstructuredName, PrintableString "Acme": 13 04 'A' 'c' 'm' 'e'.
  const Bytes printable = {0x13, 0x04, 'A', 'c', 'm', 'e'};
  EXPECT_NE(std::search(csr->begin(), csr->end(), printable.begin(), printable.end()), csr->end());
  auto info = provider->parse_csr(*csr);
  ASSERT_TRUE(info) << describe(info);
  EXPECT_EQ(info->subject, request.subject);  // string types included
}

TEST_P(CsrBackend, ReadsWhatOpensslReqWrote) {
  const KeySpec spec = std::get<1>(GetParam());
  if (!can(Operation::read_csr)) GTEST_SKIP() << "cannot read a CSR with " << to_string(spec);
  auto info = provider->parse_csr(fixture("x509/" + fixture_stem(spec) + ".csr.der"));
  ASSERT_TRUE(info) << describe(info);
  EXPECT_EQ(info->signature_status, SignatureStatus::verifies);
  EXPECT_EQ(format_slash(info->subject),
            "/C=US/ST=California/L=Mountain View/O=WSO2/OU=IT/CN=fixture.example");
  EXPECT_EQ(info->public_key, fixture("keys/" + fixture_stem(spec) + ".spki.der"));
  EXPECT_EQ(info->key, spec);
  ExtensionSet expected;
  expected.subject_alt_names = *parse_subject_alt_names(
      "DNS:fixture.example,DNS:www.fixture.example,IP:10.0.0.1,IP:2001:db8::1,"
      "email:ops@fixture.example,URI:https://fixture.example/");
  expected.key_usage = kDigitalSignature | kKeyEncipherment;
  expected.extended_key_usage = *parse_extended_key_usage("serverAuth,clientAuth");
  EXPECT_EQ(info->extensions, expected);
  EXPECT_EQ(text_of(info->challenge_password), "fixture-password");
  EXPECT_EQ(info->unstructured_name, std::optional<std::string>("Fixture Company"));
}

TEST_P(CsrBackend, TellsACorruptOpensslRequestFromAGoodOne) {
  const KeySpec spec = std::get<1>(GetParam());
  if (!can(Operation::read_csr)) GTEST_SKIP() << cannot(Operation::read_csr);
  auto info = provider->parse_csr(with_corrupt_signature(fixture("x509/" + fixture_stem(spec) + ".csr.der")));
  ASSERT_TRUE(info) << describe(info);
  EXPECT_EQ(info->signature_status, SignatureStatus::does_not_verify);
}

TEST_P(CsrBackend, RefusesWhatIsNotARequest) {
  const KeySpec spec = std::get<1>(GetParam());
  if (!can(Operation::read_csr)) GTEST_SKIP() << cannot(Operation::read_csr);
  // A certificate is well-formed DER but not a request.
  auto info = provider->parse_csr(fixture("x509/" + fixture_stem(spec) + ".cert.der"));
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code, ErrorCode::invalid_input) << info.error().message;
  auto trailing = fixture("x509/" + fixture_stem(spec) + ".csr.der");
  trailing.push_back(0x00);
  auto strict = provider->parse_csr(trailing);
  ASSERT_FALSE(strict);
  EXPECT_EQ(strict.error().code, ErrorCode::invalid_input);
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, CsrBackend, every_backend_and_spec(), backend_and_spec_name);

}  // namespace
}  // namespace polycert::testing
