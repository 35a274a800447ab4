// The figures `polycert bench` reports, from known samples to exact expected values, and
// the pieces around them that need no backend: the --ops syntax, the capability check,
// the interleaving of backends and the renderings.
#include <bench/ops.hpp>
#include <bench/report.hpp>
#include <bench/runner.hpp>
#include <bench/statistics.hpp>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <mutex>
#include <numeric>

namespace polycert::bench {
namespace {

std::vector<double> one_to(int n) {
  std::vector<double> v(static_cast<std::size_t>(n));
  std::iota(v.begin(), v.end(), 1.0);
  return v;
}

TEST(BenchPercentile, InterpolatesBetweenClosestRanks) {
  const auto x = one_to(10);
  EXPECT_DOUBLE_EQ(percentile(x, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(percentile(x, 0.10), 1.9);
  EXPECT_DOUBLE_EQ(percentile(x, 0.25), 3.25);
  EXPECT_DOUBLE_EQ(percentile(x, 0.50), 5.5);
  EXPECT_DOUBLE_EQ(percentile(x, 0.90), 9.1);
  EXPECT_DOUBLE_EQ(percentile(x, 0.99), 9.91);
  EXPECT_DOUBLE_EQ(percentile(x, 1.0), 10.0);
}

TEST(BenchPercentile, OneSampleIsEveryPercentile) {
  const std::vector<double> x = {42};
  EXPECT_DOUBLE_EQ(percentile(x, 0.1), 42);
  EXPECT_DOUBLE_EQ(percentile(x, 0.99), 42);
}

TEST(BenchMedianInterval, TenSamplesGiveTheSecondAndNinthOrderStatistic) {
  const auto x = one_to(10);
  const Interval ci = median_interval(x);
  EXPECT_DOUBLE_EQ(ci.low, 2);
  EXPECT_DOUBLE_EQ(ci.high, 9);
  EXPECT_DOUBLE_EQ(ci.coverage, 1 - 22.0 / 1024);  // 1 - 2 P(B <= 1), B ~ Bin(10, 1/2)
}

TEST(BenchMedianInterval, HundredSamplesGiveRanksFortyAndSixtyOne) {
  const auto x = one_to(100);
  const Interval ci = median_interval(x);
  EXPECT_DOUBLE_EQ(ci.low, 40);
  EXPECT_DOUBLE_EQ(ci.high, 61);
  EXPECT_NEAR(ci.coverage, 0.9647998, 1e-7);
}

TEST(BenchMedianInterval, SixSamplesAreTheFirstToReachNinetyFivePercent) {
  const Interval six = median_interval(one_to(6));
  EXPECT_DOUBLE_EQ(six.low, 1);
  EXPECT_DOUBLE_EQ(six.high, 6);
  EXPECT_DOUBLE_EQ(six.coverage, 1 - 2.0 / 64);
  const Interval five = median_interval(one_to(5));
  EXPECT_DOUBLE_EQ(five.low, 1);
  EXPECT_DOUBLE_EQ(five.high, 5);
  EXPECT_DOUBLE_EQ(five.coverage, 1 - 2.0 / 32) << "min-max covers less than asked, and says so";
}

TEST(BenchMedianInterval, LargeSampleCountsStayFinite) {
  const Interval ci = median_interval(one_to(100000));
  EXPECT_GT(ci.low, 49600);
  EXPECT_LT(ci.high, 50400);
  EXPECT_GE(ci.coverage, 0.95);
  EXPECT_LT(ci.coverage, 0.951);
}

TEST(BenchStudentT, TableAndExpansion) {
  EXPECT_DOUBLE_EQ(student_t_975(1), 12.706204736);
  EXPECT_DOUBLE_EQ(student_t_975(9), 2.262157163);
  EXPECT_DOUBLE_EQ(student_t_975(30), 2.042272456);
  EXPECT_NEAR(student_t_975(31), 2.0395134, 1e-5);
  EXPECT_NEAR(student_t_975(100), 1.9839715, 1e-5);
  EXPECT_NEAR(student_t_975(1000000), 1.9599664, 1e-6);  // z + (z³ + z) / 4ν + ...
}

TEST(BenchSummary, KnownSamplesInAnyOrder) {
  const Summary s = summarize({7, 3, 10, 1, 5, 2, 9, 4, 8, 6});
  EXPECT_EQ(s.count, 10u);
  EXPECT_DOUBLE_EQ(s.min, 1);
  EXPECT_DOUBLE_EQ(s.max, 10);
  EXPECT_DOUBLE_EQ(s.p10, 1.9);
  EXPECT_DOUBLE_EQ(s.median, 5.5);
  EXPECT_DOUBLE_EQ(s.mean, 5.5);
  EXPECT_DOUBLE_EQ(s.p90, 9.1);
  EXPECT_DOUBLE_EQ(s.p99, 9.91);
  EXPECT_NEAR(s.stddev, 3.0276503540974917, 1e-12);
  EXPECT_DOUBLE_EQ(s.median_ci.low, 2);
  EXPECT_DOUBLE_EQ(s.median_ci.high, 9);
  EXPECT_NEAR(s.mean_ci.low, 3.334149410138627, 1e-9);
  EXPECT_NEAR(s.mean_ci.high, 7.665850589861373, 1e-9);
}

TEST(BenchSummary, SampleStandardDeviation) {
  EXPECT_NEAR(summarize({2, 4, 4, 4, 5, 5, 7, 9}).stddev, 2.138089935299395, 1e-12);
  EXPECT_DOUBLE_EQ(summarize({3}).stddev, 0);
}

TEST(BenchSummary, MeanIntervalNeverGoesBelowTheFastestSample) {
  const Summary s = summarize({100, 100, 100, 100, 10000});
  EXPECT_DOUBLE_EQ(s.mean_ci.low, 100);
}

TEST(BenchThroughput, ThreadsOverTheMeanRoundTime) {
  const Throughput t = throughput({7, 3, 10, 1, 5, 2, 9, 4, 8, 6}, 1);
  EXPECT_DOUBLE_EQ(t.per_second, 1e9 / 5.5);
  EXPECT_NEAR(t.low, 1e9 / 7.665850589861373, 1e-3);
  EXPECT_NEAR(t.high, 1e9 / 3.334149410138627, 1e-3);
  EXPECT_DOUBLE_EQ(throughput({1000, 1000, 1000}, 2).per_second, 2e6);
  EXPECT_DOUBLE_EQ(throughput({}, 2).per_second, 0);
}

TEST(BenchRatios, FastestMedianIsOne) {
  const std::vector<std::optional<double>> medians = {4.0, std::nullopt, 2.0, 3.0};
  const auto ratios = ratios_to_fastest(medians);
  ASSERT_EQ(ratios.size(), 4u);
  EXPECT_DOUBLE_EQ(*ratios[0], 2.0);
  EXPECT_FALSE(ratios[1]);
  EXPECT_DOUBLE_EQ(*ratios[2], 1.0);
  EXPECT_DOUBLE_EQ(*ratios[3], 1.5);
}

TEST(BenchOps, ParsesCanonicalNamesAndDefaults) {
  auto ops = parse_op_list(
      "keygen:rsa:2048, keygen:P-256,csr:ed25519,csr-verify:ec:P-384,parse:cert,"
      "parse:key,parse:key:ec:P-521,parse:pkcs12,parse:pkcs7,pem");
  ASSERT_TRUE(ops) << ops.error().message;
  std::vector<std::string> names;
  for (const auto& op : *ops) names.push_back(op.name());
  EXPECT_EQ(names, (std::vector<std::string>{
                       "keygen:rsa:2048", "keygen:ec:P-256", "csr:ed25519", "csr-verify:ec:P-384",
                       "parse:cert:ec:P-256", "parse:key:rsa:2048", "parse:key:ec:P-521",
                       "parse:pkcs12:rsa:2048", "parse:pkcs7:ec:P-256", "pem"}));
  EXPECT_EQ((*ops)[3].kind, OpKind::csr_verify);
}

TEST(BenchOps, DefaultListParses) {
  auto ops = parse_op_list(default_op_list());
  ASSERT_TRUE(ops) << ops.error().message;
  EXPECT_EQ(ops->size(), 9u);
}

TEST(BenchOps, RejectsWhatIsNotAnOperation) {
  for (std::string_view bad : {"keygen", "keygen:rsa:1024", "sign:ec", "parse", "parse:certificate",
                               "pem:ec:P-256", "keygen:ec:P-256,", "", "csr-verify"}) {
    auto ops = parse_op_list(bad);
    ASSERT_FALSE(ops) << bad;
    EXPECT_EQ(ops.error().code, ErrorCode::invalid_input);
    EXPECT_NE(ops.error().message.find("--ops"), std::string::npos) << ops.error().message;
  }
  auto unknown = parse_op_list("keygen:ec:P-256,frobnicate");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("'frobnicate' is not an operation"), std::string::npos)
      << unknown.error().message;
}

TEST(BenchOps, AnOperationListedTwiceUnderTwoSpellings) {
  auto ops = parse_op_list("keygen:ec:P-256,keygen:prime256v1");
  ASSERT_FALSE(ops);
  EXPECT_NE(ops.error().message.find("keygen:ec:P-256 is listed twice"), std::string::npos);
}

TEST(BenchOps, MissingCapabilityQuotesTheMatrix) {
  Capabilities caps;
  caps.add(Operation::generate_key, "ed25519", false, "no EdDSA in this library");
  caps.add(Operation::generate_key, "ec:P-256", true);
  caps.add(Operation::create_csr, "ec:P-256", true);
  EXPECT_EQ(missing_capability(caps, {OpKind::keygen, KeySpec::ed25519()}),
            "generate_key ed25519: no EdDSA in this library");
  EXPECT_EQ(missing_capability(caps, {OpKind::keygen, KeySpec::ec(Curve::p256)}), std::nullopt);
  EXPECT_EQ(missing_capability(caps, {OpKind::csr, KeySpec::ec(Curve::p256)}), std::nullopt);
  EXPECT_EQ(missing_capability(caps, {OpKind::csr_verify, KeySpec::ec(Curve::p256)}),
            "read_csr ec:P-256: not in the capability matrix");
}

// Fake operations that log which backend ran, to see the schedule.
std::vector<std::vector<TimedOp>> logging_ops(std::size_t threads, std::size_t backends,
                                              std::vector<std::size_t>& log, std::mutex& mutex) {
  std::vector<std::vector<TimedOp>> ops(threads);
  for (auto& per_thread : ops)
    for (std::size_t b = 0; b < backends; ++b)
      per_thread.push_back([b, &log, &mutex]() -> Result<void> {
        std::lock_guard lock(mutex);
        log.push_back(b);
        return {};
      });
  return ops;
}

RunSettings exact_settings(unsigned threads, std::size_t samples) {
  RunSettings settings;
  settings.threads = threads;
  settings.samples = samples;
  settings.warmup = 0;
  settings.min_sample_time = std::chrono::nanoseconds(0);
  return settings;
}

TEST(BenchRunner, InterleavesBackendsAndRotatesWhoGoesFirst) {
  std::vector<std::size_t> log;
  std::mutex mutex;
  auto ops = logging_ops(1, 3, log, mutex);
  auto result = measure(ops, exact_settings(1, 4));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(log, (std::vector<std::size_t>{0, 1, 2, 1, 2, 0, 2, 0, 1, 0, 1, 2}));
  ASSERT_EQ(result->size(), 3u);
  for (const auto& backend : *result) {
    EXPECT_EQ(backend.ns.size(), 4u);
    EXPECT_EQ(backend.round_ns.size(), 4u);
    EXPECT_EQ(backend.batch, 1u);
  }
}

TEST(BenchRunner, ThreadsRunTheSameBackendTogether) {
  std::vector<std::size_t> log;
  std::mutex mutex;
  auto ops = logging_ops(2, 2, log, mutex);
  auto result = measure(ops, exact_settings(2, 6));
  ASSERT_TRUE(result) << result.error().message;
  // Three rounds, each backend once per round on both threads, in lockstep.
  EXPECT_EQ(log, (std::vector<std::size_t>{0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1}));
  for (const auto& backend : *result) {
    EXPECT_EQ(backend.ns.size(), 6u);
    EXPECT_EQ(backend.round_ns.size(), 3u) << "one elapsed time per round for both threads";
  }
}

TEST(BenchRunner, BatchesFastOperationsUpToTheMinimumSampleTime) {
  std::vector<std::size_t> log;
  std::mutex mutex;
  auto ops = logging_ops(1, 1, log, mutex);
  RunSettings settings = exact_settings(1, 3);
  settings.clock = Clock::wall;
  settings.min_sample_time = std::chrono::microseconds(200);
  auto result = measure(ops, settings);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_GT((*result)[0].batch, 1u) << "a call that logs a number takes far less than 200 µs";
  EXPECT_EQ((*result)[0].ns.size(), 3u);
}

TEST(BenchRunner, TheFirstErrorStopsTheRun) {
  int calls = 0;
  std::vector<std::vector<TimedOp>> ops(1);
  ops[0].push_back([&calls]() -> Result<void> {
    if (++calls == 3) return fail(ErrorCode::internal, "the third call fails");
    return {};
  });
  auto result = measure(ops, exact_settings(1, 10));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "the third call fails");
  EXPECT_EQ(calls, 3);
}

TEST(BenchFormat, DurationsAndRatesKeepThreeDigits) {
  EXPECT_EQ(format_duration(831), "831 ns");
  EXPECT_EQ(format_duration(41234), "41.2 µs");
  EXPECT_EQ(format_duration(999.7), "1.00 µs");
  EXPECT_EQ(format_duration(1.29e6), "1.29 ms");
  EXPECT_EQ(format_duration(2.5e9), "2.50 s");
  EXPECT_EQ(format_rate(587.4), "587");
  EXPECT_EQ(format_rate(24310), "24.3 k");
  EXPECT_EQ(format_rate(1.234e6), "1.23 M");
}

Report small_report() {
  Report report;
  report.environment.date = "2026-11-27T10:00:00Z";
  report.environment.cpu_model = "Test CPU";
  report.environment.cores = 2;
  report.environment.clock = "cpu";
  report.environment.backends = {{"alpha", "Alpha 1.0"}, {"beta", "Beta <2>"}};
  Row fast{"keygen:ec:P-256", "keygen", "ec:P-256", "alpha", std::nullopt, 1,
           {10, 12, 11, 13},  {},       {},         {}};
  fast.summary = summarize(fast.samples_ns);
  Row slow{"keygen:ec:P-256", "keygen", "ec:P-256", "beta", std::nullopt, 1,
           {30, 33, 31, 32},  {},       {},         {}};
  slow.summary = summarize(slow.samples_ns);
  Row skipped{"keygen:ed25519",
              "keygen",
              "ed25519",
              "beta",
              "generate_key ed25519: <none> & gone",
              1,
              {},
              {},
              {},
              {}};
  report.rows = {fast, slow, skipped};
  compute_ratios(report);
  return report;
}

TEST(BenchReport, RatiosAreMediansOverTheFastestOfEachOperation) {
  const Report report = small_report();
  EXPECT_DOUBLE_EQ(*report.rows[0].ratio_to_fastest, 1.0);
  EXPECT_DOUBLE_EQ(*report.rows[1].ratio_to_fastest, 31.5 / 11.5);
  EXPECT_FALSE(report.rows[2].ratio_to_fastest);
}

TEST(BenchReport, JsonHasSkipRowsWithTheirReason) {
  const nlohmann::json doc = to_json(small_report());
  ASSERT_EQ(doc["results"].size(), 3u);
  EXPECT_EQ(doc["results"][0]["status"], "ok");
  EXPECT_EQ(doc["results"][0]["median_ns"], 11.5);
  EXPECT_EQ(doc["results"][0]["sample_values_ns"].size(), 4u);
  EXPECT_EQ(doc["results"][2]["status"], "skip");
  EXPECT_EQ(doc["results"][2]["reason"], "generate_key ed25519: <none> & gone");
  EXPECT_FALSE(doc["results"][2].contains("median_ns"));
  EXPECT_EQ(doc["backends"][1]["library_version"], "Beta <2>");
}

TEST(BenchReport, HtmlEscapesTextAndDrawsCharts) {
  const std::string html = render_html(small_report());
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("Beta &lt;2&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;none&gt; &amp; gone"), std::string::npos);
  EXPECT_EQ(html.find("<none>"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(BenchReport, TableColoursOnlyWhenAsked) {
  const std::string plain = render_table(small_report(), false);
  const std::string coloured = render_table(small_report(), true);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  EXPECT_NE(coloured.find("\x1b[32m"), std::string::npos);
  EXPECT_NE(plain.find("SKIP: generate_key ed25519"), std::string::npos);
  EXPECT_NE(plain.find("11.5 ns"), std::string::npos);
}

}  // namespace
}  // namespace polycert::bench
