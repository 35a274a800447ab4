// `polycert verify` end to end on the openssl-made chains of tests/fixtures/chains/: exit 0
// for a good path on every backend, exit 6 with the check, depth and certificate for a bad
// one, and with --backends the verdicts side by side (text and JSON), a backend that cannot
// check what is asked shown as such.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

namespace polycert::testing {
namespace {

std::string chains(const std::string& name) { return fixture_path("chains/" + name); }

class VerifyCli : public ::testing::TestWithParam<std::string> {
 protected:
  ProcessResult verify(std::vector<std::string> args) {
    args.insert(args.begin(), {"--backend", GetParam(), "verify"});
    return polycert_cli(args);
  }
};

TEST_P(VerifyCli, AGoodPathInAnyOrderIsValid) {
  const auto result = verify({chains("intermediate2.pem"), chains("leaf.pem"),
                              chains("intermediate1.pem"), "--trust", chains("root.pem"),
                              "--purpose", "server"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(result.out.rfind("valid: /O=Fixture Chains/CN=leaf.chains.example -> ", 0), 0u) << result.out;
  EXPECT_NE(result.out.find("/CN=Chain Root CA ["), std::string::npos) << result.out;
}

TEST_P(VerifyCli, UntrustedIntermediatesInAnyOrderTakeTheirPlaceOnThePath) {
  // Mbed TLS looks for an issuer only after its child: the order must be the path's.
  const auto result = verify({chains("leaf.pem"), "--untrusted", chains("intermediate1.pem"),
                              "--untrusted", chains("intermediate2.pem"), "--trust",
                              chains("root.pem")});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_NE(result.out.find("leaf.chains.example -> /O=Fixture Chains/CN=Chain Intermediate 2 -> "),
            std::string::npos)
      << result.out;
}

TEST_P(VerifyCli, AnExpiredLeafIsExit6NamingTheCheckAndTheCertificate) {
  const auto result = verify({chains("leaf-expired.pem"), chains("intermediate1.pem"),
                              chains("intermediate2.pem"), "--trust", chains("root.pem")});
  ASSERT_EQ(result.exit_code, 6) << printed(result);
  EXPECT_NE(result.out.find("refused by " + GetParam()), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("expired at depth 0 (/O=Fixture Chains/CN=expired.chains.example)"),
            std::string::npos)
      << result.out;
}

TEST_P(VerifyCli, ACertificateIssuedByANonCaIsRefused) {
  const auto result = verify({chains("issued-by-not-ca.pem"), chains("not-ca.pem"),
                              chains("intermediate1.pem"), chains("intermediate2.pem"), "--trust",
                              chains("root.pem")});
  EXPECT_EQ(result.exit_code, 6) << printed(result);
}

TEST_P(VerifyCli, WithoutTheRootThereIsNoTrust) {
  const auto result = verify({chains("leaf.pem"), chains("intermediate1.pem"),
                              chains("intermediate2.pem"), "--trust", chains("unrelated.pem")});
  ASSERT_EQ(result.exit_code, 6) << printed(result);
  EXPECT_NE(result.out.find("untrusted"), std::string::npos) << result.out;
}

TEST_P(VerifyCli, AnUnknownPurposeIsAUsageError) {
  const auto result = verify({chains("leaf.pem"), "--trust", chains("root.pem"), "--purpose", "web"});
  EXPECT_EQ(result.exit_code, 2) << printed(result);
  EXPECT_NE(result.err.find("server, client, code-signing, email, any"), std::string::npos) << result.err;
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, VerifyCli, ::testing::ValuesIn(backend_names()),
                         [](const ::testing::TestParamInfo<std::string>& test) { return test.param; });

TEST(VerifyCliBackends, EveryBackendGivesItsVerdictSideBySide) {
  const auto result = polycert_cli({"verify", chains("leaf.pem"), chains("intermediate1.pem"),
                                    chains("intermediate2.pem"), "--trust", chains("root.pem"),
                                    "--backends", "all", "--json"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const auto document = nlohmann::json::parse(result.out);
  EXPECT_EQ(document["leaf"], "/O=Fixture Chains/CN=leaf.chains.example");
  ASSERT_EQ(document["verdicts"].size(), backend_names().size());
  for (const auto& verdict : document["verdicts"]) {
    EXPECT_EQ(verdict["valid"], true) << verdict.dump();
    EXPECT_EQ(verdict["path"].size(), 4u) << verdict.dump();
  }
}

TEST(VerifyCliBackends, ABackendThatCannotCheckIsShownAndTheExitIs5) {
  // Mbed TLS 2.28 validates at the system clock only; the others take --at.
  bool mbedtls = false;
  for (const auto& name : backend_names()) mbedtls = mbedtls || name == "mbedtls";
  if (!mbedtls) GTEST_SKIP() << "Mbed TLS is not compiled in: no backend lacks --at";
  const auto result = polycert_cli({"verify", chains("leaf.pem"), chains("intermediate1.pem"),
                                    chains("intermediate2.pem"), "--trust", chains("root.pem"),
                                    "--backends", "all", "--at", "2030-06-01"});
  EXPECT_EQ(result.exit_code, 5) << printed(result);
  EXPECT_NE(result.out.find("mbedtls  cannot check: "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("openssl  valid"), std::string::npos) << result.out;
}

TEST(VerifyCliBackends, ExitIs6WhenOneRefusesUnlessOneAcceptingIsEnough) {
  // A leaf without a DNS name, checked for the name in its CN: OpenSSL follows RFC 9525
  // (no CN fallback) and refuses; Botan and Mbed TLS fall back to the CN and accept.
  const std::vector<std::string> args = {"verify", chains("leaf.pem"), chains("intermediate1.pem"),
                                         chains("intermediate2.pem"), "--trust", chains("root.pem"),
                                         "--host", "leaf.chains.example", "--backends", "all"};
  const auto any = polycert_cli(args);
  if (backend_names().size() < 2) GTEST_SKIP() << "one backend compiled in";
  EXPECT_EQ(any.exit_code, 6) << printed(any);
  EXPECT_NE(any.out.find("openssl  refused  host at depth 0"), std::string::npos) << any.out;
  std::vector<std::string> one = args;
  one.push_back("--require-one");
  const auto accepted = polycert_cli(one);
  EXPECT_EQ(accepted.exit_code, 0) << printed(accepted);
}

}  // namespace
}  // namespace polycert::testing
