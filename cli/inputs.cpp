#include "inputs.hpp"

#include "command.hpp"
#include "token_keys.hpp"

#include <polycert/encrypted_key.hpp>
#include <polycert/file_output.hpp>
#include <polycert/password.hpp>
#include <polycert/text.hpp>

#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace polycert::cli {

Result<SecureBuffer> ask_password(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  termios saved{};
  const bool terminal = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  // Read by the descriptor, one byte at a time, into a zeroizing buffer: std::cin would
  // keep a copy of the password in its own buffer, never wiped.
  auto password = read_password("stdin");
  if (terminal) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::cerr << "\n";
  return password;
}

Result<std::optional<SecureBuffer>> input_password(const std::string& path, const std::string& passin) {
  if (!passin.empty()) {
    warn_if_password_on_command_line("--passin", passin);
    auto password = read_password(passin);
    if (!password) return std::unexpected(with_context(password.error(), "--passin"));
    return std::optional<SecureBuffer>(std::move(*password));
  }
  if (::isatty(STDIN_FILENO) == 0) return std::optional<SecureBuffer>();
  auto typed = ask_password("Enter pass phrase for " + terminal_text(path) + ":");
  if (!typed) return std::unexpected(typed.error());
  return std::optional<SecureBuffer>(std::move(*typed));
}

namespace {

Result<SecureBuffer> key_password(const std::string& path, const KeyEncryption& encryption,
                                  const std::string& passin) {
  auto password = input_password(path, passin);
  if (!password) return std::unexpected(password.error());
  if (*password) return std::move(**password);
  return fail(ErrorCode::bad_password, path + ": the private key is encrypted (" +
                                           describe(encryption) +
                                           "); give its password with --passin SRC");
}

}  // namespace

std::string describe_malformed(const std::string& path, const MalformedBlock& block) {
  return path + ":" + std::to_string(block.line) + ": " + block.problem;
}

Result<ObjectSurvey> survey_file(const std::string& path) {
  auto contents = read_file(path);
  if (!contents) return std::unexpected(contents.error());
  auto survey = survey_objects(*contents);
  if (!survey) return std::unexpected(with_context(survey.error(), path));
  return survey;
}

Result<std::vector<FoundObject>> objects_in_file(const std::string& path) {
  auto survey = survey_file(path);
  if (!survey) return std::unexpected(survey.error());
  if (survey->malformed.empty()) return std::move(survey->objects);
  std::string message;
  for (const MalformedBlock& block : survey->malformed)
    message += (message.empty() ? "" : "; ") + describe_malformed(path, block);
  if (const std::size_t good = survey->objects.size(); good != 0)
    message += "; the file is refused whole, its " + std::to_string(good) + " readable object" +
               (good == 1 ? "" : "s") + " too";
  return fail(ErrorCode::invalid_input, std::move(message));
}

Result<SecureBuffer> read_object(const std::string& path, ObjectKind kind) {
  auto objects = objects_in_file(path);
  if (!objects) return std::unexpected(objects.error());
  std::string found;
  for (FoundObject& object : *objects) {
    if (object.kind == kind) return std::move(object.der);
    found += (found.empty() ? "" : ", ") + std::string(describe(object.kind));
  }
  return fail(ErrorCode::invalid_input, path + ": no " + std::string(describe(kind)) +
                                            " in this file (found: " + found + ")");
}

Result<std::unique_ptr<PrivateKey>> load_private_key(Provider& provider, const FoundObject& key,
                                                     const std::string& path,
                                                     const std::string& passin) {
  switch (key.kind) {
    case ObjectKind::private_key: {
      auto imported = provider.import_private_key(key.der);
      if (!imported) return std::unexpected(with_context(imported.error(), path));
      return imported;
    }
    case ObjectKind::legacy_encrypted_key: {
      auto password = input_password(path, passin);
      if (!password) return std::unexpected(password.error());
      if (!*password)
        return fail(ErrorCode::bad_password, path + ": the private key is encrypted (OpenSSL's legacy PEM "
                                                 "encryption, " + key.legacy_cipher +
                                                 "); give its password with --passin SRC");
      auto plain = decrypt_legacy_pem_key(provider, key.dek_info, key.der, **password);
      if (!plain) return std::unexpected(with_context(plain.error(), path));
      auto imported = provider.import_private_key(*plain);
      if (!imported) return std::unexpected(with_context(imported.error(), path));
      return imported;
    }
    case ObjectKind::encrypted_private_key: break;
    default:
      return fail(ErrorCode::invalid_input, path + ": a " + std::string(describe(key.kind)) +
                                                ", not a private key");
  }
  // What protects the key decides the error before any password is read or asked for.
  auto encryption = inspect_encrypted_private_key(key.der);
  if (!encryption) return std::unexpected(with_context(encryption.error(), path));
  auto password = key_password(path, *encryption, passin);
  if (!password) return std::unexpected(password.error());
  auto plain = decrypt_private_key(provider, key.der, *password);
  if (!plain) return std::unexpected(with_context(plain.error(), path));
  auto imported = provider.import_private_key(*plain);
  if (!imported) return std::unexpected(with_context(imported.error(), path));
  return imported;
}

Result<std::unique_ptr<PrivateKey>> load_private_key(Provider& provider, const std::string& path,
                                                     const std::string& passin) {
  if (is_token_uri(path)) return open_token_key(path, passin);
  auto objects = objects_in_file(path);
  if (!objects) return std::unexpected(objects.error());
  std::string found;
  for (const FoundObject& object : *objects) {
    if (object.kind == ObjectKind::private_key || object.kind == ObjectKind::encrypted_private_key ||
        object.kind == ObjectKind::legacy_encrypted_key)
      return load_private_key(provider, object, path, passin);
    found += (found.empty() ? "" : ", ") + std::string(describe(object.kind));
  }
  return fail(ErrorCode::invalid_input, path + ": no private key in this file (found: " + found + ")");
}

}  // namespace polycert::cli
