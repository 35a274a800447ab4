// PEM armor: pem_decode on arbitrary text; every block it returns encodes and decodes
// back to the same label and bytes.
#include "support.hpp"

#include <polycert/pem.hpp>

#include <algorithm>

namespace polycert::fuzz {

void target_pem(ByteView input) {
  const bool looks = looks_like_pem(input);
  auto blocks = pem_decode(input);
  if (!blocks) return;
  check(looks, "pem_decode found blocks where looks_like_pem saw none");
  check(!blocks->empty(), "pem_decode succeeded with no block");
  for (const PemBlock& block : *blocks) {
    const SecureBuffer text = pem_encode(block.label, block.der);
    auto again = pem_decode(text);
    check(again.has_value() && again->size() == 1, "a re-encoded block does not decode");
    check((*again)[0].label == block.label, "label changed through encode/decode");
    check(std::ranges::equal((*again)[0].der, block.der), "bytes changed through encode/decode");
  }
}

}  // namespace polycert::fuzz
