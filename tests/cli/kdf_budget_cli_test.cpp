// Key derivation work bounded per file and per command (docs/limits.md), PKCS#12
// passwords beyond the Basic Multilingual Plane, and the length cap of a file: password,
// through the CLI on every backend. The caps are lowered with --max-kdf-iterations so
// that a file over budget costs a few thousand iterations, not seconds.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "hostile_inputs.hpp"
#include "temp_dir.hpp"

#include <polycert/der.hpp>
#include <polycert/encrypted_key.hpp>
#include <polycert/password.hpp>

#include <gtest/gtest.h>

#include <filesystem>

namespace polycert::testing {
namespace {

constexpr std::string_view kData = "1.2.840.113549.1.7.1";
constexpr std::string_view kEncryptedData = "1.2.840.113549.1.7.6";
constexpr std::string_view kCertBag = "1.2.840.113549.1.12.10.1.3";
constexpr std::string_view kX509Certificate = "1.2.840.113549.1.9.22.1";
// U+1F511 (a key), outside the Basic Multilingual Plane, in a password.
const std::string kEmojiPassword = "s\xC3\xA9same \xF0\x9F\x94\x91";

SecureBuffer oid(std::string_view dotted) { return der::element(der::kOid, der::encode_oid(dotted)); }

SecureBuffer joined(std::initializer_list<ByteView> parts) {
  SecureBuffer out;
  for (ByteView part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

// A PFX without a MAC whose AuthenticatedSafe holds `parts` encryptedData parts, each
// encrypted under `options` with `password`, the first holding `certificate`: the hostile
// shape of issue 17, where every part costs a key derivation and the empty password opens
// the file without --passin.
Bytes pfx_with_encrypted_parts(Provider& provider, std::size_t parts, ByteView certificate,
                               const KeyEncryptionOptions& options, std::string_view password = "") {
  const SecureBuffer cert_value = der::element(
      der::kSequence, joined({oid(kX509Certificate),
                              der::element(der::context_constructed(0),
                                           der::element(der::kOctetString, certificate))}));
  const SecureBuffer cert_bag = der::element(
      der::kSequence, joined({oid(kCertBag), der::element(der::context_constructed(0), cert_value)}));
  SecureBuffer infos;
  for (std::size_t i = 0; i < parts; ++i) {
    const SecureBuffer safe_contents = der::element(der::kSequence, i == 0 ? ByteView(cert_bag) : ByteView{});
    auto encrypted = pbe_encrypt(provider, safe_contents, as_bytes(password), options);
    if (!encrypted) throw std::runtime_error(encrypted.error().message);
    const SecureBuffer content_info = der::element(
        der::kSequence, joined({oid(kData), encrypted->algorithm,
                                der::element(0x80, encrypted->ciphertext)}));  // [0] IMPLICIT
    const SecureBuffer encrypted_data = der::element(
        der::kSequence, joined({der::element(der::kInteger, der::encode_unsigned(0)), content_info}));
    const SecureBuffer info = der::element(
        der::kSequence, joined({oid(kEncryptedData), der::element(der::context_constructed(0), encrypted_data)}));
    infos.insert(infos.end(), info.begin(), info.end());
  }
  const SecureBuffer authenticated_safe = der::element(der::kSequence, infos);
  const SecureBuffer auth_safe_info = der::element(
      der::kSequence, joined({oid(kData), der::element(der::context_constructed(0),
                                                       der::element(der::kOctetString, authenticated_safe))}));
  const SecureBuffer pfx = der::element(
      der::kSequence, joined({der::element(der::kInteger, der::encode_unsigned(3)), auth_safe_info}));
  return Bytes(pfx.begin(), pfx.end());
}

KeyEncryptionOptions pbes2(std::uint32_t iterations) {
  KeyEncryptionOptions options;
  options.iterations = iterations;
  return options;
}

KeyEncryptionOptions pkcs12_3des(std::uint32_t iterations) {
  KeyEncryptionOptions options;
  options.scheme = KeyEncryption::Scheme::pkcs12_pbe;
  options.cipher = Cipher::des_ede3_cbc;
  options.iterations = iterations;
  return options;
}

std::size_t entries_in(const TempDir& dir) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir.path()),
                                                std::filesystem::directory_iterator()));
}

class KdfBudgetCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    provider = make_backend(GetParam());
    ASSERT_TRUE(provider);
  }

  ProcessResult polycert(std::vector<std::string> args, const ProcessOptions& options = {}) {
    args.insert(args.begin(), {"--backend", GetParam()});
    return polycert_cli(args, options);
  }

  // Runs `args` plus `-o OUT` in `dir`; checks exit 3, each of `expected` in the message,
  // and that nothing was written, not even a temporary file.
  void expect_refused(const TempDir& dir, std::vector<std::string> args,
                      std::initializer_list<std::string_view> expected, const ProcessOptions& options = {}) {
    const std::size_t before = entries_in(dir);
    const std::string out = dir.file("out");
    args.insert(args.end(), {"-o", out});
    const auto result = polycert(args, options);
    EXPECT_EQ(result.exit_code, 3) << printed(result);
    for (std::string_view part : expected)
      EXPECT_NE(result.err.find(part), std::string::npos) << "'" << part << "' not in: " << result.err;
    EXPECT_FALSE(std::filesystem::exists(out)) << "an output was written";
    EXPECT_EQ(entries_in(dir), before) << "a file was left behind";
  }

  std::unique_ptr<Provider> provider;
  const Bytes certificate = fixture("x509/ec-P-256.cert.der");
};

