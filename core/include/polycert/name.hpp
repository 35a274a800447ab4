// Distinguished names: parsed and validated once, here, for every backend.
//
// Two spellings are read: OpenSSL's slash form "/C=US/ST=California/O=Acme/CN=x" (first
// RDN first; "\" escapes; "+" joins a multi-valued RDN; empty values dropped; a trailing
// slash allowed) and RFC 4514 "CN=x,O=Acme,C=US" (last RDN first; "\" escapes special
// characters or two hex digits). Attribute types are short names (C, ST, L, O, OU, CN,
// emailAddress, serialNumber, DC, UID, street, title, GN, SN, ...), their long names, or
// dotted OIDs. Values are UTF-8 in and out.
//
// String types follow one policy on every backend: UTF8String, except where X.520 or
// PKCS#9 allow only one type: C and serialNumber are PrintableString, emailAddress and DC
// IA5String. StringPolicy::printable asks for PrintableString wherever the value allows.
#pragma once

#include <polycert/oid.hpp>

#include <polycert/error.hpp>
#include <polycert/secure_buffer.hpp>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace polycert {

/// ASN.1 string types found in names (the DER tag is the enum value).
enum class StringType : std::uint8_t {
  /// Not a string: the value is "#" and the hex of the whole DER element (RFC 4514 2.4),
  /// kept as encoded (a BIT STRING x500UniqueIdentifier, a GeneralString, ...). Tag 0 is
  /// never a DER value, so it cannot clash with a real tag.
  der_value = 0x00,
  utf8 = 0x0C,
  numeric = 0x12,
  printable = 0x13,
  teletex = 0x14,
  ia5 = 0x16,
  visible = 0x1A,
  universal = 0x1C,
  bmp = 0x1E,
};
/// "UTF8String", "PrintableString", ...
std::string_view to_string(StringType type);

/// Which ASN.1 string type new name values and PKCS#9 attributes get.
enum class StringPolicy {
  utf8,       ///< UTF8String unless the attribute allows only one type
  printable,  ///< PrintableString where the value allows it, else as utf8
};

/// One attribute of a distinguished name: type, value and its string type.
struct NameAttribute {
  std::string oid;    ///< dotted, e.g. "2.5.4.3"
  std::string value;  ///< UTF-8
  StringType type = StringType::utf8;
  friend bool operator==(const NameAttribute&, const NameAttribute&) = default;
};

/// One RelativeDistinguishedName: usually one attribute, several when multi-valued.
struct Rdn {
  std::vector<NameAttribute> attributes;
  friend bool operator==(const Rdn&, const Rdn&) = default;
};

/// RDNs in encoding order: the first is the most significant (usually C).
struct DistinguishedName {
  std::vector<Rdn> rdns;
  bool empty() const { return rdns.empty(); }
  /// Value of the first attribute with this OID, or "".
  std::string find(std::string_view oid) const;
  friend bool operator==(const DistinguishedName&, const DistinguishedName&) = default;
};

/// Parses either spelling (slash form when the text starts with '/'). invalid_input names
/// the attribute and the rule broken: unknown type, bad escape, invalid UTF-8, a value
/// over its X.520 upper bound, a country that is not two letters, a value the required
/// string type cannot hold.
Result<DistinguishedName> parse_name(std::string_view text, StringPolicy policy = StringPolicy::utf8);

/// Builds a validated attribute, choosing its string type by the policy (used by the
/// prompts of `polycert req`, which ask field by field).
Result<NameAttribute> make_name_attribute(std::string_view type, std::string_view value,
                                          StringPolicy policy = StringPolicy::utf8);

/// The rules parse_name applies to each value (X.520 / RFC 5280 Appendix A upper bounds, a
/// two-letter C, a value the attribute's required string type can hold, not empty), applied
/// to a name read from elsewhere, such as a request `sign` issues from. "#hex" values are
/// not text and are not checked. invalid_input names the first attribute that breaks one.
Result<void> check_name_values(const DistinguishedName& name);

/// String type of a free-text value under a policy (for PKCS#9 attributes, which follow
/// the same policy as names): PrintableString when asked for and possible, else UTF8String.
StringType choose_string_type(std::string_view utf8_value, StringPolicy policy);

/// "/C=US/ST=California/CN=api.acme.com", as `openssl x509 -subject -nameopt compat`.
std::string format_slash(const DistinguishedName& name);
/// "CN=api.acme.com,ST=California,C=US" (RFC 4514).
std::string format_rfc4514(const DistinguishedName& name);

/// Short name of an attribute OID ("CN"), or the dotted OID when it has none.
std::string attribute_name(std::string_view oid);

/// DER Name (SEQUENCE OF SET OF AttributeTypeAndValue); each SET sorted as DER requires.
Bytes encode_name(const DistinguishedName& name);
/// Reads a DER Name; BMPString, UniversalString and TeletexString (as Latin-1) become UTF-8;
/// a value of any other ASN.1 type is kept as StringType::der_value ("#hex").
Result<DistinguishedName> decode_name(ByteView der);

/// True for the ASN.1 string types a name value is read as text from (the StringType
/// values but der_value); any other value type is kept as "#hex".
bool is_name_string_tag(std::uint8_t tag);

/// The text of one string value as names and PKCS#9 attributes encode it (UTF8String,
/// PrintableString, IA5String, NumericString, VisibleString, TeletexString as Latin-1,
/// BMPString, UniversalString), as UTF-8. invalid_input for another tag or bad content.
Result<std::string> decode_string_value(std::uint8_t tag, ByteView content);

/// Equal in meaning: same RDNs, attributes and values, whatever the string types.
bool same_meaning(const DistinguishedName& a, const DistinguishedName& b);

/// Names that RFC 5280 7.1 lets a path match: the same RDNs with the same attributes,
/// text values compared after ASCII case folding and with runs of spaces collapsed and
/// trimmed (a simplified RFC 4518 preparation), "#hex" values exactly.
bool names_match(const DistinguishedName& a, const DistinguishedName& b);

inline void PrintTo(const DistinguishedName& name, std::ostream* os) { *os << format_slash(name); }

}  // namespace polycert
