// Certificates against the openssl CLI as an independent oracle: what any backend issues
// passes `openssl verify`, a chain root -> intermediate -> leaf with any backend at each
// step passes it too, and openssl's own certificates read the same everywhere. The
// producer x consumer matrix (read, verify, find a corrupt signature, byte-identical
// issuance) is the conformance table's certificate/issue-read and certificate/build
// cases, run here by case_table_test.cpp.
#include "backend_cases.hpp"
#include "fixtures.hpp"
#include "openssl_oracle.hpp"
#include "x509_cases.hpp"

#include <polycert/name.hpp>
#include <polycert/pem.hpp>

#include <gtest/gtest.h>

namespace polycert::testing {
namespace {

Bytes fixture_spki(const KeySpec& spec) { return fixture("keys/" + fixture_stem(spec) + ".spki.der"); }

Bytes pem_fixture(const std::string& name) {
  auto blocks = pem_decode(fixture(name));
  if (!blocks || blocks->empty()) throw std::runtime_error(name + ": no PEM block");
  return Bytes(blocks->front().der.begin(), blocks->front().der.end());
}

void expect_reads_as_issued(const CertificateInfo& info, const CertificateSpec& spec,
                            const Bytes& spki, const KeySpec& key, const Bytes& issuer_der) {
  EXPECT_EQ(info.subject, spec.subject);
  EXPECT_EQ(info.subject_der, encode_name(spec.subject));
  EXPECT_EQ(info.issuer_der, issuer_der);
  EXPECT_EQ(info.serial, spec.serial);
  EXPECT_EQ(info.not_before, spec.not_before);
  EXPECT_EQ(info.not_after, spec.not_after);
  EXPECT_EQ(info.public_key, spki);
  EXPECT_EQ(info.key, key);
  EXPECT_EQ(info.extensions, spec.extensions);
  EXPECT_EQ(info.subject_key_id.size(), 20u) << "SHA-1 subjectKeyIdentifier";
  EXPECT_EQ(info.sha256_fingerprint.size(), 32u);
  ASSERT_GE(info.all_extensions.size(), 1u);
  const auto expected = encode_extensions(spec.extensions, spec.subject.empty());
  ASSERT_GE(info.all_extensions.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_EQ(info.all_extensions[i], expected[i]) << "extension " << i;
}

// ---- every backend on its own --------------------------------------------------------

class CertificateBackend : public ::testing::TestWithParam<BackendAndSpec> {
 protected:
  void SetUp() override {
    provider = make_backend(std::get<0>(GetParam()));
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

TEST_P(CertificateBackend, OpensslAcceptsItsSelfSignedRoot) {
  const KeySpec spec = std::get<1>(GetParam());
  if (!can(Operation::issue_certificate)) GTEST_SKIP() << cannot(Operation::issue_certificate);
  auto key = fixture_key(*provider, spec);
  ASSERT_TRUE(key) << describe(key);
  auto root = provider->issue_certificate(ca_certificate_spec("Oracle Root", 1), fixture_spki(spec),
                                          **key, std::nullopt);
  ASSERT_TRUE(root) << describe(root);
  const auto text = openssl_certificate_text(*root);
  ASSERT_TRUE(text.accepted) << text.output;
  EXPECT_NE(text.output.find("Not After : Jan  1 00:00:00 2051 GMT"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("CA:TRUE, pathlen:1"), std::string::npos) << text.output;
  const auto verdict = openssl_verify_chain(*root, {}, *root);
  EXPECT_TRUE(verdict.accepted) << verdict.output;
}

TEST_P(CertificateBackend, ReadsOpensslsSelfSignedCertificate) {
  const KeySpec spec = std::get<1>(GetParam());
  if (!can(Operation::read_certificate)) GTEST_SKIP() << cannot(Operation::read_certificate);
  const Bytes der = fixture("x509/" + fixture_stem(spec) + ".cert.der");
  auto info = provider->parse_certificate(der);
  ASSERT_TRUE(info) << describe(info);
  EXPECT_EQ(format_slash(info->subject),
            "/C=US/ST=California/L=Mountain View/O=WSO2/OU=IT/CN=fixture.example");
  EXPECT_EQ(info->issuer_der, info->subject_der);
  EXPECT_EQ(info->serial, (Bytes{0x12, 0x34, 0x56, 0x78, 0x90, 0xAB, 0xCD, 0xEF}));
  EXPECT_EQ(info->not_after - info->not_before, 3650 * 86400);
  EXPECT_EQ(info->public_key, fixture_spki(spec));
  EXPECT_EQ(info->key, spec);
  EXPECT_EQ(info->extensions.key_usage, std::optional<std::uint16_t>(kDigitalSignature | kKeyEncipherment));
  EXPECT_EQ(info->extensions.subject_alt_names.size(), 6u);
  const auto text = openssl_certificate_text(der);
  EXPECT_NE(text.output.find(hex_with_colons(info->subject_key_id)), std::string::npos)
      << "openssl reads a different subjectKeyIdentifier:\n" << text.output;
  EXPECT_TRUE(provider->verify_certificate_signature(der, der));
}

TEST_P(CertificateBackend, RefusesWhatIsNotACertificate) {
  const KeySpec spec = std::get<1>(GetParam());
  if (!can(Operation::read_certificate)) GTEST_SKIP() << cannot(Operation::read_certificate);
  auto info = provider->parse_certificate(fixture("x509/" + fixture_stem(spec) + ".csr.der"));
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code, ErrorCode::invalid_input) << info.error().message;
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, CertificateBackend, every_backend_and_spec(),
                         backend_and_spec_name);

// ---- chains: root, intermediate and leaf each issued by any backend ------------------

// Root P-256, intermediate RSA-2048, leaf P-384: every backend holds these.
constexpr KeySpec kRootKey = KeySpec::ec(Curve::p256);
constexpr KeySpec kIntermediateKey = KeySpec::rsa(2048);
constexpr KeySpec kLeafKey = KeySpec::ec(Curve::p384);

class Chain : public ::testing::TestWithParam<BackendTriple> {};

TEST_P(Chain, OpensslVerifiesItAndEveryBackendVerifiesEachLink) {
  const auto& [root_backend, intermediate_backend, leaf_backend] = GetParam();
  auto root_issuer = make_backend(root_backend);
  auto intermediate_issuer = make_backend(intermediate_backend);
  auto leaf_issuer = make_backend(leaf_backend);
  ASSERT_TRUE(root_issuer && intermediate_issuer && leaf_issuer);

  auto root_key = fixture_key(*root_issuer, kRootKey);
  ASSERT_TRUE(root_key) << describe(root_key);
  auto root = root_issuer->issue_certificate(ca_certificate_spec("Chain Root", std::nullopt),
                                             fixture_spki(kRootKey), **root_key, std::nullopt);
  ASSERT_TRUE(root) << describe(root);

  auto root_key_again = fixture_key(*intermediate_issuer, kRootKey);
  ASSERT_TRUE(root_key_again) << describe(root_key_again);
  auto intermediate = intermediate_issuer->issue_certificate(
      ca_certificate_spec("Chain Intermediate", 0), fixture_spki(kIntermediateKey),
      **root_key_again, ByteView(*root));
  ASSERT_TRUE(intermediate) << describe(intermediate);

  auto intermediate_key = fixture_key(*leaf_issuer, kIntermediateKey);
  ASSERT_TRUE(intermediate_key) << describe(intermediate_key);
  auto leaf = leaf_issuer->issue_certificate(leaf_certificate_spec("chain.acme.example"),
                                             fixture_spki(kLeafKey), **intermediate_key,
                                             ByteView(*intermediate));
  ASSERT_TRUE(leaf) << describe(leaf);

  const auto verdict = openssl_verify_chain(*root, {*intermediate}, *leaf);
  EXPECT_TRUE(verdict.accepted) << verdict.output;

  for (const auto& name : backend_names()) {
    auto reader = make_backend(name);
    EXPECT_TRUE(reader->verify_certificate_signature(*intermediate, *root)) << name;
    EXPECT_TRUE(reader->verify_certificate_signature(*leaf, *intermediate)) << name;
    auto wrong = reader->verify_certificate_signature(*leaf, *root);
    ASSERT_FALSE(wrong) << name << " accepts the leaf as signed by the root";
    EXPECT_EQ(wrong.error().code, ErrorCode::mismatch) << name;

    auto root_info = reader->parse_certificate(*root);
    auto intermediate_info = reader->parse_certificate(*intermediate);
    auto leaf_info = reader->parse_certificate(*leaf);
    ASSERT_TRUE(root_info && intermediate_info && leaf_info) << name;
    EXPECT_EQ(intermediate_info->issuer_der, root_info->subject_der) << name;
    EXPECT_EQ(intermediate_info->authority_key_id, root_info->subject_key_id) << name;
    EXPECT_EQ(leaf_info->authority_key_id, intermediate_info->subject_key_id) << name;
    expect_reads_as_issued(*leaf_info, leaf_certificate_spec("chain.acme.example"),
                           fixture_spki(kLeafKey), kLeafKey, intermediate_info->subject_der);
  }
}

INSTANTIATE_TEST_SUITE_P(EveryBackendAtEveryStep, Chain, every_backend_triple(), backend_triple_name);

// ---- openssl's chain, read by every backend -----------------------------------------

class OpensslChain : public ::testing::TestWithParam<std::string> {};

TEST_P(OpensslChain, EveryLinkVerifiesAndIdentifiersLineUp) {
  auto provider = make_backend(GetParam());
  ASSERT_TRUE(provider);
  const Bytes root = pem_fixture("x509/chain-root.pem");
  const Bytes intermediate = pem_fixture("x509/chain-intermediate.pem");
  const Bytes leaf = pem_fixture("x509/chain-leaf.pem");
  EXPECT_TRUE(provider->verify_certificate_signature(intermediate, root));
  EXPECT_TRUE(provider->verify_certificate_signature(leaf, intermediate));
  EXPECT_FALSE(provider->verify_certificate_signature(leaf, root));
  auto root_info = provider->parse_certificate(root);
  auto intermediate_info = provider->parse_certificate(intermediate);
  auto leaf_info = provider->parse_certificate(leaf);
  ASSERT_TRUE(root_info) << describe(root_info);
  ASSERT_TRUE(intermediate_info) << describe(intermediate_info);
  ASSERT_TRUE(leaf_info) << describe(leaf_info);
  EXPECT_EQ(intermediate_info->authority_key_id, root_info->subject_key_id);
  EXPECT_EQ(leaf_info->authority_key_id, intermediate_info->subject_key_id);
  EXPECT_EQ(intermediate_info->extensions.basic_constraints, (BasicConstraints{true, std::nullopt}));
  EXPECT_EQ(leaf_info->key, kLeafKey);
  EXPECT_EQ(format_slash(leaf_info->issuer), "/O=Fixture/CN=Fixture Intermediate CA");
  EXPECT_EQ(leaf_info->serial, Bytes{0x03});
}

TEST_P(OpensslChain, IssuesUnderOpensslsIntermediateSoThatOpensslVerifies) {
  auto provider = make_backend(GetParam());
  ASSERT_TRUE(provider);
  const Bytes root = pem_fixture("x509/chain-root.pem");
  const Bytes intermediate = pem_fixture("x509/chain-intermediate.pem");
  auto key = fixture_key(*provider, kIntermediateKey);
  ASSERT_TRUE(key) << describe(key);
  auto leaf = provider->issue_certificate(leaf_certificate_spec("under.openssl.example"),
                                          fixture_spki(kLeafKey), **key, ByteView(intermediate));
  ASSERT_TRUE(leaf) << describe(leaf);
  const auto verdict = openssl_verify_chain(root, {intermediate}, *leaf);
  EXPECT_TRUE(verdict.accepted) << verdict.output;
}

TEST_P(OpensslChain, RefusesToIssueWithAKeyThatIsNotTheIssuers) {
  auto provider = make_backend(GetParam());
  ASSERT_TRUE(provider);
  auto wrong_key = fixture_key(*provider, kLeafKey);
  ASSERT_TRUE(wrong_key) << describe(wrong_key);
  auto leaf = provider->issue_certificate(leaf_certificate_spec("x.example"), fixture_spki(kLeafKey),
                                          **wrong_key, ByteView(pem_fixture("x509/chain-intermediate.pem")));
  ASSERT_FALSE(leaf);
  EXPECT_EQ(leaf.error().code, ErrorCode::mismatch) << leaf.error().message;
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, OpensslChain, ::testing::ValuesIn(backend_names()),
                         [](const ::testing::TestParamInfo<std::string>& test) { return test.param; });

}  // namespace
}  // namespace polycert::testing
