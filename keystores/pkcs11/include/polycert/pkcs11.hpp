// Keys in PKCS#11 tokens (HSMs, smart cards, SoftHSM), named by RFC 7512 URIs and reached
// through p11-kit: its module configuration, or the module a URI names. A key opened here is
// a Signer (core's signer.hpp): every backend signs requests, certificates and CRLs with it
// while the private key never leaves the token.
#pragma once

#include <polycert/error.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/provider.hpp>
#include <polycert/secure_buffer.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polycert::pkcs11 {

/// True when `text` is a PKCS#11 URI ("pkcs11:..."), which commands take where a key file
/// goes.
bool is_uri(std::string_view text);

/// Where a token's PIN comes from, after the URI's own pin-value and pin-source (RFC 7512
/// 2.4): `given` (the command's --pin) first, else `ask` (a terminal prompt naming the
/// token; nullopt when there is no terminal).
struct PinSupply {
  std::optional<SecureBuffer> given;
  std::function<Result<std::optional<SecureBuffer>>(const std::string& token)> ask;
};

/// The one private key `uri` names, in the one token it names, logged in with the PIN.
/// invalid_input (exit 3) naming the URI: no such module, token or key, or several of them
/// (listed); bad_password: a wrong or missing PIN (tried once: the token's retry counter
/// is not spent by polycert); unsupported: a key type polycert does not sign with.
Result<std::unique_ptr<PrivateKey>> open_key(std::string_view uri, const PinSupply& pin);

struct KeyGeneration {
  KeySpec spec;
  std::string label;
  std::optional<Bytes> id;  ///< default: 16 random bytes from the token
  bool extractable = false;
};
struct GeneratedKey {
  std::string uri;  ///< the new private key's URI
  Bytes spki;       ///< its SubjectPublicKeyInfo
};
/// Generates a key pair in the token `token_uri` names (C_GenerateKeyPair; the private key
/// CKA_SENSITIVE, CKA_EXTRACTABLE only when asked). A label already used by a key in that
/// token is refused (io, like an existing file).
Result<GeneratedKey> generate_key(std::string_view token_uri, const KeyGeneration& request,
                                  const PinSupply& pin);

/// A CKA_ID as listings show it: lower-case hex, "" for none.
std::string hex_id(ByteView id);

/// What `polycert tokens` shows.
struct TokenObject {
  std::string uri;
  std::string label;
  Bytes id;
  std::string type;       ///< "private", "public", "cert", "secret-key", "data"
  std::string algorithm;  ///< "rsa:2048", "ec:P-256", "ed25519", or the key type's name
  std::optional<bool> extractable;  ///< private and secret keys
  std::optional<bool> sensitive;
};
struct TokenReport {
  std::string uri;  ///< the token's URI
  std::string label, manufacturer, model, serial;
  unsigned long slot = 0;
  bool login_required = false;
  bool logged_in = false;  ///< private objects are listed only then
  bool initialized = true;  ///< false: a free slot's token, no objects (softhsm2-util --init-token)
  std::string error;        ///< why its objects could not be listed, else ""
  std::vector<std::string> abilities;  ///< "generate rsa", "sign ec", ... from C_GetMechanismList
  std::vector<TokenObject> objects;
};
struct ModuleReport {
  std::string name;  ///< p11-kit's module name, or the path a URI gave
  std::string path;
  std::string description;  ///< the module's manufacturer and library description
  std::string error;        ///< why it could not be listed, else ""
  std::vector<TokenReport> tokens;
};
/// Every module, slot with a token, object (and the mechanisms that map to polycert
/// operations) that `uri` ("pkcs11:" for all) matches. With a PIN from `pin` a token that
/// needs a login shows its private objects too; without, only its public ones.
Result<std::vector<ModuleReport>> list_tokens(std::string_view uri, const PinSupply& pin);

}  // namespace polycert::pkcs11
