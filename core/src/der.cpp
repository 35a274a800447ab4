#include <polycert/der.hpp>

#include <cassert>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <vector>

namespace polycert::der {

namespace {

Result<Element> read_element(ByteView& rest) {
  if (rest.size() < 2) return fail(ErrorCode::invalid_input, "DER element truncated");
  const std::uint8_t tag = rest[0];
  if ((tag & 0x1F) == 0x1F)
    return fail(ErrorCode::invalid_input, "DER high-tag-number form is not used by any "
                                          "supported structure");
  std::size_t length = rest[1];
  std::size_t header = 2;
  if (length == 0x80)
    return fail(ErrorCode::invalid_input, "BER indefinite length where DER is required");
  if (length > 0x80) {
    const std::size_t count = length & 0x7F;
    if (count > 4) return fail(ErrorCode::invalid_input, "DER length field too large");
    if (rest.size() < 2 + count) return fail(ErrorCode::invalid_input, "DER length truncated");
    if (rest[2] == 0)
      return fail(ErrorCode::invalid_input, "non-minimal DER length (leading zero byte)");
    length = 0;
    for (std::size_t i = 0; i < count; ++i) length = (length << 8) | rest[2 + i];
    if (length < 0x80)
      return fail(ErrorCode::invalid_input, "non-minimal DER length (long form for < 128)");
    header += count;
  }
  if (length > rest.size() - header)
    return fail(ErrorCode::invalid_input, "DER element truncated: length " +
                                              std::to_string(length) + " exceeds the " +
                                              std::to_string(rest.size() - header) +
                                              " bytes left");
  Element element;
  element.tag = tag;
  element.content = rest.subspan(header, length);
  element.whole = rest.subspan(0, header + length);
  rest = rest.subspan(header + length);
  return element;
}

// A universal string type in the constructed form, which DER forbids (X.690 10.2) and
// ber::to_der would join: found by fuzzing (fuzz/regressions/der), where check_strict_der
// passed a constructed NumericString.
bool constructed_string(std::uint8_t tag) { return (tag & 0x20) != 0 && is_universal_string(tag); }

// A universal type in a form X.690 does not allow: SEQUENCE and SET are always constructed
// (8.9.1, 8.11.1); BOOLEAN, INTEGER, NULL, OBJECT IDENTIFIER, REAL, ENUMERATED, RELATIVE-OID
// and, in DER, the times always primitive. Found by differential fuzzing: a primitive
// SEQUENCE as a request attribute's value, which OpenSSL refused and Botan and Mbed TLS read.
bool wrong_universal_form(std::uint8_t tag) {
  if ((tag & 0xC0) != 0) return false;  // not universal
  const bool constructed = (tag & 0x20) != 0;
  switch (tag & 0x1F) {
    case 0x10:
    case 0x11: return !constructed;  // SEQUENCE, SET
    case 0x01:
    case 0x02:
    case 0x05:
    case 0x06:  // BOOLEAN, INTEGER, NULL, OBJECT IDENTIFIER
    case 0x09:
    case 0x0A:
    case 0x0D:  // REAL, ENUMERATED, RELATIVE-OID
    case 0x17:
    case 0x18: return constructed;  // UTCTime, GeneralizedTime
    default: return false;
  }
}

Result<void> walk(ByteView data, unsigned depth) {
  if (depth > kMaxDepth)
    return fail(ErrorCode::invalid_input,
                "DER nesting deeper than " + std::to_string(kMaxDepth) + " levels");
  ByteView rest = data;
  while (!rest.empty()) {
    auto element = read_element(rest);
    if (!element) return std::unexpected(element.error());
    // Tag 0 is BER's end-of-contents, which only ends an indefinite length (found by
    // fuzzing: fuzz/regressions/der, a "00 00" inside a key that ber::to_der refuses).
    if (element->tag == 0x00)
      return fail(ErrorCode::invalid_input, "end-of-contents octets (tag 0) where DER has none");
    if (constructed_string(element->tag)) {
      char hex[3];
      std::snprintf(hex, sizeof hex, "%02x", element->tag);
      return fail(ErrorCode::invalid_input, "constructed string (tag 0x" + std::string(hex) +
                                                ") where DER requires the primitive form");
    }
    if (const std::string broken = universal_rule_broken(element->tag, element->content);
        !broken.empty())
      return fail(ErrorCode::invalid_input, broken);
    if (element->constructed()) {
      if (auto inner = walk(element->content, depth + 1); !inner) return inner;
    }
  }
  return {};
}

}  // namespace

Result<Element> Reader::next() { return read_element(rest_); }

Result<Element> Reader::expect(std::uint8_t tag, std::string_view what) {
  if (rest_.empty())
    return fail(ErrorCode::invalid_input, "missing " + std::string(what));
  if (rest_[0] != tag)
    return fail(ErrorCode::invalid_input, "expected " + std::string(what) + ", found tag 0x" +
                                              [&] {
                                                char hex[3];
                                                std::snprintf(hex, sizeof hex, "%02x", rest_[0]);
                                                return std::string(hex);
                                              }());
  return next();
}

Result<void> check_strict_der(ByteView data) {
  if (data.empty()) return fail(ErrorCode::invalid_input, "empty input");
  if (data.size() > kMaxInputSize)
    return fail(ErrorCode::invalid_input, "input of " + std::to_string(data.size()) +
                                              " bytes exceeds the " +
                                              std::to_string(kMaxInputSize) + "-byte limit");
  ByteView rest = data;
  auto top = read_element(rest);
  if (!top) return std::unexpected(top.error());
  if (!rest.empty())
    return fail(ErrorCode::invalid_input,
                "trailing data after the DER structure (" + std::to_string(rest.size()) +
                    (rest.size() == 1 ? " byte)" : " bytes)"));
  return walk(top->whole, 0);
}

std::string universal_rule_broken(std::uint8_t tag, ByteView content) {
  const std::size_t content_size = content.size();
  char hex[3];
  std::snprintf(hex, sizeof hex, "%02x", tag);
  if (wrong_universal_form(tag))
    return "tag 0x" + std::string(hex) + " in the " +
           ((tag & 0x20) != 0 ? "constructed" : "primitive") +
           " form, which its type never takes (X.690 8)";
  // Fixed-width strings: a UniversalString is whole 4-octet characters, a BMPString whole
  // 2-octet ones (OpenSSL's decoder refuses them wherever they stand, Botan and Mbed TLS
  // only where they read the value: found by differential fuzzing in a request attribute).
  if ((tag == 0x1C && content_size % 4 != 0) || (tag == 0x1E && content_size % 2 != 0))
    return std::string(tag == 0x1C ? "UniversalString" : "BMPString") + " of " +
           std::to_string(content_size) + " octets: not whole characters";
  // X.690 8.3: an INTEGER (and so an ENUMERATED) has one encoding, with no sign-only
  // leading octet. OpenSSL refuses padding wherever it stands ("illegal padding"), Botan and
  // Mbed TLS read the value: found by differential fuzzing in a certificate's serial.
  if (tag == kInteger || tag == kEnumerated) {
    const char* type = tag == kInteger ? "INTEGER" : "ENUMERATED";
    if (content.empty()) return std::string(type) + " of no octets (X.690 8.3.1)";
    if (content.size() > 1 && ((content[0] == 0x00 && (content[1] & 0x80) == 0) ||
                               (content[0] == 0xFF && (content[1] & 0x80) != 0)))
      return std::string(type) + " with a redundant leading octet (X.690 8.3.2)";
  }
  return {};
}

bool is_universal_string(std::uint8_t tag) {
  if ((tag & 0xC0) != 0) return false;  // not universal
  switch (tag & 0x1F) {
    case 0x03:
    case 0x04:  // BIT STRING, OCTET STRING
    case 0x0C:
    case 0x12:
    case 0x13:
    case 0x14:  // UTF8, Numeric, Printable, Teletex
    case 0x15:
    case 0x16:
    case 0x19:
    case 0x1A:  // Videotex, IA5, Graphic, Visible
    case 0x1B:
    case 0x1C:
    case 0x1E:  // General, Universal, BMP
      return true;
    default:
      return false;
  }
}

Result<std::string> decode_oid(ByteView content) {
  if (content.empty()) return fail(ErrorCode::invalid_input, "empty OID");
  // Digits go into one stack buffer: every certificate and key read decodes a dozen OIDs,
  // and a string per arc cost more than the rest of the walk.
  char buffer[256];
  std::size_t used = 0;
  std::string text;
  auto put = [&](std::uint64_t arc) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, arc).ptr;
    const auto size = static_cast<std::size_t>(end - digits);
    if (used + size + 1 > sizeof buffer) {  // an absurdly long OID: spill to the string
      text.append(buffer, used);
      used = 0;
    }
    std::memcpy(buffer + used, digits, size);
    used += size;
  };
  std::uint64_t value = 0;
  bool first = true;
  for (std::size_t i = 0; i < content.size(); ++i) {
    const std::uint8_t byte = content[i];
    if (value == 0 && byte == 0x80)
      return fail(ErrorCode::invalid_input, "non-minimal OID arc encoding");
    if (value > (UINT64_MAX >> 7)) return fail(ErrorCode::invalid_input, "OID arc too large");
    value = (value << 7) | (byte & 0x7F);
    if (byte & 0x80) {
      if (i + 1 == content.size()) return fail(ErrorCode::invalid_input, "OID truncated");
      continue;
    }
    if (first) {
      const std::uint64_t top = value < 40 ? 0 : value < 80 ? 1 : 2;
      put(top);
      buffer[used++] = '.';
      put(value - top * 40);
      first = false;
    } else {
      buffer[used++] = '.';
      put(value);
    }
    value = 0;
  }
  text.append(buffer, used);
  return text;
}

