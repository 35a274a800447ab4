// polycert tokens [URI] [--json]: the PKCS#11 modules p11-kit knows (or the URI names), their
// tokens, the objects in them and what each token can do for polycert.
#include "../command.hpp"
#include "../token_keys.hpp"

#include <polycert/text.hpp>

#if POLYCERT_WITH_PKCS11
#include <polycert/pkcs11.hpp>
#endif

#include <nlohmann/json.hpp>

#include <iostream>

namespace polycert::cli {

namespace {

#if POLYCERT_WITH_PKCS11
using pkcs11::hex_id;

nlohmann::json to_json(const std::vector<pkcs11::ModuleReport>& modules) {
  nlohmann::json doc = nlohmann::json::array();
  for (const auto& module : modules) {
    nlohmann::json tokens = nlohmann::json::array();
    for (const auto& token : module.tokens) {
      nlohmann::json objects = nlohmann::json::array();
      for (const auto& object : token.objects) {
        nlohmann::json shown = {{"uri", object.uri}, {"label", valid_utf8(object.label)}, {"id", hex_id(object.id)},
                                {"type", object.type}, {"algorithm", object.algorithm}};
        if (object.extractable) shown["extractable"] = *object.extractable;
        if (object.sensitive) shown["sensitive"] = *object.sensitive;
        objects.push_back(shown);
      }
      tokens.push_back({{"uri", token.uri}, {"label", valid_utf8(token.label)},
                        {"manufacturer", valid_utf8(token.manufacturer)}, {"model", valid_utf8(token.model)},
                        {"serial", valid_utf8(token.serial)}, {"slot", token.slot},
                        {"login_required", token.login_required}, {"logged_in", token.logged_in},
                        {"initialized", token.initialized}, {"error", token.error.empty() ? nlohmann::json() : nlohmann::json(token.error)},
                        {"abilities", token.abilities}, {"objects", objects}});
    }
    nlohmann::json shown = {{"module", module.name}, {"path", module.path},
                            {"description", valid_utf8(module.description)}, {"tokens", tokens}};
    if (!module.error.empty()) shown["error"] = module.error;
    doc.push_back(shown);
  }
  return doc;
}

void print(const std::vector<pkcs11::ModuleReport>& modules) {
  for (const auto& module : modules) {
    std::cout << "module " << terminal_text(module.name);
    if (!module.path.empty() && module.path != module.name) std::cout << " (" << terminal_text(module.path) << ")";
    if (!module.description.empty()) std::cout << ": " << terminal_text(module.description);
    if (!module.error.empty()) std::cout << ": " << terminal_text(module.error);
    std::cout << "\n";
    for (const auto& token : module.tokens) {
      std::cout << "  token '" << terminal_text(token.label) << "' slot " << token.slot << ", "
                << terminal_text(token.manufacturer) << " " << terminal_text(token.model) << ", serial "
                << terminal_text(token.serial) << "\n    " << terminal_text(token.uri) << "\n";
      if (!token.initialized) {
        std::cout << "    not initialized (a free slot: softhsm2-util --init-token, or the token's own tool)\n";
        continue;
      }
      if (!token.error.empty()) {
        std::cout << "    cannot be listed: " << terminal_text(token.error) << "\n";
        continue;
      }
      std::cout << "    can:";
      if (token.abilities.empty()) std::cout << " nothing polycert uses";
      for (const auto& ability : token.abilities) std::cout << " " << ability << (&ability == &token.abilities.back() ? "" : ",");
      std::cout << "\n";
      if (token.login_required && !token.logged_in)
        std::cout << "    (not logged in: private objects are hidden; give --pin SRC to list them)\n";
      for (const auto& object : token.objects) {
        std::cout << "    " << object.type << " " << object.algorithm << " '" << terminal_text(object.label)
                  << "' id " << (object.id.empty() ? "-" : hex_id(object.id));
        if (object.extractable) std::cout << (*object.extractable ? ", extractable" : ", not extractable");
        std::cout << "\n      " << terminal_text(object.uri) << "\n";
      }
      if (token.objects.empty()) std::cout << "    no objects\n";
    }
  }
  if (modules.empty()) std::cout << "no PKCS#11 module matches\n";
}
#endif

class TokensCommand final : public Command {
 public:
  std::string_view name() const override { return "tokens"; }
  std::string_view summary() const override { return "list PKCS#11 modules, tokens and the keys in them"; }
  std::string_view synopsis() const override { return "tokens [URI] [--pin SRC] [--json]"; }
  std::string_view epilog() const override {
    return "URI is an RFC 7512 pkcs11: URI narrowing the list (default: every module p11-kit\n"
           "loads, every token, every object): pkcs11:token=gw, pkcs11:token=gw;type=private,\n"
           "pkcs11:?module-path=/usr/lib/softhsm/libsofthsm2.so. Private objects show only with\n"
           "a PIN (--pin SRC or the URI's pin-source); listing never prompts for one.\n"
           "Each object's URI is what --key, --ca-key and match take.\n";
  }
  std::string_view examples() const override {
    return "# Every token p11-kit knows, then the keys of one token\n"
           "polycert tokens\n"
           "polycert tokens 'pkcs11:token=gw' --pin env:GW_PIN";
  }
  void add_options(po::options_description& options) override {
    options.add_options()
        ("uri", po::value<std::string>(&uri_)->default_value("pkcs11:")->value_name("URI"),
         "what to list (also the first argument)")
        ("json", po::bool_switch(&json_), "machine-readable output");
  }
  void add_positionals(po::positional_options_description& positionals) override {
    positionals.add("uri", 1);
  }

  int run(Session& session, const po::variables_map&) override {
    if (!is_token_uri(uri_)) return session.usage_error("'" + uri_ + "' is not a pkcs11: URI");
#if POLYCERT_WITH_PKCS11
    auto supply = token_pin_supply();
    if (!supply) return session.report(supply.error());
    supply->ask = {};  // listing never prompts: without a PIN, private objects stay hidden
    auto modules = pkcs11::list_tokens(uri_, *supply);
    if (!modules) return session.report(modules.error());
    if (json_)
      std::cout << to_json(*modules).dump(2) << "\n";
    else
      print(*modules);
    return kExitOk;
#else
    return session.report(Error{ErrorCode::unsupported, "this polycert was built without PKCS#11 support "
                                                        "(POLYCERT_WITH_PKCS11=OFF; it needs libp11-kit-dev)"});
#endif
  }

 private:
  std::string uri_;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_tokens_command() { return std::make_unique<TokensCommand>(); }

}  // namespace polycert::cli
