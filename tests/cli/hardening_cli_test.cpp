// What the process and its output files promise beyond the bytes it writes (issue 17):
// -o and --out-dir never replace a device, FIFO or link, even with --force; folders it
// makes are 0700 whatever the umask; no core dump can hold a password unless --allow-core;
// match --dir names what it cannot read; chain's "which leaf" error stays one short line;
// a pass: password from the config file is not called visible in the process list.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace polycert::testing {
namespace {

namespace fs = std::filesystem;

const std::string kEncryptedKey = fixture_path("encrypted/ec-P-384.pbes2-aes256-sha256.der");
constexpr std::string_view kFixturePassword = "fixture-password";

bool is_fifo(const std::string& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0 && S_ISFIFO(info.st_mode);
}

class HardeningCli : public ::testing::TestWithParam<std::string> {
 protected:
  ProcessResult polycert(std::vector<std::string> args, ProcessOptions options = {}) {
    args.insert(args.begin(), {"--backend", GetParam()});
    return polycert_cli(std::move(args), std::move(options));
  }
  TempDir dir;
};

TEST_P(HardeningCli, ForceDoesNotReplaceAFifoOrADeviceWithAKeyFile) {
  const std::string fifo = dir.file("key.pem");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto result = polycert({"genkey", "ec", "-o", fifo, "--force"});
  EXPECT_EQ(result.exit_code, 1) << printed(result);
  EXPECT_NE(result.err.find("is a FIFO; polycert replaces only regular files"), std::string::npos)
      << result.err;
  EXPECT_TRUE(is_fifo(fifo)) << "the FIFO was replaced";

  // A character device like /dev/null (made here: the real one must never be at risk).
  const std::string device = dir.file("null");
  if (::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0)
    GTEST_SKIP() << "cannot make a device node here (no CAP_MKNOD); the FIFO case ran";
  result = polycert({"genkey", "ec", "-o", device, "--force"});
  EXPECT_EQ(result.exit_code, 1) << printed(result);
  EXPECT_NE(result.err.find("is a character device"), std::string::npos) << result.err;
  struct stat info {};
  ASSERT_EQ(::lstat(device.c_str(), &info), 0);
  EXPECT_TRUE(S_ISCHR(info.st_mode)) << "the device was replaced";
}

TEST_P(HardeningCli, ForceDoesNotReplaceASymbolicLinkNorWhatItPointsTo) {
  const Bytes kept = {'k', 'e', 'p', 't', '\n'};
  const std::string target = dir.write("target.pem", kept);
  const std::string link = dir.file("link.pem");
  ASSERT_EQ(::symlink(target.c_str(), link.c_str()), 0);
  const auto result = polycert({"genkey", "ec", "-o", link, "--force"});
  EXPECT_EQ(result.exit_code, 1) << printed(result);
  EXPECT_NE(result.err.find("is a symbolic link"), std::string::npos) << result.err;
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(read_bytes(target), kept);
}

TEST_P(HardeningCli, OutDirWithForceDoesNotReplaceAFifo) {
  const fs::path out = dir.path() / "keys";
  ASSERT_TRUE(fs::create_directory(out));
  const std::string fifo = (out / "key-1.pem").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto result =
      polycert({"genkey", "ec", "--count", "2", "--out-dir", out.string(), "--force"});
  EXPECT_NE(result.exit_code, 0) << printed(result);
  EXPECT_NE(result.err.find("is a FIFO"), std::string::npos) << result.err;
  EXPECT_TRUE(is_fifo(fifo)) << "the FIFO was replaced";
}

// Sets the umask for one scope: the child polycert inherits it.
class Umask {
 public:
  explicit Umask(mode_t mask) : saved_(::umask(mask)) {}
  ~Umask() { ::umask(saved_); }
  Umask(const Umask&) = delete;
  Umask& operator=(const Umask&) = delete;

