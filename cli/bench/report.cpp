#include "report.hpp"

#include <polycert/text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <sstream>

namespace polycert::bench {

namespace {

std::string printf_string(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

// Three significant digits: 1.23, 12.3, 123.
std::string three_digits(double value) {
  if (value >= 99.95) return printf_string("%.0f", value);
  if (value >= 9.995) return printf_string("%.1f", value);
  return printf_string("%.2f", value);
}

// Columns a string takes on a terminal: UTF-8 continuation bytes take none.
std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++width;
  return width;
}

std::string pad(const std::string& text, std::size_t width, bool right) {
  const std::size_t w = display_width(text);
  if (w >= width) return text;
  const std::string fill(width - w, ' ');
  return right ? fill + text : text + fill;
}

// An axis label: "20 µs" rather than "20.0 µs", "0" rather than "0.00".
std::string tick_label(std::string text) {
  const std::size_t dot = text.find('.');
  if (dot == std::string::npos) return text;
  std::size_t end = text.find(' ', dot);
  if (end == std::string::npos) end = text.size();
  std::size_t cut = end;
  while (cut > dot + 1 && text[cut - 1] == '0') --cut;
  if (cut == dot + 1) --cut;  // no digits left after the point
  return text.erase(cut, end - cut);
}

// Rows grouped by operation, in the order they appear.
std::vector<std::vector<const Row*>> by_operation(const Report& report) {
  std::vector<std::vector<const Row*>> groups;
  std::map<std::string, std::size_t> index;
  for (const auto& row : report.rows) {
    auto [it, added] = index.try_emplace(row.op, groups.size());
    if (added) groups.emplace_back();
    groups[it->second].push_back(&row);
  }
  return groups;
}


std::string number(double value) { return printf_string("%.1f", value); }

std::string environment_line(const Environment& env) {
  std::ostringstream out;
  out << env.date << ", " << env.cpu_model << ", " << env.cores
      << (env.cores == 1 ? " core" : " cores") << ", " << env.threads
      << (env.threads == 1 ? " thread" : " threads") << ", " << env.clock << " time";
  return out.str();
}

const char* const kPalette[] = {"#3b6fb6", "#c2452d", "#3a8f4b", "#8a5cb8", "#b8860b", "#2a9d9d"};

std::string backend_colour(const Report& report, const std::string& backend) {
  const auto& list = report.environment.backends;
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].name == backend) return kPalette[i % std::size(kPalette)];
  return "#777777";
}

// Tick values for a logarithmic axis over [low, high]: 1-2-5 per decade, or every digit
// when that gives fewer than three, or powers of ten when it gives too many.
std::vector<double> log_ticks(double low, double high) {
  auto collect = [&](std::initializer_list<double> mantissas) {
    std::vector<double> ticks;
    for (int e = static_cast<int>(std::floor(std::log10(low)));
         e <= static_cast<int>(std::ceil(std::log10(high))); ++e)
      for (double m : mantissas) {
        const double v = m * std::pow(10.0, e);
        if (v >= low && v <= high) ticks.push_back(v);
      }
    return ticks;
  };
  auto ticks = collect({1, 2, 5});
  if (ticks.size() < 3) ticks = collect({1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9});
  if (ticks.size() > 10) ticks = collect({1});
  return ticks;
}

// About five round steps from 0 to at least `high`.
std::vector<double> linear_ticks(double high) {
  if (high <= 0) return {0};
  const double raw = high / 5;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  std::vector<double> ticks;
  for (double v = 0; v < high + step * 0.999; v += step) ticks.push_back(v);
  return ticks;
}

constexpr int kLeft = 100, kPlot = 540, kRight = 130, kRowHeight = 36, kTop = 10, kAxis = 34;
constexpr int kWidth = kLeft + kPlot + kRight;

void svg_open(std::ostringstream& out, int height, const std::string& label) {
  out << "<svg width=\"" << kWidth << "\" height=\"" << height << "\" viewBox=\"0 0 " << kWidth
      << " " << height << "\" role=\"img\" aria-label=\"" << html_escape(label) << "\">\n";
}

