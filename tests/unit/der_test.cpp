#include <polycert/der.hpp>

#include <gtest/gtest.h>

namespace polycert {
namespace {

Result<void> check(const Bytes& bytes) { return der::check_strict_der(bytes); }

TEST(StrictDer, AcceptsOneWellFormedElement) {
  EXPECT_TRUE(check({0x30, 0x06, 0x02, 0x01, 0x00, 0x04, 0x01, 0xff}));
}

TEST(StrictDer, RejectsTrailingData) {
  auto result = check({0x05, 0x00, 0x00});
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("trailing"), std::string::npos);
}

TEST(StrictDer, RejectsIndefiniteLength) {
  auto result = check({0x30, 0x80, 0x05, 0x00, 0x00, 0x00});
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("indefinite"), std::string::npos);
}

TEST(StrictDer, RejectsNonMinimalLengths) {
  EXPECT_FALSE(check({0x04, 0x81, 0x01, 0xaa}));              // long form for 1
  EXPECT_FALSE(check({0x04, 0x82, 0x00, 0x81}));              // leading zero length byte
}

TEST(StrictDer, RejectsLengthsPastTheEnd) {
  EXPECT_FALSE(check({0x30, 0x05, 0x02, 0x01}));
  EXPECT_FALSE(check({0x30, 0x03, 0x02, 0x05, 0x00}));        // inner overruns outer
  EXPECT_FALSE(check({0x04, 0x84, 0xff, 0xff, 0xff, 0xff}));
}

TEST(StrictDer, RejectsTypesInTheWrongForm) {
  auto primitive_sequence = check({0x30, 0x03, 0x10, 0x01, 0x00});
  ASSERT_FALSE(primitive_sequence);
  EXPECT_NE(primitive_sequence.error().message.find("tag 0x10 in the primitive form"),
            std::string::npos)
      << primitive_sequence.error().message;
  EXPECT_FALSE(check({0x30, 0x02, 0x11, 0x00}));                    // primitive SET
  EXPECT_FALSE(check({0x30, 0x05, 0x22, 0x03, 0x02, 0x01, 0x01}));  // constructed INTEGER
  EXPECT_FALSE(check({0x30, 0x02, 0x25, 0x00}));                    // constructed NULL
  EXPECT_TRUE(check({0x30, 0x04, 0x31, 0x02, 0x05, 0x00}));         // SET OF NULL is fine
}

TEST(StrictDer, RejectsFixedWidthStringsOfPartCharacters) {
  EXPECT_FALSE(check({0x30, 0x05, 0x1C, 0x03, 0x00, 0x00, 0x41}));  // UniversalString, 3 octets
  EXPECT_FALSE(check({0x30, 0x03, 0x1E, 0x01, 0x41}));              // BMPString, 1 octet
  EXPECT_TRUE(check({0x30, 0x06, 0x1C, 0x04, 0x00, 0x00, 0x00, 0x41}));
  EXPECT_TRUE(check({0x30, 0x04, 0x1E, 0x02, 0x00, 0x41}));
}

TEST(StrictDer, RejectsIntegersThatAreNotMinimal) {
  auto padded = check({0x30, 0x05, 0x02, 0x03, 0x00, 0x00, 0x7F});
  ASSERT_FALSE(padded);
  EXPECT_NE(padded.error().message.find("INTEGER with a redundant leading octet"), std::string::npos)
      << padded.error().message;
  EXPECT_FALSE(check({0x30, 0x04, 0x02, 0x02, 0xFF, 0x80}));  // -128 in two octets
  EXPECT_FALSE(check({0x30, 0x04, 0x0A, 0x02, 0x00, 0x01}));  // ENUMERATED 1 in two octets
  EXPECT_FALSE(check({0x30, 0x02, 0x02, 0x00}));              // an INTEGER of no octets
  EXPECT_TRUE(check({0x30, 0x04, 0x02, 0x02, 0x00, 0x80}));   // 128 needs its zero octet
  EXPECT_TRUE(check({0x30, 0x04, 0x02, 0x02, 0xFF, 0x7F}));   // -129 needs its 0xFF octet
  EXPECT_TRUE(check({0x30, 0x03, 0x02, 0x01, 0x00}));
}

TEST(StrictDer, RejectsEmptyInput) { EXPECT_FALSE(check({})); }

TEST(StrictDer, LimitsNestingDepth) {
  auto nested = [](unsigned depth) {
    SecureBuffer inner = der::element(der::kNull, {});
    for (unsigned i = 0; i < depth; ++i) inner = der::element(der::kSequence, inner);
    return Bytes(inner.begin(), inner.end());
  };
  EXPECT_TRUE(check(nested(der::kMaxDepth)));
  auto too_deep = check(nested(der::kMaxDepth + 1));
  ASSERT_FALSE(too_deep);
  EXPECT_NE(too_deep.error().message.find("nesting"), std::string::npos);
}

TEST(StrictDer, WritesLongLengthsMinimally) {
  const Bytes content(300, 0xab);
  const SecureBuffer out = der::element(der::kOctetString, content);
  ASSERT_EQ(out.size(), 304u);
  EXPECT_EQ(out[1], 0x82);
  EXPECT_EQ(out[2], 0x01);
  EXPECT_EQ(out[3], 0x2c);
  EXPECT_TRUE(check(Bytes(out.begin(), out.end())));
}

TEST(Oid, EncodesAndDecodesRoundTrip) {
  for (const char* dotted : {"1.2.840.113549.1.1.1", "1.3.101.112", "2.5.4.3", "1.2.840.10045.3.1.7",
                             "2.999.1"}) {
    const Bytes encoded = der::encode_oid(dotted);
    EXPECT_EQ(der::decode_oid(encoded), std::string(dotted));
  }
  EXPECT_EQ(der::encode_oid("1.3.101.112"), (Bytes{0x2b, 0x65, 0x70}));
}

TEST(Oid, DecodesOidsLongerThanItsTextBuffer) {
  std::string dotted = "1.2";
  for (int i = 0; i < 40; ++i) dotted += ".18446744073709551" + std::to_string(i % 10);
  ASSERT_GT(dotted.size(), 600u);
  EXPECT_EQ(der::decode_oid(der::encode_oid(dotted)), dotted);
}

TEST(Oid, RejectsTruncatedAndNonMinimalArcs) {
  EXPECT_FALSE(der::decode_oid(Bytes{0x2b, 0x86}));
  EXPECT_FALSE(der::decode_oid(Bytes{0x2b, 0x80, 0x01}));
  EXPECT_FALSE(der::decode_oid(Bytes{}));
}

TEST(DerReader, ReadsElementsInOrderAndReportsUnexpectedTags) {
  const Bytes data = {0x02, 0x01, 0x07, 0x04, 0x00};
  der::Reader reader(data);
  auto integer = reader.expect(der::kInteger, "version");
  ASSERT_TRUE(integer);
  EXPECT_EQ(integer->content.size(), 1u);
  auto wrong = reader.expect(der::kSequence, "algorithm");
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("algorithm"), std::string::npos);
}

}  // namespace
}  // namespace polycert
