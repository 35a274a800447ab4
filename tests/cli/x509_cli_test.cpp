// `polycert selfsign`, `sign` and `inspect` end to end: a development CA chain built by
// the CLI with any backend at each step passes `openssl verify`, and every refusal a CA
// operator relies on happens with the documented exit status.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "openssl_oracle.hpp"
#include "temp_dir.hpp"

#include <nlohmann/json.hpp>
#include <gtest/gtest.h>

#include <filesystem>

namespace polycert::testing {
namespace {

// Runs polycert on one backend and fails the test unless it succeeds.
void run_ok(const std::string& backend, std::vector<std::string> args) {
  args.insert(args.begin(), {"--backend", backend});
  const auto result = polycert_cli(args);
  ASSERT_EQ(result.exit_code, 0) << printed(result);
}

const std::string kRootKey = fixture_path("keys/ec-P-256.pkcs8.pem");
const std::string kIntermediateKey = fixture_path("keys/rsa-2048.traditional.pem");
const std::string kLeafKey = fixture_path("keys/ec-P-384.pkcs8.pem");

class CliChain : public ::testing::TestWithParam<BackendTriple> {};

TEST_P(CliChain, RootIntermediateAndLeafPassOpensslVerify) {
  const auto& [root_backend, intermediate_backend, leaf_backend] = GetParam();
  TempDir dir;
  const std::string root = dir.file("root.crt"), intermediate = dir.file("intermediate.crt"),
                    leaf = dir.file("leaf.crt");
  run_ok(root_backend, {"selfsign", "--key", kRootKey, "--subject", "/O=Acme/CN=Acme Dev Root",
                        "--ca", "--days", "3650", "-o", root});
  run_ok(intermediate_backend, {"req", "--key", kIntermediateKey, "--batch", "--subject",
                                "/O=Acme/CN=Acme Dev Intermediate", "-o", dir.file("i.csr")});
  run_ok(intermediate_backend, {"sign", "--csr", dir.file("i.csr"), "--ca-cert", root, "--ca-key",
                                kRootKey, "--ca", "--days", "1825", "-o", intermediate});
  run_ok(leaf_backend, {"req", "--key", kLeafKey, "--batch", "--subject", "/O=Acme/CN=api.acme.com",
                        "--san", "DNS:api.acme.com,IP:10.1.2.3", "-o", dir.file("l.csr")});
  run_ok(leaf_backend, {"sign", "--csr", dir.file("l.csr"), "--ca-cert", intermediate, "--ca-key",
                        kIntermediateKey, "-o", leaf});
  const auto verify = run_process({"openssl", "verify", "-x509_strict", "-purpose", "sslserver",
                                   "-CAfile", root, "-untrusted", intermediate, leaf});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  const auto text = run_process({"openssl", "x509", "-in", leaf, "-noout", "-text"});
  EXPECT_NE(text.out.find("DNS:api.acme.com, IP Address:10.1.2.3"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("CA:FALSE"), std::string::npos) << text.out;
}

INSTANTIATE_TEST_SUITE_P(EveryBackendAtEveryStep, CliChain, every_backend_triple(),
                         backend_triple_name);

class InspectEveryBackend : public ::testing::TestWithParam<std::string> {};

TEST_P(InspectEveryBackend, ShowsARequestAsJsonTheSameOnEveryBackend) {
  const auto result = polycert_cli({"--backend", GetParam(), "inspect", "--json",
                                    fixture_path("x509/rsa-2048.csr.der")});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const auto document = nlohmann::json::parse(result.out);
  EXPECT_EQ(document["backend"], GetParam());
  ASSERT_EQ(document["objects"].size(), 1u);
  const auto& json = document["objects"][0];
  EXPECT_EQ(json["kind"], "certificate_request");
  EXPECT_EQ(json["encoding"], "DER");
  EXPECT_EQ(json["subject"], "/C=US/ST=California/L=Mountain View/O=WSO2/OU=IT/CN=fixture.example");
  EXPECT_EQ(json["public_key"]["spec"], "rsa:2048");
  EXPECT_EQ(json["extensions"]["subject_alt_names"].size(), 6u);
  EXPECT_EQ(json["challenge_password_present"], true);
  EXPECT_EQ(result.out.find("fixture-password"), std::string::npos) << "the secret was printed";
  EXPECT_EQ(json["unstructured_name"], "Fixture Company");
  EXPECT_EQ(json["signature_valid"], true);
}

TEST_P(InspectEveryBackend, ShowsEveryObjectOfEveryFile) {
  const auto result = polycert_cli(
      {"--backend", GetParam(), "inspect", "--json", fixture_path("pkcs7/chain.p7b.der"),
       fixture_path("keys/ec-P-384.traditional.pem"),
       fixture_path("encrypted/rsa-2048.pbes2-aes256-sha256.der")});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const auto objects = nlohmann::json::parse(result.out)["objects"];
  ASSERT_EQ(objects.size(), 5u);
  EXPECT_EQ(objects[0]["container"], "PKCS#7");
  EXPECT_EQ(objects[0]["subject"], "/O=Fixture/CN=leaf.fixture.example");
  EXPECT_EQ(objects[2]["subject"], "/O=Fixture/CN=Fixture Root CA");
  EXPECT_EQ(objects[2]["signature_valid"], true);
  EXPECT_EQ(objects[3]["kind"], "private_key");
  EXPECT_EQ(objects[3]["form"], "sec1");
  EXPECT_EQ(objects[3]["public_key"]["spec"], "ec:P-384");
  EXPECT_EQ(objects[4]["kind"], "encrypted_private_key");
  EXPECT_EQ(objects[4]["encryption"], "PBES2 (PBKDF2-HMAC-SHA256, 2048 iterations, AES-256-CBC)");
  EXPECT_TRUE(objects[4]["public_key"].is_null()) << "no password, so the key stays closed";
}

TEST_P(InspectEveryBackend, OpensAnEncryptedKeyWithPassin) {
  const auto result = polycert_cli({"--backend", GetParam(), "inspect", "--json", "--passin",
                                    "pass:fixture-password",
                                    fixture_path("encrypted/ec-P-256.pkcs12-3des.der")});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(nlohmann::json::parse(result.out)["objects"][0]["public_key"]["spec"], "ec:P-256");
}

TEST_P(InspectEveryBackend, ShowsACertificateAndChecksASelfSignedSignature) {
  const auto result =
      polycert_cli({"--backend", GetParam(), "inspect", fixture_path("x509/chain-root.pem")});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_NE(result.out.find("subject:            /O=Fixture/CN=Fixture Root CA"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("self-signed, verifies"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("basicConstraints:   CA:TRUE"), std::string::npos) << result.out;
}

TEST_P(InspectEveryBackend, ACorruptRequestSignatureIsExit6) {
  TempDir dir;
  Bytes csr = fixture("x509/ec-P-256.csr.der");
  csr.back() ^= 0x01;
  const auto result = polycert_cli({"--backend", GetParam(), "inspect", dir.write("bad.csr", csr)});
  EXPECT_EQ(result.exit_code, 6) << printed(result);
  EXPECT_NE(result.out.find("DOES NOT VERIFY"), std::string::npos) << result.out;
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, InspectEveryBackend, ::testing::ValuesIn(backend_names()),
                         [](const ::testing::TestParamInfo<std::string>& test) { return test.param; });

TEST(SignCli, RefusesARequestWhoseSignatureDoesNotVerify) {
  TempDir dir;
  Bytes csr = fixture("x509/ec-P-384.csr.der");
  csr.back() ^= 0x01;
  const auto result = polycert_cli({"sign", "--csr", dir.write("bad.csr", csr), "--ca-cert",
                                    fixture_path("x509/chain-intermediate.pem"), "--ca-key",
                                    kIntermediateKey, "-o", dir.file("out.crt")});
  EXPECT_EQ(result.exit_code, 6) << printed(result);
  EXPECT_FALSE(std::filesystem::exists(dir.file("out.crt")));
}

TEST(SignCli, RefusesACaCertificateThatIsNotACa) {
  TempDir dir;
  const auto result = polycert_cli({"sign", "--csr", fixture_path("x509/ec-P-256.csr.der"),
                                    "--ca-cert", fixture_path("x509/chain-leaf.pem"), "--ca-key",
                                    kLeafKey, "-o", dir.file("out.crt")});
  EXPECT_EQ(result.exit_code, 6) << printed(result);
  EXPECT_NE(result.err.find("not a CA"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("out.crt")));
}

TEST(SignCli, RefusesACaKeyThatDoesNotBelongToTheCaCertificate) {
  TempDir dir;
  const auto result = polycert_cli({"sign", "--csr", fixture_path("x509/ec-P-256.csr.der"),
                                    "--ca-cert", fixture_path("x509/chain-intermediate.pem"),
                                    "--ca-key", kLeafKey, "-o", dir.file("out.crt")});
  EXPECT_EQ(result.exit_code, 6) << printed(result);
  EXPECT_FALSE(std::filesystem::exists(dir.file("out.crt")));
}

TEST(SignCli, IssuesUnderOpensslsIntermediateWithARandomSixteenByteSerial) {
  TempDir dir;
  const std::string out = dir.file("leaf.crt");
  const auto result = polycert_cli({"sign", "--csr", fixture_path("x509/ec-P-256.csr.der"),
                                    "--ca-cert", fixture_path("x509/chain-intermediate.pem"),
                                    "--ca-key", kIntermediateKey, "--days", "30", "-o", out});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const auto verify = run_process({"openssl", "verify", "-x509_strict", "-CAfile",
                                   fixture_path("x509/chain-root.pem"), "-untrusted",
                                   fixture_path("x509/chain-intermediate.pem"), out});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  const auto serial = run_process({"openssl", "x509", "-in", out, "-noout", "-serial"});
  // serial=<32 hex digits>: 16 bytes, the first below 0x80 (positive, no padding octet).
  ASSERT_EQ(serial.out.size(), std::string("serial=\n").size() + 32) << serial.out;
  EXPECT_LT(std::stoi(serial.out.substr(7, 1), nullptr, 16), 8);
}

TEST(SelfsignCli, RefusesToReplaceAnExistingCertificate) {
  TempDir dir;
  const std::string out = dir.write("dev.crt", Bytes{'k', 'e', 'e', 'p'});
  const auto result = polycert_cli({"selfsign", "--key", kRootKey, "--subject", "/CN=dev", "-o", out});
  EXPECT_NE(result.exit_code, 0) << printed(result);
  EXPECT_EQ(read_bytes(out), (Bytes{'k', 'e', 'e', 'p'}));
}

}  // namespace
}  // namespace polycert::testing
