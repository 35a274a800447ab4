// Maps Botan's exception hierarchy onto polycert's error codes. Botan 2 tags each
// exception with an ErrorType, which says more than the C++ type: Illegal_Point, for one,
// is a Decoding_Error.
#include "errors.hpp"

#include <botan/exceptn.h>

#include <exception>
#include <new>
#include <string>

namespace polycert::botan_backend {

namespace {

ErrorCode code_for(Botan::ErrorType type, Blame blame) {
  switch (type) {
    case Botan::ErrorType::OutOfMemory:
    case Botan::ErrorType::InternalError:
    case Botan::ErrorType::SystemError:
    case Botan::ErrorType::IoError:
      return ErrorCode::internal;
    default:
      return blame == Blame::input ? ErrorCode::invalid_input : ErrorCode::internal;
  }
}

}  // namespace

Error current_exception_error(std::string_view what, Blame blame) {
  const std::string context(what);
  try {
    throw;
  } catch (const std::bad_alloc&) {
    return Error{ErrorCode::internal, context + ": out of memory"};
  } catch (const Botan::Exception& e) {
    return Error{code_for(e.error_type(), blame), context + ": Botan: " + e.what()};
  } catch (const std::exception& e) {
    // Botan also lets standard exceptions through (std::invalid_argument from BigInt
    // parsing, std::out_of_range); they are still about the input when reading it.
    const ErrorCode code = blame == Blame::input ? ErrorCode::invalid_input : ErrorCode::internal;
    return Error{code, context + ": " + e.what()};
  } catch (...) {
    return Error{ErrorCode::internal, context + ": unknown exception"};
  }
}

}  // namespace polycert::botan_backend
