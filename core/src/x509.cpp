#include <polycert/x509.hpp>

#include <polycert/der.hpp>

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

namespace {

Bytes to_bytes(const SecureBuffer& buffer) { return Bytes(buffer.begin(), buffer.end()); }

ByteView text_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// GeneralName CHOICE tags (IMPLICIT, primitive): rfc822Name [1], dNSName [2],
// uniformResourceIdentifier [6], iPAddress [7].
constexpr std::uint8_t kEmailTag = 0x81;
constexpr std::uint8_t kDnsTag = 0x82;
constexpr std::uint8_t kUriTag = 0x86;
constexpr std::uint8_t kIpTag = 0x87;
constexpr std::uint8_t kBoolean = 0x01;

Bytes encode_alt_names(const std::vector<GeneralName>& names) {
  SecureBuffer content;
  for (const GeneralName& name : names) {
    switch (name.kind) {
      case GeneralName::Kind::dns: der::append_element(content, kDnsTag, text_bytes(name.value)); break;
      case GeneralName::Kind::email: der::append_element(content, kEmailTag, text_bytes(name.value)); break;
      case GeneralName::Kind::uri: der::append_element(content, kUriTag, text_bytes(name.value)); break;
      case GeneralName::Kind::ip: {
        auto ip = ip_address_bytes(name.value);  // validated when parsed
        der::append_element(content, kIpTag, ip ? ByteView(*ip) : ByteView());
        break;
      }
      case GeneralName::Kind::directory_name:
      case GeneralName::Kind::registered_id:
      case GeneralName::Kind::other_name:
      case GeneralName::Kind::x400_address:
      case GeneralName::Kind::edi_party_name:
        content.insert(content.end(), name.der.begin(), name.der.end());
        break;
    }
  }
  return to_bytes(der::element(der::kSequence, content));
}

Bytes encode_key_usage(std::uint16_t bits) {
  // BIT STRING, bit 0 in the most significant bit of the first octet; DER drops
  // trailing zero bits (X.690 11.2.2).
  std::uint8_t octets[2] = {0, 0};
  int highest = -1;
  for (int bit = 0; bit < 9; ++bit) {
    if (!(bits & (1u << bit))) continue;
    octets[bit / 8] |= std::uint8_t(0x80u >> (bit % 8));
    highest = bit;
  }
  Bytes content;
  if (highest < 0) {
    content.push_back(0);
  } else {
    const int length = highest / 8 + 1;
    content.push_back(std::uint8_t(7 - highest % 8));
    content.insert(content.end(), octets, octets + length);
  }
  return to_bytes(der::element(der::kBitString, content));
}

Bytes encode_extended_key_usage(const std::vector<std::string>& oids) {
  SecureBuffer content;
  for (const std::string& oid : oids) der::append_element(content, der::kOid, der::encode_oid(oid));
  return to_bytes(der::element(der::kSequence, content));
}


Bytes encode_basic_constraints(const BasicConstraints& bc) {
  SecureBuffer content;
  if (bc.ca) der::append_element(content, kBoolean, Bytes{0xFF});  // DEFAULT FALSE is omitted
  if (bc.path_length) der::append_element(content, der::kInteger, der::encode_unsigned(*bc.path_length));
  return to_bytes(der::element(der::kSequence, content));
}

Result<der::Element> only_element(ByteView value, std::uint8_t tag, std::string_view what) {
  der::Reader reader(value);
  auto element = reader.expect(tag, what);
  if (!element) return element;
  if (!reader.empty()) return fail(ErrorCode::invalid_input, std::string(what) + ": trailing data");
  return element;
}

Result<std::vector<GeneralName>> decode_alt_names(ByteView value) {
  auto sequence = only_element(value, der::kSequence, "subjectAltName");
  if (!sequence) return std::unexpected(sequence.error());
  std::vector<GeneralName> names;
  der::Reader reader(sequence->content);
  while (!reader.empty()) {
    auto entry = reader.next();
    if (!entry) return std::unexpected(entry.error());
    auto name = decode_general_name(entry->whole);
    if (!name) return std::unexpected(with_context(name.error(), "subjectAltName"));
    names.push_back(std::move(*name));
  }
  return names;
}
Result<std::uint16_t> decode_key_usage(ByteView value) {
  auto bits = only_element(value, der::kBitString, "keyUsage");
  if (!bits) return std::unexpected(bits.error());
  const ByteView content = bits->content;
  if (content.empty() || content[0] > 7 || content.size() > 3 || (content.size() == 1 && content[0] != 0))
    return fail(ErrorCode::invalid_input, "keyUsage: malformed BIT STRING");
  // The unused bits of the last octet are not part of the value (OpenSSL and Botan mask
  // them; Mbed TLS read them as usages).
  const std::size_t unused = content[0];
  std::uint16_t usage = 0;
  for (std::size_t i = 1; i < content.size(); ++i)
    for (int bit = 0; bit < 8; ++bit) {
      const bool padding = i + 1 == content.size() && bit >= 8 - int(unused);
      if (!padding && (content[i] & (0x80u >> bit))) {
        const std::size_t number = (i - 1) * 8 + std::size_t(bit);
        if (number < 9) usage = std::uint16_t(usage | (1u << number));
      }
    }
  // RFC 5280 4.2.1.3: when keyUsage appears, at least one bit MUST be set (Botan refuses
  // such a certificate; a key allowed no use at all is no key to read as valid).
  if (usage == 0) return fail(ErrorCode::invalid_input, "keyUsage: no usage bit is set (RFC 5280 4.2.1.3)");
  return usage;
}

Result<std::vector<std::string>> decode_extended_key_usage(ByteView value) {
  auto sequence = only_element(value, der::kSequence, "extendedKeyUsage");
  if (!sequence) return std::unexpected(sequence.error());
  std::vector<std::string> oids;
  der::Reader reader(sequence->content);
  while (!reader.empty()) {
    auto oid = reader.expect(der::kOid, "extendedKeyUsage");
    if (!oid) return std::unexpected(oid.error());
    auto text = der::decode_oid(oid->content);
    if (!text) return std::unexpected(text.error());
    oids.push_back(std::move(*text));
  }
  return oids;
}

Result<BasicConstraints> decode_basic_constraints(ByteView value) {
  auto sequence = only_element(value, der::kSequence, "basicConstraints");
  if (!sequence) return std::unexpected(sequence.error());
  BasicConstraints bc;
  der::Reader reader(sequence->content);
  if (reader.peek_tag() == kBoolean) {
    auto flag = reader.next();
    if (!flag) return std::unexpected(flag.error());
    if (flag->content.size() != 1) return fail(ErrorCode::invalid_input, "basicConstraints: bad BOOLEAN");
    bc.ca = flag->content[0] != 0;
  }
  if (reader.peek_tag() == der::kInteger) {
    auto length = reader.next();
    if (!length) return std::unexpected(length.error());
    auto n = der::decode_uint32(length->content, "basicConstraints: pathLenConstraint");
    if (!n) return std::unexpected(n.error());
    bc.path_length = *n;
  }
  if (!reader.empty()) return fail(ErrorCode::invalid_input, "basicConstraints: unexpected content");
  return bc;
}

}  // namespace

