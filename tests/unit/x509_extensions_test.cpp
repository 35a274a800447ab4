// The extension encoder every backend uses, held byte for byte to what `openssl req`
// wrote into the committed fixtures, and the decoder that reads them back.
#include "fixtures.hpp"

#include <polycert/der.hpp>
#include <polycert/x509.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace polycert {
namespace {

// The extensions of a CSR's extensionRequest attribute, as encoded (OID, critical, value).
std::vector<Extension> requested_extensions(ByteView csr) {
  std::vector<Extension> out;
  der::Reader outer(csr);
  auto request = outer.expect(der::kSequence, "request");
  der::Reader request_reader(request->content);
  auto info = request_reader.expect(der::kSequence, "info");
  der::Reader info_reader(info->content);
  (void)info_reader.expect(der::kInteger, "version");
  (void)info_reader.expect(der::kSequence, "subject");
  (void)info_reader.expect(der::kSequence, "spki");
  auto attributes = info_reader.expect(der::context_constructed(0), "attributes");
  der::Reader attribute_reader(attributes->content);
  while (!attribute_reader.empty()) {
    auto attribute = attribute_reader.expect(der::kSequence, "attribute");
    der::Reader parts(attribute->content);
    auto type = parts.expect(der::kOid, "type");
    if (*der::decode_oid(type->content) != oid::kExtensionRequest) continue;
    auto values = parts.expect(der::kSet, "values");
    der::Reader value_reader(values->content);
    auto extensions = value_reader.expect(der::kSequence, "extensions");
    der::Reader extension_reader(extensions->content);
    while (!extension_reader.empty()) {
      auto extension = extension_reader.expect(der::kSequence, "extension");
      der::Reader fields(extension->content);
      Extension e;
      e.oid = *der::decode_oid(fields.expect(der::kOid, "oid")->content);
      if (fields.peek_tag() == 0x01) e.critical = fields.next()->content[0] != 0;
      auto value = fields.expect(der::kOctetString, "value");
      e.value.assign(value->content.begin(), value->content.end());
      out.push_back(e);
    }
  }
  return out;
}

ExtensionSet fixture_extensions() {
  ExtensionSet set;
  set.subject_alt_names = *parse_subject_alt_names(
      "DNS:fixture.example,DNS:www.fixture.example,IP:10.0.0.1,IP:2001:db8::1,"
      "email:ops@fixture.example,URI:https://fixture.example/");
  set.key_usage = kDigitalSignature | kKeyEncipherment;
  set.extended_key_usage = *parse_extended_key_usage("serverAuth,clientAuth");
  return set;
}

TEST(Extensions, EncodeByteForByteAsOpensslReqDoes) {
  // openssl req -addext writes SAN, keyUsage, EKU in the order given; polycert's order
  // puts SAN last, so compare each extension on its own.
  const auto from_openssl = requested_extensions(testing::fixture("x509/ec-P-256.csr.der"));
  ASSERT_EQ(from_openssl.size(), 3u);
  const auto ours = encode_extensions(fixture_extensions(), false);
  ASSERT_EQ(ours.size(), 3u);
  for (const Extension& expected : from_openssl) {
    auto match = std::ranges::find(ours, expected.oid, &Extension::oid);
    ASSERT_NE(match, ours.end()) << expected.oid;
    EXPECT_EQ(*match, expected) << expected.oid;
  }
}

TEST(Extensions, ComeInOnePolicyOrderWithPolicyCriticality) {
  ExtensionSet set = fixture_extensions();
  set.basic_constraints = BasicConstraints{true, 0};
  const auto encoded = encode_extensions(set, false);
  ASSERT_EQ(encoded.size(), 4u);
  EXPECT_EQ(encoded[0].oid, oid::kBasicConstraints);
  EXPECT_TRUE(encoded[0].critical);
  EXPECT_EQ(encoded[1].oid, oid::kKeyUsage);
  EXPECT_TRUE(encoded[1].critical);
  EXPECT_EQ(encoded[2].oid, oid::kExtendedKeyUsage);
  EXPECT_FALSE(encoded[2].critical);
  EXPECT_EQ(encoded[3].oid, oid::kSubjectAltName);
  EXPECT_FALSE(encoded[3].critical);
  EXPECT_TRUE(encode_extensions(set, /*subject_empty=*/true)[3].critical);
}

TEST(Extensions, BasicConstraintsEncodeAsDerDefaultsRequire) {
  ExtensionSet leaf;
  leaf.basic_constraints = BasicConstraints{false, std::nullopt};
  EXPECT_EQ(encode_extensions(leaf, false)[0].value, (Bytes{0x30, 0x00}));
  ExtensionSet ca;
  ca.basic_constraints = BasicConstraints{true, 1};
  EXPECT_EQ(encode_extensions(ca, false)[0].value,
            (Bytes{0x30, 0x06, 0x01, 0x01, 0xFF, 0x02, 0x01, 0x01}));
}

TEST(Extensions, KeyUsageDropsTrailingZeroBits) {
  ExtensionSet set;
  set.key_usage = kKeyCertSign | kCrlSign;  // bits 5 and 6
  EXPECT_EQ(encode_extensions(set, false)[0].value, (Bytes{0x03, 0x02, 0x01, 0x06}));
  set.key_usage = kDigitalSignature | kDecipherOnly;  // bit 8 needs a second octet
  EXPECT_EQ(encode_extensions(set, false)[0].value, (Bytes{0x03, 0x03, 0x07, 0x80, 0x80}));
}

TEST(Extensions, DecodeWhatTheyEncode) {
  ExtensionSet set = fixture_extensions();
  set.basic_constraints = BasicConstraints{true, 3};
  set.key_usage = kDigitalSignature | kDecipherOnly;
  auto decoded = decode_extensions(encode_extensions(set, false));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, set);
}

