// Revocation end to end on every backend: `polycert crl` issues a CRL that `openssl crl`
// verifies and `openssl verify -crl_check` uses, `inspect` shows it with its signature
// checked by the CA certificate given beside it, `verify --crl` refuses the revoked leaf
// (exit 6) and accepts it before it was revoked, and `crl --update` carries the entries
// over under the next number.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

namespace polycert::testing {
namespace {

const std::string kCaKey = fixture_path("keys/ec-P-256.pkcs8.pem");
const std::string kLeafKey = fixture_path("keys/ec-P-384.pkcs8.pem");

class CrlCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_EQ(polycert({"selfsign", "--key", kCaKey, "--subject", "/O=Acme/CN=Revoking CA", "--ca",
                        "--days", "30", "-o", ca})
                  .exit_code,
              0);
    ASSERT_EQ(polycert({"req", "--key", kLeafKey, "--batch", "--subject", "/CN=gone.acme.example",
                        "-o", csr})
                  .exit_code,
              0);
    const auto signed_leaf = polycert({"sign", "--csr", csr, "--ca-cert", ca, "--ca-key", kCaKey,
                                       "--days", "7", "-o", leaf});
    ASSERT_EQ(signed_leaf.exit_code, 0) << printed(signed_leaf);
  }

  ProcessResult polycert(std::vector<std::string> args) {
    args.insert(args.begin(), {"--backend", GetParam()});
    return polycert_cli(args);
  }
  ProcessResult issue(std::vector<std::string> extra, const std::string& out) {
    std::vector<std::string> args{"crl", "--ca-cert", ca, "--ca-key", kCaKey, "-o", out};
    args.insert(args.end(), extra.begin(), extra.end());
    return polycert(args);
  }

  TempDir dir;
  const std::string ca = dir.file("ca.crt"), csr = dir.file("leaf.csr"), leaf = dir.file("leaf.crt");
  const std::string crl = dir.file("ca.crl");
};

TEST_P(CrlCli, ARevokedLeafIsExit6AndOpensslAgrees) {
  const auto issued = issue({"--revoke", leaf + ":keyCompromise"}, crl);
  ASSERT_EQ(issued.exit_code, 0) << printed(issued);
  EXPECT_NE(issued.err.find("listing 1 revoked certificate"), std::string::npos) << issued.err;

  const auto openssl_crl = run_process({"openssl", "crl", "-in", crl, "-CAfile", ca, "-noout", "-text"});
  EXPECT_NE((openssl_crl.out + openssl_crl.err).find("verify OK"), std::string::npos) << printed(openssl_crl);
  EXPECT_NE(openssl_crl.out.find("Key Compromise"), std::string::npos) << openssl_crl.out;
  const auto openssl_verify = run_process({"openssl", "verify", "-crl_check", "-CRLfile", crl, "-CAfile", ca, leaf});
  EXPECT_NE(openssl_verify.exit_code, 0);
  EXPECT_NE((openssl_verify.out + openssl_verify.err).find("certificate revoked"), std::string::npos)
      << printed(openssl_verify);

  const auto verified = polycert({"verify", leaf, "--trust", ca, "--crl", crl});
  EXPECT_EQ(verified.exit_code, 6) << printed(verified);
  EXPECT_NE(verified.out.find("revoked at depth 0 (/CN=gone.acme.example)"), std::string::npos) << verified.out;
}

TEST_P(CrlCli, BeforeTheRevocationThePathIsValidAndOpensslAgrees) {
  ASSERT_EQ(issue({}, crl).exit_code, 0);
  const auto verified = polycert({"verify", leaf, "--trust", ca, "--crl", crl});
  EXPECT_EQ(verified.exit_code, 0) << printed(verified);
  EXPECT_EQ(run_process({"openssl", "verify", "-crl_check", "-CRLfile", crl, "-CAfile", ca, leaf}).exit_code, 0);
}

TEST_P(CrlCli, InspectShowsTheEntriesAndChecksTheSignatureWithTheCaGivenBesideIt) {
  ASSERT_EQ(issue({"--revoke", "0A:1B:2C:superseded", "--number", "41"}, crl).exit_code, 0);
  const auto alone = polycert({"inspect", crl});
  ASSERT_EQ(alone.exit_code, 0) << printed(alone);
  EXPECT_NE(alone.out.find("certificate revocation list (PEM)"), std::string::npos) << alone.out;
  EXPECT_NE(alone.out.find("0A:1B:2C on "), std::string::npos) << alone.out;
  EXPECT_NE(alone.out.find(", superseded"), std::string::npos) << alone.out;
  EXPECT_NE(alone.out.find("CRL number:         29"), std::string::npos) << alone.out;  // 41 = 0x29
  EXPECT_NE(alone.out.find("not among the inputs"), std::string::npos) << alone.out;

  const auto with_ca = polycert({"inspect", crl, ca});
  ASSERT_EQ(with_ca.exit_code, 0) << printed(with_ca);
  EXPECT_NE(with_ca.out.find("verifies, issued by /O=Acme/CN=Revoking CA"), std::string::npos) << with_ca.out;
}