bool is_valid_oid(std::string_view dotted) {
  std::size_t count = 0;
  std::uint64_t first = 0;
  for (;;) {
    const auto dot = dotted.find('.');
    const std::string_view part = dotted.substr(0, dot);
    if (part.empty() || (part.size() > 1 && part[0] == '0')) return false;
    std::uint64_t arc = 0;
    const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), arc);
    if (ec != std::errc{} || ptr != part.data() + part.size()) return false;
    if (count == 0 && arc > 2) return false;
    if (count == 0) first = arc;
    if (count == 1 && (first < 2 ? arc >= 40 : arc > UINT64_MAX - 80)) return false;
    ++count;
    if (dot == std::string_view::npos) break;
    dotted.remove_prefix(dot + 1);
  }
  return count >= 2;
}

Bytes encode_oid(std::string_view dotted) {
  assert(is_valid_oid(dotted));
  std::vector<std::uint64_t> arcs;
  while (!dotted.empty()) {
    const auto dot = dotted.find('.');
    const std::string_view part = dotted.substr(0, dot);
    std::uint64_t arc = 0;
    [[maybe_unused]] auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), arc);
    assert(ec == std::errc{} && ptr == part.data() + part.size());
    arcs.push_back(arc);
    dotted = dot == std::string_view::npos ? std::string_view{} : dotted.substr(dot + 1);
  }
  assert(arcs.size() >= 2);
  Bytes out;
  auto put = [&](std::uint64_t v) {
    std::uint8_t tmp[10];
    int n = 0;
    do {
      tmp[n++] = std::uint8_t(v & 0x7F);
      v >>= 7;
    } while (v != 0);
    while (n > 1) out.push_back(std::uint8_t(tmp[--n] | 0x80));
    out.push_back(tmp[0]);
  };
  put(arcs[0] * 40 + arcs[1]);
  for (std::size_t i = 2; i < arcs.size(); ++i) put(arcs[i]);
  return out;
}

