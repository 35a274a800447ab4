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

// A certificate made by the openssl CLI for one test: the public half of keys/KEY, the
// subject, signed by CA_CERT with keys/CA_KEY, with the extensions of an openssl extfile.
std::string issue(const TempDir& dir, const std::string& name, const std::string& key,
                  const std::string& subject, const std::string& ca_cert, const std::string& ca_key,
                  const std::string& extensions) {
  const std::string csr = dir.file(name + ".csr");
  const std::string out = dir.file(name + ".pem");
  const std::string extfile = dir.write(name + ".ext", as_bytes(extensions));
  auto made = run_process({"openssl", "req", "-new", "-key", fixture_path("keys/" + key + ".pkcs8.pem"),
                           "-subj", subject, "-out", csr});
  if (made.exit_code != 0) throw std::runtime_error("openssl req: " + made.err);
  made = run_process({"openssl", "x509", "-req", "-in", csr, "-CA", ca_cert, "-CAkey",
                      fixture_path("keys/" + ca_key + ".pkcs8.pem"), "-extfile", extfile,
                      "-set_serial", "4242", "-days", "6000", "-sha256", "-out", out});
  if (made.exit_code != 0) throw std::runtime_error("openssl x509 -req: " + made.err);
  return out;
}

const std::string kLeafExtensions =
    "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
    "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n";

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

// chain reads its files as every command does: a PKCS#12 file without a MAC is said so.
TEST_P(ChainCli, WarnsOfAPkcs12FileWithoutAMac) {
  const auto result = chain({fixture_path("pkcs12/nomac.p12"), fixture_path("x509/chain-intermediate.pem"),
                             fixture_path("x509/chain-root.pem"), "--passin", "pass:fixture-password",
                             "--with-root", "-o", dir.file("chain.pem")});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_NE(result.err.find("warning: " + fixture_path("pkcs12/nomac.p12") + ": "), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("MAC"), std::string::npos) << result.err;
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

TEST_P(ChainCli, UnknownCriticalExtensionIsExit6NamingDepthSubjectAndOid) {
  // A Certificate Transparency precertificate: its poison extension is critical so that
  // nothing accepts it as a certificate (RFC 6962 3.1).
  TempDir made;
  const std::string poisoned =
      issue(made, "poisoned", "ec-P-256", "/O=Fixture Chains/CN=poisoned.chains.example",
            chains("intermediate2.pem"), "ec-P-521",
            kLeafExtensions + "1.3.6.1.4.1.11129.2.4.3=critical,ASN1:NULL\n");
  const std::string out = dir.file("chain.pem");
  const auto result = chain({poisoned, chains("intermediate1.pem"), chains("intermediate2.pem"),
                             chains("root.pem"), "-o", out});
  EXPECT_EQ(result.exit_code, 6) << printed(result);
  EXPECT_NE(result.err.find("the certificate at depth 0 (leaf), "
                            "/O=Fixture Chains/CN=poisoned.chains.example (" + poisoned +
                            "), has a critical extension polycert does not recognise, "
                            "1.3.6.1.4.1.11129.2.4.3"),
            std::string::npos)
      << result.err;
  EXPECT_FALSE(std::filesystem::exists(out));

  const auto json = chain({"--json", poisoned, chains("intermediate1.pem"),
                           chains("intermediate2.pem"), chains("root.pem")});
  EXPECT_EQ(json.exit_code, 6) << printed(json);
  EXPECT_NE(json.out.find("\"kind\": \"unrecognised_critical_extension\""), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"depth\": 0"), std::string::npos) << json.out;
}

TEST_P(ChainCli, CriticalNameConstraintsOnAnIntermediateIsExit6BecauseChainDoesNotEnforceThem) {
  TempDir made;
  const std::string constrained = issue(
      made, "constrained", "rsa-3072", "/O=Fixture Chains/CN=Constrained Intermediate",
      chains("intermediate1.pem"), "rsa-2048",
      "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n"
      "nameConstraints=critical,permitted;DNS:.chains.example\n"
      "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
  const std::string leaf =
      issue(made, "leaf", "ec-P-256", "/O=Fixture Chains/CN=constrained.chains.example",
            constrained, "rsa-3072", kLeafExtensions);
  const auto result =
      chain({leaf, constrained, chains("intermediate1.pem"), chains("root.pem"), "-o", dir.file("c.pem")});
  EXPECT_EQ(result.exit_code, 6) << printed(result);
  EXPECT_NE(result.err.find("the certificate at depth 1, /O=Fixture Chains/CN=Constrained Intermediate"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("has a critical nameConstraints extension (2.5.29.30), which chain does "
                            "not process"),
            std::string::npos)
      << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("c.pem")));
}

TEST_P(ChainCli, RecognisedCriticalAndUnknownNonCriticalExtensionsPass) {
  TempDir made;
  const std::string leaf = issue(
      made, "leaf", "ec-P-256", "/O=Fixture Chains/CN=critical.chains.example",
      chains("intermediate2.pem"), "ec-P-521",
      kLeafExtensions + "extendedKeyUsage=critical,serverAuth\n"
                        "subjectAltName=critical,DNS:critical.chains.example\n"
                        "1.2.3.4.5=ASN1:UTF8String:not critical, so ignored\n");
  const std::string out = dir.file("chain.pem");
  const auto result = chain({leaf, chains("intermediate1.pem"), chains("intermediate2.pem"), "-o", out});
  EXPECT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(pem_certificates(out).size(), 3u);
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
