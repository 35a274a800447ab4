// The subject prompts of `req`, and how polycert's config file adjusts them: in the [req]
// section, FIELD_default, FIELD_min, FIELD_max, FIELD_prompt and FIELD_required (yes/no),
// FIELD as openssl.cnf names it (countryName) or by its short name (C). The seven
// prompts openssl req asks stay in their order; a field they lack (serialNumber) is
// appended when a setting names it.
#pragma once

#include "config.hpp"
#include "openssl_config.hpp"

#include <polycert/error.hpp>

#include <string_view>
#include <vector>

namespace polycert::cli {

/// The seven prompts of `openssl req` with its default openssl.cnf, no defaults.
std::vector<OpensslPromptField> standard_prompt_fields();

/// Whether a [req] key of the config file is a prompt setting rather than an option.
bool is_prompt_setting(std::string_view key);

/// The standard prompts with the config's [req] settings applied; invalid_input naming
/// file:line for a value that is no number (_min, _max), no switch (_required), or a field
/// that is no name attribute.
Result<std::vector<OpensslPromptField>> configured_prompt_fields(const Config& config);

}  // namespace polycert::cli
