#include "statistics.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <numeric>

namespace polycert::bench {

double percentile(std::span<const double> sorted, double p) {
  if (sorted.empty()) return 0;
  assert(p >= 0 && p <= 1);
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const auto low = static_cast<std::size_t>(std::floor(h));
  if (low + 1 >= sorted.size()) return sorted.back();
  return sorted[low] + (h - static_cast<double>(low)) * (sorted[low + 1] - sorted[low]);
}

Interval median_interval(std::span<const double> sorted, double confidence) {
  const std::size_t n = sorted.size();
  if (n == 0) return {};
  const double tail = (1 - confidence) / 2;
  // P(B <= k) for B ~ Bin(n, 1/2), summed through log-gamma so large n does not overflow.
  const double log_half_n = static_cast<double>(n) * std::log(0.5);
  auto pmf = [&](std::size_t k) {
    const double nn = static_cast<double>(n), kk = static_cast<double>(k);
    return std::exp(std::lgamma(nn + 1) - std::lgamma(kk + 1) - std::lgamma(nn - kk + 1) +
                    log_half_n);
  };
  // l is the 1-based rank of the lower end; l = 1 (min, max) always exists.
  std::size_t l = 1;
  double below = pmf(0);  // P(B <= l - 1)
  double coverage = 1 - 2 * below;
  for (std::size_t k = 1; k < n / 2; ++k) {
    const double next = below + pmf(k);  // P(B <= k): coverage with l = k + 1
    if (next > tail) break;
    below = next;
    l = k + 1;
    coverage = 1 - 2 * below;
  }
  return {sorted[l - 1], sorted[n - l], coverage};
}

double student_t_975(std::size_t degrees_of_freedom) {
  assert(degrees_of_freedom >= 1);
  static constexpr std::array<double, 30> kTable = {
      12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851,
      2.364624252,  2.306004135, 2.262157163, 2.228138852, 2.200985160, 2.178812830,
      2.160368656,  2.144786688, 2.131449546, 2.119905299, 2.109815578, 2.100922040,
      2.093024054,  2.085963447, 2.079613845, 2.073873068, 2.068657610, 2.063898562,
      2.059538553,  2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
  };
  if (degrees_of_freedom <= kTable.size()) return kTable[degrees_of_freedom - 1];
  const double z = 1.959963984540054, v = static_cast<double>(degrees_of_freedom);
  const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
  return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v);
}

Interval mean_interval(std::span<const double> sorted, double mean, double stddev) {
  if (sorted.size() < 2) return {mean, mean, sorted.empty() ? 0.0 : 1.0};
  const double half =
      student_t_975(sorted.size() - 1) * stddev / std::sqrt(static_cast<double>(sorted.size()));
  return {std::max(mean - half, sorted.front()), mean + half, 0.95};
}

Summary summarize(std::vector<double> samples_ns) {
  assert(!samples_ns.empty());
  std::sort(samples_ns.begin(), samples_ns.end());
  const std::span<const double> sorted(samples_ns);
  Summary s;
  s.count = sorted.size();
  s.min = sorted.front();
  s.max = sorted.back();
  s.p10 = percentile(sorted, 0.10);
  s.p25 = percentile(sorted, 0.25);
  s.median = percentile(sorted, 0.50);
  s.p75 = percentile(sorted, 0.75);
  s.p90 = percentile(sorted, 0.90);
  s.p99 = percentile(sorted, 0.99);
  s.mean = std::accumulate(sorted.begin(), sorted.end(), 0.0) / static_cast<double>(s.count);
  if (s.count > 1) {
    double squares = 0;
    for (double x : sorted) squares += (x - s.mean) * (x - s.mean);
    s.stddev = std::sqrt(squares / static_cast<double>(s.count - 1));
  }
  s.median_ci = median_interval(sorted);
  s.mean_ci = mean_interval(sorted, s.mean, s.stddev);
  return s;
}

Throughput throughput(std::vector<double> round_ns, unsigned threads) {
  assert(threads >= 1);
  if (round_ns.empty()) return {};
  const Summary rounds = summarize(std::move(round_ns));
  const double per_second = 1e9 * threads;
  Throughput t;
  if (rounds.mean > 0) t.per_second = per_second / rounds.mean;
  if (rounds.mean_ci.high > 0) t.low = per_second / rounds.mean_ci.high;
  if (rounds.mean_ci.low > 0) t.high = per_second / rounds.mean_ci.low;
  return t;
}

std::vector<std::optional<double>> ratios_to_fastest(
    std::span<const std::optional<double>> medians) {
  std::optional<double> fastest;
  for (const auto& m : medians)
    if (m && *m > 0 && (!fastest || *m < *fastest)) fastest = *m;
  std::vector<std::optional<double>> ratios;
  for (const auto& m : medians)
    ratios.push_back(m && fastest ? std::optional<double>(*m / *fastest) : std::nullopt);
  return ratios;
}

}  // namespace polycert::bench
