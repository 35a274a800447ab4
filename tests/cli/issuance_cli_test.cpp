// The issuance policy end to end on every backend (docs/issuance.md, issue 17): `sign`
// gives an end entity no CA-grade usages its request asks for, refuses CAs that `chain`
// would refuse as issuers, and refuses names that are not names; `req` refuses them too,
// and `req --count --san` without a subject makes requests named by their SANs alone.
// The odd CAs and requests are made here by the openssl CLI, which checks none of this.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "temp_dir.hpp"

#include <polycert/pem.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>

namespace polycert::testing {
namespace {

const std::string kCaKey = fixture_path("keys/ec-P-256.pkcs8.pem");
const std::string kLeafKey = fixture_path("keys/ec-P-384.pkcs8.pem");
const std::string kCaExtensions =
    "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n";

void must_succeed(const ProcessResult& made, const std::string& what) {
  if (made.exit_code != 0) throw std::runtime_error(what + ": " + made.err);
}

// A self-signed CA certificate with exactly these extensions, valid for `days` from now
// (-1: it expired yesterday).
std::string openssl_ca(const TempDir& dir, const std::string& name, const std::string& extensions,
                       int days = 30) {
  const std::string csr = dir.file(name + ".csr"), out = dir.file(name + ".pem");
  must_succeed(run_process({"openssl", "req", "-new", "-key", kCaKey, "-subj", "/O=Acme/CN=" + name,
                            "-out", csr}),
               "openssl req");
  must_succeed(run_process({"openssl", "x509", "-req", "-in", csr, "-key", kCaKey, "-extfile",
                            dir.write(name + ".ext", as_bytes(extensions)), "-set_serial", "7",
                            "-days", std::to_string(days), "-out", out}),
               "openssl x509 -req");
  return out;
}

// A request for the leaf key with these -addext extensions.
std::string openssl_request(const TempDir& dir, const std::string& name, const std::string& subject,
                            const std::vector<std::string>& extensions) {
  std::vector<std::string> args{"openssl", "req",    "-new",
                                "-key",    kLeafKey, "-subj",
                                subject,   "-out",   dir.file(name + ".csr")};
  for (const auto& extension : extensions) args.insert(args.end(), {"-addext", extension});
  must_succeed(run_process(args), "openssl req " + name);
  return dir.file(name + ".csr");
}

std::string certificate_text(const std::string& path) {
  return run_process({"openssl", "x509", "-in", path, "-noout", "-text"}).out;
}

class IssuanceCli : public ::testing::TestWithParam<std::string> {
 protected:
  ProcessResult polycert(std::vector<std::string> args) {
    args.insert(args.begin(), {"--backend", GetParam()});
    return polycert_cli(args);
  }
  ProcessResult sign(const std::string& csr, const std::string& ca,
                     std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"sign", "--csr",  csr, "--ca-cert", ca, "--ca-key",
                                  kCaKey, "--days", "7", "-o",        out};
    args.insert(args.end(), extra.begin(), extra.end());
    return polycert(args);
  }
  TempDir dir;
  const std::string out = dir.file("issued.crt");
};

const std::vector<std::string> kGreedyRequest = {
    "keyUsage=critical,digitalSignature,keyCertSign,cRLSign",
    "extendedKeyUsage=serverAuth,anyExtendedKeyUsage,OCSPSigning,codeSigning,timeStamping",
    "subjectAltName=DNS:api.acme.com"};

TEST_P(IssuanceCli, AnEndEntityGetsNoCaUsagesFromItsRequestAndIsToldWhatWasDropped) {
  const auto signed_ = sign(openssl_request(dir, "greedy", "/CN=api.acme.com", kGreedyRequest),
                            openssl_ca(dir, "Issuing CA", kCaExtensions));
  ASSERT_EQ(signed_.exit_code, 0) << printed(signed_);
  for (const char* named : {"keyCertSign", "cRLSign", "anyExtendedKeyUsage", "OCSPSigning",
                            "codeSigning", "timeStamping"})
    EXPECT_NE(signed_.err.find(named), std::string::npos)
        << named << " not named in: " << signed_.err;
  // The advice in the CLI's words: core states what was left out, sign says how to ask for it.
  EXPECT_NE(signed_.err.find("--key-usage and --ext-key-usage issue usages explicitly"), std::string::npos)
      << signed_.err;
  const std::string text = certificate_text(out);
  EXPECT_NE(text.find("CA:FALSE"), std::string::npos) << text;
  EXPECT_NE(text.find("TLS Web Server Authentication"), std::string::npos) << text;
  for (const char* absent : {"Certificate Sign", "CRL Sign", "Any Extended Key Usage",
                             "OCSP Signing", "Code Signing", "Time Stamping"})
    EXPECT_EQ(text.find(absent), std::string::npos) << absent << " was issued:\n" << text;
}

TEST_P(IssuanceCli, UsagesGivenOnTheCommandLineAreIssuedAsGiven) {
  const std::string ca = openssl_ca(dir, "Issuing CA", kCaExtensions);
  const std::string csr = openssl_request(dir, "greedy", "/CN=api.acme.com", kGreedyRequest);
  const auto signed_ =
      sign(csr, ca, {"--ext-key-usage", "codeSigning", "--key-usage", "digitalSignature,cRLSign"});
  ASSERT_EQ(signed_.exit_code, 0) << printed(signed_);
  const std::string text = certificate_text(out);
  EXPECT_NE(text.find("Code Signing"), std::string::npos) << text;
  EXPECT_NE(text.find("CRL Sign"), std::string::npos) << text;
  EXPECT_EQ(text.find("TLS Web Server Authentication"), std::string::npos) << text;

  const auto refused = sign(csr, ca, {"--key-usage", "keyCertSign", "--force"});
  EXPECT_EQ(refused.exit_code, 2) << printed(refused);
  EXPECT_NE(refused.err.find("RFC 5280 4.2.1.3"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("; use --ca to issue a CA certificate"), std::string::npos) << refused.err;
}

TEST_P(IssuanceCli, RefusesToIssueFromACaWithoutKeyCertSign) {
  const std::string ca = openssl_ca(dir, "CRL Signer",
                                    "basicConstraints=critical,CA:TRUE\n"
                                    "keyUsage=critical,cRLSign,digitalSignature\n");
  const auto refused = sign(openssl_request(dir, "plain", "/CN=api.acme.com", {}), ca);
  EXPECT_EQ(refused.exit_code, 6) << printed(refused);
  EXPECT_NE(refused.err.find("lacks keyCertSign"), std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_P(IssuanceCli, RefusesACaUnderPathLengthZeroButIssuesAnEndEntity) {
  const std::string ca = openssl_ca(dir, "Last CA",
                                    "basicConstraints=critical,CA:TRUE,pathlen:0\n"
                                    "keyUsage=critical,keyCertSign,cRLSign\n");
  const std::string csr = openssl_request(dir, "sub", "/CN=Sub CA", {});
  const auto refused = sign(csr, ca, {"--ca"});
  EXPECT_EQ(refused.exit_code, 6) << printed(refused);
  EXPECT_NE(refused.err.find("pathLenConstraint 0"), std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  const auto leaf = sign(csr, ca);
  EXPECT_EQ(leaf.exit_code, 0) << printed(leaf);
}

TEST_P(IssuanceCli, RefusesToIssueFromAnExpiredCa) {
  const std::string ca = openssl_ca(dir, "Old CA", kCaExtensions, -1);
  const auto refused = sign(openssl_request(dir, "plain", "/CN=api.acme.com", {}), ca);
  EXPECT_EQ(refused.exit_code, 6) << printed(refused);
  EXPECT_NE(refused.err.find("expired"), std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

const char* const kNotNames[] = {"DNS:*", "DNS:.", "DNS:-a.com", "DNS:bad_host",
                                 "URI:javascript:alert(1)"};

TEST_P(IssuanceCli, ReqRefusesSubjectAltNamesThatAreNotNames) {
  for (const char* bad : kNotNames) {
    const auto refused = polycert(
        {"req", "--key", kLeafKey, "--batch", "--subject", "/CN=x", "--san", bad, "-o", out});
    EXPECT_EQ(refused.exit_code, 3) << bad << ": " << printed(refused);
    EXPECT_NE(refused.err.find(bad), std::string::npos) << refused.err;
    EXPECT_FALSE(std::filesystem::exists(out));
  }
  const auto wildcard = polycert({"req", "--key", kLeafKey, "--batch", "--subject", "/CN=x",
                                  "--san", "DNS:*.acme.com,URI:spiffe://acme.com/api", "-o", out});
  EXPECT_EQ(wildcard.exit_code, 0) << printed(wildcard);
}

TEST_P(IssuanceCli, SignRefusesARequestCarryingSubjectAltNamesThatAreNotNames) {
  const std::string ca = openssl_ca(dir, "Issuing CA", kCaExtensions);
  int n = 0;
  for (const char* bad : kNotNames) {
    const std::string csr = openssl_request(dir, "bad" + std::to_string(++n), "/CN=x",
                                            {std::string("subjectAltName=") + bad});
    const auto refused = sign(csr, ca);
    EXPECT_EQ(refused.exit_code, 3) << bad << ": " << printed(refused);
    EXPECT_NE(refused.err.find(bad), std::string::npos) << refused.err;
    EXPECT_FALSE(std::filesystem::exists(out));
  }
}

TEST_P(IssuanceCli, SignRefusesASubjectValueOverItsUpperBound) {
  // openssl req itself refuses a CN over 64 characters, so the request is built by a backend
  // from a name that never went through parse_name.
  auto provider = make_backend("openssl");
  auto key = provider->import_private_key(fixture("keys/ec-P-384.pkcs8.der"));
  ASSERT_TRUE(key) << describe(key);
  CsrSpec spec;
  spec.subject.rdns.push_back(
      Rdn{{NameAttribute{"2.5.4.3", std::string(200, 'a'), StringType::utf8}}});
  auto csr = provider->create_csr(**key, spec);
  ASSERT_TRUE(csr) << describe(csr);
  const auto refused =
      sign(dir.write("long-cn.csr", *csr), openssl_ca(dir, "Issuing CA", kCaExtensions));
  EXPECT_EQ(refused.exit_code, 3) << printed(refused);
  EXPECT_NE(refused.err.find("CN is 200 characters"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("at most 64"), std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_P(IssuanceCli, ReqCountWithSansAndNoSubjectMakesRequestsNamedBySansAlone) {
  const std::string devices = dir.file("devices");
  const auto made = polycert({"req", "--new-key", "ec:P-256", "--count", "2", "--out-dir", devices,
                              "--san", "DNS:device-{n}.acme.com", "--progress", "never"});
  ASSERT_EQ(made.exit_code, 0) << printed(made);
  for (const char* n : {"1", "2"}) {
    const std::string csr = devices + "/key-" + n + ".csr";
    const auto text = run_process({"openssl", "req", "-in", csr, "-noout", "-text", "-verify"});
    ASSERT_EQ(text.exit_code, 0) << text.out << text.err;
    EXPECT_NE(text.out.find(std::string("DNS:device-") + n + ".acme.com"), std::string::npos)
        << text.out;
  }
  // Issued, the empty subject makes the subjectAltName critical (RFC 5280 4.1.2.6).
  const auto signed_ = sign(devices + "/key-1.csr", openssl_ca(dir, "Issuing CA", kCaExtensions));
  ASSERT_EQ(signed_.exit_code, 0) << printed(signed_);
  const std::string text = certificate_text(out);
  EXPECT_NE(text.find("Subject Alternative Name: critical"), std::string::npos) << text;
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, IssuanceCli, ::testing::ValuesIn(backend_names()),
                         [](const ::testing::TestParamInfo<std::string>& test) {
                           return test.param;
                         });

}  // namespace
}  // namespace polycert::testing
