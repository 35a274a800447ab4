// Errors and results shared by every layer.
//
// Bad input returns an Error; programmer misuse asserts. Codes are stable: the CLI
// maps each to a documented exit status, and tests match on codes, not messages.
#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace polycert {

/// The small, stable set of failure kinds; each maps to one CLI exit status.
enum class ErrorCode {
  invalid_input,      ///< malformed or unacceptable input (exit 3)
  unsupported,        ///< the selected backend cannot do this (exit 5)
  bad_password,       ///< wrong or missing password (exit 4)
  integrity_failure,  ///< a MAC or checksum does not verify (exit 4)
  mismatch,           ///< key does not match, signature does not verify (exit 6)
  io,                 ///< file system or stream failure (exit 1)
  internal,           ///< a library failed where it should not (exit 1)
};

/// The stable name of a code, as printed in JSON and test output ("invalid_input").
std::string_view to_string(ErrorCode code);

/// The CLI exit status of a code (see the README's table).
int exit_status(ErrorCode code);

/// A fact about an error that a front end may turn into advice in its own words: core and
/// the backends state the fact and never name a command-line option or another backend
/// (the CLI's wording: cli/command.cpp, Session::describe).
enum class Remedy {
  none,
  allow_overwrite,  ///< the destination exists and replacing it was not allowed
  raise_kdf_limit,  ///< an iteration count over the limit, which the caller may raise
  built_in_limit,   ///< over a limit fixed at build time (limits.hpp): a hostile input
  other_backend,    ///< this backend lacks the cipher named in Error::subject ("rc2-40-cbc")
};

/// What went wrong: a code for programs, a message for people.
struct Error {
  ErrorCode code;
  std::string message;  ///< one line, for humans; never contains a secret
  Remedy remedy = Remedy::none;
  std::string subject{};  ///< what the remedy is about (other_backend: a capability subject)
};

/// What every fallible call returns: the value, or the Error. A std::expected that may not
/// be dropped: ignoring a Result is a warning (an error in CI), so a failure is never lost
/// silently.
template <typename T>
class [[nodiscard]] Result : public std::expected<T, Error> {
 public:
  using std::expected<T, Error>::expected;
  Result(std::expected<T, Error> other) : std::expected<T, Error>(std::move(other)) {}
};

/// `return fail(ErrorCode::io, "...")` from any function returning Result<T>.
inline std::unexpected<Error> fail(ErrorCode code, std::string message) {
  return std::unexpected<Error>(Error{code, std::move(message)});
}

/// Prefixes an error's message with context ("k.pem: ..."), keeping its code.
inline Error with_context(Error error, std::string_view context) {
  error.message = std::string(context) + ": " + error.message;
  return error;
}

}  // namespace polycert
