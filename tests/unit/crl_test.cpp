// Core's CRL encoding and strict reading (crl.hpp), no backend: what encode_tbs_cert_list
// writes reads back field by field, and what RFC 5280 section 5 forbids is refused naming
// the rule. The signature here is filler: signatures are the backends' (conformance).
#include <polycert/crl.hpp>
#include <polycert/der.hpp>
#include <polycert/formats.hpp>
#include <polycert/name.hpp>
#include <polycert/x509_encoding.hpp>

#include <gtest/gtest.h>

namespace polycert {
namespace {

constexpr std::int64_t k2030 = 1893456000;  // 2030-01-01T00:00:00Z

Bytes issuer_name() {
  auto name = parse_name("/C=US/O=Acme/CN=Unit CA");
  return name ? encode_name(*name) : Bytes{};
}

CrlSpec two_entries() {
  CrlSpec spec;
  spec.this_update = k2030;
  spec.next_update = k2030 + 7 * 86400;
  spec.number = {0x01, 0x00};
  spec.revoked = {{{0x01, 0x02}, false, k2030 - 60, RevocationReason::key_compromise},
                  {{0xFF}, false, k2030 - 120, std::nullopt}};
  return spec;
}

// A CRL around `tbs` with a filler signature.
Bytes signed_crl(ByteView tbs) {
  const Bytes algorithm = signature_algorithm_identifier(KeyAlgorithm::ec, Digest::sha256);
  return encode_signed(tbs, algorithm, Bytes(64, 0x5A));
}

Bytes crl_of(const CrlSpec& spec) {
  const Bytes algorithm = signature_algorithm_identifier(KeyAlgorithm::ec, Digest::sha256);
  return signed_crl(encode_tbs_cert_list(spec, issuer_name(), algorithm, Bytes(20, 0xAB)));
}

TEST(Crl, WhatIsEncodedReadsBackFieldByField) {
  const Bytes der = crl_of(two_entries());
  ASSERT_TRUE(der::check_strict_der(der));
  auto crl = inspect_crl(der);
  ASSERT_TRUE(crl) << crl.error().message;
  EXPECT_EQ(crl->version, 2u);
  EXPECT_EQ(format_slash(crl->issuer), "/C=US/O=Acme/CN=Unit CA");
  EXPECT_EQ(crl->issuer_der, issuer_name());
  EXPECT_EQ(crl->this_update, k2030);
  EXPECT_EQ(crl->next_update, k2030 + 7 * 86400);
  EXPECT_EQ(crl->number, std::optional<Bytes>(Bytes{0x01, 0x00}));
  EXPECT_EQ(crl->authority_key_id, Bytes(20, 0xAB));
  ASSERT_EQ(crl->revoked.size(), 2u);
  EXPECT_EQ(crl->revoked[0].serial, (Bytes{0x01, 0x02}));
  EXPECT_EQ(crl->revoked[0].reason, RevocationReason::key_compromise);
  EXPECT_EQ(crl->revoked[1].serial, Bytes{0xFF});
  EXPECT_EQ(crl->revoked[1].revoked_at, k2030 - 120);
  EXPECT_FALSE(crl->revoked[1].reason.has_value());
  EXPECT_EQ(crl->signature_algorithm, "ecdsa-with-SHA256");
  EXPECT_TRUE(crl->warnings.empty());
  EXPECT_NE(find_revoked(*crl, Bytes{0x00, 0xFF}), nullptr);  // leading zeros do not count
  EXPECT_EQ(find_revoked(*crl, Bytes{0xFE}), nullptr);
}

TEST(Crl, FormatDetectionTellsACrlFromACertificate) {
  auto kind = detect_der(crl_of(two_entries()));
  ASSERT_TRUE(kind) << kind.error().message;
  EXPECT_EQ(*kind, ObjectKind::crl);
  CrlSpec empty = two_entries();
  empty.revoked.clear();
  EXPECT_EQ(detect_der(crl_of(empty)).value_or(ObjectKind::certificate), ObjectKind::crl);
}

TEST(Crl, AnUnspecifiedReasonIsNotWritten) {
  CrlSpec spec = two_entries();
  spec.revoked[0].reason = RevocationReason::unspecified;
  auto crl = inspect_crl(crl_of(spec));
  ASSERT_TRUE(crl) << crl.error().message;
  EXPECT_FALSE(crl->revoked[0].reason.has_value());
}

// The TBSCertList of `spec` with one field's encoding replaced by `replacement`.
Bytes with_field_replaced(const Bytes& tbs, std::size_t field, ByteView replacement) {
  der::Reader top(tbs);
  auto outer = top.next();
  der::Reader fields(outer->content);
  SecureBuffer content;
  for (std::size_t i = 0; !fields.empty(); ++i) {
    auto element = fields.next();
    const ByteView bytes = i == field ? replacement : element->whole;
    content.insert(content.end(), bytes.begin(), bytes.end());
  }
  const SecureBuffer out = der::element(der::kSequence, content);
  return Bytes(out.begin(), out.end());
}

Bytes tbs_of(const CrlSpec& spec) {
  return encode_tbs_cert_list(spec, issuer_name(),
                              signature_algorithm_identifier(KeyAlgorithm::ec, Digest::sha256),
                              Bytes(20, 0xAB));
}

TEST(Crl, AVersionOtherThanV2IsRefused) {
  const Bytes v3 = with_field_replaced(tbs_of(two_entries()), 0, Bytes{0x02, 0x01, 0x02});
  auto crl = inspect_crl(signed_crl(v3));
  ASSERT_FALSE(crl);
  EXPECT_NE(crl.error().message.find("RFC 5280 5.1.2.1"), std::string::npos) << crl.error().message;
}

TEST(Crl, InnerAndOuterSignatureAlgorithmsMustAgree) {
  const Bytes rsa = signature_algorithm_identifier(KeyAlgorithm::rsa, Digest::sha256);
  auto crl = inspect_crl(signed_crl(with_field_replaced(tbs_of(two_entries()), 1, rsa)));
  ASSERT_FALSE(crl);
  EXPECT_NE(crl.error().message.find("RFC 5280 5.1.1.2"), std::string::npos) << crl.error().message;
}

TEST(Crl, AReasonCodeOutsideTheRfcsListIsRefused) {
  Bytes der = crl_of(two_entries());
  // The reasonCode ENUMERATED 1 (keyCompromise) becomes 7, which RFC 5280 leaves unused.
  const Bytes reason = {0x0A, 0x01, 0x01};
  auto at = std::search(der.begin(), der.end(), reason.begin(), reason.end());
  ASSERT_NE(at, der.end());
  at[2] = 0x07;
  auto crl = inspect_crl(der);
  ASSERT_FALSE(crl);
  EXPECT_NE(crl.error().message.find("reasonCode 7"), std::string::npos) << crl.error().message;
}

TEST(Crl, SerialNumbersAreReadAsOpensslPrintsThem) {
  EXPECT_EQ(parse_serial_text("0A:1B:2C").value_or(Bytes{}), (Bytes{0x0A, 0x1B, 0x2C}));
  EXPECT_EQ(parse_serial_text("0x0a1b2c").value_or(Bytes{}), (Bytes{0x0A, 0x1B, 0x2C}));
  EXPECT_EQ(parse_serial_text("A1B2C").value_or(Bytes{}), (Bytes{0x0A, 0x1B, 0x2C}));
  EXPECT_EQ(parse_serial_text("00:00:05").value_or(Bytes{}), Bytes{0x05});
  auto bad = parse_serial_text("12G4");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("hexadecimal"), std::string::npos) << bad.error().message;
}

TEST(Crl, TheNextNumberCarries) {
  EXPECT_EQ(next_crl_number(Bytes{0x01}), Bytes{0x02});
  EXPECT_EQ(next_crl_number(Bytes{0x00, 0xFF}), (Bytes{0x01, 0x00}));
  EXPECT_EQ(next_crl_number(Bytes{0xFF, 0xFF}), (Bytes{0x01, 0x00, 0x00}));
}

TEST(Crl, ReasonsAreNamedAsTheRfcNamesThem) {
  EXPECT_EQ(parse_revocation_reason("keyCompromise").value_or(RevocationReason::unspecified),
            RevocationReason::key_compromise);
  EXPECT_EQ(parse_revocation_reason("CESSATION-OF-OPERATION").value_or(RevocationReason::unspecified),
            RevocationReason::cessation_of_operation);
  EXPECT_EQ(to_string(RevocationReason::ca_compromise), "cACompromise");
  auto unknown = parse_revocation_reason("stolen");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("keyCompromise"), std::string::npos);
}

}  // namespace
}  // namespace polycert
