// Certificate revocation lists on every backend: a CRL any backend issues is read and
// verified by every backend and by `openssl crl`, its signed part is the same bytes
// whichever backend made it, and each library's own path validation (Provider::validate_path
// with CRLs) refuses a revoked certificate, a missing CRL, an expired CRL and a CRL signed
// by another key, as `openssl verify -crl_check_all` does.
#include "backend_cases.hpp"
#include "fixtures.hpp"
#include "openssl_oracle.hpp"
#include "x509_cases.hpp"

#include <polycert/crl.hpp>
#include <polycert/name.hpp>
#include <polycert/path_validation.hpp>
#include <polycert/x509_structure.hpp>

#include <gtest/gtest.h>

#include <chrono>

namespace polycert::testing {
namespace {

constexpr KeySpec kRootKey = KeySpec::ec(Curve::p256);
constexpr KeySpec kIntermediateKey = KeySpec::rsa(2048);
constexpr KeySpec kLeafKey = KeySpec::ec(Curve::p384);
constexpr KeySpec kImpostorKey = KeySpec::ec(Curve::p521);
constexpr std::int64_t kDay = 86400;

Bytes spki_of(const KeySpec& spec) { return fixture("keys/" + fixture_stem(spec) + ".spki.der"); }

std::int64_t now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A CRL valid from an hour ago for 30 days, numbered 1, listing `revoked` (magnitudes).
CrlSpec crl_listing(const std::vector<Bytes>& revoked, std::int64_t at = now()) {
  CrlSpec spec;
  spec.this_update = at - 3600;
  spec.next_update = at + 30 * kDay;
  spec.number = {0x01};
  for (const Bytes& serial : revoked)
    spec.revoked.push_back({serial, false, at - 7200, RevocationReason::key_compromise});
  return spec;
}

Bytes serial_of(const Bytes& certificate) {
  auto structure = inspect_certificate(certificate);
  return structure ? read_serial(structure->serial).magnitude : Bytes{};
}

class Crl : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    provider = make_backend(GetParam());
    ASSERT_TRUE(provider);
    auto root_fixture = fixture_key(*provider, kRootKey);
    auto intermediate_fixture = fixture_key(*provider, kIntermediateKey);
    ASSERT_TRUE(root_fixture && intermediate_fixture);
    root_key = std::move(*root_fixture);
    intermediate_key = std::move(*intermediate_fixture);
    auto root_certificate = provider->issue_certificate(ca_certificate_spec("CRL Root", std::nullopt),
                                                        spki_of(kRootKey), *root_key, std::nullopt);
    ASSERT_TRUE(root_certificate) << describe(root_certificate);
    this->root = *root_certificate;
    auto intermediate_certificate =
        provider->issue_certificate(ca_certificate_spec("CRL Intermediate", std::nullopt),
                                    spki_of(kIntermediateKey), *root_key, ByteView(this->root));
    ASSERT_TRUE(intermediate_certificate) << describe(intermediate_certificate);
    this->intermediate = *intermediate_certificate;
    auto leaf_certificate = provider->issue_certificate(leaf_certificate_spec("crl.example"),
                                                        spki_of(kLeafKey), *intermediate_key,
                                                        ByteView(this->intermediate));
    ASSERT_TRUE(leaf_certificate) << describe(leaf_certificate);
    leaf = *leaf_certificate;
  }

  Bytes issue(const CrlSpec& spec, const PrivateKey& key, ByteView issuer) {
    auto crl = provider->issue_crl(spec, key, issuer);
    EXPECT_TRUE(crl) << describe(crl);
    return crl.value_or(Bytes{});
  }
  // The intermediate's CRL (covers the leaf) and the root's (covers the intermediate).
  Bytes intermediate_crl(const std::vector<Bytes>& revoked = {}) {
    return issue(crl_listing(revoked), *intermediate_key, intermediate);
  }
  Bytes root_crl(const std::vector<Bytes>& revoked = {}) { return issue(crl_listing(revoked), *root_key, root); }

