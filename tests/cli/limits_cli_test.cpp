// Every limit of docs/limits.md through the CLI: exit status 3 (invalid input), a message
// that names the count and the limit, and nothing written. --max-kdf-iterations moves
// the one limit that is a run-time setting.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "hostile_inputs.hpp"
#include "temp_dir.hpp"
#include "x509_cases.hpp"

#include <polycert/der.hpp>
#include <polycert/formats.hpp>
#include <polycert/limits.hpp>
#include <polycert/pem.hpp>

#include <gtest/gtest.h>

#include <filesystem>

namespace polycert::testing {
namespace {

std::size_t entries_in(const TempDir& dir) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir.path()),
                                                std::filesystem::directory_iterator()));
}

// Runs `convert INPUTS... --to pem -o OUT` (plus `extra`) in `dir` and checks the refusal:
// exit 3, each of `expected` in the message, no output and no temporary file.
void expect_refused(const TempDir& dir, std::vector<std::string> args,
                    std::initializer_list<std::string_view> expected,
                    const ProcessOptions& options = {}) {
  const std::size_t before = entries_in(dir);
  const std::string out = dir.file("out.pem");
  args.insert(args.end(), {"-o", out});
  const auto result = polycert_cli(args, options);
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  for (std::string_view part : expected)
    EXPECT_NE(result.err.find(part), std::string::npos) << "'" << part << "' not in: " << result.err;
  EXPECT_FALSE(std::filesystem::exists(out)) << "an output was written";
  EXPECT_EQ(entries_in(dir), before) << "a file was left behind";
  EXPECT_TRUE(result.out.empty()) << result.out;
}

Bytes text_bytes(const std::string& text) { return Bytes(text.begin(), text.end()); }

TEST(LimitsCli, AnInputOverFourMebibytesIsRefused) {
  TempDir dir;
  const std::string big = dir.write("big.der", Bytes(der::kMaxInputSize + 1, 0x30));
  expect_refused(dir, {"convert", big, "--to", "pem"}, {big, "4194304-byte input limit"});
}

TEST(LimitsCli, NestingDeeperThan64LevelsIsRefused) {
  TempDir dir;
  const std::string deep = dir.write("deep.der", nested_sequences(der::kMaxDepth + 1));
  expect_refused(dir, {"convert", deep, "--to", "pem"}, {deep, "deeper than 64 levels"});
}

TEST(LimitsCli, AnRsaPublicKeyOverTheModulusLimitIsRefused) {
  TempDir dir;
  const std::string key =
      dir.write("big.pub", text_bytes(pem_text("PUBLIC KEY", rsa_spki_with_modulus_bits(16385))));
  expect_refused(dir, {"convert", key, "--to", "der"}, {key, "16385 bits", "16384"});
}

TEST(LimitsCli, AnRsaPrivateKeyOverTheModulusLimitIsRefused) {
  TempDir dir;
  const std::string key = dir.write(
      "big.key", text_bytes(pem_text("RSA PRIVATE KEY", rsa_private_key_with_modulus_bits(16392))));
  expect_refused(dir, {"convert", key, "--to", "der"}, {key, "16392 bits", "16384"});
}

TEST(LimitsCli, ACertificateWithAnOversizedRsaKeyIsRefusedOnEveryBackend) {
  TempDir dir;
  const Bytes certificate = certificate_with_spki(rsa_spki_with_modulus_bits(40000));
  const std::string file = dir.write("big.pem", text_bytes(pem_text("CERTIFICATE", certificate)));
  for (const std::string& backend : backend_names()) {
    SCOPED_TRACE(backend);
    expect_refused(dir, {"--backend", backend, "convert", file, "--to", "pem"},
                   {file, "40000 bits", "16384"});
  }
}

TEST(LimitsCli, AnEncryptedKeyAskingFor2To31IterationsIsRefusedAtOnce) {
  TempDir dir;
  const std::string key = dir.write("hostile.der", encrypted_key_with_iterations(std::uint64_t{1} << 31));
  expect_refused(dir, {"convert", key, "--passin", "pass:pw", "--to", "pem"},
                 {key, "2147483648 iterations", "limit of 2000000", "--max-kdf-iterations"});
}

