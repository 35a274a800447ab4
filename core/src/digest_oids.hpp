// The digest algorithms' OIDs (RFC 5754, OIW SHA-1), for a PKCS#12 MAC's DigestInfo and the
// DigestInfo a token signs with RSA (signer.cpp). Internal to core/src.
#pragma once

#include <polycert/primitives.hpp>

#include <array>
#include <string_view>

namespace polycert {

struct DigestOid {
  std::string_view oid;
  Hash hash;
};
inline constexpr std::array<DigestOid, 5> kDigestOids = {{
    {"1.3.14.3.2.26", Hash::sha1},
    {"2.16.840.1.101.3.4.2.4", Hash::sha224},
    {"2.16.840.1.101.3.4.2.1", Hash::sha256},
    {"2.16.840.1.101.3.4.2.2", Hash::sha384},
    {"2.16.840.1.101.3.4.2.3", Hash::sha512},
}};

}  // namespace polycert