  PathValidationRequest request_with(std::vector<Bytes> crls, RevocationScope scope = RevocationScope::chain) {
    PathValidationRequest request;
    request.leaf = leaf;
    request.untrusted = {intermediate};
    request.trusted = {root};
    request.crls = std::move(crls);
    request.revocation = scope;
    return request;
  }
  PathVerdict verdict_of(const PathValidationRequest& request) {
    auto verdict = provider->validate_path(request);
    EXPECT_TRUE(verdict) << describe(verdict);
    return verdict.value_or(PathVerdict{});
  }
  static std::string shown(const PathVerdict& verdict) {
    return std::string(to_string(verdict.check)) + " at depth " + std::to_string(verdict.depth) + ": " +
           verdict.library_code + " " + verdict.library_message;
  }

  std::unique_ptr<Provider> provider;
  std::unique_ptr<PrivateKey> root_key, intermediate_key;
  Bytes root, intermediate, leaf;
};

TEST_P(Crl, OpensslVerifiesTheCrlAndReadsItsEntries) {
  CrlSpec spec = crl_listing({Bytes{0x0A, 0x1B}, Bytes{0x7F}});
  spec.revoked[1].reason.reset();
  spec.number = {0x05};
  const Bytes crl = issue(spec, *root_key, root);
  const auto verdict = openssl_verify_crl(crl, root);
  ASSERT_TRUE(verdict.accepted) << verdict.output;
  EXPECT_NE(verdict.output.find("Version 2"), std::string::npos) << verdict.output;
  EXPECT_NE(verdict.output.find("Serial Number: 0A1B"), std::string::npos) << verdict.output;
  EXPECT_NE(verdict.output.find("Serial Number: 7F"), std::string::npos) << verdict.output;
  EXPECT_NE(verdict.output.find("Key Compromise"), std::string::npos) << verdict.output;
  EXPECT_NE(verdict.output.find("X509v3 CRL Number"), std::string::npos) << verdict.output;
  EXPECT_NE(verdict.output.find("X509v3 Authority Key Identifier"), std::string::npos) << verdict.output;
  // openssl lists the entries as written: in serial order, the smaller first.
  EXPECT_LT(verdict.output.find("Serial Number: 7F"), verdict.output.find("Serial Number: 0A1B"));
}

TEST_P(Crl, EveryBackendReadsItAndVerifiesItsSignature) {
  const Bytes crl = intermediate_crl({serial_of(leaf)});
  for (const std::string& consumer : backend_names()) {
    auto reader = make_backend(consumer);
    ASSERT_TRUE(reader);
    auto read = reader->parse_crl(crl, ByteView(intermediate));
    ASSERT_TRUE(read) << consumer << ": " << describe(read);
    EXPECT_EQ(read->signature_status, SignatureStatus::verifies) << consumer << ": " << read->signature_note;
    EXPECT_EQ(format_slash(read->issuer), "/C=US/O=Acme/CN=CRL Intermediate") << consumer;
    EXPECT_EQ(read->version, 2u);
    EXPECT_EQ(read->number, std::optional<Bytes>(Bytes{0x01}));
    ASSERT_EQ(read->revoked.size(), 1u) << consumer;
    EXPECT_EQ(read->revoked[0].serial, serial_of(leaf));
    EXPECT_EQ(read->revoked[0].reason, RevocationReason::key_compromise);
    EXPECT_NE(find_revoked(*read, serial_of(leaf)), nullptr);
    // Checked with the root's key, the same list does not verify.
    auto wrong = reader->parse_crl(crl, ByteView(root));
    ASSERT_TRUE(wrong) << describe(wrong);
    EXPECT_EQ(wrong->signature_status, SignatureStatus::does_not_verify) << consumer;
  }
}

