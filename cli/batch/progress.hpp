// Progress of a batch on standard error: a bar redrawn in place on a terminal (count,
// percentage, rate, ETA), or plain lines about once a second when stderr is a pipe or a
// file and --progress always asked for them.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace polycert::cli {

enum class ProgressMode { auto_, always, never };

/// "auto", "always" or "never"; nullopt for anything else.
std::optional<ProgressMode> parse_progress_mode(std::string_view text);

class Progress {
 public:
  enum class Style { none, bar, lines };

  /// The style for `mode` given whether stderr is a terminal (auto: a bar on a terminal,
  /// nothing otherwise; always: a bar on a terminal, lines otherwise; never or quiet: none).
  static Style choose(ProgressMode mode, bool quiet, bool stderr_is_terminal);

  /// `total` items, counted as `noun` ("keys") in plain lines.
  Progress(Style style, std::uint64_t total, std::string noun);

  Style style() const { return style_; }
  /// How often update() wants to be called.
  std::chrono::milliseconds interval() const;
  /// Called with the number of items done so far; draws when it is time to.
  void update(std::uint64_t done);
  /// Draws the last state and ends the bar's line.
  void finish(std::uint64_t done);

  /// "0:01:05" or "12.3 s"-style durations and rates, shared with the summary line.
  static std::string format_seconds(double seconds);
  static std::string format_rate(double per_second);

 private:
  void draw(std::uint64_t done, bool last);

  Style style_;
  std::uint64_t total_;
  std::string noun_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_line_ = start_;
};

}  // namespace polycert::cli
