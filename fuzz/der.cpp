// The strict DER walk: check_strict_der, der::Reader over every level, the OID and
// INTEGER readers. Whatever check_strict_der accepts is already canonical, so the BER
// normaliser (ber::to_der) must return it byte for byte.
#include "support.hpp"

#include <polycert/ber.hpp>
#include <polycert/der.hpp>

#include <algorithm>

namespace polycert::fuzz {

namespace {

void walk(ByteView data, unsigned depth) {
  if (depth > der::kMaxDepth + 2) return;
  der::Reader reader(data);
  while (!reader.empty()) {
    const std::uint8_t peeked = reader.peek_tag();
    auto element = reader.next();
    if (!element) return;
    check(element->tag == peeked, "peek_tag differs from the tag read");
    check(element->whole.size() > element->content.size(), "element without a header");
    check(element->content.data() + element->content.size() ==
              element->whole.data() + element->whole.size(),
          "content does not end where the element ends");
    if (element->tag == der::kOid) {
      if (auto dotted = der::decode_oid(element->content)) {
        // Re-encoding a decoded OID gives the same content octets.
        check(std::ranges::equal(der::encode_oid(*dotted), element->content), "OID round trip");
      }
    } else if (element->tag == der::kInteger) {
      // decode_uint32 also reads a non-minimal "00 05" (X.690 8.3.2 forbids it, but the
      // reader does not promise to refuse it); a minimal INTEGER must round-trip.
      const ByteView c = element->content;
      const bool minimal = c.size() < 2 || !(c[0] == 0 && (c[1] & 0x80) == 0);
      if (auto value = der::decode_uint32(c, "INTEGER"); value && minimal)
        check(std::ranges::equal(der::encode_unsigned(*value), c), "INTEGER round trip");
    } else if (element->constructed()) {
      walk(element->content, depth + 1);
    }
  }
}

}  // namespace

void target_der(ByteView input) {
  walk(input, 0);
  if (!der::check_strict_der(input)) return;
  auto normalised = ber::to_der(input);
  check_ok(normalised, "strict DER that the BER reader refuses");
  check(std::ranges::equal(*normalised, input), "strict DER changed by ber::to_der");
}

}  // namespace polycert::fuzz
