#include <polycert/ber.hpp>

#include <cstdio>

namespace polycert::ber {

namespace {

constexpr std::uint8_t kBitStringTag = 0x03;

std::string hex_tag(std::uint8_t tag) {
  char text[5];
  std::snprintf(text, sizeof text, "0x%02x", tag);
  return text;
}

Error too_deep() {
  return Error{ErrorCode::invalid_input,
               "BER nesting deeper than " + std::to_string(der::kMaxDepth) + " levels"};
}

// One element from the front of `rest`, `depth` levels below where reading started.
Result<Element> read_element(ByteView& rest, unsigned depth) {
  if (depth > der::kMaxDepth) return std::unexpected(too_deep());
  if (rest.size() < 2) return fail(ErrorCode::invalid_input, "BER element truncated");
  const std::uint8_t tag = rest[0];
  if ((tag & 0x1F) == 0x1F)
    return fail(ErrorCode::invalid_input,
                "BER high-tag-number form is not used by any "
                "supported structure");
  // Tag 0 is end-of-contents only: "00 00" closing an indefinite length (read by the
  // caller), never an element, and never with content (found by fuzzing: a "00 01 01"
  // went through to_der into output check_strict_der refuses; fuzz/regressions/ber).
  if (tag == 0)
    return fail(ErrorCode::invalid_input, rest[1] == 0
                                              ? "BER end-of-contents outside an indefinite length"
                                              : "BER element with tag 0 (end-of-contents)");
  Element element;
  element.tag = tag;
  const std::uint8_t first = rest[1];
  std::size_t header = 2;

  if (first == 0x80) {
    if (!element.constructed())
      return fail(ErrorCode::invalid_input, "BER indefinite length on a primitive element");
    element.indefinite = true;
    ByteView inner = rest.subspan(header);
    const std::size_t available = inner.size();
    for (;;) {
      if (inner.size() >= 2 && inner[0] == 0 && inner[1] == 0) break;
      if (inner.empty())
        return fail(ErrorCode::invalid_input, "BER indefinite length without end-of-contents");
      auto child = read_element(inner, depth + 1);
      if (!child) return std::unexpected(child.error());
    }
    const std::size_t length = available - inner.size();
    element.content = rest.subspan(header, length);
    element.whole = rest.subspan(0, header + length + 2);
    rest = rest.subspan(header + length + 2);
    return element;
  }

  std::size_t length = first;
  if (first > 0x80) {
    const std::size_t count = first & 0x7F;
    if (count == 0x7F) return fail(ErrorCode::invalid_input, "BER reserved length form");
    if (rest.size() < header + count) return fail(ErrorCode::invalid_input, "BER length truncated");
    length = 0;
    for (std::size_t i = 0; i < count; ++i) {
      length = (length << 8) | rest[header + i];
      if (length > der::kMaxInputSize)  // leading zeros are BER; huge values are not input
        return fail(ErrorCode::invalid_input, "BER length exceeds the input");
    }
    header += count;
  }
  if (length > rest.size() - header)
    return fail(ErrorCode::invalid_input, "BER element truncated: length " +
                                              std::to_string(length) + " exceeds the " +
                                              std::to_string(rest.size() - header) + " bytes left");
  element.content = rest.subspan(header, length);
  element.whole = rest.subspan(0, header + length);
  rest = rest.subspan(header + length);
  return element;
}

Result<void> join_pieces(const Element& element, std::uint8_t piece_tag, unsigned depth,
                         SecureBuffer& out, std::uint8_t& unused_bits, bool& last_had_bits) {
  if (depth > der::kMaxDepth) return std::unexpected(too_deep());
  if (!element.constructed()) {
    ByteView value = element.content;
    if (piece_tag == kBitStringTag) {
      if (value.empty())
        return fail(ErrorCode::invalid_input, "BER BIT STRING piece without its unused-bits octet");
      if (last_had_bits)
        return fail(ErrorCode::invalid_input,
                    "BER BIT STRING: only the last piece may have unused bits");
      unused_bits = value[0];
      if (unused_bits > 7 || (unused_bits != 0 && value.size() == 1))
        return fail(ErrorCode::invalid_input, "BER BIT STRING: bad unused-bits octet");
      last_had_bits = unused_bits != 0;
      value = value.subspan(1);
    }
    out.insert(out.end(), value.begin(), value.end());
    return {};
  }
  Reader pieces(element.content);
  while (!pieces.empty()) {
    auto piece = pieces.next();
    if (!piece) return std::unexpected(piece.error());
    if ((piece->tag & ~0x20) != piece_tag)
      return fail(ErrorCode::invalid_input, "BER constructed string holds a piece with tag " +
                                                hex_tag(piece->tag) + " (expected " +
                                                hex_tag(piece_tag) + ")");
    if (auto joined = join_pieces(*piece, piece_tag, depth + 1, out, unused_bits, last_had_bits);
        !joined)
      return joined;
  }
  return {};
}

// What BER allows but no DER can hold (ber::to_der's output must pass check_strict_der).
Result<void> check_universal_rules(std::uint8_t tag, ByteView content) {
  if (const std::string broken = der::universal_rule_broken(tag, content); !broken.empty())
    return fail(ErrorCode::invalid_input, "BER: " + broken);
  return {};
}

Result<void> encode(const Element& element, unsigned depth, SecureBuffer& out) {
  if (depth > der::kMaxDepth) return std::unexpected(too_deep());
  if (!element.constructed()) {
    if (auto ok = check_universal_rules(element.tag, element.content); !ok) return ok;
    der::append_element(out, element.tag, element.content);
    return {};
  }
  if (der::is_universal_string(element.tag)) {
    auto value = string_content(element);
    if (!value) return std::unexpected(value.error());
    const std::uint8_t tag = element.tag & ~0x20;
    if (auto ok = check_universal_rules(tag, *value); !ok) return ok;
    der::append_element(out, tag, *value);
    return {};
  }
  if (auto ok = check_universal_rules(element.tag, {}); !ok) return ok;
  SecureBuffer inner;
  Reader children(element.content);
  while (!children.empty()) {
    auto child = children.next();
    if (!child) return std::unexpected(child.error());
    if (auto encoded = encode(*child, depth + 1, inner); !encoded) return encoded;
  }
  der::append_element(out, element.tag, inner);
  return {};
}

}  // namespace

Result<Element> Reader::next() {
  if (rest_.empty()) return fail(ErrorCode::invalid_input, "BER element missing");
  return read_element(rest_, 0);
}

Result<Element> Reader::expect(std::uint8_t tag, std::string_view what) {
  if (rest_.empty()) return fail(ErrorCode::invalid_input, "missing " + std::string(what));
  if (rest_[0] != tag)
    return fail(ErrorCode::invalid_input,
                "expected " + std::string(what) + ", found tag " + hex_tag(rest_[0]));
  return next();
}

Result<SecureBuffer> string_content(const Element& element) {
  SecureBuffer out;
  if (!element.constructed()) {
    out.assign(element.content.begin(), element.content.end());
    return out;
  }
  const std::uint8_t piece_tag =
      der::is_universal_string(element.tag) ? std::uint8_t(element.tag & ~0x20) : der::kOctetString;
  std::uint8_t unused_bits = 0;
  bool last_had_bits = false;
  if (auto joined = join_pieces(element, piece_tag, 0, out, unused_bits, last_had_bits); !joined)
    return std::unexpected(joined.error());
  if (piece_tag == kBitStringTag) out.insert(out.begin(), unused_bits);
  return out;
}

Result<SecureBuffer> to_der(ByteView data) {
  if (data.empty()) return fail(ErrorCode::invalid_input, "empty input");
  if (data.size() > der::kMaxInputSize)
    return fail(ErrorCode::invalid_input, "input of " + std::to_string(data.size()) +
                                              " bytes exceeds the " +
                                              std::to_string(der::kMaxInputSize) + "-byte limit");
  Reader reader(data);
  auto top = reader.next();
  if (!top) return std::unexpected(top.error());
  if (!reader.empty())
    return fail(ErrorCode::invalid_input,
                "trailing data after the BER structure (" +
                    std::to_string(data.size() - top->whole.size()) +
                    (data.size() - top->whole.size() == 1 ? " byte)" : " bytes)"));
  SecureBuffer out;
  out.reserve(data.size());
  if (auto encoded = encode(*top, 0, out); !encoded) return std::unexpected(encoded.error());
  return out;
}

}  // namespace polycert::ber
