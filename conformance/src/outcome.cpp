// The names of outcomes and case kinds, as the three renderings and docs/conformance.md
// spell them.
#include <polycert/conformance/outcome.hpp>

namespace polycert::conformance {

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::pass:
      return "PASS";
    case Outcome::fail:
      return "FAIL";
    case Outcome::skip:
      return "SKIP";
    case Outcome::xfail:
      return "XFAIL";
  }
  return "?";
}

std::string_view to_string(CaseKind kind) {
  switch (kind) {
    case CaseKind::single:
      return "single";
    case CaseKind::pairwise:
      return "pairwise";
    case CaseKind::differential:
      return "differential";
    case CaseKind::corpus:
      return "corpus";
  }
  return "?";
}

}  // namespace polycert::conformance
