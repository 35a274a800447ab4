// The one UTF-8 codec (every reader and writer of text uses it), and text that goes into
// reports: whatever bytes a file held come out as valid UTF-8, and as inert HTML.
#include <polycert/text.hpp>

#include <gtest/gtest.h>

namespace polycert {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

TEST(ValidUtf8, KeepsUtf8AsItIs) {
  for (std::string_view text : {"", "plain ASCII", "Mountain View", "M\xC3\xBCnchen",
                                "\xE6\x9D\xB1\xE4\xBA\xAC", "\xF0\x9F\x94\x91 key"})
    EXPECT_EQ(valid_utf8(text), text);
}

TEST(ValidUtf8, ReplacesEachByteThatIsNotUtf8) {
  EXPECT_EQ(valid_utf8("caf\xE9"), "caf" + std::string(kReplacement));  // Latin-1
  EXPECT_EQ(valid_utf8("\xC0\xAF"), std::string(kReplacement) + std::string(kReplacement));
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"),  // surrogate
            std::string(kReplacement) + std::string(kReplacement) + std::string(kReplacement));
  EXPECT_EQ(valid_utf8("\xF4\x90\x80\x80").find("\xF4"), std::string::npos);  // > U+10FFFF
  EXPECT_EQ(valid_utf8("ok\xE2\x82"), "ok" + std::string(kReplacement) + std::string(kReplacement));
}

TEST(HtmlEscape, WritesMarkupCharactersAsReferences) {
  EXPECT_EQ(html_escape("<script>alert('x & \"y\"')</script>"),
            "&lt;script&gt;alert(&#39;x &amp; &quot;y&quot;&#39;)&lt;/script&gt;");
}

TEST(HtmlEscape, ReplacesControlCharactersButKeepsTabAndNewline) {
  EXPECT_EQ(html_escape("a\tb\nc"), "a\tb\nc");
  EXPECT_EQ(html_escape("bell\x07 esc\x1b[31m"),
            "bell" + std::string(kReplacement) + " esc" + std::string(kReplacement) + "[31m");
}

TEST(HtmlEscape, MakesTheTextValidUtf8First) {
  EXPECT_EQ(html_escape("O=\xE9<"), "O=" + std::string(kReplacement) + "&lt;");
}

TEST(Utf8Codec, DecodesOnlyWellFormedUtf8) {
  EXPECT_EQ(decode_utf8("M\xC3\xBC\xF0\x9F\x94\x91"), (std::vector<char32_t>{'M', 0xFC, 0x1F511}));
  for (std::string_view bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE6\x9D"}) {
    EXPECT_FALSE(decode_utf8(bad)) << "overlong, surrogate, past U+10FFFF or truncated";
    EXPECT_FALSE(is_valid_utf8(bad));
  }
  std::string out;
  for (char32_t cp : {char32_t{'A'}, char32_t{0xE9}, char32_t{0x6771}, char32_t{0x1F511}}) append_utf8(out, cp);
  EXPECT_EQ(out, "A\xC3\xA9\xE6\x9D\xB1\xF0\x9F\x94\x91");
}

TEST(Utf8Codec, Utf16beRefusesOrPairsCharactersBeyondTheBmpAsAsked) {
  auto bmp = utf8_to_utf16be(as_bytes("M\xC3\xBC"), "password", BeyondBmp::refuse);
  ASSERT_TRUE(bmp) << bmp.error().message;
  EXPECT_EQ(*bmp, (SecureBuffer{0x00, 'M', 0x00, 0xFC}));
  auto refused = utf8_to_utf16be(as_bytes("\xF0\x9F\x94\x91"), "friendly name", BeyondBmp::refuse);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("friendly name: characters outside the Basic Multilingual Plane"),
            std::string::npos)
      << refused.error().message;
  // U+1F511 (key): 0x1F511 - 0x10000 = 0xF511, high 0xD800 + 0x3D, low 0xDC00 + 0x111.
  auto paired = utf8_to_utf16be(as_bytes("a\xF0\x9F\x94\x91"), "password", BeyondBmp::surrogate_pairs);
  ASSERT_TRUE(paired) << paired.error().message;
  EXPECT_EQ(*paired, (SecureBuffer{0x00, 'a', 0xD8, 0x3D, 0xDD, 0x11}));
  // The last code point, U+10FFFF, is the pair DBFF DFFF.
  auto last = utf8_to_utf16be(as_bytes("\xF4\x8F\xBF\xBF"), "password", BeyondBmp::surrogate_pairs);
  ASSERT_TRUE(last) << last.error().message;
  EXPECT_EQ(*last, (SecureBuffer{0xDB, 0xFF, 0xDF, 0xFF}));
  EXPECT_FALSE(utf8_to_utf16be(as_bytes("caf\xE9"), "password", BeyondBmp::surrogate_pairs));
}

}  // namespace
}  // namespace polycert
