// `polycert bench` end to end, on every compiled-in backend with tiny sample counts: the
// JSON has every field and one row per (operation, backend), what a backend cannot do is
// a SKIP row, the HTML is one well-formed page with charts and no outside references, and
// a usage error writes nothing. (How fast anything is is measured, not tested.)
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

namespace polycert::testing {
namespace {

// Every kind of operation, with keys quick to make so the test stays fast.
constexpr const char* kOps =
    "keygen:ec:P-256,keygen:ed25519,csr:ec:P-256,csr-verify:ed25519,parse:cert,parse:key:ec:P-256,"
    "parse:pkcs12:ec:P-256,parse:pkcs7,pem";
const std::vector<std::string> kOpNames = {
    "keygen:ec:P-256",       "keygen:ed25519",       "csr:ec:P-256",
    "csr-verify:ed25519",    "parse:cert:ec:P-256",  "parse:key:ec:P-256",
    "parse:pkcs12:ec:P-256", "parse:pkcs7:ec:P-256", "pem"};

nlohmann::json read_json(const std::string& path) {
  const Bytes bytes = read_bytes(path);
  return nlohmann::json::parse(std::string(bytes.begin(), bytes.end()));
}

// Whether every element opened is closed, in order; "<x ... />" closes itself.
std::string tag_balance_problem(const std::string& html) {
  std::vector<std::string> open;
  std::size_t pos = 0;
  while ((pos = html.find('<', pos)) != std::string::npos) {
    const std::size_t end = html.find('>', pos);
    if (end == std::string::npos) return "unterminated tag at " + std::to_string(pos);
    const std::string tag = html.substr(pos + 1, end - pos - 1);
    pos = end + 1;
    if (tag.starts_with("!")) continue;  // <!DOCTYPE html>
    if (tag.ends_with("/")) continue;
    const bool closing = tag.starts_with("/");
    const std::string name =
        tag.substr(closing ? 1 : 0, tag.find_first_of(" \n/", closing ? 1 : 0) - (closing ? 1 : 0));
    if (!closing) {
      open.push_back(name);
      continue;
    }
    if (open.empty() || open.back() != name)
      return "</" + name + "> closes " +
             (open.empty() ? std::string("nothing") : "<" + open.back() + ">");
    open.pop_back();
  }
  if (!open.empty()) return "<" + open.back() + "> is never closed";
  return "";
}

class BenchCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    run_ = new ProcessResult(
        polycert_cli({"bench", "--ops", kOps, "--samples", "3", "--warmup", "0", "--json",
                      dir_->file("bench.json"), "--html", dir_->file("bench.html")}));
  }
  static void TearDownTestSuite() {
    delete run_;
    delete dir_;
  }
  static TempDir* dir_;
  static ProcessResult* run_;
};
TempDir* BenchCli::dir_ = nullptr;
ProcessResult* BenchCli::run_ = nullptr;

