// The subject parser (name.hpp). Text input: parse_name under both string policies; what
// parses must survive encode_name/decode_name, and printing in either spelling and parsing
// again must give the same name. DER input (starting with a SEQUENCE tag): decode_name,
// and what it reads encodes and decodes to the same meaning.
#include "support.hpp"

#include <polycert/name.hpp>

namespace polycert::fuzz {

namespace {

void check_round_trips(const DistinguishedName& name) {
  auto decoded = decode_name(encode_name(name));
  check(decoded.has_value(), "decode_name refuses what encode_name wrote");
  check(same_meaning(*decoded, name), "name changed through encode_name/decode_name");
  if (name.empty()) return;
  const std::string slash_text = format_slash(name);
  auto slash = parse_name(slash_text);
  check_ok(slash, "parse_name refuses what format_slash printed: " + slash_text);
  check(same_meaning(*slash, name), "name changed through format_slash/parse_name: " + slash_text +
                                        " read back as " + format_slash(*slash));
  const std::string rfc4514_text = format_rfc4514(name);
  auto rfc4514 = parse_name(rfc4514_text);
  check_ok(rfc4514, "parse_name refuses what format_rfc4514 printed: " + rfc4514_text);
  check(same_meaning(*rfc4514, name),
        "name changed through format_rfc4514/parse_name: " + rfc4514_text + " read back as " +
            format_rfc4514(*rfc4514));
}

}  // namespace

void target_name(ByteView input) {
  if (!input.empty() && input[0] == 0x30) {
    auto name = decode_name(input);
    if (!name) return;
    (void)format_slash(*name);
    (void)format_rfc4514(*name);
    auto again = decode_name(encode_name(*name));
    check(again.has_value() && same_meaning(*again, *name), "decoded name does not re-encode");
    return;
  }
  const std::string_view text = as_text(input);
  for (StringPolicy policy : {StringPolicy::utf8, StringPolicy::printable}) {
    auto name = parse_name(text, policy);
    if (name) check_round_trips(*name);
  }
}

}  // namespace polycert::fuzz
