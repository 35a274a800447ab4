// list_tokens: what `polycert tokens` shows of the modules, tokens and objects a URI matches.
#include "token_access.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace polycert::pkcs11 {

namespace {

struct Ability {
  CK_MECHANISM_TYPE mechanism;
  const char* name;
};
// The mechanisms polycert uses, as the operations they give.
constexpr std::array kAbilities{
    Ability{CKM_RSA_PKCS_KEY_PAIR_GEN, "generate rsa"},
    Ability{CKM_EC_KEY_PAIR_GEN, "generate ec"},
    Ability{CKM_EC_EDWARDS_KEY_PAIR_GEN, "generate ed25519"},
    Ability{CKM_RSA_PKCS, "sign rsa"},
    Ability{CKM_ECDSA, "sign ec"},
    Ability{CKM_EDDSA, "sign ed25519"},
};

std::string type_name(CK_OBJECT_CLASS type) {
  switch (type) {
    case CKO_PRIVATE_KEY: return "private";
    case CKO_PUBLIC_KEY: return "public";
    case CKO_CERTIFICATE: return "cert";
    case CKO_SECRET_KEY: return "secret-key";
    case CKO_DATA: return "data";
    default: return "other";
  }
}

std::string key_type_name(CK_KEY_TYPE type) {
  switch (type) {
    case CKK_RSA: return "rsa";
    case CKK_EC: return "ec";
    case CKK_EC_EDWARDS: return "eddsa";
    case CKK_DSA: return "dsa";
    case CKK_AES: return "aes";
    case CKK_GENERIC_SECRET: return "generic-secret";
    default: {
      char text[24];
      std::snprintf(text, sizeof text, "key type 0x%lx", static_cast<unsigned long>(type));
      return text;
    }
  }
}

TokenObject describe_object(Session& session, const Uri& uri, const Token& token, CK_OBJECT_HANDLE object) {
  TokenObject shown;
  const CK_OBJECT_CLASS type = session.ulong_attribute(object, CKA_CLASS).value_or(CKO_DATA);
  shown.type = type_name(type);
  if (auto label = session.attribute(object, CKA_LABEL); label && *label)
    shown.label.assign((*label)->begin(), (*label)->end());
  if (auto id = session.attribute(object, CKA_ID); id && *id) shown.id = **id;
  if (type == CKO_PRIVATE_KEY || type == CKO_PUBLIC_KEY || type == CKO_SECRET_KEY) {
    const auto key_type = session.ulong_attribute(object, CKA_KEY_TYPE);
    shown.algorithm = key_type ? key_type_name(*key_type) : "unknown";
    if (type != CKO_SECRET_KEY) {
      // The public twin gives a private key's EC point, as open_key reads it.
      std::optional<CK_OBJECT_HANDLE> twin;
      if (type == CKO_PUBLIC_KEY) twin = object;
      else if (auto found = public_twin(session, object)) twin = *found;
      if (auto half = public_half(session, object, twin)) shown.algorithm = to_string(half->spec);
    }
    if (type != CKO_PUBLIC_KEY) {
      shown.extractable = session.bool_attribute(object, CKA_EXTRACTABLE);
      shown.sensitive = session.bool_attribute(object, CKA_SENSITIVE);
    }
  }
  shown.uri = object_uri(uri, token, shown.label, shown.id, type);
  return shown;
}

}  // namespace

Result<std::vector<ModuleReport>> list_tokens(std::string_view text, const PinSupply& pin) {
  auto uri = Uri::parse(text);
  if (!uri) return std::unexpected(uri.error());
  auto modules = ModuleSet::load(*uri);
  if (!modules) return std::unexpected(modules.error());
  auto tokens = matching_tokens(**modules, *uri);
  if (!tokens) return std::unexpected(tokens.error());
  std::vector<ModuleReport> reports;
  for (const ModuleSet::Module& module : (*modules)->modules()) {
    ModuleReport report;
    report.name = module.name;
    report.path = module.path;
    report.description = module.description;
    report.error = module.error;
    for (const Token& token : *tokens) {
      if (token.module != &module) continue;
      TokenReport shown;
      shown.uri = token_uri(*uri, token);
      shown.label = token.label();
      shown.manufacturer = field_text(token.info.manufacturerID, sizeof token.info.manufacturerID);
      shown.model = field_text(token.info.model, sizeof token.info.model);
      shown.serial = field_text(token.info.serialNumber, sizeof token.info.serialNumber);
      shown.slot = token.slot;
      shown.login_required = (token.info.flags & CKF_LOGIN_REQUIRED) != 0;
      CK_ULONG count = 0;
      if (module.functions->C_GetMechanismList(token.slot, nullptr, &count) == CKR_OK) {
        std::vector<CK_MECHANISM_TYPE> mechanisms(count);
        if (module.functions->C_GetMechanismList(token.slot, mechanisms.data(), &count) == CKR_OK) {
          mechanisms.resize(count);
          for (const Ability& ability : kAbilities)
            if (std::ranges::find(mechanisms, ability.mechanism) != mechanisms.end())
              shown.abilities.emplace_back(ability.name);
        }
      }
      // One token that cannot be read does not hide the others: its row says why.
      shown.initialized = (token.info.flags & CKF_TOKEN_INITIALIZED) != 0;
      if (!shown.initialized) {
        report.tokens.push_back(std::move(shown));
        continue;
      }
      auto session = Session::open(token, false);
      if (!session) {
        shown.error = session.error().message;
        report.tokens.push_back(std::move(shown));
        continue;
      }
      // A PIN only when one was given: listing never prompts for it.
      if (shown.login_required && (pin.given || p11_kit_uri_get_pin_value(uri->get()) != nullptr ||
                                   p11_kit_uri_get_pin_source(uri->get()) != nullptr)) {
        auto login = (*session)->login(token, *uri, PinSupply{pin.given, {}});
        if (!login) return std::unexpected(login.error());
        shown.logged_in = (*session)->logged_in();
      }
      std::vector<CK_ATTRIBUTE> wanted;
      const auto label = uri->attribute(CKA_LABEL);
      const auto id = uri->attribute(CKA_ID);
      const auto type = uri->object_class();
      CK_OBJECT_CLASS type_value = type.value_or(0);
      if (label) wanted.push_back({CKA_LABEL, const_cast<char*>(label->data()), label->size()});
      if (id) wanted.push_back({CKA_ID, const_cast<char*>(id->data()), id->size()});
      if (type) wanted.push_back({CKA_CLASS, &type_value, sizeof type_value});
      auto objects = (*session)->find(wanted);
      if (!objects) return std::unexpected(objects.error());
      for (CK_OBJECT_HANDLE object : *objects)
        shown.objects.push_back(describe_object(**session, *uri, token, object));
      report.tokens.push_back(std::move(shown));
    }
    reports.push_back(std::move(report));
  }
  return reports;
}

}  // namespace polycert::pkcs11
