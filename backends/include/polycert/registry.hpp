// The registry of compiled-in backends: the one place the CLI, tests and benchmarks get
// a Provider from. An explicit table (backends/registry.cpp), not static registration,
// so a static link can never silently drop a backend.
#pragma once

#include <polycert/error.hpp>
#include <polycert/provider.hpp>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace polycert::backends {

/// Names of the compiled-in backends, in default-preference order (openssl, botan, mbedtls).
std::span<const std::string_view> available();

/// The linked library's version of a compiled-in backend ("OpenSSL 3.0.19 27 Jan 2026"),
/// without making a provider; nullopt for a name not compiled in.
std::optional<std::string> library_version(std::string_view name);

/// A fresh provider. Unknown or not compiled in: invalid_input listing what is available.
Result<std::unique_ptr<Provider>> make_provider(std::string_view name);

/// The backend to use: `requested` (from --backend) if given, else $POLYCERT_BACKEND if set
/// and non-empty, else the first available.
Result<std::string> resolve_name(std::optional<std::string_view> requested);

}  // namespace polycert::backends
