// Backend selection, global options and `polycert backends`.
#include "backend_cases.hpp"
#include "cli_runner.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

namespace polycert::testing {
namespace {

std::string default_backend_shown(const ProcessResult& result) {
  return nlohmann::json::parse(result.out)["default"].get<std::string>();
}

TEST(BackendSelection, DefaultsToTheFirstCompiledInBackend) {
  const auto result = polycert_cli({"backends", "--json"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(default_backend_shown(result), backend_names().front());
}

TEST(BackendSelection, EnvironmentChoosesAndTheOptionWins) {
  for (const auto& name : backend_names()) {
    ProcessOptions env;
    env.set_env["POLYCERT_BACKEND"] = name;
    EXPECT_EQ(default_backend_shown(polycert_cli({"backends", "--json"}, env)), name);
    const std::string other = backend_names().back();
    EXPECT_EQ(default_backend_shown(polycert_cli({"--backend", other, "backends", "--json"}, env)),
              other);
    EXPECT_EQ(default_backend_shown(polycert_cli({"backends", "--json", "--backend", other}, env)),
              other)
        << "--backend is also accepted after the command";
  }
}

TEST(BackendSelection, UnknownNamesListTheAvailableBackends) {
  ProcessOptions env;
  env.set_env["POLYCERT_BACKEND"] = "wolfssl";
  for (const auto& result : {polycert_cli({"--backend", "nss", "genkey", "ec"}),
                             polycert_cli({"genkey", "ec"}, env)}) {
    EXPECT_EQ(result.exit_code, 2) << printed(result);
    for (const auto& name : backend_names()) EXPECT_NE(result.err.find(name), std::string::npos);
    EXPECT_EQ(result.out, "");
  }
}

TEST(BackendsCommand, ShowsEveryBackendWithItsVersionAndMatrix) {
  const auto result = polycert_cli({"backends"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  for (const auto& name : backend_names()) {
    auto provider = make_backend(name);
    ASSERT_TRUE(provider);
    EXPECT_NE(result.out.find(provider->library_version()), std::string::npos) << result.out;
    for (const auto& row : provider->capabilities().rows()) {
      if (row.supported) continue;
      EXPECT_NE(result.out.find(name + ": " + row.note), std::string::npos)
          << "the table must explain every gap: " << row.note;
    }
  }
  EXPECT_NE(result.out.find("generate key"), std::string::npos);
}

TEST(BackendsCommand, JsonMatchesTheRegistry) {
  const auto result = polycert_cli({"backends", "--json"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const auto doc = nlohmann::json::parse(result.out);
  ASSERT_EQ(doc["backends"].size(), backend_names().size());
  for (const auto& entry : doc["backends"]) {
    auto provider = make_backend(entry["name"].get<std::string>());
    ASSERT_TRUE(provider);
    EXPECT_EQ(entry["library_version"], provider->library_version());
    ASSERT_EQ(entry["capabilities"].size(), provider->capabilities().rows().size());
    for (const auto& row : entry["capabilities"]) {
      bool found = false;
      for (const auto& expected : provider->capabilities().rows())
        if (to_string(expected.operation) == row["operation"] && expected.subject == row["subject"]) {
          found = true;
          EXPECT_EQ(row["supported"].get<bool>(), expected.supported);
        }
      EXPECT_TRUE(found) << row.dump();
    }
  }
}

TEST(GlobalOptions, VersionNamesEveryBackendLibrary) {
  const auto result = polycert_cli({"--version"});
  ASSERT_EQ(result.exit_code, 0);
  EXPECT_TRUE(result.out.starts_with("polycert "));
  for (const auto& name : backend_names()) EXPECT_NE(result.out.find(name + ": "), std::string::npos);
}

TEST(GlobalOptions, NoCommandShowsUsageAndExitsTwo) {
  const auto result = polycert_cli({});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.out.find("genkey"), std::string::npos);
}

TEST(GlobalOptions, UnknownCommandsAndOptionsExitTwo) {
  EXPECT_EQ(polycert_cli({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(polycert_cli({"--verbose", "genkey", "ec"}).exit_code, 2);
  EXPECT_EQ(polycert_cli({"--backend"}).exit_code, 2);
  EXPECT_EQ(polycert_cli({"backends", "--json", "extra"}).exit_code, 2);
}

TEST(GlobalOptions, HelpWorksForTheToolAndEachCommand) {
  EXPECT_EQ(polycert_cli({"--help"}).exit_code, 0);
  const auto help = polycert_cli({"help", "genkey"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Usage: polycert genkey"), std::string::npos);
  EXPECT_EQ(polycert_cli({"backends", "-h"}).exit_code, 0);
}

}  // namespace
}  // namespace polycert::testing
