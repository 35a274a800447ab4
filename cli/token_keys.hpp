// Keys in PKCS#11 tokens for the commands: a pkcs11: URI wherever a key file goes, the PIN
// from --pin (a password source), and what a build without PKCS#11 support says instead.
#pragma once

#include <polycert/error.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/provider.hpp>

#if POLYCERT_WITH_PKCS11
#include <polycert/pkcs11.hpp>
#endif

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace polycert::cli {

/// "pkcs11:..." names a key in a token.
bool is_token_uri(std::string_view text);

/// The --pin source of the running command (run_command sets it; "" when not given).
void set_pin_source(std::string source);

#if POLYCERT_WITH_PKCS11
/// The PIN for a token operation: --pin, else `fallback_source` (a password source), read
/// now (a pass: source warned about); else, when asked, a terminal prompt naming the token.
Result<pkcs11::PinSupply> token_pin_supply(const std::string& fallback_source = {});
#endif

/// The key `uri` names. Its PIN: --pin, else `fallback_source` (the key's --passin), else
/// the URI's pin-value/pin-source, else asked on a terminal.
Result<std::unique_ptr<PrivateKey>> open_token_key(const std::string& uri,
                                                   const std::string& fallback_source = {});

/// A key generated in the token `token_uri` names, under `label` (id: hex, or random).
struct TokenKeyRequest {
  KeySpec spec;
  std::string label;
  std::string id_hex;
  bool extractable = false;
};
/// The new key's URI.
Result<std::string> generate_token_key(const std::string& token_uri, const TokenKeyRequest& request);

}  // namespace polycert::cli
