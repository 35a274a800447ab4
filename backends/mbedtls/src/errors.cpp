// Mbed TLS reports failures as negative int codes that combine a high-level module code
// (PK, ECP, RSA) with a low-level one (ASN1, MPI); mbedtls_strerror spells out both halves.
#include "errors.hpp"

#include <mbedtls/error.h>

#include <array>
#include <cstdio>

namespace polycert::mbedtls_backend {

std::string error_text(int ret) {
  std::array<char, 256> text{};
  mbedtls_strerror(ret, text.data(), text.size());
  std::array<char, 24> code{};
  const unsigned magnitude = ret < 0 ? 0u - static_cast<unsigned>(ret) : static_cast<unsigned>(ret);
  std::snprintf(code.data(), code.size(), " (%s0x%04X)", ret < 0 ? "-" : "", magnitude);
  return std::string(text.data()) + code.data();
}

Error library_error(ErrorCode code, std::string_view context, int ret) {
  return Error{code, std::string(context) + ": " + error_text(ret)};
}

}  // namespace polycert::mbedtls_backend
