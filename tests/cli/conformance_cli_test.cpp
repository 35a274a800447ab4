// polycert conformance: the case table over the chosen backends, a matrix on the terminal,
// JSON and HTML reports, a user's corpus, and exit 6 when a case fails.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace polycert::testing {
namespace {

using nlohmann::json;

std::string contents(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The quick subset every test runs: key round trips of one spec, to keep the suite fast.
const std::string kQuick = "keys/*/ec:P-256/*";

TEST(ConformanceCli, PrintsTheMatrixAndExitsZeroWhenNothingFails) {
  auto result = polycert_cli({"conformance", "--filter", kQuick});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_NE(result.out.find("Totals:"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("0 FAIL"), std::string::npos) << result.out;
  for (const std::string& backend : backend_names())
    EXPECT_NE(result.out.find(backend), std::string::npos) << backend;
  EXPECT_EQ(result.out.find("\x1b["), std::string::npos) << "colour on a pipe";
}

TEST(ConformanceCli, WritesOneJsonDocumentWithEveryCaseAndTheLibraryVersions) {
  TempDir dir;
  auto result = polycert_cli({"conformance", "--filter", kQuick, "--json", dir.file("r.json")});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const json doc = json::parse(contents(dir.file("r.json")));
  EXPECT_EQ(doc["format"], "polycert-conformance");
  EXPECT_EQ(doc["backends"].size(), backend_names().size());
  EXPECT_FALSE(doc["backends"][0]["library_version"].get<std::string>().empty());
  ASSERT_FALSE(doc["cases"].empty());
  for (const json& c : doc["cases"]) {
    EXPECT_TRUE(c["id"].get<std::string>().starts_with("keys/")) << c["id"];
    EXPECT_NE(c["outcome"], "FAIL") << c.dump();
  }
  EXPECT_EQ(doc["totals"]["all"], doc["cases"].size());
}

TEST(ConformanceCli, JsonToStandardOutputReplacesTheMatrix) {
  auto result = polycert_cli({"conformance", "--filter", "primitives/*", "--json", "-"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const json doc = json::parse(result.out);
  EXPECT_EQ(doc["cases"].size(), 14 * backend_names().size());
}

TEST(ConformanceCli, WritesASelfContainedHtmlPage) {
  TempDir dir;
  auto result = polycert_cli({"conformance", "--filter", kQuick, "--html", dir.file("r.html")});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const std::string page = contents(dir.file("r.html"));
  EXPECT_TRUE(page.starts_with("<!DOCTYPE html>")) << page.substr(0, 80);
  EXPECT_NE(page.find("</html>"), std::string::npos);
  EXPECT_EQ(page.find("src=\"http"), std::string::npos);
  EXPECT_EQ(page.find("href=\"http"), std::string::npos);
}

TEST(ConformanceCli, BackendsRestrictsTheRunToThoseNamed) {
  const std::string only = backend_names().front();
  auto result =
      polycert_cli({"conformance", "--backends", only, "--filter", kQuick, "--json", "-"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const json doc = json::parse(result.out);
  ASSERT_EQ(doc["backends"].size(), 1u);
  for (const json& c : doc["cases"])
    for (const json& backend : c["backends"]) EXPECT_EQ(backend, only) << c["id"];
}

TEST(ConformanceCli, ListsCaseIdsWithoutRunningThem) {
  auto result = polycert_cli({"conformance", "--list", "--filter", "pkcs12/*"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const std::size_t pairs = backend_names().size() * backend_names().size();
  EXPECT_EQ(static_cast<std::size_t>(std::count(result.out.begin(), result.out.end(), '\n')),
            2 * pairs)
      << result.out;
  EXPECT_EQ(result.out.find("Totals"), std::string::npos);
}

TEST(ConformanceCli, MistakesAreUsageErrorsBeforeAnyCaseRuns) {
  TempDir dir;
  EXPECT_EQ(polycert_cli({"conformance", "--filter", "nothing/*"}).exit_code, 2);
  EXPECT_EQ(polycert_cli({"conformance", "--backends", "nosuch"}).exit_code, 2);
  auto no_manifest = polycert_cli({"conformance", "--corpus", dir.path().string()});
  EXPECT_EQ(no_manifest.exit_code, 2) << printed(no_manifest);
  EXPECT_NE(no_manifest.err.find("manifest.tsv"), std::string::npos) << no_manifest.err;
  dir.write("exists.json", as_bytes("{}"));
  auto exists = polycert_cli({"conformance", "--filter", kQuick, "--json", dir.file("exists.json")});
  EXPECT_NE(exists.exit_code, 0);
  EXPECT_EQ(contents(dir.file("exists.json")), "{}");
}

TEST(ConformanceCli, TheCommittedFixturesRunAsACorpus) {
  auto result = polycert_cli({"conformance", "--corpus", fixture_path(""), "--filter",
                              "corpus/*", "--json", "-"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const json doc = json::parse(result.out);
  EXPECT_GT(doc["cases"].size(), 100u);
  EXPECT_EQ(doc["totals"]["fail"], 0);
}

TEST(ConformanceCli, ACorpusFileThatDoesNotReadAsTheManifestSaysFailsWithExitSix) {
  TempDir dir;
  std::filesystem::copy_file(fixture_path("keys/ec-P-256.pkcs8.pem"), dir.file("key.pem"));
  dir.write("manifest.tsv", as_bytes("key.pem\tprivate-key\t-\tok\tkey=rsa:2048\n"));
  auto result = polycert_cli({"conformance", "--corpus", dir.path().string(), "--filter",
                              "corpus/*", "--json", "-"});
  EXPECT_EQ(result.exit_code, 6) << printed(result);
  const json doc = json::parse(result.out);
  ASSERT_FALSE(doc["cases"].empty());
  const json& first = doc["cases"][0];
  EXPECT_EQ(first["outcome"], "FAIL");
  ASSERT_FALSE(first["differences"].empty());
  EXPECT_EQ(first["differences"][0]["left"], "rsa:2048");
  EXPECT_EQ(first["differences"][0]["right"], "ec:P-256");
}

}  // namespace
}  // namespace polycert::testing
