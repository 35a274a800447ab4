#include "inputs.hpp"

#include <polycert/der.hpp>
#include <polycert/encrypted_key.hpp>
#include <polycert/file_output.hpp>
#include <polycert/password.hpp>
#include <polycert/pem.hpp>

#include <algorithm>
#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace polycert::cli {

namespace {

constexpr std::array<std::string_view, 4> kPrivateKeyLabels = {
    "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"};

// OpenSSL's legacy PEM encryption: "Proc-Type: 4,ENCRYPTED" and "DEK-Info: CIPHER,IV".
std::optional<std::string> legacy_pem_encryption(const PemBlock& block) {
  const bool encrypted = std::ranges::any_of(block.headers, [](const auto& header) {
    return header.first == "Proc-Type" && header.second.find("ENCRYPTED") != std::string::npos;
  });
  if (!encrypted) return std::nullopt;
  for (const auto& [name, value] : block.headers)
    if (name == "DEK-Info") return value.substr(0, value.find(','));
  return std::string("unknown cipher");
}

// Reads a password typed at the terminal without echoing it.
Result<SecureBuffer> ask_password(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  termios saved{};
  const bool terminal = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  SecureBuffer password;
  for (int c; (c = std::cin.get()) != std::char_traits<char>::eof() && c != '\n';)
    password.push_back(static_cast<std::uint8_t>(c));
  if (terminal) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::cerr << "\n";
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

Result<SecureBuffer> key_password(const std::string& path, const KeyEncryption& encryption,
                                  const std::string& passin) {
  if (!passin.empty()) {
    auto password = read_password(passin);
    if (!password) return std::unexpected(with_context(password.error(), "--passin"));
    return password;
  }
  if (::isatty(STDIN_FILENO) == 0)
    return fail(ErrorCode::bad_password, path + ": the private key is encrypted (" +
                                             describe(encryption) +
                                             "); give its password with --passin SRC");
  return ask_password("Enter pass phrase for " + path + ":");
}

std::string labels_found(const std::vector<PemBlock>& blocks) {
  std::string found;
  for (const auto& block : blocks) found += (found.empty() ? "" : ", ") + block.label;
  return found;
}

}  // namespace

Result<SecureBuffer> read_der_document(const std::string& path, std::string_view what,
                                       std::span<const std::string_view> labels) {
  auto data = read_file(path);
  if (!data) return std::unexpected(data.error());
  if (data->empty()) return fail(ErrorCode::invalid_input, path + ": empty file");
  if (!looks_like_pem(*data)) return std::move(*data);

  auto blocks = pem_decode(*data);
  if (!blocks) return std::unexpected(with_context(blocks.error(), path));
  for (auto& block : *blocks) {
    if (std::ranges::find(labels, block.label) == labels.end()) continue;
    if (auto cipher = legacy_pem_encryption(block))
      return fail(ErrorCode::unsupported,
                  path + ": the key uses OpenSSL's legacy PEM encryption (" + *cipher +
                      "), which polycert does not read yet; convert it to encrypted PKCS#8 "
                      "with 'openssl pkcs8 -topk8 -in " + path + " -out key.p8'");
    return std::move(block.der);
  }
  return fail(ErrorCode::invalid_input, path + ": no " + std::string(what) +
                                            " in this PEM file (found: " +
                                            labels_found(*blocks) + ")");
}

Result<std::unique_ptr<PrivateKey>> load_private_key(Provider& provider, const std::string& path,
                                                     const std::string& passin) {
  auto der = read_der_document(path, "private key", kPrivateKeyLabels);
  if (!der) return std::unexpected(der.error());
  const bool encrypted = der::check_strict_der(*der).has_value() && looks_like_encrypted_private_key(*der);
  if (!encrypted) {
    auto key = provider.import_private_key(*der);
    if (!key) return std::unexpected(with_context(key.error(), path));
    return key;
  }
  // What protects the key decides the error before any password is read or asked for.
  auto encryption = inspect_encrypted_private_key(*der);
  if (!encryption) return std::unexpected(with_context(encryption.error(), path));
  auto password = key_password(path, *encryption, passin);
  if (!password) return std::unexpected(password.error());
  auto plain = decrypt_private_key(provider, *der, *password);
  if (!plain) return std::unexpected(with_context(plain.error(), path));
  auto key = provider.import_private_key(*plain);
  if (!key) return std::unexpected(with_context(key.error(), path));
  return key;
}

}  // namespace polycert::cli
