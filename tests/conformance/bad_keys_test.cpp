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

// The elements of a DER SEQUENCE, each whole (tag, length, content).
std::vector<Bytes> sequence_elements(ByteView der) {
  der::Reader top(der);
  der::Reader body(top.next()->content);
  std::vector<Bytes> elements;
  while (!body.empty()) {
    const auto element = body.next();
    elements.emplace_back(element->whole.begin(), element->whole.end());
  }
  return elements;
}

Bytes sequence_of(const std::vector<Bytes>& elements) {
  SecureBuffer content;
  for (const Bytes& element : elements) content.insert(content.end(), element.begin(), element.end());
  const SecureBuffer sequence = der::element(der::kSequence, content);
  return Bytes(sequence.begin(), sequence.end());
}

TEST_P(BadKeys, RsaKeyWhoseValuesDoNotBelongTogetherIsInvalid) {
  // RSAPrivateKey: version, n, e, d, p, q, d mod (p-1), d mod (q-1), q^-1 mod p. Changing
  // one bit of one value (n stays odd) leaves a well-formed key that cannot work.
  const std::vector<Bytes> fields = sequence_elements(fixture("keys/rsa-2048.traditional.der"));
  ASSERT_EQ(fields.size(), 9u);
  const std::pair<std::size_t, const char*> values[] = {
      {1, "n"}, {3, "d"}, {6, "d mod (p-1)"}, {7, "d mod (q-1)"}, {8, "q^-1 mod p"}};
  for (const auto& [index, name] : values) {
    std::vector<Bytes> altered = fields;
    altered[index].back() ^= 0x02;
    auto key = provider->import_private_key(sequence_of(altered));
    ASSERT_FALSE(key) << "accepted an RSA key with another " << name;
    EXPECT_EQ(key.error().code, ErrorCode::invalid_input) << name << ": " << key.error().message;
  }
}

TEST_P(BadKeys, EcKeyCarryingAnotherPublicPointIsInvalid) {
  // ECPrivateKey: version, privateKey, [0] parameters, [1] publicKey. The P-256 generator
  // is on the curve, so only a check against the private scalar refuses it.
  std::vector<Bytes> fields = sequence_elements(fixture("keys/ec-P-256.traditional.der"));
  ASSERT_EQ(fields.size(), 4u);
  const SecureBuffer point = der::element(
      der::kBitString,
      Bytes{0x00, 0x04, 0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47, 0xf8, 0xbc, 0xe6, 0xe5,
            0x63, 0xa4, 0x40, 0xf2, 0x77, 0x03, 0x7d, 0x81, 0x2d, 0xeb, 0x33, 0xa0, 0xf4, 0xa1,
            0x39, 0x45, 0xd8, 0x98, 0xc2, 0x96, 0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a, 0x7f, 0x9b,
            0x8e, 0xe7, 0xeb, 0x4a, 0x7c, 0x0f, 0x9e, 0x16, 0x2b, 0xce, 0x33, 0x57, 0x6b, 0x31,
            0x5e, 0xce, 0xcb, 0xb6, 0x40, 0x68, 0x37, 0xbf, 0x51, 0xf5});
  const SecureBuffer public_key = der::element(0xA1, point);
  fields[3] = Bytes(public_key.begin(), public_key.end());
  expect_private_key_error(sequence_of(fields), ErrorCode::invalid_input);
}

// RFC 5958 version 1 PKCS#8 of a fixture key, carrying `public_spki`'s public key.
Bytes pkcs8_version1(const std::string& stem, const std::string& public_spki_stem) {
  const Bytes v0 = fixture("keys/" + stem + ".pkcs8.der");
  der::Reader top(v0);
  der::Reader body(top.next()->content);
  EXPECT_TRUE(body.next());  // version 0, replaced below
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
