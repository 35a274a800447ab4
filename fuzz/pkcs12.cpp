// PKCS#12 read on every compiled-in backend (core's codec, each backend's KDF, cipher and
// MAC) with the fixtures' password ("fixture-password"; read_pkcs12 itself also tries the
// empty and the absent one where the file asks). pkcs12_password.cpp fuzzes the password
// too. Iterations are capped at kFuzzMaxKdfIterations (support.hpp).
#include "support.hpp"

#include <polycert/pkcs12.hpp>

namespace polycert::fuzz {

void read_pkcs12_everywhere(ByteView file, std::optional<ByteView> password) {
  for (auto& provider : providers()) {
    std::vector<std::string> warnings;
    auto contents = read_pkcs12(*provider, file, password, &warnings);
    if (!contents) {
      check(!contents.error().message.empty(), "an error without a message");
      continue;
    }
    // What the CLI does next. The key's structure was checked, its arithmetic was not (an
    // unauthenticated file may hold a point off its curve): importing may fail, cleanly.
    if (contents->key) (void)provider->import_private_key(contents->key->pkcs8);
    for (const Pkcs12Certificate& certificate : contents->certificates)
      (void)provider->parse_certificate(certificate.der);
  }
}

void target_pkcs12(ByteView input) { read_pkcs12_everywhere(input, bytes_of("fixture-password")); }

}  // namespace polycert::fuzz
