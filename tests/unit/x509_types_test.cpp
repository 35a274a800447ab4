// The text users type for SANs, key usages, digests and passwords.
#include "temp_dir.hpp"

#include <polycert/password.hpp>
#include <polycert/x509.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <unistd.h>

namespace polycert {
namespace {

TEST(SubjectAltNames, ReadsEveryKindInOpensslSpelling) {
  auto names = parse_subject_alt_names(
      "DNS:api.acme.com, IP:10.0.0.1,ip:2001:DB8:0:0::1,email:api-admin@acme.com,URI:https://acme.com/x");
  ASSERT_TRUE(names) << names.error().message;
  ASSERT_EQ(names->size(), 5u);
  EXPECT_EQ(to_string((*names)[0]), "DNS:api.acme.com");
  EXPECT_EQ(to_string((*names)[1]), "IP:10.0.0.1");
  EXPECT_EQ(to_string((*names)[2]), "IP:2001:db8::1") << "IPv6 is normalised";
  EXPECT_EQ(to_string((*names)[3]), "email:api-admin@acme.com");
  EXPECT_EQ(to_string((*names)[4]), "URI:https://acme.com/x");
}

TEST(SubjectAltNames, RejectsBadEntriesNamingThem) {
  for (const char* bad : {"api.acme.com", "DNS:", "IP:10.0.0.256", "IP:host", "email:nobody",
                          "URI:no-scheme", "XYZ:1", "DNS:a,,DNS:b", "DNS:bücher.de", "DNS:a b"}) {
    auto names = parse_subject_alt_names(bad);
    EXPECT_FALSE(names) << bad;
    if (!names) {
      EXPECT_EQ(names.error().code, ErrorCode::invalid_input);
    }
  }
}

TEST(IpAddresses, RoundTripBetweenTextAndBytes) {
  EXPECT_EQ(ip_address_bytes("192.168.0.1"), (Bytes{192, 168, 0, 1}));
  auto v6 = ip_address_bytes("::1");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->size(), 16u);
  EXPECT_EQ(ip_address_text(*v6), "::1");
  EXPECT_FALSE(ip_address_text(Bytes{1, 2, 3}));
  EXPECT_EQ(ip_address_text(Bytes{192, 168, 0, 1}), "192.168.0.1");
  EXPECT_EQ(ip_address_text(Bytes{0, 0, 0, 0}), "0.0.0.0");
  EXPECT_EQ(ip_address_text(Bytes{255, 255, 255, 255}), "255.255.255.255");
  EXPECT_EQ(ip_address_text(Bytes{10, 0, 100, 9}), "10.0.100.9");
}

TEST(KeyUsage, ReadsOpensslNamesAndWritesThemBack) {
  auto bits = parse_key_usage("digitalSignature, keyEncipherment,nonRepudiation");
  ASSERT_TRUE(bits);
  EXPECT_EQ(*bits, kDigitalSignature | kKeyEncipherment | kContentCommitment);
  EXPECT_EQ(key_usage_names(*bits), "digitalSignature,nonRepudiation,keyEncipherment");
  EXPECT_EQ(parse_key_usage("contentCommitment"), std::uint16_t{kContentCommitment});
  EXPECT_FALSE(parse_key_usage("signEverything"));
}

TEST(ExtendedKeyUsage, ReadsNamesAndOids) {
  auto oids = parse_extended_key_usage("serverAuth,clientAuth,1.3.6.1.4.1.311.10.3.12");
  ASSERT_TRUE(oids);
  EXPECT_EQ(*oids, (std::vector<std::string>{"1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2",
                                             "1.3.6.1.4.1.311.10.3.12"}));
  EXPECT_EQ(extended_key_usage_name("1.3.6.1.5.5.7.3.1"), "serverAuth");
  EXPECT_FALSE(parse_extended_key_usage("webAuth"));
}

TEST(Digest, ReadsTheUsualSpellings) {
  EXPECT_EQ(parse_digest("sha256"), Digest::sha256);
  EXPECT_EQ(parse_digest("SHA-384"), Digest::sha384);
  EXPECT_EQ(parse_digest("sha512"), Digest::sha512);
  EXPECT_FALSE(parse_digest("md5"));
}

TEST(Serial, IsSixteenPositiveBytes) {
  const Bytes all_ones(16, 0xFF);
  const Bytes serial = make_serial(all_ones);
  ASSERT_EQ(serial.size(), 16u);
  EXPECT_EQ(serial[0], 0x7F);
  EXPECT_EQ(make_serial(Bytes(16, 0x00))[0], 0x01) << "no leading zero octet";
}

TEST(SignatureAlgorithm, NamesKnownOids) {
  EXPECT_EQ(signature_algorithm_name("1.2.840.113549.1.1.11"), "sha256WithRSAEncryption");
  EXPECT_EQ(signature_algorithm_name("1.2.840.10045.4.3.3"), "ecdsa-with-SHA384");
  EXPECT_EQ(signature_algorithm_name("1.3.101.112"), "Ed25519");
  EXPECT_EQ(signature_algorithm_name("1.2.3.4"), "1.2.3.4");
}

std::string text_of(const Result<SecureBuffer>& password) {
  return password ? std::string(password->begin(), password->end()) : "<" + password.error().message + ">";
}

TEST(PasswordSources, ReadEveryOpensslForm) {
  testing::TempDir dir;
  EXPECT_EQ(text_of(read_password("pass:s3cret")), "s3cret");
  ::setenv("POLYCERT_TEST_PASSWORD", "from env", 1);
  EXPECT_EQ(text_of(read_password("env:POLYCERT_TEST_PASSWORD")), "from env");
  const std::string file = dir.write("pw", as_bytes("first line\r\nsecond\n"));
  EXPECT_EQ(text_of(read_password("file:" + file)), "first line");
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ASSERT_EQ(::write(fds[1], "piped\nrest", 10), 10);
  ::close(fds[1]);
  EXPECT_EQ(text_of(read_password("fd:" + std::to_string(fds[0]))), "piped");
  ::close(fds[0]);
  EXPECT_TRUE(password_on_command_line("pass:x"));
  EXPECT_FALSE(password_on_command_line("env:X"));
}

TEST(PasswordSources, ExplainFailuresWithoutEchoingAnything) {
  ::unsetenv("POLYCERT_NO_SUCH_VARIABLE");
  auto unset = read_password("env:POLYCERT_NO_SUCH_VARIABLE");
  ASSERT_FALSE(unset);
  EXPECT_EQ(unset.error().code, ErrorCode::io);
  auto typed_password = read_password("hunter2");
  ASSERT_FALSE(typed_password);
  EXPECT_EQ(typed_password.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(typed_password.error().message.find("hunter2"), std::string::npos);
  EXPECT_FALSE(read_password("fd:x"));
  EXPECT_FALSE(read_password("file:/nonexistent/polycert/pw"));
}

}  // namespace
TEST(CertificateTime, ConvertsBothWaysWithoutTimeZones) {
  EXPECT_EQ(unix_seconds(CivilTime{1970, 1, 1, 0, 0, 0}), 0);
  EXPECT_EQ(unix_seconds(CivilTime{2000, 2, 29, 12, 0, 0}), 951825600);
  EXPECT_EQ(unix_seconds(CivilTime{9999, 12, 31, 23, 59, 59}), 253402300799);
  for (std::int64_t t : {0LL, 951825600LL, 2524607999LL, 2524608000LL, 253402300799LL, -86400LL}) {
    const CivilTime c = civil_time(t);
    EXPECT_EQ(unix_seconds(c), t) << t;
  }
}

TEST(CertificateTime, IsUtcTimeThrough2049AndGeneralizedTimeFrom2050) {
  EXPECT_EQ(x509_time(2524607999).tag, 0x17);
  EXPECT_EQ(x509_time(2524607999).text, "491231235959Z");
  EXPECT_EQ(x509_time(2524608000).tag, 0x18);
  EXPECT_EQ(x509_time(2524608000).text, "20500101000000Z");
  EXPECT_EQ(x509_time(0).text, "700101000000Z");
}

}  // namespace polycert
