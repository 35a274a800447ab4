#include "token_access.hpp"

#include <polycert/password.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace polycert::pkcs11 {

namespace {

struct RvName {
  CK_RV rv;
  const char* name;
};
constexpr std::array kRvNames{
    RvName{CKR_OK, "CKR_OK"},
    RvName{CKR_HOST_MEMORY, "CKR_HOST_MEMORY"},
    RvName{CKR_SLOT_ID_INVALID, "CKR_SLOT_ID_INVALID"},
    RvName{CKR_GENERAL_ERROR, "CKR_GENERAL_ERROR"},
    RvName{CKR_FUNCTION_FAILED, "CKR_FUNCTION_FAILED"},
    RvName{CKR_ARGUMENTS_BAD, "CKR_ARGUMENTS_BAD"},
    RvName{CKR_ATTRIBUTE_SENSITIVE, "CKR_ATTRIBUTE_SENSITIVE"},
    RvName{CKR_ATTRIBUTE_TYPE_INVALID, "CKR_ATTRIBUTE_TYPE_INVALID"},
    RvName{CKR_ATTRIBUTE_VALUE_INVALID, "CKR_ATTRIBUTE_VALUE_INVALID"},
    RvName{CKR_DATA_LEN_RANGE, "CKR_DATA_LEN_RANGE"},
    RvName{CKR_DEVICE_ERROR, "CKR_DEVICE_ERROR"},
    RvName{CKR_DEVICE_REMOVED, "CKR_DEVICE_REMOVED"},
    RvName{CKR_KEY_HANDLE_INVALID, "CKR_KEY_HANDLE_INVALID"},
    RvName{CKR_KEY_TYPE_INCONSISTENT, "CKR_KEY_TYPE_INCONSISTENT"},
    RvName{CKR_KEY_FUNCTION_NOT_PERMITTED, "CKR_KEY_FUNCTION_NOT_PERMITTED"},
    RvName{CKR_MECHANISM_INVALID, "CKR_MECHANISM_INVALID"},
    RvName{CKR_MECHANISM_PARAM_INVALID, "CKR_MECHANISM_PARAM_INVALID"},
    RvName{CKR_OPERATION_NOT_INITIALIZED, "CKR_OPERATION_NOT_INITIALIZED"},
    RvName{CKR_PIN_INCORRECT, "CKR_PIN_INCORRECT"},
    RvName{CKR_PIN_INVALID, "CKR_PIN_INVALID"},
    RvName{CKR_PIN_LEN_RANGE, "CKR_PIN_LEN_RANGE"},
    RvName{CKR_PIN_EXPIRED, "CKR_PIN_EXPIRED"},
    RvName{CKR_PIN_LOCKED, "CKR_PIN_LOCKED"},
    RvName{CKR_SESSION_HANDLE_INVALID, "CKR_SESSION_HANDLE_INVALID"},
    RvName{CKR_SESSION_READ_ONLY, "CKR_SESSION_READ_ONLY"},
    RvName{CKR_TEMPLATE_INCOMPLETE, "CKR_TEMPLATE_INCOMPLETE"},
    RvName{CKR_TEMPLATE_INCONSISTENT, "CKR_TEMPLATE_INCONSISTENT"},
    RvName{CKR_TOKEN_NOT_PRESENT, "CKR_TOKEN_NOT_PRESENT"},
    RvName{CKR_TOKEN_NOT_RECOGNIZED, "CKR_TOKEN_NOT_RECOGNIZED"},
    RvName{CKR_TOKEN_WRITE_PROTECTED, "CKR_TOKEN_WRITE_PROTECTED"},
    RvName{CKR_USER_ALREADY_LOGGED_IN, "CKR_USER_ALREADY_LOGGED_IN"},
    RvName{CKR_USER_NOT_LOGGED_IN, "CKR_USER_NOT_LOGGED_IN"},
    RvName{CKR_USER_PIN_NOT_INITIALIZED, "CKR_USER_PIN_NOT_INITIALIZED"},
    RvName{CKR_USER_TYPE_INVALID, "CKR_USER_TYPE_INVALID"},
    RvName{CKR_CRYPTOKI_NOT_INITIALIZED, "CKR_CRYPTOKI_NOT_INITIALIZED"},
    RvName{CKR_CRYPTOKI_ALREADY_INITIALIZED, "CKR_CRYPTOKI_ALREADY_INITIALIZED"},
    RvName{CKR_BUFFER_TOO_SMALL, "CKR_BUFFER_TOO_SMALL"},
    RvName{CKR_FUNCTION_NOT_SUPPORTED, "CKR_FUNCTION_NOT_SUPPORTED"},
    RvName{CKR_DOMAIN_PARAMS_INVALID, "CKR_DOMAIN_PARAMS_INVALID"},
    RvName{CKR_CURVE_NOT_SUPPORTED, "CKR_CURVE_NOT_SUPPORTED"},
};

// A pin-source (RFC 7512 2.4): a file, as a path or a file: URI.
Result<SecureBuffer> read_pin_source(std::string_view source) {
  if (source.starts_with("file://")) source.remove_prefix(7);
  else if (source.starts_with("file:")) source.remove_prefix(5);
  if (source.empty() || source.front() == '|')
    return fail(ErrorCode::invalid_input, "pin-source: only a file is read (a path or file: URI)");
  auto pin = read_password("file:" + std::string(source));
  if (!pin) return std::unexpected(with_context(pin.error(), "pin-source"));
  return pin;
}

}  // namespace

