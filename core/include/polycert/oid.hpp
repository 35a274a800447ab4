// The OIDs polycert writes and reads by name, in one place (dotted text; der::encode_oid
// writes them). Algorithm tables with many entries keep theirs next to the table.
#pragma once

#include <string_view>

namespace polycert::oid {

// Public key algorithms (RFC 3279, RFC 5480, RFC 8410).
inline constexpr std::string_view kRsaEncryption = "1.2.840.113549.1.1.1";
inline constexpr std::string_view kEcPublicKey = "1.2.840.10045.2.1";
inline constexpr std::string_view kEd25519 = "1.3.101.112";
inline constexpr std::string_view kEd448 = "1.3.101.113";
inline constexpr std::string_view kRsaPss = "1.2.840.113549.1.1.10";
inline constexpr std::string_view kDsa = "1.2.840.10040.4.1";

// Name attributes (X.520, PKCS#9).
inline constexpr std::string_view kCommonName = "2.5.4.3";
inline constexpr std::string_view kCountry = "2.5.4.6";
inline constexpr std::string_view kEmailAddress = "1.2.840.113549.1.9.1";

// Extended key usages, extensions (RFC 5280) and request attributes (PKCS#9).
inline constexpr std::string_view kServerAuth = "1.3.6.1.5.5.7.3.1";
inline constexpr std::string_view kClientAuth = "1.3.6.1.5.5.7.3.2";
inline constexpr std::string_view kSubjectAltName = "2.5.29.17";
inline constexpr std::string_view kKeyUsage = "2.5.29.15";
inline constexpr std::string_view kExtendedKeyUsage = "2.5.29.37";
inline constexpr std::string_view kBasicConstraints = "2.5.29.19";
inline constexpr std::string_view kSubjectKeyIdentifier = "2.5.29.14";
inline constexpr std::string_view kAuthorityKeyIdentifier = "2.5.29.35";
inline constexpr std::string_view kCertificatePolicies = "2.5.29.32";
inline constexpr std::string_view kNameConstraints = "2.5.29.30";
// CRL and CRL entry extensions (RFC 5280 5.2, 5.3).
inline constexpr std::string_view kCrlNumber = "2.5.29.20";
inline constexpr std::string_view kCrlReason = "2.5.29.21";
inline constexpr std::string_view kInvalidityDate = "2.5.29.24";
inline constexpr std::string_view kDeltaCrlIndicator = "2.5.29.27";
inline constexpr std::string_view kIssuingDistributionPoint = "2.5.29.28";
inline constexpr std::string_view kCertificateIssuer = "2.5.29.29";
inline constexpr std::string_view kAnyPolicy = "2.5.29.32.0";
inline constexpr std::string_view kChallengePassword = "1.2.840.113549.1.9.7";
inline constexpr std::string_view kUnstructuredName = "1.2.840.113549.1.9.2";
inline constexpr std::string_view kExtensionRequest = "1.2.840.113549.1.9.14";

}  // namespace polycert::oid
