// What one `polycert bench` run found, and its three renderings: the terminal table, one
// JSON document (docs/bench-json.md) and one self-contained HTML page with inline SVG.
#pragma once

#include "statistics.hpp"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace polycert::bench {

struct BackendInfo {
  std::string name;
  std::string library_version;
};

/// Where and how the run was made.
struct Environment {
  std::string date;       ///< RFC 3339 UTC, when the run started
  std::string cpu_model;  ///< /proc/cpuinfo "model name", or "unknown"
  unsigned cores = 0;     ///< std::thread::hardware_concurrency()
  unsigned threads = 1;
  std::string clock;                   ///< "cpu" or "wall"
  std::optional<std::size_t> samples;  ///< as asked (--samples)
  std::optional<double> seconds;       ///< as asked (--seconds), per operation
  unsigned warmup = 0;
  double min_sample_time_ns = 0;
  bool assertions = false;  ///< polycert built without NDEBUG (a debug build)
  std::vector<BackendInfo> backends;
  /// Every backend compiled into the polycert that ran (not only those compared), so a
  /// stored result can tell whether it describes the build reading it (--backend auto).
  std::vector<BackendInfo> compiled_backends;
};

/// One (operation, backend): measured, or skipped with the reason.
struct Row {
  std::string op;        ///< "keygen:ec:P-256"
  std::string kind;      ///< "keygen"
  std::string key_spec;  ///< "ec:P-256"
  std::string backend;
  std::optional<std::string> skip_reason;  ///< set: not measured
  std::size_t batch = 1;
  std::vector<double> samples_ns;  ///< in the order taken
  Summary summary;                 ///< when measured
  Throughput throughput;           ///< when measured
  std::optional<double> ratio_to_fastest;
};

struct Report {
  Environment environment;
  std::vector<Row> rows;  ///< grouped by operation, backends in the order asked
};

/// Fills every measured row's ratio_to_fastest (median / the op's smallest median).
void compute_ratios(Report& report);

/// "831 ns", "41.2 µs", "1.29 ms", "2.50 s": three significant digits.
std::string format_duration(double ns);
/// "24300", "1.23 M": three significant digits above 1000.
std::string format_rate(double per_second);

/// The aligned table for a terminal; `colour` adds ANSI colours (the fastest backend of each
/// operation green, the slowest red, skips yellow).
std::string render_table(const Report& report, bool colour);

/// The JSON document of docs/bench-json.md.
nlohmann::json to_json(const Report& report);

/// One self-contained HTML page: no script, no external resource, inline SVG charts.
std::string render_html(const Report& report);

}  // namespace polycert::bench
