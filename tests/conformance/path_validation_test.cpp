// Path validation on every backend (Provider::validate_path): each library's own validator
// gives the verdict RFC 5280 and RFC 6125 require for a path polycert builds, or refuses
// what it cannot check as unsupported, naming it. Where a library decides differently from
// the RFC, the test says so and expects the library's decision: that difference is what
// `polycert verify --backends all` exists to show.
#include "backend_cases.hpp"
#include "fixtures.hpp"
#include "x509_cases.hpp"

#include <polycert/name.hpp>
#include <polycert/capabilities.hpp>
#include <polycert/crl.hpp>
#include <polycert/path_validation.hpp>

#include <gtest/gtest.h>

namespace polycert::testing {
namespace {

constexpr KeySpec kRootKey = KeySpec::ec(Curve::p256);
constexpr KeySpec kIntermediateKey = KeySpec::rsa(2048);
constexpr KeySpec kLeafKey = KeySpec::ec(Curve::p384);
constexpr std::int64_t k2020 = 1577836800;  // 2020-01-01T00:00:00Z
constexpr std::int64_t k2021 = 1609459200;  // 2021-01-01T00:00:00Z
constexpr std::int64_t k2090 = 3786912000;  // 2090-01-01T00:00:00Z
constexpr std::int64_t k2095 = 3944678400;  // 2095-01-01T00:00:00Z

Bytes spki_of(const KeySpec& spec) { return fixture("keys/" + fixture_stem(spec) + ".spki.der"); }

// Root -> intermediate -> leaf, issued by `provider` with the committed keys.
struct Pki {
  Bytes root, intermediate, leaf;
};

class PathValidation : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    provider = make_backend(GetParam());
    ASSERT_TRUE(provider);
  }

  Pki issue(const CertificateSpec& leaf_spec) {
    Pki pki;
    auto root_key = fixture_key(*provider, kRootKey);
    auto intermediate_key = fixture_key(*provider, kIntermediateKey);
    EXPECT_TRUE(root_key && intermediate_key);
    if (!root_key || !intermediate_key) return pki;
    auto root = provider->issue_certificate(ca_certificate_spec("Path Root", std::nullopt),
                                            spki_of(kRootKey), **root_key, std::nullopt);
    EXPECT_TRUE(root) << describe(root);
    if (!root) return pki;
    pki.root = *root;
    auto intermediate =
        provider->issue_certificate(ca_certificate_spec("Path Intermediate", std::nullopt),
                                    spki_of(kIntermediateKey), **root_key, ByteView(pki.root));
    EXPECT_TRUE(intermediate) << describe(intermediate);
    if (!intermediate) return pki;
    pki.intermediate = *intermediate;
    auto leaf = provider->issue_certificate(leaf_spec, spki_of(kLeafKey), **intermediate_key,
                                            ByteView(pki.intermediate));
    EXPECT_TRUE(leaf) << describe(leaf);
    if (leaf) pki.leaf = *leaf;
    return pki;
  }

  static PathValidationRequest request_for(const Pki& pki) {
    PathValidationRequest request;
    request.leaf = pki.leaf;
    request.untrusted = {pki.intermediate};
    request.trusted = {pki.root};
    return request;
  }

  // The verdict, failing the test when the backend gives none.
  PathVerdict verdict_of(const PathValidationRequest& request) {
    auto verdict = provider->validate_path(request);
    EXPECT_TRUE(verdict) << describe(verdict);
    return verdict.value_or(PathVerdict{});
  }

  void expect_refused(const PathVerdict& verdict, PathCheck check, int depth) {
    EXPECT_FALSE(verdict.valid);
    EXPECT_EQ(to_string(verdict.check), to_string(check))
        << verdict.library_code << ": " << verdict.library_message;
    EXPECT_EQ(verdict.depth, depth) << verdict.library_code;
    EXPECT_FALSE(verdict.library_message.empty());
  }

  bool is(std::string_view backend) const { return GetParam() == backend; }

  std::unique_ptr<Provider> provider;
};

TEST_P(PathValidation, AGoodPathIsValidForItsHostAndPurpose) {
  const Pki pki = issue(leaf_certificate_spec("api.path.example"));
  PathValidationRequest request = request_for(pki);
  request.host = "api.path.example";
  request.purpose = Purpose::server;
  const PathVerdict verdict = verdict_of(request);
  EXPECT_TRUE(verdict.valid) << to_string(verdict.check) << " " << verdict.library_code << ": "
                             << verdict.library_message;
  ASSERT_EQ(verdict.path.size(), 3u);
  EXPECT_EQ(verdict.path[0], "/C=US/O=Acme/CN=api.path.example");
  EXPECT_EQ(verdict.path[2], "/C=US/O=Acme/CN=Path Root");
}

