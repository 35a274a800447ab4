#include <polycert/text.hpp>

namespace polycert {

namespace {

// Code points of valid UTF-8 (no overlongs, surrogates or values past U+10FFFF).
// Calls sink(code point) for each character of `text`; false at the first sequence that is
// not UTF-8 (overlong, surrogate, beyond U+10FFFF, truncated).
template <typename Sink>
bool for_each_code_point(std::string_view text, Sink&& sink) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    int length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + static_cast<std::size_t>(length) > text.size()) return false;
    char32_t cp = length == 1 ? byte : byte & (0x7F >> length);
    for (int k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      if ((next & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (next & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    sink(cp);
    i += static_cast<std::size_t>(length);
  }
  return true;
}

}  // namespace

std::optional<std::vector<char32_t>> decode_utf8(std::string_view text) {
  std::vector<char32_t> out;
  if (!for_each_code_point(text, [&](char32_t cp) { out.push_back(cp); })) return std::nullopt;
  return out;
}

bool is_valid_utf8(std::string_view text) {
  return for_each_code_point(text, [](char32_t) {});
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

Result<SecureBuffer> utf8_to_utf16be(ByteView utf8, std::string_view what, BeyondBmp beyond_bmp) {
  const auto code_points = decode_utf8(as_text(utf8));
  if (!code_points) return fail(ErrorCode::invalid_input, std::string(what) + ": not valid UTF-8");
  SecureBuffer out;
  out.reserve(code_points->size() * 4);
  const auto append_unit = [&](char32_t unit) {
    out.push_back(static_cast<std::uint8_t>(unit >> 8));
    out.push_back(static_cast<std::uint8_t>(unit & 0xFF));
  };
  for (char32_t cp : *code_points) {
    if (cp <= 0xFFFF) {
      append_unit(cp);
      continue;
    }
    if (beyond_bmp == BeyondBmp::refuse)
      return fail(ErrorCode::invalid_input,
                  std::string(what) + ": characters outside the Basic Multilingual Plane cannot "
                                      "be a BMPString");
    // decode_utf8 stops at U+10FFFF, so the offset fits the 20 bits of a surrogate pair.
    const char32_t offset = cp - 0x10000;
    append_unit(0xD800 + (offset >> 10));
    append_unit(0xDC00 + (offset & 0x3FF));
  }
  return out;
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const auto continuation = [&](std::size_t i) {
    return i < text.size() && (byte(i) & 0xC0) == 0x80;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = byte(i);
    std::size_t length = 0;
    if (c < 0x80) {
      length = 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      length = continuation(i + 1) ? 2 : 0;
    } else if (c >= 0xE0 && c <= 0xEF) {
      // No overlong forms (E0 80..9F) and no UTF-16 surrogates (ED A0..BF).
      const bool second_ok = i + 1 < text.size() && continuation(i + 1) &&
                             !(c == 0xE0 && byte(i + 1) < 0xA0) &&
                             !(c == 0xED && byte(i + 1) > 0x9F);
      length = second_ok && continuation(i + 2) ? 3 : 0;
    } else if (c >= 0xF0 && c <= 0xF4) {
      // No overlong forms (F0 80..8F) and nothing above U+10FFFF (F4 90..).
      const bool second_ok = i + 1 < text.size() && continuation(i + 1) &&
                             !(c == 0xF0 && byte(i + 1) < 0x90) &&
                             !(c == 0xF4 && byte(i + 1) > 0x8F);
      length = second_ok && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
    }
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::string html_escape(std::string_view text) {
  const std::string valid = valid_utf8(text);
  std::string out;
  out.reserve(valid.size() + valid.size() / 8);
  for (char c : valid) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        // Control characters other than tab and newline have no business in a page.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n')
          out += "\xEF\xBF\xBD";
        else
          out += c;
    }
  }
  return out;
}

namespace {

// The length of the UTF-8 sequence that the lead byte announces (0: not a lead byte).
std::size_t announced_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 0;
}

// What a terminal would act on rather than show: C0, DEL and C1 controls (ESC and CSI start
// escape sequences, CR and LF forge lines), and the bidirectional formatting characters,
// which reorder what is shown around them (a name that reads as another).
bool acts_on_terminal(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void append_byte_escape(std::string& out, unsigned char byte) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\x";
  out += kHex[byte >> 4];
  out += kHex[byte & 0xF];
}

}  // namespace

std::string terminal_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = announced_length(static_cast<unsigned char>(text[i]));
    const std::string_view sequence =
        length == 0 || i + length > text.size() ? std::string_view() : text.substr(i, length);
    char32_t cp = 0;
    const bool valid = !sequence.empty() &&
                       for_each_code_point(sequence, [&](char32_t decoded) { cp = decoded; });
    if (!valid) {  // one byte at a time, so the text after a bad byte reads as before
      append_byte_escape(out, static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (acts_on_terminal(cp)) {
      for (char byte : sequence) append_byte_escape(out, static_cast<unsigned char>(byte));
    } else if (cp == '\\' && i + 1 < text.size() && text[i + 1] == 'x') {
      append_byte_escape(out, '\\');
    } else {
      out.append(sequence);
    }
    i += length;
  }
  return out;
}

}  // namespace polycert
