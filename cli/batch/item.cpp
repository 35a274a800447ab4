#include "item.hpp"

#include "../x509_options.hpp"

#include <polycert/key_encoding.hpp>
#include <polycert/password.hpp>
#include <polycert/pem.hpp>

namespace polycert::cli {

PrivateKeyForm KeyFileFormat::form(const KeySpec& spec) const {
  if (!traditional) return PrivateKeyForm::pkcs8;
  return spec.algorithm == KeyAlgorithm::rsa ? PrivateKeyForm::rsa_pkcs1 : PrivateKeyForm::ec_sec1;
}

std::string KeyFileFormat::describe(const KeySpec& spec) const {
  return std::string(encrypted() ? "encrypted " : "") + std::string(to_string(form(spec))) + ", " +
         (pem ? "PEM" : "DER");
}

Result<KeyFileFormat> key_file_format(const Session& session, const KeyProtection& protection,
                                      bool traditional, bool pem) {
  KeyFileFormat format;
  format.traditional = traditional;
  format.pem = pem;
  if (!protection.enabled()) return format;
  auto options = protection.options();
  if (!options) return std::unexpected(options.error());
  warn_if_password_on_command_line("--passout", protection.passout, &session);
  auto password = read_password(protection.passout);
  if (!password) return std::unexpected(with_context(password.error(), "--passout"));
  if (password->empty()) return fail(ErrorCode::invalid_input, "--passout: the password is empty");
  format.encryption = *options;
  format.password = std::move(*password);
  return format;
}

Result<SecureBuffer> encode_key_file(Provider& provider, const PrivateKey& key,
                                     const KeyFileFormat& format) {
  const auto encoding =
      format.traditional ? PrivateKeyEncoding::traditional : PrivateKeyEncoding::pkcs8;
  auto der = provider.export_private_key(key, encoding);
  if (!der) return std::unexpected(der.error());
  if (format.encrypted()) {
    auto encrypted = encrypt_private_key(provider, *der, format.password, *format.encryption);
    if (!encrypted) return std::unexpected(encrypted.error());
    // The encrypted key is not secret, but one buffer type keeps the callers simple.
    const SecureBuffer encrypted_der(encrypted->begin(), encrypted->end());
    return format.pem ? pem_encode("ENCRYPTED PRIVATE KEY", encrypted_der) : encrypted_der;
  }
  if (!format.pem) return der;
  return pem_encode(pem_label(format.form(key.spec())), *der);
}

Result<SecureBuffer> make_key_file(Provider& provider, const KeySpec& spec,
                                   const KeyFileFormat& format) {
  auto key = provider.generate_key(spec);
  if (!key) return std::unexpected(key.error());
  return encode_key_file(provider, **key, format);
}

Result<KeyAndRequestFiles> make_key_and_request(Provider& provider, const KeySpec& spec,
                                                const CsrSpec& csr, const KeyFileFormat& key_format,
                                                bool pem_request) {
  auto key = provider.generate_key(spec);
  if (!key) return std::unexpected(key.error());
  auto request = provider.create_csr(**key, csr);
  if (!request) return std::unexpected(request.error());
  auto key_file = encode_key_file(provider, **key, key_format);
  if (!key_file) return std::unexpected(key_file.error());
  return KeyAndRequestFiles{std::move(*key_file),
                            encode_document("CERTIFICATE REQUEST", *request, pem_request)};
}

}  // namespace polycert::cli
