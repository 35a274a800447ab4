// The HTML page of `polycert conformance --html FILE`: one self-contained document (inline
// CSS, no script, no image, no external resource, nothing fetched), readable without
// colour: every coloured cell also says its outcome in words.
//
// Every string that comes from the report is HTML-escaped (text and attribute values
// alike) after being made valid UTF-8; ids and classes are generated here, never taken
// from data. Every element is closed explicitly, so the page is well-formed enough for a
// tag-balance check (tests/unit/conformance_report_test.cpp).
#include "report_layout.hpp"

#include <polycert/conformance/report.hpp>
#include <polycert/text.hpp>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace polycert::conformance {

namespace {


std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string badge(Outcome outcome) {
  return "<span class=\"badge o-" + std::string(layout::css_name(outcome)) + "\">" +
         std::string(to_string(outcome)) + "</span>";
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// "openssl → botan" for a pairwise case, "openssl, botan, mbedtls" otherwise.
std::string backend_list(const CaseRecord& record) {
  std::string text;
  for (const auto& name : record.backends) {
    if (!text.empty()) text += record.kind == CaseKind::pairwise ? " → " : ", ";
    text += html_escape(name);
  }
  return text;
}

constexpr std::string_view kStyle = R"(
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px auto;
       padding: 0 24px; color: #1d1d1f; background: #fff; max-width: 1240px; }
h1 { font-size: 24px; margin: 0 0 6px; }
h2 { font-size: 18px; margin: 34px 0 8px; padding-bottom: 3px; border-bottom: 2px solid #d9d9de; }
h3 { font-size: 15px; margin: 18px 0 4px; }
p { margin: 4px 0 8px; }
code, .value { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
table { border-collapse: collapse; margin: 6px 0 14px; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #d4d4d8; padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: #f2f2f5; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
nav { margin: 14px 0; padding: 8px 0; border-top: 1px solid #e4e4e7; border-bottom: 1px solid #e4e4e7; }
nav a { margin-right: 18px; color: #1f4fa3; }
.env { color: #4b4b52; }
.verdict { display: inline-block; font-size: 18px; font-weight: 700; padding: 6px 14px;
           border-radius: 6px; border: 2px solid currentColor; margin: 6px 0 10px; }
.cards { display: flex; flex-wrap: wrap; gap: 14px; margin: 10px 0; }
.card { border: 1px solid #cfcfd6; border-radius: 8px; padding: 10px 14px; min-width: 250px; }
.card h3 { margin: 0; font-size: 16px; }
.card .library { color: #55555c; font-size: 12px; margin-bottom: 6px; }
.counts { display: flex; gap: 8px; }
.count { display: flex; flex-direction: column; align-items: center; min-width: 54px;
         padding: 4px 6px; border-radius: 6px; }
.count .n { font-size: 28px; font-weight: 700; line-height: 1.1; }
.count .w { font-size: 11px; font-weight: 600; letter-spacing: 0.04em; }
.count.zero { background: #f6f6f8; color: #9a9aa2; }
.o-pass { background: #d9f2de; color: #14532d; }
.o-fail { background: #fbd5d2; color: #8a1c1c; }
.o-skip { background: #ececef; color: #45454b; }
.o-xfail { background: #fde9c4; color: #7a4700; }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px;
         font-weight: 700; border: 1px solid currentColor; white-space: nowrap; }
.badge.matters { background: #fbd5d2; color: #8a1c1c; }
.badge.cosmetic { background: #eef2fb; color: #2d4a7a; }
.cap.yes { background: #e5f5e8; color: #14532d; }
.cap.no { background: #fbe3e1; color: #7a1c1c; max-width: 300px; }
.cap.none { color: #9a9aa2; }
.note { display: block; font-size: 12px; color: #55555c; }
.sub { display: block; font-weight: 400; font-size: 11px; color: #66666d; }
.grids { display: flex; flex-wrap: wrap; gap: 10px 28px; }
table.grid td { min-width: 86px; }
table.grid td.cell span { display: block; }
table.grid td.empty { color: #9a9aa2; background: #fafafa; }
.case { border-left: 4px solid #d4d4d8; padding: 2px 0 2px 12px; margin: 14px 0; }
.case.matters { border-left-color: #c2413b; }
.meta { color: #55555c; font-size: 13px; }
.reason, td.reason { white-space: pre-wrap; overflow-wrap: anywhere; }
td.value { max-width: 340px; white-space: pre-wrap; overflow-wrap: anywhere; }
.src { display: block; font-size: 11px; font-weight: 600; color: #55555c; }
td.outcome { font-weight: 700; }
details summary { cursor: pointer; font-weight: 600; margin: 6px 0; }
footer { margin-top: 36px; color: #66666d; font-size: 12px; }
)";

void header(std::ostringstream& out, const Report& report) {
  const Environment& env = report.environment;
  const Totals totals = report.totals();
  out << "<header>\n<h1>polycert conformance</h1>\n";
  if (totals.fail > 0)
    out << "<p class=\"verdict o-fail\">FAIL: " << totals.fail << " of "
        << plural(totals.all(), "case", "cases") << " failed</p>\n";
  else
    out << "<p class=\"verdict o-pass\">PASS: no case failed ("
        << plural(totals.all(), "case", "cases") << ")</p>\n";
  out << "<p class=\"env\">polycert " << html_escape(env.polycert_version) << " · run "
      << html_escape(env.date) << " · " << html_escape(env.host) << " · " << html_escape(env.cpu_model) << " · "
      << fixed(env.seconds, 1) << " s";
  if (!env.corpus.empty()) out << " · corpus <code>" << html_escape(env.corpus) << "</code>";
  if (!env.filter.empty()) out << " · only cases matching <code>" << html_escape(env.filter) << "</code>";
  out << "</p>\n";

  auto card = [&](std::string_view title, std::string_view library, const Totals& counts) {
    out << "<div class=\"card\">\n<h3>" << html_escape(title) << "</h3>\n<div class=\"library\">"
        << html_escape(library) << "</div>\n<div class=\"counts\">\n";
    for (Outcome outcome : layout::kOutcomes) {
      const std::size_t n = layout::count(counts, outcome);
      out << "<div class=\"count "
          << (n ? "o-" + std::string(layout::css_name(outcome)) : std::string("zero"))
          << "\"><span class=\"n\">" << n << "</span><span class=\"w\">" << to_string(outcome)
          << "</span></div>\n";
    }
    out << "</div>\n</div>\n";
  };
  out << "<div class=\"cards\">\n";
  card("all backends", plural(totals.all(), "case", "cases"), totals);
  const auto per_backend = report.totals_per_backend();
  for (const auto& name : layout::backends(report)) {
    std::string library = "library not reported";
    for (const auto& backend : env.backends)
      if (backend.name == name) library = backend.library_version;
    const auto found = per_backend.find(name);
    card(name, library, found == per_backend.end() ? Totals{} : found->second);
  }
  out << "</div>\n</header>\n";
}

void area_summary(std::ostringstream& out, const Report& report) {
  const auto backends = layout::backends(report);
  const auto per_area = layout::area_totals(report);
  out << "<section id=\"areas\">\n<h2>Cases per area and backend</h2>\n"
      << "<p>A case counts for every backend it involves; a cell shows its worst outcome's "
         "colour and every count in words.</p>\n"
      << "<table id=\"area-summary\">\n<thead><tr><th>area</th>";
  for (const auto& name : backends) out << "<th>" << html_escape(name) << "</th>";
  out << "</tr></thead>\n<tbody>\n";
  for (const auto& area : layout::areas(report)) {
    out << "<tr><th>" << html_escape(area) << "</th>";
    const auto& row = per_area.at(area);
    for (const auto& name : backends) {
      const auto found = row.find(name);
      if (found == row.end() || found->second.all() == 0) {
        out << "<td class=\"empty\">none</td>";
        continue;
      }
      const Totals& t = found->second;
      out << "<td class=\"cell o-" << layout::css_name(layout::worst(t)) << "\">";
      bool first = true;
      for (Outcome outcome : layout::kOutcomes) {
        const std::size_t n = layout::count(t, outcome);
        if (n == 0) continue;
        out << (first ? "" : ", ") << n << " " << to_string(outcome);
        first = false;
      }
      out << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n</section>\n";
}

void capability_matrix(std::ostringstream& out, const Report& report) {
  const auto& backends = report.environment.backends;
  // Operations in the order first listed, each with its subjects in the order first listed.
  std::vector<std::pair<Operation, std::vector<std::string>>> rows;
  for (const auto& backend : backends)
    for (const auto& capability : backend.capabilities.rows()) {
      auto it = std::find_if(rows.begin(), rows.end(),
                             [&](const auto& r) { return r.first == capability.operation; });
      if (it == rows.end()) it = rows.insert(rows.end(), {capability.operation, {}});
      layout::add_unique(it->second, capability.subject);
    }

  out << "<section id=\"matrix\">\n<h2>Capability matrix</h2>\n"
      << "<p>What each backend claims, row by row. A case that needs an unsupported row is a "
         "SKIP; a claimed row that fails, or a denied row that works, is a FAIL.</p>\n";
  if (rows.empty()) {
    out << "<p>No backend reported a capability matrix.</p>\n</section>\n";
    return;
  }
  out << "<table id=\"capability-matrix\">\n<thead><tr><th>operation</th><th>subject</th>";
  for (const auto& backend : backends) {
    std::size_t supported = 0;
    for (const auto& row : backend.capabilities.rows()) supported += row.supported ? 1 : 0;
    out << "<th>" << html_escape(backend.name) << "<span class=\"sub\">" << supported << " of "
        << backend.capabilities.rows().size() << " supported</span></th>";
  }
  out << "</tr></thead>\n<tbody>\n";
  for (const auto& [operation, subjects] : rows) {
    bool first = true;
    for (const auto& subject : subjects) {
      out << "<tr>";
      if (first)
        out << "<th rowspan=\"" << subjects.size() << "\">" << html_escape(describe(operation))
            << "<span class=\"sub\">" << html_escape(to_string(operation)) << "</span></th>";
      first = false;
      out << "<td>" << html_escape(subject) << "</td>";
      for (const auto& backend : backends) {
        const Capability* capability = backend.capabilities.find(operation, subject);
        if (capability == nullptr)
          out << "<td class=\"cap none\">not listed</td>";
        else if (capability->supported)
          out << "<td class=\"cap yes\">supported</td>";
        else
          out << "<td class=\"cap no\" title=\"" << html_escape(capability->note)
              << "\">unsupported<span class=\"note\">" << html_escape(capability->note)
              << "</span></td>";
      }
      out << "</tr>\n";
    }
  }
  out << "</tbody>\n</table>\n</section>\n";
}

void pairwise_grids(std::ostringstream& out, const Report& report) {
  const auto backends = layout::backends(report);
  const auto grids = layout::pairwise_grids(report);
  out << "<section id=\"pairwise\">\n<h2>Pairwise grid</h2>\n"
      << "<p>Made by the row's backend (producer), read, verified and compared by the column's "
         "(consumer). A cell is coloured by its worst outcome and counts every outcome; hover "
         "a cell for the cases that did not pass.</p>\n";
  if (grids.empty()) {
    out << "<p>No pairwise case ran.</p>\n</section>\n";
    return;
  }
  out << "<div class=\"grids\" id=\"pairwise-grid\">\n";
  std::size_t index = 0;
  for (const auto& [area, grid] : grids) {
    out << "<table class=\"grid\" id=\"pairwise-" << ++index << "\">\n<caption>" << html_escape(area)
        << "</caption>\n<thead><tr><th>producer ↓ consumer →</th>";
    for (const auto& consumer : backends) out << "<th>" << html_escape(consumer) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
    for (const auto& producer : backends) {
      bool any = false;
      for (const auto& consumer : backends) any |= grid.contains({producer, consumer});
      if (!any) continue;
      out << "<tr><th>" << html_escape(producer) << "</th>";
      for (const auto& consumer : backends) {
        const auto found = grid.find({producer, consumer});
        if (found == grid.end()) {
          out << "<td class=\"empty\">none</td>";
          continue;
        }
        const Totals& t = found->second;
        // The tooltip names the cases that did not pass (at most 20).
        std::string title;
        std::size_t listed = 0, more = 0;
        for (const auto& record : report.cases) {
          if (record.kind != CaseKind::pairwise || record.area != area ||
              record.backends.size() != 2 || record.backends[0] != producer ||
              record.backends[1] != consumer || record.result.outcome == Outcome::pass)
            continue;
          if (listed++ < 20)
            title += std::string(title.empty() ? "" : "\n") +
                     std::string(to_string(record.result.outcome)) + " " + record.id;
          else
            ++more;
        }
        if (more) title += "\nand " + std::to_string(more) + " more";
        out << "<td class=\"cell o-" << layout::css_name(layout::worst(t)) << "\"";
        if (!title.empty()) out << " title=\"" << html_escape(title) << "\"";
        out << ">";
        // Worst first, so the word a reader sees first matches the colour.
        for (Outcome outcome : {Outcome::fail, Outcome::xfail, Outcome::skip, Outcome::pass}) {
          const std::size_t n = layout::count(t, outcome);
          if (n) out << "<span>" << n << " " << to_string(outcome) << "</span>";
        }
        out << "</td>";
      }
      out << "</tr>\n";
    }
    out << "</tbody>\n</table>\n";
  }
  out << "</div>\n</section>\n";
}

void disagreements(std::ostringstream& out, const Report& report) {
  std::vector<const CaseRecord*> cases;
  for (const auto& record : report.cases)
    if (!record.result.differences.empty()) cases.push_back(&record);
  // The differences that matter to a verifier first, each group in table order.
  std::stable_partition(cases.begin(), cases.end(), [](const CaseRecord* record) {
    return layout::any_matters(record->result.differences);
  });
  const auto mattering = static_cast<std::size_t>(std::count_if(
      cases.begin(), cases.end(),
      [](const CaseRecord* record) { return layout::any_matters(record->result.differences); }));

  out << "<section id=\"disagreements\">\n<h2>Disagreements</h2>\n";
  if (cases.empty()) {
    out << "<p>No two backends' results differed.</p>\n</section>\n";
    return;
  }
  out << "<p>" << plural(cases.size(), "case", "cases") << " where results differ by meaning; ";
  if (mattering == 0)
    out << "every difference is <span class=\"badge cosmetic\">cosmetic</span> (an encoding "
           "RFC 5280 verifiers treat alike), none <span class=\"badge matters\">matters</span> "
           "to verifiers.</p>\n";
  else
    out << "in " << mattering
        << " of them a difference <span class=\"badge matters\">matters</span> to verifiers, "
           "the others are <span class=\"badge cosmetic\">cosmetic</span> (encodings RFC 5280 "
           "verifiers treat alike).</p>\n";
  for (const CaseRecord* record : cases) {
    const bool matters = layout::any_matters(record->result.differences);
    out << "<div class=\"case" << (matters ? " matters" : "") << "\">\n<h3>"
        << badge(record->result.outcome) << " <code>" << html_escape(record->id) << "</code></h3>\n"
        << "<p class=\"meta\">" << to_string(record->kind) << " · " << html_escape(record->area) << " · "
        << html_escape(record->operation) << " · " << html_escape(record->subject) << " · "
        << backend_list(*record) << "</p>\n";
    if (!record->result.reason.empty())
      out << "<p class=\"reason\">" << html_escape(record->result.reason) << "</p>\n";
    out << "<table class=\"diff\">\n<thead><tr><th>field</th><th>one side</th><th>other "
           "side</th><th>verdict</th><th>why</th></tr></thead>\n<tbody>\n";
    for (const auto& d : record->result.differences) {
      out << "<tr><td>" << html_escape(d.field) << "</td><td class=\"value\"><span class=\"src\">"
          << html_escape(d.left_source) << "</span><code>" << html_escape(d.left)
          << "</code></td><td class=\"value\"><span class=\"src\">" << html_escape(d.right_source)
          << "</span><code>" << html_escape(d.right) << "</code></td><td>"
          << (d.matters ? "<span class=\"badge matters\">matters</span>"
                        : "<span class=\"badge cosmetic\">cosmetic</span>")
          << "</td><td class=\"reason\">" << html_escape(d.why) << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n</div>\n";
  }
  out << "</section>\n";
}

void case_row(std::ostringstream& out, const CaseRecord& record, bool full) {
  out << "<tr><td class=\"outcome o-" << layout::css_name(record.result.outcome) << "\">"
      << to_string(record.result.outcome) << "</td><td><code>" << html_escape(record.id)
      << "</code></td><td>" << to_string(record.kind) << "</td>";
  if (full)
    out << "<td>" << html_escape(record.area) << "</td><td>" << html_escape(record.operation) << "</td><td>"
        << html_escape(record.subject) << "</td>";
  out << "<td>" << backend_list(record) << "</td>";
  if (full) out << "<td>" << fixed(record.milliseconds, 1) << "</td>";
  out << "<td class=\"reason\">" << html_escape(record.result.reason);
  if (!record.result.differences.empty())
    out << (record.result.reason.empty() ? "" : "\n") << "("
        << plural(record.result.differences.size(), "difference", "differences") << ")";
  out << "</td></tr>\n";
}

void not_passing(std::ostringstream& out, const Report& report) {
  std::vector<const CaseRecord*> not_passing;
  for (const auto& record : report.cases)
    if (record.result.outcome != Outcome::pass) not_passing.push_back(&record);
  // FAIL first, then XFAIL, then SKIP, each in table order.
  std::stable_sort(not_passing.begin(), not_passing.end(), [](const auto* a, const auto* b) {
    auto rank = [](Outcome o) { return o == Outcome::fail ? 0 : o == Outcome::xfail ? 1 : 2; };
    return rank(a->result.outcome) < rank(b->result.outcome);
  });
  out << "<section id=\"not-passing\">\n<h2>Cases that did not pass</h2>\n";
  if (not_passing.empty()) {
    out << "<p>Every case passed.</p>\n";
  } else {
    out << "<table id=\"not-passing-cases\">\n<thead><tr><th>outcome</th><th>case</th><th>kind</"
           "th><th>backends</th><th>reason</th></tr></thead>\n<tbody>\n";
    for (const CaseRecord* record : not_passing) case_row(out, *record, false);
    out << "</tbody>\n</table>\n";
  }
  out << "</section>\n";
}

void all_cases(std::ostringstream& out, const Report& report) {
  out << "<section id=\"all\">\n<h2>All cases</h2>\n<details>\n<summary>All "
      << plural(report.cases.size(), "case", "cases") << ", in table order</summary>\n"
      << "<table id=\"all-cases\">\n<thead><tr><th>outcome</th><th>case</th><th>kind</th>"
         "<th>area</th><th>operation</th><th>subject</th><th>backends</th><th>ms</th>"
         "<th>reason</th></tr></thead>\n<tbody>\n";
  for (const auto& record : report.cases) case_row(out, record, true);
  out << "</tbody>\n</table>\n</details>\n</section>\n";
}

}  // namespace

std::string to_html(const Report& report) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
      << "<title>polycert conformance, " << html_escape(report.environment.date) << "</title>\n"
      << "<style>" << kStyle << "</style>\n</head>\n<body>\n";
  header(out, report);
  // What needs attention first (grids, disagreements, what did not pass), then the long
  // capability matrix, then every case folded away.
  out << "<nav><a href=\"#areas\">Areas</a><a href=\"#pairwise\">Pairwise grid</a>"
      << "<a href=\"#disagreements\">Disagreements</a><a href=\"#not-passing\">Not passing</a>"
      << "<a href=\"#matrix\">Capability matrix</a><a href=\"#all\">All cases</a></nav>\n";
  area_summary(out, report);
  pairwise_grids(out, report);
  disagreements(out, report);
  not_passing(out, report);
  capability_matrix(out, report);
  all_cases(out, report);
  out << "<footer>PASS: worked as the matrix claims. FAIL: a claimed capability failed, a "
         "denied one worked, or results differ in a way that matters. SKIP: the backend lacks "
         "a capability the case needs. XFAIL: a known, documented gap of the library. "
         "Written by polycert conformance; docs/conformance.md describes this page and the "
         "JSON document.</footer>\n</body>\n</html>\n";
  return out.str();
}

}  // namespace polycert::conformance
