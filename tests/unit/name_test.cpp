// Subjects as users type them, in both spellings, and as DER.
#include "fixtures.hpp"

#include <polycert/name.hpp>

#include <gtest/gtest.h>

namespace polycert {
namespace {

DistinguishedName parsed(std::string_view text, StringPolicy policy = StringPolicy::utf8) {
  auto name = parse_name(text, policy);
  EXPECT_TRUE(name) << text << ": " << (name ? "" : name.error().message);
  return name.value_or(DistinguishedName{});
}

ErrorCode error_of(std::string_view text) {
  auto name = parse_name(text);
  EXPECT_FALSE(name) << text << " was accepted";
  return name ? ErrorCode::internal : name.error().code;
}

TEST(SubjectSlashForm, ReadsTheWso2ExampleWithItsTrailingSlash) {
  const auto name = parsed("/C=US/ST=California/L=Mountain View/O=WSO2/OU=IT/");
  EXPECT_EQ(format_slash(name), "/C=US/ST=California/L=Mountain View/O=WSO2/OU=IT");
  ASSERT_EQ(name.rdns.size(), 5u);
  EXPECT_EQ(name.rdns[0].attributes[0].type, StringType::printable) << "C is PrintableString";
  EXPECT_EQ(name.rdns[2].attributes[0].type, StringType::utf8);
  EXPECT_EQ(name.find("2.5.4.7"), "Mountain View");
}

TEST(SubjectSlashForm, HandlesEscapesMultiValuedRdnsOidsAndEmptyValues) {
  const auto name = parsed(R"(/O=Acme\/Labs/OU=/CN=api+UID=42/2.5.4.5=123/CN=a\+b)");
  ASSERT_EQ(name.rdns.size(), 4u) << format_slash(name);
  EXPECT_EQ(name.rdns[0].attributes[0].value, "Acme/Labs");
  ASSERT_EQ(name.rdns[1].attributes.size(), 2u);
  EXPECT_EQ(name.rdns[1].attributes[1].oid, "0.9.2342.19200300.100.1.1");
  EXPECT_EQ(name.rdns[2].attributes[0].oid, "2.5.4.5");
  EXPECT_EQ(name.rdns[2].attributes[0].type, StringType::printable) << "serialNumber";
  EXPECT_EQ(name.rdns[3].attributes[0].value, "a+b");
  EXPECT_EQ(format_slash(name), R"(/O=Acme\/Labs/CN=api+UID=42/serialNumber=123/CN=a\+b)");
}

TEST(SubjectRfc4514, ListsTheLastRdnFirst) {
  const auto name = parsed("CN=api.acme.com,O=Acme,C=US");
  EXPECT_EQ(format_slash(name), "/C=US/O=Acme/CN=api.acme.com");
  EXPECT_EQ(format_rfc4514(name), "CN=api.acme.com,O=Acme,C=US");
}

TEST(SubjectRfc4514, HandlesEscapesHexAndMultiValuedRdns) {
  const auto name = parsed(R"(CN=Smith\, John+UID=js,O=caf\C3\A9 \#1,C=FR)");
  ASSERT_EQ(name.rdns.size(), 3u);
  EXPECT_EQ(name.rdns[2].attributes[0].value, "Smith, John");
  EXPECT_EQ(name.rdns[1].attributes[0].value, "café #1");
  EXPECT_EQ(parsed(format_rfc4514(name)), name) << format_rfc4514(name);
}

TEST(Subject, BothSpellingsMeanTheSameName) {
  EXPECT_EQ(parsed("/C=US/ST=California/O=Acme/CN=x"), parsed("CN=x, O=Acme, ST=California, C=US"));
  EXPECT_EQ(parsed("/countryName=US/commonName=x"), parsed("/C=US/CN=x"));
}

TEST(Subject, KeepsUtf8AsUtf8) {
  const auto name = parsed("/C=DE/L=München/CN=Ünïcödé 東京");
  EXPECT_EQ(name.find("2.5.4.7"), "München");
  EXPECT_EQ(name.rdns[2].attributes[0].type, StringType::utf8);
  auto decoded = decode_name(encode_name(name));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, name);
}

TEST(Subject, PrintablePolicyUsesPrintableStringWhereTheValueAllows) {
  const auto name = parsed("/O=Acme Inc./CN=Zoë", StringPolicy::printable);
  EXPECT_EQ(name.rdns[0].attributes[0].type, StringType::printable);
  EXPECT_EQ(name.rdns[1].attributes[0].type, StringType::utf8) << "ë is not printable";
}

TEST(Subject, EmailAddressIsIa5String) {
  const auto name = parsed("/CN=x/emailAddress=api-admin@acme.com");
  EXPECT_EQ(name.rdns[1].attributes[0].type, StringType::ia5);
  EXPECT_EQ(error_of("/emailAddress=zoë@acme.com"), ErrorCode::invalid_input);
}

TEST(Subject, EnforcesX520UpperBoundsAndCountryCodes) {
  EXPECT_TRUE(parse_name("/CN=" + std::string(64, 'a')));
  EXPECT_EQ(error_of("/CN=" + std::string(65, 'a')), ErrorCode::invalid_input);
  EXPECT_EQ(error_of("/O=" + std::string(65, 'o')), ErrorCode::invalid_input);
  EXPECT_EQ(error_of("/C=USA"), ErrorCode::invalid_input);
  EXPECT_EQ(error_of("/C=U1"), ErrorCode::invalid_input);
  // Bounds count characters, not bytes.
  std::string sixty_four_umlauts;
  for (int i = 0; i < 64; ++i) sixty_four_umlauts += "ü";
  EXPECT_TRUE(parse_name("/CN=" + sixty_four_umlauts));
  auto too_long = parse_name("/CN=" + std::string(65, 'a'));
  EXPECT_NE(too_long.error().message.find("at most 64"), std::string::npos);
}

TEST(Subject, RejectsWhatItCannotReadWithAClearMessage) {
  EXPECT_EQ(error_of(""), ErrorCode::invalid_input);
  EXPECT_EQ(error_of("/XX=1"), ErrorCode::invalid_input);
  EXPECT_EQ(error_of("/CN"), ErrorCode::invalid_input);
  EXPECT_EQ(error_of("/CN=a\\"), ErrorCode::invalid_input);
  EXPECT_EQ(error_of("CN=#0403616263"), ErrorCode::invalid_input);
  EXPECT_EQ(error_of("CN=a;b"), ErrorCode::invalid_input);
  EXPECT_EQ(error_of("/CN=\xff\xfe"), ErrorCode::invalid_input);
  auto unknown = parse_name("/XX=1");
  EXPECT_NE(unknown.error().message.find("'XX'"), std::string::npos);
}

TEST(NameDer, MatchesWhatOpensslWritesForTheSameSubject) {
  // The Name inside `openssl req -new -subj "/C=US/ST=California/L=Mountain View/O=WSO2/OU=IT/"`,
  // copied from its DER: C as PrintableString, the rest UTF8String, one attribute per SET.
  const Bytes der = encode_name(parsed("/C=US/ST=California/L=Mountain View/O=WSO2/OU=IT/"));
  const Bytes expected = {
      0x30, 0x56, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x06, 0x13, 0x02, 0x55, 0x53,
      0x31, 0x13, 0x30, 0x11, 0x06, 0x03, 0x55, 0x04, 0x08, 0x0c, 0x0a, 'C',  'a',  'l',  'i',
      'f',  'o',  'r',  'n',  'i',  'a',  0x31, 0x16, 0x30, 0x14, 0x06, 0x03, 0x55, 0x04, 0x07,
      0x0c, 0x0d, 'M',  'o',  'u',  'n',  't',  'a',  'i',  'n',  ' ',  'V',  'i',  'e',  'w',
      0x31, 0x0d, 0x30, 0x0b, 0x06, 0x03, 0x55, 0x04, 0x0a, 0x0c, 0x04, 'W',  'S',  'O',  '2',
      0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x0b, 0x0c, 0x02, 'I',  'T'};
  EXPECT_EQ(der, expected);
}

TEST(NameDer, SortsTheMembersOfAMultiValuedRdn) {
  const auto a = encode_name(parsed("/CN=x+UID=y"));
  const auto b = encode_name(parsed("/UID=y+CN=x"));
  EXPECT_EQ(a, b) << "DER orders SET OF by encoding";
  auto decoded = decode_name(a);
  ASSERT_TRUE(decoded);
  EXPECT_TRUE(same_meaning(*decoded, parsed("/UID=y+CN=x")));
}

TEST(NameDer, ReadsBmpAndTeletexStringsAsUtf8) {
  // SEQUENCE { SET { SEQUENCE { CN, BMPString "é" } } , SET { SEQUENCE { O, T61String 0xE9 } } }
  const Bytes der = {0x30, 0x1a, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x03, 0x1e,
                     0x02, 0x00, 0xe9, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x0a,
                     0x14, 0x02, 0xe9, 0x41};
  auto name = decode_name(der);
  ASSERT_TRUE(name) << name.error().message;
  EXPECT_EQ(name->find("2.5.4.3"), "é");
  EXPECT_EQ(name->find("2.5.4.10"), "éA");
  EXPECT_EQ(name->rdns[0].attributes[0].type, StringType::bmp);
  EXPECT_EQ(encode_name(*name), der) << "re-encoding keeps the original string types";
}

TEST(NameDer, ReadsNonStringValuesAsHexAndWritesThemBackExactly) {
  // CN = INTEGER 5: RFC 4514 2.4 shows a value of a non-string type as "#" and its DER.
  const Bytes integer_value = {0x30, 0x0c, 0x31, 0x0a, 0x30, 0x08, 0x06, 0x03,
                               0x55, 0x04, 0x03, 0x02, 0x01, 0x05};
  auto name = decode_name(integer_value);
  ASSERT_TRUE(name) << name.error().message;
  EXPECT_EQ(name->rdns[0].attributes[0].type, StringType::der_value);
  EXPECT_EQ(format_slash(*name), "/CN=#020105");
  EXPECT_EQ(format_rfc4514(*name), "CN=#020105") << "not escaped as a text value starting with #";
  EXPECT_EQ(encode_name(*name), integer_value);
}

TEST(NameDer, ReadsVisibleStringAsText) {
  const Bytes visible = {0x30, 0x0c, 0x31, 0x0a, 0x30, 0x08, 0x06, 0x03,
                         0x55, 0x04, 0x03, 0x1a, 0x01, 'v'};
  auto name = decode_name(visible);
  ASSERT_TRUE(name) << name.error().message;
  EXPECT_EQ(format_slash(*name), "/CN=v");
  EXPECT_EQ(encode_name(*name), visible);
}

TEST(NameDer, RejectsTrailingData) {
  Bytes trailing = encode_name(parsed("/CN=x"));
  trailing.push_back(0);
  EXPECT_FALSE(decode_name(trailing));
}

TEST(NameMatch, FoldsCaseAndSpacesButNotHexValues) {
  EXPECT_TRUE(names_match(parsed("/O=Acme  Corp/CN=CA"), parsed("/O=acme corp/CN=ca")));
  EXPECT_FALSE(names_match(parsed("/O=Acme/CN=CA"), parsed("/O=Acme/CN=CA2")));
  EXPECT_FALSE(names_match(parsed("/O=Acme/CN=CA"), parsed("/CN=CA/O=Acme"))) << "RDN order matters";
}

TEST(NameMeaning, IgnoresStringTypesButNotValues) {
  const auto utf8 = parsed("/O=Acme/CN=x");
  const auto printable = parsed("/O=Acme/CN=x", StringPolicy::printable);
  EXPECT_NE(utf8, printable);
  EXPECT_TRUE(same_meaning(utf8, printable));
  EXPECT_FALSE(same_meaning(utf8, parsed("/O=Acme/CN=y")));
  EXPECT_FALSE(same_meaning(utf8, parsed("/CN=x/O=Acme"))) << "RDN order matters";
}

}  // namespace
}  // namespace polycert
