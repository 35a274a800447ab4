#include "token_keys.hpp"

#include "command.hpp"
#include "inputs.hpp"

#include <polycert/password.hpp>
#include <polycert/text.hpp>

#if POLYCERT_WITH_PKCS11
#include <polycert/pkcs11.hpp>
#endif

#include <unistd.h>

namespace polycert::cli {

namespace {

std::string& pin_source() {
  static std::string source;
  return source;
}

#if !POLYCERT_WITH_PKCS11
Error no_pkcs11() {
  return Error{ErrorCode::unsupported,
               "this polycert was built without PKCS#11 support (POLYCERT_WITH_PKCS11=OFF; it needs "
               "libp11-kit-dev)"};
}
#endif

Result<Bytes> parse_hex(std::string_view text) {
  Bytes bytes;
  if (text.size() % 2 != 0) return fail(ErrorCode::invalid_input, "--id: an even number of hex digits");
  for (std::size_t i = 0; i < text.size(); i += 2) {
    auto digit = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    const int high = digit(text[i]);
    const int low = digit(text[i + 1]);
    if (high < 0 || low < 0) return fail(ErrorCode::invalid_input, "--id: hex digits only, not '" + std::string(text) + "'");
    bytes.push_back(std::uint8_t(high * 16 + low));
  }
  return bytes;
}

}  // namespace

bool is_token_uri(std::string_view text) { return text.starts_with("pkcs11:"); }

void set_pin_source(std::string source) { pin_source() = std::move(source); }

#if POLYCERT_WITH_PKCS11
Result<pkcs11::PinSupply> token_pin_supply(const std::string& fallback_source) {
  pkcs11::PinSupply supply;
  const std::string& source = pin_source().empty() ? fallback_source : pin_source();
  if (!source.empty()) {
    const std::string option = pin_source().empty() ? "--passin" : "--pin";
    warn_if_password_on_command_line(option, source);
    auto pin = read_password(source);
    if (!pin) return std::unexpected(with_context(pin.error(), option));
    supply.given = std::move(*pin);
  }
  supply.ask = [](const std::string& token) -> Result<std::optional<SecureBuffer>> {
    if (::isatty(STDIN_FILENO) == 0) return std::optional<SecureBuffer>();
    auto typed = ask_password("Enter PIN for token '" + terminal_text(token) + "':");
    if (!typed) return std::unexpected(typed.error());
    return std::optional<SecureBuffer>(std::move(*typed));
  };
  return supply;
}
#endif

Result<std::unique_ptr<PrivateKey>> open_token_key(const std::string& uri, const std::string& fallback_source) {
#if POLYCERT_WITH_PKCS11
  auto supply = token_pin_supply(fallback_source);
  if (!supply) return std::unexpected(supply.error());
  return pkcs11::open_key(uri, *supply);
#else
  (void)uri;
  (void)fallback_source;
  return std::unexpected(no_pkcs11());
#endif
}

Result<std::string> generate_token_key(const std::string& token_uri, const TokenKeyRequest& request) {
  std::optional<Bytes> id;
  if (!request.id_hex.empty()) {
    auto parsed = parse_hex(request.id_hex);
    if (!parsed) return std::unexpected(parsed.error());
    id = std::move(*parsed);
  }
#if POLYCERT_WITH_PKCS11
  auto supply = token_pin_supply();
  if (!supply) return std::unexpected(supply.error());
  auto made = pkcs11::generate_key(token_uri, {request.spec, request.label, id, request.extractable}, *supply);
  if (!made) return std::unexpected(made.error());
  return made->uri;
#else
  (void)token_uri;
  return std::unexpected(no_pkcs11());
#endif
}

}  // namespace polycert::cli
