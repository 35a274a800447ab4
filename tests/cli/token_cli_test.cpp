// Keys in a PKCS#11 token (SoftHSM2, a token per test, its PIN only ever in $TOKEN_PIN):
// `genkey --token` makes them there, not extractable; `req`, `selfsign`, `sign` and `crl`
// sign with them through every backend, and the openssl CLI accepts what they signed;
// pkcs11-tool sees the key with the attributes polycert gave it; and the mistakes a user
// makes (wrong PIN, no such token, a URI matching two keys) are clear refusals.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "soft_token.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

namespace polycert::testing {
namespace {

const std::string kFileKey = fixture_path("keys/ec-P-384.pkcs8.pem");

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

class TokenCliBase {
 protected:
  ProcessResult run(std::vector<std::string> args) { return polycert_cli(std::move(args), token.options()); }
  // A key made in the token; its URI as genkey printed it.
  std::string token_key(const std::string& algorithm, const std::string& label) {
    const auto made = run({"genkey", algorithm, "--token", token.uri(), "--label", label, "--pin", "env:TOKEN_PIN"});
    EXPECT_EQ(made.exit_code, 0) << printed(made);
    return first_line(made.out);
  }
  // An independent tool (openssl, certtool) reading what polycert wrote.
  ProcessResult oracle(const std::vector<std::string>& args) { return run_process(args); }

