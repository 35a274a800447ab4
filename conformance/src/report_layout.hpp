// What the three renderings of a conformance Report share (private to conformance/src):
// the order of backends and areas, the grids the counts go in, which outcome a cell of
// several cases shows, and text made safe to print from whatever a case carried.
#pragma once

#include <polycert/conformance/report.hpp>

#include <algorithm>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace polycert::conformance::layout {

inline constexpr Outcome kOutcomes[] = {Outcome::pass, Outcome::fail, Outcome::skip,
                                        Outcome::xfail};

inline std::size_t count(const Totals& totals, Outcome outcome) {
  switch (outcome) {
    case Outcome::pass:
      return totals.pass;
    case Outcome::fail:
      return totals.fail;
    case Outcome::skip:
      return totals.skip;
    case Outcome::xfail:
      return totals.xfail;
  }
  return 0;
}

/// The outcome a cell of several cases is shown as: FAIL over XFAIL over SKIP over PASS.
inline Outcome worst(const Totals& totals) {
  if (totals.fail) return Outcome::fail;
  if (totals.xfail) return Outcome::xfail;
  if (totals.skip) return Outcome::skip;
  return Outcome::pass;
}

/// Lower-case outcome name, for CSS classes: "pass", "fail", "skip", "xfail".
inline std::string_view css_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::pass:
      return "pass";
    case Outcome::fail:
      return "fail";
    case Outcome::skip:
      return "skip";
    case Outcome::xfail:
      return "xfail";
  }
  return "pass";
}

inline void add_unique(std::vector<std::string>& list, const std::string& name) {
  if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
}

/// The backends in the order the run asked for them, then any other a case names (a
/// report built by hand, or a corpus expectation), in the order first named.
inline std::vector<std::string> backends(const Report& report) {
  std::vector<std::string> names;
  for (const auto& backend : report.environment.backends) add_unique(names, backend.name);
  for (const auto& record : report.cases)
    for (const auto& name : record.backends) add_unique(names, name);
  return names;
}

/// The areas in the order the case table first lists them.
inline std::vector<std::string> areas(const Report& report) {
  std::vector<std::string> names;
  for (const auto& record : report.cases) add_unique(names, record.area);
  return names;
}

/// Counts per area and backend: a case counts for every backend it names.
inline std::map<std::string, std::map<std::string, Totals>> area_totals(const Report& report) {
  std::map<std::string, std::map<std::string, Totals>> totals;
  for (const auto& record : report.cases) {
    std::vector<std::string> seen;
    for (const auto& name : record.backends) {
      if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
      seen.push_back(name);
      totals[record.area][name].add(record.result.outcome);
    }
  }
  return totals;
}

/// One area's pairwise cases: (producer, consumer) -> counts.
using Grid = std::map<std::pair<std::string, std::string>, Totals>;

/// The pairwise grids of the areas that have pairwise cases, in area order.
inline std::vector<std::pair<std::string, Grid>> pairwise_grids(const Report& report) {
  std::vector<std::pair<std::string, Grid>> grids;
  for (const auto& area : areas(report)) {
    Grid grid;
    for (const auto& record : report.cases)
      if (record.kind == CaseKind::pairwise && record.area == area && record.backends.size() == 2)
        grid[{record.backends[0], record.backends[1]}].add(record.result.outcome);
    if (!grid.empty()) grids.emplace_back(area, std::move(grid));
  }
  return grids;
}

inline bool any_matters(const std::vector<Difference>& differences) {
  return std::any_of(differences.begin(), differences.end(),
                     [](const Difference& d) { return d.matters; });
}


}  // namespace polycert::conformance::layout
