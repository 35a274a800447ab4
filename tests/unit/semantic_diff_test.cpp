// The semantic diff of `polycert conformance`: how two readings of a name, request,
// certificate or private key differ by meaning, and whether a verifier could see it.
// Inputs are built here or re-encoded from the committed key fixtures; no backend runs.
#include "fixtures.hpp"

#include <polycert/conformance/semantic_diff.hpp>
#include <polycert/der.hpp>
#include <polycert/key_encoding.hpp>
#include <polycert/name.hpp>
#include <polycert/x509.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace polycert::conformance {
namespace {

using testing::fixture;

DistinguishedName name(std::string_view text, StringPolicy policy = StringPolicy::utf8) {
  auto parsed = parse_name(text, policy);
  EXPECT_TRUE(parsed) << parsed.error().message;
  return parsed.value_or(DistinguishedName{});
}

std::vector<Difference> diff(const DistinguishedName& left, const DistinguishedName& right) {
  return diff_names("subject", left, right, "openssl", "botan");
}

std::string fields(const std::vector<Difference>& differences) {
  std::string out;
  for (const auto& d : differences)
    out += d.field + " [" + d.left + " | " + d.right + "]" + (d.matters ? " matters" : "") + "\n";
  return out;
}

// Every printed word of every difference, to look for what must never be printed.
std::string everything_printed(const std::vector<Difference>& differences) {
  std::string out;
  for (const auto& d : differences)
    out += d.field + "\n" + d.left + "\n" + d.right + "\n" + d.why + "\n";
  return out;
}

Bytes bytes(const SecureBuffer& buffer) { return Bytes(buffer.begin(), buffer.end()); }

Bytes join(std::initializer_list<ByteView> parts) {
  Bytes out;
  for (ByteView part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

// ------------------------------------------------------------------------- names

TEST(SemanticDiffNames, IdenticalNamesGiveNoDifferences) {
  const auto subject = name("/C=US/O=Acme/CN=api.acme.com");
  EXPECT_TRUE(diff(subject, subject).empty());
}

TEST(SemanticDiffNames, APrintableStringOVersusAUtf8StringOIsOneDifferenceThatDoesNotMatter) {
  const auto left = name("/C=US/O=Acme/CN=api.acme.com");
  auto right = left;
  right.rdns[1].attributes[0].type = StringType::printable;
  const auto differences = diff(left, right);
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  const Difference& d = differences[0];
  EXPECT_EQ(d.field, "subject: RDN 2 (O) string type");
  EXPECT_EQ(d.left, "UTF8String");
  EXPECT_EQ(d.right, "PrintableString");
  EXPECT_EQ(d.left_source, "openssl");
  EXPECT_EQ(d.right_source, "botan");
  EXPECT_FALSE(d.matters);
  EXPECT_NE(d.why.find("RFC 5280"), std::string::npos) << d.why;
  EXPECT_NE(d.why.find("byte-comparing"), std::string::npos) << d.why;
  EXPECT_FALSE(any_matters(differences));
}

TEST(SemanticDiffNames, SwappedRdnsMatter) {
  const auto left = name("/C=US/O=Acme/CN=api.acme.com");
  const auto right = name("/C=US/CN=api.acme.com/O=Acme");
  const auto differences = diff(left, right);
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "subject: RDN order");
  EXPECT_EQ(differences[0].left, "CN=api.acme.com,O=Acme,C=US");
  EXPECT_EQ(differences[0].right, "O=Acme,CN=api.acme.com,C=US");
  EXPECT_TRUE(differences[0].matters);
  EXPECT_TRUE(any_matters(differences));
}

TEST(SemanticDiffNames, ADifferentValueMattersAndNamesTheAttribute) {
  const auto differences = diff(name("/O=Acme/CN=a.example"), name("/O=Acme Inc/CN=a.example"));
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "subject: RDN 1 (O) value");
  EXPECT_EQ(differences[0].left, "Acme");
  EXPECT_EQ(differences[0].right, "Acme Inc");
  EXPECT_TRUE(differences[0].matters);
}

TEST(SemanticDiffNames, ADifferentAttributeTypeMatters) {
  const auto differences = diff(name("/O=Acme/CN=x"), name("/OU=Acme/CN=x"));
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "subject: RDN 1 attribute type");
  EXPECT_EQ(differences[0].left, "O=Acme");
  EXPECT_EQ(differences[0].right, "OU=Acme");
  EXPECT_TRUE(differences[0].matters);
}

TEST(SemanticDiffNames, AMissingRdnMattersAndTheOthersStillMatch) {
  const auto differences =
      diff(name("/C=US/O=Acme/OU=Eng/CN=x"), name("/C=US/O=Acme/CN=x", StringPolicy::printable));
  // OU is missing on the right; C, O and CN are the same RDNs, O and CN in another string type.
  EXPECT_EQ(fields(differences),
            "subject: RDN 2 (O) string type [UTF8String | PrintableString]\n"
            "subject: RDN 3 (OU) [OU=Eng | absent] matters\n"
            "subject: RDN 4 (right: 3) (CN) string type [UTF8String | PrintableString]\n");
}

