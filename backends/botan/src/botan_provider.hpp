// The Botan 2 provider class, shared by every file of the backend: keys (keys.cpp), CSRs
// (csr.cpp), certificates (certificate.cpp), symmetric primitives (primitives.cpp).
// Private: no Botan type reaches a public header.
#pragma once

#include <polycert/capabilities.hpp>
#include <polycert/provider.hpp>

#include <botan/pk_keys.h>
#include <botan/rng.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>

namespace polycert::botan_backend {

inline constexpr std::string_view kBackendName = "botan";

/// Why the linked Botan cannot do the primitive row (operation, subject) of
/// kPrimitiveRows, or "" if it can (primitives.cpp).
std::string missing_primitive_capability(Operation operation, std::string_view subject);

/// Why the library's path validation cannot do the check (a validate_path row of
/// kPathValidationChecks), or "" if it can (path_validation.cpp).
std::string missing_path_check(std::string_view check);

/// The backend's Provider. It plays all three roles of provider_roles.hpp itself (the
/// role bases come first, so they exist when Provider is given them).
class BotanProvider final : private KeyOperations,
                            private X509Operations,
                            private PrimitiveOperations,
                            public Provider {
 public:
  BotanProvider();

  std::string_view name() const override { return kBackendName; }
  std::string library_version() const override { return version_; }
  const Capabilities& capabilities() const override { return capabilities_; }

  /// The provider's own generator, seeded on first use (seeding can fail, and a
  /// constructor has no way to say so without throwing). Botan's AutoSeeded_RNG notices
  /// a fork and reseeds, so a child never repeats its parent's output.
  Result<Botan::RandomNumberGenerator*> rng();

  /// The public key last read from `spki` (a SubjectPublicKeyInfo), kept for the signature
  /// check that usually follows: Botan builds an RSA key's Montgomery parameters when it
  /// constructs the key, which costs as much as the check, and a request's key was read
  /// twice (to describe the request, then to check its signature).
  void remember(ByteView spki, std::shared_ptr<const Botan::Public_Key> key) {
    remembered_spki_.assign(spki.begin(), spki.end());
    remembered_key_ = std::move(key);
  }
  /// The key remember() kept for exactly these bytes, or null.
  std::shared_ptr<const Botan::Public_Key> remembered(ByteView spki) const {
    if (!std::ranges::equal(spki, remembered_spki_)) return nullptr;
    return remembered_key_;
  }

  /// The protected unsupported() helper, for the backend's free functions.
  Error missing(std::string_view what, std::string_view why) const {
    return unsupported(what, why);
  }

 protected:
  Result<std::unique_ptr<PrivateKey>> do_generate_key(const KeySpec& spec) override;
  Result<std::unique_ptr<PrivateKey>> do_import_private_key(ByteView der, PrivateKeyForm form,
                                                            const KeyStructure& key) override;
  Result<std::unique_ptr<PublicKey>> do_import_public_key(ByteView spki_der,
                                                          const KeyStructure& key) override;
  Result<SecureBuffer> do_export_private_key(const PrivateKey& key, PrivateKeyForm form) override;
  Result<Bytes> do_export_public_key(const PrivateKey& key) override;
  Result<Bytes> do_export_public_key(const PublicKey& key) override;

  // csr.cpp
  Result<CsrInfo> do_parse_csr(ByteView der) override;

  // certificate.cpp
  Result<CertificateInfo> do_parse_certificate(ByteView der) override;
  // signing.cpp
  Result<Bytes> do_sign(const PrivateKey& key, Digest digest, ByteView data) override;
  // signature_check.cpp
  Result<void> do_verify_signature(ByteView spki, const SignatureParameters& parameters,
                                   ByteView data, ByteView signature) override;
  // path_validation.cpp
  Result<PathVerdict> do_validate_path(const PathValidationRequest& request) override;

  // provider.cpp
  Result<SecureBuffer> do_random_bytes(std::size_t count) override;

  // primitives.cpp
  Result<SecureBuffer> do_pbkdf2(Hash prf, ByteView password, ByteView salt,
                                 std::uint32_t iterations, std::size_t length) override;
  Result<SecureBuffer> do_pkcs12_kdf(Hash hash, ByteView bmp_password, ByteView salt,
                                     std::uint32_t iterations, Pkcs12KeyPurpose purpose,
                                     std::size_t length) override;
  Result<SecureBuffer> do_hmac(Hash hash, ByteView key, ByteView data) override;
  Result<SecureBuffer> do_digest(Hash hash, ByteView data) override;
  Result<Bytes> do_cbc_encrypt(Cipher cipher, ByteView key, ByteView iv,
                               ByteView plaintext) override;
  Result<SecureBuffer> do_cbc_decrypt(Cipher cipher, ByteView key, ByteView iv,
                                      ByteView ciphertext) override;

 private:
  std::string version_;
  Capabilities capabilities_;
  std::unique_ptr<Botan::RandomNumberGenerator> rng_;
  Bytes remembered_spki_;
  std::shared_ptr<const Botan::Public_Key> remembered_key_;
};

}  // namespace polycert::botan_backend
