// Running a program (the polycert CLI, the openssl CLI) and capturing what it printed.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace polycert::testing {

struct ProcessResult {
  int exit_code = -1;  ///< exit status, or 128 + signal number
  std::string out;
  std::string err;
};

struct ProcessOptions {
  std::string input;                              ///< written to standard input
  std::map<std::string, std::string> set_env;     ///< added or replaced variables
  std::vector<std::string> unset_env;             ///< removed variables
  std::string working_directory;                  ///< empty: the current one
};

/// Runs argv[0] (searched in PATH) with the arguments; no shell is involved.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

}  // namespace polycert::testing
