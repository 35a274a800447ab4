// RFC 5280 section 6 path validation, asked of a backend's own validator: what to
// validate, and the verdict in words every backend shares plus the library's own code and
// message. Core validates nothing here: the point is what each library decides.
#pragma once

#include <polycert/error.hpp>
#include <polycert/secure_buffer.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polycert {

/// Which certificates of the path must be shown not revoked by a CRL of `crls`.
enum class RevocationScope {
  none,   ///< no revocation check (no CRL given)
  leaf,   ///< the end-entity certificate only (openssl verify -crl_check)
  chain,  ///< every certificate but the trust anchor (-crl_check_all, Botan's require_rev)
};

std::string_view to_string(RevocationScope scope);

/// What the end-entity certificate must be good for (its extendedKeyUsage, and what the
/// library ties to it).
enum class Purpose { any, server, client, code_signing, email };

std::string_view to_string(Purpose purpose);
/// "server", "client", "code-signing", "email" or "any"; invalid_input otherwise.
Result<Purpose> parse_purpose(std::string_view text);

struct PathValidationRequest {
  Bytes leaf;                        ///< strict DER
  std::vector<Bytes> untrusted;      ///< intermediates (strict DER), any order
  std::vector<Bytes> trusted;        ///< trust anchors (strict DER)
  Purpose purpose = Purpose::any;
  std::optional<std::string> host;   ///< DNS name the leaf must be for (RFC 6125 / 9525)
  std::optional<std::string> ip;     ///< IP address the leaf must be for, as text
  std::optional<std::string> email;  ///< rfc822Name the leaf must be for
  std::optional<std::int64_t> at;    ///< validation time (Unix seconds); unset: now
  std::optional<unsigned> max_depth; ///< at most this many intermediates
  bool cn_fallback = false;          ///< match --host against the CN when there is no SAN
  std::vector<Bytes> crls;           ///< certificate revocation lists (strict DER)
  /// With a scope, a certificate in it that no CRL of its issuer covers is refused
  /// (revocation_unknown), as is one covered by an expired or wrongly signed CRL.
  RevocationScope revocation = RevocationScope::none;
};

/// The validate_path capability rows (kPathValidationChecks) `request` asks for: "ip-address"
/// when it has an IP address, "purpose:server" for that purpose, "crl" with a revocation
/// scope...
std::vector<std::string_view> checks_asked(const PathValidationRequest& request);

/// The check that failed, in words every backend's verdict is mapped to.
enum class PathCheck {
  none,                ///< the path is valid
  untrusted,           ///< no path to a trust anchor (issuer missing, root not trusted)
  signature,           ///< a signature does not verify
  expired,             ///< a certificate is expired at the validation time
  not_yet_valid,       ///< a certificate is not yet valid at the validation time
  not_a_ca,            ///< an issuer is not a CA (basicConstraints)
  path_length,         ///< pathLenConstraint or the maximum depth exceeded
  key_usage,           ///< an issuer's keyUsage lacks keyCertSign
  purpose,             ///< extendedKeyUsage does not allow the purpose
  name_constraints,    ///< a name outside a CA's nameConstraints
  host,                ///< the leaf is not for --host / --ip / --email
  critical_extension,  ///< an unknown critical extension
  weak_algorithm,      ///< a hash or key the library's profile refuses
  revoked,
  revocation_unknown,  ///< no usable CRL covers a certificate the scope asks about
  crl_invalid,         ///< a CRL is expired, not yet valid, or its signature does not verify
  other,
};

std::string_view to_string(PathCheck check);

/// One library's verdict on one path.
struct PathVerdict {
  bool valid = false;
  PathCheck check = PathCheck::none;
  int depth = -1;                  ///< of the certificate that failed (0: the leaf); -1: none
  std::string certificate;         ///< its subject, as the library names it
  std::string library_code;        ///< the library's own code ("X509_V_ERR_CERT_HAS_EXPIRED (10)")
  std::string library_message;     ///< and its message
  std::vector<std::string> path;   ///< subjects of the path it built, leaf first, when valid
};

/// A certificate's subject (its DER Name) as verdicts show it: "/C=US/O=Acme/CN=api".
std::string describe_subject(ByteView name_der);

}  // namespace polycert
