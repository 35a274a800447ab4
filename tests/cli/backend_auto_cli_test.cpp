// `--backend auto` end to end: the fastest backend that supports the operation, according
// to a stored `polycert bench` result (hand-written here in the shape `bench --json`
// writes, with this build's backends and versions, so the test decides who is "fastest"),
// and every way it falls back to the default backend: no file, no figure, another build's
// file. A malformed file is an error naming it. One test makes the file with a real
// `polycert bench --save`. The chosen backend shows in the "[name (auto)]" tag.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

namespace polycert::testing {
namespace {

using Json = nlohmann::json;

std::string text_of(const std::string& path) {
  const Bytes bytes = read_bytes(path);
  return std::string(bytes.begin(), bytes.end());
}

bool has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

class BackendAutoCli : public ::testing::Test {
 protected:
  /// A bench document as `polycert bench --json` writes it, for this build: every
  /// compiled-in backend with its real library version.
  static Json bench_document() {
    Json doc;
    doc["format"] = "polycert-bench";
    doc["version"] = 1;
    doc["date"] = "2026-11-27T10:06:19Z";
    doc["machine"] = {{"cpu_model", "test"}, {"cores", 2}};
    doc["settings"] = {{"threads", 1},       {"clock", "cpu"}, {"samples", 3},
                       {"seconds", nullptr}, {"warmup", 0},    {"min_sample_time_ns", 1000000.0},
                       {"assertions", true}};
    doc["backends"] = Json::array();
    for (const auto& name : backend_names())
      doc["backends"].push_back(
          {{"name", name}, {"library_version", make_backend(name)->library_version()}});
    doc["compiled_backends"] = doc["backends"];
    doc["results"] = Json::array();
    return doc;
  }

  /// One measured result (op "keygen:ec:P-256", kind and key spec split from it).
  static Json result(const std::string& op, const std::string& backend, double median_ns) {
    const std::size_t colon = op.find(':', op.starts_with("parse:") ? 6 : 0);
    return {{"op", op},
            {"kind", op.substr(0, colon)},
            {"key_spec", op.substr(colon + 1)},
            {"backend", backend},
            {"status", "ok"},
            {"samples", 3},
            {"batch", 1},
            {"min_ns", median_ns * 0.9},
            {"median_ns", median_ns},
            {"mean_ns", median_ns},
            {"max_ns", median_ns * 1.1},
            {"ratio_to_fastest", nullptr},
            {"sample_values_ns", {median_ns * 0.9, median_ns, median_ns * 1.1}}};
  }

  /// A document whose results give `medians` (backend -> ns) for `op`, backends not
  /// named there left out.
  static Json figures(const std::string& op, const std::map<std::string, double>& medians) {
    Json doc = bench_document();
    for (const auto& name : backend_names())
      if (medians.contains(name)) doc["results"].push_back(result(op, name, medians.at(name)));
    return doc;
  }

  std::string store(const Json& doc, const std::string& name = "bench.json") {
    const std::string text = doc.dump(2);
    return dir_.write(name, as_bytes(text));
  }

  ProcessOptions reading(const std::string& path) const {
    ProcessOptions options;
    options.set_env["POLYCERT_BENCH_RESULT"] = path;
    return options;
  }

  ProcessResult genkey_auto(const std::string& spec, const ProcessOptions& options,
                            std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"genkey", spec, "--backend", "auto", "-o", key_, "--force"};
    args.insert(args.end(), extra.begin(), extra.end());
    return polycert_cli(args, options);
  }

  static std::string tag(const std::string& backend) { return "[" + backend + " (auto)]"; }

  TempDir dir_;
  const std::string key_ = dir_.file("key.pem");
};

TEST_F(BackendAutoCli, TheFastestBackendInTheStoredResultMakesTheKey) {
  const auto names = backend_names();
  if (names.size() < 2) GTEST_SKIP() << "only one backend is compiled in: nothing to choose";
  // Each backend in turn is made the fastest; the choice follows the figures.
  for (const auto& fastest : names) {
    std::map<std::string, double> medians;
    double slower = 50'000;
    for (const auto& name : names) medians[name] = name == fastest ? 10'000 : (slower += 10'000);
    const auto path = store(figures("keygen:ec:P-256", medians));
    const auto run = genkey_auto("ec:P-256", reading(path));
    ASSERT_EQ(run.exit_code, 0) << printed(run);
    EXPECT_NE(run.err.find("Wrote ec:P-256 private key"), std::string::npos) << printed(run);
    EXPECT_NE(run.err.find(tag(fastest)), std::string::npos) << printed(run);
    EXPECT_EQ(run.err.find("bench"), std::string::npos) << "no note when a figure exists\n"
                                                        << printed(run);
    EXPECT_NE(text_of(key_).find("-----BEGIN PRIVATE KEY-----"), std::string::npos);
  }
}

