// Strict reading of the key structures Botan would otherwise read leniently. Pure ASN.1,
// no Botan: the core checks the outer DER framing, but the DER nested inside the
// PKCS#8 privateKey OCTET STRING and the SPKI subjectPublicKey BIT STRING is opaque to
// it, and Botan 2 reads those with BER rules (trailing data after the inner key ignored,
// non-minimal and negative INTEGERs accepted, BIT STRING unused bits ignored).
#pragma once

#include <polycert/error.hpp>
#include <polycert/secure_buffer.hpp>

#include <string>

namespace polycert::botan_backend {

struct AlgorithmId {
  std::string oid;      ///< dotted
  ByteView parameters;  ///< the whole parameters element; empty if absent
};

/// PKCS#8 PrivateKeyInfo (RFC 5208) or OneAsymmetricKey (RFC 5958).
struct PrivateKeyInfo {
  unsigned version = 0;  ///< 0, or 1 for OneAsymmetricKey
  AlgorithmId algorithm;
  ByteView private_key;  ///< content of the privateKey OCTET STRING
};
Result<PrivateKeyInfo> parse_private_key_info(ByteView der);

/// SubjectPublicKeyInfo (RFC 5280).
struct PublicKeyInfo {
  AlgorithmId algorithm;
  ByteView public_key;  ///< subjectPublicKey bits, after the (zero) unused-bits octet
};
Result<PublicKeyInfo> parse_public_key_info(ByteView der);

/// PKCS#1 RSAPrivateKey: strict DER, minimal non-negative INTEGERs. Returns the version:
/// 0 for two primes, 1 for a multi-prime key (otherPrimeInfos present).
Result<unsigned> check_rsa_private_key(ByteView der);
/// PKCS#1 RSAPublicKey.
Result<void> check_rsa_public_key(ByteView der);

/// SEC1 ECPrivateKey as found inside PKCS#8. If it carries [0] parameters they must be
/// the same bytes as `curve_parameters` (the AlgorithmIdentifier's): Botan would ignore
/// them and a key naming two curves is ambiguous.
struct EcPrivateKeyParts {
  ByteView scalar;        ///< privateKey OCTET STRING content
  ByteView public_point;  ///< [1] publicKey bits; empty if absent
};
Result<EcPrivateKeyParts> check_ec_private_key(ByteView der, ByteView curve_parameters);

/// RFC 8410 CurvePrivateKey for Ed25519: an OCTET STRING of 32 bytes, nothing else.
Result<void> check_ed25519_private_key(ByteView der);

}  // namespace polycert::botan_backend
