#include <polycert/der.hpp>
#include <polycert/pem.hpp>

#include <array>
#include <cstring>
#include <optional>

namespace polycert {

namespace {

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kEnd = "-----END ";
constexpr std::string_view kDashes = "-----";
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> make_decode_table() {
  std::array<std::int8_t, 256> table{};
  for (auto& v : table) v = -1;
  for (int i = 0; i < 64; ++i) table[static_cast<unsigned char>(kAlphabet[i])] = std::int8_t(i);
  return table;
}
constexpr auto kDecode = make_decode_table();

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

// Label of an encapsulation boundary line ("-----BEGIN X-----"), or nullopt.
std::optional<std::string_view> boundary_label(std::string_view line, std::string_view prefix) {
  if (!line.starts_with(prefix) || !line.ends_with(kDashes) ||
      line.size() < prefix.size() + kDashes.size())
    return std::nullopt;
  return line.substr(prefix.size(), line.size() - prefix.size() - kDashes.size());
}

// Decodes base64 ignoring whitespace; padding only at the end.
bool base64_decode(std::string_view text, SecureBuffer& out) {
  std::uint32_t acc = 0;
  int bits = 0;
  int padding = 0;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    if (padding != 0) return false;  // data after padding
    const std::int8_t v = kDecode[static_cast<unsigned char>(c)];
    if (v < 0) return false;
    acc = (acc << 6) | std::uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(std::uint8_t((acc >> bits) & 0xFF));
    }
  }
  // A final quantum of 2 characters leaves 4 spare bits and needs "==", one of 3
  // characters leaves 2 and needs "="; the spare bits must be zero (canonical base64).
  if (bits == 0) return padding == 0;
  if ((acc & ((1u << bits) - 1)) != 0) return false;
  return (bits == 4 && padding == 2) || (bits == 2 && padding == 1);
}

}  // namespace

bool looks_like_pem(ByteView data) {
  return as_text(data).find(kBegin) != std::string_view::npos;
}

Result<std::vector<PemBlock>> pem_decode(ByteView bytes) {
  if (bytes.size() > der::kMaxInputSize)
    return fail(ErrorCode::invalid_input, "input exceeds the " +
                                              std::to_string(der::kMaxInputSize) + "-byte limit");
  std::string_view text = as_text(bytes);
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);

  std::vector<PemBlock> blocks;
  std::optional<PemBlock> open;
  std::size_t open_line = 0;
  std::string body;
  bool in_headers = false;
  std::size_t line_number = 0;

  // Wipe the base64 text of a block on every path: it may be a key.
  struct Wipe {
    std::string& s;
    ~Wipe() { secure_zero(s.data(), s.size()); }
  } wipe{body};

  while (!text.empty()) {
    const auto nl = text.find('\n');
    const std::string_view raw = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_number;
    const std::string_view line = trim(raw);

    if (!open) {
      if (auto label = boundary_label(line, kBegin)) {
        open = PemBlock{std::string(*label), {}, {}};
        open_line = line_number;
        secure_zero(body.data(), body.size());
        body.clear();
        in_headers = true;
      }
      continue;  // text outside blocks is allowed and ignored
    }
    if (auto label = boundary_label(line, kEnd)) {
      if (*label != open->label)
        return fail(ErrorCode::invalid_input,
                    "PEM line " + std::to_string(line_number) + ": END label '" +
                        std::string(*label) + "' does not match BEGIN label '" + open->label +
                        "'");
      if (!base64_decode(body, open->der) || open->der.empty())
        return fail(ErrorCode::invalid_input, "PEM block '" + open->label + "' at line " +
                                                  std::to_string(open_line) +
                                                  ": invalid base64 body");
      blocks.push_back(std::move(*open));
      open.reset();
      continue;
    }
    if (line.starts_with(kBegin))
      return fail(ErrorCode::invalid_input, "PEM line " + std::to_string(line_number) +
                                                ": BEGIN inside block '" + open->label +
                                                "' (missing END line)");
    if (in_headers) {
      // RFC 1421 headers ("Proc-Type: 4,ENCRYPTED") come first, then a blank line.
      const auto colon = line.find(':');
      if (colon != std::string_view::npos) {
        open->headers.emplace_back(std::string(trim(line.substr(0, colon))),
                                   std::string(trim(line.substr(colon + 1))));
        continue;
      }
      in_headers = false;
      if (line.empty()) continue;
    }
    body.append(line);
  }
  if (open)
    return fail(ErrorCode::invalid_input, "PEM block '" + open->label + "' begun at line " +
                                              std::to_string(open_line) + " has no END line");
  if (blocks.empty()) return fail(ErrorCode::invalid_input, "no PEM block found");
  return blocks;
}

SecureBuffer pem_encode(std::string_view label, ByteView der) {
  // The size is known in advance, so the text is written in place: no reallocation
  // leaves a copy of a key behind, and nothing is inserted piecewise.
  const std::size_t chars = (der.size() + 2) / 3 * 4;
  const std::size_t lines = (chars + 63) / 64;
  const std::size_t header = kBegin.size() + label.size() + kDashes.size() + 1;
  const std::size_t footer = kEnd.size() + label.size() + kDashes.size() + 1;
  SecureBuffer out(header + chars + lines + footer);
  char* cursor = reinterpret_cast<char*>(out.data());
  auto put = [&](std::string_view s) {
    std::memcpy(cursor, s.data(), s.size());
    cursor += s.size();
  };
  put(kBegin);
  put(label);
  put(kDashes);
  *cursor++ = '\n';
  std::size_t column = 0;
  auto emit = [&](char c) {
    *cursor++ = c;
    if (++column == 64) {
      *cursor++ = '\n';
      column = 0;
    }
  };
  std::size_t i = 0;
  for (; i + 3 <= der.size(); i += 3) {
    const std::uint32_t v = (std::uint32_t(der[i]) << 16) | (std::uint32_t(der[i + 1]) << 8) | der[i + 2];
    emit(kAlphabet[(v >> 18) & 63]);
    emit(kAlphabet[(v >> 12) & 63]);
    emit(kAlphabet[(v >> 6) & 63]);
    emit(kAlphabet[v & 63]);
  }
  if (const std::size_t left = der.size() - i; left != 0) {
    std::uint32_t v = std::uint32_t(der[i]) << 16;
    if (left == 2) v |= std::uint32_t(der[i + 1]) << 8;
    emit(kAlphabet[(v >> 18) & 63]);
    emit(kAlphabet[(v >> 12) & 63]);
    emit(left == 2 ? kAlphabet[(v >> 6) & 63] : '=');
    emit('=');
  }
  if (column != 0) *cursor++ = '\n';
  put(kEnd);
  put(label);
  put(kDashes);
  *cursor++ = '\n';
  return out;
}

}  // namespace polycert
