#include <polycert/der.hpp>
#include <polycert/name.hpp>
#include <polycert/text.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <optional>
#include <utility>

namespace polycert {

namespace {

// One attribute type polycert knows by name: how to spell it, which string type X.520 /
// PKCS#9 require (nullopt: any, by policy) and its upper bound in characters (0: none).
struct AttributeType {
  std::string_view oid;
  std::string_view short_name;
  std::string_view long_name;
  std::string_view alias;
  std::optional<StringType> required_type;
  std::size_t upper_bound;
};

constexpr std::size_t kUbName = 32768;
constexpr std::array<AttributeType, 18> kAttributeTypes = {{
    {"2.5.4.6", "C", "countryName", "", StringType::printable, 2},
    {"2.5.4.8", "ST", "stateOrProvinceName", "S", std::nullopt, 128},
    {"2.5.4.7", "L", "localityName", "", std::nullopt, 128},
    {"2.5.4.10", "O", "organizationName", "", std::nullopt, 64},
    {"2.5.4.11", "OU", "organizationalUnitName", "", std::nullopt, 64},
    {"2.5.4.3", "CN", "commonName", "", std::nullopt, 64},
    {"1.2.840.113549.1.9.1", "emailAddress", "emailAddress", "E", StringType::ia5, 255},
    {"2.5.4.5", "serialNumber", "serialNumber", "", StringType::printable, 64},
    {"0.9.2342.19200300.100.1.25", "DC", "domainComponent", "", StringType::ia5, 63},
    {"0.9.2342.19200300.100.1.1", "UID", "userId", "", std::nullopt, 256},
    {"2.5.4.9", "street", "streetAddress", "", std::nullopt, 128},
    {"2.5.4.12", "title", "title", "", std::nullopt, 64},
    {"2.5.4.42", "GN", "givenName", "", std::nullopt, kUbName},
    {"2.5.4.4", "SN", "surname", "", std::nullopt, kUbName},
    {"2.5.4.17", "postalCode", "postalCode", "", std::nullopt, 40},
    {"2.5.4.65", "pseudonym", "pseudonym", "", std::nullopt, 128},
    {"2.5.4.46", "dnQualifier", "dnQualifier", "", StringType::printable, 0},
    {"2.5.4.15", "businessCategory", "businessCategory", "", std::nullopt, 128},
}};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::ranges::equal(a, b, [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

const AttributeType* find_by_oid(std::string_view oid) {
  for (const auto& type : kAttributeTypes)
    if (type.oid == oid) return &type;
  return nullptr;
}

const AttributeType* find_by_name(std::string_view name) {
  for (const auto& type : kAttributeTypes)
    if (iequals(name, type.short_name) || iequals(name, type.long_name) ||
        (!type.alias.empty() && iequals(name, type.alias)))
      return &type;
  return nullptr;
}

bool is_dotted_oid(std::string_view text) { return der::is_valid_oid(text); }

bool is_printable_char(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         std::u32string_view(U" '()+,-./:=?").find(c) != std::u32string_view::npos;
}

bool fits(StringType type, const std::vector<char32_t>& cps) {
  switch (type) {
    case StringType::printable: return std::ranges::all_of(cps, is_printable_char);
    case StringType::ia5: return std::ranges::all_of(cps, [](char32_t c) { return c < 0x80; });
    case StringType::numeric:
      return std::ranges::all_of(cps, [](char32_t c) { return c == ' ' || (c >= '0' && c <= '9'); });
    case StringType::teletex: return std::ranges::all_of(cps, [](char32_t c) { return c < 0x100; });
    case StringType::bmp: return std::ranges::all_of(cps, [](char32_t c) { return c < 0x10000; });
    case StringType::visible: return std::ranges::all_of(cps, [](char32_t c) { return c >= 0x20 && c < 0x7F; });
    case StringType::utf8:
    case StringType::universal: return true;
    case StringType::der_value: return false;  // never chosen for text
  }
  return false;
}

// ---- escapes shared by both spellings ----

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

struct RawAttribute {
  std::string type;
  std::string value;
};
using RawRdn = std::vector<RawAttribute>;

Result<DistinguishedName> build(std::vector<RawRdn> raw, StringPolicy policy) {
  DistinguishedName name;
  for (auto& raw_rdn : raw) {
    Rdn rdn;
    for (auto& raw_attribute : raw_rdn) {
      if (raw_attribute.value.empty()) continue;  // as openssl: an empty field is left out
      auto attribute = make_name_attribute(raw_attribute.type, raw_attribute.value, policy);
      if (!attribute) return std::unexpected(attribute.error());
      rdn.attributes.push_back(std::move(*attribute));
    }
    if (!rdn.attributes.empty()) name.rdns.push_back(std::move(rdn));
  }
  return name;
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// OpenSSL's -subj syntax: "/" separates RDNs, "+" attributes of one RDN, "\" escapes.
Result<DistinguishedName> parse_slash(std::string_view text, StringPolicy policy) {
  std::vector<RawRdn> rdns;
  RawRdn rdn;
  RawAttribute attribute;
  bool in_value = false;
  auto finish_attribute = [&]() -> Result<void> {
    if (!in_value) {
      if (trim_spaces(attribute.type).empty()) return {};
      return fail(ErrorCode::invalid_input,
                  "subject: missing '=' after '" + attribute.type + "'");
    }
    rdn.push_back(std::move(attribute));
    attribute = {};
    in_value = false;
    return {};
  };
  for (std::size_t i = 1; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\') {
      if (i + 1 == text.size())
        return fail(ErrorCode::invalid_input, "subject: '\\' at the end escapes nothing");
      c = text[++i];
      (in_value ? attribute.value : attribute.type) += c;
      continue;
    }
    if (c == '/' || c == '+') {
      if (auto done = finish_attribute(); !done) return std::unexpected(done.error());
      if (c == '/' && !rdn.empty()) rdns.push_back(std::exchange(rdn, {}));
      continue;
    }
    if (c == '=' && !in_value) {
      in_value = true;
      continue;
    }
    (in_value ? attribute.value : attribute.type) += c;
  }
  if (auto done = finish_attribute(); !done) return std::unexpected(done.error());
  if (!rdn.empty()) rdns.push_back(std::move(rdn));
  for (auto& r : rdns)
    for (auto& a : r) a.type = std::string(trim_spaces(a.type));
  return build(std::move(rdns), policy);
}

// RFC 4514: "," separates RDNs (last RDN first), "+" attributes, "\" escapes a special
// character or two hex digits of UTF-8.
Result<DistinguishedName> parse_rfc4514(std::string_view text, StringPolicy policy) {
  std::vector<RawRdn> rdns;
  RawRdn rdn;
  std::size_t i = 0;
  while (i <= text.size()) {
    RawAttribute attribute;
    const auto equals = text.find('=', i);
    if (equals == std::string_view::npos)
      return fail(ErrorCode::invalid_input, "subject: missing '=' in '" +
                                                std::string(text.substr(i)) + "'");
    attribute.type = std::string(trim_spaces(text.substr(i, equals - i)));
    i = equals + 1;
    while (i < text.size() && text[i] == ' ') ++i;
    if (i < text.size() && text[i] == '#')
      return fail(ErrorCode::invalid_input, "subject: hex-encoded (#...) values are not supported; "
                                            "write the value as text");
    std::size_t kept_spaces = 0;  // unescaped trailing spaces are not part of the value
    char separator = 0;
    while (i < text.size()) {
      const char c = text[i];
      if (c == ',' || c == '+') {
        separator = c;
        ++i;
        break;
      }
      if (c == '\\') {
        if (i + 1 >= text.size())
          return fail(ErrorCode::invalid_input, "subject: '\\' at the end escapes nothing");
        const int high = hex_value(text[i + 1]);
        if (high >= 0 && i + 2 < text.size() && hex_value(text[i + 2]) >= 0) {
          attribute.value += static_cast<char>(high * 16 + hex_value(text[i + 2]));
          i += 3;
        } else if (std::string_view(",+\"\\<>;= #").find(text[i + 1]) != std::string_view::npos) {
          attribute.value += text[i + 1];
          i += 2;
        } else {
          return fail(ErrorCode::invalid_input, std::string("subject: '\\") + text[i + 1] +
                                                    "' is not an RFC 4514 escape");
        }
        kept_spaces = attribute.value.size();
        continue;
      }
      if (c == '"' || c == ';' || c == '<' || c == '>')
        return fail(ErrorCode::invalid_input, std::string("subject: '") + c +
                                                  "' must be escaped with '\\' in RFC 4514 names");
      attribute.value += c;
      if (c != ' ') kept_spaces = attribute.value.size();
      ++i;
    }
    attribute.value.resize(kept_spaces);
    rdn.push_back(std::move(attribute));
    if (separator != '+') rdns.push_back(std::exchange(rdn, {}));
    if (separator == 0) break;
  }
  std::ranges::reverse(rdns);
  return build(std::move(rdns), policy);
}

// ---- DER strings ----

Bytes encode_string(const NameAttribute& attribute) {
  Bytes out;
  switch (attribute.type) {
    case StringType::bmp:
    case StringType::universal: {
      const auto cps = decode_utf8(attribute.value).value_or(std::vector<char32_t>{});
      const int width = attribute.type == StringType::bmp ? 2 : 4;
      for (char32_t cp : cps)
        for (int shift = (width - 1) * 8; shift >= 0; shift -= 8)
          out.push_back(static_cast<std::uint8_t>((cp >> shift) & 0xFF));
      return out;
    }
    case StringType::teletex: {
      for (char32_t cp : decode_utf8(attribute.value).value_or(std::vector<char32_t>{}))
        out.push_back(static_cast<std::uint8_t>(cp));
      return out;
    }
    default:
      out.assign(attribute.value.begin(), attribute.value.end());
      return out;
  }
}

Result<std::string> decode_string(std::uint8_t tag, ByteView content) {
  std::string out;
  switch (static_cast<StringType>(tag)) {
    case StringType::utf8:
    case StringType::printable:
    case StringType::ia5:
    case StringType::numeric:
    case StringType::visible:
      out.assign(content.begin(), content.end());
      if (!is_valid_utf8(out)) return fail(ErrorCode::invalid_input, "name: value is not valid UTF-8");
      return out;
    case StringType::der_value: break;
    case StringType::teletex:  // T.61 in theory, Latin-1 in practice (as OpenSSL reads it)
      for (std::uint8_t byte : content) append_utf8(out, byte);
      return out;
    case StringType::bmp:
    case StringType::universal: {
      const std::size_t width = tag == static_cast<std::uint8_t>(StringType::bmp) ? 2 : 4;
      if (content.size() % width != 0)
        return fail(ErrorCode::invalid_input, "name: truncated BMPString/UniversalString");
      for (std::size_t i = 0; i < content.size(); i += width) {
        char32_t cp = 0;
        for (std::size_t k = 0; k < width; ++k) cp = (cp << 8) | content[i + k];
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
          return fail(ErrorCode::invalid_input, "name: invalid character in BMPString/UniversalString");
        append_utf8(out, cp);
      }
      return out;
    }
  }
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02x", tag);
  return fail(ErrorCode::invalid_input, std::string("name: attribute value has tag ") + hex +
                                            ", not a string type");
}

// DER orders SET OF elements by their encodings, shorter ones padded with zeros.
bool der_set_order(const SecureBuffer& a, const SecureBuffer& b) {
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t x = i < a.size() ? a[i] : 0, y = i < b.size() ? b[i] : 0;
    if (x != y) return x < y;
  }
  return a.size() < b.size();
}

bool is_string_tag(std::uint8_t tag) {
  switch (static_cast<StringType>(tag)) {
    case StringType::utf8:
    case StringType::numeric:
    case StringType::printable:
    case StringType::teletex:
    case StringType::ia5:
    case StringType::visible:
    case StringType::universal:
    case StringType::bmp: return true;
    case StringType::der_value: return false;
  }
  return false;
}

std::string hex_value(ByteView whole) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out = "#";
  for (std::uint8_t byte : whole) {
    out += kDigits[byte >> 4];
    out += kDigits[byte & 0x0F];
  }
  return out;
}

Bytes unhex_value(std::string_view text) {  // the inverse of hex_value, for values it wrote
  Bytes out;
  auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  for (std::size_t i = 1; i + 1 < text.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(nibble(text[i]) << 4 | nibble(text[i + 1])));
  return out;
}

std::string escape(std::string_view value, std::string_view specials, bool rfc4514) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const bool edge_space = rfc4514 && c == ' ' && (i == 0 || i + 1 == value.size());
    const bool leading_hash = rfc4514 && c == '#' && i == 0;
    if (static_cast<unsigned char>(c) < 0x20 && rfc4514) {
      char hex[4];
      std::snprintf(hex, sizeof hex, "\\%02X", static_cast<unsigned char>(c));
      out += hex;
      continue;
    }
    if (specials.find(c) != std::string_view::npos || edge_space || leading_hash) out += '\\';
    out += c;
  }
  return out;
}

