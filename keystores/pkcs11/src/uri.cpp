// RFC 7512 URIs: parsing (with the query attributes step writes in the path) and the
// URIs polycert prints for tokens and objects (never with a PIN).
#include "token_access.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>

namespace polycert::pkcs11 {

namespace {


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

}  // namespace

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

}  // namespace polycert::pkcs11
