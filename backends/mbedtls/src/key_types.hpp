// The mbedtls backend's key classes: polycert keys holding an Mbed TLS pk context.
// Private to the backend; csr.cpp, certificate.cpp and x509_support.cpp include it to reach the
// native key behind a polycert::PrivateKey / PublicKey.
#pragma once

#include "handles.hpp"

#include <polycert/provider.hpp>

#include <string_view>
#include <utility>

namespace polycert::mbedtls_backend {

/// The provider's name(), which is also every key's backend().
inline constexpr std::string_view kBackendName = "mbedtls";

class MbedtlsPrivateKey final : public PrivateKey {
 public:
  MbedtlsPrivateKey(PkContext pk, const KeySpec& spec) : pk_(std::move(pk)), spec_(spec) {}
  std::string_view backend() const override { return kBackendName; }
  KeySpec spec() const override { return spec_; }
  const PkContext& pk() const { return pk_; }

 private:
  PkContext pk_;
  KeySpec spec_;
};

class MbedtlsPublicKey final : public PublicKey {
 public:
  MbedtlsPublicKey(PkContext pk, const KeySpec& spec) : pk_(std::move(pk)), spec_(spec) {}
  std::string_view backend() const override { return kBackendName; }
  KeySpec spec() const override { return spec_; }
  const PkContext& pk() const { return pk_; }

 private:
  PkContext pk_;
  KeySpec spec_;
};

/// The core verifies ownership (backend() == "mbedtls") before any do_* call, and this
/// backend makes no other key classes, so the downcast is safe.
inline const MbedtlsPrivateKey& native(const PrivateKey& key) {
  return static_cast<const MbedtlsPrivateKey&>(key);
}
inline const MbedtlsPublicKey& native(const PublicKey& key) {
  return static_cast<const MbedtlsPublicKey&>(key);
}

}  // namespace polycert::mbedtls_backend
