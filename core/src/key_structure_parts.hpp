// What reading key structures (key_structure.cpp) and describing keys polycert cannot use
// (key_description.cpp) share: the names of algorithms and curves met in practice.
// Internal to core/src.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>

namespace polycert::key_structure_parts {

struct Named {
  std::string_view oid, name;
};

// Algorithms people meet in practice, so that a refusal says what the key is.
inline constexpr std::array<Named, 11> kOtherAlgorithms = {{
    {"1.2.840.113549.1.1.10", "RSA-PSS"},
    {"1.2.840.113549.1.1.7", "RSAES-OAEP"},
    {"1.2.840.10040.4.1", "DSA"},
    {"1.2.840.113549.1.3.1", "DH"},
    {"1.2.840.10046.2.1", "X9.42 DH"},
    {"1.3.101.110", "X25519"},
    {"1.3.101.111", "X448"},
    {"1.3.101.113", "Ed448"},
    {"1.3.132.1.12", "ECDH"},
    {"1.3.132.1.13", "ECMQV"},
    {"1.2.156.10197.1.301", "SM2"},
}};

// Named curves polycert does not hold, likewise.
inline constexpr std::array<Named, 11> kOtherCurves = {{
    {"1.3.132.0.10", "secp256k1"},
    {"1.2.840.10045.3.1.1", "prime192v1"},
    {"1.3.132.0.33", "secp224r1"},
    {"1.3.36.3.3.2.8.1.1.3", "brainpoolP192r1"},
    {"1.3.36.3.3.2.8.1.1.5", "brainpoolP224r1"},
    {"1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1"},
    {"1.3.36.3.3.2.8.1.1.9", "brainpoolP320r1"},
    {"1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1"},
    {"1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1"},
    {"1.2.156.10197.1.301", "SM2"},
    {"1.2.250.1.223.101.256.1", "FRP256v1"},
}};

/// The name `table` gives the OID `dotted`, or "".
std::string_view name_of(std::string_view dotted, std::span<const Named> table);

}  // namespace polycert::key_structure_parts