// A value as text: "#hex" values are printed as they are (RFC 4514 2.4), text escaped.
std::string escape_value(const NameAttribute& attribute, std::string_view specials, bool rfc4514) {
  if (attribute.type == StringType::der_value) return attribute.value;
  return escape(attribute.value, specials, rfc4514);
}

}  // namespace

std::string_view to_string(StringType type) {
  switch (type) {
    case StringType::utf8: return "UTF8String";
    case StringType::numeric: return "NumericString";
    case StringType::printable: return "PrintableString";
    case StringType::teletex: return "TeletexString";
    case StringType::ia5: return "IA5String";
    case StringType::universal: return "UniversalString";
    case StringType::bmp: return "BMPString";
    case StringType::visible: return "VisibleString";
    case StringType::der_value: return "DER value";
  }
  return "?";
}

std::string DistinguishedName::find(std::string_view oid) const {
  for (const auto& rdn : rdns)
    for (const auto& attribute : rdn.attributes)
      if (attribute.oid == oid) return attribute.value;
  return {};
}

Result<NameAttribute> make_name_attribute(std::string_view type, std::string_view value,
                                          StringPolicy policy) {
  const AttributeType* known = find_by_name(type);
  std::string oid_text;
  if (known != nullptr) {
    oid_text = known->oid;
  } else if (is_dotted_oid(type)) {
    oid_text = type;
    known = find_by_oid(type);
  } else {
    return fail(ErrorCode::invalid_input,
                "subject: unknown attribute type '" + std::string(type) +
                    "'; use C, ST, L, O, OU, CN, emailAddress, serialNumber, DC, UID, street, "
                    "title, GN, SN, postalCode or a dotted OID");
  }
  const std::string label = known ? std::string(known->short_name) : oid_text;
  const auto cps = decode_utf8(value);
  if (!cps) return fail(ErrorCode::invalid_input, "subject: " + label + " is not valid UTF-8");
  if (cps->empty()) return fail(ErrorCode::invalid_input, "subject: " + label + " is empty");

  if (known && known->oid == oid::kCountry &&
      (cps->size() != 2 || !std::ranges::all_of(*cps, [](char32_t c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      })))
    return fail(ErrorCode::invalid_input, "subject: C must be a two-letter country code, not '" +
                                              std::string(value) + "'");
  if (known && known->upper_bound != 0 && cps->size() > known->upper_bound)
    return fail(ErrorCode::invalid_input,
                "subject: " + label + " is " + std::to_string(cps->size()) +
                    " characters; X.520 allows at most " + std::to_string(known->upper_bound));

  StringType string_type = StringType::utf8;
  if (known && known->required_type) {
    string_type = *known->required_type;
    if (!fits(string_type, *cps))
      return fail(ErrorCode::invalid_input, "subject: " + label + " must be a " +
                                                std::string(to_string(string_type)) +
                                                " and cannot hold '" + std::string(value) + "'");
  } else if (policy == StringPolicy::printable && fits(StringType::printable, *cps)) {
    string_type = StringType::printable;
  }
  return NameAttribute{oid_text, std::string(value), string_type};
}

