// Key generation, import and export with Mbed TLS (implemented in keys.cpp).
#pragma once

#include "key_types.hpp"
#include "mbedtls_provider.hpp"

#include <polycert/capabilities.hpp>
#include <polycert/key_structure.hpp>

#include <mbedtls/bignum.h>

#include <memory>
#include <string>
#include <string_view>

namespace polycert::mbedtls_backend {

/// Why every Ed25519 row is missing.
inline constexpr std::string_view kNoEd25519 =
    "Mbed TLS 2.28 has no Ed25519 (EdDSA) implementation";

/// The largest RSA modulus Mbed TLS 2.28 holds (MBEDTLS_MPI_MAX_BITS in its default build),
/// and why a larger key is refused: polycert reads up to kMaxRsaModulusBits.
inline constexpr unsigned kMaxRsaBits = MBEDTLS_MPI_MAX_BITS;
inline constexpr std::string_view kNoLargeRsa =
    "Mbed TLS 2.28 holds numbers of at most 8192 bits (MBEDTLS_MPI_MAX_BITS)";

/// Why a key capability row is unsupported, or "" if it is supported.
std::string missing_key_capability(Operation operation, const KeySpec& spec);

Result<std::unique_ptr<PrivateKey>> generate_private_key(MbedtlsProvider& provider,
                                                         const KeySpec& spec);
/// `der` and `spki_der` passed core's inspection, which found `structure`.
Result<std::unique_ptr<PrivateKey>> parse_private_key(const MbedtlsProvider& provider, ByteView der,
                                                      PrivateKeyForm form,
                                                      const KeyStructure& structure);
Result<std::unique_ptr<PublicKey>> parse_public_key(const MbedtlsProvider& provider,
                                                    ByteView spki_der,
                                                    const KeyStructure& structure);
Result<SecureBuffer> write_private_key(const MbedtlsProvider& provider,
                                       const MbedtlsPrivateKey& key, PrivateKeyForm form);
/// The algorithm and size of a parsed or generated key (`kind`: "private", "public", or
/// what a message should call it); unsupported for key types and curves polycert does not
/// handle.
Result<KeySpec> spec_of(const MbedtlsProvider& provider, const mbedtls_pk_context& pk,
                        std::string_view kind);

/// SubjectPublicKeyInfo of a key context (private or public).
Result<Bytes> write_public_key(const PkContext& pk);

}  // namespace polycert::mbedtls_backend
