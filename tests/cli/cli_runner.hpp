// Runs the built polycert executable, with $POLYCERT_BACKEND cleared unless a test sets it.
#pragma once

#include "process.hpp"

#include <string>
#include <vector>

namespace polycert::testing {

inline ProcessResult polycert_cli(std::vector<std::string> args, ProcessOptions options = {}) {
  args.insert(args.begin(), POLYCERT_EXE);
  if (!options.set_env.contains("POLYCERT_BACKEND")) options.unset_env.push_back("POLYCERT_BACKEND");
  return run_process(args, options);
}

/// For assertion messages: what the command printed.
inline std::string printed(const ProcessResult& result) {
  return "exit " + std::to_string(result.exit_code) + "\nstdout: " + result.out +
         "\nstderr: " + result.err;
}

}  // namespace polycert::testing
