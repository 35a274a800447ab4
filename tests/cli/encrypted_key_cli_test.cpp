// Encrypted private keys through the CLI on every backend: genkey --passout writes a key
// openssl decrypts; req, selfsign and sign read encrypted keys with --passin; a missing or
// wrong password is exit 4 and an unreadable scheme exit 5, each before anything is written.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "temp_dir.hpp"

#include <polycert/pem.hpp>

#include <gtest/gtest.h>

#include <filesystem>

namespace polycert::testing {
namespace {

ProcessOptions password_in_env(const std::string& backend, const std::string& password) {
  ProcessOptions options;
  options.set_env["KEY_PASSWORD"] = password;
  options.set_env["POLYCERT_BACKEND"] = backend;
  return options;
}

class EncryptedKeyCli : public ::testing::TestWithParam<std::string> {};

TEST_P(EncryptedKeyCli, GenkeyWritesAnEncryptedKeyThatOpensslDecrypts) {
  TempDir dir;
  const std::string key = dir.file("api.key");
  const auto result = polycert_cli({"genkey", "ec:P-384", "--passout", "env:KEY_PASSWORD",
                                    "--iterations", "10000", "-o", key},
                                   password_in_env(GetParam(), "correct horse"));
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(file_mode(key), 0600u);
  auto blocks = pem_decode(read_bytes(key));
  ASSERT_TRUE(blocks && blocks->size() == 1);
  EXPECT_EQ((*blocks)[0].label, "ENCRYPTED PRIVATE KEY");
  const auto check = run_process({"openssl", "pkey", "-in", key, "-passin", "pass:correct horse",
                                  "-check", "-noout"});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  const auto wrong = run_process({"openssl", "pkey", "-in", key, "-passin", "pass:incorrect horse", "-noout"});
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_EQ(result.err.find("correct horse"), std::string::npos) << "the password was printed";
}

TEST_P(EncryptedKeyCli, ReqReadsAnOpensslEncryptedKeyWithPassin) {
  TempDir dir;
  const auto result = polycert_cli(
      {"req", "--key", fixture_path("encrypted/ec-P-256.pbes2-aes256-sha256.pem"), "--passin",
       "env:KEY_PASSWORD", "--batch", "--subject", "/CN=encrypted.example", "-o", dir.file("r.csr")},
      password_in_env(GetParam(), "fixture-password"));
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const auto verify = run_process({"openssl", "req", "-in", dir.file("r.csr"), "-verify", "-noout"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
}

TEST_P(EncryptedKeyCli, AMissingPasswordIsExit4AndSaysHowToGiveIt) {
  TempDir dir;
  const auto result = polycert_cli(
      {"req", "--key", fixture_path("encrypted/rsa-2048.pbes2-aes128-sha1.der"), "--batch",
       "--subject", "/CN=x", "-o", dir.file("r.csr")},
      password_in_env(GetParam(), ""));
  EXPECT_EQ(result.exit_code, 4) << printed(result);
  EXPECT_NE(result.err.find("--passin"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("PBKDF2-HMAC-SHA1"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("r.csr")));
}

TEST_P(EncryptedKeyCli, AWrongPasswordIsExit4AndWritesNothing) {
  TempDir dir;
  const auto result = polycert_cli(
      {"selfsign", "--key", fixture_path("encrypted/ec-P-384.pkcs12-3des.der"), "--passin",
       "env:KEY_PASSWORD", "--subject", "/CN=x", "-o", dir.file("c.crt")},
      password_in_env(GetParam(), "not the password"));
  EXPECT_EQ(result.exit_code, 4) << printed(result);
  EXPECT_NE(result.err.find("wrong password"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("c.crt")));
}

// Issue 17: inspect printed "enc.key: enc.key: ..." for a legacy key's wrong password.
TEST_P(EncryptedKeyCli, InspectWithAWrongPasswordNamesTheFileOnce) {
  const std::string key = fixture_path("encrypted/rsa-2048.legacy-pem-aes256.pem");
  const auto result = polycert_cli({"inspect", key, "--passin", "env:KEY_PASSWORD"},
                                   password_in_env(GetParam(), "not the password"));
  EXPECT_EQ(result.exit_code, 4) << printed(result);
  const std::size_t first = result.err.find(key);
  ASSERT_NE(first, std::string::npos) << result.err;
  EXPECT_EQ(result.err.find(key, first + key.size()), std::string::npos) << result.err;
}

TEST_P(EncryptedKeyCli, AnUnreadableSchemeIsExit5BeforeAnyPasswordIsNeeded) {
  TempDir dir;
  const auto result = polycert_cli({"req", "--key", fixture_path("encrypted/ec-P-256.scrypt-aes256.der"),
                                    "--batch", "--subject", "/CN=x", "-o", dir.file("r.csr")},
                                   password_in_env(GetParam(), ""));
  EXPECT_EQ(result.exit_code, 5) << printed(result);
  EXPECT_NE(result.err.find("scrypt"), std::string::npos) << result.err;
}

TEST_P(EncryptedKeyCli, Rc2FollowsTheCapabilityMatrix) {
  auto provider = make_backend(GetParam());
  TempDir dir;
  const auto result = polycert_cli(
      {"req", "--key", fixture_path("encrypted/ec-P-256.pkcs12-rc2-40.der"), "--passin",
       "env:KEY_PASSWORD", "--batch", "--subject", "/CN=x", "-o", dir.file("r.csr")},
      password_in_env(GetParam(), "fixture-password"));
  if (provider->capabilities().supports(Operation::cipher, "rc2-40-cbc")) {
    EXPECT_EQ(result.exit_code, 0) << printed(result);
  } else {
    EXPECT_EQ(result.exit_code, 5) << printed(result);
    EXPECT_NE(result.err.find("rc2-40-cbc"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(GetParam()), std::string::npos) << result.err;
  }
}

TEST_P(EncryptedKeyCli, LegacyPemEncryptionReadsWithPassinAndSaysWhenItIsMissing) {
  TempDir dir;
  auto run = [&](const std::string& password) {
    std::vector<std::string> args = {"req", "--key", fixture_path("encrypted/rsa-2048.legacy-pem-aes256.pem"),
                                     "--batch", "--subject", "/CN=x", "--force", "-o", dir.file("r.csr")};
    if (!password.empty()) args.insert(args.begin() + 3, {"--passin", "env:KEY_PASSWORD"});
    return polycert_cli(args, password_in_env(GetParam(), password));
  };
  const auto ok = run("fixture-password");
  ASSERT_EQ(ok.exit_code, 0) << printed(ok);
  EXPECT_EQ(run("not it").exit_code, 4);
  const auto missing = run("");
  EXPECT_EQ(missing.exit_code, 4) << printed(missing);
  EXPECT_NE(missing.err.find("AES-256-CBC"), std::string::npos) << missing.err;
  EXPECT_NE(missing.err.find("--passin"), std::string::npos) << missing.err;
}

TEST_P(EncryptedKeyCli, SignUsesAnEncryptedCaKey) {
  TempDir dir;
  const auto result = polycert_cli(
      {"sign", "--csr", fixture_path("x509/ec-P-256.csr.der"), "--ca-cert",
       fixture_path("x509/chain-intermediate.pem"), "--ca-key",
       fixture_path("encrypted/rsa-2048.pbes2-des3-sha256.der"), "--passin", "env:KEY_PASSWORD",
       "-o", dir.file("leaf.crt")},
      password_in_env(GetParam(), "fixture-password"));
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const auto verify = run_process({"openssl", "verify", "-CAfile", fixture_path("x509/chain-root.pem"),
                                   "-untrusted", fixture_path("x509/chain-intermediate.pem"),
                                   dir.file("leaf.crt")});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, EncryptedKeyCli, ::testing::ValuesIn(backend_names()),
                         [](const auto& test) { return test.param; });

TEST(EncryptedKeyCliUsage, PassoutWithTraditionalIsAUsageError) {
  EXPECT_EQ(polycert_cli({"genkey", "rsa", "--traditional", "--passout", "pass:x"}).exit_code, 2);
}

TEST(EncryptedKeyCliUsage, AnUnknownCipherIsAUsageError) {
  EXPECT_EQ(polycert_cli({"genkey", "ec", "--passout", "pass:x", "--cipher", "rc4"}).exit_code, 2);
}

}  // namespace
}  // namespace polycert::testing
