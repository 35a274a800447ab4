#include "fixtures.hpp"

#include <polycert/pem.hpp>

#include <gtest/gtest.h>

namespace polycert {
namespace {

using testing::fixture;

Result<std::vector<PemBlock>> decode(std::string_view text) { return pem_decode(as_bytes(text)); }

Bytes bytes_of(const SecureBuffer& buffer) { return Bytes(buffer.begin(), buffer.end()); }

TEST(Pem, DecodesWhatOpensslWrote) {
  auto blocks = pem_decode(fixture("keys/rsa-2048.pkcs8.pem"));
  ASSERT_TRUE(blocks) << blocks.error().message;
  ASSERT_EQ(blocks->size(), 1u);
  EXPECT_EQ((*blocks)[0].label, "PRIVATE KEY");
  EXPECT_EQ(bytes_of((*blocks)[0].der), fixture("keys/rsa-2048.pkcs8.der"));
}

TEST(Pem, EncodesExactlyAsOpensslDoes) {
  for (const char* stem : {"rsa-2048", "ec-P-521", "ed25519"}) {
    const Bytes der = fixture(std::string("keys/") + stem + ".pkcs8.der");
    const SecureBuffer pem = pem_encode("PRIVATE KEY", der);
    EXPECT_EQ(bytes_of(pem), fixture(std::string("keys/") + stem + ".pkcs8.pem")) << stem;
  }
}

TEST(Pem, RoundTripsEveryLengthRemainder) {
  for (std::size_t size = 1; size < 200; ++size) {
    Bytes data(size);
    for (std::size_t i = 0; i < size; ++i) data[i] = static_cast<std::uint8_t>(i * 7 + size);
    auto blocks = pem_decode(pem_encode("TEST", data));
    ASSERT_TRUE(blocks) << size;
    EXPECT_EQ(bytes_of((*blocks)[0].der), data) << size;
  }
}

TEST(Pem, ReadsSeveralBlocksWithTextAroundThem) {
  const std::string text =
      "Bag Attributes\n    friendlyName: leaf\n"
      "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n"
      "subject=/CN=intermediate\n"
      "-----BEGIN CERTIFICATE-----\nBAUG\n-----END CERTIFICATE-----\ntrailing words";
  auto blocks = decode(text);
  ASSERT_TRUE(blocks) << blocks.error().message;
  ASSERT_EQ(blocks->size(), 2u);
  EXPECT_EQ(bytes_of((*blocks)[0].der), (Bytes{1, 2, 3}));
  EXPECT_EQ(bytes_of((*blocks)[1].der), (Bytes{4, 5, 6}));
}

TEST(Pem, AcceptsCrlfTrailingSpacesBomAndNoFinalNewline) {
  const std::string text =
      "\xEF\xBB\xBF-----BEGIN PUBLIC KEY-----  \r\nAQID\r\nBAU= \r\n-----END PUBLIC KEY-----";
  auto blocks = decode(text);
  ASSERT_TRUE(blocks) << blocks.error().message;
  EXPECT_EQ(bytes_of((*blocks)[0].der), (Bytes{1, 2, 3, 4, 5}));
}

TEST(Pem, KeepsRfc1421Headers) {
  const std::string text =
      "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00FF\n\n"
      "AQID\n-----END RSA PRIVATE KEY-----\n";
  auto blocks = decode(text);
  ASSERT_TRUE(blocks) << blocks.error().message;
  const auto& headers = (*blocks)[0].headers;
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers[0].first, "Proc-Type");
  EXPECT_EQ(headers[0].second, "4,ENCRYPTED");
  EXPECT_EQ(headers[1].second, "AES-128-CBC,00FF");
}

TEST(Pem, RejectsMissingEndLine) {
  auto blocks = decode("-----BEGIN CERTIFICATE-----\nAQID\n");
  ASSERT_FALSE(blocks);
  EXPECT_EQ(blocks.error().code, ErrorCode::invalid_input);
  EXPECT_NE(blocks.error().message.find("no END line"), std::string::npos);
}

TEST(Pem, RejectsMismatchedEndLabel) {
  auto blocks = decode("-----BEGIN CERTIFICATE-----\nAQID\n-----END PRIVATE KEY-----\n");
  ASSERT_FALSE(blocks);
  EXPECT_NE(blocks.error().message.find("does not match"), std::string::npos);
}

TEST(Pem, RejectsBadBase64) {
  for (const char* body : {"AQ*D", "AQID=A", "AQ===", "AQ"}) {
    auto blocks = decode(std::string("-----BEGIN X-----\n") + body + "\n-----END X-----\n");
    EXPECT_FALSE(blocks) << body;
  }
}

TEST(Pem, RejectsTextWithoutBlocks) {
  auto blocks = decode("just some text\n");
  ASSERT_FALSE(blocks);
  EXPECT_NE(blocks.error().message.find("no PEM block"), std::string::npos);
}

// ---- pem_scan: the good blocks and the bad ones, each with its line ---------------------

Result<PemScan> scan(std::string_view text) { return pem_scan(as_bytes(text)); }

TEST(PemScan, KeepsTheGoodBlocksAroundAMalformedOneAndNamesItsLine) {
  const std::string text =
      "Leading notes, as RFC 7468 allows\n"        // 1
      "-----BEGIN CERTIFICATE-----\n"              // 2
      "AQID\n"                                     // 3
      "-----END CERTIFICATE-----\n"                // 4
      "-----BEGIN CERTIFICATE-----\n"              // 5
      "AQID\n"                                     // 6
      "BA*G\n"                                     // 7
      "-----END CERTIFICATE-----\n"                // 8
      "-----BEGIN PUBLIC KEY-----\n"               // 9
      "BAUG\n"                                     // 10
      "-----END PUBLIC KEY-----\n"                 // 11
      "trailing words\n";
  auto result = scan(text);
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->blocks.size(), 2u);
  EXPECT_EQ(result->blocks[0].line, 2u);
  EXPECT_EQ(bytes_of(result->blocks[0].der), (Bytes{1, 2, 3}));
  EXPECT_EQ(result->blocks[1].label, "PUBLIC KEY");
  EXPECT_EQ(result->blocks[1].line, 9u);
  ASSERT_EQ(result->malformed.size(), 1u);
  const MalformedBlock& bad = result->malformed.front();
  EXPECT_EQ(bad.line, 5u);
  EXPECT_EQ(bad.label, "CERTIFICATE");
  EXPECT_EQ(bad.problem,
            "PEM block 'CERTIFICATE' has bad base64 at line 7 ('*' is not a base64 character)");
}

