// What a backend implements, as three roles a Provider holds: keys, X.509 reading and
// primitives (as rustls' CryptoProvider holds its parts).
//
// A Provider's public functions (provider.hpp) run core's checks and then call a role.
// The do_ prefix marks the library's half of an operation: it is reached only after those
// checks, and each comment says what it may then assume. A backend plays all three roles
// itself. A provider may lack a role (a test double that only makes keys, a key store that
// only signs): every operation of a missing role is then unsupported.
#pragma once

#include <polycert/error.hpp>
#include <polycert/key_form.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/path_validation.hpp>
#include <polycert/primitives.hpp>
#include <polycert/secure_buffer.hpp>
#include <polycert/x509.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace polycert {

class PrivateKey;      // provider.hpp
class PublicKey;       // provider.hpp
struct KeyStructure;   // key_structure.hpp

/// Keys: generation, import, export and signing with the library's own key objects.
class KeyOperations {
 public:
  virtual ~KeyOperations() = default;

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
  /// `key` belongs to this backend. See Provider::sign().
  virtual Result<Bytes> do_sign(const PrivateKey& key, Digest digest, ByteView data) = 0;
};

/// X.509: the library's reading of requests and certificates, its signature checks and its
/// path validation.
class X509Operations {
 public:
  virtual ~X509Operations() = default;

  /// `der` is strict DER and passed inspect_request; its key is one this backend's matrix
  /// reads. Fill every CsrInfo field from the library's reading, except the signature
  /// status and key description (core sets those).
  virtual Result<CsrInfo> do_parse_csr(ByteView der) = 0;
  /// `der` is strict DER and passed inspect_certificate; its key is one polycert holds
  /// and its signature algorithm one every library parses. Fill every field from the
  /// library's reading but those core sets (version, serial sign, key description,
  /// warnings).
  virtual Result<CertificateInfo> do_parse_certificate(ByteView der) = 0;
  /// `spki` is strict DER; the parameters came from read_signature_algorithm. ok,
  /// mismatch (the signature does not verify), unsupported, or another error.
  virtual Result<void> do_verify_signature(ByteView spki, const SignatureParameters& parameters,
                                           ByteView data, ByteView signature) = 0;
  /// RFC 5280 path validation by the library's own validator; every certificate is strict
  /// DER. A refusal is a verdict, not an error; unsupported when the library cannot do
  /// what `request` asks (a validation time, an IP address...), naming it.
  virtual Result<PathVerdict> do_validate_path(const PathValidationRequest& request) = 0;
};

/// Primitives under core's codecs (PKCS#8 encryption, PKCS#12, fingerprints); their
/// arguments are already checked (sizes, bounds, iterations).
class PrimitiveOperations {
 public:
  virtual ~PrimitiveOperations() = default;

  virtual Result<SecureBuffer> do_random_bytes(std::size_t count) = 0;
  virtual Result<SecureBuffer> do_pbkdf2(Hash prf, ByteView password, ByteView salt,
                                         std::uint32_t iterations, std::size_t length) = 0;
  virtual Result<SecureBuffer> do_pkcs12_kdf(Hash hash, ByteView bmp_password, ByteView salt,
                                             std::uint32_t iterations, Pkcs12KeyPurpose purpose,
                                             std::size_t length) = 0;
  virtual Result<SecureBuffer> do_hmac(Hash hash, ByteView key, ByteView data) = 0;
  virtual Result<SecureBuffer> do_digest(Hash hash, ByteView data) = 0;
  virtual Result<Bytes> do_cbc_encrypt(Cipher cipher, ByteView key, ByteView iv,
                                       ByteView plaintext) = 0;
  /// `ciphertext` is a non-empty multiple of the block size.
  virtual Result<SecureBuffer> do_cbc_decrypt(Cipher cipher, ByteView key, ByteView iv,
                                              ByteView ciphertext) = 0;
};

/// The roles a Provider is made of; a null role is missing.
struct ProviderRoles {
  KeyOperations* keys = nullptr;
  X509Operations* x509 = nullptr;
  PrimitiveOperations* primitives = nullptr;
};

}  // namespace polycert
