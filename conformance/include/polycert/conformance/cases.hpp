// The conformance cases: one table that drives both `polycert conformance` and the
// GoogleTest suite (tests/conformance/case_table_test.cpp), so the evidence a user sees
// and what CI checks are the same cases.
//
// Kinds (outcome.hpp): single-backend cases check each row of a backend's capability
// matrix against known answers; pairwise cases let every producer make a key, request,
// certificate, encrypted key, PKCS#7 or PKCS#12 file that every consumer reads, verifies
// and compares; differential cases give every backend the same input and compare the
// results field by field; corpus cases read a user's files (corpus.hpp).
#pragma once

#include <polycert/conformance/known_gaps.hpp>
#include <polycert/conformance/outcome.hpp>
#include <polycert/conformance/report.hpp>
#include <polycert/error.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/provider.hpp>
#include <polycert/secure_buffer.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace polycert::conformance {

/// The backends of one run and the keys the cases share: each backend makes each key spec
/// once (RSA keys are the built-in pre-generated fixtures, imported into the backend, so a
/// run takes seconds, not minutes).
class Workspace {
 public:
  /// Where a case's key of `spec` for `provider` comes from: PKCS#8 DER.
  using KeySource = std::function<Result<SecureBuffer>(Provider& provider, const KeySpec& spec)>;

  /// Providers for `backend_names` (compiled-in names, from the registry); unknown names
  /// are invalid_input listing the available ones.
  static Result<std::unique_ptr<Workspace>> open(const std::vector<std::string>& backend_names);

  const std::vector<std::string>& backends() const { return names_; }
  /// The provider of a backend of this workspace.
  Provider& provider(std::string_view backend);

  /// The key `backend` uses for `spec` in every case of this run, as PKCS#8 DER: made once,
  /// then cached. An error (e.g. unsupported) is cached too.
  Result<SecureBuffer> key(std::string_view backend, const KeySpec& spec);
  /// Replaces the default source (built-in RSA fixtures, generated EC and Ed25519 keys).
  void set_key_source(KeySource source) { key_source_ = std::move(source); }

  /// A key `backend` generated for `spec` in this run (the key generation cases), as
  /// PKCS#8 DER: generated once, then cached.
  Result<SecureBuffer> generated_key(std::string_view backend, const KeySpec& spec);
  /// Replaces the default generator (generate_key, then export as PKCS#8); the GoogleTest
  /// suite shares its per-run key cache this way, so each backend generates each spec once.
  void set_generator(KeySource generator) { generator_ = std::move(generator); }

 private:
  Workspace() = default;
  std::vector<std::string> names_;
  std::map<std::string, std::unique_ptr<Provider>, std::less<>> providers_;
  std::map<std::pair<std::string, std::string>, Result<SecureBuffer>> keys_, generated_;
  KeySource key_source_, generator_;
};

/// The default generator: `provider` generates a key of `spec`, exported as PKCS#8.
Result<SecureBuffer> generate_pkcs8(Provider& provider, const KeySpec& spec);

/// The default key source: the built-in RSA fixture for rsa:* specs (imported and
/// re-exported by `provider`, so the bytes are that backend's), a fresh key otherwise.
Result<SecureBuffer> default_key_source(Provider& provider, const KeySpec& spec);

/// The committed pre-generated RSA key for `spec` (tests/fixtures/keys/rsa-N.pkcs8.der,
/// compiled in), or nullptr for other specs.
const Bytes* builtin_rsa_key(const KeySpec& spec);

/// One case of the table.
struct Case {
  std::string id;  ///< unique and stable: "csr/pairwise/ec:P-256/openssl->botan"
  CaseKind kind = CaseKind::single;
  std::string area;       ///< "keys", "csr", "certificate", "encrypted-key", "pkcs7", "pkcs12", "primitives"
  std::string operation;  ///< what the case does, in words
  std::string subject;    ///< key spec, scheme, primitive or corpus file
  std::vector<std::string> backends;  ///< single: {b}; pairwise: {producer, consumer}; else all
  /// The case itself. Never throws out of run_case: verdicts are returned.
  std::function<CaseResult(Workspace&)> run;
};

/// The built-in cases over `backends` (in that order), in table order: single, then
/// pairwise (every producer × consumer, the diagonal included), then differential.
std::vector<Case> builtin_cases(const std::vector<std::string>& backends);

/// Runs one case: turns its verdict into PASS/FAIL/SKIP and applies the known gaps
/// (known_gaps.hpp; `gaps` defaults to known_gaps()): a FAIL that is a documented gap
/// becomes XFAIL; a known gap that no longer fails is a FAIL ("remove it from the known gaps").
CaseRecord run_case(const Case& test_case, Workspace& workspace);
CaseRecord run_case(const Case& test_case, Workspace& workspace, const std::vector<KnownGap>& gaps);

/// What a run reports while it runs (the CLI's progress line); may be empty.
using CaseObserver = std::function<void(const CaseRecord&, std::size_t done, std::size_t total)>;

/// What a run was asked for, recorded in its report.
struct RunRequest {
  std::string corpus;  ///< the --corpus folder, or ""
  std::string filter;  ///< the --filter pattern, or ""
};

/// Runs `cases` in order and returns the report (the environment's date, host, versions
/// and matrices filled in, with `request`).
Report run_cases(const std::vector<Case>& cases, Workspace& workspace, const RunRequest& request,
                 const CaseObserver& observer = {});

}  // namespace polycert::conformance
