// Warm elliptic-curve groups for key generation and the import pair check (keys.cpp).
//
// mbedtls_ecp_gen_key and mbedtls_pk_check_pair load (or copy) a fresh group on every
// call, and a fresh group has no precomputed multiples of its generator: mbedtls_ecp_mul
// rebuilds that comb table each time, which is most of the cost of a P-256 key (~1.3 ms
// instead of ~0.5 ms). A group that stays loaded keeps the table mbedtls_ecp_mul caches
// in it (MBEDTLS_ECP_FIXED_POINT_OPTIM, on by default), so each provider keeps one per
// curve. Not thread-safe (mbedtls_ecp_mul writes the cache), like the provider.
#pragma once

#include <mbedtls/ecp.h>

#include <array>
#include <cstddef>

namespace polycert::mbedtls_backend {

class EcGroups {
 public:
  EcGroups() {
    for (Slot& slot : slots_) mbedtls_ecp_group_init(&slot.group);
  }
  ~EcGroups() {
    for (Slot& slot : slots_) mbedtls_ecp_group_free(&slot.group);
  }
  EcGroups(const EcGroups&) = delete;
  EcGroups& operator=(const EcGroups&) = delete;

  /// The loaded group `id` (P-256, P-384 or P-521), or null when it is another curve or
  /// Mbed TLS cannot load it.
  mbedtls_ecp_group* get(mbedtls_ecp_group_id id) {
    for (Slot& slot : slots_) {
      if (slot.id != id) continue;
      if (!slot.loaded) {
        if (mbedtls_ecp_group_load(&slot.group, id) != 0) {
          mbedtls_ecp_group_free(&slot.group);
          mbedtls_ecp_group_init(&slot.group);
          return nullptr;
        }
        slot.loaded = true;
      }
      return &slot.group;
    }
    return nullptr;
  }

 private:
  struct Slot {
    mbedtls_ecp_group_id id;
    mbedtls_ecp_group group;
    bool loaded = false;
  };
  std::array<Slot, 3> slots_{{{MBEDTLS_ECP_DP_SECP256R1, {}, false},
                              {MBEDTLS_ECP_DP_SECP384R1, {}, false},
                              {MBEDTLS_ECP_DP_SECP521R1, {}, false}}};
};

}  // namespace polycert::mbedtls_backend
