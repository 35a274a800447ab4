// Encrypted private keys with the fixtures' password on every compiled-in backend:
// EncryptedPrivateKeyInfo in DER (PBES2, the PKCS#12 schemes), and PEM files, where
// find_objects also hands over OpenSSL's legacy Proc-Type/DEK-Info encryption. What
// decrypts is imported. Iterations are capped at kFuzzMaxKdfIterations (support.hpp).
#include "support.hpp"

#include <polycert/encrypted_key.hpp>
#include <polycert/formats.hpp>
#include <polycert/pem.hpp>

namespace polycert::fuzz {

namespace {

constexpr std::string_view kPassword = "fixture-password";

void decrypt_everywhere(ByteView der) {
  if (auto encryption = inspect_encrypted_private_key(der)) (void)describe(*encryption);
  for (auto& provider : providers()) {
    auto pkcs8 = decrypt_private_key(*provider, der, bytes_of(kPassword));
    if (pkcs8) (void)provider->import_private_key(*pkcs8);
  }
}

void decrypt_legacy_everywhere(const FoundObject& object) {
  for (auto& provider : providers()) {
    auto key = decrypt_legacy_pem_key(*provider, object.dek_info, object.der, bytes_of(kPassword));
    if (key) (void)provider->import_private_key(*key);
  }
}

}  // namespace

void target_encrypted_key(ByteView input) {
  if (!looks_like_pem(input)) {
    decrypt_everywhere(input);
    return;
  }
  auto objects = find_objects(input);
  if (!objects) return;
  for (const FoundObject& object : *objects) {
    if (object.kind == ObjectKind::encrypted_private_key) decrypt_everywhere(object.der);
    if (object.kind == ObjectKind::legacy_encrypted_key) decrypt_legacy_everywhere(object);
  }
}

}  // namespace polycert::fuzz
