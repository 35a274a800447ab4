// The one interface every backend implements.
//
// Public member functions are non-virtual: they run the strict, backend-neutral checks
// (DER framing, key form detection, key structure, key ownership) before handing over to
// one of the roles the backend plays (provider_roles.hpp: keys, X.509, primitives), so a
// library's leniency or quirks never reach the user and every backend classifies the same
// input the same way.
//
// A Provider is not thread-safe: use one per thread (backends::make_provider makes
// independent instances). Keys belong to the provider that made them.
#pragma once

#include <polycert/capabilities.hpp>
#include <polycert/crl.hpp>
#include <polycert/error.hpp>
#include <polycert/key_form.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/primitives.hpp>
#include <polycert/provider_roles.hpp>
#include <polycert/secure_buffer.hpp>
#include <polycert/x509.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace polycert {

struct KeyStructure;  // key_structure.hpp
class Signer;         // signer.hpp

/// A private key held by one backend in its library's native form, or a key in a token
/// that only signs (signer.hpp), which every backend signs with.
class PrivateKey {
 public:
  virtual ~PrivateKey() = default;
  /// Name of the provider that holds it ("openssl"), or of the key store ("pkcs11").
  virtual std::string_view backend() const = 0;
  /// Algorithm and size; for RSA the real modulus size.
  virtual KeySpec spec() const = 0;
  /// The token's handle when the key is in a key store, else null.
  virtual Signer* signer() const { return nullptr; }
};

/// A public key held by one backend.
class PublicKey {
 public:
  virtual ~PublicKey() = default;
  virtual std::string_view backend() const = 0;
  virtual KeySpec spec() const = 0;
};

