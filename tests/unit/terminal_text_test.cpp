// terminal_text: what polycert prints as text (names, file names, error messages) cannot
// drive the terminal (no ESC, BEL, CR, LF, NUL, C1 or bidirectional controls reach it),
// still reads as written for valid UTF-8, and can be read back unambiguously.
#include <polycert/text.hpp>

#include <gtest/gtest.h>

namespace polycert {
namespace {

// The reading docs/security.md promises: "\xHH" is the byte HH, anything else is itself.
std::string read_back(std::string_view shown) {
  std::string out;
  auto hex = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  for (std::size_t i = 0; i < shown.size(); ++i) {
    if (shown[i] == '\\' && i + 3 < shown.size() && shown[i + 1] == 'x') {
      out += static_cast<char>(hex(shown[i + 2]) << 4 | hex(shown[i + 3]));
      i += 3;
    } else {
      out += shown[i];
    }
  }
  return out;
}

bool drives_a_terminal(std::string_view shown) {
  for (unsigned char c : shown)
    if (c < 0x20 || c == 0x7F) return true;
  return shown.find("\xC2\x9B") != std::string_view::npos ||
         shown.find("\xE2\x80\xAE") != std::string_view::npos;
}

TEST(TerminalText, KeepsPrintableUtf8AsItIs) {
  for (std::string_view text : {"", "/CN=example.com/O=Acme", "caf\xC3\xA9", "\xE4\xB8\xAD\xE6\x96\x87",
                                "\xF0\x9F\x94\x91 key", "/CN=a\\/b\\+c", "C:\\keys", "tab-free"})
    EXPECT_EQ(terminal_text(text), text);
}

TEST(TerminalText, ShowsControlCharactersAsHexEscapes) {
  EXPECT_EQ(terminal_text("CN=evil\x1b]0;owned\x07"), "CN=evil\\x1b]0;owned\\x07");
  EXPECT_EQ(terminal_text(std::string_view("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(terminal_text("line\r\nforged: ok"), "line\\x0d\\x0aforged: ok");
  EXPECT_EQ(terminal_text("del\x7f"), "del\\x7f");
  EXPECT_EQ(terminal_text("tab\there"), "tab\\x09here");
  EXPECT_EQ(terminal_text("csi\xC2\x9B" "2J"), "csi\\xc2\\x9b2J");         // C1 CSI, 8-bit form
  EXPECT_EQ(terminal_text("gpj.\xE2\x80\xAE" "exe"), "gpj.\\xe2\\x80\\xaeexe");  // right-to-left override
}

TEST(TerminalText, ShowsEachByteThatIsNotUtf8) {
  EXPECT_EQ(terminal_text("caf\xE9"), "caf\\xe9");                    // Latin-1
  EXPECT_EQ(terminal_text("\xC0\xAF"), "\\xc0\\xaf");                 // overlong '/'
  EXPECT_EQ(terminal_text("\xED\xA0\x80"), "\\xed\\xa0\\x80");        // surrogate
  EXPECT_EQ(terminal_text("ok\xE2\x82"), "ok\\xe2\\x82");             // truncated
  EXPECT_EQ(terminal_text("\xE2\x82" "A\xE2\x82\xAC"), "\\xe2\\x82A\xE2\x82\xAC");  // then a valid euro
}

TEST(TerminalText, ABackslashThatCouldReadAsAnEscapeIsEscapedItself) {
  EXPECT_EQ(terminal_text("\\x1b"), "\\x5cx1b");  // the four characters, not ESC
  EXPECT_EQ(terminal_text("\\\\x"), "\\\\x5cx");
  EXPECT_EQ(terminal_text("a\\"), "a\\");          // nothing follows: nothing to mistake
}

TEST(TerminalText, WhatIsShownReadsBackToTheOriginalBytesAndCannotDriveTheTerminal) {
  const std::string cases[] = {
      "\\x1b",           "\\\x1b",        "\\\\x1b\\",         std::string("\0\\x00", 5),
      "\xE2\x80\xAE\\x", "\xFF\xFE\\xff", "\\x5c\x1b[31mred", "caf\xC3\xA9\r\n\\xzz"};
  for (const std::string& text : cases) {
    const std::string shown = terminal_text(text);
    EXPECT_EQ(read_back(shown), text) << shown;
    EXPECT_FALSE(drives_a_terminal(shown)) << shown;
  }
}

}  // namespace
}  // namespace polycert
