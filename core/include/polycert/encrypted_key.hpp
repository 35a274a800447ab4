// Encrypted PKCS#8 (EncryptedPrivateKeyInfo, RFC 5958 / RFC 8018): one codec for every
// backend. Core reads and writes the structure and decides what the input is before any
// decryption, so a wrong password is always bad_password (exit 4) and an unknown scheme
// always unsupported (exit 5) — whatever a library would have called them. The KDF and
// cipher steps run in the selected backend (Provider::pbkdf2, pkcs12_kdf, cbc_*).
//
// Read: PBES2 with PBKDF2 (HMAC-SHA1/224/256/384/512) and AES-128/192/256-CBC or
// DES-EDE3-CBC; the PKCS#12 schemes pbeWithSHAAnd3-KeyTripleDES-CBC and
// pbeWithSHAAnd40BitRC2-CBC. Write: PBES2, PBKDF2-HMAC-SHA256 and AES-256-CBC by default.
#pragma once

#include <polycert/error.hpp>
#include <polycert/primitives.hpp>
#include <polycert/provider.hpp>
#include <polycert/secure_buffer.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace polycert {

/// How an EncryptedPrivateKeyInfo is protected.
struct KeyEncryption {
  enum class Scheme { pbes2, pkcs12_pbe };
  Scheme scheme = Scheme::pbes2;
  Hash hash = Hash::sha256;  ///< PBKDF2's HMAC, or the PKCS#12 KDF's hash
  Cipher cipher = Cipher::aes256_cbc;
  std::uint32_t iterations = 0;
  Bytes salt;
  Bytes iv;  ///< PBES2 only: PKCS#12 derives its IV
};

/// "PBES2 (PBKDF2-HMAC-SHA256, 600000 iterations, AES-256-CBC)".
std::string describe(const KeyEncryption& encryption);

/// True when `der` (strict DER) has the shape of an EncryptedPrivateKeyInfo.
bool looks_like_encrypted_private_key(ByteView der);

/// Reads the protection of an EncryptedPrivateKeyInfo without a password. invalid_input
/// when malformed; unsupported, naming the OID, for a scheme, KDF or cipher polycert does
/// not read (PBES1, RC4, scrypt, ...).
Result<KeyEncryption> inspect_encrypted_private_key(ByteView der);

/// Decrypts to the PKCS#8 PrivateKeyInfo DER. bad_password when the password is wrong
/// (bad padding, or what comes out is not a private key); unsupported when `provider`
/// lacks the KDF or cipher (its message names the backend).
Result<SecureBuffer> decrypt_private_key(Provider& provider, ByteView der, ByteView password);

struct KeyEncryptionOptions {
  Cipher cipher = Cipher::aes256_cbc;  ///< AES-128/192/256-CBC or DES-EDE3-CBC
  Hash prf = Hash::sha256;
  /// OWASP's 2023 figure for PBKDF2-HMAC-SHA256; OpenSSL 3.0 writes 2048.
  std::uint32_t iterations = 600'000;
};

/// Encrypts a PKCS#8 PrivateKeyInfo with PBES2, salt (16 bytes) and IV from `provider`.
Result<Bytes> encrypt_private_key(Provider& provider, ByteView pkcs8, ByteView password,
                                  const KeyEncryptionOptions& options = {});

/// A UTF-8 password as a PKCS#12 BMPString with its 00 00 terminator (RFC 7292 B.1).
/// invalid_input for invalid UTF-8 or characters outside the Basic Multilingual Plane.
Result<SecureBuffer> bmp_password(ByteView utf8);

}  // namespace polycert
