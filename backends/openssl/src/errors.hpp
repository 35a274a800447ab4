// OpenSSL's thread-local error queue turned into polycert::Error.
#pragma once

#include <polycert/error.hpp>

#include <string>
#include <string_view>

namespace polycert::openssl_backend {

/// Empties this thread's OpenSSL error queue into one line: "library: reason; ...",
/// oldest (usually the root cause) first, leaving out entries of library `skip_library`
/// (an ERR_LIB_* number; 0 keeps all); "" if nothing is left. Only OpenSSL's static
/// library and reason strings are used, never the free-form data attached to an entry,
/// so no input bytes (which may be key material) can reach a message.
std::string drain_error_queue(int skip_library = 0);

/// Error{code, "what: <OpenSSL's error text>"}; empties the queue.
Error openssl_error(ErrorCode code, std::string_view what);

/// Starts an entry point with an empty error queue and leaves it empty: OpenSSL leaves
/// entries behind even on success (the decoders' trial runs), and stale entries would
/// otherwise be blamed on the next failure.
class ErrorQueueScope {
 public:
  ErrorQueueScope();
  ErrorQueueScope(const ErrorQueueScope&) = delete;
  ErrorQueueScope& operator=(const ErrorQueueScope&) = delete;
  ~ErrorQueueScope();
};

}  // namespace polycert::openssl_backend