 private:
  mode_t saved_;
};

TEST_P(HardeningCli, OutDirFoldersAre0700EvenUnderUmask000) {
  const fs::path top = dir.path() / "made";
  const fs::path out = top / "keys";
  ProcessResult result;
  {
    Umask open_umask(0);
    result = polycert({"genkey", "ec", "--count", "2", "--out-dir", out.string()});
  }
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(file_mode(top.string()), 0700u);
  EXPECT_EQ(file_mode(out.string()), 0700u);
  EXPECT_EQ(file_mode((out / "key-1.pem").string()), 0600u);
  {
    Umask strict_umask(0027);  // stricter than 0700 on nothing; 0700 still
    result = polycert({"genkey", "ec", "--count", "1", "--out-dir", (top / "more").string()});
  }
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(file_mode((top / "more").string()), 0700u);
}

TEST_P(HardeningCli, MatchDirNamesAFifoALinkToADeviceAndAFolderItDoesNotRead) {
  const fs::path folder = dir.path() / "certs";
  ASSERT_TRUE(fs::create_directory(folder));
  fs::copy_file(fixture_path("chains/leaf.pem"), folder / "leaf.pem");
  ASSERT_EQ(::mkfifo((folder / "fifo.pem").c_str(), 0600), 0);
  fs::create_symlink("/dev/zero", folder / "zero.der");
  fs::create_symlink(folder / "nowhere", folder / "dangling.crt");
  ASSERT_TRUE(fs::create_directory(folder / "folder.pem"));
  ASSERT_EQ(::mkfifo((folder / "notes").c_str(), 0600), 0);  // no certificate's name: ignored

  const auto result = polycert({"match", "--dir", folder.string()});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const std::string d = folder.string() + "/";
  for (const std::string& expected :
       {"skipped " + d + "fifo.pem: not a regular file (a FIFO)",
        "skipped " + d + "zero.der: not a regular file (a link to a character device)",
        "skipped " + d + "dangling.crt: not a regular file (a link to nothing)",
        "skipped " + d + "folder.pem: not a regular file (a directory)"})
    EXPECT_NE(result.err.find(expected), std::string::npos) << expected << "\n" << result.err;
  EXPECT_EQ(result.err.find("notes"), std::string::npos) << result.err;
  EXPECT_NE(result.out.find(d + "leaf.pem (certificate "), std::string::npos) << result.out;

  const auto json = polycert({"match", "--dir", folder.string(), "--json"});
  ASSERT_EQ(json.exit_code, 0) << printed(json);
  EXPECT_NE(json.out.find("\"file\": \"" + d + "fifo.pem\""), std::string::npos) << json.out;
}

TEST_P(HardeningCli, ManyPossibleLeavesAreCountedAndOnlyTheFirstFewNamed) {
  // 40 self-signed certificates, none the issuer of another: each could be the leaf.
  const std::string key = dir.file("k.pem");
  ASSERT_EQ(run_process({"openssl", "genpkey", "-algorithm", "EC", "-pkeyopt",
                         "ec_paramgen_curve:P-256", "-out", key})
                .exit_code,
            0);
  std::string bag;
  for (int n = 0; n < 40; ++n) {
    const auto made = run_process({"openssl", "req", "-x509", "-new", "-key", key, "-subj",
                                   "/CN=candidate-" + std::to_string(n), "-days", "2"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    bag += made.out;
  }
  const std::string file = dir.write("bag.pem", Bytes(bag.begin(), bag.end()));
  const auto result = polycert({"chain", file});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  EXPECT_NE(result.err.find("40 certificates could each be the leaf"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("; and 37 more; name the leaf explicitly with --leaf FILE"),
            std::string::npos)
      << result.err;
  std::size_t named = 0;
  for (std::size_t at = result.err.find("/CN=candidate-"); at != std::string::npos;
       at = result.err.find("/CN=candidate-", at + 1))
    ++named;
  EXPECT_EQ(named, 3u) << result.err;
  EXPECT_LT(result.err.size(), 600u) << result.err;
}

TEST_P(HardeningCli, APassPasswordFromTheConfigFileIsNotCalledVisibleInTheProcessList) {
  const std::string config = dir.file("config");
  std::ofstream(config) << "[inspect]\npassin = pass:" << kFixturePassword << "\n";
  auto result = polycert({"--config", config, "inspect", kEncryptedKey});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_NE(result.out.find("public key"), std::string::npos) << result.out;  // it was used
  EXPECT_EQ(result.err.find("process list"), std::string::npos) << result.err;

  // The same password on the command line is still warned about, config file or not.
  result = polycert({"--config", config, "inspect", kEncryptedKey, "--passin",
                     "pass:" + std::string(kFixturePassword)});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_NE(result.err.find("warning: --passin pass: puts the password where other users"),
            std::string::npos)
      << result.err;
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, HardeningCli, ::testing::ValuesIn(backend_names()),
                         [](const auto& param_info) { return param_info.param; });

// polycert started with `ulimit -c unlimited` and stopped (SIGABRT) while it waits for a
// file: password on a FIFO, the password being what a core would hold.
struct Aborted {
  std::string core_limit;  ///< the "Max core file size" line of /proc/PID/limits
  bool dumped_core = false;
};

Aborted abort_while_reading_a_password(const TempDir& dir, std::vector<std::string> globals) {
  const std::string fifo = dir.file("password");
  if (!fs::exists(fifo)) {
    EXPECT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  }
  std::vector<std::string> args = {POLYCERT_EXE};
  args.insert(args.end(), globals.begin(), globals.end());
  args.insert(args.end(), {"--backend", backend_names().front(), "inspect", kEncryptedKey,
                           "--passin", "file:" + fifo});
  const pid_t pid = ::fork();
  if (pid == 0) {
    const rlimit unlimited{RLIM_INFINITY, RLIM_INFINITY};
    ::setrlimit(RLIMIT_CORE, &unlimited);
    if (::chdir(dir.path().c_str()) != 0) ::_exit(126);  // a core lands in the temp folder
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, STDIN_FILENO);
    ::dup2(null, STDOUT_FILENO);
    ::dup2(null, STDERR_FILENO);
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  // Opening the FIFO for writing succeeds once polycert has opened it to read the password.
  int writer = -1;
  for (int tries = 0; tries < 1000 && writer < 0; ++tries) {
    writer = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (writer < 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  Aborted aborted;
  EXPECT_GE(writer, 0) << "polycert never opened the password FIFO";
  std::ifstream limits("/proc/" + std::to_string(pid) + "/limits");
  for (std::string line; std::getline(limits, line);)
    if (line.starts_with("Max core file size")) aborted.core_limit = line;
  ::kill(pid, SIGABRT);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (writer >= 0) ::close(writer);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT) << "status " << status;
  aborted.dumped_core = WIFSIGNALED(status) && WCOREDUMP(status);
  return aborted;
}

TEST(CoreDumps, AreOffWhilePolycertHoldsAPasswordWhateverTheCoreLimit) {
  TempDir dir;
  const Aborted aborted = abort_while_reading_a_password(dir, {});
  EXPECT_NE(aborted.core_limit.find(" 0 "), std::string::npos) << aborted.core_limit;
  EXPECT_EQ(aborted.core_limit.find("unlimited"), std::string::npos) << aborted.core_limit;
  EXPECT_FALSE(aborted.dumped_core) << "a core was dumped; it could hold the password";
}

TEST(CoreDumps, AllowCoreKeepsThemForDebugging) {
  TempDir dir;
  const Aborted aborted = abort_while_reading_a_password(dir, {"--allow-core"});
  EXPECT_NE(aborted.core_limit.find("unlimited"), std::string::npos) << aborted.core_limit;
  // Whether a core is written at all is the system's choice (core_pattern, a container);
  // where it is, this is what shows the default above really turned them off.
  if (!aborted.dumped_core) GTEST_SKIP() << "this system dumps no core even when allowed";
  SUCCEED();
}

}  // namespace
}  // namespace polycert::testing
