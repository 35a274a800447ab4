// The BER reader (PKCS#7 and PKCS#12 framing): ber::Reader and string_content on every
// level, and ber::to_der, whose output must be strict DER and a fixed point.
#include "support.hpp"

#include <polycert/ber.hpp>
#include <polycert/der.hpp>

#include <algorithm>

namespace polycert::fuzz {

namespace {

void walk(ByteView data, unsigned depth) {
  if (depth > der::kMaxDepth + 2) return;
  ber::Reader reader(data);
  while (!reader.empty()) {
    auto element = reader.next();
    if (!element) return;
    check(element->whole.size() > element->content.size(), "element without a header");
    if (element->constructed()) {
      (void)ber::string_content(*element);
      walk(element->content, depth + 1);
    }
  }
}

}  // namespace

void target_ber(ByteView input) {
  walk(input, 0);
  auto der = ber::to_der(input);
  if (!der) return;
  check(der::check_strict_der(*der).has_value(), "ber::to_der output is not strict DER");
  auto again = ber::to_der(*der);
  check(again.has_value() && std::ranges::equal(*again, *der), "ber::to_der is not a fixed point");
}

}  // namespace polycert::fuzz
