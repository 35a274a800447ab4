// What reading (pkcs12.cpp) and writing (pkcs12_write.cpp) PKCS#12 share: the OIDs and
// tags of RFC 7292 and PKCS#7, and the MAC digests. Internal to core/src.
#pragma once

#include <polycert/der.hpp>
#include <polycert/encrypted_key.hpp>
#include <polycert/primitives.hpp>

#include "digest_oids.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace polycert::pkcs12_format {

inline constexpr std::string_view kData = "1.2.840.113549.1.7.1";
inline constexpr std::string_view kSignedData = "1.2.840.113549.1.7.2";
inline constexpr std::string_view kEnvelopedData = "1.2.840.113549.1.7.3";
inline constexpr std::string_view kEncryptedData = "1.2.840.113549.1.7.6";
inline constexpr std::string_view kKeyBag = "1.2.840.113549.1.12.10.1.1";
inline constexpr std::string_view kShroudedKeyBag = "1.2.840.113549.1.12.10.1.2";
inline constexpr std::string_view kCertBag = "1.2.840.113549.1.12.10.1.3";
inline constexpr std::string_view kCrlBag = "1.2.840.113549.1.12.10.1.4";
inline constexpr std::string_view kSecretBag = "1.2.840.113549.1.12.10.1.5";
inline constexpr std::string_view kSafeContentsBag = "1.2.840.113549.1.12.10.1.6";
inline constexpr std::string_view kX509Certificate = "1.2.840.113549.1.9.22.1";
inline constexpr std::string_view kFriendlyName = "1.2.840.113549.1.9.20";
inline constexpr std::string_view kLocalKeyId = "1.2.840.113549.1.9.21";
inline constexpr std::string_view kPbmac1 = "1.2.840.113549.1.5.14";
inline constexpr std::uint8_t kBmpString = 0x1E;
inline constexpr std::uint8_t kImplicitContent = 0x80;  // [0] IMPLICIT OCTET STRING, primitive
inline constexpr unsigned kMaxBagNesting = 8;


/// An encryptedData ContentInfo's content: how it is encrypted and the ciphertext.
struct EncryptedContent {
  KeyEncryption encryption;
  SecureBuffer ciphertext;
};

/// Reads the EncryptedData in an encryptedData ContentInfo's [0] (pkcs12.cpp).
Result<EncryptedContent> read_encrypted_data(der::Reader& content);

/// Before read_pkcs12's first derivation: the MAC's count (nullopt: no MAC), each
/// encrypted part's and the first shrouded key in plain view's against the cap, and their
/// sum against the open input's budget (check_kdf_budget). pkcs12_declared_work.cpp.
Result<void> check_pfx_kdf_work(std::optional<std::uint32_t> mac_iterations,
                                ByteView authsafe_octets);

}  // namespace polycert::pkcs12_format