TEST(SemanticDiffNames, AMultiValuedRdnSplitIntoSeveralRdnsMatters) {
  const auto differences = diff(name("/C=US/O=Acme+CN=x"), name("/C=US/O=Acme/CN=x"));
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "subject: multi-valued RDN");
  EXPECT_EQ(differences[0].left, "O=Acme+CN=x (1 RDN)");
  EXPECT_EQ(differences[0].right, "CN=x,O=Acme (2 RDNs)");
  EXPECT_TRUE(differences[0].matters);
}

TEST(SemanticDiffNames, MembersOfAMultiValuedRdnInAnotherOrderDoNotMatter) {
  const auto left = name("/C=US/O=Acme+CN=x");
  auto right = left;
  std::ranges::reverse(right.rdns[1].attributes);
  const auto differences = diff(left, right);
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "subject: RDN 2 member order");
  EXPECT_FALSE(differences[0].matters);
}

// ------------------------------------------------------------------------- requests

Extension raw_extension(std::string_view oid, bool critical, Bytes value) {
  return Extension{std::string(oid), critical, std::move(value)};
}

Bytes octet_string(ByteView content) { return bytes(der::element(der::kOctetString, content)); }

CsrInfo request() {
  CsrInfo info;
  info.subject = name("/C=US/O=Acme/CN=api.acme.com");
  info.subject_der = encode_name(info.subject);
  info.public_key = fixture("keys/ec-P-256.spki.der");
  info.key = KeySpec::ec(Curve::p256);
  info.extensions.subject_alt_names = {{GeneralName::Kind::dns, "api.acme.com"},
                                       {GeneralName::Kind::ip, "10.0.0.1"}};
  info.extensions.key_usage = kDigitalSignature | kKeyEncipherment;
  info.extensions.extended_key_usage = {std::string(oid::kServerAuth)};
  info.requested_extensions = encode_extensions(info.extensions, false);
  info.signature_algorithm_oid = "1.2.840.10045.4.3.2";
  info.signature_status = SignatureStatus::verifies;
  return info;
}

std::vector<Difference> diff(const CsrInfo& left, const CsrInfo& right) {
  return diff_csr(left, right, "openssl", "mbedtls");
}

TEST(SemanticDiffCsr, IdenticalRequestsGiveNoDifferences) {
  EXPECT_TRUE(diff(request(), request()).empty());
}

TEST(SemanticDiffCsr, AMissingKeyUsageMatters) {
  const CsrInfo left = request();
  CsrInfo right = request();
  right.extensions.key_usage.reset();
  right.requested_extensions = encode_extensions(right.extensions, false);
  const auto differences = diff(left, right);
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "extension keyUsage (2.5.29.15)");
  EXPECT_EQ(differences[0].left, "digitalSignature,keyEncipherment (critical)");
  EXPECT_EQ(differences[0].right, "absent");
  EXPECT_TRUE(differences[0].matters);
}

TEST(SemanticDiffCsr, ABackendThatReadsNoExtensionOfTheSameBytesIsSeenFromItsTypedFields) {
  const CsrInfo left = request();
  CsrInfo right = request();
  right.extensions = {};  // same bytes, but this backend's reading found nothing
  const auto differences = diff(left, right);
  EXPECT_EQ(fields(differences),
            "extension keyUsage (2.5.29.15): value [digitalSignature,keyEncipherment | (empty)] "
            "matters\n"
            "extension extendedKeyUsage (2.5.29.37): value [serverAuth | (empty)] matters\n"
            "extension subjectAltName (2.5.29.17): value [DNS:api.acme.com,IP:10.0.0.1 | "
            "(empty)] matters\n");
}

TEST(SemanticDiffCsr, SubjectAltNamesInAnotherOrderDoNotMatter) {
  const CsrInfo left = request();
  CsrInfo right = request();
  std::ranges::reverse(right.extensions.subject_alt_names);
  right.requested_extensions = encode_extensions(right.extensions, false);
  const auto differences = diff(left, right);
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "extension subjectAltName (2.5.29.17): order");
  EXPECT_EQ(differences[0].left, "DNS:api.acme.com,IP:10.0.0.1");
  EXPECT_EQ(differences[0].right, "IP:10.0.0.1,DNS:api.acme.com");
  EXPECT_FALSE(differences[0].matters);
}

TEST(SemanticDiffCsr, AKeyUsageWithTrailingZeroBitsIsTheSameUsageEncodedOtherwise) {
  CsrInfo left = request();
  left.extensions.key_usage = kDigitalSignature;
  left.requested_extensions = encode_extensions(left.extensions, false);
  CsrInfo right = left;
  // digitalSignature as DER writes it (03 02 07 80) and with the zero bits kept (03 03 00 80 00).
  const Extension* key_usage = nullptr;
  for (auto& extension : right.requested_extensions)
    if (extension.oid == oid::kKeyUsage) {
      ASSERT_EQ(extension.value, (Bytes{0x03, 0x02, 0x07, 0x80}));
      extension.value = {0x03, 0x03, 0x00, 0x80, 0x00};
      key_usage = &extension;
    }
  ASSERT_NE(key_usage, nullptr);
  auto typed = decode_extensions(right.requested_extensions);
  ASSERT_TRUE(typed) << typed.error().message;
  ASSERT_EQ(typed->key_usage, kDigitalSignature);

  const auto differences = diff(left, right);
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "extension keyUsage (2.5.29.15): encoding");
  EXPECT_EQ(differences[0].left, "digitalSignature; BIT STRING of 1 byte, 7 unused bits");
  EXPECT_EQ(differences[0].right,
            "digitalSignature; BIT STRING of 2 bytes, 0 unused bits (trailing zero bits kept: "
            "not DER)");
  EXPECT_FALSE(differences[0].matters);
}

