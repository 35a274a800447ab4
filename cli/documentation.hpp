// Man pages and shell completion, generated from the same option tables that --help
// prints, so the three can never disagree.
#pragma once

#include "command.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace polycert::cli {

/// One option as the documentation shows it.
struct OptionDoc {
  std::string long_name;      ///< "out" (without dashes)
  char short_name = 0;        ///< 'o', or 0
  std::string value_name;     ///< "FILE", "pem|der"; empty for a switch
  std::string default_value;  ///< "pem"; empty when there is none
  std::string description;
  /// The fixed words a value may be ("pem", "der"), from a value name spelled a|b|c.
  std::vector<std::string> choices() const;
};

/// Every option of a table, in table order.
std::vector<OptionDoc> describe(const po::options_description& options);

/// The options accepted before the command (`polycert --backend botan genkey ...`).
const std::vector<OptionDoc>& global_options();

/// Option rows for a terminal, as Boost prints a command's: "  -q, --quiet   text".
std::string options_help(const std::vector<OptionDoc>& options);

/// The exit statuses every command shares, as (status, meaning).
struct ExitStatusDoc {
  int status;
  std::string_view meaning;
};
std::span<const ExitStatusDoc> exit_statuses();

/// polycert(1): the commands and the global options.
std::string main_man_page(const std::vector<std::unique_ptr<Command>>& commands);
/// polycert-COMMAND(1) from the command's --help text and full option table.
std::string command_man_page(const Command& command, const po::options_description& options,
                             const std::vector<std::unique_ptr<Command>>& commands);

/// Completion script for `shell` ("bash" or "zsh").
std::string completion_script(std::string_view shell,
                              const std::vector<std::unique_ptr<Command>>& commands);

}  // namespace polycert::cli