std::string rv_name(CK_RV rv) {
  for (const RvName& known : kRvNames)
    if (known.rv == rv) return known.name;
  char text[32];
  std::snprintf(text, sizeof text, "CKR 0x%lx", static_cast<unsigned long>(rv));
  return text;
}

Error token_error(std::string_view what, CK_RV rv) {
  ErrorCode code = ErrorCode::io;
  if (rv == CKR_PIN_INCORRECT || rv == CKR_PIN_LOCKED || rv == CKR_PIN_EXPIRED || rv == CKR_PIN_INVALID ||
      rv == CKR_PIN_LEN_RANGE)
    code = ErrorCode::bad_password;
  else if (rv == CKR_MECHANISM_INVALID || rv == CKR_CURVE_NOT_SUPPORTED || rv == CKR_DOMAIN_PARAMS_INVALID)
    code = ErrorCode::unsupported;
  return Error{code, std::string(what) + " (" + rv_name(rv) + ")"};
}

std::string field_text(const unsigned char* field, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(field), size);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\0')) text.pop_back();
  return text;
}


Result<std::shared_ptr<ModuleSet>> ModuleSet::load(const Uri& uri) {
  auto set = std::make_shared<ModuleSet>();
  const char* module_path = p11_kit_uri_get_module_path(uri.get());
  const char* module_name = p11_kit_uri_get_module_name(uri.get());
  std::vector<CK_FUNCTION_LIST*> chosen;
  if (module_path != nullptr) {
    set->single_ = p11_kit_module_load(module_path, 0);
    if (set->single_ == nullptr)
      return fail(ErrorCode::invalid_input, uri.shown() + ": cannot load the PKCS#11 module " + module_path + ": " +
                                                p11_kit_message());
    chosen.push_back(set->single_);
  } else {
    set->configured_ = p11_kit_modules_load(nullptr, 0);
    if (set->configured_ == nullptr)
      return fail(ErrorCode::io, std::string("cannot load p11-kit's configured PKCS#11 modules: ") + p11_kit_message());
    for (CK_FUNCTION_LIST** at = set->configured_; *at != nullptr; ++at) {
      char* name = p11_kit_module_get_name(*at);
      const bool wanted = module_name == nullptr || (name != nullptr && std::strcmp(name, module_name) == 0);
      std::free(name);
      if (wanted) chosen.push_back(*at);
    }
    if (chosen.empty())
      return fail(ErrorCode::invalid_input,
                  uri.shown() + ": " +
                      (module_name != nullptr ? "no p11-kit module is named '" + std::string(module_name) + "'"
                                              : std::string("p11-kit has no PKCS#11 module configured")) +
                      " (p11-kit list-modules shows them; module-path=FILE names one directly)");
  }
  for (CK_FUNCTION_LIST* functions : chosen) {
    Module module;
    module.functions = functions;
    if (char* name = p11_kit_module_get_name(functions)) {
      module.name = name;
      std::free(name);
    }
    if (char* file = p11_kit_module_get_filename(functions)) {
      module.path = file;
      std::free(file);
    }
    if (module.name.empty()) module.name = module.path.empty() ? std::string(module_path ? module_path : "") : module.path;
    const CK_RV rv = p11_kit_module_initialize(functions);
    if (rv != CKR_OK) {
      module.error = "C_Initialize failed (" + rv_name(rv) + ")";
      module.functions = nullptr;
    } else {
      CK_INFO info{};
      if (functions->C_GetInfo(&info) == CKR_OK)
        module.description = field_text(info.manufacturerID, sizeof info.manufacturerID) + ", " +
                             field_text(info.libraryDescription, sizeof info.libraryDescription);
      if (p11_kit_uri_match_module_info(uri.get(), &info) != 1) {
        p11_kit_module_finalize(functions);
        continue;
      }
    }
    set->modules_.push_back(std::move(module));
  }
  return set;
}

