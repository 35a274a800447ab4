// Differential: one unencrypted private key (PKCS#8, PKCS#1 or SEC1 DER) through every
// compiled-in backend. The import verdict, the key spec and the PKCS#8 and SPKI exports
// must be the same (the PKCS#8 compared by meaning, never printed).
#include "differential.hpp"

namespace polycert::fuzz {

void target_diff_private_key(ByteView input) {
  Divergences divergences;
  compare_private_key(input, divergences);
  divergences.settle("diff_private_key");
}

}  // namespace polycert::fuzz
