// The BER reader under PKCS#12 and PKCS#7: indefinite lengths, constructed strings,
// bounds; and the committed PKCS#12 fixtures' framing (backend-free: reading them needs a
// provider, see conformance/pkcs12_test.cpp).
#include "fixtures.hpp"

#include <polycert/ber.hpp>
#include <polycert/der.hpp>

#include <gtest/gtest.h>

namespace polycert {
namespace {

Bytes der_of(const Bytes& ber) {
  auto der = ber::to_der(ber);
  EXPECT_TRUE(der) << (der ? "" : der.error().message);
  return der ? Bytes(der->begin(), der->end()) : Bytes{};
}

std::string error_of(const Bytes& ber) {
  auto der = ber::to_der(ber);
  EXPECT_FALSE(der) << "accepted";
  if (der) return {};
  EXPECT_EQ(der.error().code, ErrorCode::invalid_input);
  return der.error().message;
}

TEST(Ber, IndefiniteLengthsBecomeDefinite) {
  // SEQUENCE (indefinite) { INTEGER 5, SEQUENCE (indefinite) { NULL } }
  EXPECT_EQ(der_of({0x30, 0x80, 0x02, 0x01, 0x05, 0x30, 0x80, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00}),
            (Bytes{0x30, 0x07, 0x02, 0x01, 0x05, 0x30, 0x02, 0x05, 0x00}));
}

TEST(Ber, RefusesWhatNoDerCanHold) {
  // A constructed NULL (found by fuzz_ber: to_der passed it on, check_strict_der refused it).
  EXPECT_NE(error_of({0x30, 0x02, 0x25, 0x00}).find("tag 0x25 in the constructed form"),
            std::string::npos);
  EXPECT_FALSE(ber::to_der(Bytes{0x30, 0x03, 0x10, 0x01, 0x00}));  // a primitive SEQUENCE
  // A BMPString of 3 octets, given in two BER pieces.
  EXPECT_NE(error_of({0x3E, 0x07, 0x1E, 0x02, 0x00, 'a', 0x1E, 0x01, 0x00}).find("not whole characters"),
            std::string::npos);
  // An INTEGER with a redundant leading octet: X.690 8.3.2 holds for BER as for DER.
  EXPECT_NE(error_of({0x30, 0x80, 0x02, 0x02, 0x00, 0x01, 0x00, 0x00}).find("redundant leading"),
            std::string::npos);
}

TEST(Ber, ConstructedOctetStringsAreJoined) {
  // OCTET STRING (constructed, indefinite) { "ab", OCTET STRING (constructed) { "c" }, "" }
  EXPECT_EQ(der_of({0x24, 0x80, 0x04, 0x02, 'a', 'b', 0x24, 0x03, 0x04, 0x01, 'c', 0x04, 0x00, 0x00,
                    0x00}),
            (Bytes{0x04, 0x03, 'a', 'b', 'c'}));
}

TEST(Ber, ConstructedBitStringsKeepTheLastUnusedBits) {
  EXPECT_EQ(der_of({0x23, 0x08, 0x03, 0x02, 0x00, 0xaa, 0x03, 0x02, 0x04, 0xb0}),
            (Bytes{0x03, 0x03, 0x04, 0xaa, 0xb0}));
  EXPECT_NE(
      error_of({0x23, 0x08, 0x03, 0x02, 0x04, 0xa0, 0x03, 0x02, 0x00, 0xb0}).find("last piece"),
      std::string::npos);
}

TEST(Ber, LongFormAndLeadingZeroLengthsAreAccepted) {
  EXPECT_EQ(der_of({0x04, 0x82, 0x00, 0x01, 0xaa}), (Bytes{0x04, 0x01, 0xaa}));
  EXPECT_EQ(der_of({0x30, 0x81, 0x02, 0x05, 0x00}), (Bytes{0x30, 0x02, 0x05, 0x00}));
}

TEST(Ber, ContextTagsKeepTheirFormAndStringContentJoinsThem) {
  // [0] IMPLICIT OCTET STRING in pieces, as Windows writes PKCS#7 encryptedContent.
  const Bytes implicit = {0xa0, 0x80, 0x04, 0x01, 'x', 0x04, 0x01, 'y', 0x00, 0x00};
  EXPECT_EQ(der_of(implicit), (Bytes{0xa0, 0x06, 0x04, 0x01, 'x', 0x04, 0x01, 'y'}));
  ber::Reader reader(implicit);
  auto element = reader.next();
  ASSERT_TRUE(element);
  EXPECT_TRUE(element->indefinite);
  EXPECT_EQ(element->whole.size(), implicit.size());
  auto content = ber::string_content(*element);
  ASSERT_TRUE(content);
  EXPECT_EQ(Bytes(content->begin(), content->end()), (Bytes{'x', 'y'}));
  EXPECT_TRUE(reader.empty());
}

TEST(Ber, ReaderWalksElementsLikeTheDerReader) {
  const Bytes two = {0x30, 0x80, 0x05, 0x00, 0x00, 0x00, 0x02, 0x01, 0x07};
  ber::Reader reader(two);
  auto first = reader.expect(0x30, "SEQUENCE");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->content.size(), 2u);
  EXPECT_EQ(reader.peek_tag(), 0x02);
  auto wrong = reader.expect(0x04, "OCTET STRING");
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("expected OCTET STRING"), std::string::npos);
  EXPECT_TRUE(reader.next());
  EXPECT_TRUE(reader.empty());
}

