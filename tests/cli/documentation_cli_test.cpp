// Man pages and shell completion: generated from the option tables, so every option that
// --help shows is on the page and completes, and the pages render without a roff warning.
#include "cli_runner.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

namespace polycert::testing {
namespace {

std::vector<std::string> command_names() {
  const auto help = polycert_cli({"--help"});
  std::vector<std::string> names;
  const std::regex line(R"(^  ([a-z]+) {2,})");
  std::istringstream in(help.out);
  for (std::string text; std::getline(in, text);)
    if (std::smatch m; std::regex_search(text, m, line)) names.push_back(m[1]);
  return names;
}

// Every --long option a command's --help lists.
std::set<std::string> help_options(const std::string& command) {
  const auto help = polycert_cli({command, "--help"});
  // Option rows of Boost's table: "  --out FILE" or "  -o [ --out ] FILE".
  std::set<std::string> options;
  const std::regex row(R"(^  (-[a-zA-Z] \[ )?--([a-z0-9-]+))");
  std::istringstream in(help.out);
  for (std::string text; std::getline(in, text);)
    if (std::smatch m; std::regex_search(text, m, row)) options.insert(m[2]);
  return options;
}

std::string write_file(const TempDir& dir, const std::string& name, const std::string& text) {
  const auto path = dir.path() / name;
  std::ofstream(path) << text;
  return path.string();
}

// Renders a page as `man -l` does; groff's warnings (-ww) go to standard error.
ProcessResult render(const std::string& page_path) {
  ProcessOptions options;
  options.set_env = {{"MANWIDTH", "100"}};
  return run_process({"man", "-l", page_path}, options);
}

TEST(ManPages, ListEveryCommand) {
  const auto names = command_names();
  ASSERT_GE(names.size(), 10u);
  const auto page = polycert_cli({"man"});
  ASSERT_EQ(page.exit_code, 0) << printed(page);
  for (const auto& name : names) EXPECT_NE(page.out.find("polycert\\-" + name), std::string::npos) << name;
}

TEST(ManPages, EachCommandPageRendersWithEveryOptionOfItsHelp) {
  TempDir dir;
  for (const auto& name : command_names()) {
    SCOPED_TRACE(name);
    const auto page = polycert_cli({"man", name});
    ASSERT_EQ(page.exit_code, 0) << printed(page);
    const std::string path = write_file(dir, "polycert-" + name + ".1", page.out);

    const auto warnings = run_process({"groff", "-man", "-Tutf8", "-ww", "-z", path});
    EXPECT_EQ(warnings.exit_code, 0);
    EXPECT_EQ(warnings.err, "") << "roff warnings";

    const auto rendered = render(path);
    ASSERT_EQ(rendered.exit_code, 0) << printed(rendered);
    EXPECT_NE(rendered.out.find("polycert-" + name + " - "), std::string::npos) << rendered.out;
    for (const auto& option : help_options(name))
      EXPECT_NE(rendered.out.find("--" + option), std::string::npos) << "--" << option;
    EXPECT_NE(rendered.out.find("EXIT STATUS"), std::string::npos);
  }
}

TEST(ManPages, OutDirWritesEveryPageAndKeepsExistingOnesUnlessForced) {
  TempDir dir;
  const auto out = (dir.path() / "man1").string();
  std::filesystem::create_directory(out);
  const auto written = polycert_cli({"man", "--out-dir", out});
  ASSERT_EQ(written.exit_code, 0) << printed(written);
  EXPECT_TRUE(std::filesystem::exists(out + "/polycert.1"));
  for (const auto& name : command_names())
    EXPECT_TRUE(std::filesystem::exists(out + "/polycert-" + name + ".1")) << name;

  const auto again = polycert_cli({"man", "--out-dir", out});
  EXPECT_EQ(again.exit_code, 1) << printed(again);
  EXPECT_NE(again.err.find("polycert.1: file exists"), std::string::npos) << again.err;
  EXPECT_EQ(polycert_cli({"man", "--out-dir", out, "--force"}).exit_code, 0);
}

TEST(ManPages, UnknownCommandIsAUsageError) {
  const auto result = polycert_cli({"man", "frobnicate"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("unknown command 'frobnicate'"), std::string::npos) << result.err;
  EXPECT_EQ(result.out, "");
}

// What bash would offer at the end of `line`, from the generated script.
std::vector<std::string> bash_complete(const std::string& script_path, const std::string& line) {
  const auto result = run_process(
      {"bash", "-c",
       "source \"$0\"; COMP_LINE=\"$1\"; COMP_POINT=${#1}; _polycert; printf '%s\\n' \"${COMPREPLY[@]}\"",
       script_path, line});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::vector<std::string> words;
  std::istringstream in(result.out);
  for (std::string word; std::getline(in, word);)
    if (!word.empty()) words.push_back(word);
  return words;
}

using Words = std::vector<std::string>;

class BashCompletion : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto script = polycert_cli({"completion", "bash"});
    ASSERT_EQ(script.exit_code, 0) << printed(script);
    path_ = write_file(dir_, "polycert.bash", script.out);
    ASSERT_EQ(run_process({"bash", "-n", path_}).exit_code, 0);
  }
  Words complete(const std::string& line) { return bash_complete(path_, line); }

