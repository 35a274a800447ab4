// What the CSR and certificate conformance tests share: the committed keys imported into a
// backend, and the specimens every backend is asked to build.
#pragma once

#include "backend_cases.hpp"

#include <polycert/conformance/specimens.hpp>
#include <polycert/provider.hpp>
#include <polycert/x509.hpp>

#include <memory>
#include <string>

namespace polycert::testing {

/// The committed openssl-made key for `spec` (keys/<stem>.pkcs8.der) imported into
/// `provider`: signing tests never wait for key generation.
Result<std::unique_ptr<PrivateKey>> fixture_key(Provider& provider, const KeySpec& spec);

// What every backend is asked to build: the conformance library's specimens, shared with
// `polycert conformance`.
using conformance::ca_certificate_spec;
using conformance::full_csr_spec;
using conformance::leaf_certificate_spec;
using conformance::with_corrupt_signature;

/// The signed part of a request or certificate (conformance::signed_part); throws when
/// `der` is not a signed object.
inline Bytes signed_part(ByteView der) { return conformance::signed_part(der).value(); }

}  // namespace polycert::testing
