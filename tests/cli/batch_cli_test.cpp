// Batch generation end to end (`genkey --count`, `req --count`) on every backend: the files
// a batch leaves, their names and modes, keys that parse and match their requests, {n}
// in the subject and SANs, shards that together make exactly 1..count, refusal to touch
// existing files, what Ctrl-C leaves behind, and the shape of the progress output.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "openssl_oracle.hpp"
#include "temp_dir.hpp"

#include <polycert/pem.hpp>

#include <gtest/gtest.h>

#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

namespace polycert::testing {
namespace {

namespace fs = std::filesystem;

/// Every name in a folder, hidden ones included.
std::set<std::string> names_in(const fs::path& folder) {
  std::set<std::string> names;
  if (!fs::exists(folder)) return names;
  for (const auto& entry : fs::directory_iterator(folder))
    names.insert(entry.path().filename().string());
  return names;
}

std::set<std::string> key_names(int first, int last, int width, const std::string& suffix) {
  std::set<std::string> names;
  for (int n = first; n <= last; ++n) {
    std::string number = std::to_string(n);
    number.insert(0, static_cast<std::size_t>(width) - number.size(), '0');
    names.insert("key-" + number + suffix);
  }
  return names;
}

/// The one PEM block of a file, which must carry `label`.
Bytes pem_block(const std::string& path, std::string_view label) {
  auto blocks = pem_decode(read_bytes(path));
  if (!blocks || blocks->size() != 1 || (*blocks)[0].label != label)
    throw std::runtime_error(path + ": not one " + std::string(label) + " block");
  return Bytes((*blocks)[0].der.begin(), (*blocks)[0].der.end());
}

/// The SubjectPublicKeyInfo `openssl req -pubkey` finds in a request file.
std::string request_public_key(const std::string& csr) {
  return run_process({"openssl", "req", "-in", csr, "-noout", "-pubkey"}).out;
}
std::string key_public_key(const std::string& key) {
  return run_process({"openssl", "pkey", "-in", key, "-pubout"}).out;
}

class BatchEveryBackend : public ::testing::TestWithParam<std::string> {};

TEST_P(BatchEveryBackend, GenkeyCountWritesThatManyDistinctKeysWithMode0600) {
  TempDir dir;
  const fs::path out = dir.path() / "keys";
  const auto result = polycert_cli({"--backend", GetParam(), "genkey", "ec:P-256", "--count", "5",
                                    "--out-dir", out.string(), "--threads", "2"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  ASSERT_EQ(names_in(out), key_names(1, 5, 1, ".pem")) << "nothing else, no temporary file";
  std::set<Bytes> public_keys;
  for (const auto& name : names_in(out)) {
    const std::string path = (out / name).string();
    EXPECT_EQ(file_mode(path), 0600u) << name;
    const OracleKeyVerdict verdict = openssl_check_private_key(pem_block(path, "PRIVATE KEY"));
    ASSERT_TRUE(verdict.accepted) << name << ": " << verdict.diagnostics;
    EXPECT_EQ(verdict.spec, KeySpec::ec(Curve::p256)) << name;
    public_keys.insert(verdict.spki);
  }
  EXPECT_EQ(public_keys.size(), 5u) << "every item is a fresh key";
}

TEST_P(BatchEveryBackend, ReqCountWritesKeysAndMatchingRequestsWithTheItemNumberFilledIn) {
  TempDir dir;
  const fs::path out = dir.path() / "devices";
  const auto result =
      polycert_cli({"--backend", GetParam(), "req", "--new-key", "ec:P-256", "--count", "3",
                    "--out-dir", out.string(), "--subject", "/O=Acme/CN=device-{n}.acme.com",
                    "--san", "DNS:device-{n}.acme.com,DNS:spare.acme.com"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  std::set<std::string> expected = key_names(1, 3, 1, ".pem");
  expected.merge(key_names(1, 3, 1, ".csr"));
  ASSERT_EQ(names_in(out), expected);
  for (int n = 1; n <= 3; ++n) {
    const std::string key = (out / ("key-" + std::to_string(n) + ".pem")).string();
    const std::string csr = (out / ("key-" + std::to_string(n) + ".csr")).string();
    EXPECT_EQ(file_mode(key), 0600u);
    EXPECT_EQ(file_mode(csr) & 0600u, 0600u);
    const OracleVerdict request = openssl_verify_csr(pem_block(csr, "CERTIFICATE REQUEST"));
    ASSERT_TRUE(request.accepted) << request.output;
    const std::string device = "device-" + std::to_string(n) + ".acme.com";
    EXPECT_NE(request.output.find("CN = " + device), std::string::npos) << request.output;
    EXPECT_NE(request.output.find("DNS:" + device + ", DNS:spare.acme.com"), std::string::npos)
        << request.output;
    const std::string from_csr = request_public_key(csr);
    EXPECT_FALSE(from_csr.empty());
    EXPECT_EQ(from_csr, key_public_key(key)) << "item " << n << ": the request is for its own key";
  }
}

TEST_P(BatchEveryBackend, AKeySpecTheBackendCannotMakeFailsWithoutWritingAnything) {
  auto provider = make_backend(GetParam());
  ASSERT_TRUE(provider);
  TempDir dir;
  const fs::path out = dir.path() / "keys";
  const auto result = polycert_cli(
      {"--backend", GetParam(), "genkey", "ed25519", "--count", "3", "--out-dir", out.string()});
  if (provider->capabilities().supports(Operation::generate_key, KeySpec::ed25519())) {
    ASSERT_EQ(result.exit_code, 0) << printed(result);
    EXPECT_EQ(names_in(out), key_names(1, 3, 1, ".pem"));
  } else {
    EXPECT_EQ(result.exit_code, 5) << printed(result);
    EXPECT_EQ(names_in(out), std::set<std::string>{});
    EXPECT_NE(result.err.find("wrote 0 of 3"), std::string::npos) << result.err;
  }
}

// A key file is what OpenSSL's own encoder writes for that key (`openssl pkey` reads it and
// writes it again), byte for byte, in PKCS#8 and in the traditional form: the OpenSSL
// backend writes EC and Ed25519 keys from the key's numbers rather than through
// OSSL_ENCODER, and must not differ from it in a single byte.
TEST_P(BatchEveryBackend, KeyFilesAreTheBytesOpensslWritesForTheSameKey) {
  auto provider = make_backend(GetParam());
  ASSERT_TRUE(provider);
  TempDir dir;
  const std::vector<std::pair<KeySpec, int>> specs = {
      {KeySpec::ec(Curve::p256), 4}, {KeySpec::ec(Curve::p384), 3},
      {KeySpec::ec(Curve::p521), 3}, {KeySpec::ed25519(), 3},
      {KeySpec::rsa(2048), 1}};
  for (const auto& [spec, count] : specs) {
    if (!provider->capabilities().supports(Operation::generate_key, spec)) continue;
    for (const bool traditional : {false, true}) {
      if (traditional && spec.algorithm == KeyAlgorithm::ed25519) continue;
      const std::string what = to_string(spec) + (traditional ? " traditional" : " PKCS#8");
      const fs::path out = dir.path() / (to_string(spec) + (traditional ? "-traditional" : ""));
      std::vector<std::string> args = {"--backend", GetParam(), "genkey", to_string(spec),
                                       "--count", std::to_string(count), "--out-dir", out.string()};
      if (traditional) args.emplace_back("--traditional");
      const auto result = polycert_cli(args);
      ASSERT_EQ(result.exit_code, 0) << what << ": " << printed(result);
      ASSERT_EQ(names_in(out).size(), static_cast<std::size_t>(count)) << what;
      for (const auto& name : names_in(out)) {
        const std::string path = (out / name).string();
        std::vector<std::string> pkey = {"openssl", "pkey", "-in", path};
        if (traditional) pkey.emplace_back("-traditional");
        const ProcessResult rewritten = run_process(pkey);
        ASSERT_EQ(rewritten.exit_code, 0) << what << " " << name << ": " << rewritten.err;
        const Bytes written = read_bytes(path);
        EXPECT_EQ(std::string(written.begin(), written.end()), rewritten.out) << what << " " << name;
      }
    }
  }
}

TEST_P(BatchEveryBackend, EveryRequestCarriesItsOwnKeyForEveryCurveAndEd25519) {
  auto provider = make_backend(GetParam());
  ASSERT_TRUE(provider);
  TempDir dir;
  for (const KeySpec spec : {KeySpec::ec(Curve::p256), KeySpec::ec(Curve::p384),
                             KeySpec::ec(Curve::p521), KeySpec::ed25519()}) {
    if (!provider->capabilities().supports(Operation::create_csr, spec)) continue;
    const fs::path out = dir.path() / to_string(spec);
    const auto result =
        polycert_cli({"--backend", GetParam(), "req", "--new-key", to_string(spec), "--count", "2",
                      "--out-dir", out.string(), "--subject", "/CN=device-{n}"});
    ASSERT_EQ(result.exit_code, 0) << to_string(spec) << ": " << printed(result);
    for (const char* n : {"1", "2"}) {
      const std::string key = (out / ("key-" + std::string(n) + ".pem")).string();
      const std::string csr = (out / ("key-" + std::string(n) + ".csr")).string();
      const OracleVerdict request = openssl_verify_csr(pem_block(csr, "CERTIFICATE REQUEST"));
      EXPECT_TRUE(request.accepted) << to_string(spec) << ": " << request.output;
      const std::string from_csr = request_public_key(csr);
      EXPECT_FALSE(from_csr.empty()) << to_string(spec);
      EXPECT_EQ(from_csr, key_public_key(key)) << to_string(spec) << " item " << n;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, BatchEveryBackend, ::testing::ValuesIn(backend_names()),
                         [](const auto& param_info) { return param_info.param; });

// EC keys that OpenSSL writes in other shapes, read and written again by the OpenSSL
// backend: a compressed public point stays compressed, and a key read without its public
// point is written without it, as `openssl pkey` writes them.
TEST(BatchCli, OpensslBackendWritesReadKeysTheWayOpensslDoes) {
  const auto backends = backend_names();
  if (std::find(backends.begin(), backends.end(), "openssl") == backends.end())
    GTEST_SKIP() << "the OpenSSL backend is not compiled in";
  TempDir dir;
  const std::string plain = dir.file("plain.pem");
  ASSERT_EQ(run_process({"openssl", "genpkey", "-algorithm", "EC", "-pkeyopt",
                         "ec_paramgen_curve:P-384", "-out", plain})
                .exit_code,
            0);
  const std::vector<std::pair<std::string, std::vector<std::string>>> shapes = {
      {"compressed", {"-conv_form", "compressed"}},
      {"no-public", {"-no_public"}},
      {"compressed-no-public", {"-no_public", "-conv_form", "compressed"}}};
  for (const auto& [shape, options] : shapes) {
    const std::string in = dir.file(shape + ".pem");
    std::vector<std::string> ec = {"openssl", "ec", "-in", plain, "-out", in};
    ec.insert(ec.end(), options.begin(), options.end());
    ASSERT_EQ(run_process(ec).exit_code, 0) << shape;
    const std::string out = dir.file(shape + ".out.pem");
    const auto converted = polycert_cli(
        {"--backend", "openssl", "convert", in, "--to", "pem", "--key-only", "-o", out});
    ASSERT_EQ(converted.exit_code, 0) << shape << ": " << printed(converted);
    const ProcessResult expected = run_process({"openssl", "pkey", "-in", in});
    ASSERT_EQ(expected.exit_code, 0) << shape << ": " << expected.err;
    const Bytes written = read_bytes(out);
    EXPECT_EQ(std::string(written.begin(), written.end()), expected.out) << shape;
  }
}

TEST(BatchCli, NamesArePaddedToTheWidthOfTheCount) {
  TempDir dir;
  ASSERT_EQ(polycert_cli({"genkey", "ec", "--count", "10", "--out-dir", dir.file("ten")}).exit_code,
            0);
  EXPECT_EQ(names_in(dir.file("ten")), key_names(1, 10, 2, ".pem"));
  ASSERT_EQ(polycert_cli({"genkey", "ec", "--count", "9", "--out-dir", dir.file("nine")}).exit_code,
            0);
  EXPECT_EQ(names_in(dir.file("nine")), key_names(1, 9, 1, ".pem"));
}

TEST(BatchCli, DerFormatAndTraditionalApplyToEveryKey) {
  TempDir dir;
  const auto result = polycert_cli({"genkey", "ec:P-384", "--traditional", "--format", "der",
                                    "--count", "2", "--out-dir", dir.file("der")});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  ASSERT_EQ(names_in(dir.file("der")), key_names(1, 2, 1, ".der"));
  for (const char* name : {"key-1.der", "key-2.der"}) {
    const Bytes der = read_bytes(dir.file("der/") + name);
    ASSERT_FALSE(der.empty());
    EXPECT_EQ(der[0], 0x30);
    const OracleKeyVerdict verdict = openssl_check_private_key(der);
    EXPECT_TRUE(verdict.accepted) << verdict.diagnostics;
    EXPECT_EQ(verdict.spec, KeySpec::ec(Curve::p384));
  }
}

TEST(BatchCli, PassoutIsReadOnceAndEncryptsEveryKey) {
  TempDir dir;
  ProcessOptions input;
  input.input = "batch secret\n";  // stdin can be read only once: every key must use it
  const auto result = polycert_cli({"genkey", "ec", "--count", "3", "--out-dir", dir.file("enc"),
                                    "--passout", "stdin", "--iterations", "1000"},
                                   input);
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  for (const auto& name : key_names(1, 3, 1, ".pem")) {
    const std::string path = dir.file("enc/" + name);
    EXPECT_EQ(file_mode(path), 0600u);
    pem_block(path, "ENCRYPTED PRIVATE KEY");
    const auto opened =
        run_process({"openssl", "pkey", "-in", path, "-passin", "pass:batch secret", "-noout"});
    EXPECT_EQ(opened.exit_code, 0) << name << ": " << opened.err;
  }
}

TEST(BatchCli, ShardsNeverOverlapAndTogetherMakeExactlyOneToCount) {
  TempDir dir;
  std::set<std::string> all;
  std::size_t total = 0;
  for (const char* shard : {"1/3", "2/3", "3/3"}) {
    const std::string out = dir.file(std::string("shard-") + shard[0]);
    const auto result =
        polycert_cli({"genkey", "ec", "--count", "10", "--shard", shard, "--out-dir", out});
    ASSERT_EQ(result.exit_code, 0) << printed(result);
    const auto names = names_in(out);
    total += names.size();
    all.insert(names.begin(), names.end());
  }
  EXPECT_EQ(total, 10u) << "no item made twice";
  EXPECT_EQ(all, key_names(1, 10, 2, ".pem")) << "every item made, under the names one run gives";
  EXPECT_EQ(names_in(dir.file("shard-2")),
            (std::set<std::string>{"key-02.pem", "key-05.pem", "key-08.pem"}));

  // Shards may share a folder: each refuses only its own existing files.
  for (const char* shard : {"1/2", "2/2"})
    ASSERT_EQ(polycert_cli({"genkey", "ec", "--count", "5", "--shard", shard, "--out-dir",
                            dir.file("shared")})
                  .exit_code,
              0);
  EXPECT_EQ(names_in(dir.file("shared")), key_names(1, 5, 1, ".pem"));

  // More shards than items: an empty share is not an error.
  const auto empty = polycert_cli(
      {"genkey", "ec", "--count", "2", "--shard", "3/4", "--out-dir", dir.file("none")});
  EXPECT_EQ(empty.exit_code, 0) << printed(empty);
  EXPECT_EQ(names_in(dir.file("none")), std::set<std::string>{});
}

TEST(BatchCli, AnExistingFileStopsTheBatchBeforeAnythingIsWrittenUnlessForce) {
  TempDir dir;
  const fs::path out = dir.path() / "keys";
  fs::create_directories(out);
  const std::string kept = (out / "key-3.pem").string();
  dir.write("keys/key-3.pem", as_bytes("not a key\n"));
  const auto refused = polycert_cli({"genkey", "ec", "--count", "5", "--out-dir", out.string()});
  EXPECT_EQ(refused.exit_code, 1) << printed(refused);
  EXPECT_NE(refused.err.find("key-3.pem: file exists"), std::string::npos) << refused.err;
  EXPECT_EQ(names_in(out), std::set<std::string>{"key-3.pem"}) << "nothing written";
  EXPECT_EQ(read_bytes(kept),
            Bytes(as_bytes("not a key\n").begin(), as_bytes("not a key\n").end()));

  const auto forced =
      polycert_cli({"genkey", "ec", "--count", "5", "--out-dir", out.string(), "--force"});
  ASSERT_EQ(forced.exit_code, 0) << printed(forced);
  EXPECT_EQ(names_in(out), key_names(1, 5, 1, ".pem"));
  EXPECT_EQ(file_mode(kept), 0600u);
  EXPECT_TRUE(openssl_check_private_key(pem_block(kept, "PRIVATE KEY")).accepted);

  // req checks both files of every pair.
  fs::create_directories(dir.path() / "pairs");
  dir.write("pairs/key-2.csr", as_bytes("old request\n"));
  const auto pairs = polycert_cli({"req", "--new-key", "ec", "--count", "2", "--subject",
                                   "/CN=x{n}", "--out-dir", dir.file("pairs")});
  EXPECT_EQ(pairs.exit_code, 1) << printed(pairs);
  EXPECT_EQ(names_in(dir.file("pairs")), std::set<std::string>{"key-2.csr"});
}

TEST(BatchCli, WrongOrMissingBatchOptionsAreUsageErrors) {
  TempDir dir;
  const std::string out = dir.file("out");
  const std::vector<std::vector<std::string>> wrong = {
      {"genkey", "ec", "--out-dir", out},  // no --count
      {"genkey", "ec", "--threads", "2"},  // no --count
      {"genkey", "ec", "--count", "3"},    // no --out-dir
      {"genkey", "ec", "--count", "3", "--out-dir", out, "-o", dir.file("k.pem")},
      {"genkey", "ec", "--count", "0", "--out-dir", out},
      {"genkey", "ec", "--count", "-4", "--out-dir", out},
      {"genkey", "ec", "--count", "3x", "--out-dir", out},
      {"genkey", "ec", "--count", "3", "--out-dir", out, "--threads", "0"},
      {"genkey", "ec", "--count", "3", "--out-dir", out, "--shard", "4/3"},
      {"genkey", "ec", "--count", "3", "--out-dir", out, "--shard", "0/3"},
      {"genkey", "ec", "--count", "3", "--out-dir", out, "--shard", "2"},
      {"genkey", "ec", "--count", "3", "--out-dir", out, "--progress", "sometimes"},
      {"req", "--count", "3", "--out-dir", out, "--subject", "/CN=a"},  // no --new-key
      {"req", "--new-key", "ec", "--count", "3", "--out-dir", out},     // nothing to put in it
      {"req", "--new-key", "ec", "--count", "3", "--out-dir", out, "--subject", "/CN=a",
       "--key-out", dir.file("k.pem")},
  };
  for (const auto& args : wrong) {
    const auto result = polycert_cli(args);
    std::string joined;
    for (const auto& arg : args) joined += arg + " ";
    EXPECT_EQ(result.exit_code, 2) << joined << "\n" << printed(result);
  }
  EXPECT_FALSE(fs::exists(out));
}

TEST(BatchCli, ABadSubjectTemplateIsRefusedBeforeAnythingIsMade) {
  TempDir dir;
  // 64 characters is the longest CN: 62 + "1" fits, 62 + "100" does not.
  const std::string cn = "/CN=" + std::string(62, 'a') + "{n}";
  const auto result = polycert_cli(
      {"req", "--new-key", "ec", "--count", "100", "--subject", cn, "--out-dir", dir.file("out")});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  EXPECT_NE(result.err.find("--subject"), std::string::npos) << result.err;
  EXPECT_EQ(names_in(dir.file("out")), std::set<std::string>{});
}

// ---- Progress and summary ---------------------------------------------------------------

const std::regex kSummary(
    R"(Wrote 3 keys ec:P-256 to \S+ in [0-9.]+ s \([0-9.]+/s\) with 2 threads, openssl)");
const std::regex kProgressLine(
    R"(progress: [0-9]+/3 keys \([0-9]+%\), [0-9.]+/s, (ETA [0-9:-]+|in [0-9.]+ s))");

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> batch_of_three(const TempDir& dir, const std::string& progress,
                                        bool quiet = false) {
  std::vector<std::string> args = {
      "--backend", "openssl",   "genkey", "ec",        "--count",
      "3",         "--threads", "2",      "--out-dir", dir.file(progress + (quiet ? "-q" : ""))};
  if (!progress.empty()) args.insert(args.end(), {"--progress", progress});
  if (quiet) args.push_back("--quiet");
  const auto result = polycert_cli(args);
  EXPECT_EQ(result.exit_code, 0) << printed(result);
  return lines_of(result.err);
}

TEST(BatchCli, ProgressNeverAndAutoOnAPipePrintOnlyTheSummary) {
  TempDir dir;
  for (const std::string mode : {"never", "auto", ""}) {
    const auto lines = batch_of_three(dir, mode);
    ASSERT_EQ(lines.size(), 1u) << mode;
    EXPECT_TRUE(std::regex_match(lines[0], kSummary)) << lines[0];
  }
}

TEST(BatchCli, ProgressAlwaysOnAPipePrintsPlainLinesEndingAtTheTotal) {
  TempDir dir;
  const auto lines = batch_of_three(dir, "always");
  ASSERT_GE(lines.size(), 2u);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i)
    EXPECT_TRUE(std::regex_match(lines[i], kProgressLine)) << lines[i];
  EXPECT_TRUE(lines[lines.size() - 2].starts_with("progress: 3/3 keys (100%)"))
      << lines[lines.size() - 2];
  EXPECT_TRUE(std::regex_match(lines.back(), kSummary)) << lines.back();
  for (const auto& line : lines)
    EXPECT_EQ(line.find('\r'), std::string::npos) << "no bar on a pipe";
}

// stderr on a pseudo-terminal: the bar is redrawn in place (\r, erase to end of line) and
// its line ended once, before the summary.
TEST(BatchCli, ProgressAutoOnATerminalDrawsABarInPlace) {
  TempDir dir;
  int terminal = -1;
  const pid_t pid = ::forkpty(&terminal, nullptr, nullptr, nullptr);
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::unsetenv("POLYCERT_BACKEND");
    const std::string out = dir.file("tty");
    ::execl(POLYCERT_EXE, POLYCERT_EXE, "--backend", "openssl", "genkey", "ec", "--count", "3",
            "--threads", "2", "--out-dir", out.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::string seen;
  char buffer[4096];
  for (ssize_t n; (n = ::read(terminal, buffer, sizeof buffer)) > 0;)
    seen.append(buffer, static_cast<std::size_t>(n));
  ::close(terminal);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << seen;
  const std::regex bar(R"(\r\[#+ *\] 3/3 100% [0-9.]+/s in [0-9.]+ s\x1b\[K\r?\n)");
  EXPECT_TRUE(std::regex_search(seen, bar)) << seen;
  EXPECT_NE(seen.find("Wrote 3 keys ec:P-256"), std::string::npos) << seen;
  EXPECT_EQ(names_in(dir.file("tty")).size(), 3u);
}

TEST(BatchCli, QuietSilencesProgressAndSummary) {
  TempDir dir;
  EXPECT_EQ(batch_of_three(dir, "always", true), std::vector<std::string>{});
}

// ---- Signals -----------------------------------------------------------------------------

struct Interrupted {
  int exit_code = -1;
  std::string err;
};

// Starts a big batch, waits until at least `wanted` keys are on disk, sends `signal_number`.
Interrupted interrupt_batch(const fs::path& out, const std::string& err_file, int signal_number,
                            std::size_t wanted) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(err, STDERR_FILENO);
    ::unsetenv("POLYCERT_BACKEND");
    ::execl(POLYCERT_EXE, POLYCERT_EXE, "--backend", "openssl", "genkey", "ec:P-256", "--count",
            "300000", "--threads", "2", "--progress", "never", "--out-dir", out.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (names_in(out).size() < wanted && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ::kill(pid, signal_number);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  Interrupted result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  const Bytes err = read_bytes(err_file);
  result.err.assign(err.begin(), err.end());
  return result;
}

// Every file a stopped batch left: a whole key, and nothing else (no temporary file).
void expect_only_complete_keys(const fs::path& out, const std::string& summary) {
  const auto names = names_in(out);
  ASSERT_FALSE(names.empty());
  const std::regex key_name(R"(key-[0-9]{6}\.pem)");
  auto provider = make_backend("openssl");
  for (const auto& name : names) {
    ASSERT_TRUE(std::regex_match(name, key_name)) << "left behind: " << name;
    const Bytes der = pem_block((out / name).string(), "PRIVATE KEY");
    const auto key = provider->import_private_key(der);
    ASSERT_TRUE(key) << name << ": " << key.error().message;
  }
  EXPECT_TRUE(openssl_check_private_key(pem_block((out / *names.rbegin()).string(), "PRIVATE KEY"))
                  .accepted);
  EXPECT_NE(summary.find("wrote " + std::to_string(names.size()) + " of 300000 keys"),
            std::string::npos)
      << "the summary counts exactly the files left: " << summary;
}

TEST(BatchCli, SigintStopsTheBatchLeavingOnlyCompleteFilesAndExits130) {
  TempDir dir;
  const fs::path out = dir.path() / "keys";
  const Interrupted result = interrupt_batch(out, dir.file("err.txt"), SIGINT, 50);
  EXPECT_EQ(result.exit_code, 130) << result.err;
  EXPECT_NE(result.err.find("interrupted (SIGINT)"), std::string::npos) << result.err;
  expect_only_complete_keys(out, result.err);
  EXPECT_LT(names_in(out).size(), 300000u);
}

TEST(BatchCli, SigtermStopsTheBatchTheSameWayWithItsOwnStatus) {
  TempDir dir;
  const fs::path out = dir.path() / "keys";
  const Interrupted result = interrupt_batch(out, dir.file("err.txt"), SIGTERM, 20);
  EXPECT_EQ(result.exit_code, 128 + SIGTERM) << result.err;
  EXPECT_NE(result.err.find("interrupted (SIGTERM)"), std::string::npos) << result.err;
  expect_only_complete_keys(out, result.err);
}

}  // namespace
}  // namespace polycert::testing
