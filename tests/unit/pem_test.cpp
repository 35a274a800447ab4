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
