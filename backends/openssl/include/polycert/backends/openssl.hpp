// The OpenSSL 3 backend's factory. Reach backends through polycert/registry.hpp; this header
// exists for the registry and for benchmarks that compare against the native library.
#pragma once

#include <polycert/provider.hpp>

#include <memory>
#include <optional>

namespace polycert::backends {

/// A new provider over this backend's library (backends::make_provider("openssl") calls it).
std::unique_ptr<Provider> make_openssl_provider();

/// The version of the OpenSSL library linked at run time, as library_version() says it,
/// without making a provider (what `polycert --version` prints).
std::string openssl_library_version();

/// OpenSSL's own request and certificate builders (X509_REQ, X509 and their sign_ctx), for
/// the conformance check that core's encoders write what the library itself would.
/// Provider::create_csr and issue_certificate do not use them. `openssl` must come from
/// make_openssl_provider(); the keys must be its own.
Result<Bytes> create_csr_natively(Provider& openssl, const PrivateKey& key, const CsrSpec& spec);
Result<Bytes> issue_certificate_natively(Provider& openssl, const CertificateSpec& spec,
                                         ByteView subject_spki, const PrivateKey& issuer_key,
                                         std::optional<ByteView> issuer_certificate);

}  // namespace polycert::backends
