// polycert man [COMMAND] [--out-dir DIR [--force]]
//
// The manual pages, generated from the same option tables as --help: polycert(1) and one
// polycert-COMMAND(1) per command. The build writes them with --out-dir and installs them.
#include "../command.hpp"
#include "../documentation.hpp"

#include <cstdio>
#include <iostream>

#include <unistd.h>

namespace polycert::cli {

namespace {

class ManCommand final : public Command {
 public:
  std::string_view name() const override { return "man"; }
  std::string_view summary() const override { return "print or write the manual pages"; }
  std::string_view synopsis() const override { return "man [COMMAND] [--out-dir DIR [--force]]"; }
  std::string_view epilog() const override {
    return "Without COMMAND the page is polycert(1). On a terminal the page is shown through\n"
           "'man -l -' (when man is installed); into a pipe or a file it is roff, as\n"
           "'polycert man genkey > polycert-genkey.1' keeps it. --out-dir writes every page\n"
           "(polycert.1 and polycert-COMMAND.1) into DIR; existing pages are kept unless --force.\n";
  }

  void add_options(po::options_description& options) override {
    options.add_options()
        ("command", po::value<std::string>(&command_)->value_name("COMMAND"),
         "the command whose page to print (also the first argument)")
        ("out-dir", po::value<std::string>(&out_dir_)->value_name("DIR"),
         "write every page into DIR instead")
        ("force", po::bool_switch(&force_), "replace existing pages in DIR");
  }
  void add_positionals(po::positional_options_description& positionals) override {
    positionals.add("command", 1);
  }

  int run(Session& session, const po::variables_map&) override {
    const auto commands = all_commands();
    if (!out_dir_.empty()) {
      if (!command_.empty()) return session.usage_error("give COMMAND or --out-dir, not both");
      std::vector<std::pair<std::string, std::string>> pages{{"polycert.1", main_man_page(commands)}};
      for (const auto& command : commands)
        pages.emplace_back("polycert-" + std::string(command->name()) + ".1",
                           command_man_page(*command, full_options(*command), commands));
      for (const auto& [file, page] : pages)
        if (auto written = write_file_atomic(out_dir_ + "/" + file, as_bytes(page), FileMode::public_, force_);
            !written)
          return session.report(written.error());
      session.inform("wrote " + std::to_string(pages.size()) + " manual pages into " + out_dir_);
      return kExitOk;
    }
    std::string page;
    if (command_.empty()) {
      page = main_man_page(commands);
    } else {
      const Command* found = nullptr;
      for (const auto& command : commands)
        if (command->name() == command_) found = command.get();
      if (found == nullptr) return session.usage_error("unknown command '" + command_ + "'");
      for (const auto& command : commands)
        if (command.get() == found) page = command_man_page(*command, full_options(*command), commands);
    }
    if (isatty(STDOUT_FILENO) == 1 && show_with_man(page)) return kExitOk;
    std::cout << page;
    return std::cout.flush() ? kExitOk : exit_status(ErrorCode::io);
  }

 private:
  // A terminal reads the page rendered: roff through `man -l -` (a fixed command line; the
  // page goes to its standard input). False when man cannot be run, so the roff is printed.
  static bool show_with_man(const std::string& page) {
    std::FILE* man = popen("man -l - 2>/dev/null", "w");
    if (man == nullptr) return false;
    const bool written = std::fwrite(page.data(), 1, page.size(), man) == page.size();
    const int status = pclose(man);
    return written && status == 0;
  }

  std::string command_;
  std::string out_dir_;
  bool force_ = false;
};

}  // namespace

std::unique_ptr<Command> make_man_command() { return std::make_unique<ManCommand>(); }

}  // namespace polycert::cli
