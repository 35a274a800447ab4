#include "runner.hpp"

#include <algorithm>
#include <atomic>
#include <barrier>
#include <cmath>
#include <ctime>
#include <mutex>
#include <thread>

namespace polycert::bench {

namespace {

constexpr std::size_t kMaximumBatch = 1'000'000;

Result<std::int64_t> time_batch(TimedOp& op, std::size_t batch, Clock clock) {
  const std::int64_t start = now_ns(clock);
  for (std::size_t i = 0; i < batch; ++i)
    if (auto done = op(); !done) return std::unexpected(done.error());
  return now_ns(clock) - start;
}

// The smallest batch (within a factor of about 1.2) whose run reaches the minimum sample time.
Result<std::size_t> calibrate(TimedOp& op, const RunSettings& settings) {
  const std::int64_t target = settings.min_sample_time.count();
  std::size_t batch = 1;
  auto took = time_batch(op, batch, settings.clock);
  if (!took) return std::unexpected(took.error());
  while (*took < target && batch < kMaximumBatch) {
    const double wanted = *took <= 0
                              ? static_cast<double>(batch) * 100
                              : std::ceil(static_cast<double>(batch) * 1.2 *
                                          static_cast<double>(target) / static_cast<double>(*took));
    batch = std::min(kMaximumBatch,
                     std::clamp(static_cast<std::size_t>(wanted), batch * 2, batch * 100));
    took = time_batch(op, batch, settings.clock);
    if (!took) return std::unexpected(took.error());
  }
  return batch;
}

std::size_t ceil_div(std::size_t a, std::size_t b) { return (a + b - 1) / b; }

// What the barrier's completion step decides between two samples, read by every thread
// after the barrier (which orders the write before the reads).
struct Schedule {
  std::size_t backends = 0;
  std::size_t target_rounds = 0;
  std::size_t minimum_rounds = 0;
  std::optional<double> seconds;
  std::atomic<bool> failed = false;

  std::size_t step = 0;  // samples started per thread so far
  std::size_t current = 0;
  bool stop = false;
  std::chrono::steady_clock::time_point start;
  // Each thread's elapsed-time start and end of the sample just taken (its own slot).
  std::vector<std::int64_t> sample_start, sample_end;
  std::vector<BackendSamples>* results = nullptr;

  void next() {
    if (step > 0 && !failed.load()) {
      // The slowest thread's elapsed time: not from the barrier's release, whose wake-up
      // latency belongs to this lockstep and not to the library.
      std::int64_t longest = 0;
      for (std::size_t t = 0; t < sample_start.size(); ++t)
        longest = std::max(longest, sample_end[t] - sample_start[t]);
      BackendSamples& backend = (*results)[current];
      backend.round_ns.push_back(static_cast<double>(longest) / static_cast<double>(backend.batch));
    }
    if (failed.load()) {
      stop = true;
      return;
    }
    if (step == 0) start = std::chrono::steady_clock::now();
    if (step % backends == 0 && step > 0) {
      const std::size_t rounds = step / backends;
      const double elapsed =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (rounds >= target_rounds || (seconds && elapsed >= *seconds && rounds >= minimum_rounds)) {
        stop = true;
        return;
      }
    }
    // Round r starts with backend r mod B, so no backend always follows the same one.
    current = (step % backends + step / backends) % backends;
    ++step;
  }
};

struct Completion {
  Schedule* schedule;
  void operator()() noexcept { schedule->next(); }
};

}  // namespace

std::int64_t now_ns(Clock clock) {
  timespec ts{};
  ::clock_gettime(clock == Clock::cpu ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

Result<std::vector<BackendSamples>> measure(std::vector<std::vector<TimedOp>>& ops,
                                            const RunSettings& settings) {
  const std::size_t threads = ops.size();
  if (threads == 0 || ops[0].empty()) return std::vector<BackendSamples>{};
  const std::size_t backends = ops[0].size();

  std::vector<BackendSamples> results(backends);
  for (std::size_t b = 0; b < backends; ++b) {
    if (settings.min_sample_time.count() <= 0) continue;
    auto batch = calibrate(ops[0][b], settings);
    if (!batch) return std::unexpected(batch.error());
    results[b].batch = *batch;
  }

  Schedule schedule;
  schedule.backends = backends;
  const std::size_t wanted = settings.samples.value_or(kMaximumSamples);
  schedule.target_rounds = std::max<std::size_t>(1, ceil_div(wanted, threads));
  schedule.minimum_rounds =
      std::max<std::size_t>(1, ceil_div(std::min(kMinimumSamples, wanted), threads));
  schedule.seconds = settings.seconds;
  schedule.sample_start.assign(threads, 0);
  schedule.sample_end.assign(threads, 0);
  schedule.results = &results;

  std::vector<std::vector<std::vector<double>>> samples(threads,
                                                        std::vector<std::vector<double>>(backends));
  std::mutex error_mutex;
  std::optional<Error> first_error;
  auto record = [&](const Error& error) {
    std::lock_guard lock(error_mutex);
    if (!first_error) first_error = error;
    schedule.failed = true;
  };

  std::barrier sync(static_cast<std::ptrdiff_t>(threads), Completion{&schedule});
  auto worker = [&](std::size_t t) {
    for (unsigned w = 0; w < settings.warmup && !schedule.failed; ++w)
      for (std::size_t b = 0; b < backends; ++b)
        if (auto took = time_batch(ops[t][b], results[b].batch, settings.clock); !took)
          record(took.error());
    for (;;) {
      sync.arrive_and_wait();
      if (schedule.stop) break;
      const std::size_t b = schedule.current;
      schedule.sample_start[t] = now_ns(Clock::wall);
      auto took = time_batch(ops[t][b], results[b].batch, settings.clock);
      schedule.sample_end[t] = now_ns(Clock::wall);
      if (!took) {
        record(took.error());
        continue;
      }
      samples[t][b].push_back(static_cast<double>(*took) / static_cast<double>(results[b].batch));
    }
  };
  {
    std::vector<std::jthread> pool;
    for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker, t);
  }
  if (first_error) return std::unexpected(*first_error);

  for (std::size_t b = 0; b < backends; ++b)
    for (std::size_t t = 0; t < threads; ++t)
      results[b].ns.insert(results[b].ns.end(), samples[t][b].begin(), samples[t][b].end());
  return results;
}

}  // namespace polycert::bench
