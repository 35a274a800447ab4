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
std::size_t key_size(Cipher cipher);
std::size_t block_size(Cipher cipher);

/// The ID byte of the PKCS#12 key derivation (RFC 7292 appendix B.3).
enum class Pkcs12KeyPurpose : std::uint8_t { key = 1, iv = 2, mac = 3 };

/// Above this, a KDF iteration count is refused: a hostile file must not be able to keep
/// polycert busy for hours.
inline constexpr std::uint32_t kMaxKdfIterations = 10'000'000;
/// Longest derived key or MAC key asked of a KDF.
inline constexpr std::size_t kMaxDerivedKeySize = 64;

}  // namespace polycert
