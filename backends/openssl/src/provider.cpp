// The OpenSSL 3 Provider: identity, the capability matrix, randomness and the key do_*
// overrides, which forward to keys.cpp (CSRs: csr.cpp; certificates: certificate.cpp).
//
// Missing capabilities: none on a stock OpenSSL 3.0. The matrix is probed, not assumed:
// an algorithm whose key manager the loaded providers lack (e.g. Ed25519 under a
// FIPS-only configuration) is denied with that reason, and the operations refuse it the
// same way. The X.509 rows (create_csr, read_csr, issue_certificate, read_certificate)
// follow the same probe: OpenSSL 3.0 builds, signs, reads and verifies requests and
// certificates for every key it holds, so a row is denied only when the key is. The
// primitive rows (primitives.cpp) are probed too: rc2-40-cbc needs OpenSSL's legacy
// provider module, and is denied with OpenSSL's reason when it cannot be loaded.
#include "errors.hpp"
#include "openssl_provider.hpp"

#include <polycert/backends/openssl.hpp>

#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace polycert::openssl_backend {

OpenSslProvider::OpenSslProvider() : Provider(ProviderRoles{this, this, this}) {
  for (KeyAlgorithm algorithm : {KeyAlgorithm::rsa, KeyAlgorithm::ec, KeyAlgorithm::ed25519})
    missing_[static_cast<std::size_t>(algorithm)] = probe_algorithm(algorithm);
  // Every operation, key and X.509 alike, needs exactly the key manager of its algorithm.
  capabilities_ = key_capabilities(
      [this](Operation, const KeySpec& spec) { return std::string(missing(spec.algorithm)); });
  // The primitive rows are probed the same way: each fetches what its operation fetches.
  add_primitive_capabilities(capabilities_, [this](Operation operation, std::string_view subject) {
    return probe_primitive(operation, subject, legacy_);
  });
  add_path_validation_capabilities(capabilities_, &missing_path_check);
}

std::string OpenSslProvider::library_version() const { return backends::openssl_library_version(); }

Result<std::unique_ptr<PrivateKey>> OpenSslProvider::do_generate_key(const KeySpec& spec) {
  return generate_private_key(*this, spec);
}

Result<std::unique_ptr<PrivateKey>> OpenSslProvider::do_import_private_key(
    ByteView der, PrivateKeyForm form, const KeyStructure& key) {
  return read_private_key(*this, der, form, key);
}

Result<std::unique_ptr<PublicKey>> OpenSslProvider::do_import_public_key(ByteView spki_der,
                                                                         const KeyStructure& key) {
  return read_public_key(*this, spki_der, key);
}

// The core has checked that these keys belong to this backend, so the casts are safe.
Result<SecureBuffer> OpenSslProvider::do_export_private_key(const PrivateKey& key,
                                                            PrivateKeyForm form) {
  return write_private_key(static_cast<const OpenSslPrivateKey&>(key), form);
}

Result<Bytes> OpenSslProvider::do_export_public_key(const PrivateKey& key) {
  return write_public_key(static_cast<const OpenSslPrivateKey&>(key).native());
}

Result<Bytes> OpenSslProvider::do_export_public_key(const PublicKey& key) {
  return write_public_key(static_cast<const OpenSslPublicKey&>(key).native());
}

Result<SecureBuffer> OpenSslProvider::do_random_bytes(std::size_t count) {
  ErrorQueueScope errors;
  SecureBuffer bytes(count);
  // RAND_bytes: the default library context's public DRBG, reseeded after fork.
  if (RAND_bytes(bytes.data(), static_cast<int>(count)) != 1)
    return std::unexpected(openssl_error(ErrorCode::internal, "cannot get random bytes"));
  return bytes;
}

}  // namespace polycert::openssl_backend

namespace polycert::backends {

std::unique_ptr<Provider> make_openssl_provider() {
  return std::make_unique<openssl_backend::OpenSslProvider>();
}

std::string openssl_library_version() {
  // The run-time library's own text, not the OPENSSL_VERSION_TEXT of the headers.
  return OpenSSL_version(OPENSSL_VERSION);
}

Result<Bytes> create_csr_natively(Provider& openssl, const PrivateKey& key, const CsrSpec& spec) {
  return dynamic_cast<openssl_backend::OpenSslProvider&>(openssl).create_csr_natively(key, spec);
}

Result<Bytes> issue_certificate_natively(Provider& openssl, const CertificateSpec& spec,
                                         ByteView subject_spki, const PrivateKey& issuer_key,
                                         std::optional<ByteView> issuer_certificate) {
  auto& provider = dynamic_cast<openssl_backend::OpenSslProvider&>(openssl);
  if (!issuer_certificate)
    return provider.issue_certificate_natively(spec, subject_spki, issuer_key, nullptr);
  auto issuer = provider.parse_certificate(*issuer_certificate);
  if (!issuer) return std::unexpected(issuer.error());
  return provider.issue_certificate_natively(spec, subject_spki, issuer_key, &*issuer);
}

}  // namespace polycert::backends