TEST(LimitsCli, APfxWhoseMacAsksFor2To31IterationsIsRefusedOnEveryBackend) {
  TempDir dir;
  const std::string pfx = dir.write(
      "hostile.p12", pfx_with_mac_iterations(fixture("pkcs12/modern.p12"), 2147483647));
  for (const std::string& backend : backend_names()) {
    SCOPED_TRACE(backend);
    expect_refused(dir,
                   {"--backend", backend, "convert", pfx, "--passin", "pass:fixture-password", "--to", "pem"},
                   {pfx, "PKCS#12 MAC", "2147483647 iterations", "limit of 2000000"});
  }
}

TEST(LimitsCli, MaxKdfIterationsLowersAndRaisesTheCap) {
  TempDir dir;
  // The fixtures are written with openssl's 2048 iterations.
  const std::string key = fixture_path("encrypted/ec-P-256.pbes2-aes256-sha256.pem");
  ProcessOptions options;
  options.set_env["PW"] = "fixture-password";
  expect_refused(dir, {"--max-kdf-iterations", "2047", "convert", key, "--passin", "env:PW", "--to", "pem"},
                 {"2048 iterations", "limit of 2047"}, options);
  expect_refused(dir, {"convert", key, "--passin", "env:PW", "--to", "pem", "--max-kdf-iterations=2047"},
                 {"2048 iterations", "limit of 2047"}, options);

  const std::string out = dir.file("key.pem");
  const auto opened = polycert_cli(
      {"--max-kdf-iterations", "2048", "convert", key, "--passin", "env:PW", "--to", "pem", "-o", out}, options);
  EXPECT_EQ(opened.exit_code, 0) << printed(opened);
  EXPECT_EQ(file_mode(out), 0600u);
}

TEST(LimitsCli, MaxKdfIterationsAlsoBoundsWhatIsWritten) {
  TempDir dir;
  ProcessOptions options;
  options.set_env["PW"] = "new password";
  const auto result = polycert_cli({"--max-kdf-iterations", "5000", "convert", fixture_path("keys/ec-P-256.pkcs8.pem"),
                                    "--to", "pem", "--passout", "env:PW", "--iterations", "6000",
                                    "-o", dir.file("k.pem")}, options);
  EXPECT_EQ(result.exit_code, 2) << printed(result);
  EXPECT_NE(result.err.find("--iterations must be 1000 to 5000"), std::string::npos) << result.err;
  EXPECT_EQ(entries_in(dir), 0u);
}

TEST(LimitsCli, MaxKdfIterationsTakesOnlyANumberInRange) {
  for (const char* value : {"0", "-5", "abc", "12x", "2147483648", ""}) {
    SCOPED_TRACE(value);
    const auto before = polycert_cli({"--max-kdf-iterations", value, "backends"});
    EXPECT_EQ(before.exit_code, 2) << printed(before);
    EXPECT_NE(before.err.find("--max-kdf-iterations needs a number from 1 to 2147483647"),
              std::string::npos) << before.err;
    const auto after = polycert_cli({"inspect", fixture_path("x509/ec-P-256.cert.der"),
                                     "--max-kdf-iterations", value});
    EXPECT_EQ(after.exit_code, 2) << printed(after);
  }
}

TEST(LimitsCli, APkcs7BundleOverTheCertificateLimitIsRefused) {
  TempDir dir;
  const std::vector<Bytes> certificates(kMaxContainerEntries + 1, fixture("x509/ec-P-256.cert.der"));
  const std::string bundle = dir.write("many.p7b", write_pkcs7_certificates(certificates));
  expect_refused(dir, {"convert", bundle, "--to", "pem"}, {bundle, "more than 1000 certificates"});
}

TEST(LimitsCli, AFileWithMorePemBlocksThanTheLimitIsRefused) {
  TempDir dir;
  const std::string block = pem_text("CERTIFICATE", fixture("x509/ec-P-256.cert.der"));
  std::string text;
  for (std::size_t i = 0; i <= kMaxObjectsPerFile; ++i) text += block;
  const std::string file = dir.write("many.pem", text_bytes(text));
  expect_refused(dir, {"convert", file, "--to", "der"}, {file, "1001 PEM blocks", "limit of 1000"});
}

