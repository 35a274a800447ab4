// Core encodes every request and certificate polycert makes, and each backend only signs
// (Provider::sign). OpenSSL's own builders (X509_REQ, X509 and their sign_ctx) stay as an
// independent writer: for the same contents they must write the same signed part byte for
// byte, and the same whole object where the signature is deterministic (RSA PKCS#1 v1.5,
// Ed25519).
#include "x509_cases.hpp"

#include <polycert/backends/openssl.hpp>

#include <gtest/gtest.h>

namespace polycert::testing {
namespace {

using backends::create_csr_natively;
using backends::issue_certificate_natively;

const KeySpec kSpecs[] = {KeySpec::rsa(2048), KeySpec::ec(Curve::p256), KeySpec::ec(Curve::p384),
                          KeySpec::ed25519()};

bool deterministic(const KeySpec& spec) { return spec.algorithm != KeyAlgorithm::ec; }

class NativeBuilders : public ::testing::TestWithParam<KeySpec> {
 protected:
  void SetUp() override {
    openssl = backends::make_openssl_provider();
    if (!openssl->capabilities().supports(Operation::create_csr, GetParam()))
      GTEST_SKIP() << "this OpenSSL cannot sign with " << to_string(GetParam());
    auto loaded = fixture_key(*openssl, GetParam());
    ASSERT_TRUE(loaded) << describe(loaded);
    key = std::move(*loaded);
    auto exported = openssl->export_public_key(*key);
    ASSERT_TRUE(exported) << describe(exported);
    spki = std::move(*exported);
  }

  void expect_same(const Result<Bytes>& from_core, const Result<Bytes>& from_openssl) {
    ASSERT_TRUE(from_core) << describe(from_core);
    ASSERT_TRUE(from_openssl) << describe(from_openssl);
    EXPECT_EQ(signed_part(*from_core), signed_part(*from_openssl));
    if (deterministic(GetParam())) {
      EXPECT_EQ(*from_core, *from_openssl);
    }
  }

  std::unique_ptr<Provider> openssl;
  std::unique_ptr<PrivateKey> key;
  Bytes spki;
};

TEST_P(NativeBuilders, RequestsAreWhatX509ReqWrites) {
  const CsrSpec spec = full_csr_spec();
  expect_same(openssl->create_csr(*key, spec), create_csr_natively(*openssl, *key, spec));
}

TEST_P(NativeBuilders, SelfSignedCertificatesAreWhatX509Writes) {
  const CertificateSpec spec = ca_certificate_spec("Native Root", 1);
  expect_same(openssl->issue_certificate(spec, spki, *key, std::nullopt),
              issue_certificate_natively(*openssl, spec, spki, *key, std::nullopt));
}

TEST_P(NativeBuilders, IssuedCertificatesAreWhatX509Writes) {
  auto root = openssl->issue_certificate(ca_certificate_spec("Native Root", 1), spki, *key,
                                         std::nullopt);
  ASSERT_TRUE(root) << describe(root);
  auto leaf_key = fixture_key(*openssl, KeySpec::ec(Curve::p256));
  ASSERT_TRUE(leaf_key) << describe(leaf_key);
  auto leaf_spki = openssl->export_public_key(**leaf_key);
  ASSERT_TRUE(leaf_spki) << describe(leaf_spki);
  const CertificateSpec spec = leaf_certificate_spec("native.acme.example");
  expect_same(openssl->issue_certificate(spec, *leaf_spki, *key, ByteView(*root)),
              issue_certificate_natively(*openssl, spec, *leaf_spki, *key, ByteView(*root)));
}

INSTANTIATE_TEST_SUITE_P(EveryKeyOpensslHolds, NativeBuilders, ::testing::ValuesIn(kSpecs),
                         [](const ::testing::TestParamInfo<KeySpec>& param) {
                           std::string name = to_string(param.param);
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
}  // namespace polycert::testing
