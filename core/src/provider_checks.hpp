// The checks every Provider operation shares before it reaches a backend (provider.cpp,
// crl.cpp). Internal to core/src.
#pragma once

#include <polycert/error.hpp>
#include <polycert/provider.hpp>
#include <polycert/secure_buffer.hpp>

#include <string>
#include <string_view>

namespace polycert::provider_checks {

/// A key made by another backend is refused, naming both; a key in a token (a private key
/// with a signer) belongs to every backend.
template <typename Key>
Result<void> check_owner(const Provider& provider, const Key& key) {
  if constexpr (requires { key.signer(); })
    if (key.signer() != nullptr) return {};
  if (key.backend() != provider.name())
    return fail(ErrorCode::invalid_input,
                "key belongs to the " + std::string(key.backend()) + " backend, not " +
                    std::string(provider.name()) + "; move it by exporting and importing DER");
  return {};
}

/// A serial number (big-endian magnitude): positive, no leading zero octet, at most 20
/// octets as encoded (RFC 5280 4.1.2.2).
Result<void> check_serial(ByteView serial);

/// Strict DER, refused with `what` as context.
Result<void> check_strict(ByteView der, std::string_view what);

/// A certificate or request: strict DER, and no key a backend would spend minutes on.
Result<void> check_signed_object(ByteView der, std::string_view what);

}  // namespace polycert::provider_checks
