// Native baseline: P-256 key generation the idiomatic Botan 2 way.
#include <benchmark/benchmark.h>
#include <botan/auto_rng.h>
#include <botan/ecdsa.h>

namespace {

void botan_native_p256(benchmark::State& state) {
  Botan::AutoSeeded_RNG rng;
  const Botan::EC_Group group("secp256r1");
  for (auto _ : state) {
    Botan::ECDSA_PrivateKey key(rng, group);
    benchmark::DoNotOptimize(key);
  }
}

}  // namespace

BENCHMARK(botan_native_p256)->Name("keygen/botan/native/ec:P-256")->Unit(benchmark::kMicrosecond)->MeasureProcessCPUTime();