TEST_P(Crl, TheSignedPartIsTheSameBytesOnEveryBackend) {
  const CrlSpec spec = crl_listing({serial_of(leaf)}, 1893456000);  // 2030-01-01, fixed
  auto mine = inspect_crl(issue(spec, *root_key, root));
  ASSERT_TRUE(mine) << describe(mine);
  for (const std::string& other : backend_names()) {
    auto producer = make_backend(other);
    auto key = fixture_key(*producer, kRootKey);
    ASSERT_TRUE(key);
    auto root_there = producer->issue_certificate(ca_certificate_spec("CRL Root", std::nullopt),
                                                  spki_of(kRootKey), **key, std::nullopt);
    ASSERT_TRUE(root_there) << describe(root_there);
    auto theirs = producer->issue_crl(spec, **key, ByteView(*root_there));
    ASSERT_TRUE(theirs) << other << ": " << describe(theirs);
    auto read = inspect_crl(*theirs);
    ASSERT_TRUE(read) << describe(read);
    EXPECT_EQ(read->to_be_signed, mine->to_be_signed) << GetParam() << " and " << other << " differ";
  }
}

TEST_P(Crl, OnlyACaWithCrlSignIssuesOne) {
  auto leaf_key = fixture_key(*provider, kLeafKey);
  ASSERT_TRUE(leaf_key);
  auto by_leaf = provider->issue_crl(crl_listing({}), **leaf_key, leaf);
  ASSERT_FALSE(by_leaf);
  EXPECT_EQ(by_leaf.error().code, ErrorCode::mismatch) << by_leaf.error().message;
  EXPECT_NE(by_leaf.error().message.find("not a CA"), std::string::npos) << by_leaf.error().message;
  auto wrong_key = provider->issue_crl(crl_listing({}), *intermediate_key, root);
  ASSERT_FALSE(wrong_key);
  EXPECT_EQ(wrong_key.error().code, ErrorCode::mismatch) << wrong_key.error().message;
}

TEST_P(Crl, ASerialListedTwiceIsRefused) {
  auto twice = provider->issue_crl(crl_listing({Bytes{0x05}, Bytes{0x00, 0x05}}), *root_key, root);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::invalid_input) << twice.error().message;
}

TEST_P(Crl, APathWhoseCertificatesAreNotRevokedIsValid) {
  const std::vector<Bytes> crls = {intermediate_crl({Bytes{0x42}}), root_crl()};
  const PathVerdict verdict = verdict_of(request_with(crls));
  EXPECT_TRUE(verdict.valid) << shown(verdict);
  EXPECT_TRUE(openssl_verify_with_crls(root, {intermediate}, leaf, crls, true).accepted);
}

TEST_P(Crl, ARevokedLeafIsRefusedAtDepthZero) {
  const std::vector<Bytes> crls = {intermediate_crl({serial_of(leaf)}), root_crl()};
  const PathVerdict verdict = verdict_of(request_with(crls));
  EXPECT_FALSE(verdict.valid);
  EXPECT_EQ(verdict.check, PathCheck::revoked) << shown(verdict);
  EXPECT_EQ(verdict.depth, 0) << shown(verdict);
  const auto oracle = openssl_verify_with_crls(root, {intermediate}, leaf, crls, true);
  EXPECT_FALSE(oracle.accepted);
  EXPECT_NE(oracle.output.find("certificate revoked"), std::string::npos) << oracle.output;
}

TEST_P(Crl, ARevokedIntermediateIsRefusedAtDepthOne) {
  const std::vector<Bytes> crls = {intermediate_crl(), root_crl({serial_of(intermediate)})};
  const PathVerdict verdict = verdict_of(request_with(crls));
  EXPECT_FALSE(verdict.valid);
  EXPECT_EQ(verdict.check, PathCheck::revoked) << shown(verdict);
  EXPECT_EQ(verdict.depth, 1) << shown(verdict);
  EXPECT_FALSE(openssl_verify_with_crls(root, {intermediate}, leaf, crls, true).accepted);
}

