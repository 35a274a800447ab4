// A bounded BER reader, for the two containers that are BER by specification: PKCS#7
// (RFC 2315) and PKCS#12 (RFC 7292). Windows and Java write them with indefinite lengths
// and with OCTET STRINGs cut into constructed pieces; polycert reads both.
//
// BER stays at the edge: to_der() turns a BER structure into definite, minimal lengths
// with every constructed string joined into one primitive string, so the code behind it
// reads with der::Reader like everything else. Bounds as for DER: kMaxInputSize,
// kMaxDepth levels of nesting (indefinite or not), no trailing data, no high tag numbers.
// No crypto.
#pragma once

#include <polycert/der.hpp>
#include <polycert/error.hpp>
#include <polycert/secure_buffer.hpp>

#include <cstdint>
#include <string_view>

namespace polycert::ber {

/// One BER element. For an indefinite length, `content` runs from after the header to
/// the end-of-contents octets (excluded), and `whole` includes them.
struct Element {
  std::uint8_t tag = 0;
  bool indefinite = false;
  ByteView content;
  ByteView whole;
  bool constructed() const { return (tag & 0x20) != 0; }
};

/// Reads consecutive BER elements, like der::Reader. Lengths may be definite in any form
/// (long form, leading zeros) or indefinite (constructed only); an indefinite element is
/// walked to its end-of-contents, no deeper than kMaxDepth. Errors are invalid_input.
class Reader {
 public:
  explicit Reader(ByteView data) : rest_(data) {}
  bool empty() const { return rest_.empty(); }
  Result<Element> next();
  /// Next element, which must have tag `tag`; `what` names it in the error.
  Result<Element> expect(std::uint8_t tag, std::string_view what);
  std::uint8_t peek_tag() const { return rest_.empty() ? 0 : rest_[0]; }

 private:
  ByteView rest_;
};

/// The value of a string element: a primitive element's content, or for a constructed
/// one (any tag: OCTET STRING 0x24, or an IMPLICIT tag such as PKCS#7's [0]
/// encryptedContent 0xA0) its primitive pieces joined, recursively. Pieces must be
/// OCTET STRINGs or, for a universal string type, that type. BIT STRING pieces: only the
/// last may have unused bits. Copies into a SecureBuffer: the content may be a secret.
Result<SecureBuffer> string_content(const Element& element);

/// `data` as DER framing: exactly one element (no trailing data), within kMaxInputSize
/// and kMaxDepth; every length definite and minimal; universal constructed strings
/// (OCTET/BIT/UTF8/Printable/IA5/BMP... STRING) joined into primitive ones. Context and
/// application tags keep their form (the reader cannot know an IMPLICIT string from a
/// wrapper: use string_content() on those). Not a full DER canonicaliser: SET OF order,
/// BOOLEAN values and primitive contents are kept as they are, so a structure that was
/// DER comes out byte for byte the same.
Result<SecureBuffer> to_der(ByteView data);

}  // namespace polycert::ber
