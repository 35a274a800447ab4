// polycert's key objects for the Botan backend: a Botan key plus the spec it was found
// to have. Botan keys keep their secrets in BigInt / secure_vector, which wipe on release.
#pragma once

#include "botan_provider.hpp"

#include <polycert/key_spec.hpp>
#include <polycert/provider.hpp>

#include <botan/pk_keys.h>

#include <memory>
#include <string_view>
#include <utility>

namespace polycert::botan_backend {

class BotanPrivateKey final : public PrivateKey {
 public:
  BotanPrivateKey(std::unique_ptr<Botan::Private_Key> key, KeySpec spec)
      : key_(std::move(key)), spec_(spec) {}

  std::string_view backend() const override { return kBackendName; }
  KeySpec spec() const override { return spec_; }
  const Botan::Private_Key& native() const { return *key_; }

 private:
  std::unique_ptr<Botan::Private_Key> key_;
  KeySpec spec_;
};

class BotanPublicKey final : public PublicKey {
 public:
  BotanPublicKey(std::shared_ptr<const Botan::Public_Key> key, KeySpec spec)
      : key_(std::move(key)), spec_(spec) {}

  std::string_view backend() const override { return kBackendName; }
  KeySpec spec() const override { return spec_; }
  const Botan::Public_Key& native() const { return *key_; }
  /// Shared with the provider's memory of the last key read (BotanProvider::remember).
  const std::shared_ptr<const Botan::Public_Key>& shared() const { return key_; }

 private:
  std::shared_ptr<const Botan::Public_Key> key_;
  KeySpec spec_;
};

/// The core has checked that a key handed to a do_* function belongs to this backend,
/// so the downcast is safe.
inline const BotanPrivateKey& native(const PrivateKey& key) {
  return static_cast<const BotanPrivateKey&>(key);
}
inline const BotanPublicKey& native(const PublicKey& key) {
  return static_cast<const BotanPublicKey&>(key);
}

}  // namespace polycert::botan_backend
