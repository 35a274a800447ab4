// Issuance policy, decided once in core so every backend issues the same certificate
// from the same request (docs/issuance.md): which names polycert writes into requests and
// certificates, what `sign` copies from a request, and which CA certificates may issue.
#pragma once

#include <polycert/error.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/name.hpp>
#include <polycert/x509.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polycert {

/// A dNSName in the preferred name syntax (RFC 5280 4.2.1.6, RFC 1035 2.3.1, RFC 5890
/// LDH labels): labels of 1 to 63 letters, digits and hyphens, neither first nor last a
/// hyphen, at most 253 characters, no trailing dot, a last label not all digits (an
/// address goes in IP:). With `allow_wildcard`, the leftmost label may be "*" when two
/// labels or more follow it ("*.acme.com", not "*" nor "*.com"). invalid_input names the
/// value and the rule.
Result<void> check_dns_name(std::string_view name, bool allow_wildcard = true);

/// An rfc822Name: local@domain, the local part a dot-atom of at most 64 characters
/// (RFC 5321 4.1.2, 4.5.3.1.1), the domain a DNS name without wildcard.
Result<void> check_email_address(std::string_view address);

/// URI schemes polycert writes into subjectAltName; script-carrying ones (javascript:,
/// data:, ...) are not among them.
inline constexpr std::array<std::string_view, 7> kAllowedUriSchemes = {
    "http", "https", "ldap", "ldaps", "mailto", "spiffe", "urn"};

/// A uniformResourceIdentifier (RFC 5280 4.2.1.6): a scheme of kAllowedUriSchemes and a
/// scheme-specific part; http(s) and ldap(s) carry a host that is a DNS name or an IP
/// address, spiffe a trust domain, urn a namespace, mailto an email address.
Result<void> check_uri(std::string_view uri);

/// One subjectAltName entry by its kind: DNS, IP, email and URI by the checks above (and
/// printable ASCII, as IA5String); any other form is invalid_input, since polycert cannot
/// check what it would vouch for.
Result<void> check_general_name(const GeneralName& name);

/// RFC 5280 4.2.1.3: keyCertSign only in a CA certificate. invalid_input naming the bit.
Result<void> check_key_usage_for(std::uint16_t bits, bool ca);

/// Extensions of a new certificate: `requested` completed with defaults. A CA gets
/// basicConstraints CA:TRUE and keyCertSign,cRLSign,digitalSignature; an end entity
/// CA:FALSE, digitalSignature (plus keyEncipherment for RSA) when no keyUsage is given and
/// serverAuth when no extendedKeyUsage is. basicConstraints from `requested` is never
/// taken over. invalid_input when an end entity asks for keyCertSign.
Result<ExtensionSet> complete_extensions(ExtensionSet requested, bool ca,
                                         const KeySpec& subject_key);

/// What the operator of `sign` decided, beyond the request.
struct IssuanceOptions {
  bool ca = false;  ///< issue a CA certificate (--ca)
  /// Given on the command line: issued as given instead of the request's.
  std::optional<std::uint16_t> key_usage;
  std::optional<std::vector<std::string>> extended_key_usage;
  std::int64_t not_after = 0;  ///< the new certificate's, seconds since the Unix epoch (UTC)
};

/// What `sign` issues: subject and extensions for the CertificateSpec, and what the
/// operator should hear (usages not copied, a certificate that outlives its CA).
struct Issuance {
  DistinguishedName subject;
  ExtensionSet extensions;
  std::vector<std::string> warnings;
  bool usages_left_out = false;  ///< usages of the request were not copied (a warning says which)
};

/// The request usages an end entity inherits without being asked: keyUsage bits but
/// keyCertSign and cRLSign; extendedKeyUsage serverAuth, clientAuth, emailProtection.
inline constexpr std::uint16_t kCopiedKeyUsage = kDigitalSignature | kContentCommitment |
                                                 kKeyEncipherment | kDataEncipherment |
                                                 kKeyAgreement | kEncipherOnly | kDecipherOnly;
bool copied_extended_key_usage(std::string_view oid);

/// Refuses an issuer that `chain` would refuse as one (mismatch): not CA:TRUE, a keyUsage
/// without keyCertSign, not valid at `now`, or a pathLenConstraint of 0 when issuing a CA
/// that is not self-issued (its subject the issuer's own).
Result<void> check_issuer(const CertificateInfo& issuer, bool issuing_ca,
                          const DistinguishedName& subject, std::int64_t now);

/// The certificate `sign` issues from `request` under `issuer` at `now`: check_issuer
/// (mismatch, about the CA certificate), then the request (invalid_input, about the
/// request): subject values within their upper bounds (check_name_values), every SAN
/// passing check_general_name, a subject or a SAN to certify. Usages: with options.ca the
/// CA set (the request's extendedKeyUsage dropped); without, the request's usages
/// filtered by kCopiedKeyUsage and copied_extended_key_usage, each dropped one named in a
/// warning, unless options give keyUsage or extendedKeyUsage, which replace the request's.
Result<Issuance> plan_issuance(const CsrInfo& request, const CertificateInfo& issuer,
                               const IssuanceOptions& options, std::int64_t now);

}  // namespace polycert
