// The one strict inspection of key structure that runs in front of every backend.
//
// Pure ASN.1, no crypto: it reads the AlgorithmIdentifier and the curve to tell a key
// polycert does not hold (unsupported) from a malformed one (invalid_input), and checks
// the DER nested inside the PKCS#8 privateKey OCTET STRING and the SPKI BIT STRING, which
// the outer DER walk sees only as opaque bytes and which the libraries read leniently
// (trailing data after the inner key, non-minimal or negative INTEGERs, BIT STRING unused
// bits, a SEC1 curve that contradicts the PKCS#8 one). Whatever passes is classified the
// same way for every backend; what remains to check (a scalar in range, a point on its
// curve, a consistent RSA key) needs arithmetic and is the backends' job.
#pragma once

#include <polycert/error.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/key_form.hpp>
#include <polycert/secure_buffer.hpp>

#include <string_view>

namespace polycert {

/// What polycert reads at all: the reason given with every unsupported inspection.
inline constexpr std::string_view kReadableKeys =
    "polycert reads two-prime RSA keys, EC keys on the named curves P-256, P-384 and P-521, "
    "and Ed25519 keys";

/// What a well-formed key is. The views point into the inspected bytes.
struct KeyStructure {
  KeyAlgorithm algorithm = KeyAlgorithm::rsa;
  Curve curve = Curve::none;  ///< EC only
  unsigned rsa_bits = 0;      ///< RSA only: the modulus's size in bits
  /// The public key: an SPKI's subjectPublicKey without its unused-bits octet (RSA: the
  /// RSAPublicKey DER; EC: the point; Ed25519: 32 bytes), or an EC private key's SEC1 [1]
  /// point (empty if the key carries none). Empty for RSA and Ed25519 private keys.
  ByteView public_key;
  /// EC private keys: the private scalar (the SEC1 privateKey octets).
  ByteView ec_private_key;
};

/// Inspects an unencrypted private key whose top-level structure is `form`: PKCS#8
/// PrivateKeyInfo version 0 (version 1 keys go through split_one_asymmetric_key first),
/// PKCS#1 RSAPrivateKey, or SEC1 ECPrivateKey, which must then name its curve.
/// unsupported: the message names only what the key is ("RSA-PSS keys
/// (1.2.840.113549.1.1.10)", "EC keys with explicit curve parameters"), for a sentence
/// "cannot read ...: kReadableKeys". invalid_input: the message says what is malformed.
Result<KeyStructure> inspect_private_key(ByteView der, PrivateKeyForm form);

/// Inspects a SubjectPublicKeyInfo; errors as for inspect_private_key.
/// Both inspections refuse an RSA modulus over kMaxRsaModulusBits (invalid_input).
Result<KeyStructure> inspect_public_key(ByteView spki);

/// Describes a SubjectPublicKeyInfo of any algorithm, for showing what polycert can read
/// but not use. Keys polycert holds are inspected as inspect_public_key does (and refused
/// as it does when malformed); for others, the size is read where the structure is plain
/// (RSA-PSS modulus, DSA prime, EC point, EdDSA/XDH key length), else 0.
Result<PublicKeyDescription> describe_public_key(ByteView spki);

/// Whether `oid` names a public-key algorithm polycert knows of (held or not: RSA, EC,
/// Ed25519, RSA-PSS, DSA, DH, X25519, X448, Ed448...), as against an OID of something else.
bool is_public_key_algorithm(std::string_view oid);

/// Describes an unencrypted private key of any algorithm in structure `form`, as
/// describe_public_key does for public keys (the size from the private structure: an RSA
/// modulus, the DSA prime, a raw EdDSA/XDH key, an EC scalar). A key polycert holds is
/// inspected in full first.
Result<PublicKeyDescription> describe_private_key(ByteView der, PrivateKeyForm form);

/// invalid_input when `spki` is an RSA key whose modulus is over kMaxRsaModulusBits, or
/// whose exponent is over kMaxRsaPublicExponentBits with a modulus that large; any other
/// key, or anything that does not read as an RSA SPKI, passes (the backend checks it).
Result<void> check_public_key_size(ByteView spki);
/// What one signature check with `spki` costs, in RSA-2048 checks (exponent 65537): an RSA
/// key (modulus bits / 2048)^2 x (exponent bits / 17), rounded up; ECDSA P-256 8; Ed25519 2;
/// any other key 16 (P-384 and P-521 checks cost up to that on the slowest backend). The
/// errors of check_public_key_size. docs/limits.md has the measurements behind the figures.
Result<std::uint64_t> signature_check_cost(ByteView spki);
/// check_public_key_size for the key inside a certificate or a request (strict DER),
/// before a backend parses it or verifies a signature with it.
Result<void> check_embedded_public_key_size(ByteView certificate_or_request);

}  // namespace polycert