// The vertical grid lines of a chart's ticks down to the axis at `axis_y`, their labels
// under it, and the axis title.
void chart_axis(std::ostringstream& out, int axis_y, const std::vector<double>& ticks,
                const std::function<double(double)>& x,
                const std::function<std::string(double)>& tick_text, std::string_view title) {
  for (double tick : ticks) {
    out << "<line x1=\"" << number(x(tick)) << "\" y1=\"" << kTop << "\" x2=\"" << number(x(tick))
        << "\" y2=\"" << axis_y << "\" class=\"grid\" />\n";
    out << "<text x=\"" << number(x(tick)) << "\" y=\"" << axis_y + 16
        << "\" class=\"tick\" text-anchor=\"middle\">" << html_escape(tick_label(tick_text(tick)))
        << "</text>\n";
  }
  out << "<text x=\"" << kLeft + kPlot / 2 << "\" y=\"" << axis_y + 31
      << "\" class=\"axis\" text-anchor=\"middle\">" << html_escape(title) << "</text>\n";
}

// A row's backend name, left of the plot.
void row_label(std::ostringstream& out, double y, std::string_view backend) {
  out << "<text x=\"" << kLeft - 8 << "\" y=\"" << number(y + 4)
      << "\" class=\"label\" text-anchor=\"end\">" << html_escape(backend) << "</text>\n";
}

// Distribution of one operation's samples per backend on a logarithmic time axis.
void distribution_chart(std::ostringstream& out, const Report& report,
                        const std::vector<const Row*>& rows) {
  double low = 0, high = 0;
  for (const Row* row : rows) {
    if (row->skip_reason || row->samples_ns.empty()) continue;
    const double lo = std::max(row->summary.min, 1e-3), hi = std::max(row->summary.max, lo);
    low = low == 0 ? lo : std::min(low, lo);
    high = std::max(high, hi);
  }
  const int height = kTop + static_cast<int>(rows.size()) * kRowHeight + kAxis;
  svg_open(out, height, rows.front()->op + ": time per operation by backend");
  if (high > 0) {
    low /= 1.15;
    high *= 1.15;
    const double span = std::log10(high) - std::log10(low);
    auto x = [&](double v) {
      return kLeft + kPlot * (std::log10(std::max(v, low)) - std::log10(low)) / span;
    };
    chart_axis(out, kTop + static_cast<int>(rows.size()) * kRowHeight, log_ticks(low, high), x,
               format_duration, "time per operation (log scale)");
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const Row& row = *rows[i];
      const double y = kTop + kRowHeight * (static_cast<double>(i) + 0.5);
      row_label(out, y, row.backend);
      if (row.skip_reason) {
        out << "<text x=\"" << kLeft + 4 << "\" y=\"" << number(y + 4)
            << "\" class=\"skip\">skipped: " << html_escape(row.skip_reason->substr(0, 90))
            << (row.skip_reason->size() > 90 ? "…" : "") << "</text>\n";
        continue;
      }
      const Summary& s = row.summary;
      const std::string colour = backend_colour(report, row.backend);
      out << "<line x1=\"" << number(x(s.min)) << "\" y1=\"" << number(y) << "\" x2=\""
          << number(x(s.max)) << "\" y2=\"" << number(y) << "\" class=\"range\" />\n";
      out << "<rect x=\"" << number(x(s.p25)) << "\" y=\"" << number(y - 8) << "\" width=\""
          << number(std::max(1.0, x(s.p75) - x(s.p25))) << "\" height=\"16\" fill=\"" << colour
          << "\" fill-opacity=\"0.35\" stroke=\"" << colour << "\" />\n";
      out << "<rect x=\"" << number(x(s.median_ci.low)) << "\" y=\"" << number(y - 8)
          << "\" width=\"" << number(std::max(1.0, x(s.median_ci.high) - x(s.median_ci.low)))
          << "\" height=\"16\" fill=\"" << colour << "\" fill-opacity=\"0.6\" />\n";
      out << "<line x1=\"" << number(x(s.median)) << "\" y1=\"" << number(y - 11) << "\" x2=\""
          << number(x(s.median)) << "\" y2=\"" << number(y + 11) << "\" class=\"median\" />\n";
      // The samples as a strip under the box, at most 400 of them evenly picked.
      const std::size_t n = row.samples_ns.size(), step = (n + 399) / 400;
      for (std::size_t j = 0; j < n; j += step) {
        const double jitter = static_cast<double>((j * 7919) % 9) - 4;
        out << "<circle cx=\"" << number(x(row.samples_ns[j])) << "\" cy=\""
            << number(y + 13 + jitter / 2) << "\" r=\"1.6\" fill=\"" << colour
            << "\" fill-opacity=\"0.45\" />\n";
      }
      out << "<text x=\"" << kLeft + kPlot + 8 << "\" y=\"" << number(y + 4)
          << "\" class=\"value\">" << html_escape(format_duration(s.median)) << "</text>\n";
    }
  }
  out << "</svg>\n";
}