TEST_P(PathValidation, AnExpiredLeafIsRefusedAtDepthZero) {
  CertificateSpec spec = leaf_certificate_spec("old.path.example");
  spec.not_before = k2020;
  spec.not_after = k2021;
  const PathVerdict verdict = verdict_of(request_for(issue(spec)));
  expect_refused(verdict, PathCheck::expired, 0);
  EXPECT_EQ(verdict.certificate, "/C=US/O=Acme/CN=old.path.example");
}

TEST_P(PathValidation, ALeafNotYetValidIsRefusedAtDepthZero) {
  CertificateSpec spec = leaf_certificate_spec("future.path.example");
  spec.not_before = k2090;
  spec.not_after = k2095;
  expect_refused(verdict_of(request_for(issue(spec))), PathCheck::not_yet_valid, 0);
}

TEST_P(PathValidation, AnotherHostIsRefused) {
  PathValidationRequest request = request_for(issue(leaf_certificate_spec("api.path.example")));
  request.host = "other.path.example";
  expect_refused(verdict_of(request), PathCheck::host, 0);
}

TEST_P(PathValidation, AWildcardCoversOneLabelOnly) {
  CertificateSpec spec = leaf_certificate_spec("wild.path.example");
  spec.extensions.subject_alt_names = *parse_subject_alt_names("DNS:*.path.example");
  const Pki pki = issue(spec);
  PathValidationRequest request = request_for(pki);
  request.host = "api.path.example";
  EXPECT_TRUE(verdict_of(request).valid);
  request.host = "x.api.path.example";
  EXPECT_FALSE(verdict_of(request).valid);
  request.host = "path.example";
  EXPECT_FALSE(verdict_of(request).valid);
}

TEST_P(PathValidation, AnotherRootIsNotTrusted) {
  const Pki pki = issue(leaf_certificate_spec("api.path.example"));
  PathValidationRequest request = request_for(pki);
  auto stranger_key = fixture_key(*provider, KeySpec::ec(Curve::p521));
  ASSERT_TRUE(stranger_key);
  auto stranger = provider->issue_certificate(ca_certificate_spec("Stranger Root", std::nullopt),
                                              spki_of(KeySpec::ec(Curve::p521)), **stranger_key,
                                              std::nullopt);
  ASSERT_TRUE(stranger) << describe(stranger);
  request.trusted = {*stranger};
  const PathVerdict verdict = verdict_of(request);
  EXPECT_FALSE(verdict.valid);
  EXPECT_EQ(to_string(verdict.check), to_string(PathCheck::untrusted)) << verdict.library_code;
}

TEST_P(PathValidation, AMissingIntermediateLeavesNoPath) {
  PathValidationRequest request = request_for(issue(leaf_certificate_spec("api.path.example")));
  request.untrusted.clear();
  const PathVerdict verdict = verdict_of(request);
  EXPECT_FALSE(verdict.valid);
  EXPECT_EQ(to_string(verdict.check), to_string(PathCheck::untrusted)) << verdict.library_code;
}

TEST_P(PathValidation, AServerCertificateIsNotForClients) {
  PathValidationRequest request = request_for(issue(leaf_certificate_spec("api.path.example")));
  request.purpose = Purpose::client;
  const PathVerdict verdict = verdict_of(request);
  EXPECT_FALSE(verdict.valid);
  EXPECT_EQ(to_string(verdict.check), to_string(PathCheck::purpose)) << verdict.library_code;
}

TEST_P(PathValidation, AnIpAddressIsCheckedWhereTheLibraryCan) {
  PathValidationRequest request = request_for(issue(leaf_certificate_spec("api.path.example")));
  request.ip = "192.0.2.10";
  auto verdict = provider->validate_path(request);
  if (is("openssl")) {
    ASSERT_TRUE(verdict) << describe(verdict);
    EXPECT_TRUE(verdict->valid);
    request.ip = "192.0.2.11";
    expect_refused(verdict_of(request), PathCheck::host, 0);
  } else {  // Botan 2 and Mbed TLS 2.28 match DNS names only
    ASSERT_FALSE(verdict);
    EXPECT_EQ(verdict.error().code, ErrorCode::unsupported);
    EXPECT_NE(verdict.error().message.find("ip-address"), std::string::npos) << verdict.error().message;
  }
}

