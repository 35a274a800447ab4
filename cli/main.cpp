// polycert: git-style subcommands over one provider interface.
//
// Global options come before the command; --backend and --quiet are also accepted after
// it. Anything unknown is a usage error (exit 2); no option is ever guessed from a prefix.
#include "command.hpp"
#include "documentation.hpp"
#include "openssl_spellings.hpp"

#include <polycert/text.hpp>
#include <polycert/registry.hpp>
#include <polycert/primitives.hpp>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <vector>

namespace {

using polycert::cli::Command;
using polycert::cli::kExitUsage;

constexpr std::string_view kVersion = "0.1.0";

void print_main_help(const std::vector<std::unique_ptr<Command>>& commands) {
  std::cout << "Usage: polycert [global options] COMMAND [options]\n"
               "       polycert --version | --help | help COMMAND\n\n"
               "Keys, CSRs and certificates over OpenSSL, Botan and Mbed TLS alike.\n\n"
               "Commands:\n";
  for (const auto& command : commands) {
    std::string name(command->name());
    name.resize(12, ' ');
    std::cout << "  " << name << command->summary() << "\n";
  }
  std::cout << "\nGlobal options:\n" << polycert::cli::options_help(polycert::cli::global_options());
}

int print_version() {
  std::cout << "polycert " << kVersion << "\n";
  // The libraries' own version calls: no provider is made (issue 22: a --version costs
  // what it prints).
  for (auto name : polycert::backends::available())
    if (auto version = polycert::backends::library_version(name)) std::cout << "  " << name << ": " << *version << "\n";
  return 0;
}

// No core file and no ptrace by other processes of the same user: an abort while a
// password or key is in memory (a PKCS#12 key derivation, say) must not leave them on disk,
// whatever `ulimit -c` says. A core_pattern pipe ignores RLIMIT_CORE; an undumpable process
// is not dumped at all. --allow-core keeps both for debugging (docs/security.md).
void forbid_core_dumps() {
  const rlimit none{0, 0};
  if (::setrlimit(RLIMIT_CORE, &none) != 0)
    std::cerr << "polycert: warning: cannot turn core dumps off: " << std::strerror(errno) << "\n";
  if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    std::cerr << "polycert: warning: cannot make the process undumpable: " << std::strerror(errno)
              << "\n";
}

Command* find_command(const std::vector<std::unique_ptr<Command>>& commands,
                      std::string_view name) {
  for (const auto& command : commands)
    if (command->name() == name) return command.get();
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const auto commands = polycert::cli::all_commands();
  polycert::cli::Session session;
  session.command = "";

  auto usage = [&](std::string_view message) {
    std::cerr << "polycert: " << polycert::terminal_text(message) << "\nTry 'polycert --help'.\n";
    return kExitUsage;
  };

  bool allow_core = false;
  std::size_t i = 0;
  for (; i < args.size() && args[i].starts_with("-") && args[i] != "-"; ++i) {
    const std::string& arg = args[i];
    if (arg == "--backend") {
      if (i + 1 == args.size()) return usage("--backend needs a NAME");
      session.backend = args[++i];
    } else if (arg.starts_with("--backend=")) {
      session.backend = arg.substr(10);
    } else if (arg == "--config") {
      if (i + 1 == args.size()) return usage("--config needs a FILE");
      session.config = args[++i];
    } else if (arg.starts_with("--config=")) {
      session.config = arg.substr(9);
    } else if (arg == "--max-kdf-iterations" || arg.starts_with("--max-kdf-iterations=")) {
      std::string value;
      if (arg.starts_with("--max-kdf-iterations=")) {
        value = arg.substr(21);
      } else {
        if (i + 1 == args.size()) return usage("--max-kdf-iterations needs a number N");
        value = args[++i];
      }
      if (!polycert::cli::apply_max_kdf_iterations(value))
        return usage("--max-kdf-iterations needs a number from 1 to " +
                     std::to_string(polycert::kMaxKdfIterations));
      session.max_kdf_iterations_given = true;
    } else if (arg == "--allow-core") {
      allow_core = true;
    } else if (arg == "--quiet" || arg == "-q") {
      session.quiet = true;
    } else if (arg == "--version" || arg == "-V") {
      return print_version();
    } else if (arg == "--help" || arg == "-h") {
      print_main_help(commands);
      return 0;
    } else {
      return usage("unknown option '" + arg + "'");
    }
  }
  // Before any command reads a password or a key.
  if (!allow_core) forbid_core_dumps();
  if (i == args.size()) {
    print_main_help(commands);
    return kExitUsage;
  }

  std::string name = args[i++];
  std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
  if (name == "help") {
    if (rest.empty()) {
      print_main_help(commands);
      return 0;
    }
    name = rest.front();
    rest = {"--help"};
  }
  Command* command = find_command(commands, name);
  if (command == nullptr) {
    if (auto commands_for = polycert::cli::polycert_commands_for(name))
      return usage("unknown command '" + name + "'; openssl's " + name + " is polycert " + *commands_for);
    return usage("unknown command '" + name + "'");
  }
  session.command = name;
  return polycert::cli::run_command(*command, session, rest);
}