  TempDir dir_;
  std::string path_;
};

TEST_F(BashCompletion, CompletesCommands) {
  EXPECT_EQ(complete("polycert gen"), Words{"genkey"});
  EXPECT_EQ(complete("polycert --backend botan re"), Words{"req"});
  EXPECT_EQ(complete("polycert help conv"), Words{"convert"});
  const auto all = complete("polycert ");
  for (const auto& name : command_names())
    EXPECT_NE(std::find(all.begin(), all.end(), name), all.end()) << name;
}

TEST_F(BashCompletion, CompletesEveryOptionOfACommand) {
  for (const auto& name : command_names()) {
    const auto offered = complete("polycert " + name + " --");
    for (const auto& option : help_options(name))
      EXPECT_NE(std::find(offered.begin(), offered.end(), "--" + option), offered.end())
          << name << " --" << option;
  }
  EXPECT_EQ(complete("polycert genkey --fo"), (Words{"--format", "--force"}));
}

TEST_F(BashCompletion, CompletesTheValuesAnOptionTakes) {
  EXPECT_EQ(complete("polycert genkey ec --format "), (Words{"pem", "der"}));
  EXPECT_EQ(complete("polycert convert in.p7b --to p"), (Words{"pem", "p7b", "p12"}));
  EXPECT_EQ(complete("polycert genkey --passout f"), (Words{"file:", "fd:"}));
  const auto backends = complete("polycert --backend ");
  EXPECT_NE(std::find(backends.begin(), backends.end(), "openssl"), backends.end());
}

TEST_F(BashCompletion, CompletesKeySpecsAcrossTheColon) {
  // bash replaces only the text after the last ':', so that is what is offered.
  EXPECT_EQ(complete("polycert genkey ec:P-"), (Words{"P-256", "P-384", "P-521"}));
  const auto specs = complete("polycert genkey ");
  EXPECT_NE(std::find(specs.begin(), specs.end(), "ed25519"), specs.end());
}

TEST_F(BashCompletion, OffersFilesForFileArguments) {
  write_file(dir_, "server.crt", "x");
  const auto result = run_process(
      {"bash", "-c", "cd \"$1\" && source \"$0\"; COMP_LINE='polycert inspect ser'; COMP_POINT=${#COMP_LINE}; _polycert; printf '%s\\n' \"${COMPREPLY[@]}\"",
       path_, dir_.path().string()});
  EXPECT_EQ(result.out, "server.crt\n") << result.err;
}

TEST(ZshCompletion, IsValidZshNamingEveryCommandAndOption) {
  TempDir dir;
  const auto script = polycert_cli({"completion", "zsh"});
  ASSERT_EQ(script.exit_code, 0) << printed(script);
  EXPECT_TRUE(script.out.starts_with("#compdef polycert\n"));
  const auto path = write_file(dir, "_polycert", script.out);
  const auto syntax = run_process({"zsh", "-n", path});
  EXPECT_EQ(syntax.exit_code, 0) << syntax.err;
  // Loading it defines the function without running a completion.
  const auto loaded = run_process({"zsh", "-f", "-c", "autoload -U compinit && compinit -u -D; source \"$1\" 2>/dev/null; whence -w _polycert", "zsh", path});
  EXPECT_NE(loaded.out.find("_polycert: function"), std::string::npos) << printed(loaded);
  for (const auto& name : command_names()) {
    EXPECT_NE(script.out.find("'" + name + ":"), std::string::npos) << name;
    for (const auto& option : help_options(name))
      EXPECT_NE(script.out.find("--" + option), std::string::npos) << name << " --" << option;
  }
}

TEST(Completion, UnknownShellIsAUsageError) {
  const auto result = polycert_cli({"completion", "fish"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("shells: bash, zsh"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace polycert::testing
