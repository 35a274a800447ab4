// The [req] part of an existing openssl.cnf, for `req --openssl-config FILE`: the
// distinguished_name section (each field's prompt, _default, _min and _max, or with
// prompt = no its values) and the req_extensions section's subjectAltName (inline or
// @section), keyUsage and extendedKeyUsage, as gateway documentation hands them out.
#pragma once

#include <polycert/error.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace polycert::cli {

/// One field of [req_distinguished_name].
struct OpensslPromptField {
  std::string type;                  ///< as openssl.cnf names it: countryName, CN, ...
  std::string prompt;                ///< the text after '=' (with prompt = no: the value)
  std::optional<std::string> default_value;
  std::optional<std::size_t> min, max;  ///< length bounds of an answer
  bool required = false;             ///< an empty answer is asked again (polycert's config)
};

struct OpensslReqConfig {
  bool prompt = true;                       ///< [req] prompt = no turns the fields into values
  std::vector<OpensslPromptField> fields;   ///< in file order
  std::string subject_alt_names;            ///< polycert's LIST form ("DNS:a,IP:10.0.0.1"), or ""
  std::string key_usage, extended_key_usage;  ///< comma lists without "critical", or ""
  std::optional<std::string> default_md;    ///< [req] default_md
};

/// Reads `path`. invalid_input naming file:line for what polycert does not take: a
/// variable ($VAR, $ENV::VAR), .include, a missing section or a line that is not
/// key = value.
Result<OpensslReqConfig> read_openssl_req_config(const std::string& path);

}  // namespace polycert::cli