TEST_F(BackendAutoCli, EnvironmentAndConfigFileAskForAutoToo) {
  const auto names = backend_names();
  const std::string fastest = names.back();  // not the default when there are two or more
  std::map<std::string, double> medians;
  for (const auto& name : names) medians[name] = name == fastest ? 1'000 : 90'000;
  const auto path = store(figures("keygen:ec:P-256", medians));

  ProcessOptions environment = reading(path);
  environment.set_env["POLYCERT_BACKEND"] = "auto";
  const auto from_environment =
      polycert_cli({"genkey", "ec:P-256", "-o", key_, "--force"}, environment);
  ASSERT_EQ(from_environment.exit_code, 0) << printed(from_environment);
  EXPECT_NE(from_environment.err.find(tag(fastest)), std::string::npos)
      << printed(from_environment);

  const std::string config =
      dir_.write("config", as_bytes(std::string("[default]\nbackend = auto\n")));
  const auto from_config = polycert_cli(
      {"--config", config, "genkey", "ec:P-256", "-o", key_, "--force"}, reading(path));
  ASSERT_EQ(from_config.exit_code, 0) << printed(from_config);
  EXPECT_NE(from_config.err.find(tag(fastest)), std::string::npos) << printed(from_config);
}

TEST_F(BackendAutoCli, ABackendThatCannotDoTheOperationIsPassedOver) {
  const auto names = backend_names();
  if (!has(names, "mbedtls"))
    GTEST_SKIP() << "the Mbed TLS backend (no Ed25519) is not compiled in";
  if (names.size() < 2) GTEST_SKIP() << "no other backend to fall to";
  // The file claims Mbed TLS made Ed25519 keys fastest; its capability matrix says it
  // cannot, so the next fastest backend that can is chosen.
  std::map<std::string, double> medians = {{"mbedtls", 1'000}};
  std::string expected;
  double median = 40'000;
  for (const auto& name : names)
    if (name != "mbedtls") {
      medians[name] = median -= 10'000;  // later backends faster: not simply the default
      expected = name;
    }
  const auto path = store(figures("keygen:ed25519", medians));
  const auto run = genkey_auto("ed25519", reading(path));
  ASSERT_EQ(run.exit_code, 0) << printed(run);
  EXPECT_NE(run.err.find(tag(expected)), std::string::npos) << printed(run);
  EXPECT_EQ(run.err.find("mbedtls"), std::string::npos) << printed(run);
}

TEST_F(BackendAutoCli, NoStoredResultUsesTheDefaultWithOneNote) {
  const std::string missing = dir_.file("never-written.json");
  const auto run = genkey_auto("ec:P-256", reading(missing));
  ASSERT_EQ(run.exit_code, 0) << printed(run);
  const std::string default_backend = backend_names().front();
  const std::string note = "polycert genkey: --backend auto: no stored bench result (" + missing +
                           " does not exist); using " + default_backend +
                           " (run 'polycert bench --ops keygen:ec:P-256 --save')\n";
  EXPECT_EQ(run.err.substr(0, note.size()), note) << printed(run);
  EXPECT_EQ(count_lines(run.err), 2u) << "the note and the Wrote line\n" << printed(run);
  EXPECT_NE(run.err.find(tag(default_backend)), std::string::npos) << printed(run);
  EXPECT_TRUE(std::filesystem::exists(key_));

  const auto quiet = genkey_auto("ec:P-256", reading(missing), {"--quiet"});
  ASSERT_EQ(quiet.exit_code, 0) << printed(quiet);
  EXPECT_EQ(quiet.err, "") << "--quiet silences the note";
}

TEST_F(BackendAutoCli, AnOperationWithoutAFigureUsesTheDefault) {
  std::map<std::string, double> medians;
  for (const auto& name : backend_names()) medians[name] = 20'000;
  const auto path = store(figures("keygen:ec:P-256", medians));
  const auto run = genkey_auto("ec:P-384", reading(path));
  ASSERT_EQ(run.exit_code, 0) << printed(run);
  EXPECT_NE(run.err.find("no bench result for keygen:ec:P-384 in " + path + "; using " +
                         backend_names().front() +
                         " (run 'polycert bench --ops keygen:ec:P-256,keygen:ec:P-384 --save')"),
            std::string::npos)
      << "the advice keeps the stored operation, which --save would otherwise drop\n"
      << printed(run);
}

TEST_F(BackendAutoCli, AMalformedStoredResultIsAnErrorNamingTheFile) {
  struct Case {
    std::string contents;
    std::string says;
  };
  Json no_median = figures("keygen:ec:P-256", {{backend_names().front(), 20'000}});
  no_median["results"][0].erase("median_ns");
  Json not_bench = bench_document();
  not_bench["format"] = "something-else";
  Json stranger = figures("keygen:ec:P-256", {{backend_names().front(), 20'000}});
  stranger["results"][0]["backend"] = "wolfssl";
  const Case cases[] = {
      {"{\"format\": \"polycert-bench\", ", "not JSON"},
      {no_median.dump(), "median_ns"},
      {not_bench.dump(), "'format'"},
      {stranger.dump(), "wolfssl"},
  };
  for (const auto& c : cases) {
    const std::string path = dir_.write("broken.json", as_bytes(c.contents));
    std::filesystem::remove(key_);
    const auto run = genkey_auto("ec:P-256", reading(path));
    EXPECT_EQ(run.exit_code, 2) << printed(run);
    EXPECT_NE(run.err.find(path), std::string::npos) << printed(run);
    EXPECT_NE(run.err.find(c.says), std::string::npos) << printed(run);
    EXPECT_FALSE(std::filesystem::exists(key_)) << "nothing is made";
    const auto listing = polycert_cli({"backends"}, reading(path));
    EXPECT_EQ(listing.exit_code, 2) << printed(listing);
    EXPECT_NE(listing.err.find(path), std::string::npos) << printed(listing);
  }
}

TEST_F(BackendAutoCli, AnotherBuildsResultIsIgnoredWithANote) {
  const auto names = backend_names();
  const std::string fastest = names.back();
  std::map<std::string, double> medians;
  for (const auto& name : names) medians[name] = name == fastest ? 1'000 : 90'000;

  Json other_version = figures("keygen:ec:P-256", medians);
  other_version["backends"].back()["library_version"] = "Some Library 0.0.1";
  other_version["compiled_backends"] = other_version["backends"];
  Json other_backends = figures("keygen:ec:P-256", medians);
  other_backends["compiled_backends"].push_back({{"name", "wolfssl"}, {"library_version", "5.0"}});

  for (const auto& [doc, says] : {std::pair{other_version, std::string("Some Library 0.0.1")},
                                  std::pair{other_backends, std::string("wolfssl")}}) {
    const auto path = store(doc);
    const auto run = genkey_auto("ec:P-256", reading(path));
    ASSERT_EQ(run.exit_code, 0) << printed(run);
    EXPECT_NE(run.err.find(says), std::string::npos) << printed(run);
    EXPECT_NE(run.err.find("using " + names.front()), std::string::npos) << printed(run);
    EXPECT_NE(run.err.find(tag(names.front())), std::string::npos) << printed(run);
    EXPECT_EQ(count_lines(run.err), 2u) << printed(run);
  }
}

TEST_F(BackendAutoCli, ReqSignsWithTheFastestBackendForItsKey) {
  const auto names = backend_names();
  const std::string fastest = names.back();
  std::map<std::string, double> medians;
  for (const auto& name : names) medians[name] = name == fastest ? 100'000 : 900'000;
  const auto path = store(figures("csr:ec:P-256", medians));
  const auto run =
      polycert_cli({"req", "--backend", "auto", "--new-key", "ec:P-256", "--key-out",
                    dir_.file("k.pem"), "--subject", "/CN=auto.example", "-o", dir_.file("r.csr")},
                   reading(path));
  ASSERT_EQ(run.exit_code, 0) << printed(run);
  EXPECT_NE(run.err.find("to " + dir_.file("r.csr") + " " + tag(fastest)), std::string::npos)
      << printed(run);

  // A request from an existing key: the key's own type picks the figures.
  const auto from_key = polycert_cli({"req", "--backend", "auto", "--key", dir_.file("k.pem"),
                                      "--subject", "/CN=auto.example", "-o", dir_.file("r2.csr")},
                                     reading(path));
  ASSERT_EQ(from_key.exit_code, 0) << printed(from_key);
  EXPECT_NE(from_key.err.find(tag(fastest)), std::string::npos) << printed(from_key);
  EXPECT_EQ(from_key.err.find("bench"), std::string::npos) << printed(from_key);
}

TEST_F(BackendAutoCli, InspectLooksUpWhatTheFileHolds) {
  const auto names = backend_names();
  const std::string fastest = names.back();
  Json doc = bench_document();
  for (const auto& name : names) {
    // Certificates: the last backend is fastest; keys: the first one.
    doc["results"].push_back(result("parse:cert:ec:P-256", name, name == fastest ? 1'000 : 9'000));
    doc["results"].push_back(
        result("parse:key:ec:P-256", name, name == names.front() ? 1'000 : 9'000));
  }
  const auto path = store(doc);
  const std::string key = dir_.file("k.pem"), certificate = dir_.file("c.pem");
  ASSERT_EQ(polycert_cli({"genkey", "ec:P-256", "-o", key}).exit_code, 0);
  const auto made =
      polycert_cli({"selfsign", "--key", key, "--subject", "/CN=auto.example", "-o", certificate});
  ASSERT_EQ(made.exit_code, 0) << printed(made);

  const auto of_certificate =
      polycert_cli({"inspect", "--backend", "auto", certificate}, reading(path));
  ASSERT_EQ(of_certificate.exit_code, 0) << printed(of_certificate);
  EXPECT_NE(of_certificate.out.find(tag(fastest)), std::string::npos) << printed(of_certificate);
  const auto of_key = polycert_cli({"inspect", "--backend", "auto", key}, reading(path));
  ASSERT_EQ(of_key.exit_code, 0) << printed(of_key);
  EXPECT_NE(of_key.out.find(tag(names.front())), std::string::npos) << printed(of_key);
  EXPECT_EQ(of_key.err, "") << "a figure exists: no note";
}

TEST_F(BackendAutoCli, AFileThatIsAPipeIsNotReadAheadOfTheCommand) {
  const auto path = store(figures("parse:cert:ec:P-256", {{backend_names().back(), 1'000}}));
  const std::string key = dir_.file("k.pem"), certificate = dir_.file("c.pem");
  ASSERT_EQ(polycert_cli({"genkey", "ec:P-256", "-o", key}).exit_code, 0);
  ASSERT_EQ(
      polycert_cli({"selfsign", "--key", key, "--subject", "/CN=pipe.example", "-o", certificate})
          .exit_code,
      0);
  std::ifstream file(certificate);
  ProcessOptions options = reading(path);
  options.input.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  // /dev/stdin is the pipe run_process writes: read ahead to choose the backend, the
  // command itself would find it empty.
  const auto run = polycert_cli({"inspect", "--backend", "auto", "/dev/stdin"}, options);
  ASSERT_EQ(run.exit_code, 0) << printed(run);
  EXPECT_NE(run.out.find("pipe.example"), std::string::npos) << printed(run);
}

TEST_F(BackendAutoCli, ErrorsCarryTheChosenBackend) {
  const auto path = store(figures("keygen:ec:P-256", {{backend_names().back(), 10'000}}));
  const auto run = polycert_cli(
      {"genkey", "ec:P-256", "--backend", "auto", "-o", dir_.file("no/such/folder/key.pem")},
      reading(path));
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find("polycert genkey " + tag(backend_names().back()) + ": "),
            std::string::npos)
      << printed(run);
}

TEST_F(BackendAutoCli, BackendsListsTheChoices) {
  const auto names = backend_names();
  std::map<std::string, double> medians;
  double median = 1'000;
  for (const auto& name : names) medians[name] = median *= 2;  // the default is fastest
  const auto path = store(figures("keygen:ec:P-256", medians));

  const auto text = polycert_cli({"backends"}, reading(path));
  ASSERT_EQ(text.exit_code, 0) << printed(text);
  EXPECT_NE(text.out.find("--backend auto (from " + path + ", run 2026-11-27T10:06:19Z):"),
            std::string::npos)
      << text.out;
  std::string line = "  keygen:ec:P-256 -> " + names.front() + " (median 2.00 µs";
  for (std::size_t i = 1; i < names.size(); ++i)
    line += (i == 1 ? "; " : ", ") + names[i] + (i == 1 ? " 2.0x" : " 4.0x");
  EXPECT_NE(text.out.find(line + ")\n"), std::string::npos) << text.out;

  const auto json = polycert_cli({"backends", "--json"}, reading(path));
  ASSERT_EQ(json.exit_code, 0) << printed(json);
  const Json doc = Json::parse(json.out);
  EXPECT_EQ(doc["auto"]["status"], "ok");
  EXPECT_EQ(doc["auto"]["file"], path);
  ASSERT_EQ(doc["auto"]["choices"].size(), 1u) << doc["auto"].dump(2);
  EXPECT_EQ(doc["auto"]["choices"][0]["op"], "keygen:ec:P-256");
  EXPECT_EQ(doc["auto"]["choices"][0]["backend"], names.front());
  EXPECT_EQ(doc["auto"]["choices"][0]["figures"].size(), names.size());

  const std::string missing = dir_.file("none.json");
  const auto none = polycert_cli({"backends"}, reading(missing));
  ASSERT_EQ(none.exit_code, 0) << printed(none);
  EXPECT_NE(none.out.find("--backend auto: no stored bench result (" + missing +
                          " does not exist); make one with 'polycert bench --save'"),
            std::string::npos)
      << none.out;
  const auto none_json = polycert_cli({"backends", "--json"}, reading(missing));
  EXPECT_EQ(Json::parse(none_json.out)["auto"]["status"], "missing");
}

TEST_F(BackendAutoCli, ComparingCommandsRefuseAuto) {
  for (const auto& args : {std::vector<std::string>{"bench", "--backend", "auto"},
                           std::vector<std::string>{"bench", "--backends", "auto"},
                           std::vector<std::string>{"conformance", "--backend", "auto"}}) {
    const auto run = polycert_cli(args);
    EXPECT_EQ(run.exit_code, 2) << printed(run);
    EXPECT_NE(run.err.find("compares backends"), std::string::npos) << printed(run);
  }
}

TEST_F(BackendAutoCli, ARealBenchSaveIsWhatAutoReads) {
  // --save writes to $XDG_CACHE_HOME/polycert/bench.json (the folder made as needed).
  ProcessOptions cache;
  cache.set_env["XDG_CACHE_HOME"] = dir_.file("cache");
  cache.unset_env.push_back("POLYCERT_BENCH_RESULT");
  const auto bench = polycert_cli(
      {"bench", "--ops", "keygen:ec:P-256", "--samples", "3", "--warmup", "0", "--save"}, cache);
  ASSERT_EQ(bench.exit_code, 0) << printed(bench);
  const std::string saved = dir_.file("cache") + "/polycert/bench.json";
  ASSERT_TRUE(std::filesystem::exists(saved)) << printed(bench);
  EXPECT_EQ(file_mode(saved), 0644u);
  EXPECT_NE(bench.err.find("saved the results to " + saved), std::string::npos) << printed(bench);

  // The fastest measured backend that can make P-256 keys, by the saved figures.
  const Json doc = Json::parse(text_of(saved));
  EXPECT_EQ(doc["compiled_backends"].size(), backend_names().size());
  std::string fastest;
  double best = 0;
  for (const auto& row : doc["results"])
    if (row["status"] == "ok" && (fastest.empty() || row["median_ns"].get<double>() < best)) {
      fastest = row["backend"].get<std::string>();
      best = row["median_ns"].get<double>();
    }
  ASSERT_FALSE(fastest.empty()) << doc.dump(2);

  const auto run = genkey_auto("ec:P-256", cache);
  ASSERT_EQ(run.exit_code, 0) << printed(run);
  EXPECT_NE(run.err.find(tag(fastest)), std::string::npos) << printed(run);
  EXPECT_EQ(run.err.find("bench"), std::string::npos) << printed(run);

  // POLYCERT_BENCH_RESULT names the file instead, for reading as for saving.
  const auto named = genkey_auto("ec:P-256", reading(saved));
  ASSERT_EQ(named.exit_code, 0) << printed(named);
  EXPECT_NE(named.err.find(tag(fastest)), std::string::npos) << printed(named);
}

}  // namespace
}  // namespace polycert::testing
