// Key generation, import and export with Botan 2 (keys.cpp). The provider's do_*
// overrides forward here.
#pragma once

#include "botan_provider.hpp"
#include "key_types.hpp"

#include <polycert/capabilities.hpp>
#include <polycert/key_structure.hpp>
#include <polycert/provider.hpp>

#include <memory>
#include <string>

namespace polycert::botan_backend {

/// Why the linked Botan cannot do `operation` for `spec`, or "" if it can (every
/// Operation, key and X.509 alike).
std::string missing_key_capability(Operation operation, const KeySpec& spec);

Result<std::unique_ptr<PrivateKey>> generate_key(BotanProvider& provider, const KeySpec& spec);
/// `der` and `spki_der` passed core's inspection, which found `structure`.
Result<std::unique_ptr<PrivateKey>> import_private_key(BotanProvider& provider, ByteView der,
                                                       PrivateKeyForm form,
                                                       const KeyStructure& structure);
Result<std::unique_ptr<PublicKey>> import_public_key(BotanProvider& provider, ByteView spki_der,
                                                     const KeyStructure& structure);
Result<SecureBuffer> export_private_key(const BotanPrivateKey& key, PrivateKeyForm form);
/// SubjectPublicKeyInfo of a Botan key (a Botan private key is also a public key).
Result<Bytes> export_public_key(const Botan::Public_Key& key);

/// Botan's key from DER only. Botan's own loaders (X509::load_key, PKCS8::load_key,
/// X509_Object::load_data) take a DER input for PEM when "-----BEGIN " appears in its
/// first 4 KiB (in a name, or in key bytes), and refuse or misread it. May throw.
std::unique_ptr<Botan::Public_Key> public_key_from_der(ByteView spki);
std::unique_ptr<Botan::Private_Key> private_key_from_pkcs8_der(ByteView pkcs8);

}  // namespace polycert::botan_backend