TEST(SemanticDiffCsr, ACriticalityDifferenceMatters) {
  const CsrInfo left = request();
  CsrInfo right = request();
  for (auto& extension : right.requested_extensions)
    if (extension.oid == oid::kExtendedKeyUsage) extension.critical = true;
  const auto differences = diff(left, right);
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "extension extendedKeyUsage (2.5.29.37): criticality");
  EXPECT_EQ(differences[0].left, "not critical");
  EXPECT_EQ(differences[0].right, "critical");
  EXPECT_TRUE(differences[0].matters);
}

TEST(SemanticDiffCsr, AnUnknownExtensionWhoseValueDiffersMatters) {
  CsrInfo left = request();
  CsrInfo right = request();
  left.requested_extensions.push_back(raw_extension("1.3.6.1.4.1.99999.1", false, {0x05, 0x00}));
  right.requested_extensions.push_back(
      raw_extension("1.3.6.1.4.1.99999.1", false, {0x01, 0x01, 0xFF}));
  const auto differences = diff(left, right);
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "extension 1.3.6.1.4.1.99999.1: value");
  EXPECT_EQ(differences[0].left, "05:00");
  EXPECT_EQ(differences[0].right, "01:01:FF");
  EXPECT_TRUE(differences[0].matters);
}

TEST(SemanticDiffCsr, ARequestedSubjectKeyIdentifierOfAnotherValueDoesNotMatter) {
  CsrInfo left = request();
  CsrInfo right = request();
  left.requested_extensions.push_back(
      raw_extension(oid::kSubjectKeyIdentifier, false, octet_string(Bytes(20, 0x01))));
  right.requested_extensions.push_back(
      raw_extension(oid::kSubjectKeyIdentifier, false, octet_string(Bytes(8, 0x02))));
  const auto differences = diff(left, right);
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "extension subjectKeyIdentifier (2.5.29.14): value");
  EXPECT_EQ(differences[0].right, "04:08:02:02:02:02:02:02:02:02");
  EXPECT_FALSE(differences[0].matters);
}

TEST(SemanticDiffCsr, AChallengePasswordDifferenceNeverPrintsThePassword) {
  const std::string first = "first-s3cret", second = "second-s3cret";
  CsrInfo left = request();
  CsrInfo right = request();
  left.challenge_password = SecureBuffer(first.begin(), first.end());
  right.challenge_password = SecureBuffer(second.begin(), second.end());

  const auto differing = diff(left, right);
  ASSERT_EQ(differing.size(), 1u) << fields(differing);
  EXPECT_EQ(differing[0].field, "challengePassword");
  EXPECT_EQ(differing[0].left, "present");
  EXPECT_EQ(differing[0].right, "present, differs");
  EXPECT_TRUE(differing[0].matters);
  EXPECT_EQ(everything_printed(differing).find("s3cret"), std::string::npos);

  right.challenge_password.reset();
  const auto missing = diff(left, right);
  ASSERT_EQ(missing.size(), 1u) << fields(missing);
  EXPECT_EQ(missing[0].left, "present");
  EXPECT_EQ(missing[0].right, "absent");
  EXPECT_EQ(everything_printed(missing).find("s3cret"), std::string::npos);

  right.challenge_password = left.challenge_password;
  EXPECT_TRUE(diff(left, right).empty());
}

TEST(SemanticDiffCsr, AnUnstructuredNameDifferenceIsShownAndDoesNotMatter) {
  CsrInfo left = request();
  CsrInfo right = request();
  left.unstructured_name = "Acme Inc";
  const auto differences = diff(left, right);
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "unstructuredName");
  EXPECT_EQ(differences[0].left, "Acme Inc");
  EXPECT_EQ(differences[0].right, "absent");
  EXPECT_FALSE(differences[0].matters);
}

TEST(SemanticDiffCsr, SignatureAlgorithmAndValidityDifferencesMatter) {
  const CsrInfo left = request();
  CsrInfo right = request();
  right.signature_algorithm_oid = "1.2.840.10045.4.3.3";
  right.signature_status = SignatureStatus::does_not_verify;
  const auto differences = diff(left, right);
  EXPECT_EQ(fields(differences),
            "signature algorithm [ecdsa-with-SHA256 | ecdsa-with-SHA384] matters\n"
            "signature [verifies | does not verify] matters\n");
}

