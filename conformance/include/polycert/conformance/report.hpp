// One `polycert conformance` run and its three renderings: the terminal matrix (colour
// only on a terminal and never under NO_COLOR), one JSON document (docs/conformance.md)
// and one self-contained HTML page (no external assets, no network).
#pragma once

#include <polycert/capabilities.hpp>
#include <polycert/conformance/outcome.hpp>

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace polycert::conformance {

struct BackendInfo {
  std::string name;
  std::string library_version;
  Capabilities capabilities;  ///< the matrix the backend claims
};

/// Where and when the run was made.
struct Environment {
  std::string date;          ///< RFC 3339 UTC, when the run started
  std::string host;          ///< uname: "Linux 6.1.0 x86_64"
  std::string cpu_model;     ///< /proc/cpuinfo "model name", or "unknown"
  std::string polycert_version;
  std::vector<BackendInfo> backends;  ///< in the order asked
  std::string corpus;        ///< the --corpus folder, or "" for the built-in cases only
  std::string filter;        ///< the --filter pattern, or "" when every case ran
  double seconds = 0;        ///< wall time of the whole run
};

/// One case as run.
struct CaseRecord {
  std::string id;           ///< stable: "csr/pairwise/ec:P-256/openssl->botan"
  CaseKind kind = CaseKind::single;
  std::string area;         ///< "keys", "csr", "certificate", "encrypted-key", "pkcs7", "pkcs12"
  std::string operation;    ///< what is done: "export pkcs8 + import", "create + read", ...
  std::string subject;      ///< "ec:P-256", "pbes2-aes256-sha256", a corpus path
  std::vector<std::string> backends;  ///< single: {b}; pairwise: {producer, consumer}; else those that took part
  CaseResult result;
  double milliseconds = 0;
};

/// Outcome counts.
struct Totals {
  std::size_t pass = 0, fail = 0, skip = 0, xfail = 0;
  std::size_t all() const { return pass + fail + skip + xfail; }
  void add(Outcome outcome);
};

struct Report {
  Environment environment;
  std::vector<CaseRecord> cases;  ///< in table order

  Totals totals() const;
  /// Counts per backend: a case counts for every backend it names.
  std::map<std::string, Totals> totals_per_backend() const;
  bool any_failed() const { return totals().fail > 0; }
};

/// The terminal report: the capability matrix's summary per backend (cases per area and
/// backend with PASS/FAIL/SKIP/XFAIL counts), the pairwise grid (producer rows, consumer
/// columns), then every FAIL and XFAIL with its reason and differences, then totals.
/// `colour`: ANSI colours (the caller decides: terminal and no NO_COLOR). `verbose`: list
/// every case, not only the ones that are not PASS.
void print_text(std::ostream& out, const Report& report, bool colour, bool verbose);

/// The JSON document (schema in docs/conformance.md).
nlohmann::json to_json(const Report& report);

/// One self-contained HTML page: header (versions, host, totals), the capability matrix
/// (operation × subject rows, a column per backend), the pairwise grid (producer ×
/// consumer, per area), the disagreements (every case with differences, field by field,
/// marked whether they matter) and the table of every case with its outcome and reason.
std::string to_html(const Report& report);

}  // namespace polycert::conformance
