// What every backend is asked to build in the conformance cases: one request and two
// certificates that use every feature polycert writes, and the pieces of DER the cases
// compare across backends.
#pragma once

#include <polycert/x509.hpp>

#include <optional>
#include <string_view>

namespace polycert::conformance {

/// A request that uses every feature: a multi-valued RDN, UTF-8, a dotted OID, every SAN
/// kind, keyUsage, extendedKeyUsage, basicConstraints and both PKCS#9 attributes.
CsrSpec full_csr_spec();

/// A CA certificate's contents (basicConstraints CA, keyCertSign), valid from 2023 until
/// 2051, so notAfter needs GeneralizedTime.
CertificateSpec ca_certificate_spec(std::string_view common_name, std::optional<unsigned> path_length);

/// A server certificate's contents (serverAuth, SANs), valid until the last second
/// UTCTime can express; its serial has the top bit set (encoded with a leading zero).
CertificateSpec leaf_certificate_spec(std::string_view dns_name);

/// The signed part of a request or certificate (CertificationRequestInfo / TBSCertificate)
/// with its tag and length: what must be byte-identical when two backends build the same
/// thing (signatures differ where the scheme is randomised). invalid_input if `der` is not
/// a signed object.
Result<Bytes> signed_part(ByteView der);

/// A copy of `der` with one bit of the signature flipped.
Bytes with_corrupt_signature(ByteView der);

}  // namespace polycert::conformance
