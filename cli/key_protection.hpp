// Password protection of the private keys commands write (--passout, --cipher,
// --iterations) and read (--passin): encrypted PKCS#8 through core's codec, so every
// backend writes and reads the same files.
#pragma once

#include "command.hpp"

#include <polycert/encrypted_key.hpp>
#include <polycert/provider.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace polycert::cli {

struct KeyProtection {
  std::string passout;  ///< password source; empty: the key is written unencrypted
  std::string cipher = "aes-256-cbc";
  std::uint32_t iterations = KeyEncryptionOptions{}.iterations;

  /// Adds --passout, --cipher, --iterations.
  void add_to(po::options_description& options);
  bool enabled() const { return !passout.empty(); }
  /// The codec options; invalid_input for an unknown cipher or a bad iteration count.
  Result<KeyEncryptionOptions> options() const;
};

/// `pkcs8` encrypted with the password `protection.passout` names (a pass: source is
/// warned about through `session`).
Result<Bytes> protect_private_key(const Session& session, Provider& provider,
                                  const KeyProtection& protection, ByteView pkcs8);

}  // namespace polycert::cli
