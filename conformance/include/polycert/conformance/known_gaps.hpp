// The known, documented gaps of the libraries: cases expected to FAIL, with the reason.
// Strict: a listed case that passes is a FAIL, so this table cannot go stale.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polycert::conformance {

struct KnownGap {
  std::string_view case_pattern;  ///< a case id; '*' matches any run of characters
  std::string_view reason;        ///< the library's gap, and where it is documented
};

/// Every known gap.
const std::vector<KnownGap>& known_gaps();

/// The reason of the first gap in `gaps` whose pattern matches `case_id`, if any.
std::optional<std::string> known_gap(std::string_view case_id,
                                     const std::vector<KnownGap>& gaps = known_gaps());

/// Glob match with '*' only.
bool matches_pattern(std::string_view pattern, std::string_view text);

}  // namespace polycert::conformance
