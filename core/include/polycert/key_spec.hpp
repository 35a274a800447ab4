// Key algorithms and the textual key specs users type: "rsa:2048", "ec:P-256", "ed25519".
#pragma once

#include <polycert/error.hpp>

#include <array>
#include <ostream>
#include <string>
#include <string_view>

namespace polycert {

/// The key algorithms polycert knows.
enum class KeyAlgorithm { rsa, ec, ed25519 };

/// The named curves for EC keys (none for RSA and Ed25519).
enum class Curve { none, p256, p384, p521 };

/// The algorithm and size of a key: what to generate, or what a key turned out to be.
struct KeySpec {
  KeyAlgorithm algorithm = KeyAlgorithm::rsa;
  unsigned rsa_bits = 0;     ///< RSA only: modulus size in bits
  Curve curve = Curve::none; ///< EC only

  static constexpr KeySpec rsa(unsigned bits) { return {KeyAlgorithm::rsa, bits, Curve::none}; }
  static constexpr KeySpec ec(Curve c) { return {KeyAlgorithm::ec, 0, c}; }
  static constexpr KeySpec ed25519() { return {KeyAlgorithm::ed25519, 0, Curve::none}; }

  /// Security-relevant size in bits: RSA modulus, curve field size, 256 for Ed25519.
  unsigned bits() const;

  friend bool operator==(const KeySpec&, const KeySpec&) = default;
};

/// A public key as its SubjectPublicKeyInfo says, whatever its algorithm: how polycert
/// shows keys it can read but not use (DSA, Ed448, X25519, RSA-PSS, unknown OIDs).
struct PublicKeyDescription {
  /// to_string(spec) for a key polycert holds ("ec:P-256"); otherwise the algorithm's name
  /// ("dsa", "ed448", "x25519", "rsa-pss", "ec:secp256k1") or its dotted OID.
  std::string algorithm;
  std::string algorithm_oid;  ///< the SubjectPublicKeyInfo's algorithm OID, dotted
  unsigned bits = 0;          ///< the key's size where core can read it; 0 when it cannot
  std::string parameters;     ///< e.g. RSA-PSS restrictions; "" when none
  bool usable = false;        ///< polycert holds keys of this kind: KeySpec describes it
  friend bool operator==(const PublicKeyDescription&, const PublicKeyDescription&) = default;
};

/// Every spec polycert can generate, in the order the CLI and the matrix list them.
inline constexpr std::array<KeySpec, 7> kGeneratableKeySpecs = {
    KeySpec::rsa(2048),      KeySpec::rsa(3072),      KeySpec::rsa(4096),
    KeySpec::ec(Curve::p256), KeySpec::ec(Curve::p384), KeySpec::ec(Curve::p521),
    KeySpec::ed25519(),
};

/// Canonical text: "rsa:2048", "ec:P-256", "ed25519". parse_key_spec(to_string(s)) == s.
std::string to_string(const KeySpec& spec);
/// "rsa", "ec", "ed25519".
std::string_view to_string(KeyAlgorithm algorithm);
/// NIST name of the curve: "P-256".
std::string_view to_string(Curve curve);
/// Dotted OID of the curve's name (prime256v1 = 1.2.840.10045.3.1.7).
std::string_view curve_oid(Curve curve);
/// Curve from its dotted OID, or Curve::none if not one polycert knows.
Curve curve_from_oid(std::string_view dotted_oid);

/// Parses what a user types for a key to generate. Accepted (case-insensitive):
/// rsa (= rsa:2048), rsa:2048, rsa:3072, rsa:4096; ec (= ec:P-256), ec:P-256, P-256,
/// prime256v1, secp256r1, and likewise P-384/secp384r1, P-521/secp521r1 with or without
/// "ec:"; ed25519. Anything else is invalid_input with a list of what is accepted.
Result<KeySpec> parse_key_spec(std::string_view text);

inline void PrintTo(const KeySpec& spec, std::ostream* os) { *os << to_string(spec); }

}  // namespace polycert
