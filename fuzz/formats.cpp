// Format detection: find_objects (PEM blocks and labels, or one DER/BER object by
// structure) and detect_der on what it found, as every command reads its inputs.
#include "support.hpp"

#include <polycert/formats.hpp>

namespace polycert::fuzz {

void target_formats(ByteView input) {
  auto objects = find_objects(input);
  if (!objects) return;
  check(!objects->empty(), "find_objects succeeded with no object");
  for (const FoundObject& object : *objects) {
    check(!describe(object.kind).empty() && !to_string(object.kind).empty(), "unnamed kind");
    check(object.encoding == "PEM" || object.encoding == "DER", "encoding is neither PEM nor DER");
    if (object.encoding == "DER") {
      // A DER input is one object, classified by detect_der itself: asking again agrees.
      auto again = detect_der(object.der);
      check(again.has_value() && *again == object.kind, "detect_der disagrees with find_objects");
    } else {
      (void)detect_der(object.der);
    }
    check(object.key_form.has_value() == (object.kind == ObjectKind::private_key),
          "key_form set on something other than a private key, or missing");
  }
}

}  // namespace polycert::fuzz
