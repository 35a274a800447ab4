// The other text the command line takes apart: subjectAltName lists, key usage and
// extended key usage names, digests, key specs, UTC times, IP addresses. What parses
// prints back as text that parses to the same value.
#include "support.hpp"

#include <polycert/chain.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/x509.hpp>

#include <string>

namespace polycert::fuzz {

void target_options(ByteView input) {
  const std::string_view text = as_text(input);
  if (auto names = parse_subject_alt_names(text)) {
    std::string printed;
    for (const GeneralName& name : *names) {
      printed += (printed.empty() ? "" : ",") + to_string(name);
      if (name.kind == GeneralName::Kind::ip) {
        auto bytes = ip_address_bytes(name.value);
        check_ok(bytes, "a parsed IP address has no bytes");
        auto back = ip_address_text(*bytes);
        check(back.has_value() && *back == name.value, "IP address text is not normalised");
      }
    }
    auto again = parse_subject_alt_names(printed);
    check(again.has_value() && *again == *names,
          "subjectAltName changed through to_string: " + printed);
  }
  if (auto bits = parse_key_usage(text)) {
    auto again = parse_key_usage(key_usage_names(*bits));
    check(again.has_value() && *again == *bits, "keyUsage changed through key_usage_names");
  }
  if (auto oids = parse_extended_key_usage(text)) {
    std::string printed;
    for (const std::string& oid : *oids)
      printed += (printed.empty() ? "" : ",") + extended_key_usage_name(oid);
    auto again = parse_extended_key_usage(printed);
    check(again.has_value() && *again == *oids,
          "extendedKeyUsage changed through its names: " + printed);
    // As a request carries them: encoded (encode_oid) and read back.
    ExtensionSet set;
    set.extended_key_usage = *oids;
    auto decoded = decode_extensions(encode_extensions(set, false));
    check(decoded.has_value() && decoded->extended_key_usage == *oids,
          "extendedKeyUsage changed through encode_extensions/decode_extensions: " + printed);
  }
  if (auto digest = parse_digest(text)) {
    auto again = parse_digest(to_string(*digest));
    check(again.has_value() && *again == *digest, "digest name does not parse back");
  }
  if (auto spec = parse_key_spec(text)) {
    auto again = parse_key_spec(to_string(*spec));
    check(again.has_value() && *again == *spec, "key spec text does not parse back");
  }
  if (auto seconds = parse_utc_time(text)) {
    (void)format_time(*seconds);
    auto again = parse_utc_time("@" + std::to_string(*seconds));
    check(again.has_value() && *again == *seconds, "@SECONDS does not parse back");
  }
  if (input.size() == 4 || input.size() == 16) {
    auto printed = ip_address_text(input);
    check_ok(printed, "4 or 16 bytes are not an IP address");
    auto bytes = ip_address_bytes(*printed);
    check(bytes.has_value() && std::equal(bytes->begin(), bytes->end(), input.begin(), input.end()),
          "IP address bytes do not survive their text: " + *printed);
  }
}

}  // namespace polycert::fuzz
