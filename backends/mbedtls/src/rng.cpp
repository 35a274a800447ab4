// CTR_DRBG (AES-256) over the default entropy sources of Mbed TLS (getrandom/urandom).
// Quirks worked around: CTR_DRBG has no fork detection (a forked child would repeat its
// parent's output), so the generator notes the process it was seeded in and reseeds in
// any other; after a failed mbedtls_ctr_drbg_seed the context is reset before the next
// attempt instead of being seeded twice.
#include "rng.hpp"

#include "errors.hpp"

#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <string_view>

namespace polycert::mbedtls_backend {

namespace {

// Personalisation string: separates this generator's output from any other CTR_DRBG in the
// process that is seeded from the same entropy.
constexpr std::string_view kPersonalisation = "polycert mbedtls backend CTR_DRBG";

// Counts the forks this process descends from, through a pthread_atfork child handler.
// With the process id it catches a child whose id happens to equal the one the state was
// seeded in (ids are reused once the seeding process has exited).
std::atomic<unsigned long> forks_seen{0};

void count_fork_in_child() { forks_seen.fetch_add(1, std::memory_order_relaxed); }

unsigned long fork_generation() {
  static const bool registered = ::pthread_atfork(nullptr, nullptr, &count_fork_in_child) == 0;
  (void)registered;  // without the handler the process id check still holds
  return forks_seen.load(std::memory_order_relaxed);
}

}  // namespace

Result<void> Rng::ready() {
  const pid_t pid = getpid();
  const unsigned long generation = fork_generation();
  if (seeded_ && pid == pid_ && generation == fork_generation_) return {};
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
  fork_generation_ = generation;
  return {};
}

int Rng::random(void* p_rng, unsigned char* output, std::size_t length) {
  return mbedtls_ctr_drbg_random(p_rng, output, length);
}

}  // namespace polycert::mbedtls_backend
