#include <polycert/x509.hpp>

#include <polycert/der.hpp>
#include <polycert/issuance.hpp>

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <ctime>

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

bool is_dotted_oid(std::string_view text) { return der::is_valid_oid(text); }

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
  if (bytes.size() == 4) {  // what inet_ntop writes, without its sprintf
    std::string out;
    out.reserve(15);
    for (std::size_t i = 0; i < 4; ++i) {
      if (i != 0) out += '.';
      char digits[3];
      out.append(digits, std::to_chars(digits, digits + sizeof digits, bytes[i]).ptr);
    }
    return out;
  }
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
    } else if (iequals(type, "URI")) {
      name.kind = GeneralName::Kind::uri;
    } else {
      return fail(ErrorCode::invalid_input, "subjectAltName: unknown type '" + std::string(type) +
                                                "'; use DNS, IP, email or URI");
    }
    name.value = value;
    // The issuance policy's name rules (issuance.hpp), which `sign` applies to requests too.
    if (auto checked = check_general_name(name); !checked) return std::unexpected(checked.error());
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
    case GeneralName::Kind::directory_name: return "DirName:" + name.value;
    case GeneralName::Kind::registered_id: return "RID:" + name.value;
    case GeneralName::Kind::other_name: return "othername:" + name.value;
    case GeneralName::Kind::x400_address: return "x400Address:" + name.value;
    case GeneralName::Kind::edi_party_name: return "ediPartyName:" + name.value;
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
  for (std::size_t bit = 0; bit < kKeyUsageNames.size(); ++bit) {
    if (!(bits & (1u << bit))) continue;
    if (!out.empty()) out.push_back(',');
    out.append(kKeyUsageNames[bit].name);
  }
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

std::vector<std::string> weaknesses(std::string_view signature_algorithm_oid,
                                    const PublicKeyDescription& key) {
  std::vector<std::string> out;
  if (const auto hash = signature_hash(signature_algorithm_oid); hash && is_weak(*hash))
    out.push_back(std::string(to_string(*hash)) + " signature");
  const bool rsa = key.algorithm.starts_with("rsa"), dsa = key.algorithm == "dsa";
  if ((rsa || dsa) && key.bits != 0 && key.bits < 2048)
    out.push_back(std::string(rsa ? "RSA" : "DSA") + " key of " + std::to_string(key.bits) + " bits");
  return out;
}

std::string serial_text(const CertificateInfo& info) {
  return (info.serial_negative ? "-" : "") + hex_with_colons(info.serial);
}

std::string_view to_string(SignatureStatus status) {
  switch (status) {
    case SignatureStatus::verifies: return "verifies";
    case SignatureStatus::does_not_verify: return "does not verify";
    case SignatureStatus::cannot_be_checked: return "cannot be checked";
  }
  return "?";
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
  if (random16.empty()) return Bytes(1, 1);
  Bytes serial(random16.begin(), random16.end());
  serial[0] &= 0x7F;                  // positive without a leading 0x00 octet
  if (serial[0] == 0) serial[0] = 1;  // and exactly 16 bytes long
  return serial;
}

std::string format_time(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  if (::gmtime_r(&t, &utc) == nullptr) return std::to_string(unix_seconds);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::int64_t unix_seconds(const CivilTime& t) {
  const std::int64_t y = t.year - (t.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * ((t.month + 9) % 12) + 2) / 5 + t.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const std::int64_t days = era * 146097 + doe - 719468;
  return days * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
}

CivilTime civil_time(std::int64_t seconds) {
  std::int64_t days = seconds / 86400;
  std::int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  return CivilTime{yoe + era * 400 + (month <= 2 ? 1 : 0), static_cast<int>(month),
                   static_cast<int>(day), static_cast<int>(rest / 3600),
                   static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60)};
}

X509Time x509_time(std::int64_t seconds) {
  const CivilTime t = civil_time(seconds);
  char text[32];
  if (t.year < 2050) {
    std::snprintf(text, sizeof text, "%02d%02d%02d%02d%02d%02dZ", static_cast<int>(t.year % 100),
                  t.month, t.day, t.hour, t.minute, t.second);
    return {0x17, text};
  }
  std::snprintf(text, sizeof text, "%04d%02d%02d%02d%02d%02dZ", static_cast<int>(t.year), t.month,
                t.day, t.hour, t.minute, t.second);
  return {0x18, text};
}

std::string hex_with_colons(ByteView bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i != 0) out += ':';
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 0xF];
  }
  return out;
}

std::string_view signature_algorithm_oid(KeyAlgorithm algorithm, Digest digest) {
  switch (algorithm) {
    case KeyAlgorithm::rsa:
      switch (digest) {
        case Digest::sha256: return "1.2.840.113549.1.1.11";
        case Digest::sha384: return "1.2.840.113549.1.1.12";
        case Digest::sha512: return "1.2.840.113549.1.1.13";
      }
      break;
    case KeyAlgorithm::ec:
      switch (digest) {
        case Digest::sha256: return "1.2.840.10045.4.3.2";
        case Digest::sha384: return "1.2.840.10045.4.3.3";
        case Digest::sha512: return "1.2.840.10045.4.3.4";
      }
      break;
    case KeyAlgorithm::ed25519: return "1.3.101.112";
  }
  return "";
}

}  // namespace polycert
