// `polycert match` end to end on every backend: one key against one certificate or
// request (exit 0 / exit 6), encrypted keys, combined files, and a folder of files paired up.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace polycert::testing {
namespace {

const std::string kLeaf = fixture_path("chains/leaf.pem");  // ec-P-256 key
const std::string kLeafKey = fixture_path("keys/ec-P-256.pkcs8.pem");
const std::string kOtherKey = fixture_path("keys/rsa-2048.traditional.pem");

class MatchCli : public ::testing::TestWithParam<std::string> {
 protected:
  ProcessResult match(std::vector<std::string> args) {
    args.insert(args.begin(), {"--backend", GetParam(), "match"});
    return polycert_cli(args);
  }
  TempDir dir;
};

TEST_P(MatchCli, KeyOfTheCertificateMatches) {
  const auto result = match({kLeaf, kLeafKey});
  EXPECT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(result.out.rfind("matches: ", 0), 0u) << result.out;
  // DER certificate, traditional DER key.
  EXPECT_EQ(match({fixture_path("chains/leaf.der"), fixture_path("keys/ec-P-256.traditional.der")})
                .exit_code,
            0);
}

TEST_P(MatchCli, AnotherKeyIsExit6) {
  const auto result = match({kLeaf, kOtherKey});
  EXPECT_EQ(result.exit_code, 6) << printed(result);
  EXPECT_EQ(result.out.rfind("does not match: ", 0), 0u) << result.out;
  EXPECT_NE(result.err.find("does not match"), std::string::npos) << result.err;
  // Same algorithm and curve, other key.
  EXPECT_EQ(match({fixture_path("x509/ec-P-384.cert.der"), fixture_path("keys/ec-P-256.pkcs8.der")})
                .exit_code,
            6);
}

TEST_P(MatchCli, RequestsAndEncryptedKeys) {
  const std::string csr = fixture_path("x509/ec-P-384.csr.der");
  const std::string encrypted = fixture_path("encrypted/ec-P-384.pbes2-aes256-sha256.der");
  auto result = match({csr, encrypted, "--passin", "pass:fixture-password"});
  EXPECT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_NE(result.out.find("request"), std::string::npos) << result.out;
  result = match({csr, encrypted, "--passin", "pass:wrong"});
  EXPECT_EQ(result.exit_code, 4) << printed(result);
  result = match({csr, encrypted});  // no terminal, no --passin
  EXPECT_EQ(result.exit_code, 4) << printed(result);
  EXPECT_NE(result.err.find("--passin"), std::string::npos) << result.err;
}

TEST_P(MatchCli, ACombinedFileMatchesItself) {
  Bytes combined = fixture("chains/leaf.pem");
  const Bytes key = fixture("keys/ec-P-256.pkcs8.pem");
  combined.insert(combined.end(), key.begin(), key.end());
  const std::string file = dir.write("combined.pem", combined);
  EXPECT_EQ(match({file}).exit_code, 0);
  EXPECT_EQ(match({file, kOtherKey}).exit_code, 6);
}

TEST_P(MatchCli, InputsOfTheWrongKindAreExit3) {
  auto result = match({kLeafKey, kLeaf});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  EXPECT_NE(result.err.find("no certificate or certificate request"), std::string::npos)
      << result.err;
  result = match({kLeaf, fixture_path("chains/root.pem")});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
}

TEST_P(MatchCli, DirPairsKeysWithCertificatesAndRequests) {
  auto copy = [&](const std::string& from, const std::string& name) {
    std::filesystem::copy_file(fixture_path(from), dir.file(name));
  };
  copy("chains/leaf.pem", "server.crt");
  copy("keys/ec-P-256.pkcs8.pem", "server.key");
  copy("x509/ec-P-384.csr.der", "api.csr");
  copy("encrypted/ec-P-384.pbes2-aes256-sha256.der", "api.der");
  copy("keys/rsa-2048.traditional.pem", "orphan.key");
  copy("chains/not-ca.pem", "lonely.cer");
  dir.write("README.txt", as_bytes("not a certificate\n"));
  dir.write("garbage.der", as_bytes("\x30\x03\x02\x01"));
  const auto result = match({"--dir", dir.path().string(), "--passin", "pass:fixture-password"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const std::string d = dir.path().string() + "/";
  EXPECT_NE(result.out.find(d + "server.key: matches " + d +
                            "server.crt (certificate /O=Fixture Chains/CN=leaf.chains.example)"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find(d + "api.der: matches " + d + "api.csr (request "), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find(d + "orphan.key: no certificate or request"), std::string::npos)
      << result.out;
  EXPECT_NE(
      result.out.find(
          d + "lonely.cer (certificate /O=Fixture Chains/CN=not-a-ca.chains.example): no key"),
      std::string::npos)
      << result.out;
  EXPECT_EQ(result.out.find("README"), std::string::npos) << result.out;
  EXPECT_NE(result.err.find("skipped " + d + "garbage.der"), std::string::npos) << result.err;
}

// match reads a PKCS#12 file as convert and chain do: its key bag and its certificates.
TEST_P(MatchCli, APkcs12FileGivesItsKeyAndCertificates) {
  const std::string pfx = fixture_path("pkcs12/modern.p12");  // ec-P-384 key, chain-leaf
  const std::string certificate = fixture_path("x509/chain-leaf.pem");
  auto result = match({pfx, "--passin", "pass:fixture-password"});
  EXPECT_EQ(result.exit_code, 0) << printed(result);
  result = match({certificate, pfx, "--passin", "pass:fixture-password"});
  EXPECT_EQ(result.exit_code, 0) << printed(result);
  result = match({kLeaf, pfx, "--passin", "pass:fixture-password"});
  EXPECT_EQ(result.exit_code, 6) << printed(result);
  result = match({certificate, pfx, "--passin", "pass:wrong"});
  EXPECT_EQ(result.exit_code, 4) << printed(result);
  result = match({certificate, fixture_path("pkcs12/certs-only.p12"), "--passin", "pass:fixture-password"});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  EXPECT_NE(result.err.find("no private key in this file (found: certificate)"), std::string::npos) << result.err;
}

TEST_P(MatchCli, DirPairsTheKeyOfAPkcs12File) {
  std::filesystem::copy_file(fixture_path("pkcs12/modern.p12"), dir.file("server.pfx"));
  std::filesystem::copy_file(fixture_path("x509/chain-leaf.pem"), dir.file("server.crt"));
  const auto result = match({"--dir", dir.path().string(), "--passin", "pass:fixture-password"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const std::string d = dir.path().string() + "/";
  EXPECT_NE(result.out.find(d + "server.pfx: matches " + d + "server.crt (certificate /O=Fixture/CN=leaf.fixture.example)"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find(d + "server.pfx: matches " + d + "server.pfx (certificate "), std::string::npos)
      << result.out;
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, MatchCli, ::testing::ValuesIn(backend_names()),
                         [](const auto& param_info) { return param_info.param; });

TEST(MatchCliUsage, BadArgumentsAreExit2) {
  EXPECT_EQ(polycert_cli({"match"}).exit_code, 2);
  EXPECT_EQ(polycert_cli({"match", kLeaf, kLeafKey, kOtherKey}).exit_code, 2);
  EXPECT_EQ(polycert_cli({"match", kLeaf, "--dir", "."}).exit_code, 2);
  EXPECT_EQ(polycert_cli({"match", "--dir", fixture_path("nothing-here")}).exit_code, 1);
}

}  // namespace
}  // namespace polycert::testing
