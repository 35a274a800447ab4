#include "key_protection.hpp"

#include <polycert/password.hpp>

namespace polycert::cli {

void KeyProtection::add_to(po::options_description& options) {
  options.add_options()
      ("passout", po::value<std::string>(&passout)->value_name("SRC"),
       "encrypt the key (PKCS#8, PBES2) with the password from SRC")
      ("cipher", po::value<std::string>(&cipher)->default_value(cipher)->value_name("NAME"),
       "with --passout: aes-256-cbc, aes-192-cbc, aes-128-cbc or des-ede3-cbc")
      ("iterations", po::value<std::uint32_t>(&iterations)->default_value(iterations)->value_name("N"),
       "with --passout: PBKDF2-HMAC-SHA256 iterations");
}

Result<KeyEncryptionOptions> KeyProtection::options() const {
  KeyEncryptionOptions out;
  out.iterations = iterations;
  // The cap on reading applies to writing too: polycert writes nothing it would refuse.
  if (iterations < 1000 || iterations > max_kdf_iterations())
    return fail(ErrorCode::invalid_input, "--iterations must be 1000 to " +
                                              std::to_string(max_kdf_iterations()) +
                                              " (the cap; --max-kdf-iterations raises it)");
  for (Cipher c : {Cipher::aes256_cbc, Cipher::aes192_cbc, Cipher::aes128_cbc, Cipher::des_ede3_cbc})
    if (to_string(c) == cipher) {
      out.cipher = c;
      return out;
    }
  return fail(ErrorCode::invalid_input, "--cipher must be aes-256-cbc, aes-192-cbc, aes-128-cbc "
                                        "or des-ede3-cbc, not '" + cipher + "'");
}

Result<Bytes> protect_private_key(const Session& session, Provider& provider,
                                  const KeyProtection& protection, ByteView pkcs8) {
  auto options = protection.options();
  if (!options) return std::unexpected(options.error());
  warn_if_password_on_command_line("--passout", protection.passout, &session);
  auto password = read_password(protection.passout);
  if (!password) return std::unexpected(with_context(password.error(), "--passout"));
  if (password->empty())
    return fail(ErrorCode::invalid_input, "--passout: the password is empty");
  return encrypt_private_key(provider, pkcs8, *password, *options);
}

}  // namespace polycert::cli