/// One crypto library behind polycert's operations. Make one with
/// backends::make_provider(); every call returns a Result and never throws.
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

  // ---- Certificate signing requests and certificates --------------------------------

  /// Builds a PKCS#10 request for `key` and signs it with `key` (DER). Core encodes the
  /// CertificationRequestInfo (x509_encoding.hpp); the backend only signs it.
  Result<Bytes> create_csr(const PrivateKey& key, const CsrSpec& spec);
  /// Reads a PKCS#10 request in strict DER (core's rules first: x509_structure.hpp) and
  /// checks its signature (CsrInfo::signature_status); a bad signature is not an error
  /// here. A request whose key this backend cannot hold is read by core alone.
  Result<CsrInfo> parse_csr(ByteView der);

  /// Issues an X.509 v3 certificate (DER) for the public key `subject_spki`, signed by
  /// `issuer_key`. With `issuer_certificate` the issuer name and authorityKeyIdentifier
  /// come from it, and `issuer_key` must be its key; without, the certificate is
  /// self-signed and `subject_spki` must be `issuer_key`'s public key.
  /// Core encodes the TBSCertificate (x509_encoding.hpp): v3, `spec`'s fields, its
  /// extensions, then subjectKeyIdentifier (SHA-1 of the subject key's BIT STRING bits,
  /// RFC 5280 4.2.1.2 method 1) and, unless self-signed, authorityKeyIdentifier = the
  /// issuer's SKI (computed the same way when it has none); the backend only signs it.
  Result<Bytes> issue_certificate(const CertificateSpec& spec, ByteView subject_spki,
                                  const PrivateKey& issuer_key,
                                  std::optional<ByteView> issuer_certificate);
  /// Reads an X.509 certificate in strict DER. Core's rules decide first
  /// (x509_structure.hpp, docs/strictness.md), so every backend gives the same verdict;
  /// the library reads the certificate when it holds its key and parses its signature
  /// algorithm, and core reads it otherwise (a DSA, Ed448 or unknown key: read, not used).
  Result<CertificateInfo> parse_certificate(ByteView der);
  /// Succeeds when `issuer`'s public key verifies `certificate`'s signature; mismatch
  /// when it does not (or the issuer's name is not the certificate's issuer); unsupported
  /// when this backend cannot check it (the message names what it lacks). Both are
  /// certificates in strict DER.
  Result<void> verify_certificate_signature(ByteView certificate, ByteView issuer);

  /// Issues a CRL (DER) under `issuer_certificate`, signed by `issuer_key`, which must be
  /// its key; the issuer must be a CA whose keyUsage (when present) has cRLSign. Core
  /// encodes the TBSCertList (crl.hpp); the backend only signs it.
  Result<Bytes> issue_crl(const CrlSpec& spec, const PrivateKey& issuer_key,
                          ByteView issuer_certificate);
  /// Reads a CRL in strict DER (inspect_crl) and, given `issuer` (a certificate in strict
  /// DER), checks its signature with that certificate's key (signature_status; an issuer
  /// whose name is not the CRL's is does_not_verify, with a note saying so).
  Result<CrlInfo> parse_crl(ByteView der, std::optional<ByteView> issuer);

  /// Validates the path from `request.leaf` to one of `request.trusted` (RFC 5280 section
  /// 6, with the host, purpose and time checks asked for) with this backend's library's
  /// own validator. A refused path is a verdict (valid false), not an error; errors are
  /// malformed certificates (invalid_input) and what the library cannot check
  /// (unsupported, naming it).
  Result<PathVerdict> validate_path(const PathValidationRequest& request);

  /// The signature of `key` over `data`, made by this backend's library: RSA PKCS#1 v1.5
  /// and ECDSA over the `digest` of `data` (ECDSA as a DER Ecdsa-Sig-Value), Ed25519 over
  /// `data` itself (`digest` ignored). The one operation requests and certificates need
  /// from a private key. For a key in a token (signer.hpp) the library hashes, the token
  /// signs, and the library checks the signature with the key's public half before it is
  /// returned; a backend that cannot check that algorithm (Mbed TLS and Ed25519) is
  /// unsupported.
  Result<Bytes> sign(const PrivateKey& key, Digest digest, ByteView data);

  /// Checks `signature` over `data` with the public key `spki` (a SubjectPublicKeyInfo of
  /// any algorithm, strict DER) as `parameters` say, in this backend's library: ok when
  /// it verifies, mismatch when it does not, unsupported when the library lacks the
  /// algorithm, the hash or the key type (named in the message).
  Result<void> verify_signature(ByteView spki, const SignatureParameters& parameters,
                                ByteView data, ByteView signature);

  /// `count` bytes (1..1024) from the backend's cryptographic generator.
  Result<SecureBuffer> random_bytes(std::size_t count);

  // ---- Primitives for password-based containers (primitives.hpp) ----------------------
  // Core's codecs for encrypted PKCS#8 and PKCS#12 call these, so every KDF, cipher and
  // MAC step runs in this backend's library. Bounds are checked here; a primitive the
  // library lacks is `unsupported` (and its capability row says so).

  /// PBKDF2 (RFC 8018) with HMAC-`prf`: `length` (1..64) bytes; iterations 1 to
  /// max_kdf_iterations() (above it invalid_input naming the count and the limit, before
  /// any work).
  Result<SecureBuffer> pbkdf2(Hash prf, ByteView password, ByteView salt, std::uint32_t iterations,
                              std::size_t length);
  /// The PKCS#12 KDF (RFC 7292 B.2). `bmp_password` is the password already as a
  /// BMPString with its two-zero-byte terminator, or empty for no password at all.
  Result<SecureBuffer> pkcs12_kdf(Hash hash, ByteView bmp_password, ByteView salt,
                                  std::uint32_t iterations, Pkcs12KeyPurpose purpose,
                                  std::size_t length);
  Result<SecureBuffer> hmac(Hash hash, ByteView key, ByteView data);
  /// A message digest (md5 only for OpenSSL's legacy PEM key derivation).
  Result<SecureBuffer> digest(Hash hash, ByteView data);
  /// CBC with PKCS#7 padding; key and IV of the cipher's sizes.
  Result<Bytes> cbc_encrypt(Cipher cipher, ByteView key, ByteView iv, ByteView plaintext);
  /// Inverse of cbc_encrypt. Bad padding is bad_password ("wrong password?"): for a
  /// password-derived key that is what it almost always means.
  Result<SecureBuffer> cbc_decrypt(Cipher cipher, ByteView key, ByteView iv, ByteView ciphertext);

 protected:
  /// A backend passes the roles it plays (all three, usually itself); a missing role
  /// makes each of its operations unsupported.
  explicit Provider(ProviderRoles roles);

  /// RFC 5280 4.2.1.2 method 1: SHA-1 (this backend's) of the subjectPublicKey bits.
  Result<Bytes> key_identifier(ByteView spki);
  /// The error for a missing capability, worded the same by every backend:
  /// "mbedtls backend (Mbed TLS 2.28.3) cannot generate ed25519 keys: <why>".
  Error unsupported(std::string_view what, std::string_view why) const;

 private:
  KeyOperations& keys_;
  X509Operations& x509_;
  PrimitiveOperations& primitives_;

  /// sign() and export_public_key() past the ownership check: the backend's key, or a
  /// token's (sign_in_token).
  Result<Bytes> sign_with(const PrivateKey& key, Digest digest, ByteView data);
  Result<Bytes> public_key_of(const PrivateKey& key);
  Result<Bytes> sign_in_token(Signer& signer, Digest digest, ByteView data);

  struct SignatureCheck {
    SignatureStatus status;
    std::string note;  ///< what failed, or what is missing
  };
  /// Reads the signature algorithm and checks the signature with verify_signature. An
  /// error only when the check is refused by a limit (Remedy::built_in_limit): the input
  /// is then refused, not shown as a signature that does not verify.
  Result<SignatureCheck> check_signature(ByteView spki, ByteView algorithm_identifier,
                                         ByteView to_be_signed, ByteView signature);
  /// An inspection error for the user: unsupported names this backend, like every
  /// other refusal; invalid_input gets `context` ("private key").
  Error inspection_error(const Error& error, std::string_view context) const;
};

}  // namespace polycert