std::vector<Extension> encode_extensions(const ExtensionSet& set, bool subject_empty) {
  std::vector<Extension> out;
  if (set.basic_constraints)
    out.push_back({std::string(oid::kBasicConstraints), set.basic_constraints->ca,
                   encode_basic_constraints(*set.basic_constraints)});
  if (set.key_usage)
    out.push_back({std::string(oid::kKeyUsage), true, encode_key_usage(*set.key_usage)});
  if (!set.extended_key_usage.empty())
    out.push_back({std::string(oid::kExtendedKeyUsage), false,
                   encode_extended_key_usage(set.extended_key_usage)});
  if (!set.subject_alt_names.empty())
    out.push_back({std::string(oid::kSubjectAltName), subject_empty,
                   encode_alt_names(set.subject_alt_names)});
  return out;
}

Result<std::vector<std::string>> decode_certificate_policies(ByteView value) {
  auto sequence = only_element(value, der::kSequence, "certificatePolicies");
  if (!sequence) return std::unexpected(sequence.error());
  if (sequence->content.empty())
    return fail(ErrorCode::invalid_input, "certificatePolicies: no policy (RFC 5280 4.2.1.4)");
  std::vector<std::string> policies;
  der::Reader reader(sequence->content);
  while (!reader.empty()) {
    auto information = reader.expect(der::kSequence, "certificatePolicies: PolicyInformation");
    if (!information) return std::unexpected(information.error());
    der::Reader fields(information->content);
    auto identifier = fields.expect(der::kOid, "certificatePolicies: policyIdentifier");
    if (!identifier) return std::unexpected(identifier.error());
    auto dotted = der::decode_oid(identifier->content);
    if (!dotted) return std::unexpected(with_context(dotted.error(), "certificatePolicies"));
    if (!fields.empty()) {
      auto qualifiers = fields.expect(der::kSequence, "certificatePolicies: policyQualifiers");
      if (!qualifiers) return std::unexpected(qualifiers.error());
      if (qualifiers->content.empty() || !fields.empty())
        return fail(ErrorCode::invalid_input,
                    "certificatePolicies: policyQualifiers empty or followed by more data");
      der::Reader qualifier_reader(qualifiers->content);
      while (!qualifier_reader.empty()) {
        auto qualifier = qualifier_reader.expect(der::kSequence, "certificatePolicies: qualifier");
        if (!qualifier) return std::unexpected(qualifier.error());
        der::Reader parts(qualifier->content);
        auto kind = parts.expect(der::kOid, "certificatePolicies: policyQualifierId");
        if (!kind) return std::unexpected(kind.error());
        if (!parts.empty()) {
          auto qualifier_value = parts.next();
          if (!qualifier_value) return std::unexpected(qualifier_value.error());
        }
        if (!parts.empty())
          return fail(ErrorCode::invalid_input, "certificatePolicies: trailing data in a qualifier");
      }
    }
    policies.push_back(std::move(*dotted));
  }
  return policies;
}

