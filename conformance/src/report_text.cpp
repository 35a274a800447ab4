// The terminal report of `polycert conformance`, and the counts every rendering shares.
//
// Text that comes from a case (a reason, a corpus path, a DN value) is printed with its
// control characters made visible, so a hostile file cannot move the cursor or recolour
// the terminal; colour comes only from here, and only when the caller asks for it.
#include "report_layout.hpp"

#include <polycert/conformance/report.hpp>
#include <polycert/text.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace polycert::conformance {

void Totals::add(Outcome outcome) {
  switch (outcome) {
    case Outcome::pass:
      ++pass;
      break;
    case Outcome::fail:
      ++fail;
      break;
    case Outcome::skip:
      ++skip;
      break;
    case Outcome::xfail:
      ++xfail;
      break;
  }
}

Totals Report::totals() const {
  Totals totals;
  for (const auto& record : cases) totals.add(record.result.outcome);
  return totals;
}

std::map<std::string, Totals> Report::totals_per_backend() const {
  std::map<std::string, Totals> totals;
  for (const auto& backend : environment.backends) totals[backend.name];
  for (const auto& record : cases) {
    std::vector<std::string_view> seen;  // a case naming a backend twice counts once
    for (const auto& name : record.backends) {
      if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
      seen.push_back(name);
      totals[name].add(record.result.outcome);
    }
  }
  return totals;
}

namespace {

constexpr std::size_t kMaxValueWidth = 160;

// Printable on a terminal: valid UTF-8, C0 and C1 controls and DEL shown as \xNN / \u00NN.
std::string printable(std::string_view text) {
  const std::string valid = valid_utf8(text);
  std::string out;
  out.reserve(valid.size());
  char escape[8];
  for (std::size_t i = 0; i < valid.size(); ++i) {
    const auto c = static_cast<unsigned char>(valid[i]);
    if (c < 0x20 || c == 0x7F) {
      std::snprintf(escape, sizeof escape, "\\x%02x", c);
      out += escape;
    } else if (c == 0xC2 && i + 1 < valid.size() &&
               static_cast<unsigned char>(valid[i + 1]) < 0xA0) {
      std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned char>(valid[i + 1]));
      out += escape;
      ++i;
    } else {
      out += valid[i];
    }
  }
  return out;
}

// Columns a (printable) string takes: UTF-8 continuation bytes take none.
std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++width;
  return width;
}

std::string pad(const std::string& text, std::size_t width) {
  const std::size_t w = display_width(text);
  return w >= width ? text : text + std::string(width - w, ' ');
}

// At most `width` columns, cut at a character boundary, "…" when cut.
std::string shorten(const std::string& text, std::size_t width) {
  if (display_width(text) <= width) return text;
  std::size_t columns = 0, i = 0;
  for (; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && ++columns == width) break;
  }
  return text.substr(0, i) + "…";
}

class Painter {
 public:
  explicit Painter(bool colour) : colour_(colour) {}
  std::string operator()(const std::string& text, std::string_view code) const {
    if (!colour_ || code.empty()) return text;
    return "\x1b[" + std::string(code) + "m" + text + "\x1b[0m";
  }
  std::string outcome(const std::string& text, Outcome outcome) const {
    return (*this)(text, code(outcome));
  }
  static std::string_view code(Outcome outcome) {
    switch (outcome) {
      case Outcome::pass:
        return "32";
      case Outcome::fail:
        return "1;31";
      case Outcome::skip:
        return "33";
      case Outcome::xfail:
        return "35";
    }
    return "";
  }

 private:
  bool colour_;
};

// "38P 1F 2S": the outcomes that occur, in the order PASS, FAIL, SKIP, XFAIL.
std::string compact(const Totals& totals) {
  if (totals.all() == 0) return "-";
  std::string text;
  for (Outcome outcome : layout::kOutcomes) {
    const std::size_t n = layout::count(totals, outcome);
    if (n == 0) continue;
    if (!text.empty()) text += ' ';
    text += std::to_string(n) + to_string(outcome)[0];
  }
  return text;
}

// "110 PASS, 2 FAIL, 8 SKIP, 3 XFAIL", every outcome named even at zero.
std::string spelled(const Totals& totals, const Painter& paint) {
  std::string text;
  for (Outcome outcome : layout::kOutcomes) {
    if (!text.empty()) text += ", ";
    const std::size_t n = layout::count(totals, outcome);
    const std::string part = std::to_string(n) + " " + std::string(to_string(outcome));
    text += n > 0 && outcome != Outcome::pass ? paint.outcome(part, outcome) : part;
  }
  return text;
}

// A table of cells, every column padded to its widest cell, the first row bold; each
// body cell may carry the outcome its colour shows.
struct Table {
  struct Cell {
    std::string text;
    std::optional<Outcome> outcome;
  };
  std::vector<std::vector<Cell>> rows;

