// The checks an imported OpenSSL key passes before polycert holds it (key_checks.cpp).
#pragma once

#include "keys.hpp"

#include <polycert/key_structure.hpp>

#include <openssl/evp.h>

#include <string>

namespace polycert::openssl_backend {

/// The import check of an EC private key: its scalar in range and its public point the
/// scalar's (one multiplication), and OpenSSL's full pairwise check to word a failure.
Result<void> check_ec_pair(EcGroups& groups, EVP_PKEY* pkey, Curve curve, const std::string& what);
/// The arithmetic an RSA private key's values must satisfy, as the other backends check it
/// (n = p*q, d modulo p-1 and q-1, e*d = 1 modulo both, q^-1 mod p). True when it passes.
bool rsa_values_consistent(const EVP_PKEY* pkey);
/// OpenSSL read the key that core's inspection found; anything else is internal.
Result<void> check_inspected(const KeySpec& held, const KeyStructure& structure,
                             const std::string& what);

}  // namespace polycert::openssl_backend