// An RSA SubjectPublicKeyInfo rebuilt without the NULL parameters RFC 3279 requires.
Bytes without_null_parameters(ByteView spki) {
  der::Reader top(spki);
  auto sequence = top.expect(der::kSequence, "spki");
  der::Reader body(sequence->content);
  auto algorithm = body.expect(der::kSequence, "algorithm");
  der::Reader fields_reader(algorithm->content);
  auto oid_element = fields_reader.expect(der::kOid, "oid");
  auto bits = body.expect(der::kBitString, "bits");
  SecureBuffer content = der::element(der::kSequence, oid_element->whole);
  content.insert(content.end(), bits->whole.begin(), bits->whole.end());
  return bytes(der::element(der::kSequence, content));
}

TEST(SemanticDiffCsr, RsaParametersNullOrAbsentSayWhichAndMatter) {
  CsrInfo left = request();
  left.public_key = fixture("keys/rsa-2048.spki.der");
  left.key = KeySpec::rsa(2048);
  CsrInfo right = left;
  right.public_key = without_null_parameters(left.public_key);
  const auto differences = diff(left, right);
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "public key parameters");
  EXPECT_EQ(differences[0].left, "NULL");
  EXPECT_EQ(differences[0].right, "absent");
  EXPECT_TRUE(differences[0].matters);
  EXPECT_NE(differences[0].why.find("RFC 3279"), std::string::npos);
}

TEST(SemanticDiffCsr, ANamedCurveKeyAndAnExplicitCurveKeyDifferInParametersAndKey) {
  const CsrInfo left = request();
  CsrInfo right = request();
  right.public_key = fixture("keys/ec-P-256-explicit.spki.der");
  const auto differences = diff(left, right);
  ASSERT_EQ(differences.size(), 2u) << fields(differences);
  EXPECT_EQ(differences[0].field, "public key parameters");
  EXPECT_EQ(differences[0].left, "namedCurve P-256 (1.2.840.10045.3.1.7)");
  EXPECT_TRUE(differences[0].right.starts_with("explicit curve parameters ("))
      << differences[0].right;
  EXPECT_TRUE(differences[0].matters);
  EXPECT_EQ(differences[1].field, "public key");
  EXPECT_EQ(differences[1].left, "(65 bytes)");
  EXPECT_TRUE(differences[1].matters);
}

// The fixture's P-256 SubjectPublicKeyInfo with its point compressed (02/03 and X).
Bytes compressed(ByteView spki) {
  der::Reader top(spki);
  auto sequence = top.expect(der::kSequence, "spki");
  der::Reader body(sequence->content);
  auto algorithm = body.expect(der::kSequence, "algorithm");
  auto bits = body.expect(der::kBitString, "bits");
  const ByteView point = bits->content.subspan(1);  // 04 X Y
  Bytes packed{0x00, std::uint8_t((point.back() & 1) ? 0x03 : 0x02)};
  packed.insert(packed.end(), point.begin() + 1, point.begin() + 33);
  return bytes(der::element(
      der::kSequence, join({algorithm->whole, bytes(der::element(der::kBitString, packed))})));
}

TEST(SemanticDiffCsr, TheSamePointCompressedIsNamedAsSuchAndMatters) {
  const CsrInfo left = request();
  CsrInfo right = request();
  right.public_key = compressed(left.public_key);
  const auto differences = diff(left, right);
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "public key point encoding");
  EXPECT_EQ(differences[0].left, "uncompressed (65 bytes)");
  EXPECT_EQ(differences[0].right, "compressed (33 bytes)");
  EXPECT_TRUE(differences[0].matters);
}

TEST(SemanticDiffCsr, ADifferentKeySpecMatters) {
  const CsrInfo left = request();
  CsrInfo right = request();
  right.public_key = fixture("keys/ec-P-384.spki.der");
  right.key = KeySpec::ec(Curve::p384);
  const auto differences = diff(left, right);
  EXPECT_EQ(fields(differences),
            "public key parameters [namedCurve P-256 (1.2.840.10045.3.1.7) | namedCurve P-384 "
            "(1.3.132.0.34)] matters\n"
            "public key [(65 bytes) | (97 bytes)] matters\n"
            "key spec [ec:P-256 | ec:P-384] matters\n");
}

// ------------------------------------------------------------------------- certificates

Bytes key_id(std::uint8_t fill) { return Bytes(20, fill); }

CertificateInfo certificate() {
  CertificateInfo info;
  info.subject = name("/C=US/O=Acme/CN=api.acme.com");
  info.subject_der = encode_name(info.subject);
  info.issuer = name("/C=US/O=Acme/CN=Acme Issuing CA");
  info.issuer_der = encode_name(info.issuer);
  info.serial = {0x4F, 0x01, 0x02, 0x03};
  info.not_before = 1'790'000'000;
  info.not_after = info.not_before + 90 * 86400;
  info.public_key = fixture("keys/ec-P-256.spki.der");
  info.key = KeySpec::ec(Curve::p256);
  info.extensions.subject_alt_names = {{GeneralName::Kind::dns, "api.acme.com"}};
  info.extensions.key_usage = kDigitalSignature;
  info.extensions.basic_constraints = BasicConstraints{false, std::nullopt};
  info.all_extensions = encode_extensions(info.extensions, false);
  info.subject_key_id = key_id(0x11);
  info.authority_key_id = key_id(0x22);
  info.all_extensions.push_back(
      raw_extension(oid::kSubjectKeyIdentifier, false, octet_string(info.subject_key_id)));
  info.all_extensions.push_back(raw_extension(
      oid::kAuthorityKeyIdentifier, false,
      bytes(der::element(der::kSequence, der::element(0x80, info.authority_key_id)))));
  info.signature_algorithm_oid = "1.2.840.10045.4.3.2";
  info.sha256_fingerprint = Bytes(32, 0xAA);
  return info;
}

