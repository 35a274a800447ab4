// CTR_DRBG (AES-256) over the default entropy sources of Mbed TLS (getrandom/urandom).
// Quirk worked around: after a failed mbedtls_ctr_drbg_seed the context is reset before
// the next attempt instead of being seeded twice.
#include "rng.hpp"

#include "errors.hpp"

#include <unistd.h>

#include <string_view>

namespace polycert::mbedtls_backend {

namespace {

// Personalisation string: separates this generator's output from any other CTR_DRBG in the
// process that is seeded from the same entropy.
constexpr std::string_view kPersonalisation = "polycert mbedtls backend CTR_DRBG";

}  // namespace

Result<void> Rng::ready() {
  const pid_t pid = getpid();
  if (seeded_ && pid == pid_) return {};
  int ret = 0;
  if (seeded_) {
    ret = mbedtls_ctr_drbg_reseed(drbg_.get(), nullptr, 0);
  } else {
    ret = mbedtls_ctr_drbg_seed(drbg_.get(), mbedtls_entropy_func, entropy_.get(),
                                reinterpret_cast<const unsigned char*>(kPersonalisation.data()),
                                kPersonalisation.size());
    if (ret != 0) drbg_.reset();
  }
  if (ret != 0)
    return std::unexpected(library_error(ErrorCode::internal,
                                         "cannot seed the CTR_DRBG from the entropy source", ret));
  seeded_ = true;
  pid_ = pid;
  return {};
}

int Rng::random(void* p_rng, unsigned char* output, std::size_t length) {
  return mbedtls_ctr_drbg_random(p_rng, output, length);
}

}  // namespace polycert::mbedtls_backend