TEST_F(BenchCli, JsonHasOneRowPerOperationAndBackendWithEveryField) {
  ASSERT_EQ(run_->exit_code, 0) << printed(*run_);
  const auto doc = read_json(dir_->file("bench.json"));
  const auto backends = backend_names();
  ASSERT_EQ(doc["backends"].size(), backends.size());
  for (std::size_t i = 0; i < backends.size(); ++i) {
    EXPECT_EQ(doc["backends"][i]["name"], backends[i]);
    EXPECT_EQ(doc["backends"][i]["library_version"], make_backend(backends[i])->library_version());
  }
  EXPECT_EQ(doc["format"], "polycert-bench");
  EXPECT_TRUE(doc["date"].is_string());
  EXPECT_TRUE(doc["machine"]["cpu_model"].is_string());
  EXPECT_GE(doc["machine"]["cores"].get<int>(), 1);
  EXPECT_EQ(doc["settings"]["threads"], 1);
  EXPECT_EQ(doc["settings"]["samples"], 3);

  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& row : doc["results"]) {
    seen.emplace(row["op"], row["backend"]);
    if (row["status"] == "skip") {
      EXPECT_FALSE(row["reason"].get<std::string>().empty()) << row.dump();
      continue;
    }
    ASSERT_EQ(row["status"], "ok") << row.dump();
    EXPECT_EQ(row["samples"], 3) << row.dump();
    EXPECT_EQ(row["sample_values_ns"].size(), 3u);
    for (const char* field :
         {"min_ns", "p10_ns", "p25_ns", "median_ns", "mean_ns", "p75_ns", "p90_ns", "p99_ns",
          "max_ns", "stddev_ns", "ops_per_second", "ratio_to_fastest"})
      EXPECT_TRUE(row[field].is_number()) << field << " in " << row.dump();
    EXPECT_GT(row["min_ns"].get<double>(), 0);
    EXPECT_LE(row["min_ns"].get<double>(), row["median_ns"].get<double>());
    EXPECT_LE(row["median_ns"].get<double>(), row["max_ns"].get<double>());
    EXPECT_LE(row["median_ci_ns"]["low"].get<double>(), row["median_ns"].get<double>());
    EXPECT_GE(row["median_ci_ns"]["high"].get<double>(), row["median_ns"].get<double>());
    EXPECT_GE(row["ratio_to_fastest"].get<double>(), 1.0);
    EXPECT_GE(row["batch"].get<int>(), 1);
  }
  EXPECT_EQ(seen.size(), kOpNames.size() * backends.size());
  EXPECT_EQ(doc["results"].size(), seen.size());
  for (const auto& op : kOpNames)
    for (const auto& backend : backends)
      EXPECT_TRUE(seen.contains({op, backend})) << op << " on " << backend;
}

TEST_F(BenchCli, WhatABackendCannotDoIsASkipRowQuotingTheMatrix) {
  ASSERT_EQ(run_->exit_code, 0) << printed(*run_);
  const auto doc = read_json(dir_->file("bench.json"));
  for (const auto& row : doc["results"]) {
    auto provider = make_backend(row["backend"]);
    const bool can = provider->capabilities().supports(Operation::generate_key, KeySpec::ed25519());
    if (row["op"] != "keygen:ed25519") continue;
    if (can) {
      EXPECT_EQ(row["status"], "ok") << row.dump();
    } else {
      EXPECT_EQ(row["status"], "skip") << row.dump();
      EXPECT_EQ(row["reason"],
                "generate_key ed25519: " +
                    provider->capabilities().find(Operation::generate_key, "ed25519")->note);
      EXPECT_NE(run_->out.find("SKIP: generate_key ed25519"), std::string::npos) << run_->out;
    }
  }
}

TEST_F(BenchCli, TableNamesEveryOperationAndBackendWithoutColourOffATerminal) {
  ASSERT_EQ(run_->exit_code, 0) << printed(*run_);
  for (const auto& op : kOpNames) EXPECT_NE(run_->out.find(op), std::string::npos) << op;
  for (const auto& backend : backend_names()) EXPECT_NE(run_->out.find(backend), std::string::npos);
  EXPECT_NE(run_->out.find("median 95% CI"), std::string::npos);
  EXPECT_EQ(run_->out.find('\x1b'), std::string::npos) << "standard output is a pipe";
}

TEST_F(BenchCli, HtmlIsOneWellFormedSelfContainedPage) {
  ASSERT_EQ(run_->exit_code, 0) << printed(*run_);
  const Bytes bytes = read_bytes(dir_->file("bench.html"));
  const std::string html(bytes.begin(), bytes.end());
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>")) << html.substr(0, 40);
  EXPECT_EQ(tag_balance_problem(html), "");
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos)
      << "no external references, not even a namespace URL";
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  for (const auto& op : kOpNames)
    EXPECT_NE(html.find("<h2>" + op + "</h2>"), std::string::npos) << op;
}

