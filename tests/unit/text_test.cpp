// Text that goes into reports: whatever bytes a file held come out as valid UTF-8, and as
// inert HTML.
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

}  // namespace
}  // namespace polycert