ModuleSet::~ModuleSet() {
  for (const Module& module : modules_)
    if (module.functions != nullptr) p11_kit_module_finalize(module.functions);
  if (single_ != nullptr) p11_kit_module_release(single_);
  if (configured_ != nullptr) p11_kit_modules_release(configured_);
}

Result<std::vector<Token>> matching_tokens(const ModuleSet& modules, const Uri& uri) {
  std::vector<Token> tokens;
  for (const ModuleSet::Module& module : modules.modules()) {
    if (module.functions == nullptr) continue;
    CK_ULONG count = 0;
    if (module.functions->C_GetSlotList(CK_TRUE, nullptr, &count) != CKR_OK) continue;
    std::vector<CK_SLOT_ID> slots(count);
    if (count != 0 && module.functions->C_GetSlotList(CK_TRUE, slots.data(), &count) != CKR_OK) continue;
    slots.resize(count);
    for (CK_SLOT_ID slot : slots) {
      Token token;
      token.module = &module;
      token.slot = slot;
      if (module.functions->C_GetTokenInfo(slot, &token.info) != CKR_OK) continue;
      if (p11_kit_uri_match_token_info(uri.get(), &token.info) != 1) continue;
      tokens.push_back(token);
    }
  }
  return tokens;
}

Result<Token> one_token(const ModuleSet& modules, const Uri& uri) {
  auto tokens = matching_tokens(modules, uri);
  if (!tokens) return std::unexpected(tokens.error());
  // A free slot's token holds nothing and takes no key until it is initialised.
  std::erase_if(*tokens, [](const Token& token) { return (token.info.flags & CKF_TOKEN_INITIALIZED) == 0; });
  if (tokens->size() == 1) return tokens->front();
  if (tokens->empty()) {
    std::string modules_seen;
    for (const ModuleSet::Module& module : modules.modules())
      modules_seen += (modules_seen.empty() ? "" : ", ") + module.name +
                      (module.error.empty() ? "" : " (" + module.error + ")");
    return fail(ErrorCode::invalid_input, uri.shown() + ": no token matches (modules searched: " +
                                              (modules_seen.empty() ? "none" : modules_seen) +
                                              "; polycert tokens lists what is there)");
  }
  std::string listed;
  for (const Token& token : *tokens)
    listed += "\n  " + token_uri(uri, token);
  return fail(ErrorCode::invalid_input,
              uri.shown() + ": matches " + std::to_string(tokens->size()) +
                  " tokens; name one with token=, serial= or module-name=:" + listed);
}

