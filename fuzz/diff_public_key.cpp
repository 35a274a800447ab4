// Differential: one SubjectPublicKeyInfo through every compiled-in backend, and the same
// bytes as a PKCS#1 RSAPublicKey wrapped by rsa_public_key_to_spki (as public_key.cpp
// does). The import verdict, the key spec and the SPKI export must be the same.
#include "differential.hpp"

#include <polycert/formats.hpp>

namespace polycert::fuzz {

void target_diff_public_key(ByteView input) {
  Divergences divergences;
  compare_public_key(input, divergences);
  compare_public_key(rsa_public_key_to_spki(input), divergences);
  divergences.settle("diff_public_key");
}

}  // namespace polycert::fuzz
