// The symmetric primitives with Mbed TLS 2.28 (implemented in primitives.cpp).
#pragma once

#include <polycert/capabilities.hpp>
#include <polycert/error.hpp>
#include <polycert/primitives.hpp>
#include <polycert/secure_buffer.hpp>

#include <mbedtls/md.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace polycert::mbedtls_backend {

/// Why the rc2-40-cbc row is missing.
inline constexpr std::string_view kNoRc2 = "Mbed TLS 2.28 has no RC2";

/// Why a primitive capability row (derive_key, cipher, mac) is unsupported, or "" if it is
/// supported by the linked library.
std::string missing_primitive_capability(Operation operation, std::string_view subject);

/// RFC 7292 appendix B.2 built from Mbed TLS's hash functions, for the inputs that
/// mbedtls_pkcs12_derivation refuses (a password or salt longer than 64 bytes).
/// `info` is the hash of `hash`. Declared here so it can be checked against the library's
/// own derivation where both apply.
Result<SecureBuffer> pkcs12_kdf_from_hash(Hash hash, const mbedtls_md_info_t* info,
                                          ByteView bmp_password, ByteView salt,
                                          std::uint32_t iterations, Pkcs12KeyPurpose purpose,
                                          std::size_t length);

}  // namespace polycert::mbedtls_backend
