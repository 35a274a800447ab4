// Text for people and documents (terminal lines, JSON, HTML reports): what polycert prints
// may come from a file (a DN value, a path, an error naming either) and be any bytes.
#pragma once

#include <string>
#include <string_view>

namespace polycert {

/// `text` with every byte sequence that is not UTF-8 (overlong forms, surrogates, beyond
/// U+10FFFF, truncated) replaced by U+FFFD, so JSON can carry it and a browser shows what
/// a terminal would.
std::string valid_utf8(std::string_view text);

/// `text` as HTML element content or a quoted attribute value: made valid UTF-8 as above,
/// & < > " ' written as character references, and control characters other than tab and
/// newline (an escape sequence in a file name, say) replaced by U+FFFD.
std::string html_escape(std::string_view text);

}  // namespace polycert
