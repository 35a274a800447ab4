// Native baseline: key generation the idiomatic Botan 2 way: one AutoSeeded_RNG, the
// EC_Group made once by name, a key object per key.
#include "../support.hpp"

#include <benchmark/benchmark.h>
#include <botan/auto_rng.h>
#include <botan/ecdsa.h>
#include <botan/ed25519.h>
#include <botan/rsa.h>

#include <cstddef>
#include <string>

namespace {

void rsa(benchmark::State& state, unsigned bits) {
  Botan::AutoSeeded_RNG rng;
  for (auto _ : state) {
    Botan::RSA_PrivateKey key(rng, std::size_t{bits}, 65537);
    benchmark::DoNotOptimize(key);
  }
}

void ec(benchmark::State& state, const std::string& curve) {
  Botan::AutoSeeded_RNG rng;
  const Botan::EC_Group group(curve);
  for (auto _ : state) {
    Botan::ECDSA_PrivateKey key(rng, group);
    benchmark::DoNotOptimize(key);
  }
}

void ed25519(benchmark::State& state) {
  Botan::AutoSeeded_RNG rng;
  for (auto _ : state) {
    Botan::Ed25519_PrivateKey key(rng);
    benchmark::DoNotOptimize(key);
  }
}

const int registered = [] {
  for (unsigned bits : {2048u, 3072u, 4096u})
    bench::add({"keygen", "botan", "native", "rsa:" + std::to_string(bits),
                [bits](benchmark::State& state) { rsa(state, bits); },
                bench::rsa_keygen_samples(bits)});
  const std::pair<const char*, const char*> curves[] = {
      {"P-256", "secp256r1"}, {"P-384", "secp384r1"}, {"P-521", "secp521r1"}};
  for (const auto& [spec, curve] : curves)
    bench::add({"keygen", "botan", "native", std::string("ec:") + spec,
                [curve = std::string(curve)](benchmark::State& state) { ec(state, curve); }});
  bench::add({"keygen", "botan", "native", "ed25519", ed25519});
  return 0;
}();

}  // namespace
