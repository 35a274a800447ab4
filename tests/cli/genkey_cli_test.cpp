// `polycert genkey` end to end: what lands on disk, with which mode, and which exit
// status every kind of failure gives.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "openssl_oracle.hpp"
#include "temp_dir.hpp"

#include <polycert/pem.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <sys/stat.h>

namespace polycert::testing {
namespace {

class GenkeyEveryBackend : public ::testing::TestWithParam<BackendAndSpec> {};

TEST_P(GenkeyEveryBackend, WritesAPrivateKeyFileThatOpensslAccepts) {
  const auto& [backend, spec] = GetParam();
  auto provider = make_backend(backend);
  ASSERT_TRUE(provider);
  TempDir dir;
  const std::string key = dir.file("k.pem");
  const auto result = polycert_cli({"--backend", backend, "genkey", to_string(spec), "-o", key});

  if (!provider->capabilities().supports(Operation::generate_key, spec)) {
    EXPECT_EQ(result.exit_code, 5) << printed(result);
    EXPECT_NE(result.err.find(backend), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(to_string(spec)), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(key));
    return;
  }
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(file_mode(key), 0600u);
  auto blocks = pem_decode(read_bytes(key));
  ASSERT_TRUE(blocks) << blocks.error().message;
  ASSERT_EQ(blocks->size(), 1u);
  EXPECT_EQ((*blocks)[0].label, "PRIVATE KEY");
  const OracleKeyVerdict verdict = openssl_check_private_key((*blocks)[0].der);
  ASSERT_TRUE(verdict.accepted) << verdict.diagnostics;
  EXPECT_EQ(verdict.spec, spec);
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, GenkeyEveryBackend, every_backend_and_spec(),
                         backend_and_spec_name);

TEST(GenkeyCli, WritesPemToStandardOutputWithoutAnOutputFile) {
  const auto result = polycert_cli({"genkey", "ec:P-256"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_TRUE(result.out.starts_with("-----BEGIN PRIVATE KEY-----\n")) << result.out;
  EXPECT_TRUE(result.out.ends_with("-----END PRIVATE KEY-----\n"));
  EXPECT_EQ(result.err, "") << "nothing but the key when it goes to stdout";
}

TEST(GenkeyCli, TraditionalUsesTheAlgorithmsOwnLabel) {
  TempDir dir;
  ASSERT_EQ(polycert_cli({"genkey", "ec:P-384", "--traditional", "-o", dir.file("ec.pem")}).exit_code, 0);
  ASSERT_EQ(polycert_cli({"genkey", "rsa", "--traditional", "-o", dir.file("rsa.pem")}).exit_code, 0);
  auto ec = pem_decode(read_bytes(dir.file("ec.pem")));
  auto rsa = pem_decode(read_bytes(dir.file("rsa.pem")));
  ASSERT_TRUE(ec && rsa);
  EXPECT_EQ((*ec)[0].label, "EC PRIVATE KEY");
  EXPECT_EQ((*rsa)[0].label, "RSA PRIVATE KEY");
  EXPECT_TRUE(openssl_check_private_key((*ec)[0].der).accepted);
  EXPECT_EQ(openssl_check_private_key((*rsa)[0].der).spec, KeySpec::rsa(2048));
}

TEST(GenkeyCli, DerFormatWritesBinaryThatOpensslReads) {
  TempDir dir;
  const std::string key = dir.file("k.der");
  const auto result = polycert_cli({"genkey", "ec:P-521", "--format", "der", "-o", key});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const Bytes der = read_bytes(key);
  ASSERT_FALSE(der.empty());
  EXPECT_EQ(der[0], 0x30);
  EXPECT_EQ(openssl_check_private_key(der).spec, KeySpec::ec(Curve::p521));
}

TEST(GenkeyCli, SaysWhatItWroteUnlessQuiet) {
  TempDir dir;
  const auto loud = polycert_cli({"genkey", "ec", "-o", dir.file("a.pem")});
  EXPECT_NE(loud.err.find("ec:P-256"), std::string::npos) << loud.err;
  EXPECT_NE(loud.err.find(dir.file("a.pem")), std::string::npos) << loud.err;
  const auto quiet = polycert_cli({"--quiet", "genkey", "ec", "-o", dir.file("b.pem")});
  EXPECT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.err, "");
}

TEST(GenkeyCli, RefusesToOverwriteAnExistingFile) {
  TempDir dir;
  const std::string key = dir.write("k.pem", as_bytes("precious\n"));
  const auto result = polycert_cli({"genkey", "ec", "-o", key});
  EXPECT_EQ(result.exit_code, 1) << printed(result);
  EXPECT_NE(result.err.find(key), std::string::npos);
  EXPECT_NE(result.err.find("--force"), std::string::npos);
  EXPECT_EQ(read_bytes(key), Bytes(as_bytes("precious\n").begin(), as_bytes("precious\n").end()));
}

TEST(GenkeyCli, ForceReplacesTheFileAndMakesItPrivate) {
  TempDir dir;
  const std::string key = dir.write("k.pem", as_bytes("old\n"));
  ::chmod(key.c_str(), 0644);
  const auto result = polycert_cli({"genkey", "ec", "-o", key, "--force"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(file_mode(key), 0600u);
  EXPECT_TRUE(pem_decode(read_bytes(key)));
}

TEST(GenkeyCli, AMissingFolderFailsWithNothingWritten) {
  TempDir dir;
  const auto result = polycert_cli({"genkey", "ec", "-o", dir.file("nowhere/k.pem")});
  EXPECT_EQ(result.exit_code, 1) << printed(result);
  EXPECT_NE(result.err.find("nowhere/k.pem"), std::string::npos);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(GenkeyCli, Ed25519HasNoTraditionalForm) {
  const auto result = polycert_cli({"genkey", "ed25519", "--traditional"});
  EXPECT_EQ(result.exit_code, 2) << printed(result);
  EXPECT_NE(result.err.find("Ed25519"), std::string::npos);
}

TEST(GenkeyCli, UsageErrorsExitWithTwo) {
  const std::vector<std::vector<std::string>> cases = {
      {"genkey"},                             // missing ALG
      {"genkey", "ec", "extra"},              // extra argument
      {"genkey", "ec", "--bogus"},            // unknown option
      {"genkey", "ec", "--forc"},             // no guessing from a prefix
      {"genkey", "ec", "--format", "txt"},    // bad value
      {"genkey", "rsa:1024"},                 // not a key spec polycert makes
      {"genkey", "ec", "-o"},                 // option without its value
  };
  for (const auto& args : cases) {
    const auto result = polycert_cli(args);
    std::string joined;
    for (const auto& arg : args) joined += arg + " ";
    EXPECT_EQ(result.exit_code, 2) << joined << "\n" << printed(result);
    EXPECT_NE(result.err.find("polycert genkey"), std::string::npos) << result.err;
    EXPECT_EQ(result.out, "") << joined;
  }
}

TEST(GenkeyCli, HelpListsTheKeySpecs) {
  const auto result = polycert_cli({"genkey", "--help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("rsa:4096"), std::string::npos);
  EXPECT_NE(result.out.find("--traditional"), std::string::npos);
}

}  // namespace
}  // namespace polycert::testing