TEST(LimitsCli, APfxWithMorePartsThanTheLimitIsRefused) {
  TempDir dir;
  const std::string pfx = dir.write("parts.p12", pfx_with_parts(kMaxPkcs12Parts + 1));
  expect_refused(dir, {"convert", pfx, "--passin", "pass:", "--to", "pem"}, {pfx, "more than 16 parts"});
}

TEST(LimitsCli, APfxWithMoreBagsThanTheLimitIsRefused) {
  TempDir dir;
  const std::string pfx = dir.write(
      "bags.p12", pfx_with_certificates(fixture("x509/ec-P-256.cert.der"), kMaxContainerEntries + 1));
  expect_refused(dir, {"convert", pfx, "--passin", "pass:", "--to", "pem"}, {pfx, "more than 1000 safe bags"});
}

// CA certificates made with one committed key, written as PEM files for `chain`.
class ChainFiles {
 public:
  ChainFiles() {
    provider_ = make_backend(backend_names().front());
    auto key = fixture_key(*provider_, KeySpec::ec(Curve::p256));
    if (!key) throw std::runtime_error(key.error().message);
    key_ = std::move(*key);
    auto spki = provider_->export_public_key(*key_);
    if (!spki) throw std::runtime_error(spki.error().message);
    spki_ = std::move(*spki);
  }
  Bytes issue(const std::string& common_name, std::uint8_t serial, const Bytes* issuer) {
    CertificateSpec spec = ca_certificate_spec(common_name, std::nullopt);
    spec.serial.back() = serial;
    std::optional<ByteView> issuer_view;
    if (issuer) issuer_view = ByteView(*issuer);
    auto issued = provider_->issue_certificate(spec, spki_, *key_, issuer_view);
    if (!issued) throw std::runtime_error(issued.error().message);
    return std::move(*issued);
  }

 private:
  std::unique_ptr<Provider> provider_;
  std::unique_ptr<PrivateKey> key_;
  Bytes spki_;
};

void expect_chain_refused(const TempDir& dir, const std::string& bundle, std::string_view expected) {
  const std::string out = dir.file("chain.pem");
  const auto result = polycert_cli({"chain", bundle, "--at", "2027-01-01", "-o", out});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  EXPECT_NE(result.err.find(expected), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(LimitsCli, ChainRefusesAPathLongerThanTheLimit) {
  TempDir dir;
  ChainFiles files;
  std::string bundle;
  Bytes issuer = files.issue("level 0", 1, nullptr);
  bundle += pem_text("CERTIFICATE", issuer);
  for (std::size_t i = 1; i <= kMaxChainLength; ++i) {
    Bytes next = files.issue("level " + std::to_string(i), 1, &issuer);
    bundle += pem_text("CERTIFICATE", next);
    issuer = std::move(next);
  }
  expect_chain_refused(dir, dir.write("long.pem", text_bytes(bundle)), "longer than 32 certificates");
}

TEST(LimitsCli, ChainRefusesMoreSameNamedIssuersThanItTries) {
  TempDir dir;
  ChainFiles files;
  std::string bundle;
  Bytes first;
  for (std::uint8_t i = 1; i <= kMaxIssuerCandidates + 1; ++i) {
    Bytes twin = files.issue("twin", i, nullptr);
    bundle += pem_text("CERTIFICATE", twin);
    if (i == 1) first = twin;
  }
  bundle += pem_text("CERTIFICATE", files.issue("child", 1, &first));
  expect_chain_refused(dir, dir.write("twins.pem", text_bytes(bundle)), "17 certificates could be the issuer");
}

TEST(LimitsCli, ChainRefusesMoreCertificatesThanTheLimit) {
  TempDir dir;
  const std::string block = pem_text("CERTIFICATE", fixture("x509/ec-P-256.cert.der"));
  std::string text;
  for (std::size_t i = 0; i < 600; ++i) text += block;
  const std::string first = dir.write("a.pem", text_bytes(text));
  const std::string second = dir.write("b.pem", text_bytes(text));
  const std::string out = dir.file("chain.pem");
  const auto result = polycert_cli({"chain", first, second, "-o", out});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  EXPECT_NE(result.err.find("1200 certificates, over polycert's limit of 1000"), std::string::npos)
      << result.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace polycert::testing
