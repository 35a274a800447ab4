// Native baseline: key generation the idiomatic OpenSSL 3 way, one EVP_PKEY_Q_keygen call
// per key (which sets up a fresh EVP_PKEY_CTX each time, as a caller of the one-liner does).
#include "../support.hpp"

#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include <cstddef>

namespace {

void rsa(benchmark::State& state, unsigned bits) {
  for (auto _ : state) {
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits));
    if (key == nullptr) {
      state.SkipWithError("EVP_PKEY_Q_keygen failed");
      return;
    }
    benchmark::DoNotOptimize(key);
    EVP_PKEY_free(key);
  }
}

void ec(benchmark::State& state, const char* curve) {
  for (auto _ : state) {
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve);
    if (key == nullptr) {
      state.SkipWithError("EVP_PKEY_Q_keygen failed");
      return;
    }
    benchmark::DoNotOptimize(key);
    EVP_PKEY_free(key);
  }
}

void ed25519(benchmark::State& state) {
  for (auto _ : state) {
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    if (key == nullptr) {
      state.SkipWithError("EVP_PKEY_Q_keygen failed");
      return;
    }
    benchmark::DoNotOptimize(key);
    EVP_PKEY_free(key);
  }
}

const int registered = [] {
  for (unsigned bits : {2048u, 3072u, 4096u})
    bench::add({"keygen", "openssl", "native", "rsa:" + std::to_string(bits),
                [bits](benchmark::State& state) { rsa(state, bits); },
                bench::rsa_keygen_samples(bits)});
  for (const char* curve : {"P-256", "P-384", "P-521"})
    bench::add({"keygen", "openssl", "native", std::string("ec:") + curve,
                [curve](benchmark::State& state) { ec(state, curve); }});
  bench::add({"keygen", "openssl", "native", "ed25519", ed25519});
  return 0;
}();

}  // namespace
