// Differential: one certificate through every compiled-in backend. The verdict, every field
// read, and the outcome of checking its signature against itself must be the same on each
// (differential.hpp: comparison and allowlist).
#include "differential.hpp"

namespace polycert::fuzz {

void target_diff_certificate(ByteView input) {
  Divergences divergences;
  compare_certificate(input, divergences);
  divergences.settle("diff_certificate");
}

}  // namespace polycert::fuzz
