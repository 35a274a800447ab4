// `polycert convert` on every backend: P7B -> PEM gives exactly the certificates
// `openssl pkcs7 -print_certs` gives, PEM -> P7B is what `openssl crl2pkcs7` writes, keys
// come out decrypted or re-encrypted, and a refusal writes nothing.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "temp_dir.hpp"

#include <polycert/pem.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

namespace polycert::testing {
namespace {

std::vector<Bytes> pem_certificates(const std::string& path) {
  std::vector<Bytes> out;
  auto blocks = pem_decode(read_bytes(path));
  if (!blocks) throw std::runtime_error(path + ": " + blocks.error().message);
  for (const auto& block : *blocks)
    if (block.label == "CERTIFICATE") out.emplace_back(block.der.begin(), block.der.end());
  return out;
}

class ConvertEveryBackend : public ::testing::TestWithParam<std::string> {
 protected:
  ProcessResult convert(std::vector<std::string> args, ProcessOptions options = {}) {
    args.insert(args.begin(), {"--backend", GetParam(), "convert"});
    return polycert_cli(args, options);
  }
};

TEST_P(ConvertEveryBackend, P7bToPemGivesWhatOpensslPrints) {
  TempDir dir;
  for (const char* input : {"pkcs7/chain.p7b", "pkcs7/chain.p7b.der"}) {
    const std::string ours = dir.file(std::string("ours-") + std::filesystem::path(input).filename().string());
    const auto result = convert({fixture_path(input), "--to", "pem", "-o", ours});
    ASSERT_EQ(result.exit_code, 0) << printed(result);
    EXPECT_EQ(file_mode(ours), 0644u) << "no key, no secret";
    const std::string theirs = dir.file("theirs.pem");
    const auto oracle = run_process({"openssl", "pkcs7", "-in", fixture_path(input), "-inform",
                                     std::string(input).ends_with(".der") ? "DER" : "PEM",
                                     "-print_certs", "-out", theirs});
    ASSERT_EQ(oracle.exit_code, 0) << oracle.err;
    EXPECT_EQ(pem_certificates(ours), pem_certificates(theirs)) << input;
  }
}

TEST_P(ConvertEveryBackend, PemToP7bIsWhatCrl2pkcs7Writes) {
  TempDir dir;
  const std::string out = dir.file("chain.p7b");
  const auto result = convert({fixture_path("x509/chain-leaf.pem"), fixture_path("x509/chain-intermediate.pem"),
                               fixture_path("x509/chain-root.pem"), "--to", "p7b", "--outform", "der", "-o", out});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(read_bytes(out), fixture("pkcs7/chain.p7b.der"));
}

TEST_P(ConvertEveryBackend, DecryptsAKeyToPkcs8WithMode0600) {
  TempDir dir;
  const std::string out = dir.file("plain.key");
  const auto result = convert({fixture_path("encrypted/ec-P-384.pbes2-aes128-sha1.der"), "--passin",
                               "pass:fixture-password", "--to", "der", "-o", out});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(file_mode(out), 0600u);
  EXPECT_EQ(read_bytes(out), fixture("keys/ec-P-384.pkcs8.der"));
}

TEST_P(ConvertEveryBackend, ReencryptsAKeyThatOpensslThenOpens) {
  TempDir dir;
  const std::string out = dir.file("new.key");
  ProcessOptions env;
  env.set_env["NEW_PASSWORD"] = "new pässword";
  const auto result = convert({fixture_path("keys/rsa-2048.traditional.pem"), "--to", "pem", "--passout",
                               "env:NEW_PASSWORD", "--iterations", "5000", "--cipher", "aes-128-cbc", "-o", out},
                              env);
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(file_mode(out), 0600u);
  const auto opened = run_process({"openssl", "pkey", "-in", out, "-passin", "pass:new pässword", "-noout", "-text"});
  EXPECT_EQ(opened.exit_code, 0) << opened.err;
  EXPECT_NE(opened.out.find("Private-Key: (2048 bit"), std::string::npos);
}

TEST_P(ConvertEveryBackend, CertificateAndKeyMakeOneCombinedPemFile) {
  TempDir dir;
  const std::string out = dir.file("combined.pem");
  const auto result = convert({fixture_path("x509/chain-leaf.pem"), fixture_path("keys/ec-P-384.pkcs8.pem"),
                               "--to", "pem", "-o", out});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_EQ(file_mode(out), 0600u) << "a file with a key in it is a secret";
  auto blocks = pem_decode(read_bytes(out));
  ASSERT_TRUE(blocks && blocks->size() == 2);
  EXPECT_EQ((*blocks)[0].label, "CERTIFICATE");
  EXPECT_EQ((*blocks)[1].label, "PRIVATE KEY");
}

TEST_P(ConvertEveryBackend, RefusalsWriteNothing) {
  TempDir dir;
  const std::string out = dir.file("out");
  // Two certificates cannot be one DER file.
  EXPECT_EQ(convert({fixture_path("pkcs7/chain.p7b"), "--to", "der", "-o", out}).exit_code, 3);
  // A bundle without certificates, and a ContentInfo that is not SignedData.
  EXPECT_EQ(convert({fixture_path("pkcs7/empty.p7b.der"), "--to", "pem", "-o", out}).exit_code, 3);
  EXPECT_EQ(convert({fixture_path("pkcs7/not-signed-data.der"), "--to", "pem", "-o", out}).exit_code, 3);
  // A key cannot go into a PKCS#7 bundle.
  EXPECT_EQ(convert({fixture_path("x509/chain-leaf.pem"), fixture_path("keys/ec-P-384.pkcs8.pem"),
                     "--to", "p7b", "-o", out}).exit_code, 3);
  // A wrong password.
  EXPECT_EQ(convert({fixture_path("encrypted/ec-P-256.pbes2-aes256-sha256.pem"), "--passin", "pass:nope",
                     "--to", "pem", "-o", out}).exit_code, 4);
  // A truncated certificate.
  Bytes truncated = fixture("x509/ec-P-256.cert.der");
  truncated.resize(truncated.size() / 2);
  const auto result = convert({dir.write("half.der", truncated), "--to", "pem", "-o", out});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  EXPECT_NE(result.err.find("half.der"), std::string::npos) << "the error names the file: " << result.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_P(ConvertEveryBackend, PfxToPemGivesWhatOpensslPkcs12NodesGives) {
  auto provider = make_backend(GetParam());
  TempDir dir;
  for (const char* input : {"pkcs12/modern.p12", "pkcs12/3des.p12", "pkcs12/legacy.p12", "pkcs12/ber-outer.p12"}) {
    const std::string ours = dir.file("ours.pem");
    std::filesystem::remove(ours);
    const auto result = convert({fixture_path(input), "--passin", "pass:fixture-password", "--to", "pem", "-o", ours});
    if (std::string(input) == "pkcs12/legacy.p12" &&
        !provider->capabilities().supports(Operation::cipher, "rc2-40-cbc")) {
      EXPECT_EQ(result.exit_code, 5) << printed(result);
      EXPECT_NE(result.err.find("RC2-40"), std::string::npos) << result.err;
      EXPECT_NE(result.err.find("--backend openssl"), std::string::npos) << result.err;
      EXPECT_FALSE(std::filesystem::exists(ours));
      continue;
    }
    ASSERT_EQ(result.exit_code, 0) << input << ": " << printed(result);
    EXPECT_EQ(file_mode(ours), 0600u) << "the key is in it";
    const std::string theirs = dir.file("theirs.pem");
    const auto oracle = run_process({"openssl", "pkcs12", "-legacy", "-in", fixture_path(input), "-passin",
                                     "pass:fixture-password", "-nodes", "-out", theirs});
    ASSERT_EQ(oracle.exit_code, 0) << oracle.err;
    auto sorted = [](std::vector<Bytes> v) { std::ranges::sort(v); return v; };
    EXPECT_EQ(sorted(pem_certificates(ours)), sorted(pem_certificates(theirs))) << input;
    const auto our_key = run_process({"openssl", "pkey", "-in", ours, "-pubout"});
    const auto their_key = run_process({"openssl", "pkey", "-in", theirs, "-pubout"});
    EXPECT_EQ(our_key.out, their_key.out) << input;
  }
}

TEST_P(ConvertEveryBackend, PemToPfxThatOpensslAndEveryBackendRead) {
  TempDir dir;
  for (const bool legacy : {false, true}) {
    const std::string pfx = dir.file(legacy ? "legacy.p12" : "modern.p12");
    std::vector<std::string> args = {fixture_path("x509/chain-leaf.pem"), fixture_path("x509/chain-intermediate.pem"),
                                     fixture_path("keys/ec-P-384.pkcs8.pem"), "--to", "p12", "--passout",
                                     "pass:pfx pässword", "--iterations", "2000", "--name", "api", "-o", pfx};
    if (legacy) args.push_back("--legacy");
    const auto result = convert(args);
    ASSERT_EQ(result.exit_code, 0) << printed(result);
    EXPECT_EQ(file_mode(pfx), 0600u);
    std::vector<std::string> oracle = {"openssl", "pkcs12", "-in", pfx, "-passin", "pass:pfx pässword", "-info", "-nodes"};
    if (legacy) oracle.insert(oracle.begin() + 2, "-legacy");
    const auto info = run_process(oracle);
    ASSERT_EQ(info.exit_code, 0) << info.err;
    EXPECT_NE(info.err.find(legacy ? "MAC: sha1" : "MAC: sha256"), std::string::npos) << info.err;
    EXPECT_NE(info.out.find("friendlyName: api"), std::string::npos) << info.out;
    for (const auto& reader : backend_names()) {
      const auto back = polycert_cli({"--backend", reader, "convert", pfx, "--passin", "pass:pfx pässword",
                                      "--to", "pem", "-o", dir.file(reader + (legacy ? "-l.pem" : "-m.pem"))});
      EXPECT_EQ(back.exit_code, 0) << GetParam() << " -> " << reader << ": " << printed(back);
    }
  }
}

TEST_P(ConvertEveryBackend, PfxPasswordsFailWithExit4AndNothingWritten) {
  TempDir dir;
  const std::string out = dir.file("out.pem");
  const auto wrong = convert({fixture_path("pkcs12/modern.p12"), "--passin", "pass:wrong", "--to", "pem", "-o", out});
  EXPECT_EQ(wrong.exit_code, 4) << printed(wrong);
  const auto missing = convert({fixture_path("pkcs12/modern.p12"), "--to", "pem", "-o", out});
  EXPECT_EQ(missing.exit_code, 4) << printed(missing);
  EXPECT_NE(missing.err.find("--passin"), std::string::npos) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  const auto empty = convert({fixture_path("pkcs12/empty-password.p12"), "--to", "pem", "-o", out});
  EXPECT_EQ(empty.exit_code, 0) << printed(empty) << " (an empty password opens without --passin)";
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, ConvertEveryBackend, ::testing::ValuesIn(backend_names()),
                         [](const auto& test) { return test.param; });

}  // namespace
}  // namespace polycert::testing