// Operations per second per backend: bars from zero with the 95% interval as whiskers.
void throughput_chart(std::ostringstream& out, const Report& report,
                      const std::vector<const Row*>& rows) {
  double high = 0;
  for (const Row* row : rows)
    if (!row->skip_reason)
      high = std::max({high, row->throughput.per_second, row->throughput.high});
  const int height = kTop + static_cast<int>(rows.size()) * kRowHeight + kAxis;
  svg_open(out, height, rows.front()->op + ": operations per second by backend");
  if (high > 0) {
    const auto ticks = linear_ticks(high);
    const double top = ticks.back();
    auto x = [&](double v) { return kLeft + kPlot * std::min(v, top) / top; };
    const unsigned threads = report.environment.threads;
    chart_axis(out, kTop + static_cast<int>(rows.size()) * kRowHeight, ticks, x, format_rate,
               "operations per second (" + std::to_string(threads) +
                   (threads == 1 ? " thread)" : " threads)"));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const Row& row = *rows[i];
      const double y = kTop + kRowHeight * (static_cast<double>(i) + 0.5);
      row_label(out, y, row.backend);
      if (row.skip_reason) {
        out << "<text x=\"" << kLeft + 4 << "\" y=\"" << number(y + 4)
            << "\" class=\"skip\">skipped</text>\n";
        continue;
      }
      out << "<rect x=\"" << kLeft << "\" y=\"" << number(y - 10) << "\" width=\""
          << number(x(row.throughput.per_second) - kLeft) << "\" height=\"20\" fill=\""
          << backend_colour(report, row.backend) << "\" />\n";
      if (row.throughput.low > 0) {
        const double a = x(row.throughput.low),
                     b = x(row.throughput.high > 0 ? row.throughput.high : top);
        out << "<line x1=\"" << number(a) << "\" y1=\"" << number(y) << "\" x2=\"" << number(b)
            << "\" y2=\"" << number(y) << "\" class=\"whisker\" />\n";
        for (double end : {a, b})
          out << "<line x1=\"" << number(end) << "\" y1=\"" << number(y - 6) << "\" x2=\""
              << number(end) << "\" y2=\"" << number(y + 6) << "\" class=\"whisker\" />\n";
      }
      std::string label = format_rate(row.throughput.per_second) + "/s";
      if (row.ratio_to_fastest)
        label += *row.ratio_to_fastest == 1.0 ? std::string(" fastest")
                                              : " ×" + printf_string("%.2f", *row.ratio_to_fastest);
      out << "<text x=\"" << kLeft + kPlot + 8 << "\" y=\"" << number(y + 4)
          << "\" class=\"value\">" << html_escape(label) << "</text>\n";
    }
  }
  out << "</svg>\n";
}

constexpr std::string_view kStyle =
    R"(body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; max-width: 1100px; }