void append_element(SecureBuffer& out, std::uint8_t tag, ByteView content) {
  out.push_back(tag);
  const std::size_t n = content.size();
  if (n < 0x80) {
    out.push_back(std::uint8_t(n));
  } else {
    std::uint8_t len[sizeof(std::size_t)];
    int count = 0;
    for (std::size_t v = n; v != 0; v >>= 8) len[count++] = std::uint8_t(v & 0xFF);
    out.push_back(std::uint8_t(0x80 | count));
    while (count > 0) out.push_back(len[--count]);
  }
  out.insert(out.end(), content.begin(), content.end());
}

SecureBuffer element(std::uint8_t tag, ByteView content) {
  SecureBuffer out;
  out.reserve(content.size() + 6);
  append_element(out, tag, content);
  return out;
}

Bytes encode_unsigned(std::uint64_t value) {
  Bytes out;
  do {
    out.insert(out.begin(), static_cast<std::uint8_t>(value & 0xFF));
    value >>= 8;
  } while (value != 0);
  if (out.front() & 0x80) out.insert(out.begin(), 0);
  return out;
}

Result<std::uint32_t> decode_uint32(ByteView content, std::string_view what) {
  if (content.empty() || (content[0] & 0x80) || content.size() > 5 ||
      (content.size() == 5 && content[0] != 0))
    return fail(ErrorCode::invalid_input, std::string(what) + " is negative or too large");
  std::uint64_t value = 0;
  for (std::uint8_t b : content) value = (value << 8) | b;
  return static_cast<std::uint32_t>(value);
}

}  // namespace polycert::der
