// What polycert puts in a certificate when the user does not say: the extension defaults
// are core's issuance policy (complete_extensions in polycert/issuance.hpp, the same for
// selfsign and sign); the validity period starts now.
#pragma once

#include <cstdint>

namespace polycert::cli {

/// Validity from now for `days` days, in seconds since the Unix epoch.
struct Validity {
  std::int64_t not_before;
  std::int64_t not_after;
};
Validity validity_for_days(unsigned days);

}  // namespace polycert::cli
