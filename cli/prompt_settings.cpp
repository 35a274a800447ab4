#include "prompt_settings.hpp"

#include <polycert/name.hpp>

#include <array>
#include <charconv>

namespace polycert::cli {

namespace {

struct StandardField {
  std::string_view type;
  std::string_view long_name;
  std::string_view prompt;
};
constexpr std::array kStandardFields{
    StandardField{"C", "countryName", "Country Name (2 letter code)"},
    StandardField{"ST", "stateOrProvinceName", "State or Province Name (full name)"},
    StandardField{"L", "localityName", "Locality Name (eg, city)"},
    StandardField{"O", "organizationName", "Organization Name (eg, company)"},
    StandardField{"OU", "organizationalUnitName", "Organizational Unit Name (eg, section)"},
    StandardField{"CN", "commonName", "Common Name (e.g. server FQDN or YOUR name)"},
    StandardField{"emailAddress", "emailAddress", "Email Address"},
};
constexpr std::array<std::string_view, 5> kSuffixes{"_default", "_min", "_max", "_prompt", "_required"};

// The field a setting names and its suffix, when `key` is FIELD_suffix.
std::optional<std::pair<std::string, std::string_view>> split_setting(std::string_view key) {
  for (std::string_view suffix : kSuffixes)
    if (key.size() > suffix.size() && key.ends_with(suffix))
      return std::pair{std::string(key.substr(0, key.size() - suffix.size())), suffix};
  return std::nullopt;
}

// The short name a field is kept under: "countryName" and "C" are one field.
std::string canonical(const std::string& field) {
  for (const StandardField& known : kStandardFields)
    if (field == known.long_name) return std::string(known.type);
  return field;
}

bool names_an_attribute(const std::string& field) {
  return make_name_attribute(field, "x", StringPolicy::utf8).has_value() ||
         make_name_attribute(field, "US", StringPolicy::utf8).has_value();
}

}  // namespace

std::vector<OpensslPromptField> standard_prompt_fields() {
  std::vector<OpensslPromptField> fields;
  for (const StandardField& known : kStandardFields)
    fields.push_back({std::string(known.type), std::string(known.prompt), std::nullopt, std::nullopt, std::nullopt});
  return fields;
}

bool is_prompt_setting(std::string_view key) {
  auto setting = split_setting(key);
  return setting && names_an_attribute(canonical(setting->first));
}

Result<std::vector<OpensslPromptField>> configured_prompt_fields(const Config& config) {
  std::vector<OpensslPromptField> fields = standard_prompt_fields();
  const ConfigSection* req = config.find("req");
  if (req == nullptr) return fields;
  auto at = [&](int line) { return config.path + ":" + std::to_string(line) + ": "; };
  for (const ConfigEntry& entry : req->entries) {
    if (!is_prompt_setting(entry.key)) continue;
    const auto [field, suffix] = *split_setting(entry.key);
    const std::string type = canonical(field);
    auto found = std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.type == type; });
    if (found == fields.end()) {
      fields.push_back({type, type, std::nullopt, std::nullopt, std::nullopt});
      found = fields.end() - 1;
    }
    if (suffix == "_default") {
      found->default_value = entry.value;
    } else if (suffix == "_prompt") {
      found->prompt = entry.value;
    } else if (suffix == "_required") {
      auto on = switch_value(entry.value);
      if (!on) return fail(ErrorCode::invalid_input, at(entry.line) + entry.key + " takes yes or no, not '" + entry.value + "'");
      found->required = *on;
    } else {
      std::size_t number = 0;
      const auto [end, ec] = std::from_chars(entry.value.data(), entry.value.data() + entry.value.size(), number);
      if (ec != std::errc{} || end != entry.value.data() + entry.value.size())
        return fail(ErrorCode::invalid_input, at(entry.line) + entry.key + " takes a number, not '" + entry.value + "'");
      (suffix == "_min" ? found->min : found->max) = number;
    }
  }
  return fields;
}

}  // namespace polycert::cli
