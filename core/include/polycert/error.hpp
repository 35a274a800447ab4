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

/// What went wrong: a code for programs, a message for people.
struct Error {
  ErrorCode code;
  std::string message;  ///< one line, for humans; never contains a secret
};

/// What every fallible call returns: the value, or the Error.
template <typename T>
using Result = std::expected<T, Error>;

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
