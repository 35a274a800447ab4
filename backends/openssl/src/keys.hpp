// Key generation, import and export (keys.cpp), called by the provider's do_* overrides.
#pragma once

#include "handles.hpp"
#include "key_types.hpp"

#include <polycert/error.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/key_structure.hpp>
#include <polycert/provider.hpp>

#include <array>
#include <memory>
#include <string>

namespace polycert::backends::openssl {

class OpenSslProvider;

/// Generates keys from one warm EVP_PKEY_CTX per spec: fetching the key manager and
/// setting bits or group on every call costs about as much as a P-256 key itself.
/// Not thread-safe, like the provider that owns it.
class KeyGenerator {
 public:
  /// A fresh key; `spec` must be one of kGeneratableKeySpecs.
  Result<PkeyPtr> generate(const KeySpec& spec);

 private:
  std::array<PkeyCtxPtr, kGeneratableKeySpecs.size()> contexts_;
};

/// Why the linked OpenSSL cannot hold keys of `algorithm` (no key manager in the loaded
/// providers), or "" if it can.
std::string probe_algorithm(KeyAlgorithm algorithm);

Result<std::unique_ptr<PrivateKey>> generate_private_key(OpenSslProvider& provider,
                                                         const KeySpec& spec);
/// `der` and `spki_der` passed core's inspection, which found `structure`.
Result<std::unique_ptr<PrivateKey>> read_private_key(const OpenSslProvider& provider, ByteView der,
                                                     PrivateKeyForm form,
                                                     const KeyStructure& structure);
Result<std::unique_ptr<PublicKey>> read_public_key(const OpenSslProvider& provider,
                                                   ByteView spki_der,
                                                   const KeyStructure& structure);
Result<SecureBuffer> write_private_key(const OpenSslPrivateKey& key, PrivateKeyForm form);
/// SubjectPublicKeyInfo DER of a key's public half (private or public key).
Result<Bytes> write_public_key(const EVP_PKEY* pkey);

}  // namespace polycert::backends::openssl
