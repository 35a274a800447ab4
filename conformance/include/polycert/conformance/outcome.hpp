// What one conformance case found: PASS, FAIL, SKIP or XFAIL, with the reason and, where
// backends' outputs differ, how they differ by meaning.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace polycert::conformance {

enum class Outcome {
  pass,
  fail,   ///< a claimed capability failed, a denied one worked, or results disagree in a way that matters
  skip,   ///< a backend lacks a capability the case needs (its matrix says so, and it refused)
  xfail,  ///< a known, documented gap of a library (known_gaps.cpp), with its reason
};
/// "PASS", "FAIL", "SKIP", "XFAIL".
std::string_view to_string(Outcome outcome);

enum class CaseKind {
  single,        ///< one backend: an operation × algorithm × format of the capability matrix
  pairwise,      ///< made by one backend (producer), read, verified and compared by another
  differential,  ///< one input read by every backend, the results compared field by field
  corpus,        ///< a file of a --corpus manifest, read by every backend
};
/// "single", "pairwise", "differential", "corpus".
std::string_view to_string(CaseKind kind);

/// One way two backends' results (or a result and the expectation) differ, by meaning.
struct Difference {
  std::string field;  ///< "subject: RDN 3 (O) string type", "extension 2.5.29.17", "key encoding"
  std::string left_source;   ///< who produced `left`: a backend name, or "expected"
  std::string right_source;
  std::string left;   ///< the value as printed, never a secret
  std::string right;
  /// Whether a verifier could see it: a different signature check, key, name match,
  /// validity or constraint. False for encoding choices RFC 5280 verifiers treat alike.
  bool matters = false;
  std::string why;  ///< one sentence: why it matters or why it does not
  /// One side could not compute the value at all (a signature algorithm its library lacks):
  /// a capability gap the matrix documents, not two readings that disagree.
  bool capability_gap = false;
};

/// The verdict on one case.
struct CaseResult {
  Outcome outcome = Outcome::pass;
  /// FAIL: what went wrong; SKIP: the missing capability (backend, operation, subject and
  /// the matrix's note); XFAIL: the known gap's reason. Empty for a plain PASS.
  std::string reason;
  std::vector<Difference> differences;
  /// A differential case's backends that took part (the others lack the capability);
  /// empty when every backend the case names did.
  std::vector<std::string> took_part;
};

}  // namespace polycert::conformance
