// The Mbed TLS 2.28 Provider. Private to the backend: the public factory is
// make_mbedtls_provider() in include/polycert/backends/mbedtls.hpp.
#pragma once

#include "ec_groups.hpp"
#include "rng.hpp"

#include <polycert/capabilities.hpp>
#include <polycert/provider.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace polycert::mbedtls_backend {

/// Why the library's path validation cannot do the check (a validate_path row of
/// kPathValidationChecks), or "" if it can (path_validation.cpp).
std::string missing_path_check(std::string_view check);

/// The backend's Provider. It plays all three roles of provider_roles.hpp itself (the
/// role bases come first, so they exist when Provider is given them).
class MbedtlsProvider final : private KeyOperations,
                              private X509Operations,
                              private PrimitiveOperations,
                              public Provider {
 public:
  MbedtlsProvider();
  MbedtlsProvider(const MbedtlsProvider&) = delete;
  MbedtlsProvider& operator=(const MbedtlsProvider&) = delete;

  std::string_view name() const override;
  std::string library_version() const override { return version_; }
  const Capabilities& capabilities() const override { return capabilities_; }

  /// Provider::unsupported() for the backend's implementation files.
  Error missing(std::string_view what, std::string_view why) const {
    return unsupported(what, why);
  }
  /// The provider's own generator; call rng().ready() before use.
  Rng& rng() { return rng_; }
  /// Loaded curve groups kept warm for EC key generation, the import pair check
  /// (keys.cpp) and ECDSA signing (signing.cpp); see ec_groups.hpp. A cache, so
  /// reachable from the const parsing paths too.
  EcGroups& ec_groups() const { return ec_groups_; }

 protected:
  Result<std::unique_ptr<PrivateKey>> do_generate_key(const KeySpec& spec) override;
  Result<std::unique_ptr<PrivateKey>> do_import_private_key(ByteView der, PrivateKeyForm form,
                                                            const KeyStructure& key) override;
  Result<std::unique_ptr<PublicKey>> do_import_public_key(ByteView spki_der,
                                                          const KeyStructure& key) override;
  Result<SecureBuffer> do_export_private_key(const PrivateKey& key, PrivateKeyForm form) override;
  Result<Bytes> do_export_public_key(const PrivateKey& key) override;
  Result<Bytes> do_export_public_key(const PublicKey& key) override;

  // csr.cpp, certificate.cpp (through x509_support.hpp)
  Result<CsrInfo> do_parse_csr(ByteView der) override;
  Result<CertificateInfo> do_parse_certificate(ByteView der) override;
  // signing.cpp
  Result<Bytes> do_sign(const PrivateKey& key, Digest digest, ByteView data) override;
  // signature_check.cpp
  Result<void> do_verify_signature(ByteView spki, const SignatureParameters& parameters,
                                   ByteView data, ByteView signature) override;
  // path_validation.cpp
  Result<PathVerdict> do_validate_path(const PathValidationRequest& request) override;
  /// From the provider's CTR_DRBG (fork-safe, see rng.hpp).
  Result<SecureBuffer> do_random_bytes(std::size_t count) override;

  // primitives.cpp: PBKDF2, the PKCS#12 KDF, HMAC and CBC ciphers with Mbed TLS
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
  Rng rng_;
  mutable EcGroups ec_groups_;
};

}  // namespace polycert::mbedtls_backend
