// The provider's random generator: one CTR_DRBG seeded from one entropy context.
//
// Seeded on first use, so a provider that only parses never touches the entropy source,
// and reseeded when the process id or the count of forks (a pthread_atfork handler) has
// changed since seeding, so a forked child never repeats its parent's output. Not
// thread-safe beyond what Mbed TLS itself locks: one provider per thread.
#pragma once

#include "handles.hpp"

#include <polycert/error.hpp>

#include <sys/types.h>

namespace polycert::mbedtls_backend {

class Rng {
 public:
  Rng() = default;
  Rng(const Rng&) = delete;
  Rng& operator=(const Rng&) = delete;

  /// Seeds (or, after a fork, reseeds) the generator; call before every use.
  Result<void> ready();

  /// The f_rng / p_rng pair Mbed TLS functions take. Only valid after ready() succeeded.
  static int random(void* p_rng, unsigned char* output, std::size_t length);
  void* context() { return drbg_.get(); }

 private:
  EntropyContext entropy_;  // declared first: the DRBG points into it
  CtrDrbgContext drbg_;
  bool seeded_ = false;
  pid_t pid_ = 0;
  unsigned long fork_generation_ = 0;
};

}  // namespace polycert::mbedtls_backend
