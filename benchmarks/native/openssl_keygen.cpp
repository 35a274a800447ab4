// Native baseline: P-256 key generation the idiomatic OpenSSL 3 way.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>

namespace {

void openssl_native_p256(benchmark::State& state) {
  for (auto _ : state) {
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    if (key == nullptr) {
      state.SkipWithError("EVP_PKEY_Q_keygen failed");
      return;
    }
    benchmark::DoNotOptimize(key);
    EVP_PKEY_free(key);
  }
}

}  // namespace

BENCHMARK(openssl_native_p256)->Name("keygen/openssl/native/ec:P-256")->Unit(benchmark::kMicrosecond)->MeasureProcessCPUTime();