Result<OpenedToken> open_token(std::string_view text) {
  auto uri = Uri::parse(text);
  if (!uri) return std::unexpected(uri.error());
  auto modules = ModuleSet::load(*uri);
  if (!modules) return std::unexpected(modules.error());
  auto token = one_token(**modules, *uri);
  if (!token) return std::unexpected(token.error());
  return OpenedToken{std::move(*uri), std::move(*modules), *token};
}

Result<std::optional<CK_OBJECT_HANDLE>> public_twin(Session& session, CK_OBJECT_HANDLE private_key) {
  CK_OBJECT_CLASS public_class = CKO_PUBLIC_KEY;
  for (CK_ATTRIBUTE_TYPE type : {CKA_ID, CKA_LABEL}) {
    auto match = session.attribute(private_key, type);
    if (!match) return std::unexpected(match.error());
    if (!*match || (*match)->empty()) continue;
    auto twins = session.find({{CKA_CLASS, &public_class, sizeof public_class},
                               {type, (*match)->data(), (*match)->size()}},
                              2);
    if (!twins) return std::unexpected(twins.error());
    if (twins->size() == 1) return std::optional<CK_OBJECT_HANDLE>(twins->front());
  }
  return std::optional<CK_OBJECT_HANDLE>();
}

std::string hex_id(ByteView id) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  for (std::uint8_t byte : id) {
    text += kDigits[byte >> 4];
    text += kDigits[byte & 15];
  }
  return text;
}

Result<std::unique_ptr<Session>> Session::open(const Token& token, bool read_write) {
  CK_SESSION_HANDLE handle = 0;
  CK_FLAGS flags = CKF_SERIAL_SESSION | (read_write ? CKF_RW_SESSION : 0);
  const CK_RV rv = token.module->functions->C_OpenSession(token.slot, flags, nullptr, nullptr, &handle);
  if (rv != CKR_OK) return std::unexpected(token_error("token '" + token.label() + "': cannot open a session", rv));
  return std::unique_ptr<Session>(new Session(token.module->functions, handle));
}

Session::~Session() {
  if (logged_in_) functions_->C_Logout(handle_);
  functions_->C_CloseSession(handle_);
}

Result<std::optional<SecureBuffer>> Session::login(const Token& token, const Uri& uri, const PinSupply& supply) {
  if ((token.info.flags & CKF_LOGIN_REQUIRED) == 0) return std::optional<SecureBuffer>();
  const std::string name = "token '" + token.label() + "'";
  if ((token.info.flags & CKF_USER_PIN_LOCKED) != 0)
    return fail(ErrorCode::bad_password, name + ": the user PIN is locked (too many wrong PINs); its "
                                                "security officer must unlock it");
  if ((token.info.flags & CKF_PROTECTED_AUTHENTICATION_PATH) != 0) {
    const CK_RV rv = functions_->C_Login(handle_, CKU_USER, nullptr, 0);
    if (rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN)
      return std::unexpected(token_error(name + ": login on the token's own PIN pad failed", rv));
    logged_in_ = rv == CKR_OK;
    return std::optional<SecureBuffer>();
  }
  std::optional<SecureBuffer> pin;
  if (supply.given) {
    pin = *supply.given;
  } else if (const char* value = p11_kit_uri_get_pin_value(uri.get())) {
    pin = SecureBuffer(value, value + std::strlen(value));
  } else if (const char* source = p11_kit_uri_get_pin_source(uri.get())) {
    auto read = read_pin_source(source);
    if (!read) return std::unexpected(read.error());
    pin = std::move(*read);
  } else if (supply.ask) {
    auto asked = supply.ask(token.label());
    if (!asked) return std::unexpected(asked.error());
    pin = std::move(*asked);
  }
  if (!pin)
    return fail(ErrorCode::bad_password,
                name + " needs its user PIN: give --pin SRC (pass:, env:, file:, fd: or stdin) or "
                       "pin-source in the URI");
  const CK_RV rv = functions_->C_Login(handle_, CKU_USER, pin->data(), pin->size());
  if (rv == CKR_PIN_INCORRECT) {
    CK_TOKEN_INFO after{};
    std::string left;
    if (functions_->C_GetTokenInfo(token.slot, &after) == CKR_OK) {
      if ((after.flags & CKF_USER_PIN_LOCKED) != 0) left = "; the PIN is now locked";
      else if ((after.flags & CKF_USER_PIN_FINAL_TRY) != 0) left = "; one try is left before it locks";
      else if ((after.flags & CKF_USER_PIN_COUNT_LOW) != 0) left = "; few tries are left before it locks";
    }
    return fail(ErrorCode::bad_password, name + ": wrong PIN (tried once, not retried: the token counts "
                                                "failed logins" + left + ")");
  }
  if (rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN)
    return std::unexpected(token_error(name + ": login failed", rv));
  logged_in_ = rv == CKR_OK;
  return pin;
}

