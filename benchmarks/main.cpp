// polycert_benchmarks: polycert's operations beside native baselines (docs/benchmarks.md).
//
// Exits 1 when any benchmark stopped with an error (a fixture that no longer reads, a
// backend that now refuses an input), so CI's short pass fails instead of printing
// "ERROR OCCURRED" and succeeding. The console is the display; --benchmark_out=FILE
// (with --benchmark_out_format=json) writes the machine-readable results.
#include "support.hpp"

#include <benchmark/benchmark.h>

#include <unistd.h>
#include <cstdio>
#include <vector>

namespace {

class CountingReporter final : public benchmark::ConsoleReporter {
 public:
  // Colour only on a terminal, as Google Benchmark's own default display does.
  CountingReporter() : ConsoleReporter(isatty(fileno(stdout)) != 0 ? OO_Color : OO_None) {}
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs)
      if (run.error_occurred) ++errors_;
    ConsoleReporter::ReportRuns(runs);
  }
  int errors() const { return errors_; }

 private:
  int errors_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  bench::register_polycert_keygen();
  bench::register_polycert_operations();
  bench::register_polycert_token_signing();
  bench::register_all();
  CountingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  if (reporter.errors() > 0) {
    std::fprintf(stderr, "polycert_benchmarks: %d benchmark(s) stopped with an error\n",
                 reporter.errors());
    return 1;
  }
  return 0;
}
