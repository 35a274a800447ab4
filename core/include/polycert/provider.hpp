// The one interface every backend implements.
//
// Public member functions are non-virtual: they run the strict, backend-neutral checks
// (DER framing, key form detection, key structure, key ownership) before handing over to
// the backend's do_* implementation, so a library's leniency or quirks never reach the
// user and every backend classifies the same input the same way.
//
// A Provider is not thread-safe: use one per thread (backends::make_provider makes
// independent instances). Keys belong to the provider that made them.
#pragma once

#include <polycert/capabilities.hpp>
#include <polycert/error.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/secure_buffer.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace polycert {

/// How to export a private key.
enum class PrivateKeyEncoding {
  pkcs8,        ///< PKCS#8 PrivateKeyInfo, any algorithm ("PRIVATE KEY")
  traditional,  ///< PKCS#1 for RSA ("RSA PRIVATE KEY"), SEC1 for EC ("EC PRIVATE KEY")
};

/// The concrete DER structure of an unencrypted private key.
enum class PrivateKeyForm { pkcs8, rsa_pkcs1, ec_sec1 };

struct KeyStructure;  // key_structure.hpp

std::string_view to_string(PrivateKeyForm form);

/// A private key held by one backend in its library's native form.
class PrivateKey {
 public:
  virtual ~PrivateKey() = default;
  /// Name of the provider that holds it ("openssl").
  virtual std::string_view backend() const = 0;
  /// Algorithm and size; for RSA the real modulus size.
  virtual KeySpec spec() const = 0;
};

/// A public key held by one backend.
class PublicKey {
 public:
  virtual ~PublicKey() = default;
  virtual std::string_view backend() const = 0;
  virtual KeySpec spec() const = 0;
};

class Provider {
 public:
  virtual ~Provider() = default;

  /// "openssl", "botan" or "mbedtls".
  virtual std::string_view name() const = 0;
  /// Version of the library actually linked, e.g. "OpenSSL 3.0.19 27 Jan 2026".
  virtual std::string library_version() const = 0;
  virtual const Capabilities& capabilities() const = 0;

  /// Generates a fresh key; `spec` must be one of kGeneratableKeySpecs.
  Result<std::unique_ptr<PrivateKey>> generate_key(const KeySpec& spec);

  /// Reads an unencrypted private key: PKCS#8, PKCS#1 RSA or SEC1 EC, in strict DER.
  Result<std::unique_ptr<PrivateKey>> import_private_key(ByteView der);
  /// Reads a SubjectPublicKeyInfo in strict DER.
  Result<std::unique_ptr<PublicKey>> import_public_key(ByteView spki_der);

  /// Private key as DER. Traditional has no meaning for Ed25519 (invalid_input).
  Result<SecureBuffer> export_private_key(const PrivateKey& key, PrivateKeyEncoding encoding);
  /// SubjectPublicKeyInfo DER of a private key's public half.
  Result<Bytes> export_public_key(const PrivateKey& key);
  /// SubjectPublicKeyInfo DER.
  Result<Bytes> export_public_key(const PublicKey& key);

 protected:
  /// The error for a missing capability, worded the same by every backend:
  /// "mbedtls backend (Mbed TLS 2.28.3) cannot generate ed25519 keys: <why>".
  Error unsupported(std::string_view what, std::string_view why) const;

  virtual Result<std::unique_ptr<PrivateKey>> do_generate_key(const KeySpec& spec) = 0;
  /// `der` is strict DER of structure `form` (PKCS#8 always version 0) and passed
  /// inspect_private_key, which found `key` (its views point into `der`). What is left
  /// to check needs the library: a scalar in range, a point on its curve, a consistent pair.
  virtual Result<std::unique_ptr<PrivateKey>> do_import_private_key(
      ByteView der, PrivateKeyForm form, const KeyStructure& key) = 0;
  /// `spki_der` passed inspect_public_key, which found `key`.
  virtual Result<std::unique_ptr<PublicKey>> do_import_public_key(ByteView spki_der,
                                                                  const KeyStructure& key) = 0;
  /// `key` belongs to this backend; `form` is pkcs8 or the algorithm's traditional form.
  virtual Result<SecureBuffer> do_export_private_key(const PrivateKey& key,
                                                     PrivateKeyForm form) = 0;
  virtual Result<Bytes> do_export_public_key(const PrivateKey& key) = 0;
  virtual Result<Bytes> do_export_public_key(const PublicKey& key) = 0;

 private:
  /// An inspection error for the user: unsupported names this backend, like every
  /// other refusal; invalid_input gets `context` ("private key").
  Error inspection_error(const Error& error, std::string_view context) const;
};

}  // namespace polycert
