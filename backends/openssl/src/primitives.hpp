// Symmetric primitives (primitives.cpp): the library context that holds OpenSSL's legacy
// provider, and the capability probe of the primitive rows.
#pragma once

#include "handles.hpp"

#include <polycert/capabilities.hpp>

#include <string>
#include <string_view>

namespace polycert::openssl_backend {

/// A library context owned by one provider object, with OpenSSL's "legacy" and "default"
/// providers loaded, for the ciphers OpenSSL 3 moved to the legacy provider (RC2).
/// A context of our own, because loading the legacy provider into the process-wide
/// default context would change what every other OpenSSL user in the process gets.
/// Member order matters: the providers are unloaded before the context is freed.
class LegacyLibrary {
 public:
  LegacyLibrary();

  /// The context, or null when the legacy provider could not be loaded.
  OSSL_LIB_CTX* context() const { return missing_.empty() ? context_.get() : nullptr; }
  /// Why the legacy provider could not be loaded, or "".
  std::string_view missing() const { return missing_; }

 private:
  LibCtxPtr context_;
  ProviderPtr default_;
  ProviderPtr legacy_;
  std::string missing_;
};

/// Why the primitive row (`operation`, `subject`) of kPrimitiveRows cannot be delivered
/// ("" = it can): fetches exactly what the operation fetches.
std::string probe_primitive(Operation operation, std::string_view subject,
                            const LegacyLibrary& legacy);

}  // namespace polycert::openssl_backend
