// What reading certificates and requests (x509_structure.cpp) and CRLs (crl.cpp) share:
// the signed envelope, the Extensions list and the AlgorithmIdentifier's words.
// Internal to core/src.
#pragma once

#include <polycert/der.hpp>
#include <polycert/error.hpp>
#include <polycert/x509.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace polycert::signed_object_parts {

std::unexpected<Error> refuse(std::string_view what, std::string message);

/// Certificate / CertificationRequest / CertificateList ::= SEQUENCE { tbs,
/// signatureAlgorithm, signature }, nothing after it.
struct SignedParts {
  der::Element to_be_signed;
  der::Element algorithm;
  ByteView signature;  ///< the BIT STRING's octets, whole octets only
};
Result<SignedParts> split_signed(ByteView der, std::string_view what);

/// Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension (RFC 5280 4.1): DER BOOLEANs, no
/// duplicates.
Result<std::vector<Extension>> read_extension_list(ByteView sequence_content, std::string_view what);

/// "sha256WithRSAEncryption, NULL parameters": enough to tell two AlgorithmIdentifiers apart.
std::string algorithm_text(ByteView identifier);

/// The dotted OID of a whole AlgorithmIdentifier.
Result<std::string> algorithm_oid(ByteView identifier);

}  // namespace polycert::signed_object_parts
