// PKCS#12 (RFC 7292: .pfx/.p12): one codec for every backend. Core reads and writes the
// structure (BER accepted on input, DER written); every KDF, cipher and MAC step runs in
// the selected backend through Provider's primitives, so Botan 2 and Mbed TLS 2.28, which
// have no PKCS#12 of their own, read and write it like OpenSSL does.
//
// Read: MacData with HMAC-SHA1/224/256/384/512 (the PKCS#12 KDF makes its key); the
// AuthenticatedSafe's data and encryptedData (PBES2 or the PKCS#12 3DES/RC2-40 schemes)
// content; keyBag, pkcs8ShroudedKeyBag, certBag (X.509) and nested safeContentsBag;
// friendlyName and localKeyId attributes. envelopedData (public-key encrypted) is
// unsupported; CRL and secret bags are skipped with a warning.
// Write: one of three profiles (Pkcs12Profile): modern, as OpenSSL 3 writes by default
// (PBES2 AES-256-CBC, PBKDF2-HMAC-SHA256, MAC HMAC-SHA256); compat (PKCS#12 3DES for key
// and certificates, MAC HMAC-SHA1: Java 8, Windows Server 2016, macOS Keychain); legacy
// (certificates under RC2-40, the key under 3DES, MAC HMAC-SHA1: `openssl pkcs12 -legacy`).
#pragma once

#include <polycert/encrypted_key.hpp>
#include <polycert/error.hpp>
#include <polycert/primitives.hpp>
#include <polycert/provider.hpp>
#include <polycert/secure_buffer.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace polycert {

/// A certificate bag of a PKCS#12 file.
struct Pkcs12Certificate {
  Bytes der;                                 ///< X.509 certificate, strict DER
  std::optional<std::string> friendly_name;  ///< UTF-8
  Bytes local_key_id;                        ///< empty if absent
  bool matches_key = false;  ///< its localKeyId is the key's (OpenSSL's "the" certificate)
};

/// The (decrypted) key bag of a PKCS#12 file.
struct Pkcs12Key {
  SecureBuffer pkcs8;  ///< PKCS#8 PrivateKeyInfo DER (strict DER, checked)
  std::optional<std::string> friendly_name;
  Bytes local_key_id;
};

/// What protects one part of the file, for inspect: "certificates" or "key" and
/// describe(KeyEncryption) or "none".
struct Pkcs12Protection {
  std::string part;
  std::optional<KeyEncryption> encryption;  ///< nullopt: stored in plain
  std::string
      description;  ///< "PBES2 (PBKDF2-HMAC-SHA256, 2048 iterations, AES-256-CBC)" or "none"
};

/// Everything read_pkcs12 found, with how each part was protected.
struct Pkcs12Contents {
  std::vector<Pkcs12Certificate> certificates;  ///< in file order
  std::optional<Pkcs12Key> key;
  bool mac_present = false;
  Hash mac_hash = Hash::sha1;        ///< when mac_present
  std::uint32_t mac_iterations = 0;  ///< when mac_present
  std::string mac_algorithm;         ///< "HMAC-SHA256 (2048 iterations)", or "" without a MAC
  std::vector<Pkcs12Protection> protections;  ///< one per encrypted or plain part, file order
  /// The password that opened the file was the absent one (no bytes), not an empty
  /// BMPString: only when "" or no password was given.
  bool absent_password = false;
};

/// Reads a PFX (BER or DER). The MAC is verified first: when it does not verify,
/// bad_password ("wrong password (the MAC does not verify)"); without MacData the file
/// loads with the warning "no MAC: integrity not checked". `password_utf8`: "" is the
/// empty password (BMPString 00 00), nullopt no password (no bytes); as OpenSSL does,
/// both try the other form too when theirs does not open the file (and say so in a
/// warning). A cipher the backend lacks (RC2-40 on Botan and Mbed TLS) is `unsupported`,
/// naming the scheme, with Remedy::other_backend and the cipher ("rc2-40-cbc") as subject,
/// so that a front end can point at a backend that reads it.
/// Several private keys: the first is taken, with a warning. Malformed input is
/// invalid_input starting with "PKCS#12: ".
Result<Pkcs12Contents> read_pkcs12(Provider& provider, ByteView file,
                                   std::optional<ByteView> password_utf8,
                                   std::vector<std::string>* warnings);

/// The protections a PFX is written with, for the importer at hand.
enum class Pkcs12Profile {
  modern,  ///< PBES2 AES-256-CBC with PBKDF2-HMAC-SHA256 for both parts, HMAC-SHA256 MAC
  compat,  ///< pbeWithSHAAnd3-KeyTripleDES-CBC for both parts, HMAC-SHA1 MAC
  legacy,  ///< certificates pbeWithSHAAnd40BitRC2-CBC, key 3DES, HMAC-SHA1 MAC
};
/// "modern", "compat", "legacy".
std::string_view to_string(Pkcs12Profile profile);
/// The profile named `text` (as to_string spells it); invalid_input listing them otherwise.
Result<Pkcs12Profile> parse_pkcs12_profile(std::string_view text);
/// The profile a file read was written with, when its protections are exactly one of
/// them (the iteration counts aside); nullopt for any other mix (or no encryption).
std::optional<Pkcs12Profile> pkcs12_profile_of(const Pkcs12Contents& contents);

/// How write_pkcs12 protects what it writes.
struct Pkcs12WriteOptions {
  Pkcs12Profile profile = Pkcs12Profile::modern;
  /// friendlyName of the key and of the first certificate (UTF-8, BMP characters only).
  std::optional<std::string> friendly_name;
  /// KDF iterations for the key and certificates; default KeyEncryptionOptions' (600000)
  /// for modern and 2048 for compat and legacy (as `openssl pkcs12 -legacy` writes).
  std::optional<std::uint32_t> iterations;
  /// Iterations of the MAC's PKCS#12 KDF: 2048, as OpenSSL writes.
  std::uint32_t mac_iterations = 2048;
};

/// The KDF iterations write_pkcs12 uses for the key and certificates under `options`.
std::uint32_t pkcs12_iterations(const Pkcs12WriteOptions& options);

/// Writes a PFX (DER) with the key (PKCS#8 PrivateKeyInfo DER, optional) as a
/// pkcs8ShroudedKeyBag and the certificates (leaf first, at least one or a key) in one
/// encryptedData, as OpenSSL does. The key and the first certificate share a localKeyId:
/// the first 20 bytes of that certificate's SHA-256 fingerprint (OpenSSL uses its SHA-1;
/// any matching value does, and this needs no hash primitive). Salts and IVs come from
/// `provider`. `password_utf8` may be empty (BMPString 00 00, as OpenSSL writes "").
Result<Bytes> write_pkcs12(Provider& provider, std::optional<ByteView> pkcs8_key,
                           std::span<const Bytes> certificates, ByteView password_utf8,
                           const Pkcs12WriteOptions& options = {});

}  // namespace polycert
