// The statistics `polycert bench` reports, as pure functions of the samples, so that each
// figure in the table, the JSON and the HTML has one definition and a unit test.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace polycert::bench {

/// The p-quantile (0 <= p <= 1) of ascending `sorted` samples, interpolating linearly
/// between closest ranks (Hyndman & Fan type 7, numpy's and R's default): with h = (n-1)p,
/// x[floor(h)] + (h - floor(h)) (x[floor(h)+1] - x[floor(h)]). Empty input: 0.
double percentile(std::span<const double> sorted, double p);

/// A confidence interval and the coverage it actually has (order statistics give
/// discrete coverages: 0.978 for n = 10 where 0.95 was asked).
struct Interval {
  double low = 0;
  double high = 0;
  double coverage = 0;
};

/// Distribution-free interval for the median from order statistics: [x(l), x(n+1-l)]
/// (1-based ranks) with the largest l whose coverage 1 - 2 P(B <= l-1), B ~ Bin(n, 1/2),
/// is at least `confidence`. With fewer than 6 samples no l reaches 0.95: the interval is
/// then [min, max] and `coverage` says how much less it covers. Empty input: all zero.
Interval median_interval(std::span<const double> sorted, double confidence = 0.95);

/// Two-sided 95% quantile of Student's t with `degrees_of_freedom` (>= 1): exact table to
/// 30, then the Cornish-Fisher expansion (error under 1e-5).
double student_t_975(std::size_t degrees_of_freedom);

/// mean +- t * s / sqrt(n) (coverage 0.95 for normal data); the low end is never below
/// the smallest sample, since a mean cannot be. One sample: [x, x].
Interval mean_interval(std::span<const double> sorted, double mean, double stddev);

/// Everything the bench reports about one (operation, backend), samples in nanoseconds.
struct Summary {
  std::size_t count = 0;
  double min = 0, p10 = 0, p25 = 0, median = 0, mean = 0, p75 = 0, p90 = 0, p99 = 0, max = 0;
  double stddev = 0;   ///< sample standard deviation (n - 1); 0 for one sample
  Interval median_ci;  ///< median_interval at 0.95
  Interval mean_ci;    ///< mean_interval
};

/// Summary of `samples_ns` (any order; at least one sample).
Summary summarize(std::vector<double> samples_ns);

/// Operations per second of all threads together, and its 95% interval (0: unbounded).
struct Throughput {
  double per_second = 0;
  double low = 0, high = 0;
};

/// From the elapsed time per operation of each round (`round_ns`: the slowest thread's
/// elapsed time for its sample, divided by the batch): threads / mean, with the interval
/// from mean_interval. Elapsed time, whatever clock the samples use, so threads that
/// outnumber the cores do not count as extra throughput.
Throughput throughput(std::vector<double> round_ns, unsigned threads);

/// Each median divided by the smallest of them (nullopt entries are skipped rows and stay
/// nullopt): 1.0 for the fastest backend.
std::vector<std::optional<double>> ratios_to_fastest(
    std::span<const std::optional<double>> medians);

}  // namespace polycert::bench
