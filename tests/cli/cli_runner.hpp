// Runs the built polycert executable, with $POLYCERT_BACKEND cleared and no config file
// unless a test sets them.
#pragma once

#include "process.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace polycert::testing {

inline ProcessResult polycert_cli(std::vector<std::string> args, ProcessOptions options = {}) {
  args.insert(args.begin(), POLYCERT_EXE);
  if (!options.set_env.contains("POLYCERT_BACKEND")) options.unset_env.push_back("POLYCERT_BACKEND");
  // The user's own config file (~/.config/polycert/config) must not change what a test sees.
  const bool config_home_chosen =
      options.set_env.contains("XDG_CONFIG_HOME") || options.set_env.contains("HOME") ||
      std::find(options.unset_env.begin(), options.unset_env.end(), "XDG_CONFIG_HOME") !=
          options.unset_env.end();
  if (!config_home_chosen) options.set_env["XDG_CONFIG_HOME"] = "/nonexistent/polycert-tests";
  return run_process(args, options);
}

/// For assertion messages: what the command printed.
inline std::string printed(const ProcessResult& result) {
  return "exit " + std::to_string(result.exit_code) + "\nstdout: " + result.out +
         "\nstderr: " + result.err;
}

}  // namespace polycert::testing