std::vector<Difference> diff(const CertificateInfo& left, const CertificateInfo& right) {
  return diff_certificate(left, right, "openssl", "botan");
}

TEST(SemanticDiffCertificate, IdenticalCertificatesGiveNoDifferences) {
  EXPECT_TRUE(diff(certificate(), certificate()).empty());
}

TEST(SemanticDiffCertificate, SerialAndValidityMatterAndThenTheFingerprintDoesNot) {
  const CertificateInfo left = certificate();
  CertificateInfo right = certificate();
  right.serial = {0x00, 0x4F, 0x01, 0x02, 0x04};
  right.not_after += 86400;
  right.sha256_fingerprint = Bytes(32, 0xBB);
  const auto differences = diff(left, right);
  ASSERT_EQ(differences.size(), 3u) << fields(differences);
  EXPECT_EQ(differences[0].field, "serial");
  EXPECT_EQ(differences[0].left, "4F:01:02:03");
  EXPECT_EQ(differences[0].right, "4F:01:02:04");
  EXPECT_TRUE(differences[0].matters);
  EXPECT_EQ(differences[1].field, "notAfter");
  EXPECT_EQ(differences[1].left, format_time(left.not_after));
  EXPECT_EQ(differences[1].right, format_time(right.not_after));
  EXPECT_TRUE(differences[1].matters);
  EXPECT_EQ(differences[2].field, "SHA-256 fingerprint");
  EXPECT_EQ(differences[2].left, hex_with_colons(left.sha256_fingerprint));
  EXPECT_FALSE(differences[2].matters);
}

TEST(SemanticDiffCertificate, AFingerprintAloneDoesNotMatterForEcdsaButDoesForRsa) {
  const CertificateInfo left = certificate();
  CertificateInfo right = certificate();
  right.sha256_fingerprint = Bytes(32, 0xBB);
  const auto ecdsa = diff(left, right);
  ASSERT_EQ(ecdsa.size(), 1u) << fields(ecdsa);
  EXPECT_FALSE(ecdsa[0].matters);
  EXPECT_NE(ecdsa[0].why.find("nonce"), std::string::npos) << ecdsa[0].why;

  CertificateInfo rsa_left = left, rsa_right = right;
  rsa_left.signature_algorithm_oid = rsa_right.signature_algorithm_oid = "1.2.840.113549.1.1.11";
  const auto rsa = diff(rsa_left, rsa_right);
  ASSERT_EQ(rsa.size(), 1u) << fields(rsa);
  EXPECT_TRUE(rsa[0].matters);
}

TEST(SemanticDiffCertificate, AMissingSubjectKeyIdentifierDoesNotMatterButIsNamed) {
  const CertificateInfo left = certificate();
  CertificateInfo right = certificate();
  right.subject_key_id.clear();
  std::erase_if(right.all_extensions,
                [](const Extension& e) { return e.oid == oid::kSubjectKeyIdentifier; });
  const auto differences = diff(left, right);
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "extension subjectKeyIdentifier (2.5.29.14)");
  EXPECT_EQ(differences[0].left, "keyIdentifier " + hex_with_colons(left.subject_key_id));
  EXPECT_EQ(differences[0].right, "absent");
  EXPECT_FALSE(differences[0].matters);
  EXPECT_NE(differences[0].why.find("path building"), std::string::npos) << differences[0].why;
}

TEST(SemanticDiffCertificate, ADifferentAuthorityKeyIdentifierMatters) {
  const CertificateInfo left = certificate();
  CertificateInfo right = certificate();
  right.authority_key_id = key_id(0x33);
  right.all_extensions.back().value =
      bytes(der::element(der::kSequence, der::element(0x80, right.authority_key_id)));
  const auto differences = diff(left, right);
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "extension authorityKeyIdentifier (2.5.29.35): value");
  EXPECT_TRUE(differences[0].matters);
}

TEST(SemanticDiffCertificate, AnAuthorityKeyIdentifierWithIssuerAndSerialIsTheSameIdentifier) {
  const CertificateInfo left = certificate();
  CertificateInfo right = certificate();
  // keyIdentifier [0], then authorityCertSerialNumber [2] as some libraries add it.
  right.all_extensions.back().value = bytes(der::element(
      der::kSequence,
      join({bytes(der::element(0x80, right.authority_key_id)), Bytes{0x82, 0x01, 0x07}})));
  const auto differences = diff(left, right);
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "extension authorityKeyIdentifier (2.5.29.35): encoding");
  EXPECT_FALSE(differences[0].matters);
}

