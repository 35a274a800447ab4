// Secrets through the CLI: a pass: password source works but is warned about; without a
// terminal polycert never prompts (standard input may be data) and says how to give the
// password; no error ever repeats a password or a key's bytes; key files are 0600 from
// the first byte whatever the umask, an existing file is never replaced without --force
// and is byte-identical after a refusal, and no temporary file is left behind.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "temp_dir.hpp"

#include <polycert/pem.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <sys/stat.h>

namespace polycert::testing {
namespace {

std::vector<std::string> names_in(const TempDir& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    names.push_back(entry.path().filename().string());
  std::ranges::sort(names);
  return names;
}

std::string hex(ByteView bytes) {
  std::string out;
  char digits[3];
  for (std::uint8_t byte : bytes) {
    std::snprintf(digits, sizeof digits, "%02x", byte);
    out += digits;
  }
  return out;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

const std::string kEncryptedKey = "encrypted/ec-P-256.pbes2-aes256-sha256.pem";
const std::string kPassword = "fixture-password";

ProcessOptions with_env(const std::string& name, const std::string& value) {
  ProcessOptions options;
  options.set_env[name] = value;
  return options;
}

TEST(SecretsCli, PassOnTheCommandLineWorksButIsWarnedAbout) {
  TempDir dir;
  const auto result = polycert_cli({"convert", fixture_path(kEncryptedKey), "--passin",
                                    "pass:" + kPassword, "--to", "pem", "-o", dir.file("k.pem")});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_NE(result.err.find("warning: --passin pass: puts the password where other users can see it"),
            std::string::npos) << result.err;
  EXPECT_EQ(result.err.find(kPassword), std::string::npos) << "the warning repeats the password";
}

TEST(SecretsCli, OtherPasswordSourcesAreNotWarnedAbout) {
  TempDir dir;
  const auto result = polycert_cli({"convert", fixture_path(kEncryptedKey), "--passin", "env:PW",
                                    "--to", "pem", "-o", dir.file("k.pem")},
                                   with_env("PW", kPassword));
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(result.err.find("warning"), std::string::npos) << result.err;
}

TEST(SecretsCli, PassoutOnTheCommandLineIsWarnedAboutToo) {
  TempDir dir;
  const auto result = polycert_cli({"convert", fixture_path("keys/ec-P-256.pkcs8.pem"), "--to", "pem",
                                    "--passout", "pass:a new secret", "--iterations", "1000",
                                    "-o", dir.file("k.pem")});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_NE(result.err.find("warning: --passout pass:"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("a new secret"), std::string::npos);
}

TEST(SecretsCli, WithoutATerminalThereIsNoPromptAndNothingIsReadFromStandardInput) {
  TempDir dir;
  ProcessOptions options;
  options.input = kPassword + "\n";  // a pipe, not a terminal: must not be taken as the password
  for (const std::string& input : {fixture_path(kEncryptedKey), fixture_path("encrypted/rsa-2048.legacy-pem-aes256.pem"),
                                   fixture_path("pkcs12/modern.p12")}) {
    SCOPED_TRACE(input);
    const std::string out = dir.file("out.pem");
    const auto result = polycert_cli({"convert", input, "--to", "pem", "-o", out}, options);
    EXPECT_EQ(result.exit_code, 4) << printed(result);
    EXPECT_NE(result.err.find("--passin SRC"), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("Enter pass phrase"), std::string::npos) << "prompted without a terminal";
    EXPECT_FALSE(std::filesystem::exists(out));
  }
  EXPECT_TRUE(names_in(dir).empty());
}

TEST(SecretsCli, AWrongPasswordIsNeverRepeatedOnAnyBackend) {
  const std::string wrong = "Wr0ng-P4ssw0rd-7731";
  for (const std::string& backend : backend_names()) {
    for (const std::string& input : {fixture_path(kEncryptedKey), fixture_path("encrypted/ec-P-256.pkcs12-3des.der"),
                                     fixture_path("encrypted/rsa-2048.legacy-pem-aes256.pem"),
                                     fixture_path("pkcs12/modern.p12")}) {
      SCOPED_TRACE(backend + " " + input);
      TempDir dir;
      for (const std::string& source : {"pass:" + wrong, std::string("env:PW")}) {
        const auto result = polycert_cli({"--backend", backend, "convert", input, "--passin", source,
                                          "--to", "pem", "-o", dir.file("out.pem")},
                                         with_env("PW", wrong));
        EXPECT_EQ(result.exit_code, 4) << printed(result);
        EXPECT_EQ(result.err.find(wrong), std::string::npos) << result.err;
        EXPECT_EQ(result.out.find(wrong), std::string::npos) << result.out;
      }
      EXPECT_TRUE(names_in(dir).empty());
    }
  }
}

TEST(SecretsCli, APasswordTypedWhereASourceBelongsIsNotEchoed) {
  TempDir dir;
  const auto result = polycert_cli({"convert", fixture_path(kEncryptedKey), "--passin", "hunter2-typed-by-mistake",
                                    "--to", "pem", "-o", dir.file("out.pem")});
  EXPECT_EQ(result.exit_code, 2) << printed(result);  // a bad option value: a usage error
  EXPECT_EQ(result.err.find("hunter2"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("pass:TEXT, env:VAR, file:PATH, fd:N or stdin"), std::string::npos) << result.err;
}

TEST(SecretsCli, ErrorsAboutABadPrivateKeyCarryNoKeyBytesOnAnyBackend) {
  // SEC1 P-256 key: 30 77 02 01 01 04 20 <32-byte scalar> ... The first 8 bytes of the
  // scalar set to FF put it above the group order: well-formed, refused by every library.
  Bytes key = fixture("keys/ec-P-256.traditional.der");
  ASSERT_EQ(key[5], 0x04);
  ASSERT_EQ(key[6], 0x20);
  for (std::size_t i = 7; i < 15; ++i) key[i] = 0xFF;
  const ByteView secret_rest(key.data() + 15, 24);
  TempDir dir;
  const std::string file = dir.write("bad.pem", as_bytes(as_text(pem_encode("EC PRIVATE KEY", key))));
  for (const std::string& backend : backend_names()) {
    SCOPED_TRACE(backend);
    const auto result = polycert_cli({"--backend", backend, "convert", file, "--to", "der",
                                      "-o", dir.file("out.der")});
    EXPECT_EQ(result.exit_code, 3) << printed(result);
    const std::string printed_text = result.out + result.err;
    for (std::size_t i = 0; i + 6 <= secret_rest.size(); ++i) {
      const std::string window = hex(secret_rest.subspan(i, 6));
      EXPECT_EQ(printed_text.find(window), std::string::npos) << "key bytes in: " << printed_text;
      EXPECT_EQ(printed_text.find(upper(window)), std::string::npos) << "key bytes in: " << printed_text;
    }
    EXPECT_FALSE(std::filesystem::exists(dir.file("out.der")));
  }
}

TEST(SecretsCli, KeyFilesAre0600WhateverTheUmask) {
  TempDir dir;
  const mode_t old = ::umask(0);
  const auto key = polycert_cli({"convert", fixture_path("keys/ec-P-256.pkcs8.pem"), "--to", "pem",
                                 "-o", dir.file("k.pem")});
  const auto certificate = polycert_cli({"convert", fixture_path("x509/ec-P-256.cert.der"), "--to", "pem",
                                         "-o", dir.file("c.pem")});
  ::umask(old);
  ASSERT_EQ(key.exit_code, 0) << printed(key);
  ASSERT_EQ(certificate.exit_code, 0) << printed(certificate);
  EXPECT_EQ(file_mode(dir.file("k.pem")), 0600u);
  EXPECT_EQ(file_mode(dir.file("c.pem")), 0644u);
  EXPECT_EQ(names_in(dir), (std::vector<std::string>{"c.pem", "k.pem"}));
}

TEST(SecretsCli, AnExistingFileIsKeptByteIdenticalWithoutForceAndReplacedWithIt) {
  TempDir dir;
  const Bytes old = {'k', 'e', 'e', 'p', ' ', 'm', 'e', '\n'};
  const std::string out = dir.write("k.pem", old);
  ::chmod(out.c_str(), 0644);
  const auto refused = polycert_cli({"convert", fixture_path("keys/ec-P-256.pkcs8.pem"), "--to", "pem", "-o", out});
  EXPECT_EQ(refused.exit_code, 1) << printed(refused);
  EXPECT_NE(refused.err.find("--force"), std::string::npos) << refused.err;
  EXPECT_EQ(read_bytes(out), old);
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"k.pem"});

  const auto forced = polycert_cli({"convert", fixture_path("keys/ec-P-256.pkcs8.pem"), "--to", "pem", "-o", out, "--force"});
  ASSERT_EQ(forced.exit_code, 0) << printed(forced);
  EXPECT_NE(read_bytes(out), old);
  EXPECT_EQ(file_mode(out), 0600u) << "the replaced key took the old file's wider mode";
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"k.pem"});
}

TEST(SecretsCli, AFailedRunWithForceLeavesTheExistingFileByteIdentical) {
  TempDir dir;
  const Bytes old = {'k', 'e', 'e', 'p', ' ', 'm', 'e', '\n'};
  const std::string out = dir.write("k.pem", old);
  const auto result = polycert_cli({"convert", fixture_path(kEncryptedKey), "--passin", "env:PW", "--to", "pem",
                                    "-o", out, "--force"},
                                   with_env("PW", "wrong"));
  EXPECT_EQ(result.exit_code, 4) << printed(result);
  EXPECT_EQ(read_bytes(out), old);
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"k.pem"});
}

TEST(SecretsCli, AnUnwritableDestinationNamesThePathAndLeavesNothing) {
  TempDir dir;
  const std::string blocker = dir.write("not-a-folder", Bytes{'x'});
  const std::string out = blocker + "/k.pem";
  const auto result = polycert_cli({"convert", fixture_path("keys/ec-P-256.pkcs8.pem"), "--to", "pem", "-o", out});
  EXPECT_EQ(result.exit_code, 1) << printed(result);
  EXPECT_NE(result.err.find(out), std::string::npos) << result.err;
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"not-a-folder"});
}

}  // namespace
}  // namespace polycert::testing
