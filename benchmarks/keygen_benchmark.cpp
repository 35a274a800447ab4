// Key generation through polycert, for every compiled-in backend and the fast key specs
// (RSA generation is dominated by prime search; its statistics belong to `polycert bench`).
// Each native baseline (native/*.cpp) registers itself beside these as
// "keygen/<backend>/native/ec:P-256".
#include <polycert/backends.hpp>

#include <benchmark/benchmark.h>

namespace {

void generate(benchmark::State& state, std::string backend, polycert::KeySpec spec) {
  auto provider = polycert::backends::make_provider(backend);
  if (!provider) {
    state.SkipWithError(provider.error().message.c_str());
    return;
  }
  if (!(*provider)->capabilities().supports(polycert::Operation::generate_key, spec)) {
    state.SkipWithError("unsupported by this backend");
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

const int registered = [] {
  for (auto backend : polycert::backends::available())
    for (auto spec : {polycert::KeySpec::ec(polycert::Curve::p256), polycert::KeySpec::ed25519()})
      benchmark::RegisterBenchmark(
          ("keygen/" + std::string(backend) + "/polycert/" + to_string(spec)).c_str(), generate,
          std::string(backend), spec)
          ->Unit(benchmark::kMicrosecond)
          ->MeasureProcessCPUTime();
  return 0;
}();

}  // namespace
