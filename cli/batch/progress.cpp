#include "progress.hpp"

#include <cmath>
#include <cstdio>

namespace polycert::cli {

namespace {

constexpr int kBarWidth = 28;

std::string format_eta(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "--:--";
  const auto whole = static_cast<unsigned long long>(seconds + 0.5);
  char text[32];
  if (whole >= 3600)
    std::snprintf(text, sizeof text, "%llu:%02llu:%02llu", whole / 3600, whole / 60 % 60,
                  whole % 60);
  else
    std::snprintf(text, sizeof text, "%llu:%02llu", whole / 60, whole % 60);
  return text;
}

}  // namespace

std::optional<ProgressMode> parse_progress_mode(std::string_view text) {
  if (text == "auto") return ProgressMode::auto_;
  if (text == "always") return ProgressMode::always;
  if (text == "never") return ProgressMode::never;
  return std::nullopt;
}

Progress::Style Progress::choose(ProgressMode mode, bool quiet, bool stderr_is_terminal) {
  if (quiet || mode == ProgressMode::never) return Style::none;
  if (stderr_is_terminal) return Style::bar;
  return mode == ProgressMode::always ? Style::lines : Style::none;
}

Progress::Progress(Style style, std::uint64_t total, std::string noun)
    : style_(style), total_(total), noun_(std::move(noun)) {}

std::chrono::milliseconds Progress::interval() const {
  return std::chrono::milliseconds(style_ == Style::bar ? 100 : 250);
}

std::string Progress::format_seconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, seconds < 10 ? "%.2f s" : "%.1f s", seconds);
  return text;
}

std::string Progress::format_rate(double per_second) {
  char text[32];
  std::snprintf(text, sizeof text, per_second < 10 ? "%.1f/s" : "%.0f/s", per_second);
  return text;
}

void Progress::update(std::uint64_t done) {
  if (style_ == Style::none) return;
  if (style_ == Style::lines) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_line_ < std::chrono::seconds(1)) return;
    last_line_ = now;
  }
  draw(done, false);
}

void Progress::finish(std::uint64_t done) {
  if (style_ == Style::none) return;
  draw(done, true);
  if (style_ == Style::bar) std::fputs("\n", stderr);
  std::fflush(stderr);
}

void Progress::draw(std::uint64_t done, bool last) {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  const double fraction =
      total_ == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total_);
  const int percent = static_cast<int>(fraction * 100);
  const std::string eta =
      last ? "in " + format_seconds(elapsed)
           : "ETA " + format_eta(rate > 0 ? static_cast<double>(total_ - done) / rate : NAN);
  const std::string counts = std::to_string(done) + "/" + std::to_string(total_);
  if (style_ == Style::bar) {
    std::string bar(kBarWidth, ' ');
    const int filled = static_cast<int>(fraction * kBarWidth);
    for (int i = 0; i < filled && i < kBarWidth; ++i) bar[static_cast<std::size_t>(i)] = '#';
    std::fprintf(stderr, "\r[%s] %s %3d%% %s %s\033[K", bar.c_str(), counts.c_str(), percent,
                 format_rate(rate).c_str(), eta.c_str());
  } else {
    std::fprintf(stderr, "progress: %s %s (%d%%), %s, %s\n", counts.c_str(), noun_.c_str(), percent,
                 format_rate(rate).c_str(), eta.c_str());
  }
  std::fflush(stderr);
}

}  // namespace polycert::cli
