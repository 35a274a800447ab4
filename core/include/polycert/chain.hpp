// Chains and key matching, backend-neutral: the logic lives here once, every signature
// check and every certificate read runs in the selected Provider.
//
// build_chain() orders an unordered bag of certificates into the path leaf ->
// intermediates -> root. Links go from a certificate to the one whose subject is its
// issuer name (byte for byte), preferring the candidate whose subjectKeyIdentifier equals
// the child's authorityKeyIdentifier when both are present; the link holds only when the
// issuer's key verifies the child's signature. Nothing is guessed: what cannot form a
// chain is an Error, and everything else that is wrong or odd is a typed finding.
#pragma once

#include <polycert/error.hpp>
#include <polycert/provider.hpp>
#include <polycert/secure_buffer.hpp>
#include <polycert/x509.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace polycert {

/// An extension of RFC 5280 (sections 4.2.1 and 4.2.2), and whether build_chain
/// recognises it when it is critical (RFC 5280 4.2: "A certificate-using system MUST
/// reject the certificate if it encounters a critical extension it does not recognize").
struct PathExtension {
  std::string_view oid;
  std::string_view name;   ///< "basicConstraints"
  bool recognised;         ///< a critical one is accepted on the path
  std::string_view why;    ///< what build_chain does with it, or why it refuses it
};

/// Every extension RFC 5280 4.2.1 and 4.2.2 define, in RFC order: the one list of what
/// build_chain recognises. Recognised (six): what it enforces (basicConstraints,
/// keyUsage), uses (subjectKeyIdentifier, authorityKeyIdentifier link certificates) and
/// what says whom and what the certificate is for, for its application to check
/// (subjectAltName, extKeyUsage). Not recognised: name constraints and the policy
/// extensions, which a path validator must enforce and build_chain does not, and the
/// pointers and attributes it never follows (CRL distribution points, freshestCRL,
/// authority and subject information access, issuerAltName, subjectDirectoryAttributes).
/// An OID not in the list is not recognised either.
std::span<const PathExtension> path_extensions();

/// One certificate handed to build_chain.
struct ChainInput {
  Bytes der;           ///< the certificate, strict DER
  std::string origin;  ///< where it came from, for messages ("bundle.pem #2")
};

/// How build_chain checks the chain it finds.
struct ChainOptions {
  /// Validity is checked at this time (seconds since the Unix epoch, UTC).
  std::int64_t at = 0;
  /// Index into the inputs of the leaf, when the caller names it; otherwise the leaf is
  /// the one certificate that no other certificate names as its issuer (an end entity is
  /// preferred over CA certificates when several qualify).
  std::optional<std::size_t> leaf;
  /// The chain must end in a root (self-issued and self-signed): its absence is then a
  /// problem, not a note.
  bool require_root = false;
};

enum class ChainFindingKind {
  duplicate,       ///< note: the same certificate (SHA-256 fingerprint) again; dropped
  unrelated,       ///< note: not on the path from the leaf; left out
  root_absent,     ///< note: the top certificate's issuer is not among the inputs
  missing_issuer,  ///< problem: a link is missing (invalid_input)
  bad_signature,   ///< problem: a signature does not verify with its issuer's key (mismatch)
  issuer_not_ca,   ///< problem: an issuer is not a CA certificate (mismatch)
  path_too_long,   ///< problem: more CAs below an issuer than its pathLenConstraint allows (mismatch)
  expired,         ///< problem: not_after is before the checking time (mismatch)
  not_yet_valid,   ///< problem: not_before is after the checking time (mismatch)
  unrecognised_critical_extension,  ///< problem: a critical extension chain does not process (mismatch)
};
std::string_view to_string(ChainFindingKind kind);

struct ChainFinding {
  ChainFindingKind kind;
  bool problem = false;                  ///< a problem makes chain_error() fail
  ErrorCode code = ErrorCode::mismatch;  ///< the error a problem maps to
  std::optional<std::size_t> depth;      ///< 0 = leaf, when the certificate is on the path
  std::string message;                   ///< one line naming the certificate and what is wrong
};

/// One certificate on the path.
struct ChainLink {
  Bytes der;
  CertificateInfo info;
  std::string origin;
};

struct Chain {
  std::vector<ChainLink> path;  ///< leaf first; the root last when `has_root`
  bool has_root = false;        ///< the last certificate is self-issued and self-signed
  std::vector<ChainFinding> findings;

  /// The DER of the path, leaf first, with or without the root (a root that is also the
  /// leaf, alone on the path, is always there).
  std::vector<Bytes> certificates(bool with_root) const;
};

/// Orders `inputs` into a chain with `provider`. A certificate on the path with a critical
/// extension that path_extensions() does not recognise is a problem (mismatch, naming its
/// depth, subject and the extension's OID). Errors (nothing usable): no input, a
/// certificate that does not parse (invalid_input naming its origin), no leaf or
/// several possible leaves (invalid_input listing them; name one with ChainOptions::leaf),
/// a loop (invalid_input naming it). Everything else is a finding in the Chain.
Result<Chain> build_chain(Provider& provider, std::span<const ChainInput> inputs,
                          const ChainOptions& options);

/// The error for a chain's problems, if it has any: the code of the first problem
/// (missing link: invalid_input; bad signature, issuer not a CA, path too long, expired,
/// not yet valid, unrecognised critical extension: mismatch), the messages of all of them.
std::optional<Error> chain_error(const Chain& chain);

/// "2030-01-31T12:00:00Z", "2030-01-31T12:00:00" (UTC), "2030-01-31" (midnight UTC) or
/// "@SECONDS" to seconds since the Unix epoch. invalid_input otherwise.
Result<std::int64_t> parse_utc_time(std::string_view text);

// ---- Key <-> certificate / request matching -------------------------------------------

/// True when `key`'s public half is `spki` (a SubjectPublicKeyInfo, as read from a
/// certificate or request): the DER is compared byte for byte after both went through
/// `provider`, so an equal key in another valid encoding (e.g. a compressed EC point)
/// matches where the backend reads it.
Result<bool> key_matches(Provider& provider, const PrivateKey& key, ByteView spki);

inline void PrintTo(ChainFindingKind kind, std::ostream* os) { *os << to_string(kind); }

}  // namespace polycert
