// What a gateway operator coming from the openssl CLI trips over (issue 20), each fixed and
// shown here: SANs given at signing, a request without CN or SAN warned about, the leaf or
// the CA certificates alone out of a bundle, PKCS#8 to traditional, the slash form without
// its '/', a password where a password source goes, openssl's spellings answered with
// polycert's, the output format from the file name, and a one-step self-signed certificate.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace polycert::testing {
namespace {

const std::string kCaKey = fixture_path("keys/ec-P-256.pkcs8.pem");
const std::string kLeafKey = fixture_path("keys/ec-P-384.pkcs8.pem");

std::string text_of(const std::string& path) {
  std::ifstream in(path);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

class GatewayHabitsCli : public ::testing::TestWithParam<std::string> {
 protected:
  ProcessResult polycert(std::vector<std::string> args) {
    args.insert(args.begin(), {"--backend", GetParam()});
    return polycert_cli(args);
  }
  // A CA and a request without SANs, as the WSO2 text makes them.
  void make_ca_and_request() {
    ASSERT_EQ(polycert({"selfsign", "--key", kCaKey, "--subject", "/O=Acme/CN=Gateway CA", "--ca", "-o", ca}).exit_code, 0);
    ASSERT_EQ(polycert({"req", "--key", kLeafKey, "--batch", "--subject", "/O=WSO2/CN=Gateway API", "-o", csr})
                  .exit_code,
              0);
  }
  TempDir dir;
  const std::string ca = dir.file("ca.crt"), csr = dir.file("api.csr"), leaf = dir.file("api.crt");
};

TEST_P(GatewayHabitsCli, SignGivesSubjectAltNamesTheRequestLacks) {
  make_ca_and_request();
  const auto without = polycert({"sign", "--csr", csr, "--ca-cert", ca, "--ca-key", kCaKey, "-o", leaf});
  ASSERT_EQ(without.exit_code, 0) << printed(without);
  EXPECT_NE(without.err.find("warning: the certificate has no subjectAltName"), std::string::npos) << without.err;
  const auto with = polycert({"sign", "--csr", csr, "--ca-cert", ca, "--ca-key", kCaKey, "--san",
                              "DNS:api.acme.com,IP:10.0.0.5", "-o", leaf, "--force"});
  ASSERT_EQ(with.exit_code, 0) << printed(with);
  EXPECT_EQ(with.err.find("no subjectAltName"), std::string::npos) << with.err;
  const auto text = run_process({"openssl", "x509", "-in", leaf, "-noout", "-ext", "subjectAltName"});
  EXPECT_NE(text.out.find("DNS:api.acme.com, IP Address:10.0.0.5"), std::string::npos) << text.out;
  const auto bad = polycert({"sign", "--csr", csr, "--ca-cert", ca, "--ca-key", kCaKey, "--san", "DNS:-bad-",
                             "-o", leaf, "--force"});
  EXPECT_EQ(bad.exit_code, 2) << printed(bad);
}

TEST_P(GatewayHabitsCli, ARequestWithNeitherCnNorSanIsWarnedAbout) {
  const auto made = polycert({"req", "--key", kLeafKey, "--batch", "--subject",
                              "/C=US/ST=California/L=Mountain View/O=WSO2/OU=IT/", "-o", csr});
  ASSERT_EQ(made.exit_code, 0) << printed(made);
  EXPECT_NE(made.err.find("warning: the request has no CN and no subjectAltName"), std::string::npos) << made.err;
}

TEST_P(GatewayHabitsCli, ABundleGivesItsLeafOrItsCaCertificatesAlone) {
  const std::string bundle = fixture_path("chains/bundle-shuffled.pem");
  const std::string cas = dir.file("ca-chain.pem"), only_leaf = dir.file("leaf.pem");
  const auto ca_only = polycert({"convert", bundle, "--ca-only", "-o", cas});
  ASSERT_EQ(ca_only.exit_code, 0) << printed(ca_only);
  EXPECT_NE(ca_only.err.find("Wrote 3 certificates"), std::string::npos) << ca_only.err;
  const auto leaf_only = polycert({"convert", bundle, "--leaf-only", "--to", "der", "-o", only_leaf});
  ASSERT_EQ(leaf_only.exit_code, 0) << printed(leaf_only);
  const auto shown = polycert({"inspect", only_leaf});
  EXPECT_NE(shown.out.find("CN=leaf.chains.example"), std::string::npos) << shown.out;
  // The WSO2 chain.crt: the leaf, then its CAs, in order.
  const auto chained = polycert({"chain", only_leaf, cas, "-o", dir.file("chain.crt")});
  EXPECT_EQ(chained.exit_code, 0) << printed(chained);
}

TEST_P(GatewayHabitsCli, Pkcs8BecomesTraditional) {
  const std::string out = dir.file("traditional.pem");
  const auto converted = polycert({"convert", fixture_path("keys/rsa-2048.pkcs8.pem"), "--to", "pem", "--traditional", "-o", out});
  ASSERT_EQ(converted.exit_code, 0) << printed(converted);
  EXPECT_EQ(text_of(out).rfind("-----BEGIN RSA PRIVATE KEY-----", 0), 0u) << text_of(out);
  EXPECT_EQ(run_process({"openssl", "rsa", "-in", out, "-check", "-noout"}).exit_code, 0);
  const std::string ec = dir.file("ec.pem");
  ASSERT_EQ(polycert({"convert", kCaKey, "--traditional", "-o", ec}).exit_code, 0);
  EXPECT_EQ(text_of(ec).rfind("-----BEGIN EC PRIVATE KEY-----", 0), 0u) << text_of(ec);
}

TEST_P(GatewayHabitsCli, TheSlashFormWithoutItsSlashIsExplained) {
  const auto result = polycert({"req", "--key", kLeafKey, "--batch", "--subject", "C=US/ST=California/O=Acme", "-o", csr});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("the slash form starts with '/': /C=US/ST=California/O=Acme"), std::string::npos)
      << result.err;
}

TEST_P(GatewayHabitsCli, APasswordWhereASourceGoesIsAUsageErrorAndNotEchoed) {
  const auto result = polycert({"inspect", kCaKey, "--passin", "Secr3t!"});
  EXPECT_EQ(result.exit_code, 2) << printed(result);
  EXPECT_NE(result.err.find("use pass:TEXT, env:VAR, file:PATH, fd:N or stdin"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("Secr3t!"), std::string::npos) << result.err;
}

TEST_P(GatewayHabitsCli, OpensslSpellingsGetPolycertsSpellings) {
  const auto subj = polycert({"req", "-subj", "/CN=x", "--key", kLeafKey, "-o", csr});
  EXPECT_EQ(subj.exit_code, 2);
  EXPECT_NE(subj.err.find("polycert spells it --subject DN"), std::string::npos) << subj.err;
  const auto days = polycert({"selfsign", "--key", kCaKey, "--subject", "/CN=x", "-days", "3", "-o", leaf});
  EXPECT_NE(days.err.find("polycert spells it --days"), std::string::npos) << days.err;
  const auto nodes = polycert({"req", "-nodes", "--key", kLeafKey, "-o", csr});
  EXPECT_NE(nodes.err.find("keys are written unencrypted unless --passout"), std::string::npos) << nodes.err;
  const auto clcerts = polycert({"convert", fixture_path("chains/leaf.pem"), "-clcerts", "-o", leaf});
  EXPECT_NE(clcerts.err.find("polycert spells it --leaf-only"), std::string::npos) << clcerts.err;
  for (const std::string command : {"x509", "pkcs12", "pkcs7"}) {
    const auto unknown = polycert_cli({command, "-in", "x"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE(unknown.err.find("openssl's " + command + " is polycert "), std::string::npos) << unknown.err;
  }
}

TEST_P(GatewayHabitsCli, TheOutputFormatComesFromTheFileNameAndAnyCase) {
  const std::string der = dir.file("leaf.der"), pem = dir.file("leaf.pem");
  const auto inferred = polycert({"convert", fixture_path("chains/leaf.pem"), "-o", der});
  ASSERT_EQ(inferred.exit_code, 0) << printed(inferred);
  EXPECT_EQ(run_process({"openssl", "x509", "-inform", "DER", "-in", der, "-noout"}).exit_code, 0);
  EXPECT_EQ(polycert({"convert", der, "--to", "PEM", "-o", pem}).exit_code, 0);
  const auto unclear = polycert({"convert", der, "-o", dir.file("leaf.crt")});
  EXPECT_EQ(unclear.exit_code, 2);
  EXPECT_NE(unclear.err.find("--to is needed"), std::string::npos) << unclear.err;
}

TEST_P(GatewayHabitsCli, DerOutputSuggestsOnlyWhatWasNotGiven) {
  const auto result = polycert({"convert", fixture_path("chains/bundle-shuffled.pem"), "--to", "der",
                                "--certs-only", "-o", dir.file("x.der")});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("--leaf-only"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("--certs-only"), std::string::npos) << result.err;
}

TEST_P(GatewayHabitsCli, SelfsignMakesTheKeyInTheSameStep) {
  const std::string key = dir.file("dev.key"), certificate = dir.file("dev.crt");
  const auto made = polycert({"selfsign", "--new-key", "ec:P-256", "--key-out", key, "--subject",
                              "/CN=dev.acme.example", "-o", certificate});
  ASSERT_EQ(made.exit_code, 0) << printed(made);
  EXPECT_EQ(file_mode(key), 0600u);
  const auto matched = polycert({"match", certificate, key});
  EXPECT_EQ(matched.exit_code, 0) << printed(matched);
  // An existing output stops it before a key is made in vain.
  std::filesystem::remove(key);
  const auto refused = polycert({"selfsign", "--new-key", "ec:P-256", "--key-out", key, "--subject",
                                 "/CN=dev.acme.example", "-o", certificate});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(key));
}

TEST_P(GatewayHabitsCli, ABadAnswerFromAPipeIsAskedAgainAsOnATerminal) {
  ProcessOptions options;
  options.input = "USA\nUS\nCalifornia\nMountain View\nAcme\nIT\napi.acme.com\n\n\n\n";
  const auto result = polycert_cli({"--backend", GetParam(), "req", "--key", kLeafKey, "-o", csr}, options);
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_NE(result.err.find("two-letter country code"), std::string::npos) << result.err;
  const auto shown = polycert({"inspect", csr});
  EXPECT_NE(shown.out.find("/C=US/ST=California/L=Mountain View/O=Acme/OU=IT/CN=api.acme.com"), std::string::npos)
      << shown.out;
}

TEST_P(GatewayHabitsCli, InspectShowsTheSubjectsStringTypes) {
  ASSERT_EQ(polycert({"req", "--key", kLeafKey, "--batch", "--subject", "/C=US/O=Acme/CN=api.acme.com",
                      "--string-type", "printable", "-o", csr})
                .exit_code,
            0);
  const auto shown = polycert({"inspect", csr});
  EXPECT_NE(shown.out.find("subject types:      C=PrintableString, O=PrintableString, CN=PrintableString"),
            std::string::npos)
      << shown.out;
  const auto bundle = polycert({"inspect", "--json", fixture_path("pkcs7/chain.p7b")});
  EXPECT_NE(bundle.out.find("\"subject_string_types\": \""), std::string::npos) << bundle.out;
}

TEST_P(GatewayHabitsCli, AWrongPasswordNamesTheFileOnce) {
  ProcessOptions wrong;
  wrong.set_env["KP"] = "wrong";
  const auto result = polycert_cli({"--backend", GetParam(), "inspect", fixture_path("encrypted/ec-P-256.pbes2-aes256-sha256.pem"),
                                    "--passin", "env:KP"}, wrong);
  EXPECT_EQ(result.exit_code, 4) << printed(result);
  const std::string file = fixture_path("encrypted/ec-P-256.pbes2-aes256-sha256.pem");
  EXPECT_NE(result.err.find(file + ": "), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find(file + ": " + file), std::string::npos) << result.err;
}

// An openssl.cnf as gateway documentation hands it out.
constexpr std::string_view kGatewayOpensslCnf =
    "# the gateway's openssl.cnf\n"
    "[ req ]\n"
    "distinguished_name = req_distinguished_name\n"
    "req_extensions     = req_ext\n"
    "default_md         = sha384\n"
    "[ req_distinguished_name ]\n"
    "countryName                 = Country Name (2 letter code)\n"
    "countryName_default         = US\n"
    "countryName_min             = 2\n"
    "countryName_max             = 2\n"
    "stateOrProvinceName         = State or Province Name (full name)\n"
    "stateOrProvinceName_default = California\n"
    "organizationName            = Organization Name (eg, company)\n"
    "organizationName_default    = WSO2\n"
    "commonName                  = Common Name (e.g. server FQDN or YOUR name)\n"
    "commonName_max              = 64\n"
    "[ req_ext ]\n"
    "subjectAltName   = @alt_names\n"
    "keyUsage         = critical, digitalSignature, keyEncipherment\n"
    "extendedKeyUsage = serverAuth\n"
    "[ alt_names ]\n"
    "DNS.1 = api.example.com\n"
    "IP.1  = 10.0.0.5\n";

TEST_P(GatewayHabitsCli, AnOpensslCnfGivesThePromptsTheirDefaultsAndTheExtensions) {
  const std::string cnf = dir.write("openssl.cnf", as_bytes(kGatewayOpensslCnf));
  ProcessOptions answers;
  // A three-letter country is asked again (countryName_max = 2); empty answers take the
  // defaults; '.' leaves the organization out.
  answers.input = "USA\n\n\n.\napi.example.com\n\n\n";
  const auto made = polycert_cli({"--backend", GetParam(), "req", "--key", kLeafKey, "--openssl-config", cnf, "-o", csr},
                                 answers);
  ASSERT_EQ(made.exit_code, 0) << printed(made);
  EXPECT_NE(made.err.find("Country Name (2 letter code) [US]:"), std::string::npos) << made.err;
  EXPECT_NE(made.err.find("between 2 and 2 characters"), std::string::npos) << made.err;
  const auto text = run_process({"openssl", "req", "-in", csr, "-noout", "-text"});
  EXPECT_NE(text.out.find("C = US, ST = California, CN = api.example.com"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("DNS:api.example.com, IP Address:10.0.0.5"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("TLS Web Server Authentication"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("ecdsa-with-SHA384"), std::string::npos) << text.out;  // default_md
}

TEST_P(GatewayHabitsCli, PolycertsConfigGivesThePromptsDefaultsTextBoundsAndRequiredFields) {
  const std::string config = dir.write("config", as_bytes("[req]\n"
                                                         "countryName_default = US\n"
                                                         "ST_default = California\n"
                                                         "C_max = 2\n"
                                                         "O_prompt = Company\n"
                                                         "CN_required = yes\n"
                                                         "serialNumber_default = 42\n"));
  ProcessOptions answers;
  // An empty CN is asked again (required); empty answers take the defaults.
  answers.input = "\n\n\n\nIT\n\napi.acme.example\n\n\n\n\n";
  const auto made = polycert_cli({"--backend", GetParam(), "--config", config, "req", "--key", kLeafKey, "-o", csr},
                                 answers);
  ASSERT_EQ(made.exit_code, 0) << printed(made);
  EXPECT_NE(made.err.find("Country Name (2 letter code) [US]:"), std::string::npos) << made.err;
  EXPECT_NE(made.err.find("Company []:"), std::string::npos) << made.err;
  EXPECT_NE(made.err.find("CN is required"), std::string::npos) << made.err;
  const auto subject = run_process({"openssl", "req", "-in", csr, "-noout", "-subject"});
  EXPECT_NE(subject.out.find("C = US, ST = California, OU = IT, CN = api.acme.example, serialNumber = 42"),
            std::string::npos)
      << subject.out;

  // A required field the input never answers is exit 3; a bound that is no number is exit 2.
  ProcessOptions cut_short;
  cut_short.input = "\n";
  const auto unanswered = polycert_cli({"--backend", GetParam(), "--config", config, "req", "--key", kLeafKey,
                                        "-o", dir.file("cut.csr")},
                                       cut_short);
  EXPECT_EQ(unanswered.exit_code, 3) << printed(unanswered);
  EXPECT_NE(unanswered.err.find("CN is required"), std::string::npos) << unanswered.err;
  const std::string bad = dir.write("bad", as_bytes("[req]\nC_min = two\n"));
  const auto refused = polycert_cli({"--backend", GetParam(), "--config", bad, "req", "--key", kLeafKey, "-o",
                                     dir.file("bad.csr")},
                                    cut_short);
  EXPECT_EQ(refused.exit_code, 2) << printed(refused);
  EXPECT_NE(refused.err.find("C_min takes a number"), std::string::npos) << refused.err;
}

TEST_P(GatewayHabitsCli, AnOpensslCnfWithPromptNoNeedsNoAnswers) {
  const std::string cnf = dir.write("openssl.cnf", as_bytes(std::string_view(
      "[req]\nprompt = no\ndistinguished_name = dn\n[dn]\nC = US\nO = WSO2\nCN = api.example.com\n")));
  const auto made = polycert({"req", "--key", kLeafKey, "--openssl-config", cnf, "--batch", "-o", csr});
  ASSERT_EQ(made.exit_code, 0) << printed(made);
  EXPECT_NE(made.err.find("for /C=US/O=WSO2/CN=api.example.com"), std::string::npos) << made.err;
  const std::string variables = dir.write("variables.cnf", as_bytes(std::string_view(
      "[req]\ndistinguished_name = dn\n[dn]\nCN = $ENV::HOST\n")));
  const auto refused = polycert({"req", "--key", kLeafKey, "--openssl-config", variables, "-o", dir.file("x.csr")});
  EXPECT_EQ(refused.exit_code, 2) << printed(refused);
  EXPECT_NE(refused.err.find(variables + ":4: variables"), std::string::npos) << refused.err;
}

TEST_P(GatewayHabitsCli, AnExistingOutputIsReportedBeforeAnyPrompt) {
  std::ofstream(csr) << "keep me";
  ProcessOptions options;
  options.input = "US\nCalifornia\n";
  const auto result = polycert_cli({"--backend", GetParam(), "req", "--key", kLeafKey, "-o", csr}, options);
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find(csr + ": file exists"), std::string::npos) << result.err;
  EXPECT_EQ(result.out.find("Country"), std::string::npos) << result.out;
  EXPECT_EQ(text_of(csr), "keep me");
}

TEST_P(GatewayHabitsCli, ACaWithTheIssuersNameButAnotherKeyIsNamedInChain) {
  make_ca_and_request();
  ASSERT_EQ(polycert({"sign", "--csr", csr, "--ca-cert", ca, "--ca-key", kCaKey, "-o", leaf}).exit_code, 0);
  const std::string other = dir.file("other-ca.crt");
  ASSERT_EQ(polycert({"selfsign", "--key", kLeafKey, "--subject", "/O=Acme/CN=Gateway CA", "--ca", "-o", other})
                .exit_code,
            0);
  const auto result = polycert({"chain", leaf, other});
  EXPECT_EQ(result.exit_code, 6) << printed(result);
  EXPECT_NE(result.err.find("(" + other + ") has that name, but its key does not verify the certificate's signature"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(result.err.find("is not among the inputs"), std::string::npos) << result.err;
}

TEST_P(GatewayHabitsCli, ChainsHelpNamesEveryContainerItReads) {
  const auto help = polycert_cli({"help", "chain"});
  EXPECT_NE(help.out.find("PKCS#7 bundles or PKCS#12 files"), std::string::npos) << help.out;
}

// The two workflows of polycert(1)'s EXAMPLES, run as written, with a test CA standing in
// for the one that answers the request.
TEST(GatewayWorkflows, TheManPagesWorkflowsRunAsWritten) {
  TempDir dir;
  auto at = [&](const std::string& name) { return dir.file(name); };
  auto run = [&](std::vector<std::string> args, ProcessOptions options = {}) {
    const auto result = polycert_cli(args, options);
    EXPECT_EQ(result.exit_code, 0) << printed(result);
    return result;
  };
  const auto page = polycert_cli({"man"});
  ASSERT_NE(page.out.find(".SH EXAMPLES"), std::string::npos);
  // The CA: a root and an intermediate.
  run({"selfsign", "--new-key", "ec:P-256", "--key-out", at("root.key"), "--subject", "/O=Acme/CN=Acme Root", "--ca",
       "-o", at("root.crt")});
  run({"req", "--new-key", "ec:P-256", "--key-out", at("sub.key"), "--batch", "--subject", "/O=Acme/CN=Acme Issuing CA",
       "-o", at("sub.csr")});
  run({"sign", "--csr", at("sub.csr"), "--ca-cert", at("root.crt"), "--ca-key", at("root.key"), "--ca", "-o", at("sub.crt")});

  // 1. Subject at the prompts; the CA sends api.crt and ca.p7b.
  run({"genkey", "rsa:2048", "-o", at("api.key")});
  ProcessOptions answers;
  answers.input = "US\nCalifornia\nMountain View\nAcme\nIT\napi.example.com\n\n\n\n";
  run({"req", "--key", at("api.key"), "-o", at("api.csr")}, answers);
  run({"sign", "--csr", at("api.csr"), "--ca-cert", at("sub.crt"), "--ca-key", at("sub.key"), "--san",
       "DNS:api.example.com", "-o", at("api.crt")});
  run({"convert", at("sub.crt"), at("root.crt"), "--to", "p7b", "-o", at("ca.p7b")});
  run({"match", at("api.crt"), at("api.key")});
  run({"convert", at("ca.p7b"), "--to", "pem", "-o", at("ca.pem")});
  run({"chain", at("api.crt"), at("ca.pem"), "-o", at("chain.crt")});
  run({"convert", at("api.key"), at("chain.crt"), "--to", "p12", "--passout", "pass:pfx-pass", "--iterations", "2048",
       "-o", at("api.p12")});
  EXPECT_EQ(run_process({"openssl", "pkcs12", "-in", at("api.p12"), "-passin", "pass:pfx-pass", "-noout"}).exit_code, 0);

  // 2. Subject on the command line; a vendor's PFX taken apart.
  run({"genkey", "rsa:2048", "-o", at("server.key")});
  run({"req", "--key", at("server.key"), "--batch", "--san", "DNS:api.example.com", "--subject",
       "/C=US/ST=California/L=Mountain View/O=WSO2/OU=IT/CN=api.example.com", "-o", at("server.csr")});
  run({"sign", "--csr", at("server.csr"), "--ca-cert", at("sub.crt"), "--ca-key", at("sub.key"), "-o", at("server.crt")});
  run({"convert", at("server.key"), at("server.crt"), at("sub.crt"), at("root.crt"), "--to", "p12", "--passout",
       "pass:pfx-pass", "--iterations", "2048", "-o", at("vendor.pfx")});
  run({"convert", at("vendor.pfx"), "--passin", "pass:pfx-pass", "--key-only", "--to", "pem", "-o", at("taken.key")});
  run({"convert", at("vendor.pfx"), "--passin", "pass:pfx-pass", "--leaf-only", "-o", at("server.pem")});
  run({"convert", at("vendor.pfx"), "--passin", "pass:pfx-pass", "--ca-only", "-o", at("ca2.pem")});
  run({"chain", at("server.pem"), at("ca2.pem"), "-o", at("chain2.crt")});
  run({"verify", at("chain2.crt"), "--trust", at("root.crt"), "--host", "api.example.com", "--backends", "all"});
  run({"match", at("server.pem"), at("taken.key")});
}

TEST(GatewayHabitsHelp, HelpUsesTheTerminalsWidth) {
  ProcessOptions wide;
  wide.set_env["COLUMNS"] = "200";
  const auto help = polycert_cli({"help", "req"}, wide);
  EXPECT_NE(help.out.find("generate a new key (rsa:2048, ec:P-256, ed25519, ...)\n"), std::string::npos) << help.out;
  ProcessOptions narrow;
  narrow.set_env["COLUMNS"] = "80";
  EXPECT_EQ(polycert_cli({"help", "req"}, narrow).out.find("ec:P-256, ed25519, ...)\n"), std::string::npos);
}

TEST(GatewayHabitsHelp, ConvertSaysWhichIterationsItWritesAndWhatOpensslWrites) {
  const auto help = polycert_cli({"help", "convert"});
  EXPECT_NE(help.out.find("PBKDF2-HMAC-SHA256 (600000 iterations"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("OpenSSL 3.0\n          writes 2048"), std::string::npos) << help.out;
  for (const char* profile : {"modern", "compat", "legacy"})
    EXPECT_NE(help.out.find(std::string("  ") + profile + "  "), std::string::npos) << profile << "\n" << help.out;
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, GatewayHabitsCli, ::testing::ValuesIn(backend_names()),
                         [](const ::testing::TestParamInfo<std::string>& test) { return test.param; });

}  // namespace
}  // namespace polycert::testing