Result<ExtensionSet> decode_extensions(const std::vector<Extension>& extensions) {
  ExtensionSet set;
  for (std::size_t i = 0; i < extensions.size(); ++i) {
    const Extension& e = extensions[i];
    for (std::size_t j = 0; j < i; ++j)
      if (extensions[j].oid == e.oid)
        return fail(ErrorCode::invalid_input, "extension " + e.oid + " appears twice");
    if (e.oid == oid::kSubjectAltName) {
      auto names = decode_alt_names(e.value);
      if (!names) return std::unexpected(names.error());
      set.subject_alt_names = std::move(*names);
    } else if (e.oid == oid::kKeyUsage) {
      auto usage = decode_key_usage(e.value);
      if (!usage) return std::unexpected(usage.error());
      set.key_usage = *usage;
    } else if (e.oid == oid::kExtendedKeyUsage) {
      auto usages = decode_extended_key_usage(e.value);
      if (!usages) return std::unexpected(usages.error());
      set.extended_key_usage = std::move(*usages);
    } else if (e.oid == oid::kBasicConstraints) {
      auto bc = decode_basic_constraints(e.value);
      if (!bc) return std::unexpected(bc.error());
      set.basic_constraints = *bc;
    } else if (e.oid == oid::kCertificatePolicies) {
      // Checked, not kept: Mbed TLS decodes them and refused a malformed value that OpenSSL
      // and Botan passed over (found by differential fuzzing).
      if (auto policies = decode_certificate_policies(e.value); !policies)
        return std::unexpected(policies.error());
    }
  }
  return set;
}

Result<GeneralName> decode_general_name(ByteView element) {
  der::Reader reader(element);
  auto entry = reader.next();
  if (!entry) return std::unexpected(entry.error());
  const auto text = [&] { return std::string(entry->content.begin(), entry->content.end()); };
  const auto kept = [&](GeneralName::Kind kind, std::string value) {
    return GeneralName{kind, std::move(value), Bytes(element.begin(), element.end())};
  };
  const auto hex = [](ByteView bytes) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out = "#";
    for (std::uint8_t b : bytes) (out += kDigits[b >> 4]) += kDigits[b & 0x0F];
    return out;
  };
  switch (entry->tag) {
    case kDnsTag: return GeneralName{GeneralName::Kind::dns, text(), {}};
    case kEmailTag: return GeneralName{GeneralName::Kind::email, text(), {}};
    case kUriTag: return GeneralName{GeneralName::Kind::uri, text(), {}};
    case kIpTag: {
      auto ip = ip_address_text(entry->content);
      if (!ip) return std::unexpected(ip.error());
      return GeneralName{GeneralName::Kind::ip, std::move(*ip), {}};
    }
    case 0xA4: {  // directoryName [4] EXPLICIT Name
      auto name = decode_name(entry->content);
      if (!name) return std::unexpected(with_context(name.error(), "directoryName"));
      return kept(GeneralName::Kind::directory_name, format_slash(*name));
    }
    case 0x88: {  // registeredID [8] IMPLICIT OBJECT IDENTIFIER
      auto dotted = der::decode_oid(entry->content);
      if (!dotted) return std::unexpected(with_context(dotted.error(), "registeredID"));
      return kept(GeneralName::Kind::registered_id, std::move(*dotted));
    }
    case 0xA0: {  // otherName [0] IMPLICIT SEQUENCE { type-id OID, value [0] EXPLICIT ANY }
      der::Reader fields(entry->content);
      auto type = fields.expect(der::kOid, "otherName type-id");
      if (!type) return std::unexpected(type.error());
      auto dotted = der::decode_oid(type->content);
      if (!dotted) return std::unexpected(with_context(dotted.error(), "otherName"));
      auto wrapped = fields.expect(der::context_constructed(0), "otherName value [0]");
      if (!wrapped) return std::unexpected(wrapped.error());
      if (!fields.empty()) return fail(ErrorCode::invalid_input, "otherName: data after its value");
      der::Reader inner(wrapped->content);
      auto value = inner.next();
      if (!value) return std::unexpected(value.error());
      if (!inner.empty()) return fail(ErrorCode::invalid_input, "otherName: data after its value");
      auto as_text = decode_string_value(value->tag, value->content);
      return kept(GeneralName::Kind::other_name,
                  *dotted + ";" + (as_text ? *as_text : hex(value->whole)));
    }
    case 0xA3:  // x400Address [3] ORAddress
      return kept(GeneralName::Kind::x400_address, hex(element));
    case 0xA5:  // ediPartyName [5] EDIPartyName
      return kept(GeneralName::Kind::edi_party_name, hex(element));
    default: {
      char tag[8];
      std::snprintf(tag, sizeof tag, "0x%02x", entry->tag);
      return fail(ErrorCode::invalid_input, std::string("a GeneralName with tag ") + tag +
                                                ", which is none of the nine forms of RFC 5280 4.2.1.6");
    }
  }
}

}  // namespace polycert
