// The JSON document of `polycert conformance --json FILE` (schema in docs/conformance.md).
//
// Every string is made valid UTF-8 first (invalid bytes become U+FFFD): a corpus path or
// a DN value read from a file can hold any bytes, and nlohmann::json refuses to dump
// invalid UTF-8.
#include "report_layout.hpp"

#include <polycert/conformance/report.hpp>
#include <polycert/text.hpp>

#include <nlohmann/json.hpp>

namespace polycert::conformance {

namespace {

using nlohmann::json;

std::string text(std::string_view value) { return valid_utf8(value); }

json totals_json(const Totals& totals) {
  return {{"pass", totals.pass},
          {"fail", totals.fail},
          {"skip", totals.skip},
          {"xfail", totals.xfail},
          {"all", totals.all()}};
}

json capabilities_json(const Capabilities& capabilities) {
  json rows = json::array();
  for (const auto& row : capabilities.rows())
    rows.push_back({{"operation", std::string(to_string(row.operation))},
                    {"subject", text(row.subject)},
                    {"supported", row.supported},
                    {"note", text(row.note)}});
  return rows;
}

json difference_json(const Difference& d) {
  return {{"field", text(d.field)}, {"left_source", text(d.left_source)},
          {"left", text(d.left)},   {"right_source", text(d.right_source)},
          {"right", text(d.right)}, {"matters", d.matters},
          {"why", text(d.why)}};
}

json case_json(const CaseRecord& record) {
  json backends = json::array();
  for (const auto& name : record.backends) backends.push_back(text(name));
  json differences = json::array();
  for (const auto& d : record.result.differences) differences.push_back(difference_json(d));
  return {{"id", text(record.id)},
          {"kind", std::string(to_string(record.kind))},
          {"area", text(record.area)},
          {"operation", text(record.operation)},
          {"subject", text(record.subject)},
          {"backends", std::move(backends)},
          {"outcome", std::string(to_string(record.result.outcome))},
          {"reason", text(record.result.reason)},
          {"differences", std::move(differences)},
          {"milliseconds", record.milliseconds}};
}

}  // namespace

nlohmann::json to_json(const Report& report) {
  const Environment& env = report.environment;
  json doc;
  doc["format"] = "polycert-conformance";
  doc["version"] = 1;
  doc["environment"] = {{"date", text(env.date)},
                        {"host", text(env.host)},
                        {"cpu_model", text(env.cpu_model)},
                        {"polycert_version", text(env.polycert_version)},
                        {"corpus", env.corpus.empty() ? json(nullptr) : json(text(env.corpus))},
                        {"filter", env.filter.empty() ? json(nullptr) : json(text(env.filter))},
                        {"seconds", env.seconds}};
  doc["backends"] = json::array();
  for (const auto& backend : env.backends)
    doc["backends"].push_back({{"name", text(backend.name)},
                               {"library_version", text(backend.library_version)},
                               {"capabilities", capabilities_json(backend.capabilities)}});
  doc["any_failed"] = report.any_failed();
  doc["totals"] = totals_json(report.totals());
  doc["totals_per_backend"] = json::object();
  for (const auto& [name, totals] : report.totals_per_backend())
    doc["totals_per_backend"][text(name)] = totals_json(totals);
  doc["cases"] = json::array();
  for (const auto& record : report.cases) doc["cases"].push_back(case_json(record));
  return doc;
}

}  // namespace polycert::conformance