Result<void> check_name_values(const DistinguishedName& name) {
  for (const auto& rdn : name.rdns)
    for (const auto& attribute : rdn.attributes) {
      if (attribute.type == StringType::der_value) continue;
      // The same function that builds a typed value, so parsing and issuing share one rule.
      if (auto checked = make_name_attribute(attribute.oid, attribute.value); !checked)
        return std::unexpected(checked.error());
    }
  return {};
}

StringType choose_string_type(std::string_view utf8_value, StringPolicy policy) {
  if (policy != StringPolicy::printable) return StringType::utf8;
  const auto cps = decode_utf8(utf8_value);
  return cps && fits(StringType::printable, *cps) ? StringType::printable : StringType::utf8;
}

Result<DistinguishedName> parse_name(std::string_view text, StringPolicy policy) {
  std::string_view trimmed = trim_spaces(text);
  // A space escaped with "\" at the very end belongs to the last value: "/CN=a\ " and
  // "CN=a\ " as format_slash/format_rfc4514 print it (found by fuzzing: fuzz/regressions/name).
  std::size_t backslashes = 0;
  while (backslashes < trimmed.size() && trimmed[trimmed.size() - 1 - backslashes] == '\\')
    ++backslashes;
  if (backslashes % 2 == 1 && trimmed.data() + trimmed.size() < text.data() + text.size())
    trimmed = std::string_view(trimmed.data(), trimmed.size() + 1);
  if (trimmed.empty()) return fail(ErrorCode::invalid_input, "subject: empty name");
  if (trimmed.front() == '/') return parse_slash(trimmed, policy);
  return parse_rfc4514(trimmed, policy);
}

