// PKCS#7 certificate bundles (BER accepted): read_pkcs7_certificates, and what it reads
// writes back as a bundle that reads as the same certificates in the same order.
#include "support.hpp"

#include <polycert/formats.hpp>

namespace polycert::fuzz {

void target_pkcs7(ByteView input) {
  auto certificates = read_pkcs7_certificates(input);
  if (!certificates) return;
  check(!certificates->empty(), "a bundle read with no certificates");
  auto again = read_pkcs7_certificates(write_pkcs7_certificates(*certificates));
  check(again.has_value() && *again == *certificates, "bundle changed through write/read");
}

}  // namespace polycert::fuzz
