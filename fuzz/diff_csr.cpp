// Differential: one certificate request through every compiled-in backend. The verdict and
// every field read, the signature check (signature_valid) included, must be the same.
#include "differential.hpp"

namespace polycert::fuzz {

void target_diff_csr(ByteView input) {
  Divergences divergences;
  compare_csr(input, divergences);
  divergences.settle("diff_csr");
}

}  // namespace polycert::fuzz
