#include "certificate_defaults.hpp"

#include <ctime>

namespace polycert::cli {

Validity validity_for_days(unsigned days) {
  const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  return {now, now + static_cast<std::int64_t>(days) * 86400};
}

}  // namespace polycert::cli