TEST(SemanticDiffCertificate, AnUnknownCriticalExtensionOnOneSideMatters) {
  const CertificateInfo left = certificate();
  CertificateInfo right = certificate();
  right.all_extensions.push_back(raw_extension("1.3.6.1.4.1.99999.2", true, {0x05, 0x00}));
  const auto differences = diff(left, right);
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "extension 1.3.6.1.4.1.99999.2");
  EXPECT_EQ(differences[0].left, "absent");
  EXPECT_EQ(differences[0].right, "present, 05:00 (critical)");
  EXPECT_TRUE(differences[0].matters);
  EXPECT_NE(differences[0].why.find("critical"), std::string::npos) << differences[0].why;
}

TEST(SemanticDiffCertificate, ABasicConstraintsThatMakesACaMatters) {
  const CertificateInfo left = certificate();
  CertificateInfo right = certificate();
  right.extensions.basic_constraints = BasicConstraints{true, 0};
  right.all_extensions[0] = encode_extensions(right.extensions, false)[0];
  const auto differences = diff(left, right);
  EXPECT_EQ(fields(differences),
            "extension basicConstraints (2.5.29.19): criticality [not critical | critical] "
            "matters\n"
            "extension basicConstraints (2.5.29.19): value [CA:FALSE | CA:TRUE, pathlen:0] "
            "matters\n");
}

TEST(SemanticDiffCertificate, IssuerDifferencesAreReportedAfterTheSubjects) {
  const CertificateInfo left = certificate();
  CertificateInfo right = certificate();
  right.issuer = name("/C=US/O=Acme/CN=Acme Issuing CA", StringPolicy::printable);
  right.issuer_der = encode_name(right.issuer);
  right.subject.rdns[2].attributes[0].value = "www.acme.com";
  right.subject_der = encode_name(right.subject);
  const auto differences = diff(left, right);
  EXPECT_EQ(fields(differences),
            "subject: RDN 3 (CN) value [api.acme.com | www.acme.com] matters\n"
            "issuer: RDN 2 (O) string type [UTF8String | PrintableString]\n"
            "issuer: RDN 3 (CN) string type [UTF8String | PrintableString]\n");
}

// ------------------------------------------------------------------------- private keys

// The parts of a PKCS#8 PrivateKeyInfo, to re-encode it as another library would.
struct Pkcs8Parts {
  Bytes version;      // whole INTEGER
  Bytes algorithm;    // whole AlgorithmIdentifier
  Bytes private_key;  // OCTET STRING content
};

Pkcs8Parts split(ByteView pkcs8) {
  der::Reader top(pkcs8);
  auto sequence = top.expect(der::kSequence, "PrivateKeyInfo");
  der::Reader body(sequence->content);
  auto version = body.expect(der::kInteger, "version");
  auto algorithm = body.expect(der::kSequence, "algorithm");
  auto key = body.expect(der::kOctetString, "privateKey");
  return {Bytes(version->whole.begin(), version->whole.end()),
          Bytes(algorithm->whole.begin(), algorithm->whole.end()),
          Bytes(key->content.begin(), key->content.end())};
}

Bytes pkcs8(ByteView version, ByteView algorithm, ByteView private_key, ByteView after = {}) {
  const Bytes key = octet_string(private_key);
  return bytes(der::element(der::kSequence, join({version, algorithm, key, after})));
}

// The elements of the SEC1 ECPrivateKey inside an OpenSSL PKCS#8 EC key: version,
// privateKey, [1] publicKey (OpenSSL leaves the curve to the AlgorithmIdentifier).
std::vector<Bytes> sec1_elements(ByteView sec1) {
  der::Reader top(sec1);
  auto sequence = top.expect(der::kSequence, "ECPrivateKey");
  der::Reader body(sequence->content);
  std::vector<Bytes> elements;
  while (!body.empty()) {
    auto element = body.next();
    elements.emplace_back(element->whole.begin(), element->whole.end());
  }
  return elements;
}

std::vector<Difference> diff_keys(ByteView left, ByteView right) {
  return diff_private_key_encoding(left, right, "openssl", "botan");
}

TEST(SemanticDiffPrivateKey, IdenticalEncodingsGiveNoDifferences) {
  const Bytes key = fixture("keys/ec-P-256.pkcs8.der");
  EXPECT_TRUE(diff_keys(key, key).empty());
  // Through core's traditional form and back is the same encoding.
  auto traditional = pkcs8_to_traditional(key);
  ASSERT_TRUE(traditional) << traditional.error().message;
  auto again = traditional_to_pkcs8(*traditional, PrivateKeyForm::ec_sec1);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(diff_keys(key, bytes(*again)).empty());
}

TEST(SemanticDiffPrivateKey,
     TwoEncodingsOfOneEcKeyWithAndWithoutTheSec1PublicKeyDifferCosmetically) {
  const Bytes key = fixture("keys/ec-P-256.pkcs8.der");
  const Pkcs8Parts parts = split(key);
  const auto sec1 = sec1_elements(parts.private_key);
  ASSERT_EQ(sec1.size(), 3u);  // version, privateKey, [1] publicKey
  const Bytes without_public = bytes(der::element(der::kSequence, join({sec1[0], sec1[1]})));
  const auto differences = diff_keys(key, pkcs8(parts.version, parts.algorithm, without_public));
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "private key: SEC1 publicKey");
  EXPECT_EQ(differences[0].left, "present (65 bytes)");
  EXPECT_EQ(differences[0].right, "absent");
  EXPECT_FALSE(differences[0].matters);
  EXPECT_FALSE(any_matters(differences));
}

