// What the CSR and certificate conformance tests share: the committed keys imported into a
// backend, the request and certificate every backend is asked to build, and the pieces of
// DER the tests compare across backends.
#pragma once

#include "backend_cases.hpp"

#include <polycert/provider.hpp>
#include <polycert/x509.hpp>

#include <memory>
#include <string>

namespace polycert::testing {

/// The committed openssl-made key for `spec` (keys/<stem>.pkcs8.der) imported into
/// `provider`: signing tests never wait for key generation.
Result<std::unique_ptr<PrivateKey>> fixture_key(Provider& provider, const KeySpec& spec);

/// A request that uses every feature: a multi-valued RDN, UTF-8, a dotted OID, every SAN
/// kind, keyUsage, extendedKeyUsage, basicConstraints and both PKCS#9 attributes.
CsrSpec full_csr_spec();

/// A CA certificate's contents (basicConstraints CA, keyCertSign), valid from 2023 until
/// 2051, so notAfter needs GeneralizedTime.
CertificateSpec ca_certificate_spec(std::string_view common_name, std::optional<unsigned> path_length);
/// A server certificate's contents (serverAuth, SANs), valid until the last second
/// UTCTime can express.
CertificateSpec leaf_certificate_spec(std::string_view dns_name);

/// The signed part of a request or certificate (CertificationRequestInfo / TBSCertificate)
/// with its tag and length: what must be byte-identical when two backends build the same
/// thing (signatures differ where the scheme is randomised).
Bytes signed_part(ByteView der);

/// A copy of `der` with one bit of the signature flipped.
Bytes with_corrupt_signature(ByteView der);

}  // namespace polycert::testing
