// `inspect` of several certificates says per link whether it chains: a certificate issued
// by another is checked with the key of an input certificate named as its issuer ("verifies,
// issued by ... (FILE #n)"), one whose issuer is not among the inputs is "not checked", and
// one whose named issuer's key does not verify it is DOES NOT VERIFY, exit 6.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

namespace polycert::testing {
namespace {

std::string chains(const std::string& name) { return fixture_path("chains/" + name); }

class InspectLinksCli : public ::testing::TestWithParam<std::string> {
 protected:
  ProcessResult polycert(std::vector<std::string> args) {
    args.insert(args.begin(), {"--backend", GetParam()});
    return polycert_cli(args);
  }
};

TEST_P(InspectLinksCli, EachCertificateOfABundleSaysWhichInputIssuedIt) {
  const std::string bundle = chains("bundle-shuffled.pem");
  const auto shown = polycert({"inspect", bundle});
  ASSERT_EQ(shown.exit_code, 0) << printed(shown);
  EXPECT_NE(shown.out.find("verifies, issued by /O=Fixture Chains/CN=Chain Intermediate 2 (" + bundle + " #4)"),
            std::string::npos)
      << shown.out;
  EXPECT_NE(shown.out.find("verifies, issued by /O=Fixture Chains/CN=Chain Root CA (" + bundle + " #3)"),
            std::string::npos)
      << shown.out;
  EXPECT_EQ(shown.out.find("not among the inputs"), std::string::npos) << shown.out;
}

TEST_P(InspectLinksCli, AnIssuerMissingFromTheInputsIsNotChecked) {
  const auto shown = polycert({"inspect", chains("leaf.pem")});
  ASSERT_EQ(shown.exit_code, 0) << printed(shown);
  EXPECT_NE(shown.out.find("issued by a certificate not among the inputs (not checked)"), std::string::npos)
      << shown.out;
}

TEST_P(InspectLinksCli, AnInputWithTheIssuersNameButAnotherKeyIsNamedAndExit6) {
  TempDir dir;
  const std::string ca = dir.file("ca.crt"), other = dir.file("other.crt"), csr = dir.file("leaf.csr"),
                    leaf = dir.file("leaf.crt");
  const std::string ca_key = fixture_path("keys/ec-P-256.pkcs8.pem"), other_key = fixture_path("keys/ec-P-384.pkcs8.pem");
  ASSERT_EQ(polycert({"selfsign", "--key", ca_key, "--subject", "/O=Acme/CN=Same Name CA", "--ca", "-o", ca}).exit_code, 0);
  ASSERT_EQ(polycert({"selfsign", "--key", other_key, "--subject", "/O=Acme/CN=Same Name CA", "--ca", "-o", other})
                .exit_code,
            0);
  ASSERT_EQ(polycert({"req", "--key", other_key, "--batch", "--subject", "/CN=leaf.acme.example", "-o", csr}).exit_code, 0);
  ASSERT_EQ(polycert({"sign", "--csr", csr, "--ca-cert", ca, "--ca-key", ca_key, "-o", leaf}).exit_code, 0);
  const auto shown = polycert({"inspect", leaf, other});
  EXPECT_EQ(shown.exit_code, 6) << printed(shown);
  EXPECT_NE(shown.out.find("DOES NOT VERIFY"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find(other + " has the issuer's name, /O=Acme/CN=Same Name CA, but its key does not verify"),
            std::string::npos)
      << shown.out;
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, InspectLinksCli, ::testing::ValuesIn(backend_names()),
                         [](const ::testing::TestParamInfo<std::string>& test) { return test.param; });

}  // namespace
}  // namespace polycert::testing