TEST(SemanticDiffPrivateKey, CurveParametersInsideSec1DoNotMatter) {
  const Bytes key = fixture("keys/ec-P-256.pkcs8.der");
  const Pkcs8Parts parts = split(key);
  // pkcs8_to_traditional puts the curve into the SEC1 key; wrapped as it is, the curve is
  // named twice, as some libraries write it.
  auto traditional = pkcs8_to_traditional(key);
  ASSERT_TRUE(traditional) << traditional.error().message;
  const auto differences =
      diff_keys(key, pkcs8(parts.version, parts.algorithm, bytes(*traditional)));
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "private key: SEC1 parameters");
  EXPECT_EQ(differences[0].left, "absent");
  EXPECT_EQ(differences[0].right, "namedCurve P-256 (1.2.840.10045.3.1.7)");
  EXPECT_FALSE(differences[0].matters);
}

TEST(SemanticDiffPrivateKey, VersionTwoWithItsPublicKeyAndAttributesDiffersCosmetically) {
  const Bytes key = fixture("keys/ed25519.pkcs8.der");
  const Pkcs8Parts parts = split(key);
  const Bytes spki = fixture("keys/ed25519.spki.der");
  auto spki_bits = spki_public_key_bits(spki);
  ASSERT_TRUE(spki_bits) << spki_bits.error().message;
  const Bytes version1 = bytes(der::element(der::kInteger, std::array<std::uint8_t, 1>{1}));
  // [0] attributes: one attribute, friendlyName (PKCS#9) "k".
  const Bytes friendly_name = bytes(
      der::element(der::kSequence,
                   join({bytes(der::element(der::kOid, der::encode_oid("1.2.840.113549.1.9.20"))),
                         bytes(der::element(der::kSet, der::element(0x1E, Bytes{0x00, 0x6B})))})));
  const Bytes attributes = bytes(der::element(der::context_constructed(0), friendly_name));
  const Bytes public_key = bytes(der::element(0x81, *spki_bits));
  const Bytes v2 =
      pkcs8(version1, parts.algorithm, parts.private_key, join({attributes, public_key}));

  const auto differences = diff_keys(key, v2);
  EXPECT_EQ(fields(differences),
            "PKCS#8 version [v1 (PrivateKeyInfo) | v2 (OneAsymmetricKey)]\n"
            "PKCS#8 attributes [absent | present (" +
                std::to_string(attributes.size()) +
                " bytes)]\n"
                "PKCS#8 publicKey [absent | present (32 bytes)]\n");
  EXPECT_FALSE(any_matters(differences));
}

TEST(SemanticDiffPrivateKey, DifferentPrivateKeysMatterAndTheirValuesAreNotPrinted) {
  const Bytes key = fixture("keys/ec-P-256.pkcs8.der");
  const Pkcs8Parts parts = split(key);
  auto sec1 = sec1_elements(parts.private_key);
  ASSERT_EQ(sec1.size(), 3u);
  Bytes other_scalar = sec1[1];
  other_scalar.back() ^= 0x01;
  const Bytes other =
      pkcs8(parts.version, parts.algorithm,
            bytes(der::element(der::kSequence, join({sec1[0], other_scalar, sec1[2]}))));
  const auto differences = diff_keys(key, other);
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "private key");
  EXPECT_EQ(differences[0].left, "differs (32 bytes)");
  EXPECT_EQ(differences[0].right, "differs (32 bytes)");
  EXPECT_TRUE(differences[0].matters);
  // Not one byte of either scalar is printed, in hex of any spelling.
  const ByteView scalar = ByteView(sec1[1]).subspan(2);
  const std::string printed = everything_printed(differences);
  EXPECT_EQ(printed.find(hex_with_colons(scalar.first(4))), std::string::npos);
}

TEST(SemanticDiffPrivateKey, DifferentRsaKeysMatter) {
  const auto differences =
      diff_keys(fixture("keys/rsa-2048.pkcs8.der"), fixture("keys/rsa-3072.pkcs8.der"));
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "private key");
  EXPECT_EQ(differences[0].left, "RSA, modulus 256 bytes, differs");
  EXPECT_EQ(differences[0].right, "RSA, modulus 384 bytes, differs");
  EXPECT_TRUE(differences[0].matters);
}

TEST(SemanticDiffPrivateKey, RsaParametersAbsentInsteadOfNullAreTheSameKey) {
  const Bytes key = fixture("keys/rsa-2048.pkcs8.der");
  const Pkcs8Parts parts = split(key);
  const Bytes algorithm = bytes(
      der::element(der::kSequence, der::element(der::kOid, der::encode_oid(oid::kRsaEncryption))));
  const auto differences = diff_keys(key, pkcs8(parts.version, algorithm, parts.private_key));
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "private key algorithm parameters");
  EXPECT_EQ(differences[0].left, "NULL");
  EXPECT_EQ(differences[0].right, "absent");
  EXPECT_FALSE(differences[0].matters);
}