  void print(std::ostream& out, const Painter& paint, std::string_view indent) const {
    std::vector<std::size_t> widths;
    for (const auto& row : rows)
      for (std::size_t c = 0; c < row.size(); ++c) {
        if (widths.size() <= c) widths.push_back(0);
        widths[c] = std::max(widths[c], display_width(row[c].text));
      }
    for (std::size_t r = 0; r < rows.size(); ++r) {
      std::string line(indent);
      for (std::size_t c = 0; c < rows[r].size(); ++c) {
        const Cell& cell = rows[r][c];
        const bool last = c + 1 == rows[r].size();
        const std::string text = last ? cell.text : pad(cell.text, widths[c]);
        line += r == 0         ? paint(text, "1")
                : cell.outcome ? paint.outcome(text, *cell.outcome)
                               : text;
        if (!last) line += "  ";
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out << line << "\n";
    }
  }
};

Table::Cell cell(std::string text, std::optional<Outcome> outcome = std::nullopt) {
  return {std::move(text), outcome};
}

// The counts of a cell, coloured by its worst outcome.
Table::Cell counts_cell(const Totals& totals) {
  if (totals.all() == 0) return cell("-");
  return cell(compact(totals), layout::worst(totals));
}

void print_lines(std::ostream& out, std::string_view indent, std::string_view text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    out << indent << printable(text.substr(start, end - start)) << "\n";
    start = end + 1;
  }
}

void print_difference(std::ostream& out, const Difference& d, const Painter& paint) {
  const std::string verdict = d.matters ? paint("matters", "1;31") : std::string("cosmetic");
  out << "        - " << printable(d.field) << ": " << verdict << "\n";
  const std::string left = printable(d.left_source), right = printable(d.right_source);
  const std::size_t width = std::max(display_width(left), display_width(right)) + 1;
  out << "            " << pad(left + ":", width) << " "
      << shorten(printable(d.left), kMaxValueWidth) << "\n";
  out << "            " << pad(right + ":", width) << " "
      << shorten(printable(d.right), kMaxValueWidth) << "\n";
  if (!d.why.empty()) print_lines(out, "            why: ", d.why);
}

void print_case(std::ostream& out, const CaseRecord& record, const Painter& paint) {
  const Outcome outcome = record.result.outcome;
  out << "  " << paint.outcome(pad(std::string(to_string(outcome)), 5), outcome) << "  "
      << printable(record.id) << "\n";
  std::string backends;
  for (const auto& name : record.backends)
    backends += (backends.empty()                    ? ""
                 : record.kind == CaseKind::pairwise ? " -> "
                                                     : ", ") +
                printable(name);
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.1f ms", record.milliseconds);
  out << "        " << to_string(record.kind) << ", " << printable(record.operation) << ", "
      << printable(record.subject) << (backends.empty() ? "" : ", " + backends) << ", " << ms
      << "\n";
  if (!record.result.reason.empty()) print_lines(out, "        ", record.result.reason);
  for (const auto& d : record.result.differences) print_difference(out, d, paint);
}

}  // namespace