std::string attribute_name(std::string_view oid) {
  const AttributeType* known = find_by_oid(oid);
  return known ? std::string(known->short_name) : std::string(oid);
}

std::string format_slash(const DistinguishedName& name) {
  std::string out;
  for (const auto& rdn : name.rdns) {
    out += '/';
    for (std::size_t i = 0; i < rdn.attributes.size(); ++i) {
      if (i != 0) out += '+';
      out += attribute_name(rdn.attributes[i].oid) + "=" + escape_value(rdn.attributes[i], "/+\\", false);
    }
  }
  // parse_name trims the text: a space ending the last value is escaped so it stays.
  if (!out.empty() && out.back() == ' ') out.insert(out.size() - 1, "\\");
  return out;
}

std::string format_rfc4514(const DistinguishedName& name) {
  std::string out;
  for (auto rdn = name.rdns.rbegin(); rdn != name.rdns.rend(); ++rdn) {
    if (!out.empty()) out += ',';
    for (std::size_t i = 0; i < rdn->attributes.size(); ++i) {
      if (i != 0) out += '+';
      out += attribute_name(rdn->attributes[i].oid) + "=" +
             escape_value(rdn->attributes[i], ",+\"\\<>;=", true);
    }
  }
  return out;
}

Bytes encode_name(const DistinguishedName& name) {
  SecureBuffer rdns;
  for (const auto& rdn : name.rdns) {
    std::vector<SecureBuffer> members;
    for (const auto& attribute : rdn.attributes) {
      SecureBuffer atv = der::element(der::kOid, der::encode_oid(attribute.oid));
      if (attribute.type == StringType::der_value) {
        const Bytes whole = unhex_value(attribute.value);
        atv.insert(atv.end(), whole.begin(), whole.end());
      } else {
        der::append_element(atv, static_cast<std::uint8_t>(attribute.type), encode_string(attribute));
      }
      members.push_back(der::element(der::kSequence, atv));
    }
    std::ranges::sort(members, der_set_order);
    SecureBuffer set;
    for (const auto& member : members) set.insert(set.end(), member.begin(), member.end());
    der::append_element(rdns, der::kSet, set);
  }
  const SecureBuffer encoded = der::element(der::kSequence, rdns);
  return Bytes(encoded.begin(), encoded.end());
}

