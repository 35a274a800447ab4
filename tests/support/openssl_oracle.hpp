// The openssl CLI as an independent oracle: what it says about bytes a backend wrote.
#pragma once

#include <polycert/key_spec.hpp>
#include <polycert/secure_buffer.hpp>

#include <optional>
#include <string>

namespace polycert::testing {

struct OracleKeyVerdict {
  bool accepted = false;        ///< `openssl pkey -check` succeeded
  std::string diagnostics;      ///< what openssl printed when it did not
  std::optional<KeySpec> spec;  ///< type and size as openssl reads them
  Bytes spki;                   ///< `openssl pkey -pubout -outform DER`
};

/// Checks a DER private key (PKCS#8 or traditional) with `openssl pkey`.
OracleKeyVerdict openssl_check_private_key(ByteView der);

/// Type and size of a public key (SPKI DER) as `openssl pkey -pubin -text` reads it.
std::optional<KeySpec> openssl_public_key_spec(ByteView spki);

}  // namespace polycert::testing