TEST_P(KdfBudgetCli, SixteenPartsEachUnderTheCapButOverItTogetherAreRefusedAtOnce) {
  TempDir dir;
  // 16 x 1000 iterations, no MAC, the empty password: each derivation is under a cap of
  // 7000, the file's 16000 are over the input's 2 x 7000.
  const std::string pfx =
      dir.write("hostile.p12", pfx_with_encrypted_parts(*provider, 16, certificate, pbes2(1000)));
  expect_refused(dir, {"--max-kdf-iterations", "7000", "convert", pfx, "--to", "pem"},
                 {pfx + ": PKCS#12: the file's key derivations (16 encrypted parts) ask for 16000 iterations in all",
                  "over the limit of 14000 (2 x 7000) for one input",
                  "raise it with --max-kdf-iterations N only for a file you trust"});

  // The input's budget is twice the cap: at 8000 the same file reads.
  const auto read = polycert({"--max-kdf-iterations", "8000", "convert", pfx, "--to", "pem", "-o", dir.file("ok.pem")});
  EXPECT_EQ(read.exit_code, 0) << printed(read);
  EXPECT_NE(read.err.find("no MAC"), std::string::npos) << read.err;
}

TEST_P(KdfBudgetCli, ARetryWithTheOtherFormOfTheEmptyPasswordIsChargedToo) {
  TempDir dir;
  // PKCS#12 3DES derives key and IV apart: 2 parts x 2 x 1000 = 4000 declared. Without
  // --passin the absent password is tried first; it fails on the first part (2000 spent),
  // then the empty one opens the file (4000 more).
  const std::string pfx =
      dir.write("retry.p12", pfx_with_encrypted_parts(*provider, 2, certificate, pkcs12_3des(1000)));
  expect_refused(dir, {"--max-kdf-iterations", "2999", "convert", pfx, "--to", "pem"},
                 {pfx, "would bring this input's key derivations to 6000 iterations",
                  "over the limit of 5998 (2 x 2999) for one input"});
  const auto read = polycert({"--max-kdf-iterations", "3000", "convert", pfx, "--to", "pem", "-o", dir.file("ok.pem")});
  EXPECT_EQ(read.exit_code, 0) << printed(read);
}

TEST_P(KdfBudgetCli, ACommandsInputsTogetherAreBoundedBySixteenCaps) {
  TempDir dir;
  // Seventeen files of 1000 iterations each, every one within a cap of 1000: the command
  // may spend 16 x 1000.
  std::vector<std::string> files;
  for (int i = 0; i < 17; ++i)
    files.push_back(dir.write("part" + std::to_string(i) + ".p12",
                              pfx_with_encrypted_parts(*provider, 1, certificate, pbes2(1000))));
  std::vector<std::string> sixteen = {"--max-kdf-iterations", "1000", "convert"};
  sixteen.insert(sixteen.end(), files.begin(), files.end() - 1);
  sixteen.insert(sixteen.end(), {"--to", "pem", "-o", dir.file("sixteen.pem")});
  const auto within = polycert(sixteen);
  EXPECT_EQ(within.exit_code, 0) << printed(within);

  std::vector<std::string> seventeen = {"--max-kdf-iterations", "1000", "convert"};
  seventeen.insert(seventeen.end(), files.begin(), files.end());
  seventeen.insert(seventeen.end(), {"--to", "pem"});
  expect_refused(dir, seventeen,
                 // Refused from what the 17th file declares, before its derivation.
                 {files.back(), "ask for 1000 iterations, 17000 in all for this command",
                  "over the limit of 16000 (16 x 1000) for one command", "--max-kdf-iterations N"});
}

TEST_P(KdfBudgetCli, PolycertWritesOnlyPfxFilesItReadsUnderTheSameCap) {
  TempDir dir;
  ProcessOptions options;
  options.set_env["PW"] = "pfx password";
  // MAC 2048 + certificates 1100 + key 1100 = 4248 iterations in all, an input's budget
  // (twice the cap) at a cap of 2124.
  const std::vector<std::string> write = {"convert", fixture_path("x509/chain-leaf.pem"),
                                          fixture_path("keys/ec-P-384.pkcs8.pem"), "--to", "p12",
                                          "--passout", "env:PW", "--iterations", "1100"};
  std::vector<std::string> over = {"--max-kdf-iterations", "2123"};
  over.insert(over.end(), write.begin(), write.end());
  expect_refused(dir, over, {"would ask for 4248 iterations in all, over the limit of 4246 (2 x 2123) for one input"},
                 options);

  std::vector<std::string> at_cap = {"--max-kdf-iterations", "2124"};
  at_cap.insert(at_cap.end(), write.begin(), write.end());
  const std::string pfx = dir.file("ours.p12");
  at_cap.insert(at_cap.end(), {"-o", pfx});
  const auto written = polycert(at_cap, options);
  ASSERT_EQ(written.exit_code, 0) << printed(written);
  const auto read = polycert({"--max-kdf-iterations", "2124", "convert", pfx, "--passin", "env:PW", "--to", "pem",
                              "-o", dir.file("back.pem")},
                             options);
  EXPECT_EQ(read.exit_code, 0) << printed(read);
}