Result<DistinguishedName> decode_name(ByteView der) {
  der::Reader top(der);
  auto sequence = top.expect(der::kSequence, "Name SEQUENCE");
  if (!sequence) return std::unexpected(sequence.error());
  if (!top.empty()) return fail(ErrorCode::invalid_input, "name: trailing data after the Name");
  DistinguishedName name;
  name.rdns.reserve(8);  // one allocation for the usual C/ST/L/O/OU/CN/emailAddress
  der::Reader rdns(sequence->content);
  while (!rdns.empty()) {
    auto set = rdns.expect(der::kSet, "RelativeDistinguishedName SET");
    if (!set) return std::unexpected(set.error());
    Rdn rdn;
    der::Reader members(set->content);
    while (!members.empty()) {
      auto atv = members.expect(der::kSequence, "AttributeTypeAndValue");
      if (!atv) return std::unexpected(atv.error());
      der::Reader fields(atv->content);
      auto type = fields.expect(der::kOid, "attribute type");
      if (!type) return std::unexpected(type.error());
      auto oid_text = der::decode_oid(type->content);
      if (!oid_text) return std::unexpected(oid_text.error());
      auto value = fields.next();
      if (!value) return std::unexpected(value.error());
      if (!fields.empty()) return fail(ErrorCode::invalid_input, "name: extra data in an attribute");
      if (!is_string_tag(value->tag)) {  // RFC 4514 2.4: "#" and the hex of the encoding
        rdn.attributes.push_back({std::move(*oid_text), hex_value(value->whole), StringType::der_value});
        continue;
      }
      auto text = decode_string(value->tag, value->content);
      if (!text) return std::unexpected(text.error());
      rdn.attributes.push_back(
          {std::move(*oid_text), std::move(*text), static_cast<StringType>(value->tag)});
    }
    if (rdn.attributes.empty()) return fail(ErrorCode::invalid_input, "name: empty RDN");
    name.rdns.push_back(std::move(rdn));
  }
  return name;
}

