// The capability matrix: what a backend can do, row by row, honest both ways.
//
// The CLI prints it (`polycert backends`), and the conformance tests iterate over it:
// a row that claims support must work, and a row that denies it must fail with
// ErrorCode::unsupported. A backend states its gaps here once, with the reason.
#pragma once

#include <polycert/key_spec.hpp>

#include <array>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace polycert {

/// What a backend can be asked to do; one row of the capability matrix per operation and
/// key spec (or container scheme).
enum class Operation {
  generate_key,
  export_pkcs8,        ///< private key as PKCS#8 PrivateKeyInfo
  export_traditional,  ///< private key as PKCS#1 RSAPrivateKey / SEC1 ECPrivateKey
  export_spki,         ///< public key as SubjectPublicKeyInfo
  import_pkcs8,
  import_traditional,
  import_spki,
  create_csr,         ///< build and sign a PKCS#10 request with a key of this kind
  read_csr,           ///< parse and verify a request carrying a key of this kind
  issue_certificate,  ///< sign a certificate with a key of this kind
  read_certificate,   ///< parse a certificate carrying a key of this kind
  derive_key,         ///< a password-based KDF: "pbkdf2-hmac-sha256", "pkcs12-kdf-sha1"
  cipher,             ///< a CBC cipher: "aes-256-cbc", "des-ede3-cbc", "rc2-40-cbc"
  mac,                ///< an HMAC: "hmac-sha1", "hmac-sha256"
  digest,             ///< a hash: "md5" (legacy PEM encryption), "sha256"
  validate_path,      ///< the library's path validation with a check: "at-time", "crl", ...
  sign_in_token,      ///< sign with a key of this kind held in a token (signer.hpp): the
                      ///< library hashes and checks the token's signature
};

/// The operations that apply to every key spec.
inline constexpr std::array<Operation, 7> kKeyOperations = {
    Operation::generate_key,  Operation::export_pkcs8,       Operation::export_traditional,
    Operation::export_spki,   Operation::import_pkcs8,       Operation::import_traditional,
    Operation::import_spki,
};

/// The request and certificate operations (applied per key spec).
inline constexpr std::array<Operation, 4> kX509Operations = {
    Operation::create_csr, Operation::read_csr, Operation::issue_certificate,
    Operation::read_certificate,
};

/// The operations that apply to key specs (one row per spec), in the order the matrix
/// lists them; the primitive operations follow, with rows of their own (kPrimitiveRows).
inline constexpr std::array<Operation, kKeyOperations.size() + kX509Operations.size()>
    kKeySpecOperations = [] {
      std::array<Operation, kKeyOperations.size() + kX509Operations.size()> all{};
      std::size_t i = 0;
      for (Operation op : kKeyOperations) all[i++] = op;
      for (Operation op : kX509Operations) all[i++] = op;
      return all;
    }();

/// The largest RSA key polycert reads (kMaxRsaModulusBits), which no backend generates: the
/// matrix has a row for it per reading operation (kLargeKeyReadOperations), after the rows of
/// the generatable specs.
inline constexpr KeySpec kLargestReadRsaKey = KeySpec::rsa(16384);
inline constexpr std::array<Operation, 5> kLargeKeyReadOperations = {
    Operation::import_pkcs8, Operation::import_traditional, Operation::import_spki,
    Operation::read_csr, Operation::read_certificate,
};

/// Stable name for JSON and test names: "generate_key".
std::string_view to_string(Operation operation);
/// Heading for the printed matrix: "generate key".
std::string_view describe(Operation operation);

/// Whether an operation exists at all for a key algorithm (Ed25519 has no traditional
/// form: that is a fact of the algorithm, not a gap of any backend).
bool operation_applies(Operation operation, const KeySpec& spec);

/// One row of the matrix: an operation on a subject, supported or not and why.
struct Capability {
  Operation operation;
  std::string subject;  ///< what the operation is applied to, e.g. "ec:P-256"
  bool supported;
  std::string note;     ///< why not, when unsupported
};

/// A backend's whole matrix, as `polycert backends` prints it.
class Capabilities {
 public:
  void add(Operation operation, std::string subject, bool supported, std::string note = {});

  /// The row for (operation, subject), or nullptr if the matrix has none.
  const Capability* find(Operation operation, std::string_view subject) const;
  bool supports(Operation operation, std::string_view subject) const;
  bool supports(Operation operation, const KeySpec& spec) const {
    return supports(operation, to_string(spec));
  }

  const std::vector<Capability>& rows() const { return rows_; }

 private:
  std::vector<Capability> rows_;
};

/// Builds the matrix: one row per operation (kKeySpecOperations) × generatable spec where the
/// operation applies, then a sign_in_token row per spec. `missing` returns why a row is
/// unsupported, or "" if supported. A token key's signature needs of the library what a
/// certificate's does (the digest, the check with the public key), so the sign_in_token
/// rows follow the issue_certificate rows; `missing` is not asked about them.
Capabilities key_capabilities(
    const std::function<std::string(Operation, const KeySpec&)>& missing);

/// The primitive rows (derive_key, cipher, mac), one per algorithm in kPrimitiveRows.
struct PrimitiveRow {
  Operation operation;
  std::string_view subject;
};
extern const std::vector<PrimitiveRow> kPrimitiveRows;

/// Appends the primitive rows to `caps`; `missing` as for key_capabilities.
void add_primitive_capabilities(
    Capabilities& caps, const std::function<std::string(Operation, std::string_view)>& missing);

/// What a path validation request (path_validation.hpp) may ask of a library's validator
/// beyond a path to a trust anchor, one validate_path row each: a host name, an IP
/// address, an email address, a validation time, a maximum depth, each purpose, CRLs.
inline constexpr std::array<std::string_view, 10> kPathValidationChecks = {
    "host-name",      "ip-address",     "email-address",        "at-time",       "max-depth",
    "purpose:server", "purpose:client", "purpose:code-signing", "purpose:email", "crl",
};

/// Appends the validate_path rows (kPathValidationChecks); `missing` returns why the
/// library's validator cannot do a check, or "" if it can. Provider::validate_path refuses
/// a request that asks for a missing one, with that note, before the library sees it.
void add_path_validation_capabilities(Capabilities& caps,
                                      const std::function<std::string(std::string_view)>& missing);

inline void PrintTo(Operation operation, std::ostream* os) { *os << to_string(operation); }

}  // namespace polycert
