// What every PKCS#11 operation here shares: the URI (uri.cpp), the modules it names
// (p11-kit), the token it names, a session on it, the login, object search and attribute
// reading, PKCS#11's return values in words (token_access.cpp), and a key's public half
// from its attributes (key_attributes.cpp). Internal to keystores/pkcs11.
#pragma once

#include <polycert/error.hpp>
#include <polycert/pkcs11.hpp>
#include <polycert/secure_buffer.hpp>

#include <p11-kit/p11-kit.h>
#include <p11-kit/pkcs11.h>
#include <p11-kit/uri.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polycert::pkcs11 {

/// "CKR_PIN_INCORRECT" or "CKR 0x123".
std::string rv_name(CK_RV rv);
/// `what` failed with `rv`, as the error a user reads: a wrong PIN is bad_password, an
/// unknown mechanism or key type unsupported, the rest io (the token or module failed).
Error token_error(std::string_view what, CK_RV rv);

/// A fixed-width, space-padded PKCS#11 text field without its padding.
std::string field_text(const unsigned char* field, std::size_t size);

/// A parsed RFC 7512 URI. module-path, module-name, pin-value and pin-source are also
/// accepted among the path attributes, where step writes them. Unknown attributes are
/// refused (a typo must not widen the match).
class Uri {
 public:
  static Result<Uri> parse(std::string_view text);
  P11KitUri* get() const { return uri_.get(); }
  const std::string& text() const { return text_; }
  /// The URI as written, with any pin-value removed: what messages may show.
  std::string shown() const;
  std::optional<std::string> attribute(CK_ATTRIBUTE_TYPE type) const;  ///< label, id bytes
  std::optional<CK_OBJECT_CLASS> object_class() const;

 private:
  struct Free {
    void operator()(P11KitUri* uri) const { p11_kit_uri_free(uri); }
  };
  std::unique_ptr<P11KitUri, Free> uri_;
  std::string text_;
};

/// The modules a URI names: its module-path alone, else p11-kit's configured modules
/// (those named by its module-name), each initialized; finalized and released at the end.
class ModuleSet {
 public:
  struct Module {
    CK_FUNCTION_LIST* functions = nullptr;
    std::string name;
    std::string path;
    std::string description;
    std::string error;  ///< why it could not be initialized, else ""
  };
  static Result<std::shared_ptr<ModuleSet>> load(const Uri& uri);
  ModuleSet() = default;
  ModuleSet(const ModuleSet&) = delete;
  ModuleSet& operator=(const ModuleSet&) = delete;
  ~ModuleSet();
  const std::vector<Module>& modules() const { return modules_; }

 private:
  CK_FUNCTION_LIST** configured_ = nullptr;
  CK_FUNCTION_LIST* single_ = nullptr;
  std::vector<Module> modules_;
};

/// A token the URI matches.
struct Token {
  const ModuleSet::Module* module = nullptr;
  CK_SLOT_ID slot = 0;
  CK_TOKEN_INFO info{};
  std::string label() const { return field_text(info.label, sizeof info.label); }
};
/// Every token (in a slot with one present) of `modules` that `uri` matches.
Result<std::vector<Token>> matching_tokens(const ModuleSet& modules, const Uri& uri);
/// The one initialised token `uri` matches; invalid_input naming the URI for none or
/// several (listed).
Result<Token> one_token(const ModuleSet& modules, const Uri& uri);

/// What open_key and generate_key start from: the URI, its modules (kept loaded while
/// `token` is used) and the one token it names.
struct OpenedToken {
  Uri uri;
  std::shared_ptr<ModuleSet> modules;
  Token token;
};
/// Parses `text`, loads its modules and finds its one token (one_token's errors).
Result<OpenedToken> open_token(std::string_view text);

/// An open session on a token; logged out and closed at the end.
class Session {
 public:
  static Result<std::unique_ptr<Session>> open(const Token& token, bool read_write);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session();
  CK_FUNCTION_LIST& f() const { return *functions_; }
  CK_SESSION_HANDLE handle() const { return handle_; }
  /// Logs the user in when the token needs it, with the PIN from the URI or `pin`; once,
  /// never retried. Returns the PIN used (kept for keys that ask for it at every signature).
  Result<std::optional<SecureBuffer>> login(const Token& token, const Uri& uri, const PinSupply& pin);
  bool logged_in() const { return logged_in_; }

  /// Objects matching `attributes` (at most `limit`).
  Result<std::vector<CK_OBJECT_HANDLE>> find(std::vector<CK_ATTRIBUTE> attributes,
                                             std::size_t limit = 1024);
  /// An attribute's value; nullopt when the object has none or keeps it secret.
  Result<std::optional<Bytes>> attribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type);
  std::optional<CK_ULONG> ulong_attribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type);
  std::optional<bool> bool_attribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type);

 private:
  Session(CK_FUNCTION_LIST* functions, CK_SESSION_HANDLE handle)
      : functions_(functions), handle_(handle) {}
  CK_FUNCTION_LIST* functions_;
  CK_SESSION_HANDLE handle_;
  bool logged_in_ = false;
};

/// The public key object beside `private_key`: the one with its CKA_ID, else the one with
/// its label; nullopt when there is none or more than one.
Result<std::optional<CK_OBJECT_HANDLE>> public_twin(Session& session, CK_OBJECT_HANDLE private_key);

/// The URI of an object in `token`: token fields, label, id and type (never a PIN), with
/// the module-path of `base` when it gave one.
std::string object_uri(const Uri& base, const Token& token, const std::string& label, ByteView id,
                       CK_OBJECT_CLASS type);
/// The URI of `token` itself.
std::string token_uri(const Uri& base, const Token& token);

/// A key's algorithm and SubjectPublicKeyInfo from its public attributes: RSA's modulus and
/// exponent, or EC/EdDSA parameters and point (CKA_EC_POINT DER-wrapped or raw, EdDSA
/// parameters as OID or PrintableString).
struct PublicHalf {
  KeySpec spec;
  Bytes spki;
};
Result<PublicHalf> public_half(Session& session, CK_OBJECT_HANDLE private_key,
                               std::optional<CK_OBJECT_HANDLE> public_key);
/// The SubjectPublicKeyInfo of an EC or EdDSA key from its CKA_EC_PARAMS (a named curve's
/// OID, or for EdDSA the OID or PrintableString "edwards25519") and CKA_EC_POINT (an OCTET
/// STRING, or the raw point some tokens give).
Result<Bytes> ec_spki(ByteView parameters, ByteView point);
/// The CKA_EC_PARAMS of a key spec (a named curve's OID; Ed25519's OID).
Bytes ec_parameters(const KeySpec& spec);

}  // namespace polycert::pkcs11
