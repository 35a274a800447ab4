#include "token_access.hpp"

#include <polycert/der.hpp>
#include <polycert/key_structure.hpp>
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

// The parts of a URI's path that RFC 7512 puts in its query, moved there: step writes
// module-path in the path ("pkcs11:module-path=/usr/lib/...;token=gw").
std::string with_query_attributes_in_query(std::string_view text) {
  constexpr std::array kQueryNames{"module-path=", "module-name=", "pin-value=", "pin-source="};
  const std::size_t question = text.find('?');
  const std::string_view path = text.substr(0, question);
  std::string query(question == std::string_view::npos ? std::string_view{} : text.substr(question + 1));
  std::string kept;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find(';', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (start == 0 && part.starts_with("pkcs11:")) {
      kept = "pkcs11:";
      part.remove_prefix(7);
    }
    const bool moves = std::ranges::any_of(kQueryNames, [&](const char* name) { return part.starts_with(name); });
    if (moves) {
      query += (query.empty() ? "" : "&") + std::string(part);
    } else if (!part.empty()) {
      if (!kept.ends_with(':')) kept += ';';
      kept += part;
    }
    start = end + 1;
  }
  if (!query.empty()) kept += "?" + query;
  return kept;
}

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

Bytes unsigned_integer(ByteView magnitude) {
  std::size_t first = 0;
  while (first + 1 < magnitude.size() && magnitude[first] == 0) ++first;
  Bytes content;
  if (magnitude.empty() || (magnitude[first] & 0x80) != 0) content.push_back(0x00);
  content.insert(content.end(), magnitude.begin() + std::ptrdiff_t(first), magnitude.end());
  return content;
}

Bytes spki_of(ByteView algorithm_fields, ByteView key_bits) {
  SecureBuffer bits{0x00};
  bits.insert(bits.end(), key_bits.begin(), key_bits.end());
  SecureBuffer fields = der::element(der::kSequence, algorithm_fields);
  der::append_element(fields, der::kBitString, bits);
  const SecureBuffer spki = der::element(der::kSequence, fields);
  return Bytes(spki.begin(), spki.end());
}

constexpr std::string_view kEd25519Oid = "1.3.101.112";