// Big-endian unsigned arithmetic on INTEGER contents, enough to write d + phi(n).
Bytes add(ByteView a, ByteView b) {
  Bytes sum(std::max(a.size(), b.size()) + 1, 0);
  unsigned carry = 0;
  for (std::size_t i = 0; i < sum.size(); ++i) {
    const unsigned x = i < a.size() ? a[a.size() - 1 - i] : 0;
    const unsigned y = i < b.size() ? b[b.size() - 1 - i] : 0;
    const unsigned total = x + y + carry;
    sum[sum.size() - 1 - i] = std::uint8_t(total & 0xFF);
    carry = total >> 8;
  }
  return sum;
}

Bytes subtract(ByteView a, ByteView b) {  // a >= b
  Bytes difference(a.begin(), a.end());
  int borrow = 0;
  for (std::size_t i = 0; i < difference.size(); ++i) {
    const int x = difference[difference.size() - 1 - i];
    const int y = i < b.size() ? b[b.size() - 1 - i] : 0;
    int value = x - y - borrow;
    borrow = value < 0 ? 1 : 0;
    if (value < 0) value += 256;
    difference[difference.size() - 1 - i] = std::uint8_t(value);
  }
  return difference;
}

// The content of a minimal non-negative INTEGER of this magnitude.
Bytes integer(ByteView magnitude) {
  std::size_t start = 0;
  while (start + 1 < magnitude.size() && magnitude[start] == 0) ++start;
  Bytes out;
  if (magnitude[start] & 0x80) out.push_back(0);
  out.insert(out.end(), magnitude.begin() + std::ptrdiff_t(start), magnitude.end());
  return out;
}

// The fixture RSA key's PKCS#8 with its RSAPrivateKey INTEGERs changed by `change`
// (version, n, e, d, p, q, dP, dQ, qInv).
template <typename Change>
Bytes rsa_rewritten(ByteView pkcs8_key, Change change) {
  const Pkcs8Parts parts = split(pkcs8_key);
  der::Reader top(parts.private_key);
  auto sequence = top.expect(der::kSequence, "RSAPrivateKey");
  der::Reader body(sequence->content);
  std::vector<Bytes> integers;
  while (!body.empty()) {
    auto element = body.expect(der::kInteger, "INTEGER");
    integers.emplace_back(element->content.begin(), element->content.end());
  }
  EXPECT_EQ(integers.size(), 9u);
  change(integers);
  Bytes content;
  for (const Bytes& value : integers)
    content = join({content, bytes(der::element(der::kInteger, value))});
  return pkcs8(parts.version, parts.algorithm, bytes(der::element(der::kSequence, content)));
}

TEST(SemanticDiffPrivateKey, AnotherPrivateExponentForTheSamePrimesIsTheSameKey) {
  const Bytes key = fixture("keys/rsa-2048.pkcs8.der");
  const Bytes other = rsa_rewritten(key, [](std::vector<Bytes>& v) {
    // d + phi(n), phi(n) = n - p - q + 1: another exponent that works, with the same dP, dQ.
    const Bytes phi = add(subtract(subtract(v[1], v[4]), v[5]), Bytes{1});
    v[3] = integer(add(v[3], phi));
  });
  const auto differences = diff_keys(key, other);
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "private key: RSA private exponent");
  EXPECT_EQ(differences[0].left, "differs (256 bytes)");
  EXPECT_TRUE(differences[0].right.starts_with("differs (")) << differences[0].right;
  EXPECT_FALSE(differences[0].matters);
}

TEST(SemanticDiffPrivateKey, PrimesSwappedWithoutTheirCrtValuesMatter) {
  const Bytes key = fixture("keys/rsa-2048.pkcs8.der");
  const auto swapped_primes_only =
      diff_keys(key, rsa_rewritten(key, [](std::vector<Bytes>& v) { std::swap(v[4], v[5]); }));
  EXPECT_EQ(fields(swapped_primes_only),
            "private key: RSA prime order [p, q | q, p]\n"
            "private key: RSA CRT values [differs | differs] matters\n");
}

TEST(SemanticDiffPrivateKey, KeysOfDifferentAlgorithmsMatter) {
  const auto differences =
      diff_keys(fixture("keys/ec-P-256.pkcs8.der"), fixture("keys/ed25519.pkcs8.der"));
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].field, "private key algorithm");
  EXPECT_EQ(differences[0].left, "id-ecPublicKey");
  EXPECT_EQ(differences[0].right, "Ed25519");
  EXPECT_TRUE(differences[0].matters);
}

TEST(SemanticDiffPrivateKey, AnUnreadableEncodingMattersAndSaysWhatIsWrong) {
  Bytes truncated = fixture("keys/ec-P-256.pkcs8.der");
  truncated.resize(truncated.size() - 5);
  const auto differences = diff_keys(fixture("keys/ec-P-256.pkcs8.der"), truncated);
  ASSERT_EQ(differences.size(), 1u) << fields(differences);
  EXPECT_EQ(differences[0].left, "PKCS#8 v1 (PrivateKeyInfo)");
  EXPECT_TRUE(differences[0].right.starts_with("unreadable: ")) << differences[0].right;
  EXPECT_TRUE(differences[0].matters);
}

}  // namespace
}  // namespace polycert::conformance