TEST_P(Crl, ACertificateInScopeWithoutACrlIsRefused) {
  const std::vector<Bytes> crls = {intermediate_crl()};  // none from the root
  const PathVerdict whole_chain = verdict_of(request_with(crls, RevocationScope::chain));
  EXPECT_FALSE(whole_chain.valid);
  EXPECT_EQ(whole_chain.check, PathCheck::revocation_unknown) << shown(whole_chain);
  EXPECT_EQ(whole_chain.depth, 1) << shown(whole_chain);
  const PathVerdict leaf_only = verdict_of(request_with(crls, RevocationScope::leaf));
  EXPECT_TRUE(leaf_only.valid) << shown(leaf_only);
  EXPECT_FALSE(openssl_verify_with_crls(root, {intermediate}, leaf, crls, true).accepted);
  EXPECT_TRUE(openssl_verify_with_crls(root, {intermediate}, leaf, crls, false).accepted);
}

TEST_P(Crl, AnExpiredCrlIsRefusedNotIgnored) {
  CrlSpec spec = crl_listing({});
  spec.this_update = now() - 10 * kDay;
  spec.next_update = now() - kDay;
  const std::vector<Bytes> crls = {issue(spec, *intermediate_key, intermediate), root_crl()};
  const PathVerdict verdict = verdict_of(request_with(crls));
  EXPECT_FALSE(verdict.valid);
  EXPECT_EQ(verdict.check, PathCheck::crl_invalid) << shown(verdict);
  EXPECT_EQ(verdict.depth, 0) << shown(verdict);
  const auto oracle = openssl_verify_with_crls(root, {intermediate}, leaf, crls, true);
  EXPECT_FALSE(oracle.accepted);
  EXPECT_NE(oracle.output.find("CRL has expired"), std::string::npos) << oracle.output;
}

TEST_P(Crl, ACrlSignedByAnotherKeyWithTheIssuersNameIsRefusedNotIgnored) {
  // A CA with the intermediate's name and another key issues the leaf's CRL.
  auto impostor_key = fixture_key(*provider, kImpostorKey);
  ASSERT_TRUE(impostor_key);
  auto impostor = provider->issue_certificate(ca_certificate_spec("CRL Intermediate", std::nullopt),
                                              spki_of(kImpostorKey), **impostor_key, std::nullopt);
  ASSERT_TRUE(impostor) << describe(impostor);
  const std::vector<Bytes> crls = {issue(crl_listing({}), **impostor_key, *impostor), root_crl()};
  const PathVerdict verdict = verdict_of(request_with(crls));
  EXPECT_FALSE(verdict.valid);
  EXPECT_EQ(verdict.depth, 0) << shown(verdict);
  if (GetParam() == "botan") {
    // Botan looks a CRL up by issuer name and key identifier: this one is not found, so
    // the leaf has no revocation data.
    EXPECT_EQ(verdict.check, PathCheck::revocation_unknown) << shown(verdict);
  } else {
    EXPECT_TRUE(verdict.check == PathCheck::crl_invalid || verdict.check == PathCheck::revocation_unknown)
        << shown(verdict);
  }
  EXPECT_FALSE(openssl_verify_with_crls(root, {intermediate}, leaf, crls, true).accepted);
}

TEST_P(Crl, AMalformedCrlIsRefusedBeforeTheLibrary) {
  Bytes crl = intermediate_crl();
  crl.push_back(0x00);
  auto verdict = provider->validate_path(request_with({crl, root_crl()}));
  ASSERT_FALSE(verdict);
  EXPECT_EQ(verdict.error().code, ErrorCode::invalid_input) << verdict.error().message;
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, Crl, ::testing::ValuesIn(backend_names()),
                         [](const ::testing::TestParamInfo<std::string>& test) { return test.param; });

}  // namespace
}  // namespace polycert::testing