TEST(Extensions, DecodeWhatOpensslWrote) {
  auto decoded = decode_extensions(requested_extensions(testing::fixture("x509/rsa-2048.csr.der")));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, fixture_extensions());
}

TEST(Extensions, RefuseRepeatedAndMalformedOnes) {
  const auto one = encode_extensions(fixture_extensions(), false);
  auto twice = one;
  twice.push_back(one.front());
  EXPECT_FALSE(decode_extensions(twice));
  auto broken = one;
  broken.front().value.push_back(0x00);  // trailing byte after the value
  EXPECT_FALSE(decode_extensions(broken));
}

TEST(Extensions, KeyUsageReadsNoUnusedBitsAndNeedsOneUsage) {
  auto key_usage = [](Bytes value) {
    return decode_extensions({Extension{std::string(oid::kKeyUsage), true, std::move(value)}});
  };
  // 7 unused bits: only the first bit of 0xAC counts (what OpenSSL and Botan read; Mbed
  // TLS read the padding as keyEncipherment, keyAgreement and keyCertSign).
  auto padded = key_usage({0x03, 0x02, 0x07, 0xAC});
  ASSERT_TRUE(padded) << padded.error().message;
  EXPECT_EQ(padded->key_usage, kDigitalSignature);
  // RFC 5280 4.2.1.3: a keyUsage with no bit set is refused.
  auto none = key_usage({0x03, 0x02, 0x07, 0x2C});
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("no usage bit"), std::string::npos) << none.error().message;
  EXPECT_FALSE(key_usage({0x03, 0x01, 0x00}));
}

TEST(Extensions, CertificatePoliciesMustDecode) {
  // One policy with a CPS qualifier: SEQUENCE { SEQUENCE { OID 2.23.140.1.2.1,
  // SEQUENCE { SEQUENCE { OID id-qt-cps, IA5String "x" } } } }
  const Bytes with_qualifier = {0x30, 0x1A, 0x30, 0x18, 0x06, 0x06, 0x67, 0x81, 0x0C, 0x01,
                                0x02, 0x01, 0x30, 0x0E, 0x30, 0x0C, 0x06, 0x08, 0x2B, 0x06,
                                0x01, 0x05, 0x05, 0x07, 0x02, 0x01, 0x16, 0x00};
  auto policies = decode_certificate_policies(with_qualifier);
  ASSERT_TRUE(policies) << policies.error().message;
  EXPECT_EQ(*policies, std::vector<std::string>{"2.23.140.1.2.1"});
  EXPECT_FALSE(decode_certificate_policies(Bytes{0x30, 0x00}));  // no policy
  // An OCTET STRING where the list belongs (what the fuzzer found Mbed TLS alone refusing).
  const Bytes not_a_list = {0x04, 0x02, 0xDA, 0x43};
  EXPECT_FALSE(decode_certificate_policies(not_a_list));
  EXPECT_FALSE(decode_extensions({Extension{std::string(oid::kCertificatePolicies), false, not_a_list}}));
}