TEST(Ber, RejectsMalformedInput) {
  EXPECT_NE(error_of({}).find("empty"), std::string::npos);
  EXPECT_NE(error_of({0x30, 0x80, 0x05, 0x00}).find("end-of-contents"), std::string::npos);
  EXPECT_NE(error_of({0x04, 0x80, 0x00, 0x00}).find("primitive"), std::string::npos);
  EXPECT_NE(error_of({0x05, 0x00, 0x00}).find("trailing"), std::string::npos);
  EXPECT_NE(error_of({0x30, 0x80, 0x05, 0x00, 0x00, 0x00, 0x01}).find("trailing"),
            std::string::npos);
  EXPECT_NE(error_of({0x30, 0x05, 0x02, 0x01}).find("truncated"), std::string::npos);
  EXPECT_NE(error_of({0x00, 0x00}).find("end-of-contents"), std::string::npos);
  EXPECT_NE(error_of({0x1f, 0x22, 0x00}).find("high-tag"), std::string::npos);
  EXPECT_NE(error_of({0x04, 0x84, 0x7f, 0xff, 0xff, 0xff}).find("exceeds"), std::string::npos);
  EXPECT_NE(error_of({0x24, 0x03, 0x02, 0x01, 0x00}).find("piece"), std::string::npos);
  EXPECT_NE(error_of(Bytes(der::kMaxInputSize + 1, 0)).find("limit"), std::string::npos);
}

TEST(Ber, LimitsNestingDepthDefiniteAndIndefinite) {
  auto indefinite = [](unsigned depth) {
    Bytes out;
    for (unsigned i = 0; i < depth; ++i) out.insert(out.end(), {0x30, 0x80});
    out.insert(out.end(), {0x05, 0x00});
    for (unsigned i = 0; i < depth; ++i) out.insert(out.end(), {0x00, 0x00});
    return out;
  };
  EXPECT_TRUE(ber::to_der(indefinite(der::kMaxDepth)));
  EXPECT_NE(error_of(indefinite(der::kMaxDepth + 2)).find("deeper"), std::string::npos);
  Bytes definite = {0x05, 0x00};
  for (unsigned i = 0; i < der::kMaxDepth + 2; ++i) {
    Bytes outer = {0x30, static_cast<std::uint8_t>(definite.size())};
    if (definite.size() >= 0x80) outer = {0x30, 0x81, static_cast<std::uint8_t>(definite.size())};
    outer.insert(outer.end(), definite.begin(), definite.end());
    definite = std::move(outer);
  }
  EXPECT_NE(error_of(definite).find("deeper"), std::string::npos);
}

TEST(Ber, DerComesOutByteForByteTheSame) {
  for (const std::string file : {"x509/rsa-2048.cert.der", "keys/ec-P-384.pkcs8.der",
                                 "pkcs12/modern.p12", "pkcs12/legacy.p12"}) {
    const Bytes der = testing::fixture(file);
    EXPECT_EQ(der_of(der), der) << file;
  }
}

TEST(Ber, WindowsStyleFixturesBecomeStrictDer) {
  for (const std::string file : {"pkcs12/ber-outer.p12", "pkcs12/ber-deep-nomac.p12"}) {
    const Bytes ber = testing::fixture(file);
    ASSERT_FALSE(der::check_strict_der(ber)) << file << " is DER: the fixture lost its point";
    const Bytes der = der_of(ber);
    EXPECT_TRUE(der::check_strict_der(der)) << file;
    EXPECT_LT(der.size(), ber.size()) << file;
  }
  // ber-outer is modern.p12 with BER framing only: the same DER comes back.
  EXPECT_EQ(der_of(testing::fixture("pkcs12/ber-outer.p12")),
            testing::fixture("pkcs12/modern.p12"));
}

}  // namespace
}  // namespace polycert
