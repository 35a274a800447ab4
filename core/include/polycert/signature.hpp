// Signature algorithms as certificates and requests name them, read once in core: which
// OIDs polycert knows (alternate spellings included), what scheme and hash each means,
// which are weak, and the RSA-PSS parameters. Every backend checks a signature through
// Provider::verify_signature with what this reads, so no library's own OID table or
// leniency decides what a certificate's signature algorithm is.
#pragma once

#include <polycert/error.hpp>
#include <polycert/secure_buffer.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace polycert {

/// How a signature is made.
enum class SignatureScheme { rsa_pkcs1, rsa_pss, ecdsa, dsa, ed25519, ed448 };
/// "RSA PKCS#1 v1.5", "RSA-PSS", "ECDSA", "DSA", "Ed25519", "Ed448".
std::string_view to_string(SignatureScheme scheme);

/// The hashes signatures in the wild are made with (a wider set than the KDF and MAC
/// primitives need: MD2 and MD4 appear only here).
enum class SignatureHash { md2, md4, md5, sha1, sha224, sha256, sha384, sha512 };
/// "MD2", "SHA-256", ...
std::string_view to_string(SignatureHash hash);
/// MD2, MD4, MD5 and SHA-1: collisions can be made (or nearly), so a signature over them
/// proves little.
bool is_weak(SignatureHash hash);

/// What a backend needs to check one signature.
struct SignatureParameters {
  SignatureScheme scheme = SignatureScheme::rsa_pkcs1;
  std::optional<SignatureHash> hash;  ///< none for Ed25519 and Ed448 (pure EdDSA)
  // RSA-PSS only (RFC 4055 3.1; the defaults are those of the ASN.1 module).
  SignatureHash mgf1_hash = SignatureHash::sha1;
  unsigned salt_length = 20;
  friend bool operator==(const SignatureParameters&, const SignatureParameters&) = default;
};
/// "RSA-PSS (SHA-256, MGF1 SHA-256, salt 32)", "ECDSA with SHA-384", "Ed25519".
std::string describe(const SignatureParameters& parameters);

/// One signature algorithm as an AlgorithmIdentifier names it.
struct SignatureAlgorithm {
  std::string oid;   ///< dotted, as encoded
  std::string name;  ///< "sha256WithRSAEncryption", "RSASSA-PSS", "ecdsa-with-SHA256"
  SignatureParameters parameters;
};

/// Reads a signature AlgorithmIdentifier (the whole SEQUENCE, strict DER). The parameters
/// must be what the algorithm's RFC allows: NULL or absent for RSA PKCS#1 v1.5 (RFC 3279
/// 2.2.1 says NULL; absent is common enough in the wild to read), absent or NULL for ECDSA
/// (RFC 5758 3.2 says absent), absent for DSA and EdDSA (RFC 8410 3), RSASSA-PSS-params
/// for RSA-PSS (RFC 4055 3.1, trailerField 1 only). invalid_input names what is wrong;
/// unsupported names an OID polycert knows no signature algorithm for.
Result<SignatureAlgorithm> read_signature_algorithm(ByteView algorithm_identifier);

/// Whether a key whose SubjectPublicKeyInfo names `key_algorithm_oid` makes signatures of
/// `scheme`: rsaEncryption PKCS#1 v1.5 and RSA-PSS, an RSASSA-PSS key RSA-PSS alone (RFC
/// 4055), id-ecPublicKey ECDSA, id-dsa DSA, Ed25519 and Ed448 themselves (RFC 8410).
bool key_makes_signatures_of(std::string_view key_algorithm_oid, SignatureScheme scheme);

/// The hash a signature algorithm OID names (none for EdDSA, RSA-PSS, unknown OIDs).
std::optional<SignatureHash> signature_hash(std::string_view oid);

/// "sha256WithRSAEncryption" etc. for a signature algorithm OID, or the OID itself.
std::string signature_algorithm_name(std::string_view oid);

}  // namespace polycert
