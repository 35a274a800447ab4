// --json on the commands that read or report: one document on standard output, the same
// shape on every backend, printed for refusals too, with the exit status unchanged
// (docs/json.md).
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

namespace polycert::testing {
namespace {

using nlohmann::json;

std::string chains(const std::string& name) { return fixture_path("chains/" + name); }
const std::string kAt = "2030-06-01";  // inside every chain fixture's validity

json document(const ProcessResult& result) {
  try {
    return json::parse(result.out);
  } catch (const json::exception& e) {
    ADD_FAILURE() << "not one JSON document: " << e.what() << "\n" << printed(result);
    return {};
  }
}

class JsonCli : public ::testing::TestWithParam<std::string> {
 protected:
  ProcessResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--backend", GetParam()});
    return polycert_cli(std::move(args));
  }
};

TEST_P(JsonCli, ChainListsTheOrderedChainAndWritesPemOnlyToOut) {
  TempDir dir;
  const auto out = dir.file("chain.pem");
  const auto result = run({"chain", "--json", "--at", kAt, chains("bundle-shuffled.pem"), "-o", out});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const json doc = document(result);
  EXPECT_EQ(doc["backend"], GetParam());
  EXPECT_EQ(doc["ok"], true);
  EXPECT_TRUE(doc["error"].is_null());
  EXPECT_EQ(doc["checked_at"], "2030-06-01T00:00:00Z");
  ASSERT_EQ(doc["chain"].size(), 4u);
  EXPECT_EQ(doc["chain"][0]["role"], "leaf");
  EXPECT_EQ(doc["chain"][0]["subject"], "/O=Fixture Chains/CN=leaf.chains.example");
  EXPECT_EQ(doc["chain"][1]["role"], "intermediate");
  EXPECT_EQ(doc["chain"][3]["role"], "root");
  EXPECT_EQ(doc["has_root"], true);
  EXPECT_EQ(doc["root_written"], false);
  EXPECT_TRUE(std::filesystem::exists(out));
}

TEST_P(JsonCli, ChainWithJsonAndNoOutPrintsOnlyTheDocument) {
  const auto result = run({"chain", "--json", "--at", kAt, chains("bundle-shuffled.pem")});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(result.out.find("-----BEGIN"), std::string::npos);
  EXPECT_EQ(document(result)["chain"].size(), 4u);
}

TEST_P(JsonCli, RefusedChainIsStillADocumentWithTheErrorAndItsExitStatus) {
  TempDir dir;
  const auto out = dir.file("chain.pem");
  const auto result = run({"chain", "--json", "--at", kAt, chains("leaf.pem"), chains("intermediate1.pem"),
                           "-o", out});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  const json doc = document(result);
  EXPECT_EQ(doc["ok"], false);
  EXPECT_EQ(doc["error"]["code"], "invalid_input");
  bool missing_issuer = false;
  for (const auto& finding : doc["findings"])
    missing_issuer |= finding["kind"] == "missing_issuer" && finding["problem"] == true;
  EXPECT_TRUE(missing_issuer) << doc.dump(2);
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_P(JsonCli, ExpiredLeafIsAMismatchWithItsDepth) {
  const auto result = run({"chain", "--json", "--at", kAt, chains("leaf-expired.pem"),
                           chains("intermediate1.pem"), chains("intermediate2.pem"), chains("root.pem")});
  EXPECT_EQ(result.exit_code, 6) << printed(result);
  const json doc = document(result);
  EXPECT_EQ(doc["error"]["code"], "mismatch");
  bool expired_leaf = false;
  for (const auto& finding : doc["findings"])
    expired_leaf |= finding["kind"] == "expired" && finding["depth"] == 0;
  EXPECT_TRUE(expired_leaf) << doc.dump(2);
}

TEST_P(JsonCli, MatchPairSaysWhetherTheKeyBelongs) {
  TempDir dir;
  const auto key = dir.file("a.key"), other = dir.file("b.key"), cert = dir.file("a.crt");
  ASSERT_EQ(run({"genkey", "ec:P-256", "-o", key}).exit_code, 0);
  ASSERT_EQ(run({"genkey", "ec:P-256", "-o", other}).exit_code, 0);
  ASSERT_EQ(run({"selfsign", "--key", key, "--subject", "/CN=a.example", "-o", cert}).exit_code, 0);

  const auto yes = run({"match", cert, key, "--json"});
  EXPECT_EQ(yes.exit_code, 0) << printed(yes);
  EXPECT_EQ(document(yes)["matches"], true);
  EXPECT_EQ(document(yes)["holder"]["subject"], "/CN=a.example");

  const auto no = run({"match", cert, other, "--json"});
  EXPECT_EQ(no.exit_code, 6) << printed(no);
  EXPECT_EQ(document(no)["matches"], false);
  EXPECT_EQ(document(no)["key"], other);
}

TEST_P(JsonCli, MatchDirPairsKeysAndNamesWhatIsLeftAndSkipped) {
  TempDir dir;
  ASSERT_EQ(run({"genkey", "ec:P-256", "-o", dir.file("a.key")}).exit_code, 0);
  ASSERT_EQ(run({"genkey", "ec:P-256", "-o", dir.file("lonely.key")}).exit_code, 0);
  ASSERT_EQ(run({"selfsign", "--key", dir.file("a.key"), "--subject", "/CN=a", "-o", dir.file("a.crt")}).exit_code, 0);
  ASSERT_EQ(run({"genkey", "ec:P-256", "-o", dir.file("gone.key")}).exit_code, 0);
  ASSERT_EQ(run({"selfsign", "--key", dir.file("gone.key"), "--subject", "/CN=orphan", "-o", dir.file("orphan.crt")}).exit_code, 0);
  std::filesystem::remove(dir.file("gone.key"));
  dir.write("junk.crt", as_bytes("not a certificate\n"));

  const auto result = run({"match", "--dir", dir.path().string(), "--json"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const json doc = document(result);
  ASSERT_EQ(doc["keys"].size(), 2u) << doc.dump(2);
  EXPECT_EQ(doc["keys"][0]["file"], dir.file("a.key"));
  ASSERT_EQ(doc["keys"][0]["matches"].size(), 1u);
  EXPECT_EQ(doc["keys"][0]["matches"][0]["subject"], "/CN=a");
  EXPECT_EQ(doc["keys"][1]["file"], dir.file("lonely.key"));
  EXPECT_TRUE(doc["keys"][1]["matches"].empty());
  ASSERT_EQ(doc["without_key"].size(), 1u);
  EXPECT_EQ(doc["without_key"][0]["subject"], "/CN=orphan");
  ASSERT_EQ(doc["skipped"].size(), 1u);
  EXPECT_EQ(doc["skipped"][0]["file"], dir.file("junk.crt"));
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, JsonCli, ::testing::ValuesIn(backend_names()),
                         [](const auto& test) { return test.param; });

}  // namespace
}  // namespace polycert::testing
