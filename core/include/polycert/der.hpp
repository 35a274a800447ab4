// A strict, bounded DER reader and a small DER writer. No crypto: just framing.
//
// The reader accepts only definite, minimal lengths and low tag numbers, and never
// reads past its input. check_strict_der() walks a whole structure so that trailing
// data, non-minimal lengths, BER indefinite lengths and deep nesting are rejected in
// one place, before any backend sees the bytes.
#pragma once

#include <polycert/error.hpp>
#include <polycert/secure_buffer.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace polycert::der {

inline constexpr std::uint8_t kInteger = 0x02;
inline constexpr std::uint8_t kBitString = 0x03;
inline constexpr std::uint8_t kOctetString = 0x04;
inline constexpr std::uint8_t kNull = 0x05;
inline constexpr std::uint8_t kOid = 0x06;
inline constexpr std::uint8_t kEnumerated = 0x0A;
inline constexpr std::uint8_t kSequence = 0x30;
inline constexpr std::uint8_t kSet = 0x31;
/// [n] EXPLICIT / constructed context-specific tag.
constexpr std::uint8_t context_constructed(unsigned n) { return std::uint8_t(0xA0 | n); }

/// Largest input any parser in polycert accepts.
inline constexpr std::size_t kMaxInputSize = 4 * 1024 * 1024;
/// Deepest nesting of constructed elements accepted.
inline constexpr unsigned kMaxDepth = 64;

struct Element {
  std::uint8_t tag = 0;
  ByteView content;  ///< the value octets
  ByteView whole;    ///< tag, length and value
  bool constructed() const { return (tag & 0x20) != 0; }
};

/// Reads consecutive elements from a buffer. Errors are invalid_input.
class Reader {
 public:
  explicit Reader(ByteView data) : rest_(data) {}
  bool empty() const { return rest_.empty(); }
  /// Next element, whatever its tag.
  Result<Element> next();
  /// Next element, which must have tag `tag`; `what` names it in the error.
  Result<Element> expect(std::uint8_t tag, std::string_view what);
  /// Tag of the next element without consuming it (0 if empty).
  std::uint8_t peek_tag() const { return rest_.empty() ? 0 : rest_[0]; }

 private:
  ByteView rest_;
};

/// Succeeds if `data` is exactly one DER element (no trailing bytes), within the size
/// cap, with definite minimal lengths throughout and nesting no deeper than kMaxDepth.
Result<void> check_strict_der(ByteView data);

/// Why an element of `tag` with `content` (joined, for a BER string in pieces) cannot be DER
/// wherever it stands, or "" when it can: a universal type in a form X.690 forbids (a
/// primitive SEQUENCE, a constructed INTEGER...), an INTEGER or ENUMERATED that is empty or
/// not minimal, or a UniversalString or BMPString of part characters. check_strict_der and
/// ber::to_der both ask it.
std::string universal_rule_broken(std::uint8_t tag, ByteView content);

/// True for the universal string types (BIT, OCTET, UTF8, Numeric, Printable, Teletex,
/// Videotex, IA5, Graphic, Visible, General, Universal and BMP STRING), primitive or
/// constructed: the types BER may split into pieces and DER never does (X.690 10.2).
bool is_universal_string(std::uint8_t tag);

/// Dotted text of an OID's content octets ("1.2.840.10045.2.1").
Result<std::string> decode_oid(ByteView content);
/// True when `dotted` is an OID encode_oid can write and decode_oid reads back as the same
/// text: at least two arcs of digits without leading zeros, each fitting 64 bits, the
/// first 0, 1 or 2 and, under 0 and 1, the second below 40 (X.660). Every parser of
/// user-typed OIDs checks with this (a fuzzed subject "/0.2.84022...=x" reached the
/// assertion below; without assertions it encoded another OID).
bool is_valid_oid(std::string_view dotted);
/// Content octets of a dotted OID. The text must be valid (is_valid_oid, asserted).
Bytes encode_oid(std::string_view dotted);

/// Content octets of a non-negative INTEGER: minimal, with a leading 00 when the top bit
/// of the first octet is set.
Bytes encode_unsigned(std::uint64_t value);
/// The value of a non-negative INTEGER's content octets that fits in 32 bits;
/// invalid_input "<what> is negative or too large" otherwise.
Result<std::uint32_t> decode_uint32(ByteView content, std::string_view what);

/// Appends one TLV to `out`.
void append_element(SecureBuffer& out, std::uint8_t tag, ByteView content);
SecureBuffer element(std::uint8_t tag, ByteView content);

}  // namespace polycert::der
