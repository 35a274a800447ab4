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

// Where base64 text goes wrong: the offset into the text and what is wrong there.
struct Base64Failure {
  std::size_t offset;
  std::string what;
};

// "'*'" for a printable character, "byte 0x00" otherwise.
std::string quote_character(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x21 && byte < 0x7F) return std::string("'") + c + "'";
  static constexpr char kHex[] = "0123456789abcdef";
  return std::string("byte 0x") + kHex[byte >> 4] + kHex[byte & 0xF];
}

// Decodes base64 ignoring whitespace; padding only at the end, canonical (spare bits
// zero). nullopt on success.
std::optional<Base64Failure> base64_decode(std::string_view text, SecureBuffer& out) {
  std::uint32_t acc = 0;
  int bits = 0;
  int padding = 0;
  std::size_t first_padding = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c == '=') {
      if (padding++ == 0) first_padding = i;
      continue;
    }
    if (padding != 0) return Base64Failure{i, "data after the '=' padding"};
    const std::int8_t v = kDecode[static_cast<unsigned char>(c)];
    if (v < 0) return Base64Failure{i, quote_character(c) + " is not a base64 character"};
    acc = (acc << 6) | std::uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(std::uint8_t((acc >> bits) & 0xFF));
    }
  }
  // A final quantum of 2 characters leaves 4 spare bits and needs "==", one of 3
  // characters leaves 2 and needs "="; the spare bits must be zero (canonical base64).
  const std::size_t end = text.empty() ? 0 : text.size() - 1;
  if (bits == 0) {
    if (padding == 0) return std::nullopt;
    return Base64Failure{first_padding, "'=' padding after a complete quantum"};
  }
  if (bits == 6) return Base64Failure{end, "the text ends in a quantum of one character (truncated?)"};
  if ((acc & ((1u << bits) - 1)) != 0)
    return Base64Failure{end, "the last character's spare bits are not zero (not canonical base64)"};
  if ((bits == 4 && padding == 2) || (bits == 2 && padding == 1)) return std::nullopt;
  return Base64Failure{end, "the last quantum lacks its '=' padding, or has too much"};
}

}  // namespace

bool looks_like_pem(ByteView data) {
  return as_text(data).find(kBegin) != std::string_view::npos;
}

Result<PemScan> pem_scan(ByteView bytes) {
  if (bytes.size() > der::kMaxInputSize)
    return fail(ErrorCode::invalid_input, "input exceeds the " +
                                              std::to_string(der::kMaxInputSize) + "-byte limit");
  std::string_view text = as_text(bytes);
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);

  PemScan scan;
  std::optional<PemBlock> open;
  std::string body;
  // Where each body line starts in `body`, and its line number: to name the line of a
  // base64 error.
  std::vector<std::pair<std::size_t, std::size_t>> body_lines;
  bool in_headers = false;
  std::size_t line_number = 0;

  // Wipe the base64 text of a block on every path: it may be a key.
  struct Wipe {
    std::string& s;
    ~Wipe() { secure_zero(s.data(), s.size()); }
  } wipe{body};

  const auto begin_block = [&](std::string_view label) {
    open = PemBlock{std::string(label), {}, {}, line_number};
    secure_zero(body.data(), body.size());
    body.clear();
    body_lines.clear();
    in_headers = true;
  };
  // The open block cannot be used: record why and drop it (its SecureBuffer wipes itself).
  const auto reject_block = [&](const std::string& problem) {
    scan.malformed.push_back(
        MalformedBlock{open->line, open->label, "PEM block '" + open->label + "' " + problem});
    open.reset();
  };
  const auto body_line_of = [&](std::size_t offset) {
    std::size_t line = open->line;
    for (const auto& [start, number] : body_lines)
      if (start <= offset) line = number;
    return line;
  };

  while (!text.empty()) {
    const auto nl = text.find('\n');
    const std::string_view raw = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_number;
    const std::string_view line = trim(raw);

    if (auto label = boundary_label(line, kBegin)) {
      if (open)
        reject_block("has no END line (another BEGIN line follows at line " +
                     std::to_string(line_number) + ")");
      begin_block(*label);
      continue;
    }
    if (auto label = boundary_label(line, kEnd)) {
      if (!open) {
        scan.malformed.push_back(MalformedBlock{
            line_number, "", "an END line ('" + std::string(line) + "') without a BEGIN line"});
        continue;
      }
      if (*label != open->label) {
        reject_block("ends with '" + std::string(line) + "' at line " +
                     std::to_string(line_number) + ", which does not match its BEGIN label");
        continue;
      }
      if (body.empty()) {
        reject_block("has no base64 body");
        continue;
      }
      if (auto failure = base64_decode(body, open->der)) {
        reject_block("has bad base64 at line " + std::to_string(body_line_of(failure->offset)) +
                     " (" + failure->what + ")");
        continue;
      }
      if (open->der.empty()) {
        reject_block("has no base64 body");
        continue;
      }
      scan.blocks.push_back(std::move(*open));
      open.reset();
      continue;
    }
    if (!open) continue;  // text outside blocks is allowed and ignored (RFC 7468 section 2)
    if (line.starts_with(kBegin)) {
      reject_block("has no END line (line " + std::to_string(line_number) +
                   " is a broken BEGIN line)");
      continue;
    }
    if (line.starts_with(kDashes)) {
      reject_block("has a broken END line at line " + std::to_string(line_number) + " ('" +
                   std::string(line.substr(0, 64)) + "')");
      continue;
    }
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
    body_lines.emplace_back(body.size(), line_number);
    body.append(line);
  }
  if (open)
    reject_block("has no END line (the text ends at line " + std::to_string(line_number) + ")");
  if (scan.blocks.empty() && scan.malformed.empty())
    return fail(ErrorCode::invalid_input, "no PEM block found");
  return scan;
}

Result<std::vector<PemBlock>> pem_decode(ByteView bytes) {
  auto scan = pem_scan(bytes);
  if (!scan) return std::unexpected(scan.error());
  if (!scan->malformed.empty()) {
    const MalformedBlock& first = scan->malformed.front();
    return fail(ErrorCode::invalid_input,
                "line " + std::to_string(first.line) + ": " + first.problem);
  }
  return std::move(scan->blocks);
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
