// A user's own files through every backend: `polycert conformance --corpus DIR`. The
// folder holds a manifest (manifest.tsv) naming each file, what it is, its password and
// what every backend should make of it (docs/conformance.md, "Corpus manifest").
#pragma once

#include <polycert/conformance/cases.hpp>
#include <polycert/error.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace polycert::conformance {

/// What a file of the corpus is.
enum class CorpusKind {
  certificate,  ///< one or more certificates (PEM or DER)
  csr,
  private_key,  ///< unencrypted or encrypted (PKCS#8, traditional, legacy PEM)
  public_key,
  pkcs7,
  pkcs12,
};

/// What every backend should make of a file (the manifest's `expect` column).
enum class CorpusExpect {
  ok,      ///< every backend reads it; a refusal with `unsupported` is a SKIP
  valid,   ///< every backend reads it; any refusal, `unsupported` included, is a FAIL
  reject,  ///< every backend refuses it (with the code of field `error`, if given)
  gap,     ///< the backends of field `gap` refuse it with `unsupported`, every other reads it
};

/// One line of the manifest.
struct CorpusEntry {
  std::filesystem::path path;  ///< resolved against the manifest's folder
  std::string name;            ///< as written in the manifest
  CorpusKind kind = CorpusKind::certificate;
  std::optional<std::string> password;  ///< a password source (pass:, env:, file:), resolved
  CorpusExpect expect = CorpusExpect::ok;
  bool expect_ok = true;  ///< every expectation but reject: (some) backends read the file
  /// Expected fields: key, subject, issuer, serial, count, signature, error, gap (see the docs).
  std::map<std::string, std::string> fields;
  std::vector<std::string> gap_backends;  ///< field `gap`, split: the backends that lack it
  std::string why;  ///< the optional 6th column: why the file gets this expectation
  std::size_t line = 0;  ///< in the manifest, for messages
};

/// Reads DIR/manifest.tsv. Errors (exit 2 in the CLI) name manifest:line and what is wrong.
Result<std::vector<CorpusEntry>> read_corpus_manifest(const std::filesystem::path& dir);

/// One case per (entry, backend) — the backend reads the file and meets the expectation —
/// and one differential case per entry that compares every backend's reading.
std::vector<Case> corpus_cases(const std::vector<CorpusEntry>& entries,
                               const std::vector<std::string>& backends);

}  // namespace polycert::conformance