// CKA_EC_PARAMS: a named curve's OID, or for EdDSA the OID or PrintableString
// "edwards25519" (PKCS#11 3.0 5.2.3 allows both).
Result<std::string> curve_of(ByteView parameters) {
  der::Reader reader(parameters);
  auto element = reader.next();
  if (!element || !reader.empty())
    return fail(ErrorCode::invalid_input, "CKA_EC_PARAMS is not one DER element");
  if (element->tag == der::kOid) return der::decode_oid(element->content);
  if (element->tag == 0x13) {
    const std::string name(element->content.begin(), element->content.end());
    if (name == "edwards25519") return std::string(kEd25519Oid);
    return fail(ErrorCode::unsupported, "curve '" + name + "' (polycert signs with Ed25519 of the Edwards curves)");
  }
  return fail(ErrorCode::unsupported, "CKA_EC_PARAMS with explicit curve parameters");
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

bool is_uri(std::string_view text) { return text.starts_with("pkcs11:"); }

Result<Uri> Uri::parse(std::string_view text) {
  if (!is_uri(text)) return fail(ErrorCode::invalid_input, "'" + std::string(text) + "' is not a pkcs11: URI");
  Uri parsed;
  parsed.text_ = std::string(text);
  parsed.uri_.reset(p11_kit_uri_new());
  const std::string normal = with_query_attributes_in_query(text);
  const int status = p11_kit_uri_parse(normal.c_str(), P11_KIT_URI_FOR_ANY, parsed.uri_.get());
  if (status != P11_KIT_URI_OK)
    return fail(ErrorCode::invalid_input, parsed.shown() + ": not a valid PKCS#11 URI (RFC 7512): " +
                                              p11_kit_uri_message(status));
  if (p11_kit_uri_any_unrecognized(parsed.uri_.get()))
    return fail(ErrorCode::invalid_input,
                parsed.shown() + ": an attribute RFC 7512 does not define (path: token, manufacturer, "
                                 "model, serial, object, id, type, slot-id...; query: module-path, "
                                 "module-name, pin-source, pin-value)");
  return parsed;
}

std::string Uri::shown() const {
  // Cut pin-value=... up to the next separator: a PIN is never printed.
  std::string shown = text_;
  for (std::size_t at = shown.find("pin-value="); at != std::string::npos; at = shown.find("pin-value=", at + 1)) {
    std::size_t end = shown.find_first_of(";&", at);
    shown.replace(at, (end == std::string::npos ? shown.size() : end) - at, "pin-value=(hidden)");
  }
  return shown;
}

std::optional<std::string> Uri::attribute(CK_ATTRIBUTE_TYPE type) const {
  CK_ATTRIBUTE_PTR found = p11_kit_uri_get_attribute(uri_.get(), type);
  if (found == nullptr) return std::nullopt;
  return std::string(static_cast<const char*>(found->pValue), found->ulValueLen);
}

std::optional<CK_OBJECT_CLASS> Uri::object_class() const {
  CK_ATTRIBUTE_PTR found = p11_kit_uri_get_attribute(uri_.get(), CKA_CLASS);
  if (found == nullptr || found->ulValueLen != sizeof(CK_OBJECT_CLASS)) return std::nullopt;
  CK_OBJECT_CLASS value;
  std::memcpy(&value, found->pValue, sizeof value);
  return value;
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

namespace {

struct UriFree {
  void operator()(P11KitUri* uri) const { p11_kit_uri_free(uri); }
};

std::string format_uri(const Uri& base, const Token& token, const std::vector<CK_ATTRIBUTE>& attributes,
                       P11KitUriType type) {
  std::unique_ptr<P11KitUri, UriFree> uri(p11_kit_uri_new());
  std::memcpy(p11_kit_uri_get_token_info(uri.get()), &token.info, sizeof token.info);
  for (const CK_ATTRIBUTE& attribute : attributes) {
    CK_ATTRIBUTE copy = attribute;
    p11_kit_uri_set_attribute(uri.get(), &copy);
  }
  if (const char* path = p11_kit_uri_get_module_path(base.get())) p11_kit_uri_set_module_path(uri.get(), path);
  char* text = nullptr;
  if (p11_kit_uri_format(uri.get(), type, &text) != P11_KIT_URI_OK || text == nullptr) return "pkcs11:";
  std::string formatted(text);
  std::free(text);
  return formatted;
}

}  // namespace

std::string object_uri(const Uri& base, const Token& token, const std::string& label, ByteView id,
                       CK_OBJECT_CLASS type) {
  std::vector<CK_ATTRIBUTE> attributes;
  if (!label.empty())
    attributes.push_back({CKA_LABEL, const_cast<char*>(label.data()), label.size()});
  if (!id.empty())
    attributes.push_back({CKA_ID, const_cast<std::uint8_t*>(id.data()), id.size()});
  attributes.push_back({CKA_CLASS, &type, sizeof type});
  return format_uri(base, token, attributes, P11_KIT_URI_FOR_OBJECT_ON_TOKEN);
}

std::string token_uri(const Uri& base, const Token& token) {
  return format_uri(base, token, {}, P11_KIT_URI_FOR_TOKEN);
}

Result<Bytes> ec_spki(ByteView parameters, ByteView point) {
  auto curve = curve_of(parameters);
  if (!curve) return std::unexpected(curve.error());
  // PKCS#11 wants the point DER-wrapped in an OCTET STRING; some tokens give it raw. The
  // raw sizes are known (32 for Ed25519, 2n+1 uncompressed), so the size decides.
  ByteView raw = point;
  const bool edwards = *curve == kEd25519Oid;
  std::size_t raw_size = 32;
  if (!edwards) {
    const std::size_t field = *curve == "1.2.840.10045.3.1.7" ? 32 : *curve == "1.3.132.0.34" ? 48 : 66;
    raw_size = 2 * field + 1;
  }
  if (raw.size() != raw_size) {
    der::Reader reader(raw);
    auto wrapped = reader.next();
    if (!wrapped || wrapped->tag != der::kOctetString || !reader.empty())
      return fail(ErrorCode::invalid_input, "CKA_EC_POINT is neither a DER OCTET STRING nor a raw point");
    raw = wrapped->content;
  }
  SecureBuffer algorithm;
  if (edwards) {
    algorithm = der::element(der::kOid, der::encode_oid(kEd25519Oid));
  } else {
    if (!der::is_valid_oid(*curve)) return fail(ErrorCode::invalid_input, "CKA_EC_PARAMS: a malformed OID");
    algorithm = der::element(der::kOid, der::encode_oid("1.2.840.10045.2.1"));
    der::append_element(algorithm, der::kOid, der::encode_oid(*curve));
  }
  Bytes spki = spki_of(algorithm, raw);
  // A point of the wrong size or off the curve's encoding is the token's mistake, named here.
  if (auto structure = inspect_public_key(spki); !structure)
    return std::unexpected(with_context(structure.error(), "CKA_EC_POINT"));
  return spki;
}

Bytes ec_parameters(const KeySpec& spec) {
  std::string_view oid = kEd25519Oid;
  switch (spec.curve) {
    case Curve::p256: oid = "1.2.840.10045.3.1.7"; break;
    case Curve::p384: oid = "1.3.132.0.34"; break;
    case Curve::p521: oid = "1.3.132.0.35"; break;
    case Curve::none: break;
  }
  const SecureBuffer element = der::element(der::kOid, der::encode_oid(oid));
  return Bytes(element.begin(), element.end());
}

Result<PublicHalf> public_half(Session& session, CK_OBJECT_HANDLE private_key,
                               std::optional<CK_OBJECT_HANDLE> public_key) {
  const auto key_type = session.ulong_attribute(private_key, CKA_KEY_TYPE);
  if (!key_type) return fail(ErrorCode::io, "the key has no readable CKA_KEY_TYPE");
  Bytes spki;
  if (*key_type == CKK_RSA) {
    auto modulus = session.attribute(private_key, CKA_MODULUS);
    auto exponent = session.attribute(private_key, CKA_PUBLIC_EXPONENT);
    if (public_key && (!modulus || !*modulus)) modulus = session.attribute(*public_key, CKA_MODULUS);
    if (public_key && (!exponent || !*exponent)) exponent = session.attribute(*public_key, CKA_PUBLIC_EXPONENT);
    if (!modulus) return std::unexpected(modulus.error());
    if (!exponent) return std::unexpected(exponent.error());
    if (!*modulus || !*exponent)
      return fail(ErrorCode::invalid_input, "the RSA key shows neither its modulus nor its public exponent");
    SecureBuffer numbers = der::element(der::kInteger, unsigned_integer(**modulus));
    der::append_element(numbers, der::kInteger, unsigned_integer(**exponent));
    const SecureBuffer rsa_public = der::element(der::kSequence, numbers);
    SecureBuffer algorithm = der::element(der::kOid, der::encode_oid("1.2.840.113549.1.1.1"));
    der::append_element(algorithm, der::kNull, {});
    spki = spki_of(algorithm, rsa_public);
  } else if (*key_type == CKK_EC || *key_type == CKK_EC_EDWARDS) {
    auto parameters = session.attribute(private_key, CKA_EC_PARAMS);
    if (!parameters) return std::unexpected(parameters.error());
    if (!*parameters && public_key) {
      parameters = session.attribute(*public_key, CKA_EC_PARAMS);
      if (!parameters) return std::unexpected(parameters.error());
    }
    if (!*parameters) return fail(ErrorCode::invalid_input, "the key shows no CKA_EC_PARAMS");
    if (!public_key)
      return fail(ErrorCode::invalid_input,
                  "no public key object beside the private key (same CKA_ID) to read its point from");
    auto point = session.attribute(*public_key, CKA_EC_POINT);
    if (!point) return std::unexpected(point.error());
    if (!*point) return fail(ErrorCode::invalid_input, "the public key object shows no CKA_EC_POINT");
    auto made = ec_spki(**parameters, **point);
    if (!made) return std::unexpected(made.error());
    spki = std::move(*made);
  } else {
    return fail(ErrorCode::unsupported, "a token key of type 0x" + [&] {
      char text[24];
      std::snprintf(text, sizeof text, "%lx", static_cast<unsigned long>(*key_type));
      return std::string(text);
    }() + " (polycert signs with RSA, EC and Ed25519 keys)");
  }
  auto structure = inspect_public_key(spki);
  if (!structure) return std::unexpected(with_context(structure.error(), "the token key's public half"));
  return PublicHalf{KeySpec{structure->algorithm, structure->rsa_bits, structure->curve}, std::move(spki)};
}

}  // namespace polycert::pkcs11
