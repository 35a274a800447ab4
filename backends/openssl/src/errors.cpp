// OpenSSL error queue -> polycert::Error.
// Quirk worked around: ERR_error_string() formats into a static buffer (not thread-safe)
// and the per-entry data strings can echo input; we build the text from the static
// library/reason tables only.
#include "errors.hpp"

#include <openssl/err.h>

#include <cstdio>

namespace polycert::openssl_backend {

std::string drain_error_queue(int skip_library) {
  std::string text;
  unsigned long previous = 0;
  while (const unsigned long code = ERR_get_error()) {
    if (code == previous) continue;  // nested decoders repeat the same entry
    previous = code;
    if (skip_library != 0 && ERR_GET_LIB(code) == skip_library) continue;
    std::string entry;
    if (const char* library = ERR_lib_error_string(code)) entry = std::string(library) + ": ";
    if (const char* reason = ERR_reason_error_string(code)) {
      entry += reason;
    } else {
      char number[32];
      std::snprintf(number, sizeof number, "error %08lX", code);
      entry += number;
    }
    if (!text.empty()) text += "; ";
    text += entry;
  }
  return text;
}

Error openssl_error(ErrorCode code, std::string_view what) {
  std::string text = drain_error_queue();
  if (text.empty()) text = "OpenSSL gave no reason";
  return Error{code, std::string(what) + ": " + text};
}

ErrorQueueScope::ErrorQueueScope() { ERR_clear_error(); }

ErrorQueueScope::~ErrorQueueScope() { ERR_clear_error(); }

}  // namespace polycert::openssl_backend
