#include "certificate_defaults.hpp"

#include <ctime>

namespace polycert::cli {

ExtensionSet certificate_extensions(ExtensionSet requested, bool ca, const KeySpec& subject_key) {
  requested.basic_constraints = BasicConstraints{ca, std::nullopt};
  if (ca) {
    requested.key_usage = static_cast<std::uint16_t>(kKeyCertSign | kCrlSign | kDigitalSignature);
    return requested;
  }
  if (!requested.key_usage) {
    std::uint16_t bits = kDigitalSignature;
    if (subject_key.algorithm == KeyAlgorithm::rsa) bits |= kKeyEncipherment;
    requested.key_usage = bits;
  }
  if (requested.extended_key_usage.empty())
    requested.extended_key_usage.emplace_back(oid::kServerAuth);
  return requested;
}

Validity validity_for_days(unsigned days) {
  const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  return {now, now + static_cast<std::int64_t>(days) * 86400};
}

}  // namespace polycert::cli
