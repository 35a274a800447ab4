// polycert completion bash|zsh
//
// Tab completion generated from the option tables --help prints: commands, each command's
// options, the fixed values an option takes (pem|der, the backend names), files otherwise.
#include "../command.hpp"
#include "../documentation.hpp"

#include <iostream>

namespace polycert::cli {

namespace {

class CompletionCommand final : public Command {
 public:
  std::string_view name() const override { return "completion"; }
  std::string_view summary() const override { return "print a shell completion script"; }
  std::string_view synopsis() const override { return "completion bash|zsh"; }
  std::string_view epilog() const override {
    return "bash: add  source <(polycert completion bash)  to ~/.bashrc, or save the output as\n"
           "~/.local/share/bash-completion/completions/polycert.\n"
           "zsh: save the output as _polycert in a folder of $fpath.\n"
           "'cmake --install' installs both.\n";
  }

  void add_options(po::options_description& options) override {
    options.add_options()("shell", po::value<std::string>(&shell_)->required()->value_name("bash|zsh"),
                          "the shell (also the first argument)");
  }
  void add_positionals(po::positional_options_description& positionals) override {
    positionals.add("shell", 1);
  }

  int run(Session& session, const po::variables_map&) override {
    if (shell_ != "bash" && shell_ != "zsh")
      return session.usage_error("no completion for '" + shell_ + "'; shells: bash, zsh");
    std::cout << completion_script(shell_, all_commands());
    return std::cout.flush() ? kExitOk : exit_status(ErrorCode::io);
  }

 private:
  std::string shell_;
};

}  // namespace

std::unique_ptr<Command> make_completion_command() { return std::make_unique<CompletionCommand>(); }

}  // namespace polycert::cli
