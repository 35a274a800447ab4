// The Mbed TLS 2.28 backend's factory. Reach backends through polycert/registry.hpp; this header
// exists for the registry and for benchmarks that compare against the native library.
#pragma once

#include <polycert/provider.hpp>

#include <memory>

namespace polycert::backends {

/// A new provider over this backend's library (backends::make_provider("mbedtls") calls it).
std::unique_ptr<Provider> make_mbedtls_provider();

/// The version of the Mbed TLS library linked at run time, as library_version() says it,
/// without making a provider (what `polycert --version` prints).
std::string mbedtls_library_version();

}  // namespace polycert::backends
