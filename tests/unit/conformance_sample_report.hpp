// A conformance Report built by hand, shaped like a real three-backend run: capability
// matrices with gaps, single, pairwise, differential and corpus cases with every outcome,
// cosmetic and mattering differences, and text that must be escaped. Used by
// conformance_report_test.cpp and by the program that feeds the headless-browser test.
#pragma once

#include <polycert/conformance/report.hpp>

namespace polycert::testing {

/// The reason of the one case whose text tries to inject markup into the HTML page.
inline constexpr const char* kHostileReason =
    "consumer said: <script>alert(\"x\")</script> & \"quoted\" 'text'";

conformance::Report sample_conformance_report();

}  // namespace polycert::testing