h1 { font-size: 22px; margin-bottom: 4px; }
h2 { font-size: 17px; margin: 28px 0 6px; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 9px; border-bottom: 1px solid #eee; text-align: right; white-space: nowrap; }
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
td.skip { text-align: left; color: #946b00; white-space: normal; }
td.fastest { color: #1d7a33; font-weight: 600; }
.env { color: #555; }
.warning { color: #a33; font-weight: 600; }
.charts { display: flex; flex-wrap: wrap; gap: 8px 24px; }
figure { margin: 0; }
figcaption { font-size: 12px; color: #555; }
svg text { font: 12px system-ui, sans-serif; fill: #222; }
svg text.tick, svg text.axis { fill: #666; font-size: 11px; }
svg text.skip { fill: #946b00; }
svg .grid { stroke: #e4e4e4; }
svg .range { stroke: #999; stroke-width: 1; }
svg .median { stroke: #111; stroke-width: 2.5; }
svg .whisker { stroke: #111; stroke-width: 1.5; }
)";

}  // namespace

void compute_ratios(Report& report) {
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < report.rows.size(); ++i) groups[report.rows[i].op].push_back(i);
  for (const auto& [op, indices] : groups) {
    std::vector<std::optional<double>> medians;
    for (std::size_t i : indices) {
      const Row& row = report.rows[i];
      medians.push_back(row.skip_reason ? std::nullopt : std::optional<double>(row.summary.median));
    }
    const auto ratios = ratios_to_fastest(medians);
    for (std::size_t k = 0; k < indices.size(); ++k)
      report.rows[indices[k]].ratio_to_fastest = ratios[k];
  }
}

std::string format_duration(double ns) {
  if (ns < 999.5) return three_digits(ns) + " ns";
  if (ns < 999.5e3) return three_digits(ns / 1e3) + " µs";
  if (ns < 999.5e6) return three_digits(ns / 1e6) + " ms";
  return three_digits(ns / 1e9) + " s";
}

std::string format_rate(double per_second) {
  if (per_second < 999.5) return three_digits(per_second);
  if (per_second < 999.5e3) return three_digits(per_second / 1e3) + " k";
  if (per_second < 999.5e6) return three_digits(per_second / 1e6) + " M";
  return three_digits(per_second / 1e9) + " G";
}

std::string render_table(const Report& report, bool colour) {
  const Environment& env = report.environment;
  std::ostringstream out;
  out << "polycert bench: " << environment_line(env) << "\n";
  for (const auto& backend : env.backends)
    out << "  " << pad(backend.name, 9, false) << backend.library_version << "\n";
  if (env.assertions)
    out << "  note: a debug build (assertions on); measure with a release build\n";
  out << "\n";

  const std::vector<std::string> header = {"operation",     "backend", "n",       "min", "p10",
                                           "median",        "mean",    "p90",     "p99", "stddev",
                                           "median 95% CI", "ops/s",   "×fastest"};
  struct Line {
    std::vector<std::string> cells;
    std::string skip;
    const Row* row;
  };
  std::vector<Line> lines;
  for (const auto& group : by_operation(report)) {
    bool first = true;
    for (const Row* row : group) {
      Line line{{first ? row->op : "", row->backend}, {}, row};
      first = false;
      if (row->skip_reason) {
        line.skip = "SKIP: " + *row->skip_reason;
      } else {
        const Summary& s = row->summary;
        for (const std::string& cell :
             {std::to_string(s.count), format_duration(s.min), format_duration(s.p10),
              format_duration(s.median), format_duration(s.mean), format_duration(s.p90),
              format_duration(s.p99), format_duration(s.stddev),
              format_duration(s.median_ci.low) + " – " + format_duration(s.median_ci.high) +
                  (s.median_ci.coverage < 0.95 ? " *" : ""),
              format_rate(row->throughput.per_second),
              row->ratio_to_fastest ? printf_string("%.2f", *row->ratio_to_fastest)
                                    : std::string("-")})
          line.cells.push_back(cell);
      }
      lines.push_back(std::move(line));
    }
  }
  std::vector<std::size_t> widths;
  for (const auto& h : header) widths.push_back(display_width(h));
  for (const auto& line : lines)
    for (std::size_t c = 0; c < line.cells.size(); ++c)
      widths[c] = std::max(widths[c], display_width(line.cells[c]));

  auto paint = [&](const std::string& text, const char* code) {
    return colour ? std::string("\x1b[") + code + "m" + text + "\x1b[0m" : text;
  };
  std::string head;
  for (std::size_t c = 0; c < header.size(); ++c)
    head += (c ? "  " : "") + pad(header[c], widths[c], c >= 2);
  out << paint(head, "1") << "\n";
  for (const auto& line : lines) {
    if (!line.cells[0].empty() && &line != &lines.front()) out << "\n";
    std::string text =
        pad(line.cells[0], widths[0], false) + "  " + pad(line.cells[1], widths[1], false);
    if (!line.skip.empty()) {
      out << text << "  " << paint(line.skip, "33") << "\n";
      continue;
    }
    for (std::size_t c = 2; c < line.cells.size(); ++c) {
      std::string cell = pad(line.cells[c], widths[c], true);
      if (c == line.cells.size() - 1 && line.row->ratio_to_fastest) {
        if (*line.row->ratio_to_fastest == 1.0)
          cell = paint(cell, "32");
        else if (*line.row->ratio_to_fastest >= 2.0)
          cell = paint(cell, "31");
      }
      text += "  " + cell;
    }
    out << text << "\n";
  }
  out << "\nTimes are per operation (" << env.clock
      << " time); ops/s: all threads together, in "
         "elapsed time; "
      << "×fastest = median / the fastest backend's median.\n";
  bool short_interval = false;
  for (const auto& row : report.rows)
    short_interval |= !row.skip_reason && row.summary.median_ci.coverage < 0.95;
  if (short_interval)
    out << "* under 6 samples: min – max, which covers the median with less than 95% "
           "probability.\n";
  return out.str();
}

nlohmann::json to_json(const Report& report) {
  const Environment& env = report.environment;
  nlohmann::json doc;
  doc["format"] = "polycert-bench";
  doc["version"] = 1;
  doc["date"] = env.date;
  doc["machine"] = {{"cpu_model", env.cpu_model}, {"cores", env.cores}};
  doc["settings"] = {
      {"threads", env.threads},
      {"clock", env.clock},
      {"samples", env.samples ? nlohmann::json(*env.samples) : nlohmann::json(nullptr)},
      {"seconds", env.seconds ? nlohmann::json(*env.seconds) : nlohmann::json(nullptr)},
      {"warmup", env.warmup},
      {"min_sample_time_ns", env.min_sample_time_ns},
      {"assertions", env.assertions}};
  doc["backends"] = nlohmann::json::array();
  for (const auto& backend : env.backends)
    doc["backends"].push_back(
        {{"name", backend.name}, {"library_version", backend.library_version}});
  doc["compiled_backends"] = nlohmann::json::array();
  for (const auto& backend : env.compiled_backends)
    doc["compiled_backends"].push_back(
        {{"name", backend.name}, {"library_version", backend.library_version}});
  doc["results"] = nlohmann::json::array();
  for (const auto& row : report.rows) {
    nlohmann::json entry = {
        {"op", row.op}, {"kind", row.kind}, {"key_spec", row.key_spec}, {"backend", row.backend}};
    if (row.skip_reason) {
      entry["status"] = "skip";
      entry["reason"] = *row.skip_reason;
      doc["results"].push_back(std::move(entry));
      continue;
    }
    const Summary& s = row.summary;
    auto positive = [](double v) { return v > 0 ? nlohmann::json(v) : nlohmann::json(nullptr); };
    entry["status"] = "ok";
    entry["samples"] = s.count;
    entry["batch"] = row.batch;
    entry["min_ns"] = s.min;
    entry["p10_ns"] = s.p10;
    entry["p25_ns"] = s.p25;
    entry["median_ns"] = s.median;
    entry["mean_ns"] = s.mean;
    entry["p75_ns"] = s.p75;
    entry["p90_ns"] = s.p90;
    entry["p99_ns"] = s.p99;
    entry["max_ns"] = s.max;
    entry["stddev_ns"] = s.stddev;
    entry["median_ci_ns"] = {
        {"low", s.median_ci.low}, {"high", s.median_ci.high}, {"coverage", s.median_ci.coverage}};
    entry["mean_ci_ns"] = {
        {"low", s.mean_ci.low}, {"high", s.mean_ci.high}, {"coverage", s.mean_ci.coverage}};
    entry["ops_per_second"] = positive(row.throughput.per_second);
    entry["ops_per_second_ci"] = {{"low", positive(row.throughput.low)},
                                  {"high", positive(row.throughput.high)}};
    entry["ratio_to_fastest"] =
        row.ratio_to_fastest ? nlohmann::json(*row.ratio_to_fastest) : nlohmann::json(nullptr);
    entry["sample_values_ns"] = row.samples_ns;
    doc["results"].push_back(std::move(entry));
  }
  return doc;
}

std::string render_html(const Report& report) {
  const Environment& env = report.environment;
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n"
      << "<title>polycert bench, " << html_escape(env.date) << "</title>\n<style>\n"
      << kStyle << "</style>\n</head>\n<body>\n<h1>polycert bench</h1>\n"
      << "<p class=\"env\">" << html_escape(environment_line(env)) << "</p>\n";
  if (env.assertions)
    out << "<p class=\"warning\">A debug build (assertions on): polycert's own code runs slower "
           "than in a "
           "release build.</p>\n";
  out << "<table>\n<tr><th>backend</th><th>library</th></tr>\n";
  for (const auto& backend : env.backends)
    out << "<tr><td>" << html_escape(backend.name) << "</td><td>"
        << html_escape(backend.library_version) << "</td></tr>\n";
  out << "</table>\n";

  const auto groups = by_operation(report);
  out << "<h2>Summary</h2>\n<table>\n<tr><th>operation</th><th>backend</th><th>n</th><th>min</"
         "th><th>p10</th>"
         "<th>median</th><th>mean</th><th>p90</th><th>p99</th><th>stddev</th><th>median 95% CI</th>"
         "<th>ops/s</th><th>×fastest</th></tr>\n";
  for (const auto& group : groups) {
    for (const Row* row : group) {
      out << "<tr><td>" << html_escape(row->op) << "</td><td>" << html_escape(row->backend)
          << "</td>";
      if (row->skip_reason) {
        out << "<td colspan=\"11\" class=\"skip\">skipped: " << html_escape(*row->skip_reason)
            << "</td></tr>\n";
        continue;
      }
      const Summary& s = row->summary;
      out << "<td>" << s.count << "</td>";
      for (double v : {s.min, s.p10, s.median, s.mean, s.p90, s.p99, s.stddev})
        out << "<td>" << html_escape(format_duration(v)) << "</td>";
      out << "<td>" << html_escape(format_duration(s.median_ci.low)) << " – "
          << html_escape(format_duration(s.median_ci.high)) << "</td><td>"
          << html_escape(format_rate(row->throughput.per_second)) << "</td>";
      const bool fastest = row->ratio_to_fastest && *row->ratio_to_fastest == 1.0;
      out << "<td" << (fastest ? " class=\"fastest\"" : "") << ">"
          << (row->ratio_to_fastest ? printf_string("%.2f", *row->ratio_to_fastest)
                                    : std::string("-"))
          << "</td></tr>\n";
    }
  }
  out << "</table>\n";

  for (const auto& group : groups) {
    out << "<h2>" << html_escape(group.front()->op) << "</h2>\n<div class=\"charts\">\n<figure>\n";
    distribution_chart(out, report, group);
    out << "<figcaption>Time per operation: line min to max, box p25 to p75, dark band the "
           "median's 95% "
           "interval, black tick the median; dots are the "
           "samples.</figcaption>\n</figure>\n<figure>\n";
    throughput_chart(out, report, group);
    out << "<figcaption>Operations per second of all threads together in elapsed time, with its "
           "95% "
           "interval; ×fastest compares median times.</figcaption>\n</figure>\n</div>\n";
  }
  out << "<p class=\"env\">Settings: " << env.warmup
      << " warm-up sample(s); a sample times a batch of "
         "operations lasting at least "
      << html_escape(format_duration(env.min_sample_time_ns))
      << "; backends interleaved sample by sample.</p>\n"
      << "</body>\n</html>\n";
  return out.str();
}

}  // namespace polycert::bench
