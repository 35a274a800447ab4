// The exact bytes of what polycert signs: a request's CertificationRequestInfo, a
// certificate's TBSCertificate and a CRL's TBSCertList, encoded once here for every backend. A backend only signs
// them (Provider::sign), so requests and certificates are the same bytes whichever
// library made them, and a key that can only sign (a token's) makes them too.
#pragma once

#include <polycert/crl.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/secure_buffer.hpp>
#include <polycert/x509.hpp>

#include <vector>

namespace polycert {

/// AlgorithmIdentifier of signature_algorithm_oid(algorithm, digest): RSA PKCS#1 v1.5 with
/// NULL parameters, ECDSA and Ed25519 with none (RFC 4055 5, RFC 5758 3.2, RFC 8410 3).
Bytes signature_algorithm_identifier(KeyAlgorithm algorithm, Digest digest);

/// CertificationRequestInfo (RFC 2986 4.1): version 0, encode_name(spec.subject), `spki`
/// as given, and the [0] attributes: one extensionRequest with
/// encode_extensions(spec.extensions, false) when there are any, challengePassword and
/// unstructuredName in the type choose_string_type() gives, in DER's SET OF order.
/// A SecureBuffer: the challenge password is in it.
SecureBuffer encode_request_info(const CsrSpec& spec, ByteView spki);

/// What a TBSCertificate holds besides its CertificateSpec.
struct TbsCertificateParts {
  ByteView subject_spki;
  ByteView issuer_name;          ///< the issuer's subject Name, or the subject's own
  ByteView signature_algorithm;  ///< signature_algorithm_identifier() of the issuer key
  std::vector<Extension> extensions;
};

/// TBSCertificate (RFC 5280 4.1): v3, the serial as a positive INTEGER, validity as
/// UTCTime through 2049 and GeneralizedTime from 2050 (4.1.2.5), encode_name(spec.subject),
/// and `parts`.
Bytes encode_tbs_certificate(const CertificateSpec& spec, const TbsCertificateParts& parts);

/// TBSCertList (RFC 5280 5.1): v2, `signature_algorithm`, `issuer_name`, thisUpdate and
/// nextUpdate (times as in a certificate), revokedCertificates when there are any, in the
/// order given, each with a reasonCode entry extension unless its reason is unset or
/// unspecified (5.3.1: SHOULD be absent), and crlExtensions authorityKeyIdentifier
/// ([0] keyIdentifier) and cRLNumber.
Bytes encode_tbs_cert_list(const CrlSpec& spec, ByteView issuer_name,
                           ByteView signature_algorithm, ByteView authority_key_id);

/// subjectKeyIdentifier and authorityKeyIdentifier ([0] keyIdentifier only), non-critical.
/// A positive DER INTEGER from a big-endian magnitude: leading zeros dropped, one put back
/// when the top bit is set (serials, CRL numbers, RSA numbers, ECDSA r and s).
SecureBuffer positive_integer(ByteView magnitude);

Extension subject_key_identifier_extension(ByteView key_id);
Extension authority_key_identifier_extension(ByteView key_id);

/// SEQUENCE { to-be-signed, AlgorithmIdentifier, BIT STRING signature }: a signed request
/// or certificate.
Bytes encode_signed(ByteView to_be_signed, ByteView signature_algorithm, ByteView signature);

}  // namespace polycert
