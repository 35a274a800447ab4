// The config file: defaults set once, in OpenSSL-like sections.
//
//   # ~/.config/polycert/config
//   [default]
//   backend = botan
//
//   [req]
//   subject = /C=US/ST=California/O=Acme/CN=api.acme.com
//   digest = sha384
//   new-key = ec:P-384
//   string-type = printable
//
// A section is named after a command; its keys are that command's long options, spelled
// as on the command line, with the value the option would take (a switch takes true or
// false; a key may repeat where the option may). '#' starts a comment, at the start of a
// line or after a blank; "double quotes" keep a value with a '#' or outer blanks as is.
// [req] also takes the subject prompts' settings (countryName_default, CN_required...:
// prompt_settings.hpp). [default] holds the global options (backend, quiet, max-kdf-iterations). Precedence:
// command line > environment ($POLYCERT_BACKEND) > the command's section > [default].
#pragma once

#include "command.hpp"

#include <polycert/error.hpp>

#include <optional>
#include <string>
#include <vector>

namespace polycert::cli {

struct ConfigEntry {
  std::string key;
  std::string value;
  int line = 0;
};

struct ConfigSection {
  std::string name;
  int line = 0;  ///< of its first [name] header
  std::vector<ConfigEntry> entries;
};

struct Config {
  std::string path;
  std::vector<ConfigSection> sections;
  /// The section's entries, or nullptr.
  const ConfigSection* find(std::string_view section) const;
};

/// Where the config is read from: `explicit_path` (--config), else
/// $XDG_CONFIG_HOME/polycert/config, else ~/.config/polycert/config.
std::string config_path(const std::optional<std::string>& explicit_path);

/// Reads and parses the config. A missing default file is no config (nullopt); a missing
/// --config file is an io error. Syntax errors are invalid_input naming file:line.
Result<std::optional<Config>> load_config(const std::optional<std::string>& explicit_path);

/// Stores the command's section of `config` into `values` as defaults: an option the
/// command line gave is kept, and so is one excluded by an option the command line gave
/// (Command::alternatives). Unknown keys and bad values are invalid_input naming
/// file:line. The backend is left to resolve_backend().
Result<void> apply_config(const Config& config, Command& command,
                          const po::options_description& options, po::variables_map& values);

/// The backend the config asks for when neither --backend nor $POLYCERT_BACKEND names one:
/// the command's section first, then [default].
std::optional<std::string> config_backend(const Config& config, std::string_view command);

/// A switch's value as a config file spells it: true/yes/on/1 or false/no/off/0; nullopt
/// for anything else.
std::optional<bool> switch_value(std::string_view text);

/// [default] values for the global options other than backend: quiet, max-kdf-iterations.
std::optional<std::string> config_global(const Config& config, std::string_view key);

}  // namespace polycert::cli