// A nameConstraints value is checked, though polycert enforces none: Botan refused an empty
// one that OpenSSL and Mbed TLS read (found by differential fuzzing).
TEST(Extensions, NameConstraintsMustBeWellFormedAndNotEmpty) {
  const auto name_constraints = [](Bytes value) {
    return decode_extensions({Extension{std::string(oid::kNameConstraints), true, std::move(value)}});
  };
  // permittedSubtrees [0] { GeneralSubtree { dNSName "a.example" } }
  const Bytes permitted_dns = {0x30, 0x0F, 0xA0, 0x0D, 0x30, 0x0B, 0x82, 0x09, 'a', '.',
                               'e',  'x',  'a',  'm',  'p',  'l',  'e'};
  EXPECT_TRUE(check_name_constraints(permitted_dns));
  EXPECT_TRUE(name_constraints(permitted_dns));
  // excludedSubtrees [1] { GeneralSubtree { iPAddress 10.0.0.0/8, minimum 0 } }
  const Bytes excluded_ip = {0x30, 0x11, 0xA1, 0x0F, 0x30, 0x0D, 0x87, 0x08, 10, 0,
                             0,    0,    255,  0,    0,    0,    0x80, 0x01, 0x00};
  EXPECT_TRUE(check_name_constraints(excluded_ip));

  auto empty = name_constraints({0x30, 0x00});
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message.find("must not be empty"), std::string::npos) << empty.error().message;
  EXPECT_FALSE(check_name_constraints(Bytes{0x30, 0x02, 0xA0, 0x00}));        // an empty list
  EXPECT_FALSE(check_name_constraints(Bytes{0x04, 0x00}));                    // no SEQUENCE
  // An iPAddress base of 2 octets is no address and mask, but well-formed DER: read, as
  // every library reads it (pyca's nc_ip_invalid_length.pem in the corpora).
  EXPECT_TRUE(check_name_constraints(Bytes{0x30, 0x08, 0xA0, 0x06, 0x30, 0x04, 0x87, 0x02, 10, 0}));
  Bytes excluded_then_permitted = {0x30, 0x1E, 0xA1, 0x0D};
  excluded_then_permitted.insert(excluded_then_permitted.end(), permitted_dns.begin() + 4, permitted_dns.end());
  excluded_then_permitted.insert(excluded_then_permitted.end(), permitted_dns.begin() + 2, permitted_dns.end());
  EXPECT_FALSE(check_name_constraints(excluded_then_permitted));
  Bytes trailing = permitted_dns;
  trailing[1] += 2;
  trailing.insert(trailing.end(), {0x05, 0x00});
  EXPECT_FALSE(check_name_constraints(trailing));
}

// ediPartyName is kept as its bytes but checked: OpenSSL refused a malformed one that Botan
// and Mbed TLS read (found by differential fuzzing).
TEST(Extensions, EdiPartyNameMustHoldItsPartyName) {
  // [5] { [1] { UTF8String "Acme" } }
  const Bytes party = {0xA5, 0x08, 0xA1, 0x06, 0x0C, 0x04, 'A', 'c', 'm', 'e'};
  auto name = decode_general_name(party);
  ASSERT_TRUE(name) << name.error().message;
  EXPECT_EQ(name->kind, GeneralName::Kind::edi_party_name);
  // [5] { [0] { PrintableString "X" } [1] { UTF8String "Acme" } }
  const Bytes with_assigner = {0xA5, 0x0D, 0xA0, 0x03, 0x13, 0x01, 'X', 0xA1,
                               0x06, 0x0C, 0x04, 'A',  'c',  'm',  'e'};
  EXPECT_TRUE(decode_general_name(with_assigner));
  // the bytes of an email address where the structure belongs
  EXPECT_FALSE(decode_general_name(Bytes{0xA5, 0x04, 'o', 'p', 's', '@'}));
  EXPECT_FALSE(decode_general_name(Bytes{0xA5, 0x05, 0xA0, 0x03, 0x13, 0x01, 'X'}));  // no partyName
  EXPECT_FALSE(decode_general_name(Bytes{0xA5, 0x05, 0xA1, 0x03, 0x16, 0x01, 'X'}));  // IA5String
  // partyName [1] primitive around the string (pyca's san_edipartyname.der): a tag on a
  // CHOICE is explicit, so constructed (X.680 31.2.7); OpenSSL's decoder refuses it too.
  EXPECT_FALSE(decode_general_name(Bytes{0xA5, 0x05, 0x81, 0x03, 0x13, 0x01, 'X'}));
}

TEST(SignatureAlgorithm, OneOidPerKeyAndDigest) {
  EXPECT_EQ(signature_algorithm_oid(KeyAlgorithm::rsa, Digest::sha256), "1.2.840.113549.1.1.11");
  EXPECT_EQ(signature_algorithm_oid(KeyAlgorithm::ec, Digest::sha384), "1.2.840.10045.4.3.3");
  EXPECT_EQ(signature_algorithm_oid(KeyAlgorithm::ed25519, Digest::sha512), "1.3.101.112");
}

}  // namespace
}  // namespace polycert
