// Public key import on every compiled-in backend: SubjectPublicKeyInfo in DER, and the
// same bytes as a PKCS#1 RSAPublicKey wrapped by rsa_public_key_to_spki ("RSA PUBLIC
// KEY" files). What imports exports a stable SPKI that imports as the same key.
#include "support.hpp"

#include <polycert/formats.hpp>
#include <polycert/key_spec.hpp>

#include <algorithm>

namespace polycert::fuzz {

namespace {

void import_and_round_trip(Provider& provider, ByteView spki) {
  auto key = provider.import_public_key(spki);
  if (!key) return;
  const KeySpec spec = (*key)->spec();
  auto exported = provider.export_public_key(**key);
  check(exported.has_value(), "an imported public key does not export");
  auto again = provider.import_public_key(*exported);
  check(again.has_value() && (*again)->spec() == spec,
        "exported SPKI does not import as the same spec");
  auto exported_again = provider.export_public_key(**again);
  check(exported_again.has_value() && std::ranges::equal(*exported_again, *exported),
        "SPKI export is not stable");
}

}  // namespace

void target_public_key(ByteView input) {
  const Bytes wrapped = rsa_public_key_to_spki(input);
  for (auto& provider : providers()) {
    import_and_round_trip(*provider, input);
    import_and_round_trip(*provider, wrapped);
  }
}

}  // namespace polycert::fuzz
