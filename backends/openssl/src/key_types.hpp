// The OpenSSL backend's key classes, shared by every file of the backend (keys, and later
// CSRs, certificates and containers, which sign with and encode these keys).
#pragma once

#include "handles.hpp"

#include <polycert/key_spec.hpp>
#include <polycert/provider.hpp>

#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace polycert::openssl_backend {

inline constexpr std::string_view kBackendName = "openssl";

/// A private key as an EVP_PKEY. Never null; spec() is what OpenSSL reports for it.
class OpenSslPrivateKey final : public PrivateKey {
 public:
  OpenSslPrivateKey(PkeyPtr pkey, const KeySpec& spec) : pkey_(std::move(pkey)), spec_(spec) {}
  std::string_view backend() const override { return kBackendName; }
  KeySpec spec() const override { return spec_; }
  /// The native key. Non-const because OpenSSL's signing calls take EVP_PKEY*.
  EVP_PKEY* native() const { return pkey_.get(); }

 private:
  PkeyPtr pkey_;
  KeySpec spec_;
};

/// A public key as an EVP_PKEY. Never null.
class OpenSslPublicKey final : public PublicKey {
 public:
  OpenSslPublicKey(PkeyPtr pkey, const KeySpec& spec) : pkey_(std::move(pkey)), spec_(spec) {}
  std::string_view backend() const override { return kBackendName; }
  KeySpec spec() const override { return spec_; }
  EVP_PKEY* native() const { return pkey_.get(); }

 private:
  PkeyPtr pkey_;
  KeySpec spec_;
};

/// OpenSSL's key manager name of an algorithm: "RSA", "EC", "ED25519".
const char* keymgmt_name(KeyAlgorithm algorithm);

/// The spec of a key polycert can hold (RSA with its real modulus size, EC on a named
/// P-256/P-384/P-521, Ed25519), or why it cannot hold it ("EC curve secp256k1 ...").
std::expected<KeySpec, std::string> held_spec(const EVP_PKEY* pkey);

}  // namespace polycert::openssl_backend