TEST(PemScan, ABlockWithoutEndLineEndsWhereTheNextBlockBegins) {
  auto result = scan(
      "-----BEGIN CERTIFICATE-----\nAQID\n"
      "-----BEGIN CERTIFICATE-----\nBAUG\n-----END CERTIFICATE-----\n");
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->blocks.size(), 1u);
  EXPECT_EQ(result->blocks[0].line, 3u);
  EXPECT_EQ(bytes_of(result->blocks[0].der), (Bytes{4, 5, 6}));
  ASSERT_EQ(result->malformed.size(), 1u);
  EXPECT_EQ(result->malformed[0].line, 1u);
  EXPECT_EQ(result->malformed[0].problem,
            "PEM block 'CERTIFICATE' has no END line (another BEGIN line follows at line 3)");

  auto truncated = scan("-----BEGIN CERTIFICATE-----\nBAUG\n-----END CERTIFICATE-----\n"
                        "-----BEGIN PRIVATE KEY-----\nAQID\n");
  ASSERT_TRUE(truncated);
  EXPECT_EQ(truncated->blocks.size(), 1u);
  ASSERT_EQ(truncated->malformed.size(), 1u);
  EXPECT_EQ(truncated->malformed[0].line, 4u);
  EXPECT_EQ(truncated->malformed[0].problem,
            "PEM block 'PRIVATE KEY' has no END line (the text ends at line 5)");
}

