// How a case's steps end it: each helper either returns the step's value or throws a
// Verdict that run_case turns into the case's result. For writing cases (the case
// tables in conformance/src, and tests of the verdict rules).
#pragma once

#include <polycert/capabilities.hpp>
#include <polycert/conformance/outcome.hpp>
#include <polycert/error.hpp>
#include <polycert/provider.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace polycert::conformance::steps {

/// Thrown by the helpers below; caught only by run_case.
struct Verdict {
  CaseResult result;
};

[[noreturn]] void fail(std::string reason, std::vector<Difference> differences = {});
[[noreturn]] void skip(std::string reason);

/// "code: message" of an error.
std::string describe(const Error& error);

/// The verdict on a step that needs (operation, subject) of `provider`, given how the step
/// went (`error` empty when it worked). Claimed and failed: FAIL. Denied and refused with
/// unsupported: SKIP naming the capability. Denied but worked, or denied and failed
/// otherwise: FAIL. Claimed and worked: returns.
void judge(Provider& provider, Operation operation, std::string_view subject, std::string_view what,
           const Error* error);

/// judge() for a Result: the value when the step may go on.
template <typename T>
T capable(Provider& provider, Operation operation, std::string_view subject, std::string_view what,
          Result<T> result) {
  judge(provider, operation, subject, what, result ? nullptr : &result.error());
  return std::move(*result);
}
inline void capable(Provider& provider, Operation operation, std::string_view subject,
                    std::string_view what, Result<void> result) {
  judge(provider, operation, subject, what, result ? nullptr : &result.error());
}

/// A step that needs no capability row (core's codecs, a re-read of one's own output):
/// any error is a FAIL naming `what`.
template <typename T>
T require(std::string_view what, Result<T> result) {
  if (!result) fail(std::string(what) + ": " + describe(result.error()));
  return std::move(*result);
}
inline void require(std::string_view what, Result<void> result) {
  if (!result) fail(std::string(what) + ": " + describe(result.error()));
}

/// Ends the case with FAIL when `differences` has one that matters; otherwise records
/// them in `collected` (cosmetic differences are reported with a PASS).
void judge_differences(std::vector<Difference> differences, std::vector<Difference>& collected,
                       std::string_view what);

/// A FAIL unless `condition`.
inline void expect(bool condition, std::string_view what) {
  if (!condition) fail(std::string(what));
}

/// Lower-case hex of bytes (known answers in the tables are written so).
std::string hex(ByteView bytes);
Bytes from_hex(std::string_view text);

}  // namespace polycert::conformance::steps
