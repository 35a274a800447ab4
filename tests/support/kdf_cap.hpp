// Sets the process's KDF cap (primitives.hpp) for one test and puts the default back.
#pragma once

#include <polycert/primitives.hpp>

#include <cstdint>

namespace polycert::testing {

class KdfCap {
 public:
  explicit KdfCap(std::uint32_t limit) { set_max_kdf_iterations(limit); }
  ~KdfCap() { set_max_kdf_iterations(kDefaultMaxKdfIterations); }
  KdfCap(const KdfCap&) = delete;
  KdfCap& operator=(const KdfCap&) = delete;
};

}  // namespace polycert::testing