bool is_name_string_tag(std::uint8_t tag) { return is_string_tag(tag); }

Result<std::string> decode_string_value(std::uint8_t tag, ByteView content) {
  return decode_string(tag, content);
}

bool same_meaning(const DistinguishedName& a, const DistinguishedName& b) {
  if (a.rdns.size() != b.rdns.size()) return false;
  for (std::size_t i = 0; i < a.rdns.size(); ++i) {
    auto key = [](const NameAttribute& x) { return std::pair(x.oid, x.value); };
    std::vector<std::pair<std::string, std::string>> left, right;
    for (const auto& x : a.rdns[i].attributes) left.push_back(key(x));
    for (const auto& x : b.rdns[i].attributes) right.push_back(key(x));
    std::ranges::sort(left);
    std::ranges::sort(right);
    if (left != right) return false;
  }
  return true;
}

namespace {

std::string prepared(const NameAttribute& attribute) {
  if (attribute.type == StringType::der_value) return attribute.value;
  std::string out;
  for (char c : attribute.value) {
    if (c == ' ') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

bool names_match(const DistinguishedName& a, const DistinguishedName& b) {
  if (a.rdns.size() != b.rdns.size()) return false;
  for (std::size_t i = 0; i < a.rdns.size(); ++i) {
    std::vector<std::pair<std::string, std::string>> left, right;
    for (const auto& x : a.rdns[i].attributes) left.emplace_back(x.oid, prepared(x));
    for (const auto& x : b.rdns[i].attributes) right.emplace_back(x.oid, prepared(x));
    std::ranges::sort(left);
    std::ranges::sort(right);
    if (left != right) return false;
  }
  return true;
}

}  // namespace polycert
