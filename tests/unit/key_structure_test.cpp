// Core's strict key-structure inspection: keys the openssl CLI wrote are read and
// classified, keys polycert does not hold are unsupported, and every malformation the
// libraries would let through is invalid_input. Bad inputs are built from the fixtures by
// swapping one element, so each case breaks exactly one rule.
#include "fixtures.hpp"

#include <polycert/der.hpp>
#include <polycert/key_encoding.hpp>
#include <polycert/key_structure.hpp>
#include <polycert/provider.hpp>

#include <gtest/gtest.h>

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace polycert {
namespace {

using testing::fixture;

// ---- Building DER --------------------------------------------------------------------

Bytes tlv(std::uint8_t tag, ByteView content) {
  const SecureBuffer out = der::element(tag, content);
  return Bytes(out.begin(), out.end());
}

Bytes concat(std::initializer_list<ByteView> parts) {
  Bytes out;
  for (ByteView part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

Bytes sequence(const std::vector<Bytes>& elements) {
  Bytes body;
  for (const Bytes& element : elements) body.insert(body.end(), element.begin(), element.end());
  return tlv(der::kSequence, body);
}

Bytes oid(std::string_view dotted) { return tlv(der::kOid, der::encode_oid(dotted)); }
Bytes null() { return tlv(der::kNull, {}); }
Bytes integer(std::initializer_list<std::uint8_t> content) {
  return tlv(der::kInteger, Bytes(content));
}

Bytes algorithm_id(std::string_view dotted, const Bytes& parameters = {}) {
  return sequence({oid(dotted), parameters});
}

// PKCS#8 version 0 around `inner`.
Bytes pkcs8(const Bytes& algorithm, ByteView inner) {
  return sequence({integer({0}), algorithm, tlv(der::kOctetString, inner)});
}

// SubjectPublicKeyInfo with whole-octet key bits.
Bytes spki(const Bytes& algorithm, ByteView key) {
  return sequence({algorithm, tlv(der::kBitString, concat({Bytes{0x00}, key}))});
}

// Whole elements inside the constructed element `der`.
std::vector<Bytes> children(ByteView der) {
  der::Reader top(der);
  auto outer = top.next();
  EXPECT_TRUE(outer);
  std::vector<Bytes> out;
  if (!outer) return out;
  der::Reader body(outer->content);
  while (!body.empty()) {
    auto element = body.next();
    EXPECT_TRUE(element);
    if (!element) break;
    out.emplace_back(element->whole.begin(), element->whole.end());
  }
  return out;
}

Bytes content(ByteView element) {
  der::Reader reader(element);
  auto read = reader.next();
  EXPECT_TRUE(read);
  return read ? Bytes(read->content.begin(), read->content.end()) : Bytes{};
}

// A fixture's pieces: PKCS#8 is [version, AlgorithmIdentifier, OCTET STRING { inner }];
// SPKI is [AlgorithmIdentifier, BIT STRING].
Bytes pkcs8_fixture(const std::string& stem) { return fixture("keys/" + stem + ".pkcs8.der"); }
Bytes spki_fixture(const std::string& stem) { return fixture("keys/" + stem + ".spki.der"); }
Bytes pkcs8_algorithm(const std::string& stem) { return children(pkcs8_fixture(stem))[1]; }
Bytes pkcs8_inner(const std::string& stem) { return content(children(pkcs8_fixture(stem))[2]); }
Bytes spki_algorithm(const std::string& stem) { return children(spki_fixture(stem))[0]; }
Bytes spki_key(const std::string& stem) {
  const Bytes bits = content(children(spki_fixture(stem))[1]);
  return Bytes(bits.begin() + 1, bits.end());
}

// The same PKCS#8 key with another inner key.
Bytes with_inner(const std::string& stem, ByteView inner) {
  return pkcs8(pkcs8_algorithm(stem), inner);
}

// A fixture stem as a test name: "ec-P-256" -> "ec_P_256".
std::string identifier(std::string stem) {
  for (char& c : stem)
    if (c == '-') c = '_';
  return stem;
}

// ---- Expectations --------------------------------------------------------------------

void expect_refused(const Result<KeyStructure>& result, ErrorCode code, std::string_view part) {
  ASSERT_FALSE(result) << "accepted; expected " << to_string(code) << " mentioning '" << part
                       << "'";
  EXPECT_EQ(result.error().code, code) << result.error().message;
  EXPECT_NE(result.error().message.find(part), std::string::npos) << result.error().message;
}

void expect_private_refused(ByteView der, PrivateKeyForm form, ErrorCode code,
                            std::string_view part) {
  expect_refused(inspect_private_key(der, form), code, part);
}

void expect_pkcs8_refused(ByteView der, ErrorCode code, std::string_view part) {
  expect_private_refused(der, PrivateKeyForm::pkcs8, code, part);
}

void expect_public_refused(ByteView der, ErrorCode code, std::string_view part) {
  expect_refused(inspect_public_key(der), code, part);
}

// ---- Keys polycert holds -------------------------------------------------------------

struct Held {
  std::string stem;
  KeySpec spec;
};

class HeldKeys : public ::testing::TestWithParam<Held> {};

TEST_P(HeldKeys, Pkcs8IsClassified) {
  const auto& [stem, spec] = GetParam();
  const Bytes der = pkcs8_fixture(stem);  // the result's views point into it
  auto key = inspect_private_key(der, PrivateKeyForm::pkcs8);
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_EQ(key->algorithm, spec.algorithm);
  EXPECT_EQ(key->curve, spec.curve);
  EXPECT_EQ(key->rsa_bits, spec.algorithm == KeyAlgorithm::rsa ? spec.rsa_bits : 0u);
  if (spec.algorithm == KeyAlgorithm::ec) {
    EXPECT_EQ(Bytes(key->public_key.begin(), key->public_key.end()), spki_key(stem));
    EXPECT_EQ(key->ec_private_key.size(), (spec.bits() + 7) / 8);
  } else {
    EXPECT_TRUE(key->public_key.empty());
    EXPECT_TRUE(key->ec_private_key.empty());
  }
}

// PKCS#1 and SEC1: Ed25519 has no traditional form, so it is not among these.
class HeldTraditionalKeys : public HeldKeys {};

TEST_P(HeldTraditionalKeys, TraditionalIsClassified) {
  const auto& [stem, spec] = GetParam();
  const Bytes der = fixture("keys/" + stem + ".traditional.der");
  const PrivateKeyForm form =
      spec.algorithm == KeyAlgorithm::rsa ? PrivateKeyForm::rsa_pkcs1 : PrivateKeyForm::ec_sec1;
  auto key = inspect_private_key(der, form);
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_EQ(key->algorithm, spec.algorithm);
  EXPECT_EQ(key->curve, spec.curve);
  EXPECT_EQ(key->rsa_bits, spec.algorithm == KeyAlgorithm::rsa ? spec.rsa_bits : 0u);
  if (spec.algorithm == KeyAlgorithm::ec) {
    EXPECT_EQ(Bytes(key->public_key.begin(), key->public_key.end()), spki_key(stem));
  }
}

TEST_P(HeldKeys, SubjectPublicKeyInfoIsClassified) {
  const auto& [stem, spec] = GetParam();
  const Bytes der = spki_fixture(stem);
  auto key = inspect_public_key(der);
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_EQ(key->algorithm, spec.algorithm);
  EXPECT_EQ(key->curve, spec.curve);
  EXPECT_EQ(key->rsa_bits, spec.algorithm == KeyAlgorithm::rsa ? spec.rsa_bits : 0u);
  EXPECT_EQ(Bytes(key->public_key.begin(), key->public_key.end()), spki_key(stem));
  EXPECT_TRUE(key->ec_private_key.empty());
}

const Held kTraditionalFixtures[] = {{"rsa-2048", KeySpec::rsa(2048)}, {"rsa-3072", KeySpec::rsa(3072)},
                                     {"rsa-4096", KeySpec::rsa(4096)},   {"ec-P-256", KeySpec::ec(Curve::p256)},
                                     {"ec-P-384", KeySpec::ec(Curve::p384)}, {"ec-P-521", KeySpec::ec(Curve::p521)}};

INSTANTIATE_TEST_SUITE_P(OpensslFixtures, HeldKeys,
                         ::testing::Values(kTraditionalFixtures[0], kTraditionalFixtures[1], kTraditionalFixtures[2],
                                           kTraditionalFixtures[3], kTraditionalFixtures[4], kTraditionalFixtures[5],
                                           Held{"ed25519", KeySpec::ed25519()}),
                         [](const auto& test) { return identifier(test.param.stem); });
INSTANTIATE_TEST_SUITE_P(OpensslFixtures, HeldTraditionalKeys, ::testing::ValuesIn(kTraditionalFixtures),
                         [](const auto& test) { return identifier(test.param.stem); });

TEST(KeyStructure, AcceptsRsaAlgorithmIdentifierWithoutParameters) {
  EXPECT_TRUE(inspect_private_key(pkcs8(algorithm_id(oid::kRsaEncryption), pkcs8_inner("rsa-2048")),
                                  PrivateKeyForm::pkcs8));
  EXPECT_TRUE(inspect_public_key(spki(algorithm_id(oid::kRsaEncryption), spki_key("rsa-2048"))));
}

TEST(KeyStructure, AcceptsSec1CurveInsidePkcs8WhenItIsTheSame) {
  std::vector<Bytes> sec1 = children(pkcs8_inner("ec-P-256"));
  sec1.insert(sec1.begin() + 2, tlv(der::context_constructed(0), oid(curve_oid(Curve::p256))));
  EXPECT_TRUE(inspect_private_key(with_inner("ec-P-256", sequence(sec1)), PrivateKeyForm::pkcs8));
}

TEST(KeyStructure, AcceptsEcPrivateKeyWithoutPublicPoint) {
  std::vector<Bytes> sec1 = children(pkcs8_inner("ec-P-384"));
  sec1.pop_back();  // [1] publicKey
  const Bytes der = with_inner("ec-P-384", sequence(sec1));
  auto key = inspect_private_key(der, PrivateKeyForm::pkcs8);
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_TRUE(key->public_key.empty());
}

TEST(KeyStructure, AcceptsCompressedPoints) {
  Bytes point = spki_key("ec-P-256");
  point.resize(33);
  point[0] = 0x03;
  EXPECT_TRUE(inspect_public_key(spki(spki_algorithm("ec-P-256"), point)));
}

TEST(KeyStructure, AcceptsWellFormedPkcs8Attributes) {
  std::vector<Bytes> info = children(pkcs8_fixture("ec-P-256"));
  const Bytes attribute =
      sequence({oid("1.2.840.113549.1.9.20"), tlv(der::kSet, tlv(0x1e, Bytes{0x00, 0x6b}))});
  info.push_back(tlv(der::context_constructed(0), attribute));
  EXPECT_TRUE(inspect_private_key(sequence(info), PrivateKeyForm::pkcs8));
}

// ---- Keys polycert does not hold: unsupported, naming what the key is -------------------

struct Unheld {
  std::string stem;
  std::string named;  // part of the message
  bool traditional;   // whether a traditional fixture exists and is refused
  bool spki;          // whether the SPKI is refused too (a multi-prime public key is not)
};

class UnheldKeys : public ::testing::TestWithParam<Unheld> {};

TEST_P(UnheldKeys, AreUnsupportedInEveryForm) {
  const Unheld& unheld = GetParam();
  expect_pkcs8_refused(pkcs8_fixture(unheld.stem), ErrorCode::unsupported, unheld.named);
  if (unheld.traditional) {
    const Bytes der = fixture("keys/" + unheld.stem + ".traditional.der");
    auto form = detect_private_key_form(der);
    ASSERT_TRUE(form) << form.error().message;
    expect_private_refused(der, *form, ErrorCode::unsupported, unheld.named);
  }
  if (unheld.spki) {
    expect_public_refused(spki_fixture(unheld.stem), ErrorCode::unsupported, unheld.named);
  } else {
    EXPECT_TRUE(inspect_public_key(spki_fixture(unheld.stem)));
  }
}

INSTANTIATE_TEST_SUITE_P(
    OpensslFixtures, UnheldKeys,
    ::testing::Values(
        Unheld{"ec-secp256k1", "EC keys on curve 1.3.132.0.10 (secp256k1)", true, true},
        Unheld{"ec-brainpoolP256r1", "(brainpoolP256r1)", true, true},
        Unheld{"ec-P-256-explicit", "EC keys with explicit curve parameters", true, true},
        Unheld{"rsa-2048-3-primes", "multi-prime RSA keys", true, false},
        Unheld{"rsa-pss", "RSA-PSS keys (1.2.840.113549.1.1.10)", false, true},
        Unheld{"x25519", "X25519 keys", false, true}, Unheld{"ed448", "Ed448 keys", false, true},
        Unheld{"dsa", "DSA keys", false, true}),
    [](const auto& test) { return identifier(test.param.stem); });

TEST(KeyStructure, UnknownAlgorithmIsUnsupportedByItsOid) {
  expect_pkcs8_refused(pkcs8(algorithm_id("1.2.3.4"), Bytes{0x05, 0x00}), ErrorCode::unsupported,
                       "keys of algorithm 1.2.3.4");
  expect_public_refused(spki(algorithm_id("1.2.3.4"), Bytes{0x01}), ErrorCode::unsupported,
                        "keys of algorithm 1.2.3.4");
}

TEST(KeyStructure, UnknownCurveIsUnsupportedByItsOid) {
  const Bytes algorithm = algorithm_id(oid::kEcPublicKey, oid("1.2.3.4.5"));
  expect_public_refused(spki(algorithm, spki_key("ec-P-256")), ErrorCode::unsupported,
                        "EC keys on curve 1.2.3.4.5");
}

TEST(KeyStructure, ImplicitlyCaCurveIsUnsupported) {
  const Bytes algorithm = algorithm_id(oid::kEcPublicKey, null());
  expect_public_refused(spki(algorithm, spki_key("ec-P-256")), ErrorCode::unsupported,
                        "implicitlyCA");
  expect_pkcs8_refused(pkcs8(algorithm, pkcs8_inner("ec-P-256")), ErrorCode::unsupported,
                       "implicitlyCA");
}

// An unsupported algorithm is named before its contents are looked at: no backend would
// read them anyway, and the user learns what the key is.
TEST(KeyStructure, UnsupportedAlgorithmWinsOverMalformedContents) {
  expect_pkcs8_refused(with_inner("ec-secp256k1", Bytes{0x01, 0x02}), ErrorCode::unsupported,
                       "secp256k1");
}

// ---- The AlgorithmIdentifier and outer structure ---------------------------------------

TEST(KeyStructure, RsaParametersMustBeNullOrAbsent) {
  const Bytes algorithm = algorithm_id(oid::kRsaEncryption, oid("1.2.3"));
  expect_pkcs8_refused(pkcs8(algorithm, pkcs8_inner("rsa-2048")), ErrorCode::invalid_input,
                       "rsaEncryption parameters");
  expect_public_refused(spki(algorithm, spki_key("rsa-2048")), ErrorCode::invalid_input,
                        "rsaEncryption parameters");
}

TEST(KeyStructure, Ed25519ParametersMustBeAbsent) {
  const Bytes algorithm = algorithm_id(oid::kEd25519, null());
  expect_pkcs8_refused(pkcs8(algorithm, pkcs8_inner("ed25519")), ErrorCode::invalid_input,
                       "Ed25519 AlgorithmIdentifier has parameters");
  expect_public_refused(spki(algorithm, spki_key("ed25519")), ErrorCode::invalid_input,
                        "Ed25519 AlgorithmIdentifier has parameters");
}

TEST(KeyStructure, EcKeyMustNameItsCurve) {
  const Bytes algorithm = algorithm_id(oid::kEcPublicKey);
  expect_pkcs8_refused(pkcs8(algorithm, pkcs8_inner("ec-P-256")), ErrorCode::invalid_input,
                       "does not name its curve");
  expect_public_refused(spki(algorithm, spki_key("ec-P-256")), ErrorCode::invalid_input,
                        "does not name its curve");
}

TEST(KeyStructure, EcParametersOfAnotherTypeAreInvalid) {
  const Bytes algorithm = algorithm_id(oid::kEcPublicKey, integer({1}));
  expect_public_refused(spki(algorithm, spki_key("ec-P-256")), ErrorCode::invalid_input,
                        "EC parameters");
}

TEST(KeyStructure, AlgorithmIdentifierEndsAfterItsParameters) {
  const Bytes algorithm = sequence({oid(oid::kRsaEncryption), null(), null()});
  expect_public_refused(spki(algorithm, spki_key("rsa-2048")), ErrorCode::invalid_input,
                        "after its parameters");
}

TEST(KeyStructure, Pkcs8VersionMustBeZero) {
  for (std::uint8_t version : {1, 2}) {
    std::vector<Bytes> info = children(pkcs8_fixture("ec-P-256"));
    info[0] = integer({version});
    expect_pkcs8_refused(sequence(info), ErrorCode::invalid_input, "PKCS#8 version");
  }
}

TEST(KeyStructure, Pkcs8Version0HasNoPublicKeyField) {
  std::vector<Bytes> info = children(pkcs8_fixture("ed25519"));
  info.push_back(tlv(0x81, concat({Bytes{0x00}, spki_key("ed25519")})));
  expect_pkcs8_refused(sequence(info), ErrorCode::invalid_input, "after the PKCS#8 privateKey");
}

TEST(KeyStructure, Pkcs8AttributesMustBeAttributes) {
  std::vector<Bytes> info = children(pkcs8_fixture("ec-P-256"));
  info.push_back(tlv(der::context_constructed(0), integer({1})));
  expect_pkcs8_refused(sequence(info), ErrorCode::invalid_input, "PKCS#8 attribute");
}

TEST(KeyStructure, SubjectPublicKeyInfoHasNothingAfterItsKey) {
  std::vector<Bytes> info = children(spki_fixture("ec-P-256"));
  info.push_back(null());
  expect_public_refused(sequence(info), ErrorCode::invalid_input, "after the subjectPublicKey");
}

TEST(KeyStructure, OuterDerIsStrictToo) {
  Bytes der = spki_fixture("ed25519");
  der.push_back(0x00);
  expect_public_refused(der, ErrorCode::invalid_input, "trailing");
}

// ---- DER nested inside the OCTET STRING and BIT STRING -----------------------------------

TEST(KeyStructure, TrailingDataAfterTheInnerKeyIsInvalid) {
  for (const std::string stem : {"rsa-2048", "ec-P-256", "ed25519"}) {
    Bytes inner = pkcs8_inner(stem);
    inner.push_back(0x00);
    expect_pkcs8_refused(with_inner(stem, inner), ErrorCode::invalid_input, "trailing");
  }
  Bytes rsa_public = spki_key("rsa-2048");
  rsa_public.push_back(0x00);
  expect_public_refused(spki(spki_algorithm("rsa-2048"), rsa_public), ErrorCode::invalid_input,
                        "trailing");
}

TEST(KeyStructure, NonMinimalLengthInsideTheInnerKeyIsInvalid) {
  // Ed25519's inner OCTET STRING with a long-form length for 32 bytes.
  const Bytes seed = content(pkcs8_inner("ed25519"));
  const Bytes inner = concat({Bytes{der::kOctetString, 0x81, 0x20}, seed});
  expect_pkcs8_refused(with_inner("ed25519", inner), ErrorCode::invalid_input, "non-minimal");
}

// The strict DER walk refuses these wherever they stand (X.690 8.3), before the key's
// fields are read.
TEST(KeyStructure, NonMinimalIntegersAreInvalid) {
  std::vector<Bytes> rsa = children(pkcs8_inner("rsa-2048"));
  rsa[2] = tlv(der::kInteger, concat({Bytes{0x00}, content(rsa[2])}));  // publicExponent
  expect_pkcs8_refused(with_inner("rsa-2048", sequence(rsa)), ErrorCode::invalid_input,
                       "INTEGER with a redundant leading octet");

  std::vector<Bytes> rsa_public = children(spki_key("rsa-2048"));
  rsa_public[0] = tlv(der::kInteger, concat({Bytes{0x00}, content(rsa_public[0])}));
  expect_public_refused(spki(spki_algorithm("rsa-2048"), sequence(rsa_public)),
                        ErrorCode::invalid_input, "INTEGER with a redundant leading octet");
}

TEST(KeyStructure, NegativeIntegersAreInvalid) {
  std::vector<Bytes> rsa = children(pkcs8_inner("rsa-2048"));
  const Bytes modulus = content(rsa[1]);
  ASSERT_EQ(modulus[0], 0x00);  // a 2048-bit modulus has its top bit set
  rsa[1] = tlv(der::kInteger, ByteView(modulus).subspan(1));
  expect_pkcs8_refused(with_inner("rsa-2048", sequence(rsa)), ErrorCode::invalid_input,
                       "modulus is negative");
  expect_private_refused(sequence(rsa), PrivateKeyForm::rsa_pkcs1, ErrorCode::invalid_input,
                         "modulus is negative");
}

TEST(KeyStructure, EmptyIntegersAreInvalid) {
  std::vector<Bytes> rsa = children(pkcs8_inner("rsa-2048"));
  rsa[8] = tlv(der::kInteger, {});
  expect_pkcs8_refused(with_inner("rsa-2048", sequence(rsa)), ErrorCode::invalid_input,
                       "INTEGER of no octets");
}

TEST(KeyStructure, RsaPrivateKeyHasExactlyItsFields) {
  std::vector<Bytes> rsa = children(pkcs8_inner("rsa-2048"));
  std::vector<Bytes> missing(rsa.begin(), rsa.end() - 1);
  expect_private_refused(sequence(missing), PrivateKeyForm::rsa_pkcs1, ErrorCode::invalid_input,
                         "coefficient");
  std::vector<Bytes> extra = rsa;
  extra.push_back(integer({1}));
  expect_private_refused(sequence(extra), PrivateKeyForm::rsa_pkcs1, ErrorCode::invalid_input,
                         "end of RSAPrivateKey");
  std::vector<Bytes> version2 = rsa;
  version2[0] = integer({2});
  expect_private_refused(sequence(version2), PrivateKeyForm::rsa_pkcs1, ErrorCode::invalid_input,
                         "RSAPrivateKey version");
  // Version 1 promises otherPrimeInfos: without them it is malformed, not multi-prime.
  std::vector<Bytes> version1 = rsa;
  version1[0] = integer({1});
  expect_private_refused(sequence(version1), PrivateKeyForm::rsa_pkcs1, ErrorCode::invalid_input,
                         "otherPrimeInfos");
}

TEST(KeyStructure, RsaPublicKeyHasExactlyItsFields) {
  std::vector<Bytes> rsa = children(spki_key("rsa-2048"));
  expect_public_refused(spki(spki_algorithm("rsa-2048"), sequence({rsa[0]})),
                        ErrorCode::invalid_input, "publicExponent");
  rsa.push_back(integer({1}));
  expect_public_refused(spki(spki_algorithm("rsa-2048"), sequence(rsa)), ErrorCode::invalid_input,
                        "end of RSAPublicKey");
}

TEST(KeyStructure, BitStringWithUnusedBitsIsInvalid) {
  std::vector<Bytes> info = children(spki_fixture("ec-P-256"));
  Bytes bits = content(info[1]);
  bits[0] = 0x01;
  info[1] = tlv(der::kBitString, bits);
  expect_public_refused(sequence(info), ErrorCode::invalid_input, "unused bits");
  info[1] = tlv(der::kBitString, Bytes{0x00});
  expect_public_refused(sequence(info), ErrorCode::invalid_input, "holds no key");
}

TEST(KeyStructure, Sec1CurveThatContradictsPkcs8IsInvalid) {
  std::vector<Bytes> sec1 = children(pkcs8_inner("ec-P-256"));
  sec1.insert(sec1.begin() + 2, tlv(der::context_constructed(0), oid(curve_oid(Curve::p384))));
  expect_pkcs8_refused(with_inner("ec-P-256", sequence(sec1)), ErrorCode::invalid_input,
                       "different curve");
}

TEST(KeyStructure, StandaloneSec1MustNameItsCurve) {
  std::vector<Bytes> sec1 = children(fixture("keys/ec-P-256.traditional.der"));
  ASSERT_EQ(sec1.size(), 4u);
  sec1.erase(sec1.begin() + 2);  // [0] parameters
  expect_private_refused(sequence(sec1), PrivateKeyForm::ec_sec1, ErrorCode::invalid_input,
                         "does not name its curve");
}

TEST(KeyStructure, EcPrivateKeyFieldsAreChecked) {
  const std::vector<Bytes> sec1 = children(pkcs8_inner("ec-P-256"));
  std::vector<Bytes> version0 = sec1;
  version0[0] = integer({0});
  expect_pkcs8_refused(with_inner("ec-P-256", sequence(version0)), ErrorCode::invalid_input,
                       "ECPrivateKey version");
  std::vector<Bytes> empty_scalar = sec1;
  empty_scalar[1] = tlv(der::kOctetString, {});
  expect_pkcs8_refused(with_inner("ec-P-256", sequence(empty_scalar)), ErrorCode::invalid_input,
                       "privateKey is empty");
  std::vector<Bytes> extra = sec1;
  extra.push_back(null());
  expect_pkcs8_refused(with_inner("ec-P-256", sequence(extra)), ErrorCode::invalid_input,
                       "end of ECPrivateKey");
  std::vector<Bytes> point_with_unused_bits = sec1;
  Bytes bits = content(content(sec1[2]));
  bits[0] = 0x04;
  point_with_unused_bits[2] = tlv(der::context_constructed(1), tlv(der::kBitString, bits));
  expect_pkcs8_refused(with_inner("ec-P-256", sequence(point_with_unused_bits)),
                       ErrorCode::invalid_input, "unused bits");
}

TEST(KeyStructure, EcPointsFollowRfc5480) {
  const Bytes algorithm = spki_algorithm("ec-P-256");
  Bytes point = spki_key("ec-P-256");
  Bytes hybrid = point;
  hybrid[0] = 0x06;
  expect_public_refused(spki(algorithm, hybrid), ErrorCode::invalid_input, "starts with 0x06");
  expect_public_refused(spki(algorithm, Bytes{0x00}), ErrorCode::invalid_input,
                        "starts with 0x00");  // the point at infinity
  point.pop_back();
  expect_public_refused(spki(algorithm, point), ErrorCode::invalid_input, "not a P-256 point");

  // The same rule for the SEC1 [1] point of a private key.
  std::vector<Bytes> sec1 = children(pkcs8_inner("ec-P-256"));
  sec1[2] = tlv(der::context_constructed(1), tlv(der::kBitString, concat({Bytes{0x00}, point})));
  expect_pkcs8_refused(with_inner("ec-P-256", sequence(sec1)), ErrorCode::invalid_input,
                       "not a P-256 point");
}

TEST(KeyStructure, Ed25519KeysAre32Bytes) {
  for (std::size_t size : {31u, 33u}) {
    const Bytes seed(size, 0x5a);
    expect_pkcs8_refused(with_inner("ed25519", tlv(der::kOctetString, seed)),
                         ErrorCode::invalid_input, "not 32");
    expect_public_refused(spki(spki_algorithm("ed25519"), seed), ErrorCode::invalid_input,
                          "not 32");
  }
  // RFC 8410: the inner key is an OCTET STRING, not the bare 32 bytes.
  expect_pkcs8_refused(with_inner("ed25519", Bytes(32, 0x5a)), ErrorCode::invalid_input,
                       "Ed25519 CurvePrivateKey");
}

// ---- In front of every backend -----------------------------------------------------------

// A backend that records what reaches it, to show that the Provider runs the inspection
// first and words its refusals for this backend. It plays only the key role: the others
// are missing, and their operations unsupported.
class RecordingProvider final : private KeyOperations, public Provider {
 public:
  RecordingProvider() : Provider(ProviderRoles{.keys = this}) {}
  std::string_view name() const override { return "recording"; }
  std::string library_version() const override { return "Recorder 1.0"; }
  const Capabilities& capabilities() const override { return capabilities_; }

  int imports = 0;
  Bytes last_der;
  std::optional<KeyStructure> last_structure;

 private:
  Result<std::unique_ptr<PrivateKey>> do_import_private_key(ByteView der, PrivateKeyForm,
                                                            const KeyStructure& key) override {
    return record(der, key);
  }
  Result<std::unique_ptr<PublicKey>> do_import_public_key(ByteView der,
                                                          const KeyStructure& key) override {
    return record(der, key);
  }
  // Not reached by these tests.
  Result<std::unique_ptr<PrivateKey>> do_generate_key(const KeySpec&) override { return unused(); }
  Result<SecureBuffer> do_export_private_key(const PrivateKey&, PrivateKeyForm) override {
    return unused();
  }
  Result<Bytes> do_export_public_key(const PrivateKey&) override { return unused(); }
  Result<Bytes> do_export_public_key(const PublicKey&) override { return unused(); }
  Result<Bytes> do_sign(const PrivateKey&, Digest, ByteView) override { return unused(); }

  static std::unexpected<Error> unused() { return fail(ErrorCode::internal, "not used"); }
  std::unexpected<Error> record(ByteView der, const KeyStructure& key) {
    ++imports;
    last_der.assign(der.begin(), der.end());
    // The views point into `der`, which the caller owns only for the call.
    KeyStructure kept;
    kept.algorithm = key.algorithm;
    kept.curve = key.curve;
    kept.rsa_bits = key.rsa_bits;
    last_structure = kept;
    return fail(ErrorCode::internal, "recorded");
  }
  Capabilities capabilities_;
};

TEST(KeyStructureInProvider, AMissingRoleMakesItsOperationsUnsupported) {
  RecordingProvider provider;
  auto digest = provider.digest(Hash::sha256, Bytes{1, 2, 3});
  ASSERT_FALSE(digest);
  EXPECT_EQ(digest.error().code, ErrorCode::unsupported);
  EXPECT_NE(digest.error().message.find("without primitives"), std::string::npos)
      << digest.error().message;
  auto certificate = provider.parse_certificate(fixture("x509/rsa-2048.cert.der"));
  ASSERT_FALSE(certificate);
  EXPECT_EQ(certificate.error().code, ErrorCode::unsupported) << certificate.error().message;
}

TEST(KeyStructureInProvider, UnsupportedKeyNamesTheBackendAndNeverReachesIt) {
  RecordingProvider provider;
  auto key = provider.import_private_key(pkcs8_fixture("rsa-pss"));
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, ErrorCode::unsupported);
  EXPECT_EQ(key.error().message,
            "recording backend (Recorder 1.0) cannot read RSA-PSS keys (1.2.840.113549.1.1.10): " +
                std::string(kReadableKeys));
  auto public_key = provider.import_public_key(spki_fixture("ec-P-256-explicit"));
  ASSERT_FALSE(public_key);
  EXPECT_EQ(public_key.error().code, ErrorCode::unsupported);
  EXPECT_NE(public_key.error().message.find("recording backend (Recorder 1.0) cannot read EC keys "
                                            "with explicit curve parameters"),
            std::string::npos)
      << public_key.error().message;
  EXPECT_EQ(provider.imports, 0);
}

TEST(KeyStructureInProvider, MalformedKeyIsInvalidAndNeverReachesTheBackend) {
  RecordingProvider provider;
  Bytes inner = pkcs8_inner("ec-P-256");
  inner.push_back(0x00);
  auto key = provider.import_private_key(with_inner("ec-P-256", inner));
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, ErrorCode::invalid_input);
  EXPECT_TRUE(key.error().message.starts_with("private key: ")) << key.error().message;
  EXPECT_EQ(provider.imports, 0);
}

TEST(KeyStructureInProvider, BackendReceivesTheInspection) {
  RecordingProvider provider;
  (void)provider.import_private_key(fixture("keys/ec-P-384.traditional.der"));
  ASSERT_EQ(provider.imports, 1);
  EXPECT_EQ(provider.last_structure->algorithm, KeyAlgorithm::ec);
  EXPECT_EQ(provider.last_structure->curve, Curve::p384);
  (void)provider.import_public_key(spki_fixture("ed25519"));
  ASSERT_EQ(provider.imports, 2);
  EXPECT_EQ(provider.last_structure->algorithm, KeyAlgorithm::ed25519);
}

TEST(KeyStructureInProvider, Pkcs8Version1IsInspectedAsVersion0) {
  std::vector<Bytes> info = children(pkcs8_fixture("ed25519"));
  info[0] = integer({1});
  info.push_back(tlv(0x81, concat({Bytes{0x00}, spki_key("ed25519")})));
  RecordingProvider provider;
  (void)provider.import_private_key(sequence(info));
  ASSERT_EQ(provider.imports, 1);
  EXPECT_EQ(provider.last_der, pkcs8_fixture("ed25519"));
  EXPECT_EQ(provider.last_structure->algorithm, KeyAlgorithm::ed25519);

  // Version 1 does not smuggle malformed contents past the inspection.
  info[2] = tlv(der::kOctetString, tlv(der::kOctetString, Bytes(31, 0x5a)));
  auto key = provider.import_private_key(sequence(info));
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(provider.imports, 1);
}

}  // namespace
}  // namespace polycert
