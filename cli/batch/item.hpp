// Making one item: a fresh key file, or a fresh key and its certificate signing request.
// `genkey` and `req` call these once without --count and once per item with it, so a key
// or request is made the same way in both modes.
#pragma once

#include "../command.hpp"
#include "../key_protection.hpp"

#include <polycert/encrypted_key.hpp>
#include <polycert/provider.hpp>
#include <polycert/secure_buffer.hpp>
#include <polycert/x509.hpp>

#include <optional>
#include <string_view>

namespace polycert::cli {

/// How a private key file is encoded: PKCS#8 or the traditional form, PEM or DER, and
/// encrypted PKCS#8 when a password is given.
struct KeyFileFormat {
  bool traditional = false;
  bool pem = true;
  /// With a password: encrypted PKCS#8 with these options (traditional must be false).
  std::optional<KeyEncryptionOptions> encryption;
  SecureBuffer password;

  bool encrypted() const { return encryption.has_value(); }
  /// The structure written for `spec`, before any encryption.
  PrivateKeyForm form(const KeySpec& spec) const;
  /// "PKCS#8, PEM", "encrypted PKCS#8, DER", ...: for the messages that name a file.
  std::string describe(const KeySpec& spec) const;
};

/// The format of the key files a command writes, reading the --passout password once (a
/// pass: source is warned about through `session`). invalid_input for bad --cipher or
/// --iterations, an empty password; the password source's own error otherwise.
Result<KeyFileFormat> key_file_format(const Session& session, const KeyProtection& protection,
                                      bool traditional, bool pem);

/// The bytes of a key file holding `key` (PEM text or DER).
Result<SecureBuffer> encode_key_file(Provider& provider, const PrivateKey& key,
                                     const KeyFileFormat& format);

/// A fresh key for `spec`, as the bytes of its key file.
Result<SecureBuffer> make_key_file(Provider& provider, const KeySpec& spec,
                                   const KeyFileFormat& format);

struct KeyAndRequestFiles {
  SecureBuffer key;      ///< the key file
  SecureBuffer request;  ///< the request file (PEM or DER; not secret, but one buffer type)
};

/// A fresh key for `spec` and a request for it built from `csr`.
Result<KeyAndRequestFiles> make_key_and_request(Provider& provider, const KeySpec& spec,
                                                const CsrSpec& csr, const KeyFileFormat& key_format,
                                                bool pem_request);

}  // namespace polycert::cli
