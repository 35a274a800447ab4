// The Mbed TLS 2.28 Provider: identity, the capability matrix, and the do_* entry points,
// which forward to keys.cpp, csr.cpp and certificate.cpp (primitives.cpp implements its own).
//
// Missing: Ed25519 in every row, keys and X.509 alike (Mbed TLS 2.28 has no EdDSA); see
// keys.cpp (missing_key_capability answers for every Operation). RC2 (the rc2-40-cbc cipher
// row); see primitives.cpp.
// Quirk: the version is read at run time (mbedtls_version_get_string), not from the
// headers, so a different shared library than the one compiled against shows up.
#include "errors.hpp"
#include "keys.hpp"
#include "mbedtls_provider.hpp"
#include "primitives.hpp"
#include "x509_support.hpp"

#include <polycert/backends/mbedtls.hpp>

#include <mbedtls/version.h>

#include <array>

namespace polycert::mbedtls_backend {


MbedtlsProvider::MbedtlsProvider()
    : Provider(ProviderRoles{this, this, this}),
      version_(backends::mbedtls_library_version()),
      capabilities_(key_capabilities(&missing_key_capability)) {
  add_primitive_capabilities(capabilities_, &missing_primitive_capability);
  add_path_validation_capabilities(capabilities_, &missing_path_check);
}

std::string_view MbedtlsProvider::name() const { return kBackendName; }

Result<std::unique_ptr<PrivateKey>> MbedtlsProvider::do_generate_key(const KeySpec& spec) {
  return generate_private_key(*this, spec);
}

Result<std::unique_ptr<PrivateKey>> MbedtlsProvider::do_import_private_key(
    ByteView der, PrivateKeyForm form, const KeyStructure& key) {
  return parse_private_key(*this, der, form, key);
}

Result<std::unique_ptr<PublicKey>> MbedtlsProvider::do_import_public_key(ByteView spki_der,
                                                                         const KeyStructure& key) {
  return parse_public_key(*this, spki_der, key);
}

Result<SecureBuffer> MbedtlsProvider::do_export_private_key(const PrivateKey& key,
                                                            PrivateKeyForm form) {
  return write_private_key(*this, native(key), form);
}

Result<Bytes> MbedtlsProvider::do_export_public_key(const PrivateKey& key) {
  return write_public_key(native(key).pk());
}

Result<Bytes> MbedtlsProvider::do_export_public_key(const PublicKey& key) {
  return write_public_key(native(key).pk());
}

Result<CsrInfo> MbedtlsProvider::do_parse_csr(ByteView der) { return read_csr(*this, der); }

Result<CertificateInfo> MbedtlsProvider::do_parse_certificate(ByteView der) {
  return read_certificate(*this, der);
}

Result<SecureBuffer> MbedtlsProvider::do_random_bytes(std::size_t count) {
  if (auto ready = rng_.ready(); !ready) return std::unexpected(ready.error());
  SecureBuffer out(count);
  // count is at most 1024 (core), which is MBEDTLS_CTR_DRBG_MAX_REQUEST: one call.
  const int ret = Rng::random(rng_.context(), out.data(), out.size());
  if (ret != 0) return std::unexpected(library_error(ErrorCode::internal, "CTR_DRBG failed", ret));
  return out;
}

}  // namespace polycert::mbedtls_backend

namespace polycert::backends {

std::unique_ptr<Provider> make_mbedtls_provider() {
  return std::make_unique<mbedtls_backend::MbedtlsProvider>();
}

std::string mbedtls_library_version() {
  std::array<char, 32> text{};  // the API asks for at least 9 bytes ("x.y.z" + NUL)
  mbedtls_version_get_string(text.data());
  return "Mbed TLS " + std::string(text.data());
}

}  // namespace polycert::backends
