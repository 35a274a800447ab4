#include <polycert/conformance/known_gaps.hpp>

namespace polycert::conformance {

const std::vector<KnownGap>& known_gaps() {
  // Empty today: every gap the libraries have is a capability they lack, which their
  // matrices deny (SKIP), and polycert's core front layer (strict DER, PEM, format
  // detection, the container codecs) makes them agree on everything they read. A gap goes
  // here, with its reason and a link, when a library claims a capability but gets a case
  // wrong and polycert cannot work around it.
  static const std::vector<KnownGap> gaps = {};
  return gaps;
}

bool matches_pattern(std::string_view pattern, std::string_view text) {
  // Iterative glob with '*' only: remember the last star and retry from one further on.
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::optional<std::string> known_gap(std::string_view case_id, const std::vector<KnownGap>& gaps) {
  for (const KnownGap& gap : gaps)
    if (matches_pattern(gap.case_pattern, case_id)) return std::string(gap.reason);
  return std::nullopt;
}

}  // namespace polycert::conformance
