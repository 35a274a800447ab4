// The Botan 2 backend's factory. Reach backends through polycert/registry.hpp; this header
// exists for the registry and for benchmarks that compare against the native library.
#pragma once

#include <polycert/provider.hpp>

#include <memory>

namespace polycert::backends {

/// A new provider over this backend's library (backends::make_provider("botan") calls it).
std::unique_ptr<Provider> make_botan_provider();

/// The version of the Botan library linked at run time, as library_version() says it,
/// without making a provider (what `polycert --version` prints).
std::string botan_library_version();

}  // namespace polycert::backends