Result<std::vector<CK_OBJECT_HANDLE>> Session::find(std::vector<CK_ATTRIBUTE> attributes, std::size_t limit) {
  CK_RV rv = functions_->C_FindObjectsInit(handle_, attributes.data(), attributes.size());
  if (rv != CKR_OK) return std::unexpected(token_error("searching the token failed", rv));
  std::vector<CK_OBJECT_HANDLE> found;
  std::array<CK_OBJECT_HANDLE, 64> batch{};
  while (found.size() < limit) {
    CK_ULONG count = 0;
    rv = functions_->C_FindObjects(handle_, batch.data(), batch.size(), &count);
    if (rv != CKR_OK || count == 0) break;
    found.insert(found.end(), batch.begin(), batch.begin() + std::ptrdiff_t(count));
  }
  functions_->C_FindObjectsFinal(handle_);
  if (rv != CKR_OK) return std::unexpected(token_error("searching the token failed", rv));
  return found;
}

Result<std::optional<Bytes>> Session::attribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
  CK_ATTRIBUTE query{type, nullptr, 0};
  CK_RV rv = functions_->C_GetAttributeValue(handle_, object, &query, 1);
  if (rv == CKR_ATTRIBUTE_SENSITIVE || rv == CKR_ATTRIBUTE_TYPE_INVALID ||
      query.ulValueLen == CK_UNAVAILABLE_INFORMATION)
    return std::optional<Bytes>();
  if (rv != CKR_OK) return std::unexpected(token_error("reading an attribute of a token object failed", rv));
  Bytes value(query.ulValueLen);
  query.pValue = value.data();
  rv = functions_->C_GetAttributeValue(handle_, object, &query, 1);
  if (rv != CKR_OK) return std::unexpected(token_error("reading an attribute of a token object failed", rv));
  value.resize(query.ulValueLen);
  return std::optional<Bytes>(std::move(value));
}

std::optional<CK_ULONG> Session::ulong_attribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
  CK_ULONG value = 0;
  CK_ATTRIBUTE query{type, &value, sizeof value};
  if (functions_->C_GetAttributeValue(handle_, object, &query, 1) != CKR_OK) return std::nullopt;
  return value;
}

std::optional<bool> Session::bool_attribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
  CK_BBOOL value = CK_FALSE;
  CK_ATTRIBUTE query{type, &value, sizeof value};
  if (functions_->C_GetAttributeValue(handle_, object, &query, 1) != CKR_OK) return std::nullopt;
  return value == CK_TRUE;
}

}  // namespace polycert::pkcs11