void print_text(std::ostream& out, const Report& report, bool colour, bool verbose) {
  const Painter paint(colour);
  const Environment& env = report.environment;
  const auto backends = layout::backends(report);

  out << paint("polycert conformance", "1") << " " << printable(env.polycert_version) << ": "
      << printable(env.date) << ", " << printable(env.host) << ", " << printable(env.cpu_model)
      << "\n";
  {
    Table table;
    for (const auto& backend : env.backends)
      table.rows.push_back(
          {cell(printable(backend.name)), cell(printable(backend.library_version))});
    table.rows.insert(table.rows.begin(), {cell("backend"), cell("library")});
    if (!env.backends.empty()) table.print(out, paint, "  ");
  }
  if (!env.corpus.empty()) out << "  corpus: " << printable(env.corpus) << "\n";
  if (!env.filter.empty()) out << "  filter: " << printable(env.filter) << " (a partial run)\n";

  if (report.cases.empty()) {
    out << "\nNo case ran.\n";
  } else {
    // Cases per area and backend.
    const auto per_area = layout::area_totals(report);
    const auto per_backend = report.totals_per_backend();
    out << "\n"
        << paint("Cases per area and backend", "1")
        << " (P = PASS, F = FAIL, S = SKIP, X = XFAIL)\n";
    Table table;
    table.rows.push_back({cell("area")});
    for (const auto& name : backends) table.rows[0].push_back(cell(printable(name)));
    for (const auto& area : layout::areas(report)) {
      std::vector<Table::Cell> row = {cell(printable(area))};
      for (const auto& name : backends) {
        const auto found = per_area.at(area).find(name);
        const Totals totals = found == per_area.at(area).end() ? Totals{} : found->second;
        row.push_back(counts_cell(totals));
      }
      table.rows.push_back(std::move(row));
    }
    std::vector<Table::Cell> all = {cell("all")};
    for (const auto& name : backends) {
      const auto found = per_backend.find(name);
      const Totals totals = found == per_backend.end() ? Totals{} : found->second;
      all.push_back(counts_cell(totals));
    }
    table.rows.push_back(std::move(all));
    table.print(out, paint, "  ");

    // The pairwise grids: one block of producer rows per area, consumer columns.
    const auto grids = layout::pairwise_grids(report);
    if (!grids.empty()) {
      out << "\n"
          << paint("Pairwise: made by the row's backend, read by the column's", "1") << "\n";
      Table grid;
      grid.rows.push_back({cell("area"), cell("producer")});
      for (const auto& name : backends) grid.rows[0].push_back(cell("-> " + printable(name)));
      for (const auto& [area, cells] : grids) {
        bool first = true;
        for (const auto& producer : backends) {
          std::vector<Table::Cell> row = {cell(first ? printable(area) : ""),
                                          cell(printable(producer))};
          bool any = false;
          for (const auto& consumer : backends) {
            const auto found = cells.find({producer, consumer});
            if (found == cells.end()) {
              row.push_back(cell("-"));
              continue;
            }
            any = true;
            row.push_back(counts_cell(found->second));
          }
          if (!any) continue;
          grid.rows.push_back(std::move(row));
          first = false;
        }
      }
      grid.print(out, paint, "  ");
    }

    // What did not pass, or every case with --verbose.
    std::vector<const CaseRecord*> listed, skipped, cosmetic;
    for (const auto& record : report.cases) {
      const Outcome outcome = record.result.outcome;
      if (verbose || outcome == Outcome::fail || outcome == Outcome::xfail)
        listed.push_back(&record);
      else if (outcome == Outcome::skip)
        skipped.push_back(&record);
      else if (!record.result.differences.empty())
        cosmetic.push_back(&record);
    }
    if (!verbose)  // FAIL before XFAIL, each in table order
      std::stable_partition(listed.begin(), listed.end(), [](const CaseRecord* record) {
        return record->result.outcome == Outcome::fail;
      });
    if (!listed.empty()) {
      out << "\n"
          << paint(verbose ? "Every case" : "FAIL and XFAIL", "1") << " (" << listed.size()
          << ")\n";
      for (const CaseRecord* record : listed) print_case(out, *record, paint);
    }
    if (!skipped.empty()) {
      // The SKIPs grouped by reason: the same missing capability skips many cases.
      std::vector<std::pair<std::string, std::size_t>> reasons;
      for (const CaseRecord* record : skipped) {
        auto it = std::find_if(reasons.begin(), reasons.end(),
                               [&](const auto& r) { return r.first == record->result.reason; });
        if (it == reasons.end())
          reasons.emplace_back(record->result.reason, 1);
        else
          ++it->second;
      }
      out << "\n"
          << paint("SKIP", std::string(Painter::code(Outcome::skip)) + ";1") << " ("
          << skipped.size() << " cases, --verbose lists them)\n";
      for (const auto& [reason, n] : reasons)
        out << "  " << n << " x "
            << shorten(printable(reason.empty() ? "(no reason)" : reason), kMaxValueWidth) << "\n";
    }
    if (!cosmetic.empty()) {
      // Passing cases whose outputs differ in ways verifiers treat alike, by field.
      std::vector<std::pair<std::string, std::size_t>> fields;
      for (const CaseRecord* record : cosmetic)
        for (const auto& d : record->result.differences) {
          auto it = std::find_if(fields.begin(), fields.end(),
                                 [&](const auto& f) { return f.first == d.field; });
          if (it == fields.end())
            fields.emplace_back(d.field, 1);
          else
            ++it->second;
        }
      out << "\n"
          << paint("Differences in passing cases", "1") << " (" << cosmetic.size()
          << " cases, --verbose lists them)\n";
      for (const auto& [field, n] : fields) out << "  " << n << " x " << printable(field) << "\n";
    }
  }

  // Totals, per backend and in all.
  const Totals totals = report.totals();
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f s", env.seconds);
  out << "\n"
      << paint("Totals", "1") << ": " << totals.all() << (totals.all() == 1 ? " case" : " cases")
      << " in " << seconds << ": " << spelled(totals, paint) << "\n";
  const auto per_backend = report.totals_per_backend();
  std::size_t width = 0;
  for (const auto& name : backends) width = std::max(width, display_width(printable(name)));
  for (const auto& name : backends) {
    const auto found = per_backend.find(name);
    out << "  " << pad(printable(name), width) << "  "
        << spelled(found == per_backend.end() ? Totals{} : found->second, paint) << "\n";
  }
  if (totals.fail > 0)
    out << paint("FAILED", "1;31") << ": " << totals.fail << (totals.fail == 1 ? " case" : " cases")
        << " failed\n";
  else
    out << paint("OK", "1;32") << ": no case failed\n";
}

}  // namespace polycert::conformance
