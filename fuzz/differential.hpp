// Shared by the differential targets (diff_*.cpp): one input through every compiled-in
// backend, the backends' verdicts and readings compared, and an abort on any divergence
// that is not on the allowlist.
//
// A divergence has a signature "<kind>:<what>:<detail>", where kind is what was compared
// (certificate, csr, private_key, public_key, pkcs12, whatever target it came from), e.g.
//   certificate:verdict:botan=invalid_input,mbedtls=invalid_input,openssl=ok
//   certificate:field:serial encoding
//   certificate:self-signature:botan=ok,mbedtls=ok,openssl=mismatch
// The allowlist (POLYCERT_FUZZ_KNOWN: a file, one signature per line; a '#' at the start of
// a line or after a blank starts a comment) lets fuzzing go on past divergences already
// recorded: an entry matches a signature equal to it or starting with it followed by ':'
// ("certificate:verdict" matches every certificate verdict divergence). An input with only known divergences passes silently; one with a
// new divergence prints every divergence it has, with each backend's reading, and aborts.
#pragma once

#include "support.hpp"

#include <polycert/capabilities.hpp>
#include <polycert/conformance/outcome.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace polycert::fuzz {

/// One backend's answer to one question: success, or the error it gave. `gap` marks an
/// `unsupported` error that the backend's capability matrix documents; such a backend
/// takes no part in the comparison.
struct BackendVerdict {
  std::string backend;
  std::optional<Error> error;
  bool gap = false;
};

/// "ok", or the error code's stable name ("invalid_input").
std::string verdict_class(const BackendVerdict& verdict);

/// Whether `provider` documents, as an unsupported row of its capability matrix, that it
/// cannot do one of `operations` for `spec` (any key size of its algorithm). Without a
/// spec (no backend read the key, and core's inspection did not either), none is.
bool documented_gap(const Provider& provider, std::span<const Operation> operations,
                    const std::optional<KeySpec>& spec);

/// Whether `provider` has any unsupported row for one of `operations`: for the primitives
/// (cipher, derive_key, mac), whose subject an error does not name in a form to look up.
bool documented_gap(const Provider& provider, std::span<const Operation> operations);

/// The divergences one input shows, collected by the compare_* functions below and
/// settled once at the end.
class Divergences {
 public:
  /// Records a divergence. `details` is printed if the input aborts: each backend's
  /// reading or verdict, never a private value.
  void add(std::string signature, std::string details);

  /// Records a divergence when the backends taking part (not `gap`) disagree on the
  /// verdict: kind:<question>:backend=class,... Returns whether they all agree.
  bool verdicts(std::string_view kind, std::string_view question,
                const std::vector<BackendVerdict>& verdicts);

  /// Records each semantic difference as kind:field:<Difference::field>, with every number
/// or dotted OID in the field replaced by "N" ("subject: RDN N (CN) value", "extension N").
  void differences(std::string_view kind, const std::vector<conformance::Difference>& list);

  /// Aborts (after printing every divergence, marked known or NEW) when any divergence is
  /// not on the allowlist; otherwise does nothing.
  void settle(std::string_view target) const;

 private:
  struct Entry {
    std::string signature;
    std::string details;
  };
  std::vector<Entry> entries_;
};

/// Parses with every provider and compares: the verdict (gaps: read_certificate), every
/// field through conformance::diff_certificate, then the exact bytes of the fields that
/// diff compares by meaning only (serial, names, public key), then each backend's
/// verify_certificate_signature(certificate, certificate) outcome.
void compare_certificate(ByteView certificate, Divergences& out);

/// Parses with every provider and compares the verdict (gaps: read_csr), every field
/// through conformance::diff_csr (signature_valid included), then the exact bytes of
/// subject and public key.
void compare_csr(ByteView csr, Divergences& out);

/// Imports with every provider and compares the verdict (gaps: import_pkcs8 and
/// import_traditional), the key spec, the PKCS#8 export (verdict, then
/// conformance::diff_private_key_encoding, then equal bytes) and the SPKI export of the
/// public half.
void compare_private_key(ByteView der, Divergences& out);

/// Imports with every provider and compares the verdict (gaps: import_spki), the key spec
/// and the SPKI export.
void compare_public_key(ByteView spki, Divergences& out);

}  // namespace polycert::fuzz