TEST(PemScan, NamesMismatchedLabelsStrayEndLinesBrokenBoundariesAndEmptyBodies) {
  auto result = scan(
      "-----BEGIN CERTIFICATE-----\nAQID\n-----END PRIVATE KEY-----\n"  // 1-3
      "-----END CERTIFICATE-----\n"                                     // 4
      "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"        // 5-6
      "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE----\n"); // 7-9
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_TRUE(result->blocks.empty());
  ASSERT_EQ(result->malformed.size(), 4u);
  EXPECT_EQ(result->malformed[0].line, 1u);
  EXPECT_EQ(result->malformed[0].problem,
            "PEM block 'CERTIFICATE' ends with '-----END PRIVATE KEY-----' at line 3, which does "
            "not match its BEGIN label");
  EXPECT_EQ(result->malformed[1].line, 4u);
  EXPECT_EQ(result->malformed[1].label, "");
  EXPECT_EQ(result->malformed[1].problem,
            "an END line ('-----END CERTIFICATE-----') without a BEGIN line");
  EXPECT_EQ(result->malformed[2].line, 5u);
  EXPECT_EQ(result->malformed[2].problem, "PEM block 'CERTIFICATE' has no base64 body");
  EXPECT_EQ(result->malformed[3].line, 7u);
  EXPECT_EQ(result->malformed[3].problem,
            "PEM block 'CERTIFICATE' has a broken END line at line 9 ('-----END CERTIFICATE----')");
}

TEST(PemScan, SaysWhatIsWrongWithTheBase64) {
  const std::pair<const char*, const char*> cases[] = {
      {"AQID=A", "data after the '=' padding"},
      {"AQ===", "the last quantum lacks its '=' padding, or has too much"},
      {"AQ", "the last quantum lacks its '=' padding, or has too much"},
      {"AQIDB", "the text ends in a quantum of one character (truncated?)"},
      {"AR==", "the last character's spare bits are not zero (not canonical base64)"},
      {"AQID\x01", "byte 0x01 is not a base64 character"},
  };
  for (const auto& [body, what] : cases) {
    auto result = scan(std::string("-----BEGIN X-----\n") + body + "\n-----END X-----\n");
    ASSERT_TRUE(result) << body;
    ASSERT_EQ(result->malformed.size(), 1u) << body;
    EXPECT_EQ(result->malformed[0].problem,
              std::string("PEM block 'X' has bad base64 at line 2 (") + what + ")")
        << body;
  }
}

TEST(PemScan, TextWithoutAnyBlockIsAnErrorOfTheWholeText) {
  auto result = scan("no armor here\n-----BEGIN broken\n");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(result.error().message, "no PEM block found");
}

TEST(PemScan, DecodeIsAllOrNothingAndNamesTheFirstBadLine) {
  auto blocks = decode(
      "-----BEGIN X-----\nAQID\n-----END X-----\n-----BEGIN Y-----\nA*ID\n-----END Y-----\n");
  ASSERT_FALSE(blocks);
  EXPECT_EQ(blocks.error().message,
            "line 4: PEM block 'Y' has bad base64 at line 5 ('*' is not a base64 character)");
}

TEST(Pem, WritesSixtyFourColumns) {
  const Bytes data(100, 0x5a);
  const SecureBuffer pem = pem_encode("TEST", data);
  const std::string text(pem.begin(), pem.end());
  ASSERT_TRUE(text.starts_with("-----BEGIN TEST-----\n"));
  const auto body = text.find('\n') + 1;
  EXPECT_EQ(text.find('\n', body) - body, 64u);
  EXPECT_TRUE(text.ends_with("\n-----END TEST-----\n"));
}

}  // namespace
}  // namespace polycert
