// What csr.cpp and certificate.cpp share in reading: extension lists from Botan's ASN.1
// layer, the key a request or a certificate carries, and Botan's hashes. Functions that
// may throw say so; callers run them inside guarded().
#pragma once

#include "botan_provider.hpp"
#include "key_types.hpp"

#include <polycert/x509.hpp>

#include <botan/asn1_obj.h>
#include <botan/der_enc.h>
#include <botan/pkix_types.h>
#include <botan/rng.h>

#include <memory>
#include <string_view>
#include <vector>

namespace polycert::botan_backend {

/// Every extension as Botan read it (OID, critical, extnValue content), in the order of
/// the encoding.
std::vector<Extension> raw_extensions(const Botan::Extensions& extensions);

/// The typed fields. keyUsage, extendedKeyUsage and basicConstraints come from Botan's
/// typed readers; subjectAltName from core's decode_extensions(), because Botan 2's
/// AlternativeName is a multimap of strings (the order of the names is lost) and skips
/// IPv6 addresses. `raw` is raw_extensions(extensions); `what` names the object in errors.
/// May throw.
Result<ExtensionSet> typed_extensions(const Botan::Extensions& extensions,
                                      const std::vector<Extension>& raw, std::string_view what);

/// The key a request or certificate carries, read by this backend: core's inspection
/// first, so a key polycert does not handle (DSA, Ed448, RSA-PSS...) is unsupported naming
/// it, then Botan. `what` is "certificate request" or "certificate".
Result<std::unique_ptr<PublicKey>> carried_key(BotanProvider& provider, ByteView spki,
                                               std::string_view what);

/// `data` hashed with Botan's `hash` ("SHA-1", "SHA-256"). May throw.
Bytes hash_of(std::string_view hash, ByteView data);

template <typename Vector>
Bytes to_bytes(const Vector& bytes) {
  return Bytes(bytes.begin(), bytes.end());
}

}  // namespace polycert::botan_backend
