// Timing: backends interleaved sample by sample, on one or more threads in lockstep.
#pragma once

#include "ops.hpp"

#include <polycert/error.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

namespace polycert::bench {

enum class Clock {
  cpu,   ///< the calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID): steady on a busy machine
  wall,  ///< elapsed time (CLOCK_MONOTONIC)
};

/// Nanoseconds on `clock` from an arbitrary origin.
std::int64_t now_ns(Clock clock);

struct RunSettings {
  unsigned threads = 1;
  /// Samples wanted per backend (all threads together); nullopt: as many as fit in `seconds`.
  std::optional<std::size_t> samples;
  /// Time budget (elapsed) of the timed rounds of one operation, all backends together;
  /// nullopt: no budget. At least min(kMinimumSamples, samples) are taken regardless.
  std::optional<double> seconds;
  unsigned warmup = 1;  ///< untimed samples per backend and thread before timing
  Clock clock = Clock::cpu;
  /// A sample times a batch of operations long enough to reach this (ops that take less
  /// are repeated and the sample is their mean); 0: one operation per sample.
  std::chrono::nanoseconds min_sample_time = std::chrono::milliseconds(1);
};

/// Fewer samples say nothing about a distribution: the budget never stops a run earlier.
inline constexpr std::size_t kMinimumSamples = 5;
/// A run with a time budget and no sample count stops here anyway (memory stays bounded).
inline constexpr std::size_t kMaximumSamples = 1'000'000;

struct BackendSamples {
  std::vector<double> ns;  ///< one per sample: the batch's time / batch size
  std::size_t batch = 1;   ///< operations per sample
  /// One per round: the longest elapsed time any thread took for its sample, divided by
  /// the batch (what throughput() takes).
  std::vector<double> round_ns;
};

/// `ops[t][b]` is backend b's operation bound to thread t's provider (same number of
/// backends on every thread). Calibrates each backend's batch on thread 0, warms every
/// thread up, then runs rounds: in each round every backend takes one sample on every
/// thread, the backends in an order rotated by one each round, all threads timing the same
/// backend at the same moment (a barrier between samples). Stops after the round that
/// reaches `samples` or, past the minimum, the time budget. The first error stops the run.
Result<std::vector<BackendSamples>> measure(std::vector<std::vector<TimedOp>>& ops,
                                            const RunSettings& settings);

}  // namespace polycert::bench
