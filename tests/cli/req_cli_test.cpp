// `polycert req` end to end on every backend: the two flows operators follow today with
// `openssl req`, reproduced exactly and checked with the openssl CLI, and what happens
// when the input runs out or is wrong.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "openssl_oracle.hpp"
#include "temp_dir.hpp"

#include <polycert/pem.hpp>

#include <gtest/gtest.h>

#include <filesystem>

namespace polycert::testing {
namespace {

Bytes only_pem_block(const std::string& path, std::string_view label) {
  auto blocks = pem_decode(read_bytes(path));
  if (!blocks || blocks->size() != 1 || (*blocks)[0].label != label)
    throw std::runtime_error(path + ": not one " + std::string(label) + " block");
  return Bytes((*blocks)[0].der.begin(), (*blocks)[0].der.end());
}

// The public key inside a request, as `openssl req -pubkey` prints it, against the one
// `openssl pkey -pubout` derives from the key file.
void expect_request_belongs_to_key(const std::string& csr, const std::string& key) {
  const auto from_csr = run_process({"openssl", "req", "-in", csr, "-noout", "-pubkey"});
  const auto from_key = run_process({"openssl", "pkey", "-in", key, "-pubout"});
  ASSERT_EQ(from_csr.exit_code, 0) << from_csr.err;
  ASSERT_EQ(from_key.exit_code, 0) << from_key.err;
  EXPECT_EQ(from_csr.out, from_key.out);
}

class ReqEveryBackend : public ::testing::TestWithParam<std::string> {};

// Flow (a): a new RSA key and a request, the subject typed at openssl's prompts.
TEST_P(ReqEveryBackend, NewKeyAndRequestFromAnswersAtThePrompts) {
  TempDir dir;
  const std::string key = dir.file("mycompany.key"), csr = dir.file("mycompany.csr");
  ProcessOptions answers;
  answers.input =
      "US\nMassachusetts\nBoston\nAcme\n\napi.acme.com\napi-admin@acme.com\n\nAcme\n";
  const auto result = polycert_cli({"--backend", GetParam(), "req", "--new-key", "rsa:2048",
                                    "--key-out", key, "-o", csr},
                                   answers);
  ASSERT_EQ(result.exit_code, 0) << printed(result);

  // openssl's prompts, in openssl's order.
  std::size_t at = 0;
  for (std::string_view prompt :
       {"Country Name (2 letter code) []:", "State or Province Name (full name) []:",
        "Locality Name (eg, city) []:", "Organization Name (eg, company) []:",
        "Organizational Unit Name (eg, section) []:",
        "Common Name (e.g. server FQDN or YOUR name) []:", "Email Address []:",
        "Please enter the following 'extra' attributes", "A challenge password []:",
        "An optional company name []:"}) {
    const auto found = result.err.find(prompt, at);
    ASSERT_NE(found, std::string::npos) << "missing or out of order: " << prompt << "\n" << result.err;
    at = found;
  }

  EXPECT_EQ(file_mode(key), 0600u);
  EXPECT_EQ(openssl_check_private_key(only_pem_block(key, "PRIVATE KEY")).spec, KeySpec::rsa(2048));
  const auto oracle = openssl_verify_csr(only_pem_block(csr, "CERTIFICATE REQUEST"));
  ASSERT_TRUE(oracle.accepted) << oracle.output;
  EXPECT_NE(oracle.output.find("Subject: C = US, ST = Massachusetts, L = Boston, O = Acme, "
                               "CN = api.acme.com, emailAddress = api-admin@acme.com\n"),
            std::string::npos)
      << oracle.output;
  EXPECT_NE(oracle.output.find("unstructuredName         :Acme"), std::string::npos) << oracle.output;
  EXPECT_EQ(oracle.output.find("challengePassword"), std::string::npos) << "none was given";
  EXPECT_NE(oracle.output.find("sha256WithRSAEncryption"), std::string::npos);
  expect_request_belongs_to_key(csr, key);
}

// Flow (b): an existing key (openssl genrsa's traditional PEM), the subject in slash form.
TEST_P(ReqEveryBackend, RequestForAnExistingKeyWithTheSubjectGiven) {
  TempDir dir;
  const std::string key = dir.file("private.key"), csr = dir.file("request.csr");
  std::filesystem::copy_file(fixture_path("keys/rsa-2048.traditional.pem"), key);
  const auto result = polycert_cli(
      {"--backend", GetParam(), "req", "--key", key, "--digest", "sha256", "--subject",
       "/C=US/ST=California/L=Mountain View/O=WSO2/OU=IT/", "-o", csr});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(result.err.find("Country Name"), std::string::npos) << "no prompts with --subject";
  const auto oracle = openssl_verify_csr(only_pem_block(csr, "CERTIFICATE REQUEST"));
  ASSERT_TRUE(oracle.accepted) << oracle.output;
  EXPECT_NE(oracle.output.find("Subject: C = US, ST = California, L = Mountain View, O = WSO2, OU = IT\n"),
            std::string::npos)
      << oracle.output;
  EXPECT_NE(oracle.output.find("sha256WithRSAEncryption"), std::string::npos);
  expect_request_belongs_to_key(csr, key);
}

TEST_P(ReqEveryBackend, SansUsagesAndAttributesFromTheCommandLine) {
  TempDir dir;
  const std::string csr = dir.file("r.csr");
  ProcessOptions env;
  env.set_env["CHALLENGE"] = "tell nobody";
  env.set_env["POLYCERT_BACKEND"] = GetParam();
  const auto result = polycert_cli(
      {"req", "--key", fixture_path("keys/ec-P-256.pkcs8.pem"), "--batch", "--subject",
       "CN=api.acme.com,O=Acme,C=US", "--san", "DNS:api.acme.com,IP:10.0.0.1,email:ops@acme.com",
       "--key-usage", "digitalSignature", "--ext-key-usage", "serverAuth", "--challenge-password",
       "env:CHALLENGE", "--unstructured-name", "Acme Corp", "--digest", "sha384", "-o", csr},
      env);
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(result.err.find("tell nobody"), std::string::npos) << "a secret was printed";
  const auto oracle = openssl_verify_csr(only_pem_block(csr, "CERTIFICATE REQUEST"));
  ASSERT_TRUE(oracle.accepted) << oracle.output;
  for (std::string_view expected :
       {"Subject: C = US, O = Acme, CN = api.acme.com", "DNS:api.acme.com, IP Address:10.0.0.1, email:ops@acme.com",
        "Digital Signature", "TLS Web Server Authentication", "challengePassword        :tell nobody",
        "unstructuredName         :Acme Corp", "ecdsa-with-SHA384"})
    EXPECT_NE(oracle.output.find(expected), std::string::npos) << expected << "\n" << oracle.output;
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, ReqEveryBackend, ::testing::ValuesIn(backend_names()),
                         [](const ::testing::TestParamInfo<std::string>& test) { return test.param; });

TEST(ReqCli, EndOfInputEndsThePromptsCleanly) {
  TempDir dir;
  ProcessOptions answers;
  answers.input = "US\nCalifornia\n";  // then nothing more
  const auto result = polycert_cli(
      {"req", "--key", fixture_path("keys/ec-P-256.pkcs8.pem"), "-o", dir.file("r.csr")}, answers);
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const auto oracle = openssl_verify_csr(only_pem_block(dir.file("r.csr"), "CERTIFICATE REQUEST"));
  EXPECT_NE(oracle.output.find("Subject: C = US, ST = California\n"), std::string::npos) << oracle.output;
}

TEST(ReqCli, NoAnswersAtAllIsAnErrorAndWritesNothing) {
  TempDir dir;
  const auto result = polycert_cli(
      {"req", "--key", fixture_path("keys/ec-P-256.pkcs8.pem"), "-o", dir.file("r.csr")});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  EXPECT_NE(result.err.find("empty subject"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("r.csr")));
}

TEST(ReqCli, AnOverlongCountryIsExit3AndNamesTheRule) {
  TempDir dir;
  const auto result = polycert_cli({"req", "--key", fixture_path("keys/ec-P-256.pkcs8.pem"),
                                    "--subject", "/C=USA/CN=x", "-o", dir.file("r.csr")});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  EXPECT_NE(result.err.find("C"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("r.csr")));
}

TEST(ReqCli, BatchWithoutSubjectIsAUsageError) {
  const auto result = polycert_cli({"req", "--key", fixture_path("keys/ec-P-256.pkcs8.pem"), "--batch"});
  EXPECT_EQ(result.exit_code, 2) << printed(result);
}

TEST(ReqCli, ExistingOutputIsRefusedBeforeAnyKeyIsMade) {
  TempDir dir;
  const std::string csr = dir.write("r.csr", Bytes{'o', 'l', 'd'});
  const auto result = polycert_cli({"req", "--new-key", "ec:P-256", "--key-out", dir.file("new.key"),
                                    "--subject", "/CN=x", "-o", csr});
  EXPECT_NE(result.exit_code, 0) << printed(result);
  EXPECT_FALSE(std::filesystem::exists(dir.file("new.key")));
  EXPECT_EQ(read_bytes(csr), (Bytes{'o', 'l', 'd'}));
}

}  // namespace
}  // namespace polycert::testing
