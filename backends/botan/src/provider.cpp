// The Botan 2 provider: identity, capabilities and the do_* entry points.
//
// Missing capabilities: none, for keys (keys.cpp), CSRs (csr.cpp) and certificates
// (certificate.cpp); missing_key_capability() answers for every key row of the matrix.
// Primitives (primitives.cpp): RC2-40-CBC, which Botan 2 does not have;
// missing_primitive_capability() answers for those rows.
// Quirks worked around: Botan throws where polycert returns errors, so every entry point
// runs inside guarded() and no exception leaves the backend; AutoSeeded_RNG is created
// lazily because seeding can throw, which a constructor could not report.
#include "botan_provider.hpp"
#include "errors.hpp"
#include "key_types.hpp"
#include "keys.hpp"

#include <polycert/backends/botan.hpp>

#include <botan/auto_rng.h>
#include <botan/version.h>

namespace polycert::botan_backend {

BotanProvider::BotanProvider()
    : Provider(ProviderRoles{this, this, this}),
      version_(backends::botan_library_version()),
      capabilities_(key_capabilities(&missing_key_capability)) {
  add_primitive_capabilities(capabilities_, &missing_primitive_capability);
  add_path_validation_capabilities(capabilities_, &missing_path_check);
}

Result<Botan::RandomNumberGenerator*> BotanProvider::rng() {
  if (!rng_) {
    try {
      rng_ = std::make_unique<Botan::AutoSeeded_RNG>();
    } catch (...) {
      return std::unexpected(
          current_exception_error("seed Botan's AutoSeeded_RNG", Blame::library));
    }
  }
  return rng_.get();
}

Result<std::unique_ptr<PrivateKey>> BotanProvider::do_generate_key(const KeySpec& spec) {
  return guarded("generate key", Blame::library,
                 [&] { return botan_backend::generate_key(*this, spec); });
}

Result<std::unique_ptr<PrivateKey>> BotanProvider::do_import_private_key(
    ByteView der, PrivateKeyForm form, const KeyStructure& key) {
  return guarded("read private key", Blame::input,
                 [&] { return botan_backend::import_private_key(*this, der, form, key); });
}

Result<std::unique_ptr<PublicKey>> BotanProvider::do_import_public_key(ByteView spki_der,
                                                                       const KeyStructure& key) {
  return guarded("read public key", Blame::input,
                 [&] { return botan_backend::import_public_key(*this, spki_der, key); });
}

Result<SecureBuffer> BotanProvider::do_export_private_key(const PrivateKey& key,
                                                          PrivateKeyForm form) {
  return guarded("write private key", Blame::library,
                 [&] { return botan_backend::export_private_key(native(key), form); });
}

Result<Bytes> BotanProvider::do_export_public_key(const PrivateKey& key) {
  return guarded("write public key", Blame::library,
                 [&] { return botan_backend::export_public_key(native(key).native()); });
}

Result<Bytes> BotanProvider::do_export_public_key(const PublicKey& key) {
  return guarded("write public key", Blame::library,
                 [&] { return botan_backend::export_public_key(native(key).native()); });
}

Result<SecureBuffer> BotanProvider::do_random_bytes(std::size_t count) {
  auto generator = rng();
  if (!generator) return std::unexpected(generator.error());
  return guarded("draw random bytes", Blame::library, [&]() -> Result<SecureBuffer> {
    SecureBuffer out(count);
    (*generator)->randomize(out.data(), out.size());
    return out;
  });
}

}  // namespace polycert::botan_backend

namespace polycert::backends {

std::unique_ptr<Provider> make_botan_provider() {
  return std::make_unique<botan_backend::BotanProvider>();
}

std::string botan_library_version() {
  // The run-time library's version, not the headers' (BOTAN_VERSION_*).
  return "Botan " + std::to_string(Botan::version_major()) + "." + std::to_string(Botan::version_minor()) + "." +
         std::to_string(Botan::version_patch());
}

}  // namespace polycert::backends
