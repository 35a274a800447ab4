// Semantic diff: how two backends' readings of a request, certificate or key differ by
// meaning (RDN order, string types, attributes, extensions, key encoding), and whether
// the difference matters to verifiers. Pure functions over what the backends read.
#pragma once

#include <polycert/conformance/outcome.hpp>
#include <polycert/x509.hpp>

#include <string>
#include <vector>

namespace polycert::conformance {

/// Differences between two distinguished names: RDN count and order, attribute types,
/// values, string types and multi-valued RDNs. `field` prefixes each Difference::field
/// ("subject", "issuer").
std::vector<Difference> diff_names(const std::string& field, const DistinguishedName& left,
                                   const DistinguishedName& right, const std::string& left_source,
                                   const std::string& right_source);

/// Differences between two readings of requests: subject, public key, key spec,
/// typed extensions, every requested extension as encoded (OID, criticality, value),
/// challengePassword (compared, never printed), unstructuredName, signature algorithm,
/// signature validity.
std::vector<Difference> diff_csr(const CsrInfo& left, const CsrInfo& right,
                                 const std::string& left_source, const std::string& right_source);

/// Differences between two readings of certificates: subject, issuer, serial, validity,
/// public key, key spec, typed extensions, key identifiers, every extension as encoded,
/// signature algorithm, fingerprint.
std::vector<Difference> diff_certificate(const CertificateInfo& left, const CertificateInfo& right,
                                         const std::string& left_source,
                                         const std::string& right_source);

/// Differences between two private key encodings (PKCS#8 PrivateKeyInfo DER) of what should
/// be the same key: version, algorithm parameters (named curve or explicit), the optional
/// public key inside SEC1 / OneAsymmetricKey, attributes, and whether the key itself
/// (private scalar or RSA components) differs, which matters. Private values are never
/// printed: only "same" / "differs" and lengths.
std::vector<Difference> diff_private_key_encoding(ByteView left_pkcs8, ByteView right_pkcs8,
                                                  const std::string& left_source,
                                                  const std::string& right_source);

/// True if any difference matters to verifiers.
bool any_matters(const std::vector<Difference>& differences);

}  // namespace polycert::conformance
