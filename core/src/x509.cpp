#include <polycert/x509.hpp>

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cctype>

namespace polycert {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::ranges::equal(a, b, [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Comma-separated items, trimmed; empty items are an error.
Result<std::vector<std::string_view>> split_list(std::string_view text, std::string_view what) {
  std::vector<std::string_view> items;
  while (true) {
    const auto comma = text.find(',');
    const std::string_view item = trim(text.substr(0, comma));
    if (item.empty())
      return fail(ErrorCode::invalid_input, std::string(what) + ": empty entry in '" +
                                                std::string(text) + "'");
    items.push_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return items;
}

bool is_ascii_printable(std::string_view s) {
  return std::ranges::all_of(s, [](char c) { return c > 0x20 && c < 0x7F; });
}

struct Named {
  std::string_view name;
  std::string_view alias;
};
constexpr std::array<Named, 9> kKeyUsageNames = {{
    {"digitalSignature", ""},
    {"nonRepudiation", "contentCommitment"},
    {"keyEncipherment", ""},
    {"dataEncipherment", ""},
    {"keyAgreement", ""},
    {"keyCertSign", ""},
    {"cRLSign", ""},
    {"encipherOnly", ""},
    {"decipherOnly", ""},
}};

struct OidName {
  std::string_view oid;
  std::string_view name;
};
constexpr std::array<OidName, 6> kExtendedKeyUsages = {{
    {"1.3.6.1.5.5.7.3.1", "serverAuth"},
    {"1.3.6.1.5.5.7.3.2", "clientAuth"},
    {"1.3.6.1.5.5.7.3.3", "codeSigning"},
    {"1.3.6.1.5.5.7.3.4", "emailProtection"},
    {"1.3.6.1.5.5.7.3.8", "timeStamping"},
    {"1.3.6.1.5.5.7.3.9", "OCSPSigning"},
}};
constexpr std::array<OidName, 10> kSignatureAlgorithms = {{
    {"1.2.840.113549.1.1.5", "sha1WithRSAEncryption"},
    {"1.2.840.113549.1.1.10", "RSASSA-PSS"},
    {"1.2.840.113549.1.1.11", "sha256WithRSAEncryption"},
    {"1.2.840.113549.1.1.12", "sha384WithRSAEncryption"},
    {"1.2.840.113549.1.1.13", "sha512WithRSAEncryption"},
    {"1.2.840.10045.4.1", "ecdsa-with-SHA1"},
    {"1.2.840.10045.4.3.2", "ecdsa-with-SHA256"},
    {"1.2.840.10045.4.3.3", "ecdsa-with-SHA384"},
    {"1.2.840.10045.4.3.4", "ecdsa-with-SHA512"},
    {"1.3.101.112", "Ed25519"},
}};

bool is_dotted_oid(std::string_view text) {
  if (text.size() < 3 || text[1] != '.' || text.back() == '.') return false;
  return std::ranges::all_of(text, [](char c) { return c == '.' || (c >= '0' && c <= '9'); }) &&
         text.find("..") == std::string_view::npos;
}

}  // namespace

Result<Bytes> ip_address_bytes(std::string_view text) {
  const std::string copy(text);
  std::array<std::uint8_t, 16> buffer{};
  if (::inet_pton(AF_INET, copy.c_str(), buffer.data()) == 1) return Bytes(buffer.begin(), buffer.begin() + 4);
  if (::inet_pton(AF_INET6, copy.c_str(), buffer.data()) == 1) return Bytes(buffer.begin(), buffer.end());
  return fail(ErrorCode::invalid_input, "'" + copy + "' is not an IPv4 or IPv6 address");
}

Result<std::string> ip_address_text(ByteView bytes) {
  char text[INET6_ADDRSTRLEN] = {};
  if (bytes.size() == 4 && ::inet_ntop(AF_INET, bytes.data(), text, sizeof text)) return std::string(text);
  if (bytes.size() == 16 && ::inet_ntop(AF_INET6, bytes.data(), text, sizeof text)) return std::string(text);
  return fail(ErrorCode::invalid_input, "an IP address entry has " + std::to_string(bytes.size()) +
                                            " bytes, not 4 or 16");
}

Result<std::vector<GeneralName>> parse_subject_alt_names(std::string_view text) {
  auto items = split_list(text, "subjectAltName");
  if (!items) return std::unexpected(items.error());
  std::vector<GeneralName> names;
  for (std::string_view item : *items) {
    const auto colon = item.find(':');
    if (colon == std::string_view::npos)
      return fail(ErrorCode::invalid_input, "subjectAltName: '" + std::string(item) +
                                                "' needs a type: DNS:, IP:, email: or URI:");
    const std::string_view type = trim(item.substr(0, colon));
    const std::string_view value = trim(item.substr(colon + 1));
    if (value.empty())
      return fail(ErrorCode::invalid_input, "subjectAltName: '" + std::string(item) + "' has no value");
    GeneralName name;
    if (iequals(type, "DNS")) {
      name.kind = GeneralName::Kind::dns;
    } else if (iequals(type, "IP")) {
      auto bytes = ip_address_bytes(value);
      if (!bytes) return fail(ErrorCode::invalid_input, "subjectAltName: " + bytes.error().message);
      name.kind = GeneralName::Kind::ip;
      name.value = *ip_address_text(*bytes);
      names.push_back(std::move(name));
      continue;
    } else if (iequals(type, "email")) {
      name.kind = GeneralName::Kind::email;
      if (value.find('@') == std::string_view::npos)
        return fail(ErrorCode::invalid_input, "subjectAltName: '" + std::string(value) +
                                                  "' is not an email address");
    } else if (iequals(type, "URI")) {
      name.kind = GeneralName::Kind::uri;
      if (value.find(':') == std::string_view::npos)
        return fail(ErrorCode::invalid_input, "subjectAltName: URI '" + std::string(value) +
                                                  "' has no scheme");
    } else {
      return fail(ErrorCode::invalid_input, "subjectAltName: unknown type '" + std::string(type) +
                                                "'; use DNS, IP, email or URI");
    }
    if (!is_ascii_printable(value))
      return fail(ErrorCode::invalid_input,
                  "subjectAltName: '" + std::string(value) +
                      "' must be ASCII without spaces (IA5String; write IDNs as xn-- labels)");
    name.value = value;
    names.push_back(std::move(name));
  }
  return names;
}

std::string to_string(const GeneralName& name) {
  switch (name.kind) {
    case GeneralName::Kind::dns: return "DNS:" + name.value;
    case GeneralName::Kind::ip: return "IP:" + name.value;
    case GeneralName::Kind::email: return "email:" + name.value;
    case GeneralName::Kind::uri: return "URI:" + name.value;
  }
  return name.value;
}

Result<std::uint16_t> parse_key_usage(std::string_view text) {
  auto items = split_list(text, "keyUsage");
  if (!items) return std::unexpected(items.error());
  std::uint16_t bits = 0;
  for (std::string_view item : *items) {
    bool found = false;
    for (std::size_t bit = 0; bit < kKeyUsageNames.size(); ++bit)
      if (iequals(item, kKeyUsageNames[bit].name) ||
          (!kKeyUsageNames[bit].alias.empty() && iequals(item, kKeyUsageNames[bit].alias))) {
        bits = static_cast<std::uint16_t>(bits | (1u << bit));
        found = true;
      }
    if (!found)
      return fail(ErrorCode::invalid_input,
                  "keyUsage: unknown usage '" + std::string(item) +
                      "'; use digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment, "
                      "keyAgreement, keyCertSign, cRLSign, encipherOnly, decipherOnly");
  }
  return bits;
}

std::string key_usage_names(std::uint16_t bits) {
  std::string out;
  for (std::size_t bit = 0; bit < kKeyUsageNames.size(); ++bit)
    if (bits & (1u << bit)) out += (out.empty() ? "" : ",") + std::string(kKeyUsageNames[bit].name);
  return out;
}

Result<std::vector<std::string>> parse_extended_key_usage(std::string_view text) {
  auto items = split_list(text, "extendedKeyUsage");
  if (!items) return std::unexpected(items.error());
  std::vector<std::string> oids;
  for (std::string_view item : *items) {
    auto known = std::ranges::find_if(kExtendedKeyUsages,
                                      [&](const OidName& e) { return iequals(e.name, item); });
    if (known != kExtendedKeyUsages.end()) {
      oids.emplace_back(known->oid);
    } else if (is_dotted_oid(item)) {
      oids.emplace_back(item);
    } else {
      return fail(ErrorCode::invalid_input,
                  "extendedKeyUsage: unknown usage '" + std::string(item) +
                      "'; use serverAuth, clientAuth, codeSigning, emailProtection, timeStamping, "
                      "OCSPSigning or a dotted OID");
    }
  }
  return oids;
}

std::string extended_key_usage_name(std::string_view oid) {
  for (const auto& e : kExtendedKeyUsages)
    if (e.oid == oid) return std::string(e.name);
  return std::string(oid);
}

Result<Digest> parse_digest(std::string_view text) {
  std::string lowered;
  for (char c : text)
    if (c != '-') lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lowered == "sha256") return Digest::sha256;
  if (lowered == "sha384") return Digest::sha384;
  if (lowered == "sha512") return Digest::sha512;
  return fail(ErrorCode::invalid_input,
              "unknown digest '" + std::string(text) + "'; use sha256, sha384 or sha512");
}

std::string_view to_string(Digest digest) {
  switch (digest) {
    case Digest::sha256: return "sha256";
    case Digest::sha384: return "sha384";
    case Digest::sha512: return "sha512";
  }
  return "?";
}

Bytes make_serial(ByteView random16) {
  Bytes serial(random16.begin(), random16.end());
  if (serial.empty()) serial.push_back(1);
  serial[0] &= 0x7F;                  // positive without a leading 0x00 octet
  if (serial[0] == 0) serial[0] = 1;  // and exactly 16 bytes long
  return serial;
}

std::string signature_algorithm_name(std::string_view oid) {
  for (const auto& e : kSignatureAlgorithms)
    if (e.oid == oid) return std::string(e.name);
  return std::string(oid);
}

}  // namespace polycert
