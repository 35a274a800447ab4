// What polycert puts in a certificate when the user does not say: the choices of a
// careful CA, so that a development certificate works in today's clients and a signed
// request never grants more than asked (no CA bit copied from a CSR).
#pragma once

#include <polycert/key_spec.hpp>
#include <polycert/x509.hpp>

#include <cstdint>

namespace polycert::cli {

/// Extensions of a new certificate: `requested` (from options or a CSR) completed with
/// defaults. A CA gets basicConstraints CA:TRUE and keyCertSign,cRLSign,digitalSignature;
/// an end entity CA:FALSE, digitalSignature (plus keyEncipherment for RSA) and serverAuth.
/// A CSR's own basicConstraints is never taken over.
ExtensionSet certificate_extensions(ExtensionSet requested, bool ca, const KeySpec& subject_key);

/// Validity from now for `days` days, in seconds since the Unix epoch.
struct Validity {
  std::int64_t not_before;
  std::int64_t not_after;
};
Validity validity_for_days(unsigned days);

}  // namespace polycert::cli