TEST_P(KdfBudgetCli, APfxOpensslWroteWithAnEmojiPasswordReads) {
  TempDir dir;
  ProcessOptions options;
  options.set_env["PW"] = kEmojiPassword;
  for (const bool triple_des : {false, true}) {
    SCOPED_TRACE(triple_des ? "PKCS#12 3DES" : "PBES2 AES-256");
    const std::string pfx = dir.file(triple_des ? "3des.p12" : "aes.p12");
    std::vector<std::string> export_args = {"openssl", "pkcs12", "-export", "-in", fixture_path("x509/chain-leaf.pem"),
                                            "-inkey", fixture_path("keys/ec-P-384.pkcs8.pem"), "-passout", "env:PW",
                                            "-out", pfx};
    // The PKCS#12 KDF then takes the password for the ciphers too, not only for the MAC.
    if (triple_des)
      export_args.insert(export_args.end(), {"-certpbe", "PBE-SHA1-3DES", "-keypbe", "PBE-SHA1-3DES", "-macalg", "sha1"});
    const auto exported = run_process(export_args, options);
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    const std::string out = dir.file(triple_des ? "3des.pem" : "aes.pem");
    const auto read = polycert({"convert", pfx, "--passin", "env:PW", "--to", "pem", "-o", out}, options);
    ASSERT_EQ(read.exit_code, 0) << printed(read);
    const auto ours = run_process({"openssl", "pkey", "-in", out, "-pubout"});
    const auto theirs = run_process({"openssl", "pkey", "-in", fixture_path("keys/ec-P-384.pkcs8.pem"), "-pubout"});
    EXPECT_EQ(ours.out, theirs.out);
  }
}

TEST_P(KdfBudgetCli, APfxPolycertWritesWithAnEmojiPasswordOpensInOpenssl) {
  TempDir dir;
  ProcessOptions options;
  options.set_env["PW"] = kEmojiPassword;
  for (const bool legacy : {false, true}) {
    SCOPED_TRACE(legacy ? "legacy" : "modern");
    const std::string pfx = dir.file(legacy ? "legacy.p12" : "modern.p12");
    std::vector<std::string> args = {"convert", fixture_path("x509/chain-leaf.pem"), fixture_path("keys/ec-P-384.pkcs8.pem"),
                                     "--to", "p12", "--passout", "env:PW", "--iterations", "2000", "-o", pfx};
    if (legacy) args.push_back("--legacy");
    const auto written = polycert(args, options);
    ASSERT_EQ(written.exit_code, 0) << printed(written);
    const auto oracle = run_process({"openssl", "pkcs12", "-in", pfx, "-passin", "env:PW", "-nodes", "-info"}, options);
    EXPECT_EQ(oracle.exit_code, 0) << oracle.err;
    EXPECT_NE(oracle.out.find("BEGIN PRIVATE KEY"), std::string::npos) << oracle.out;
    const auto wrong = run_process({"openssl", "pkcs12", "-in", pfx, "-passin", "pass:s\xC3\xA9same ", "-nodes"});
    EXPECT_NE(wrong.exit_code, 0) << "the emoji is part of the password";
  }
}

TEST_P(KdfBudgetCli, AFilePasswordLongerThan64KibIsRefusedNamingTheSourceAndTheLimit) {
  TempDir dir;
  const std::string key = fixture_path("encrypted/ec-P-256.pbes2-aes256-sha256.pem");
  const std::string too_long = dir.write("too-long.txt", Bytes(100 * 1024, 'x'));
  expect_refused(dir, {"convert", key, "--passin", "file:" + too_long, "--to", "pem"},
                 {"--passin: the password from file:" + too_long + " is longer than 65536 bytes"});
  const std::string one_over = dir.write("one-over.txt", Bytes(kMaxPasswordSize + 1, 'x'));
  expect_refused(dir, {"convert", key, "--passin", "file:" + one_over, "--to", "pem"}, {"65536 bytes"});

  // At the limit, with a line end after it, the password is read: and is wrong (exit 4).
  Bytes at_limit(kMaxPasswordSize, 'x');
  at_limit.push_back('\n');
  const std::string longest = dir.write("longest.txt", at_limit);
  const auto wrong = polycert({"convert", key, "--passin", "file:" + longest, "--to", "pem", "-o", dir.file("k.pem")});
  EXPECT_EQ(wrong.exit_code, 4) << printed(wrong);
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, KdfBudgetCli, ::testing::ValuesIn(backend_names()),
                         [](const auto& test) { return test.param; });

}  // namespace
}  // namespace polycert::testing
