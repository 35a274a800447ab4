// Text for people and documents (terminal lines, JSON, HTML reports): what polycert prints
// may come from a file (a DN value, a path, an error naming either) and be any bytes.
#pragma once

#include <polycert/error.hpp>
#include <polycert/secure_buffer.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polycert {

// ---- The one UTF-8 codec: every reader and writer of text in polycert uses these. ----

/// The code points of `text` when it is valid UTF-8 (no overlong forms, UTF-16 surrogates,
/// values past U+10FFFF or truncated sequences); nullopt otherwise.
std::optional<std::vector<char32_t>> decode_utf8(std::string_view text);
/// Whether decode_utf8 would succeed, without building the code points.
bool is_valid_utf8(std::string_view text);
/// Appends one code point (at most U+10FFFF) as UTF-8.
void append_utf8(std::string& out, char32_t code_point);
/// What utf8_to_utf16be does with a character beyond U+FFFF.
enum class BeyondBmp {
  refuse,           ///< a BMPString in the strict sense (UCS-2): friendlyName as OpenSSL writes it
  surrogate_pairs,  ///< UTF-16: PKCS#12 passwords, as OpenSSL 3 encodes them (OPENSSL_utf82uni)
};
/// UTF-8 as UTF-16BE octets (no terminator): PKCS#12 passwords (RFC 7292 B.1, which calls
/// them BMPStrings) and friendlyName. invalid_input, prefixed with `what`, for text that is
/// not UTF-8, or that holds a character beyond U+FFFF when `beyond_bmp` is refuse.
Result<SecureBuffer> utf8_to_utf16be(ByteView utf8, std::string_view what, BeyondBmp beyond_bmp);
// ASN.1 strings (UTF8String, PrintableString, BMPString, ...) to UTF-8: decode_string_value
// in name.hpp, the one reader for name values and request attributes.

/// `text` with every byte sequence that is not UTF-8 (overlong forms, surrogates, beyond
/// U+10FFFF, truncated) replaced by U+FFFD, so JSON can carry it and a browser shows what
/// a terminal would.
std::string valid_utf8(std::string_view text);

/// `text` as HTML element content or a quoted attribute value: made valid UTF-8 as above,
/// & < > " ' written as character references, and control characters other than tab and
/// newline (an escape sequence in a file name, say) replaced by U+FFFD.
std::string html_escape(std::string_view text);

/// `text` as a terminal line shows it safely: the one escaping of every name, file name and
/// error message polycert prints as text (docs/security.md, "Text on a terminal"). Each
/// byte of a control character (C0, DEL, C1), of a bidirectional formatting character and
/// of anything that is not UTF-8 becomes `\xHH` (lower-case hex); a backslash followed by
/// `x` becomes `\x5c`, so every `\x` shown is an escape; everything else (é, 中, a `\/`)
/// is kept as it is.
std::string terminal_text(std::string_view text);

}  // namespace polycert
