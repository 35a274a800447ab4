// Core's one reading of certificates and signature algorithms (x509_structure.hpp,
// signature.hpp): the rules of docs/strictness.md, on the files of tests/fixtures/wild
// (made by its make.py with the openssl CLI). No backend is involved.
#include "fixtures.hpp"

#include <polycert/der.hpp>
#include <polycert/key_structure.hpp>
#include <polycert/signature.hpp>
#include <polycert/x509_structure.hpp>

#include <gtest/gtest.h>

namespace polycert {
namespace {

using testing::fixture;

Result<CertificateStructure> wild(const std::string& name) {
  static std::vector<Bytes> keep;  // the views point into the bytes
  keep.push_back(fixture("wild/" + name));
  return inspect_certificate(keep.back());
}

void expect_refused(const std::string& name, std::string_view says) {
  auto structure = wild(name);
  ASSERT_FALSE(structure) << name << " was read";
  EXPECT_EQ(structure.error().code, ErrorCode::invalid_input);
  EXPECT_NE(structure.error().message.find(says), std::string::npos) << structure.error().message;
}

TEST(CertificateStructure, ReadsAnOrdinaryV3Certificate) {
  auto structure = wild("base.der");
  ASSERT_TRUE(structure) << structure.error().message;
  EXPECT_EQ(structure->version, 3u);
  EXPECT_FALSE(structure->extensions.empty());
  EXPECT_TRUE(structure->warnings.empty());
}

TEST(CertificateStructure, RefusesWhatRfc5280Forbids) {
  expect_refused("version-7.der", "version field 7");
  expect_refused("v1-with-extensions.der", "4.1.2.9");
  expect_refused("algorithm-mismatch.der", "4.1.1.2");
  expect_refused("extension-twice.der", "appears twice");
}

TEST(CertificateStructure, ReadsOddSerialsWithAWarning) {
  for (const char* name : {"serial-negative.der", "serial-zero.der", "serial-21-octets.der"}) {
    auto structure = wild(name);
    ASSERT_TRUE(structure) << name << ": " << structure.error().message;
    ASSERT_EQ(structure->warnings.size(), 1u) << name;
    EXPECT_NE(structure->warnings[0].find("4.1.2.2"), std::string::npos) << structure->warnings[0];
  }
}

TEST(SerialNumber, NegativeZeroAndPaddedValues) {
  const Bytes minus_one = {0xFF}, zero = {0x00}, padded = {0x00, 0x80}, minus_256 = {0xFF, 0x00};
  EXPECT_EQ(read_serial(minus_one).magnitude, Bytes{0x01});
  EXPECT_TRUE(read_serial(minus_one).negative);
  EXPECT_EQ(read_serial(zero).magnitude, Bytes{0x00});
  EXPECT_FALSE(read_serial(zero).negative);
  EXPECT_EQ(read_serial(padded).magnitude, Bytes{0x80});
  EXPECT_EQ(read_serial(minus_256).magnitude, (Bytes{0x01, 0x00}));
}

TEST(CertificateTime, OnlyTheTwoRfc5280Forms) {
  auto bytes = [](std::string_view text) { return ByteView(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()); };
  EXPECT_EQ(*read_x509_time(0x17, bytes("700101000000Z")), 0);
  EXPECT_EQ(*read_x509_time(0x18, bytes("20500101000000Z")), 2524608000);
  EXPECT_FALSE(read_x509_time(0x17, bytes("7001010000Z"))) << "no seconds";
  EXPECT_FALSE(read_x509_time(0x17, bytes("700101000000+0100"))) << "not Z";
  EXPECT_FALSE(read_x509_time(0x18, bytes("20500101000000.5Z"))) << "a fraction";
  EXPECT_FALSE(read_x509_time(0x17, bytes("700431000000Z"))) << "31 April";
}

Bytes algorithm_identifier(std::string_view dotted, std::optional<Bytes> parameters) {
  SecureBuffer content = der::element(der::kOid, der::encode_oid(dotted));
  if (parameters) content.insert(content.end(), parameters->begin(), parameters->end());
  const SecureBuffer whole = der::element(der::kSequence, content);
  return Bytes(whole.begin(), whole.end());
}

TEST(SignatureAlgorithm, KnowsTheOiwSpellingAndTheWeakHashes) {
  const Bytes null = {0x05, 0x00};
  auto oiw = read_signature_algorithm(algorithm_identifier("1.3.14.3.2.29", null));
  ASSERT_TRUE(oiw) << oiw.error().message;
  EXPECT_EQ(oiw->parameters.scheme, SignatureScheme::rsa_pkcs1);
  EXPECT_EQ(oiw->parameters.hash, SignatureHash::sha1);
  EXPECT_TRUE(is_weak(SignatureHash::md2));
  EXPECT_TRUE(is_weak(SignatureHash::sha1));
  EXPECT_FALSE(is_weak(SignatureHash::sha256));
}

TEST(SignatureAlgorithm, ParametersMustBeWhatTheRfcAllows) {
  const Bytes null = {0x05, 0x00}, integer = {0x02, 0x01, 0x01};
  EXPECT_TRUE(read_signature_algorithm(algorithm_identifier("1.2.840.113549.1.1.11", std::nullopt)));
  EXPECT_FALSE(read_signature_algorithm(algorithm_identifier("1.2.840.113549.1.1.11", integer)));
  EXPECT_FALSE(read_signature_algorithm(algorithm_identifier("1.3.101.112", null))) << "RFC 8410: absent";
  auto unknown = read_signature_algorithm(algorithm_identifier("1.2.3.4", std::nullopt));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::unsupported);
}

TEST(SignatureAlgorithm, ReadsRsaPssParameters) {
  // RSASSA-PSS-params { [0] sha256, [1] mgf1(sha256), [2] 32 }, as openssl writes them.
  const Bytes sha256 = algorithm_identifier("2.16.840.1.101.3.4.2.1", Bytes{0x05, 0x00});
  const Bytes mgf1 = algorithm_identifier("1.2.840.113549.1.1.8", sha256);
  SecureBuffer fields = der::element(0xA0, sha256);
  der::append_element(fields, 0xA1, mgf1);
  der::append_element(fields, 0xA2, Bytes{0x02, 0x01, 0x20});
  const SecureBuffer params = der::element(der::kSequence, fields);
  auto pss = read_signature_algorithm(
      algorithm_identifier("1.2.840.113549.1.1.10", Bytes(params.begin(), params.end())));
  ASSERT_TRUE(pss) << pss.error().message;
  EXPECT_EQ(pss->parameters.hash, SignatureHash::sha256);
  EXPECT_EQ(pss->parameters.mgf1_hash, SignatureHash::sha256);
  EXPECT_EQ(pss->parameters.salt_length, 32u);
  EXPECT_EQ(describe(pss->parameters), "RSA-PSS (SHA-256, MGF1 SHA-256, salt 32)");
}

// Core says which key makes which signature, so no library's reading of a key decides:
// Botan read a key named by ecdsa-with-SHA1 as an EC key (found by differential fuzzing).
TEST(SignatureAlgorithm, EachSchemeTakesItsOwnKeyAlgorithm) {
  EXPECT_TRUE(key_makes_signatures_of(oid::kRsaEncryption, SignatureScheme::rsa_pkcs1));
  EXPECT_TRUE(key_makes_signatures_of(oid::kRsaEncryption, SignatureScheme::rsa_pss));
  EXPECT_TRUE(key_makes_signatures_of(oid::kRsaPss, SignatureScheme::rsa_pss));
  EXPECT_FALSE(key_makes_signatures_of(oid::kRsaPss, SignatureScheme::rsa_pkcs1));  // RFC 4055
  EXPECT_TRUE(key_makes_signatures_of(oid::kEcPublicKey, SignatureScheme::ecdsa));
  EXPECT_FALSE(key_makes_signatures_of("1.2.840.10045.4.1", SignatureScheme::ecdsa));  // ecdsa-with-SHA1
  EXPECT_FALSE(key_makes_signatures_of(oid::kEd25519, SignatureScheme::ed448));
  EXPECT_TRUE(is_public_key_algorithm(oid::kDsa));
  EXPECT_TRUE(is_public_key_algorithm("1.3.101.110"));  // X25519: a key, though no signer
  EXPECT_FALSE(is_public_key_algorithm("1.2.840.10045.4.1"));
}

TEST(PublicKeyDescription, DescribesKeysPolycertDoesNotHold) {
  struct Case {
    const char* file;
    const char* algorithm;
    unsigned bits;
  };
  for (const Case& c : {Case{"keys/dsa.spki.der", "dsa", 2048}, Case{"keys/ed448.spki.der", "ed448", 456},
                        Case{"keys/x25519.spki.der", "x25519", 256},
                        Case{"keys/ec-secp256k1.spki.der", "ec:secp256k1", 256}}) {
    auto description = describe_public_key(fixture(c.file));
    ASSERT_TRUE(description) << c.file << ": " << description.error().message;
    EXPECT_EQ(description->algorithm, c.algorithm) << c.file;
    EXPECT_EQ(description->bits, c.bits) << c.file;
    EXPECT_FALSE(description->usable) << c.file;
  }
  auto held = describe_public_key(fixture("keys/ec-P-256.spki.der"));
  ASSERT_TRUE(held);
  EXPECT_EQ(held->algorithm, "ec:P-256");
  EXPECT_TRUE(held->usable);
}

}  // namespace
}  // namespace polycert