TEST(BenchCliUsage, BadOpsExitTwoAndWriteNothing) {
  TempDir dir;
  for (const char* ops : {"keygen:ec:P-999", "frobnicate", "keygen", "pem,pem"}) {
    const auto result = polycert_cli({"bench", "--ops", ops, "--samples", "1", "--json",
                                      dir.file("b.json"), "--html", dir.file("b.html")});
    EXPECT_EQ(result.exit_code, 2) << ops << ": " << printed(result);
    EXPECT_NE(result.err.find("--ops"), std::string::npos) << result.err;
    EXPECT_EQ(result.out, "");
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(BenchCliUsage, BadSettingsExitTwoAndWriteNothing) {
  TempDir dir;
  const std::vector<std::vector<std::string>> cases = {{"--backends", "nosuchlib"},
                                                       {"--backends", "openssl,openssl"},
                                                       {"--samples", "0"},
                                                       {"--seconds", "-1"},
                                                       {"--threads", "0"},
                                                       {"--clock", "sundial"},
                                                       {"--json", "-", "--html", "-"}};
  for (auto args : cases) {
    args.insert(args.begin(), {"bench", "--ops", "pem"});
    if (std::find(args.begin(), args.end(), "--json") == args.end()) {
      args.push_back("--json");
      args.push_back(dir.file("b.json"));
    }
    const auto result = polycert_cli(args);
    EXPECT_EQ(result.exit_code, 2) << args[3] << " " << args[4] << ": " << printed(result);
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(BenchCliOutput, AnExistingOutputFileIsRefusedBeforeMeasuring) {
  TempDir dir;
  const std::string json = dir.write("b.json", as_bytes("keep me"));
  const auto result = polycert_cli({"bench", "--ops", "pem", "--samples", "1", "--json", json});
  EXPECT_EQ(result.exit_code, 1) << printed(result);
  EXPECT_NE(result.err.find("use --force"), std::string::npos) << result.err;
  EXPECT_EQ(result.out, "") << "nothing measured";
  const Bytes kept = read_bytes(json);
  EXPECT_EQ(std::string(kept.begin(), kept.end()), "keep me");
}

TEST(BenchCliOutput, JsonToStandardOutputReplacesTheTableAndThreadsAddUp) {
  const auto backends = backend_names();
  const auto result =
      polycert_cli({"bench", "--ops", "keygen:ec:P-256", "--backends", backends.front(),
                    "--samples", "4", "--threads", "2", "--warmup", "0", "--json", "-"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const auto doc = nlohmann::json::parse(result.out);
  EXPECT_EQ(doc["settings"]["threads"], 2);
  ASSERT_EQ(doc["results"].size(), 1u);
  EXPECT_EQ(doc["results"][0]["backend"], backends.front());
  EXPECT_EQ(doc["results"][0]["samples"], 4) << "two rounds on two threads";
  EXPECT_GT(doc["results"][0]["ops_per_second"].get<double>(), 0);
  EXPECT_LE(doc["results"][0]["ops_per_second_ci"]["low"].get<double>(),
            doc["results"][0]["ops_per_second"].get<double>());
}

TEST(BenchCliOutput, TheEnvironmentsBackendDoesNotNarrowTheComparison) {
  const auto backends = backend_names();
  ProcessOptions options;
  options.set_env["POLYCERT_BACKEND"] = backends.back();
  const auto all =
      polycert_cli({"bench", "--ops", "pem", "--samples", "1", "--json", "-"}, options);
  ASSERT_EQ(all.exit_code, 0) << printed(all);
  EXPECT_EQ(nlohmann::json::parse(all.out)["backends"].size(), backends.size());

  const auto one = polycert_cli(
      {"bench", "--backend", backends.front(), "--ops", "pem", "--samples", "1", "--json", "-"});
  ASSERT_EQ(one.exit_code, 0) << printed(one);
  const auto doc = nlohmann::json::parse(one.out);
  ASSERT_EQ(doc["backends"].size(), 1u) << "--backend after the command is --backends NAME";
  EXPECT_EQ(doc["backends"][0]["name"], backends.front());
}

}  // namespace
}  // namespace polycert::testing