TEST_P(PathValidation, AValidationTimeIsUsedWhereTheLibraryCanTakeOne) {
  CertificateSpec spec = leaf_certificate_spec("old.path.example");
  spec.not_before = k2020;
  spec.not_after = k2021;
  PathValidationRequest request = request_for(issue(spec));
  request.at = k2020 + 86400;
  auto verdict = provider->validate_path(request);
  if (is("mbedtls")) {  // it compares with the system clock
    ASSERT_FALSE(verdict);
    EXPECT_EQ(verdict.error().code, ErrorCode::unsupported) << verdict.error().message;
  } else {
    // The root and intermediate were not valid before 2023 (kNotBefore): the leaf is, but
    // the path is not.
    ASSERT_TRUE(verdict) << describe(verdict);
    EXPECT_FALSE(verdict->valid);
    EXPECT_EQ(to_string(verdict->check), to_string(PathCheck::not_yet_valid)) << verdict->library_code;
  }
}

TEST_P(PathValidation, TheCommonNameCountsOnlyWhereTheLibraryFallsBackToIt) {
  CertificateSpec spec = leaf_certificate_spec("cn.path.example");
  spec.extensions.subject_alt_names = {};
  PathValidationRequest request = request_for(issue(spec));
  request.host = "cn.path.example";
  const PathVerdict strict = verdict_of(request);
  if (is("openssl")) {
    expect_refused(strict, PathCheck::host, 0);  // RFC 9525: no CN fallback
    request.cn_fallback = true;
    EXPECT_TRUE(verdict_of(request).valid);
  } else {
    // Botan 2 and Mbed TLS 2.28 fall back to the CN when there is no DNS name: a departure
    // from RFC 9525 6.4.4 that --backends all shows.
    EXPECT_TRUE(strict.valid) << strict.library_code;
  }
}

// The validate_path rows of the capability matrix say what the validator does: a check a
// row calls missing is refused as unsupported with the row's note, and one it supports
// gives a verdict.
TEST_P(PathValidation, EveryValidatePathRowSaysWhatTheValidatorDoes) {
  const Pki pki = issue(leaf_certificate_spec("api.path.example"));
  auto root_key = fixture_key(*provider, kRootKey);
  ASSERT_TRUE(root_key);
  CrlSpec crl;
  crl.this_update = 1700000000;
  crl.next_update = 4000000000;
  crl.number = {0x01};
  auto root_crl = provider->issue_crl(crl, **root_key, pki.root);
  ASSERT_TRUE(root_crl) << describe(root_crl);
  for (std::string_view check : kPathValidationChecks) {
    PathValidationRequest request = request_for(pki);
    if (check == "host-name") request.host = "api.path.example";
    if (check == "ip-address") request.ip = "192.0.2.10";
    if (check == "email-address") request.email = "ops@path.example";
    if (check == "at-time") request.at = 1900000000;
    if (check == "max-depth") request.max_depth = 4;
    if (check == "purpose:server") request.purpose = Purpose::server;
    if (check == "purpose:client") request.purpose = Purpose::client;
    if (check == "purpose:code-signing") request.purpose = Purpose::code_signing;
    if (check == "purpose:email") request.purpose = Purpose::email;
    if (check == "crl") {
      request.crls = {*root_crl};
      request.revocation = RevocationScope::leaf;
    }
    ASSERT_EQ(checks_asked(request), std::vector<std::string_view>{check});
    const Capability* row = provider->capabilities().find(Operation::validate_path, check);
    ASSERT_NE(row, nullptr) << check;
    auto verdict = provider->validate_path(request);
    if (row->supported) {
      EXPECT_TRUE(verdict) << check << ": " << describe(verdict);
    } else {
      ASSERT_FALSE(verdict) << check;
      EXPECT_EQ(verdict.error().code, ErrorCode::unsupported) << check;
      EXPECT_NE(verdict.error().message.find(row->note), std::string::npos) << verdict.error().message;
    }
  }
}

TEST_P(PathValidation, AMalformedCertificateIsRefusedBeforeTheLibrary) {
  PathValidationRequest request = request_for(issue(leaf_certificate_spec("api.path.example")));
  request.leaf.push_back(0x00);
  auto verdict = provider->validate_path(request);
  ASSERT_FALSE(verdict);
  EXPECT_EQ(verdict.error().code, ErrorCode::invalid_input) << verdict.error().message;
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, PathValidation, ::testing::ValuesIn(backend_names()),
                         [](const ::testing::TestParamInfo<std::string>& test) { return test.param; });

}  // namespace
}  // namespace polycert::testing
