#include <polycert/error.hpp>

namespace polycert {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input: return "invalid_input";
    case ErrorCode::unsupported: return "unsupported";
    case ErrorCode::bad_password: return "bad_password";
    case ErrorCode::integrity_failure: return "integrity_failure";
    case ErrorCode::mismatch: return "mismatch";
    case ErrorCode::io: return "io";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

int exit_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input: return 3;
    case ErrorCode::bad_password:
    case ErrorCode::integrity_failure: return 4;
    case ErrorCode::unsupported: return 5;
    case ErrorCode::mismatch: return 6;
    case ErrorCode::io:
    case ErrorCode::internal: return 1;
  }
  return 1;
}

}  // namespace polycert
