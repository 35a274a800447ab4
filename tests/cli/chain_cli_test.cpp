// `polycert chain` end to end on every backend: the openssl-made chains in
// tests/fixtures/chains/ come out leaf first in any input order, pass `openssl verify`,
// are written 0644 and atomically, and every refusal has its exit status with nothing
// written.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "temp_dir.hpp"

#include <polycert/pem.hpp>

#include <gtest/gtest.h>

#include <filesystem>

namespace polycert::testing {
namespace {

std::string chains(const std::string& name) { return fixture_path("chains/" + name); }

// Checks at a time inside every fixture's validity (they are valid from when they were made
// for at least 13 years), so the tests do not depend on the clock.
const std::string kAt = "2030-06-01";

Bytes fixture_der(const std::string& name) {
  auto blocks = pem_decode(fixture("chains/" + name));
  if (!blocks || blocks->size() != 1) throw std::runtime_error(name);
  return Bytes(blocks->front().der.begin(), blocks->front().der.end());
}

std::vector<Bytes> pem_certificates(const std::string& path) {
  auto blocks = pem_decode(read_bytes(path));
  if (!blocks) throw std::runtime_error(path + ": " + blocks.error().message);
  std::vector<Bytes> out;
  for (const auto& block : *blocks) {
    EXPECT_EQ(block.label, "CERTIFICATE");
    out.emplace_back(block.der.begin(), block.der.end());
  }
  return out;
}

class ChainCli : public ::testing::TestWithParam<std::string> {
 protected:
  ProcessResult chain(std::vector<std::string> args) {
    args.insert(args.begin(), {"--backend", GetParam(), "chain", "--at", kAt});
    return polycert_cli(args);
  }
  TempDir dir;
};

TEST_P(ChainCli, OrdersAShuffledBundleAndSeparateFilesWithoutTheRoot) {
  const std::string out = dir.file("chain.pem");
  // A DER leaf, a duplicate, the rest shuffled in one PEM file.
  const auto result =
      chain({chains("leaf.der"), chains("bundle-shuffled.pem"), chains("root.pem"), "-o", out});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(file_mode(out), 0644u);
  const std::vector<Bytes> expected = {fixture_der("leaf.pem"), fixture_der("intermediate2.pem"),
                                       fixture_der("intermediate1.pem")};
  EXPECT_EQ(pem_certificates(out), expected);
  EXPECT_NE(result.err.find("0 leaf: /O=Fixture Chains/CN=leaf.chains.example"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("3 root: /O=Fixture Chains/CN=Chain Root CA"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("root.pem is the same certificate as"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("root left out"), std::string::npos) << result.err;
  // The file is what a server wants: `openssl verify` with the root as the only trust.
  const auto verify = run_process(
      {"openssl", "verify", "-x509_strict", "-CAfile", chains("root.pem"), "-untrusted", out, out});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_P(ChainCli, WithRootEndsWithTheRoot) {
  const std::string out = dir.file("full.pem");
  const auto result = chain({chains("bundle-shuffled.pem"), "--with-root", "-o", out});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const std::vector<Bytes> expected = {fixture_der("leaf.pem"), fixture_der("intermediate2.pem"),
                                       fixture_der("intermediate1.pem"), fixture_der("root.pem")};
  EXPECT_EQ(pem_certificates(out), expected);
  const auto verify = run_process(
      {"openssl", "verify", "-CAfile", chains("root.pem"), "-untrusted", out, chains("leaf.pem")});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_P(ChainCli, WritesToStandardOutputWithoutOutAndIsSilentWhenQuiet) {
  const auto result = chain(
      {"--quiet", chains("intermediate1.pem"), chains("leaf.pem"), chains("intermediate2.pem")});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(result.err, "");
  auto blocks = pem_decode(as_bytes(result.out));
  ASSERT_TRUE(blocks);
  EXPECT_EQ(blocks->size(), 3u);
}

TEST_P(ChainCli, MissingIntermediateIsExit3NamingItAndWritesNothing) {
  const std::string out = dir.file("chain.pem");
  const auto result =
      chain({chains("leaf.pem"), chains("intermediate2.pem"), chains("root.pem"), "-o", out});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  EXPECT_NE(result.err.find("missing link"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("/O=Fixture Chains/CN=Chain Intermediate 1"), std::string::npos)
      << result.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << "a temporary file was left behind";
}

TEST_P(ChainCli, WithRootWithoutARootIsExit3) {
  const std::string out = dir.file("chain.pem");
  const auto result = chain({"--with-root", chains("leaf.pem"), chains("intermediate1.pem"),
                             chains("intermediate2.pem"), "-o", out});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  EXPECT_NE(result.err.find("no root"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_P(ChainCli, IssuerThatIsNotACaIsExit6) {
  const std::string out = dir.file("chain.pem");
  const auto result =
      chain({chains("issued-by-not-ca.pem"), chains("not-ca.pem"), chains("root.pem"),
             chains("intermediate2.pem"), chains("intermediate1.pem"), "-o", out});
  EXPECT_EQ(result.exit_code, 6) << printed(result);
  EXPECT_NE(result.err.find("is not a CA certificate"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_P(ChainCli, ExpiredLeafIsExit6NamingItsDepth) {
  const std::string out = dir.file("chain.pem");
  const auto result = chain({chains("leaf-expired.pem"), chains("intermediate1.pem"),
                             chains("intermediate2.pem"), chains("root.pem"), "-o", out});
  EXPECT_EQ(result.exit_code, 6) << printed(result);
  EXPECT_NE(result.err.find("depth 0 (leaf), /O=Fixture Chains/CN=expired.chains.example"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("expired on 2021-01-01T00:00:00Z"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_P(ChainCli, AmbiguousLeafIsExit3UntilLeafNamesIt) {
  const std::string out = dir.file("chain.pem");
  auto result = chain({chains("bundle-shuffled.pem"), chains("second-leaf.pem"),
                       chains("second-intermediate.pem"), "-o", out});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  EXPECT_NE(result.err.find("--leaf"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(out));

  result = chain({chains("bundle-shuffled.pem"), chains("second-intermediate.pem"), "--leaf",
                  chains("second-leaf.pem"), "-o", out});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const std::vector<Bytes> expected = {fixture_der("second-leaf.pem"),
                                       fixture_der("second-intermediate.pem")};
  EXPECT_EQ(pem_certificates(out), expected);
  EXPECT_NE(result.err.find("not part of the chain"), std::string::npos) << result.err;
}

TEST_P(ChainCli, UnrelatedCertificateIsLeftOutWithANote) {
  const std::string out = dir.file("chain.pem");
  const auto result = chain({chains("unrelated.pem"), chains("bundle-shuffled.pem"), "-o", out});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_NE(result.err.find("Unrelated Root CA (" + chains("unrelated.pem") +
                            ") is not part of the chain"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(pem_certificates(out).size(), 3u);
}

TEST_P(ChainCli, ExistingOutputIsKeptUnlessForce) {
  const std::string out = dir.write("chain.pem", as_bytes("keep me\n"));
  auto result = chain({chains("bundle-shuffled.pem"), "-o", out});
  EXPECT_EQ(result.exit_code, 1) << printed(result);
  EXPECT_EQ(read_bytes(out), Bytes(as_bytes("keep me\n").begin(), as_bytes("keep me\n").end()));
  result = chain({chains("bundle-shuffled.pem"), "-o", out, "--force"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(pem_certificates(out).size(), 3u);
  EXPECT_EQ(file_mode(out), 0644u);
}

TEST_P(ChainCli, TakesCertificatesFromPkcs7AndPkcs12Files) {
  // The x509/ chain: a P7B holding all three (root last), and a PFX holding leaf and
  // intermediate, mixed with the root as PEM.
  const std::string out = dir.file("chain.pem");
  const std::vector<Bytes> expected = {pem_certificates(fixture_path("x509/chain-leaf.pem")).front(),
                                       pem_certificates(fixture_path("x509/chain-intermediate.pem")).front(),
                                       pem_certificates(fixture_path("x509/chain-root.pem")).front()};
  auto result = chain({fixture_path("pkcs7/chain.p7b"), "--with-root", "-o", out});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(pem_certificates(out), expected);
  result = chain({fixture_path("x509/chain-root.pem"), fixture_path("pkcs12/modern-chain-name.p12"),
                  "--passin", "pass:fixture-password", "--with-root", "--force", "-o", out});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(pem_certificates(out), expected);
}

TEST_P(ChainCli, InputsThatAreNotCertificatesAreExit3) {
  const std::string out = dir.file("chain.pem");
  auto result = chain({fixture_path("keys/ec-P-256.pkcs8.pem"), "-o", out});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  EXPECT_NE(result.err.find("no certificate in this file (found: private key)"),
            std::string::npos)
      << result.err;
  result = chain({fixture_path("keys/ec-P-256.pkcs8.der"), "-o", out});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  result = chain({dir.write("empty.pem", {}), "-o", out});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  result = chain({dir.file("missing.pem"), "-o", out});
  EXPECT_EQ(result.exit_code, 1) << printed(result);
  EXPECT_FALSE(std::filesystem::exists(out));
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, ChainCli, ::testing::ValuesIn(backend_names()),
                         [](const auto& param_info) { return param_info.param; });

TEST(ChainCliUsage, BadOptionsAreExit2) {
  const std::string bundle = chains("bundle-shuffled.pem");
  EXPECT_EQ(polycert_cli({"chain", bundle, "--with-root", "--no-root"}).exit_code, 2);
  EXPECT_EQ(polycert_cli({"chain", bundle, "--at", "tomorrow"}).exit_code, 2);
  EXPECT_EQ(polycert_cli({"chain"}).exit_code, 2);
  const auto help = polycert_cli({"chain", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--with-root"), std::string::npos) << help.out;
}

}  // namespace
}  // namespace polycert::testing
