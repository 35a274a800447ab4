// Differential: a PKCS#7 bundle is read by core alone (read_pkcs7_certificates), so what
// is compared is each certificate it yields, parsed by every compiled-in backend, exactly
// as diff_certificate compares one.
#include "differential.hpp"

#include <polycert/formats.hpp>

namespace polycert::fuzz {

void target_diff_pkcs7(ByteView input) {
  auto certificates = read_pkcs7_certificates(input);
  if (!certificates) return;
  Divergences divergences;
  for (const Bytes& certificate : *certificates) compare_certificate(certificate, divergences);
  divergences.settle("diff_pkcs7");
}

}  // namespace polycert::fuzz
