// The symmetric building blocks of password-based containers (encrypted PKCS#8 keys,
// PKCS#12 files). Core owns the container formats; every KDF, cipher and MAC step they
// need runs in the selected backend's library, through Provider's primitive operations.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace polycert {

/// md5 serves only OpenSSL's legacy PEM encryption (EVP_BytesToKey), never a signature.
enum class Hash { sha1, sha224, sha256, sha384, sha512, md5 };
/// "sha256"
std::string_view to_string(Hash hash);
/// Output size in bytes.
std::size_t digest_size(Hash hash);

/// CBC ciphers with PKCS#7 padding.
enum class Cipher { aes128_cbc, aes192_cbc, aes256_cbc, des_ede3_cbc, rc2_40_cbc };
/// "aes-256-cbc", "des-ede3-cbc", "rc2-40-cbc" (openssl's names).
std::string_view to_string(Cipher cipher);
/// Key and block sizes of a cipher, in bytes.
std::size_t key_size(Cipher cipher);
std::size_t block_size(Cipher cipher);

/// The ID byte of the PKCS#12 key derivation (RFC 7292 appendix B.3).
enum class Pkcs12KeyPurpose : std::uint8_t { key = 1, iv = 2, mac = 3 };

/// The default cap on a KDF iteration count (docs/limits.md). A hostile file must not be
/// able to keep polycert busy: above the cap, Provider::pbkdf2 and pkcs12_kdf refuse before
/// any work. 2 million covers every figure tools write (OpenSSL 2048, polycert's own
/// 600000, OWASP's 1.3 million for PBKDF2-HMAC-SHA1); a KDF at the cap takes about a second.
inline constexpr std::uint32_t kDefaultMaxKdfIterations = 2'000'000;
/// The highest the cap can be raised to: every library takes the count as an int.
inline constexpr std::uint32_t kMaxKdfIterations = 2'147'483'647;

/// The cap in force for this process (kDefaultMaxKdfIterations unless raised or lowered).
/// Thread-safe.
std::uint32_t max_kdf_iterations();
/// Sets the cap, for the whole process (the CLI's --max-kdf-iterations). `limit` must be
/// 1..kMaxKdfIterations (asserted). Thread-safe.
void set_max_kdf_iterations(std::uint32_t limit);
/// Longest derived key or MAC key asked of a KDF.
inline constexpr std::size_t kMaxDerivedKeySize = 64;

}  // namespace polycert
