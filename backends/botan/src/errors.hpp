// Botan reports failures by throwing; polycert reports them as values. Every entry point
// of the backend runs its Botan calls through guarded(), so no exception crosses the
// adapter boundary.
#pragma once

#include <polycert/error.hpp>

#include <string_view>
#include <utility>

namespace polycert::botan_backend {

/// Who is at fault when Botan throws: the caller's bytes (a decoding error while reading
/// input is invalid_input) or the library itself (anything while working on keys we
/// already hold is internal).
enum class Blame { input, library };

/// The Error for the exception being handled, thrown while doing `what` ("read PKCS#8
/// private key"). The message carries Botan's own text. Call only inside a catch block.
Error current_exception_error(std::string_view what, Blame blame);

/// Runs `fn` (returning some Result<T>) and turns any exception it throws into an Error.
template <typename F>
auto guarded(std::string_view what, Blame blame, F&& fn) -> decltype(std::forward<F>(fn)()) {
  try {
    return std::forward<F>(fn)();
  } catch (...) {
    return std::unexpected(current_exception_error(what, blame));
  }
}

}  // namespace polycert::botan_backend
