// The rules that turn a case's steps into PASS, FAIL, SKIP and XFAIL, checked against the
// real capability matrices, and the corpus manifest's error messages.
#include "backend_cases.hpp"
#include "fixtures.hpp"
#include "temp_dir.hpp"

#include <polycert/conformance/cases.hpp>
#include <polycert/conformance/corpus.hpp>
#include <polycert/conformance/known_gaps.hpp>
#include <polycert/conformance/steps.hpp>

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace polycert::testing {
namespace {

namespace conf = polycert::conformance;

// How judge() ends a step, as the case result it would give (PASS when it returns).
conf::CaseResult verdict_of(Provider& provider, Operation operation, std::string_view subject,
                            const Error* error) {
  try {
    conf::steps::judge(provider, operation, subject, "the step", error);
    return {};
  } catch (const conf::steps::Verdict& verdict) {
    return verdict.result;
  }
}

// A backend and a row its matrix denies, if any compiled-in backend has one.
std::optional<std::pair<std::unique_ptr<Provider>, Capability>> denied_row() {
  for (const std::string& name : backend_names()) {
    auto provider = make_backend(name);
    for (const Capability& row : provider->capabilities().rows())
      if (!row.supported) return std::make_pair(std::move(provider), row);
  }
  return std::nullopt;
}

TEST(CaseRules, AClaimedCapabilityThatWorksPasses) {
  auto provider = make_backend(backend_names().front());
  EXPECT_EQ(verdict_of(*provider, Operation::digest, "sha256", nullptr).outcome, conf::Outcome::pass);
}

TEST(CaseRules, AClaimedCapabilityThatFailsIsAFailNamingIt) {
  auto provider = make_backend(backend_names().front());
  const Error error{ErrorCode::internal, "library exploded"};
  const auto result = verdict_of(*provider, Operation::digest, "sha256", &error);
  EXPECT_EQ(result.outcome, conf::Outcome::fail);
  EXPECT_NE(result.reason.find("is claimed but failed"), std::string::npos) << result.reason;
  EXPECT_NE(result.reason.find("library exploded"), std::string::npos) << result.reason;
}

TEST(CaseRules, ADeniedCapabilityRefusedAsUnsupportedIsASkipWithTheMatrixNote) {
  auto denied = denied_row();
  if (!denied) GTEST_SKIP() << "no compiled-in backend denies a capability";
  auto& [provider, row] = *denied;
  const Error error{ErrorCode::unsupported, "no"};
  const auto result = verdict_of(*provider, row.operation, row.subject, &error);
  EXPECT_EQ(result.outcome, conf::Outcome::skip);
  EXPECT_NE(result.reason.find(row.note), std::string::npos) << result.reason;
}

TEST(CaseRules, ADeniedCapabilityThatWorksIsAFail) {
  auto denied = denied_row();
  if (!denied) GTEST_SKIP() << "no compiled-in backend denies a capability";
  auto& [provider, row] = *denied;
  const auto result = verdict_of(*provider, row.operation, row.subject, nullptr);
  EXPECT_EQ(result.outcome, conf::Outcome::fail);
  EXPECT_NE(result.reason.find("but it works"), std::string::npos) << result.reason;
}

TEST(CaseRules, ADeniedCapabilityRefusedWithAnotherErrorIsAFail) {
  auto denied = denied_row();
  if (!denied) GTEST_SKIP() << "no compiled-in backend denies a capability";
  auto& [provider, row] = *denied;
  const Error error{ErrorCode::invalid_input, "odd"};
  const auto result = verdict_of(*provider, row.operation, row.subject, &error);
  EXPECT_EQ(result.outcome, conf::Outcome::fail);
  EXPECT_NE(result.reason.find("instead of unsupported"), std::string::npos) << result.reason;
}

conf::Case case_with(std::function<conf::CaseResult(conf::Workspace&)> run) {
  conf::Case c;
  c.id = "rules/example/x/" + backend_names().front();
  c.backends = {backend_names().front()};
  c.run = std::move(run);
  return c;
}

conf::Workspace& workspace() {
  static auto opened = conf::Workspace::open(backend_names());
  if (!opened) throw std::runtime_error(opened.error().message);
  return **opened;
}

const std::vector<conf::KnownGap> kGap = {{"rules/example/*", "the library's documented gap"}};

TEST(CaseRules, AKnownGapThatFailsIsAnXfailWithTheGapsReason) {
  const auto record = conf::run_case(
      case_with([](conf::Workspace&) -> conf::CaseResult { conf::steps::fail("wrong"); }),
      workspace(), kGap);
  EXPECT_EQ(record.result.outcome, conf::Outcome::xfail);
  EXPECT_NE(record.result.reason.find("the library's documented gap"), std::string::npos);
  EXPECT_NE(record.result.reason.find("wrong"), std::string::npos);
}

TEST(CaseRules, AKnownGapThatPassesIsAFailSoTheTableCannotGoStale) {
  const auto record =
      conf::run_case(case_with([](conf::Workspace&) { return conf::CaseResult{}; }), workspace(), kGap);
  EXPECT_EQ(record.result.outcome, conf::Outcome::fail);
  EXPECT_NE(record.result.reason.find("remove it"), std::string::npos) << record.result.reason;
}

TEST(CaseRules, ASkipStaysASkipEvenWhenAGapIsListed) {
  const auto record = conf::run_case(
      case_with([](conf::Workspace&) -> conf::CaseResult { conf::steps::skip("missing"); }),
      workspace(), kGap);
  EXPECT_EQ(record.result.outcome, conf::Outcome::skip);
}

TEST(CaseRules, AnExceptionOutOfACaseIsAFail) {
  const auto record = conf::run_case(
      case_with([](conf::Workspace&) -> conf::CaseResult { throw std::runtime_error("boom"); }),
      workspace(), {});
  EXPECT_EQ(record.result.outcome, conf::Outcome::fail);
  EXPECT_NE(record.result.reason.find("boom"), std::string::npos);
}

TEST(CaseRules, ADifferentialCaseCountsOnlyForTheBackendsThatTookPart) {
  if (backend_names().size() < 2) GTEST_SKIP() << "differential cases need two backends";
  const auto cases = conf::builtin_cases(backend_names());
  for (const conf::Case& c : cases) {
    if (c.id != "certificate/read/ed25519/all") continue;
    const auto record = conf::run_case(c, workspace());
    ASSERT_EQ(record.result.outcome, conf::Outcome::pass) << record.result.reason;
    for (const std::string& backend : record.backends)
      EXPECT_TRUE(make_backend(backend)->capabilities().supports(Operation::read_certificate, "ed25519"))
          << backend << " is counted but cannot read Ed25519 certificates";
    return;
  }
  FAIL() << "no certificate/read/ed25519/all case";
}

TEST(CaseRules, CaseIdPatternsMatchWithStars) {
  EXPECT_TRUE(conf::matches_pattern("csr/*", "csr/pairwise/ec:P-256/openssl->botan"));
  EXPECT_TRUE(conf::matches_pattern("*/openssl->botan", "keys/pkcs8/ed25519/openssl->botan"));
  EXPECT_TRUE(conf::matches_pattern("*pkcs8*ed25519*", "keys/pkcs8/ed25519/openssl->botan"));
  EXPECT_FALSE(conf::matches_pattern("csr/*", "certificate/build/rsa:2048/all"));
  EXPECT_FALSE(conf::matches_pattern("keys", "keys/generate/ed25519/botan"));
}

// ---- the corpus manifest --------------------------------------------------------------

std::string manifest_error(const TempDir& dir, const std::string& manifest) {
  dir.write("manifest.tsv", as_bytes(manifest));
  auto entries = conf::read_corpus_manifest(dir.path());
  if (entries) return "(accepted)";
  EXPECT_EQ(entries.error().code, ErrorCode::invalid_input);
  return entries.error().message;
}

TEST(CorpusManifest, AMistakeNamesTheManifestLineAndWhatIsWrong) {
  TempDir dir;
  dir.write("a.pem", as_bytes("x"));
  const std::string header = "path\tkind\tpassword\texpect\tfields\n";
  EXPECT_NE(manifest_error(dir, header + "a.pem\tcertificate\t-\tok\n").find("manifest.tsv:2: expected 5"),
            std::string::npos);
  EXPECT_NE(manifest_error(dir, header + "a.pem\tcert\t-\tok\t-\n").find("unknown kind 'cert'"),
            std::string::npos);
  EXPECT_NE(manifest_error(dir, header + "a.pem\tcertificate\t-\tfine\t-\n").find("ok, valid, reject or gap"),
            std::string::npos);
  EXPECT_NE(manifest_error(dir, header + "a.pem\tcertificate\t-\tok\tcolour=red\n")
                .find("unknown field 'colour'"),
            std::string::npos);
  EXPECT_NE(manifest_error(dir, header + "b.pem\tcertificate\t-\tok\t-\n").find("b.pem: no such file"),
            std::string::npos);
  EXPECT_NE(manifest_error(dir, header).find("names no file"), std::string::npos);
}

TEST(CorpusManifest, AFolderWithoutAManifestIsAnIoErrorNamingIt) {
  TempDir dir;
  auto entries = conf::read_corpus_manifest(dir.path());
  ASSERT_FALSE(entries);
  EXPECT_EQ(entries.error().code, ErrorCode::io);
  EXPECT_NE(entries.error().message.find("manifest.tsv"), std::string::npos);
}

TEST(CorpusManifest, FilePasswordsAreRelativeToTheManifest) {
  TempDir dir;
  dir.write("a.pem", as_bytes("x"));
  dir.write("manifest.tsv", as_bytes("# comment\n\na.pem\tprivate-key\tfile:pw.txt\treject\terror=bad_password;key=ec:P-256\n"));
  auto entries = conf::read_corpus_manifest(dir.path());
  ASSERT_TRUE(entries) << entries.error().message;
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->front().password, "file:" + (dir.path() / "pw.txt").string());
  EXPECT_FALSE(entries->front().expect_ok);
  EXPECT_EQ(entries->front().fields.at("error"), "bad_password");
  EXPECT_EQ(entries->front().line, 3u);
}

TEST(CorpusManifest, ReadsValidAndGapRowsTheirBackendsSerialsAndReasons) {
  TempDir dir;
  dir.write("a.pem", as_bytes("x"));
  dir.write("manifest.tsv",
            as_bytes("path\tkind\tpassword\texpect\tfields\twhy\n"
                     "a.pem\tcertificate\t-\tvalid\tserial=00\treading never needs the algorithm\n"
                     "a.pem\tpkcs12\tpass:pw\tgap\tcount=1;gap=botan,mbedtls\tno RC2\n"
                     "a.pem\tcertificate\t-\tok\t-\n"
                     "a.pem\tcertificate\t-\treject\terror=invalid_input\tversion 7\n"));
  auto entries = conf::read_corpus_manifest(dir.path());
  ASSERT_TRUE(entries) << entries.error().message;
  ASSERT_EQ(entries->size(), 4u);
  const conf::CorpusEntry& valid = (*entries)[0];
  EXPECT_EQ(valid.expect, conf::CorpusExpect::valid);
  EXPECT_TRUE(valid.expect_ok);
  EXPECT_EQ(valid.fields.at("serial"), "00");
  EXPECT_EQ(valid.why, "reading never needs the algorithm");
  const conf::CorpusEntry& gap = (*entries)[1];
  EXPECT_EQ(gap.expect, conf::CorpusExpect::gap);
  EXPECT_TRUE(gap.expect_ok);
  EXPECT_EQ(gap.gap_backends, (std::vector<std::string>{"botan", "mbedtls"}));
  EXPECT_EQ(gap.why, "no RC2");
  EXPECT_EQ((*entries)[2].expect, conf::CorpusExpect::ok);  // five columns: no reason
  EXPECT_TRUE((*entries)[2].why.empty());
  EXPECT_EQ((*entries)[3].expect, conf::CorpusExpect::reject);
  EXPECT_FALSE((*entries)[3].expect_ok);
}

TEST(CorpusManifest, AGapRowMustNameItsBackendsAndOnlyAGapRowMay) {
  TempDir dir;
  dir.write("a.pem", as_bytes("x"));
  EXPECT_NE(manifest_error(dir, "a.pem\tcertificate\t-\tgap\tcount=1\n").find("needs a field gap="),
            std::string::npos);
  EXPECT_NE(manifest_error(dir, "a.pem\tcertificate\t-\tvalid\tgap=botan\n").find("only with expect gap"),
            std::string::npos);
  EXPECT_NE(manifest_error(dir, "a.pem\tcertificate\t-\tgap\tgap=botan,,mbedtls\n").find("backend names"),
            std::string::npos);
  EXPECT_NE(manifest_error(dir, "a.pem\tcertificate\t-\tgap\tgap=Botan 2\n").find("backend names"),
            std::string::npos);
  EXPECT_NE(manifest_error(dir, "a.pem\tcertificate\t-\tfine\t-\n").find("ok, valid, reject or gap"),
            std::string::npos);
  EXPECT_NE(manifest_error(dir, "a.pem\tcertificate\t-\tok\t-\twhy\textra\n").find("expected 5 or 6"),
            std::string::npos);
}

// The outcome of every case of `manifest` (over the files in `dir`), by id.
std::map<std::string, conf::CaseResult> run_corpus(const TempDir& dir, const std::string& manifest) {
  dir.write("manifest.tsv", as_bytes(manifest));
  auto entries = conf::read_corpus_manifest(dir.path());
  if (!entries) throw std::runtime_error(entries.error().message);
  std::map<std::string, conf::CaseResult> results;
  for (const conf::Case& c : conf::corpus_cases(*entries, backend_names()))
    results[c.id] = conf::run_case(c, workspace()).result;
  return results;
}

TEST(CorpusCases, ABackendNamedAsAGapThatReadsTheFileIsAFail) {
  TempDir dir;
  dir.write("cert.der", read_bytes(fixture_path("x509/rsa-2048.cert.der")));
  const std::string first = backend_names().front();
  // Every backend reads this certificate, so naming one as a gap must fail on it.
  auto results = run_corpus(dir, "cert.der\tcertificate\t-\tgap\tcount=1;gap=" + first +
                                     "\tnot really a gap\n");
  const conf::CaseResult& named = results.at("corpus/read/cert.der/" + first);
  EXPECT_EQ(named.outcome, conf::Outcome::fail) << named.reason;
  EXPECT_NE(named.reason.find("remove it from gap="), std::string::npos) << named.reason;
  EXPECT_NE(named.reason.find("not really a gap"), std::string::npos) << named.reason;
  for (const std::string& backend : backend_names()) {
    if (backend != first) {
      EXPECT_EQ(results.at("corpus/read/cert.der/" + backend).outcome, conf::Outcome::pass) << backend;
    }
  }
}

TEST(CorpusCases, AValidRowRefusedWithUnsupportedIsAFailWhereAnOkRowIsASkip) {
  // A key every backend refuses with unsupported today (the committed fixtures say so).
  TempDir dir;
  dir.write("k.der", read_bytes(fixture_path("keys/dsa.pkcs8.der")));
  auto results = run_corpus(dir, "k.der\tprivate-key\t-\tok\t-\nk.der\tprivate-key\t-\tvalid\t-\n");
  for (const std::string& backend : backend_names()) {
    const conf::CaseResult& ok = results.at("corpus/read/k.der/" + backend);
    const conf::CaseResult& valid = results.at("corpus/read/k.der#2/" + backend);
    if (ok.outcome == conf::Outcome::pass) continue;  // this backend reads it: nothing to compare
    EXPECT_EQ(ok.outcome, conf::Outcome::skip) << backend << ": " << ok.reason;
    EXPECT_EQ(valid.outcome, conf::Outcome::fail) << backend << ": " << valid.reason;
  }
}

TEST(CorpusCases, SerialIsComparedWithWhatEachBackendReads) {
  TempDir dir;
  dir.write("cert.der", read_bytes(fixture_path("x509/rsa-2048.cert.der")));
  auto results = run_corpus(dir, "cert.der\tcertificate\t-\tvalid\tserial=00:01\n");
  for (const std::string& backend : backend_names()) {
    const conf::CaseResult& result = results.at("corpus/read/cert.der/" + backend);
    EXPECT_EQ(result.outcome, conf::Outcome::fail) << backend;
    ASSERT_FALSE(result.differences.empty()) << backend << ": " << result.reason;
    EXPECT_EQ(result.differences.front().field, "serial");
    EXPECT_EQ(result.differences.front().left, "0001");
  }
}

}  // namespace
}  // namespace polycert::testing
