// Encrypted PKCS#8 (EncryptedPrivateKeyInfo, RFC 5958 / RFC 8018): one codec for every
// backend. Core reads and writes the structure and decides what the input is before any
// decryption, so a wrong password is always bad_password (exit 4) and an unknown scheme
// always unsupported (exit 5) — whatever a library would have called them. The KDF and
// cipher steps run in the selected backend (Provider::pbkdf2, pkcs12_kdf, cbc_*).
//
// Read: PBES2 with PBKDF2 (HMAC-SHA1/224/256/384/512) and AES-128/192/256-CBC or
// DES-EDE3-CBC; the PKCS#12 schemes pbeWithSHAAnd3-KeyTripleDES-CBC and
// pbeWithSHAAnd40BitRC2-CBC. Write: PBES2, PBKDF2-HMAC-SHA256 and AES-256-CBC by default,
// or PKCS#12 3DES. PKCS#12 (pkcs12.hpp) shares the scheme reading and the cipher steps.
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

/// The key derivation iterations decrypting under `encryption` costs: its count once for
/// PBES2, twice for the PKCS#12 schemes (they derive the key and the IV apart).
std::uint64_t kdf_iterations(const KeyEncryption& encryption);

/// Before decrypting under `encryption`: its count against the cap (check_kdf_iterations)
/// and kdf_iterations(encryption) against the open budgets (check_kdf_budget), each
/// refusal starting with `what` ("the encrypted private key").
Result<void> check_declared_kdf_work(const KeyEncryption& encryption, std::string_view what);

/// Decrypts to the PKCS#8 PrivateKeyInfo DER. bad_password when the password is wrong
/// (bad padding, or what comes out is not a private key); unsupported when `provider`
/// lacks the KDF or cipher (its message names the backend). The key is one input
/// (KdfInputScope): over the KDF budget it is invalid_input before any derivation.
Result<SecureBuffer> decrypt_private_key(Provider& provider, ByteView der, ByteView password);

/// A password in the forms the two scheme families take: PBKDF2 uses the UTF-8 bytes as
/// they are; the PKCS#12 KDF a BMPString with its terminator (bmp_password(utf8)), or no
/// bytes at all when there is no password (RFC 7292 B.1: not the same as an empty one).
struct PbePassword {
  ByteView utf8;
  ByteView bmp;
};

/// decrypt_private_key with the password in both forms (PKCS#12 shrouded key bags, where
/// an absent password and an empty one differ).
Result<SecureBuffer> decrypt_private_key(Provider& provider, ByteView der, const PbePassword& password);

/// Reads a password-based encryption AlgorithmIdentifier (the whole SEQUENCE): PBES2 or a
/// PKCS#12 PBE scheme, as in an EncryptedPrivateKeyInfo. Errors as for
/// inspect_encrypted_private_key, their messages starting with `context` ("PKCS#12").
Result<KeyEncryption> read_pbe_algorithm(ByteView algorithm_identifier,
                                         std::string_view context = "encrypted private key");

/// Decrypts `ciphertext` (a whole number of blocks, else invalid_input) under
/// `encryption`, KDF and cipher in `provider`. Bad padding is bad_password; the caller
/// checks that what comes out is what it expects.
Result<SecureBuffer> pbe_decrypt(Provider& provider, const KeyEncryption& encryption,
                                 ByteView ciphertext, const PbePassword& password);

/// How encrypt_private_key protects a key (PBES2).
struct KeyEncryptionOptions {
  Cipher cipher = Cipher::aes256_cbc;  ///< AES-128/192/256-CBC or DES-EDE3-CBC
  Hash prf = Hash::sha256;
  /// OWASP's 2023 figure for PBKDF2-HMAC-SHA256; OpenSSL 3.0 writes 2048.
  std::uint32_t iterations = 600'000;
  /// pkcs12_pbe: pbeWithSHAAnd3-KeyTripleDES-CBC (cipher must be DES-EDE3-CBC, `prf` is
  /// ignored: the scheme's KDF is the PKCS#12 one with SHA-1), for old importers only.
  KeyEncryption::Scheme scheme = KeyEncryption::Scheme::pbes2;
};

/// An encryption AlgorithmIdentifier (DER) and the ciphertext it describes.
struct PbeCiphertext {
  Bytes algorithm;
  Bytes ciphertext;
};

/// Encrypts `plaintext` as `options` say: PBES2 with a 16-byte salt and IV from
/// `provider`, or the PKCS#12 3DES scheme with an 8-byte salt (as OpenSSL writes it).
Result<PbeCiphertext> pbe_encrypt(Provider& provider, ByteView plaintext, ByteView password_utf8,
                                  const KeyEncryptionOptions& options = {});

/// Encrypts a PKCS#8 PrivateKeyInfo (pbe_encrypt) into an EncryptedPrivateKeyInfo.
Result<Bytes> encrypt_private_key(Provider& provider, ByteView pkcs8, ByteView password,
                                  const KeyEncryptionOptions& options = {});

/// OpenSSL's legacy PEM encryption of a traditional key ("Proc-Type: 4,ENCRYPTED",
/// "DEK-Info: AES-256-CBC,<IV in hex>"), decrypted to the PKCS#1 or SEC1 DER. The key is
/// OpenSSL's EVP_BytesToKey (MD5, one round, the IV's first 8 bytes as salt), composed
/// from the backend's MD5 (Provider::digest). Ciphers: AES-128/192/256-CBC, DES-EDE3-CBC;
/// others are unsupported by name. bad_password as for decrypt_private_key.
Result<SecureBuffer> decrypt_legacy_pem_key(Provider& provider, std::string_view dek_info,
                                            ByteView encrypted, ByteView password);

/// A UTF-8 password as a PKCS#12 BMPString with its 00 00 terminator (RFC 7292 B.1):
/// UTF-16BE, characters beyond U+FFFF as surrogate pairs, as OpenSSL 3 encodes them.
/// invalid_input for invalid UTF-8.
Result<SecureBuffer> bmp_password(ByteView utf8);

}  // namespace polycert
