// Private key import on every compiled-in backend (PKCS#8, PKCS#1, SEC1 in DER, after
// core's strict framing and key structure checks). What a backend imports it can export
// in both encodings and import again as the same key, and its public half imports too.
#include "support.hpp"

#include <polycert/key_spec.hpp>

#include <algorithm>

namespace polycert::fuzz {

void target_private_key(ByteView input) {
  for (auto& provider : providers()) {
    auto key = provider->import_private_key(input);
    if (!key) continue;
    const KeySpec spec = (*key)->spec();
    check(!to_string(spec).empty(), "key spec without a name");
    auto pkcs8 = provider->export_private_key(**key, PrivateKeyEncoding::pkcs8);
    check(pkcs8.has_value(), "an imported key does not export as PKCS#8");
    auto again = provider->import_private_key(*pkcs8);
    check(again.has_value(), "exported PKCS#8 does not import again");
    check((*again)->spec() == spec, "key spec changed through PKCS#8");
    auto pkcs8_again = provider->export_private_key(**again, PrivateKeyEncoding::pkcs8);
    check(pkcs8_again.has_value() && std::ranges::equal(*pkcs8_again, *pkcs8),
          "PKCS#8 export is not stable");
    if (spec.algorithm != KeyAlgorithm::ed25519) {
      auto traditional = provider->export_private_key(**key, PrivateKeyEncoding::traditional);
      check(traditional.has_value(), "an imported key does not export in its traditional form");
      auto from_traditional = provider->import_private_key(*traditional);
      check(from_traditional.has_value() && (*from_traditional)->spec() == spec,
            "exported traditional key does not import as the same spec");
    }
    auto spki = provider->export_public_key(**key);
    check(spki.has_value(), "an imported key has no exportable public key");
    auto public_key = provider->import_public_key(*spki);
    check(public_key.has_value() && (*public_key)->spec() == spec,
          "the exported public key does not import as the same spec");
  }
}

}  // namespace polycert::fuzz
