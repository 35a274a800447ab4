// The OpenSSL 3 Provider, shared by every file of the backend.
#pragma once

#include "keys.hpp"
#include "primitives.hpp"

#include <polycert/capabilities.hpp>
#include <polycert/provider.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace polycert::openssl_backend {

/// Why the library's path validation cannot do the check (a validate_path row of
/// kPathValidationChecks), or "" if it can (path_validation.cpp).
std::string missing_path_check(std::string_view check);

/// Randomness comes from OpenSSL's default RAND (the default library context's DRBGs,
/// which reseed after fork); the provider adds no generator of its own. Everything runs
/// in the default library context except RC2, which comes from the provider's own
/// context with the legacy provider loaded (LegacyLibrary).
/// It plays all three roles of provider_roles.hpp itself (the role bases come first, so
/// they exist when Provider is given them).
class OpenSslProvider final : private KeyOperations,
                              private X509Operations,
                              private PrimitiveOperations,
                              public Provider {
 public:
  OpenSslProvider();

  std::string_view name() const override { return kBackendName; }
  std::string library_version() const override;
  const Capabilities& capabilities() const override { return capabilities_; }

  /// OpenSSL's own builders (X509_REQ_sign_ctx, X509_sign_ctx), kept to cross-check core's
  /// encoders; create_csr and issue_certificate do not use them. `issuer` is the parsed
  /// issuer certificate, or null when self-signed. No checks beyond OpenSSL's own.
  Result<Bytes> create_csr_natively(const PrivateKey& key, const CsrSpec& spec);
  Result<Bytes> issue_certificate_natively(const CertificateSpec& spec, ByteView subject_spki,
                                           const PrivateKey& issuer_key,
                                           const CertificateInfo* issuer);

  /// Provider::unsupported (protected) for the backend's own files.
  Error unsupported_error(std::string_view what, std::string_view why) const {
    return unsupported(what, why);
  }
  /// Why keys of `algorithm` cannot be held, or "" if they can; probed once at creation.
  std::string_view missing(KeyAlgorithm algorithm) const {
    return missing_[static_cast<std::size_t>(algorithm)];
  }
  KeyGenerator& key_generator() { return key_generator_; }
  KeyDecoders& key_decoders() { return key_decoders_; }
  EcGroups& ec_groups() { return ec_groups_; }

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
  PkeyPtr decode_held_key(ByteView spki);  // signature_check.cpp

  std::array<std::string, 3> missing_;  // indexed by KeyAlgorithm
  Capabilities capabilities_;
  KeyGenerator key_generator_;
  KeyDecoders key_decoders_;
  EcGroups ec_groups_;
  LegacyLibrary legacy_;  // RC2 (primitives.cpp)
};

}  // namespace polycert::openssl_backend
