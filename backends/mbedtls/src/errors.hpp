// Turning Mbed TLS error codes into polycert::Error with the library's own text.
#pragma once

#include <polycert/error.hpp>

#include <string>
#include <string_view>

namespace polycert::mbedtls_backend {

/// The library's description of an error code, with the code itself:
/// "PK - Invalid key tag or value (-0x3D00)".
std::string error_text(int ret);

/// Error{code, "<context>: <library text>"}.
Error library_error(ErrorCode code, std::string_view context, int ret);

}  // namespace polycert::mbedtls_backend