  SoftToken token;
  TempDir dir;
};

class TokenCli : public TokenCliBase, public ::testing::TestWithParam<std::string> {
 protected:
  ProcessResult polycert(std::vector<std::string> args) {
    args.insert(args.begin(), {"--backend", GetParam()});
    args.insert(args.end(), {"--pin", "env:TOKEN_PIN"});
    return run(std::move(args));
  }
  // Request, self-signed CA and a CA-signed leaf, each signed in the token, each accepted
  // by the openssl CLI.
  void sign_everything_with(const std::string& uri) {
    const std::string csr = dir.file("api.csr"), ca = dir.file("ca.crt");
    const std::string leaf_csr = dir.file("leaf.csr"), leaf = dir.file("leaf.crt"), crl = dir.file("ca.crl");
    auto made = polycert({"req", "--key", uri, "--batch", "--subject", "/O=Acme/CN=api.acme.example", "-o", csr});
    ASSERT_EQ(made.exit_code, 0) << printed(made);
    auto checked = oracle({"openssl", "req", "-in", csr, "-verify", "-noout"});
    EXPECT_EQ(checked.exit_code, 0) << printed(checked);

    made = polycert({"selfsign", "--key", uri, "--subject", "/O=Acme/CN=Token CA", "--ca", "--days", "30", "-o", ca});
    ASSERT_EQ(made.exit_code, 0) << printed(made);
    checked = oracle({"openssl", "verify", "-CAfile", ca, ca});
    EXPECT_EQ(checked.exit_code, 0) << printed(checked);

    ASSERT_EQ(polycert({"req", "--key", kFileKey, "--batch", "--subject", "/CN=leaf.acme.example", "-o", leaf_csr})
                  .exit_code,
              0);
    made = polycert({"sign", "--csr", leaf_csr, "--ca-cert", ca, "--ca-key", uri, "--days", "7", "-o", leaf});
    ASSERT_EQ(made.exit_code, 0) << printed(made);
    checked = oracle({"openssl", "verify", "-CAfile", ca, leaf});
    EXPECT_EQ(checked.exit_code, 0) << printed(checked);

    // certtool (GnuTLS) is a second reader of what the token signed.
    for (const auto& [option, file] : {std::pair{"--crq-info", csr}, std::pair{"--certificate-info", ca},
                                       std::pair{"--certificate-info", leaf}}) {
      const auto read = oracle({"certtool", option, "--infile", file});
      EXPECT_EQ(read.exit_code, 0) << option << " " << file << "\n" << printed(read);
    }

    made = polycert({"crl", "--ca-cert", ca, "--ca-key", uri, "--revoke", leaf, "-o", crl});
    ASSERT_EQ(made.exit_code, 0) << printed(made);
    checked = oracle({"openssl", "crl", "-in", crl, "-CAfile", ca, "-noout"});
    EXPECT_NE((checked.out + checked.err).find("verify OK"), std::string::npos) << printed(checked);
  }
};

TEST_P(TokenCli, AnEcKeyInTheTokenSignsRequestsCertificatesAndCrls) {
  sign_everything_with(token_key("ec:P-256", "api"));
}

TEST_P(TokenCli, AnRsaKeyInTheTokenSignsRequestsCertificatesAndCrls) {
  sign_everything_with(token_key("rsa:2048", "api-rsa"));
}

TEST_P(TokenCli, Ed25519InTheTokenSignsWhereTheBackendHasItAndIsExit5Elsewhere) {
  const std::string uri = token_key("ed25519", "api-ed");
  const auto made = polycert({"req", "--key", uri, "--batch", "--subject", "/CN=ed.acme.example", "-o", dir.file("ed.csr")});
  if (GetParam() == "mbedtls") {
    EXPECT_EQ(made.exit_code, 5) << printed(made);
    EXPECT_NE(made.err.find("ed25519"), std::string::npos) << made.err;
    return;
  }
  ASSERT_EQ(made.exit_code, 0) << printed(made);
  const auto checked = oracle({"openssl", "req", "-in", dir.file("ed.csr"), "-verify", "-noout"});
  EXPECT_EQ(checked.exit_code, 0) << printed(checked);
}

TEST_P(TokenCli, AnRsaKeyBesideAnEd25519KeyIsStillFound) {
  // OpenSSL's libp11 engine loses every key once the token holds an Ed25519 key (libp11#427).
  token_key("ed25519", "other-ed");
  sign_everything_with(token_key("rsa:2048", "beside-ed"));
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, TokenCli, ::testing::ValuesIn(backend_names()),
                         [](const ::testing::TestParamInfo<std::string>& test) { return test.param; });

class TokenKeys : public TokenCliBase, public ::testing::Test {};

TEST_F(TokenKeys, RsaRequestsAreByteIdenticalOnEveryBackend) {
  // PKCS#1 v1.5 is deterministic: the same key and subject give the same request bytes.
  const std::string uri = token_key("rsa:2048", "same");
  Bytes first;
  for (const std::string& backend : backend_names()) {
    const std::string out = dir.file(backend + ".csr");
    const auto made = run({"--backend", backend, "req", "--key", uri, "--pin", "env:TOKEN_PIN", "--batch",
                           "--subject", "/CN=same.acme.example", "--format", "der", "-o", out});
    ASSERT_EQ(made.exit_code, 0) << printed(made);
    if (first.empty()) first = read_bytes(out);
    else EXPECT_EQ(read_bytes(out), first) << backend;
  }
}

TEST_F(TokenKeys, GenkeyPrintsTheUriAndPkcs11ToolSeesASensitiveNonExtractableKey) {
  const std::string uri = token_key("ec:P-384", "gateway");
  EXPECT_TRUE(uri.starts_with("pkcs11:")) << uri;
  EXPECT_NE(uri.find("object=gateway"), std::string::npos) << uri;
  EXPECT_NE(uri.find("type=private"), std::string::npos) << uri;
  const auto listed = run_process({"pkcs11-tool", "--module", kSoftHsmModule, "--token-label", token.label(),
                                   "--login", "--pin", "env:TOKEN_PIN", "--list-objects", "--type", "privkey"},
                                  token.options());
  ASSERT_EQ(listed.exit_code, 0) << printed(listed);
  EXPECT_NE(listed.out.find("gateway"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("sensitive"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("never extractable"), std::string::npos) << listed.out;
  // And the token signs with it for pkcs11-tool too.
  const std::string data = dir.write("data", Bytes(32, 0x5a));
  const auto signed_data = run_process({"pkcs11-tool", "--module", kSoftHsmModule, "--token-label", token.label(),
                                        "--login", "--pin", "env:TOKEN_PIN", "--sign", "--mechanism", "ECDSA",
                                        "--label", "gateway", "--input-file", data, "--output-file",
                                        dir.file("sig")},
                                       token.options());
  EXPECT_EQ(signed_data.exit_code, 0) << printed(signed_data);
}

TEST_F(TokenKeys, TokensListsTheKeyWithItsAlgorithmAndExtractability) {
  token_key("ec:P-256", "listed");
  const auto shown = run({"tokens", token.uri(), "--pin", "env:TOKEN_PIN", "--json"});
  ASSERT_EQ(shown.exit_code, 0) << printed(shown);
  EXPECT_NE(shown.out.find("\"label\": \"listed\""), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("\"algorithm\": \"ec:P-256\""), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("\"extractable\": false"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("sign ec"), std::string::npos) << shown.out;
  // The free slot SoftHSM2 always adds is listed as such, not opened.
  const auto every = run({"tokens", "--json"});
  ASSERT_EQ(every.exit_code, 0) << printed(every);
  EXPECT_NE(every.out.find("\"initialized\": false"), std::string::npos) << every.out;
  // Without a PIN the private key stays hidden, and the text says why.
  const auto plain = run({"tokens", token.uri()});
  ASSERT_EQ(plain.exit_code, 0) << printed(plain);
  EXPECT_NE(plain.out.find("not logged in"), std::string::npos) << plain.out;
}

TEST_F(TokenKeys, AWrongPinIsExit4AndTheTokenStillOpensWithTheRightOne) {
  const std::string uri = token_key("ec:P-256", "guarded");
  auto options = token.options();
  options.set_env["WRONG_PIN"] = "0000";
  const auto wrong = polycert_cli({"req", "--key", uri, "--pin", "env:WRONG_PIN", "--batch", "--subject", "/CN=x",
                                   "-o", dir.file("x.csr")},
                                  options);
  EXPECT_EQ(wrong.exit_code, 4) << printed(wrong);
  EXPECT_NE(wrong.err.find("wrong PIN"), std::string::npos) << wrong.err;
  EXPECT_EQ(wrong.err.find("0000"), std::string::npos) << "the PIN is never printed: " << wrong.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("x.csr")));
  const auto right = run({"req", "--key", uri, "--pin", "env:TOKEN_PIN", "--batch", "--subject", "/CN=x", "-o",
                          dir.file("x.csr")});
  EXPECT_EQ(right.exit_code, 0) << printed(right);
}

TEST_F(TokenKeys, NoPinAndNoTerminalIsExit4SayingHowToGiveIt) {
  const std::string uri = token_key("ec:P-256", "needs-pin");
  const auto made = run({"req", "--key", uri, "--batch", "--subject", "/CN=x", "-o", dir.file("x.csr")});
  EXPECT_EQ(made.exit_code, 4) << printed(made);
  EXPECT_NE(made.err.find("--pin"), std::string::npos) << made.err;
}

TEST_F(TokenKeys, NoSuchTokenOrKeyIsExit3NamingTheUri) {
  const auto no_token = run({"req", "--key", "pkcs11:token=absent;object=api", "--pin", "env:TOKEN_PIN", "--batch",
                             "--subject", "/CN=x", "-o", dir.file("x.csr")});
  EXPECT_EQ(no_token.exit_code, 3) << printed(no_token);
  EXPECT_NE(no_token.err.find("pkcs11:token=absent;object=api"), std::string::npos) << no_token.err;
  EXPECT_NE(no_token.err.find("no token matches"), std::string::npos) << no_token.err;

  const auto no_key = run({"req", "--key", token.uri() + ";object=absent", "--pin", "env:TOKEN_PIN", "--batch",
                           "--subject", "/CN=x", "-o", dir.file("x.csr")});
  EXPECT_EQ(no_key.exit_code, 3) << printed(no_key);
  EXPECT_NE(no_key.err.find("no private key"), std::string::npos) << no_key.err;
}

TEST_F(TokenKeys, AUriMatchingTwoKeysIsExit3ListingThem) {
  token_key("ec:P-256", "first");
  token_key("ec:P-256", "second");
  const auto made = run({"req", "--key", token.uri() + ";type=private", "--pin", "env:TOKEN_PIN", "--batch",
                         "--subject", "/CN=x", "-o", dir.file("x.csr")});
  EXPECT_EQ(made.exit_code, 3) << printed(made);
  EXPECT_NE(made.err.find("matches 2 private keys"), std::string::npos) << made.err;
  EXPECT_NE(made.err.find("object=first"), std::string::npos) << made.err;
  EXPECT_NE(made.err.find("object=second"), std::string::npos) << made.err;
}

TEST_F(TokenKeys, ASecondKeyUnderOneLabelIsRefused) {
  token_key("ec:P-256", "taken");
  const auto again = run({"genkey", "ec:P-256", "--token", token.uri(), "--label", "taken", "--pin", "env:TOKEN_PIN"});
  EXPECT_EQ(again.exit_code, 1) << printed(again);
  EXPECT_NE(again.err.find("already holds an object labelled 'taken'"), std::string::npos) << again.err;
}

TEST_F(TokenKeys, TheModuleMayBeNamedInTheQueryOrInThePathAsStepWritesIt) {
  token_key("ec:P-256", "step");
  const std::string module = kSoftHsmModule;
  for (const std::string& uri : {"pkcs11:token=" + token.label() + ";object=step?module-path=" + module,
                                 "pkcs11:module-path=" + module + ";token=" + token.label() + ";object=step"}) {
    const auto made = run({"req", "--key", uri, "--pin", "env:TOKEN_PIN", "--batch", "--subject", "/CN=step",
                           "-o", dir.file("step.csr"), "--force"});
    EXPECT_EQ(made.exit_code, 0) << uri << "\n" << printed(made);
  }
}

TEST_F(TokenKeys, AModulePathThatIsMissingOrNoModuleIsExit3NamingIt) {
  const std::string not_a_module = dir.write("not-a-module.so", Bytes{'h', 'i'});
  for (const std::string& path : {dir.file("absent.so"), not_a_module}) {
    const auto made = run({"req", "--key", "pkcs11:token=gw;object=api?module-path=" + path, "--pin",
                           "env:TOKEN_PIN", "--batch", "--subject", "/CN=x", "-o", dir.file("x.csr")});
    EXPECT_EQ(made.exit_code, 3) << printed(made);
    EXPECT_NE(made.err.find("cannot load the PKCS#11 module " + path), std::string::npos) << made.err;
  }
}

TEST_F(TokenKeys, TheUrisPinSourceGivesThePin) {
  const std::string uri = token_key("ec:P-256", "pin-file");
  const std::string pin_file = dir.write("pin", Bytes(token.pin().begin(), token.pin().end()));
  const auto made = run({"req", "--key", uri + "?pin-source=file:" + pin_file, "--batch", "--subject", "/CN=x",
                         "-o", dir.file("x.csr")});
  EXPECT_EQ(made.exit_code, 0) << printed(made);
}

TEST_F(TokenKeys, ReqMakesItsNewKeyInTheTokenAndNamesItsUri) {
  const std::string csr = dir.file("fresh.csr");
  const auto made = run({"req", "--new-key", "ec:P-256", "--token", token.uri(), "--label", "fresh", "--pin",
                         "env:TOKEN_PIN", "--batch", "--subject", "/CN=fresh.acme.example", "-o", csr});
  ASSERT_EQ(made.exit_code, 0) << printed(made);
  EXPECT_NE(made.err.find("object=fresh"), std::string::npos) << made.err;
  const auto checked = run_process({"openssl", "req", "-in", csr, "-verify", "-noout"});
  EXPECT_EQ(checked.exit_code, 0) << printed(checked);
  const auto listed = run({"tokens", token.uri(), "--pin", "env:TOKEN_PIN"});
  EXPECT_NE(listed.out.find("private ec:P-256 'fresh'"), std::string::npos) << listed.out;
}

TEST_F(TokenKeys, MatchComparesACertificateWithATokenKey) {
  const std::string uri = token_key("ec:P-256", "matched");
  const std::string cert = dir.file("self.crt"), other = dir.file("other.crt");
  ASSERT_EQ(run({"selfsign", "--key", uri, "--pin", "env:TOKEN_PIN", "--subject", "/CN=self", "-o", cert}).exit_code, 0);
  ASSERT_EQ(run({"selfsign", "--key", kFileKey, "--subject", "/CN=other", "-o", other}).exit_code, 0);
  const auto same = run({"match", cert, uri, "--pin", "env:TOKEN_PIN"});
  EXPECT_EQ(same.exit_code, 0) << printed(same);
  const auto different = run({"match", other, uri, "--pin", "env:TOKEN_PIN"});
  EXPECT_EQ(different.exit_code, 6) << printed(different);
}

TEST_F(TokenKeys, BenchTimesRequestsSignedInTheTokenOnEveryBackend) {
  const std::string uri = token_key("ec:P-256", "bench");
  const auto measured = run({"bench", "--ops", "csr:ec:P-256", "--key", uri, "--pin", "env:TOKEN_PIN", "--samples",
                             "3", "--warmup", "0"});
  ASSERT_EQ(measured.exit_code, 0) << printed(measured);
  for (const std::string& backend : backend_names())
    EXPECT_NE(measured.out.find(backend), std::string::npos) << backend << "\n" << measured.out;
  // The stored result feeds --backend auto with the run's own keys, never a token's.
  const auto saved = run({"bench", "--ops", "csr:ec:P-256", "--key", uri, "--pin", "env:TOKEN_PIN", "--save"});
  EXPECT_EQ(saved.exit_code, 2) << printed(saved);
  // A key of another spec than the operation's is refused, naming both.
  const auto other = run({"bench", "--ops", "csr:ec:P-384", "--key", uri, "--pin", "env:TOKEN_PIN", "--samples", "3"});
  EXPECT_NE(other.exit_code, 0) << printed(other);
  EXPECT_NE(other.err.find("not the ec:P-384 key"), std::string::npos) << other.err;
}

TEST_F(TokenKeys, AnUnknownUriAttributeIsRefusedNotIgnored) {
  const auto made = run({"req", "--key", "pkcs11:tokn=gw;object=api", "--pin", "env:TOKEN_PIN", "--batch",
                         "--subject", "/CN=x", "-o", dir.file("x.csr")});
  EXPECT_EQ(made.exit_code, 3) << printed(made);
  EXPECT_NE(made.err.find("RFC 7512"), std::string::npos) << made.err;
}

}  // namespace
}  // namespace polycert::testing
