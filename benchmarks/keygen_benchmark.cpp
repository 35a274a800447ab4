// Key generation through polycert: every compiled-in backend x every key spec it supports
// ("keygen/<backend>/polycert/<spec>"), each beside the native baseline in
// native/<backend>_keygen.cpp ("keygen/<backend>/native/<spec>").
//
// RSA: one key per sample, a fixed number of samples (bench::rsa_keygen_samples), because
// prime search spreads single-key times widely. EC and Ed25519: Google Benchmark picks the
// iterations; ask for repetitions on the command line (docs/benchmarks.md).
#include "support.hpp"

#include <polycert/registry.hpp>

#include <benchmark/benchmark.h>

namespace {

void generate(benchmark::State& state, const std::string& backend, const polycert::KeySpec& spec) {
  auto provider = polycert::backends::make_provider(backend);
  if (!provider) {
    state.SkipWithError(provider.error().message.c_str());
    return;
  }
  for (auto _ : state) {
    auto key = (*provider)->generate_key(spec);
    if (!key) {
      state.SkipWithError(key.error().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(key);
  }
}

}  // namespace

void bench::register_polycert_keygen() {
  for (std::string_view backend : polycert::backends::available()) {
    auto provider = polycert::backends::make_provider(backend);
    if (!provider) continue;
    for (const polycert::KeySpec& spec : polycert::kGeneratableKeySpecs) {
      // A spec the backend does not support has no benchmark (its native baseline has
      // none either): Mbed TLS 2.28 has no Ed25519.
      if (!(*provider)->capabilities().supports(polycert::Operation::generate_key, spec)) continue;
      add({"keygen", std::string(backend), "polycert", polycert::to_string(spec),
           [backend = std::string(backend), spec](benchmark::State& state) {
             generate(state, backend, spec);
           },
           spec.algorithm == polycert::KeyAlgorithm::rsa ? rsa_keygen_samples(spec.rsa_bits) : 0});
    }
  }
}