TEST_P(CrlCli, UpdateCarriesTheEntriesOverUnderTheNextNumber) {
  ASSERT_EQ(issue({"--revoke", "05"}, crl).exit_code, 0);
  const std::string next = dir.file("next.crl");
  const auto updated = issue({"--update", crl, "--revoke", leaf}, next);
  ASSERT_EQ(updated.exit_code, 0) << printed(updated);
  EXPECT_NE(updated.err.find("Wrote CRL number 02"), std::string::npos) << updated.err;
  EXPECT_NE(updated.err.find("listing 2 revoked certificates"), std::string::npos) << updated.err;
  const auto shown = polycert({"inspect", "--json", next});
  EXPECT_NE(shown.out.find("\"serial\": \"05\""), std::string::npos) << shown.out;
}

TEST_P(CrlCli, WhatCannotBeRevokedIsRefusedAndNothingIsWritten) {
  const auto not_a_serial = issue({"--revoke", "no-such-file.crt"}, crl);
  EXPECT_NE(not_a_serial.exit_code, 0);
  EXPECT_NE(not_a_serial.err.find("hexadecimal"), std::string::npos) << not_a_serial.err;
  EXPECT_FALSE(std::filesystem::exists(crl));
  // The leaf is no CA: it issues no CRL.
  const auto by_leaf = polycert({"crl", "--ca-cert", leaf, "--ca-key", kLeafKey, "-o", crl});
  EXPECT_EQ(by_leaf.exit_code, 6) << printed(by_leaf);
  EXPECT_NE(by_leaf.err.find("not a CA"), std::string::npos) << by_leaf.err;
  EXPECT_FALSE(std::filesystem::exists(crl));
}

TEST_P(CrlCli, ACrlOfAnotherKeyWithTheCasNameIsARefusalNotASilentPass) {
  // Another CA (another key) with the same name issued this list.
  const std::string impostor = dir.file("impostor.crt");
  ASSERT_EQ(polycert({"selfsign", "--key", kLeafKey, "--subject", "/O=Acme/CN=Revoking CA", "--ca",
                      "-o", impostor})
                .exit_code,
            0);
  ASSERT_EQ(polycert({"crl", "--ca-cert", impostor, "--ca-key", kLeafKey, "-o", crl}).exit_code, 0);
  const auto verified = polycert({"verify", leaf, "--trust", ca, "--crl", crl});
  EXPECT_EQ(verified.exit_code, 6) << printed(verified);
}

TEST_P(CrlCli, AMalformedCrlIsRefusedNamingItsFile) {
  ASSERT_EQ(issue({}, crl).exit_code, 0);
  const std::string der = dir.file("broken.crl");
  ASSERT_EQ(polycert({"convert", crl, "--to", "der", "-o", der}).exit_code, 0);  // openssl crl -outform DER
  const auto back = polycert({"convert", der, "-o", dir.file("again.pem")});
  ASSERT_EQ(back.exit_code, 0) << printed(back);
  EXPECT_NE(back.err.find("Wrote 1 CRL to"), std::string::npos) << back.err;
  // The version field of a v2 CRL (INTEGER 1) made 2, which RFC 5280 does not define.
  auto bytes = read_bytes(der);
  const Bytes version = {0x02, 0x01, 0x01};
  auto at = std::search(bytes.begin(), bytes.end(), version.begin(), version.end());
  ASSERT_NE(at, bytes.end());
  at[2] = 0x02;
  const std::string broken = dir.write("broken2.crl", bytes);
  const auto verified = polycert({"verify", leaf, "--trust", ca, "--crl", broken});
  EXPECT_EQ(verified.exit_code, 3) << printed(verified);
  EXPECT_NE(verified.err.find(broken), std::string::npos) << verified.err;
  EXPECT_NE(verified.err.find("RFC 5280 5.1.2.1"), std::string::npos) << verified.err;
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, CrlCli, ::testing::ValuesIn(backend_names()),
                         [](const ::testing::TestParamInfo<std::string>& test) { return test.param; });

}  // namespace
}  // namespace polycert::testing
