// Bad key input gets the right error code on every backend, whatever the library's own
// leniency: the strict framing in core runs first.
#include "backend_cases.hpp"
#include "fixtures.hpp"

#include <polycert/der.hpp>
#include <polycert/key_encoding.hpp>

#include <gtest/gtest.h>

namespace polycert::testing {
namespace {

class BadKeys : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    provider = make_backend(GetParam());
    ASSERT_TRUE(provider);
  }

  void expect_private_key_error(ByteView der, ErrorCode code, std::string_view message_part = {}) {
    auto key = provider->import_private_key(der);
    ASSERT_FALSE(key) << "accepted bad input";
    EXPECT_EQ(key.error().code, code) << key.error().message;
    if (!message_part.empty()) {
      EXPECT_NE(key.error().message.find(message_part), std::string::npos) << key.error().message;
    }
  }

  std::unique_ptr<Provider> provider;
};

TEST_P(BadKeys, EmptyInputIsInvalid) { expect_private_key_error({}, ErrorCode::invalid_input, "empty"); }

TEST_P(BadKeys, RandomBytesAreInvalid) {
  const Bytes noise = {0x13, 0x37, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x42};
  expect_private_key_error(noise, ErrorCode::invalid_input);
}

TEST_P(BadKeys, TrailingDataIsInvalid) {
  Bytes der = fixture("keys/ec-P-256.pkcs8.der");
  der.push_back(0x00);
  expect_private_key_error(der, ErrorCode::invalid_input, "trailing");
}

TEST_P(BadKeys, TruncatedKeyIsInvalid) {
  Bytes der = fixture("keys/rsa-2048.pkcs8.der");
  der.resize(der.size() / 2);
  expect_private_key_error(der, ErrorCode::invalid_input, "truncated");
}

TEST_P(BadKeys, PublicKeyGivenAsPrivateKeyIsInvalid) {
  expect_private_key_error(fixture("keys/ec-P-256.spki.der"), ErrorCode::invalid_input);
}

TEST_P(BadKeys, CorruptRsaKeyInsideValidFramingIsInvalid) {
  // Well-framed PKCS#8 whose RSAPrivateKey is a SEQUENCE of one small INTEGER.
  const Bytes inner = {0x30, 0x03, 0x02, 0x01, 0x00};
  SecureBuffer body = der::element(der::kInteger, Bytes{0x00});
  const SecureBuffer alg_content = [] {
    SecureBuffer content = der::element(der::kOid, der::encode_oid("1.2.840.113549.1.1.1"));
    der::append_element(content, der::kNull, {});
    return content;
  }();
  der::append_element(body, der::kSequence, alg_content);
  der::append_element(body, der::kOctetString, inner);
  expect_private_key_error(der::element(der::kSequence, body), ErrorCode::invalid_input);
}

TEST_P(BadKeys, CurveNoBackendOffersIsUnsupported) {
  expect_private_key_error(fixture("keys/ec-secp256k1.pkcs8.der"), ErrorCode::unsupported,
                           GetParam());
  auto public_key = provider->import_public_key(fixture("keys/ec-secp256k1.spki.der"));
  ASSERT_FALSE(public_key);
  EXPECT_EQ(public_key.error().code, ErrorCode::unsupported) << public_key.error().message;
}

TEST_P(BadKeys, GarbagePublicKeyIsInvalid) {
  const Bytes garbage = {0x30, 0x03, 0x02, 0x01, 0x05};
  auto key = provider->import_public_key(garbage);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, ErrorCode::invalid_input) << key.error().message;
}

TEST_P(BadKeys, KeyOfAnotherBackendIsRefused) {
  struct Foreign final : PrivateKey {
    std::string_view backend() const override { return "elsewhere"; }
    KeySpec spec() const override { return KeySpec::ec(Curve::p256); }
  } foreign;
  auto der = provider->export_private_key(foreign, PrivateKeyEncoding::pkcs8);
  ASSERT_FALSE(der);
  EXPECT_EQ(der.error().code, ErrorCode::invalid_input);
  EXPECT_NE(der.error().message.find("elsewhere"), std::string::npos) << der.error().message;
}

TEST_P(BadKeys, Ed25519HasNoTraditionalForm) {
  if (!provider->capabilities().supports(Operation::import_pkcs8, KeySpec::ed25519()))
    GTEST_SKIP() << GetParam() << " cannot hold Ed25519 keys";
  auto key = provider->import_private_key(fixture("keys/ed25519.pkcs8.der"));
  ASSERT_TRUE(key) << describe(key);
  auto der = provider->export_private_key(**key, PrivateKeyEncoding::traditional);
  ASSERT_FALSE(der);
  EXPECT_EQ(der.error().code, ErrorCode::invalid_input);
}

TEST_P(BadKeys, UnlistedKeySpecIsNotGenerated) {
  auto key = provider->generate_key(KeySpec::rsa(1024));
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, ErrorCode::invalid_input);
}

// RFC 5958 version 1 PKCS#8 of a fixture key, carrying `public_spki`'s public key.
Bytes pkcs8_version1(const std::string& stem, const std::string& public_spki_stem) {
  const Bytes v0 = fixture("keys/" + stem + ".pkcs8.der");
  der::Reader top(v0);
  der::Reader body(top.next()->content);
  body.next();  // version 0
  SecureBuffer content = der::element(der::kInteger, Bytes{0x01});
  while (!body.empty()) {
    const auto element = body.next();
    content.insert(content.end(), element->whole.begin(), element->whole.end());
  }
  const Bytes spki = fixture("keys/" + public_spki_stem + ".spki.der");
  der::append_element(content, 0x81, *spki_public_key_bits(spki));
  const SecureBuffer v1 = der::element(der::kSequence, content);
  return Bytes(v1.begin(), v1.end());
}

TEST_P(BadKeys, Pkcs8Version1WithItsOwnPublicKeyReads) {
  for (const std::string stem : {"ed25519", "ec-P-256", "rsa-2048"}) {
    auto spec = parse_key_spec(stem == "ec-P-256" ? "ec:P-256" : stem == "rsa-2048" ? "rsa:2048" : stem);
    ASSERT_TRUE(spec);
    if (!provider->capabilities().supports(Operation::import_pkcs8, *spec)) continue;
    auto key = provider->import_private_key(pkcs8_version1(stem, stem));
    ASSERT_TRUE(key) << stem << ": " << describe(key);
    EXPECT_EQ(*provider->export_public_key(**key), fixture("keys/" + stem + ".spki.der")) << stem;
  }
}

TEST_P(BadKeys, Pkcs8Version1WithAnotherKeysPublicKeyIsInvalid) {
  expect_private_key_error(pkcs8_version1("ec-P-256", "ec-P-384"), ErrorCode::invalid_input,
                           "does not match");
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, BadKeys, ::testing::ValuesIn(backend_names()),
                         [](const auto& test) { return test.param; });

}  // namespace
}  // namespace polycert::testing
