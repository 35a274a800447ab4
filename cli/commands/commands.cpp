// The one list of commands. A new command: a file in this folder defining its class and
// a make_*_command() factory, and one line here.
#include "../command.hpp"

namespace polycert::cli {

std::unique_ptr<Command> make_backends_command();
std::unique_ptr<Command> make_genkey_command();
std::unique_ptr<Command> make_req_command();
std::unique_ptr<Command> make_selfsign_command();
std::unique_ptr<Command> make_sign_command();
std::unique_ptr<Command> make_inspect_command();
std::unique_ptr<Command> make_convert_command();
std::unique_ptr<Command> make_chain_command();
std::unique_ptr<Command> make_match_command();
std::unique_ptr<Command> make_verify_command();
std::unique_ptr<Command> make_crl_command();
std::unique_ptr<Command> make_tokens_command();
std::unique_ptr<Command> make_man_command();
std::unique_ptr<Command> make_completion_command();
std::unique_ptr<Command> make_bench_command();
std::unique_ptr<Command> make_conformance_command();

std::vector<std::unique_ptr<Command>> all_commands() {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(make_genkey_command());
  commands.push_back(make_req_command());
  commands.push_back(make_selfsign_command());
  commands.push_back(make_sign_command());
  commands.push_back(make_inspect_command());
  commands.push_back(make_convert_command());
  commands.push_back(make_chain_command());
  commands.push_back(make_match_command());
  commands.push_back(make_verify_command());
  commands.push_back(make_crl_command());
  commands.push_back(make_tokens_command());
  commands.push_back(make_backends_command());
  commands.push_back(make_bench_command());
  commands.push_back(make_conformance_command());
  commands.push_back(make_man_command());
  commands.push_back(make_completion_command());
  return commands;
}

}  // namespace polycert::cli
