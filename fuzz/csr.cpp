// Certificate request parsing (and its signature check) on every compiled-in backend,
// and everything the CLI prints from a CsrInfo.
#include "support.hpp"

#include <polycert/name.hpp>
#include <polycert/x509.hpp>

namespace polycert::fuzz {

void target_csr(ByteView input) {
  for (auto& provider : providers()) {
    auto info = provider->parse_csr(input);
    if (!info) continue;
    (void)format_slash(info->subject);
    (void)format_rfc4514(info->subject);
    (void)to_string(info->key);
    (void)signature_algorithm_name(info->signature_algorithm_oid);
    for (const GeneralName& name : info->extensions.subject_alt_names) (void)to_string(name);
    if (info->extensions.key_usage) (void)key_usage_names(*info->extensions.key_usage);
    (void)decode_extensions(info->requested_extensions);
    auto subject = decode_name(info->subject_der);
    check(subject.has_value() && same_meaning(*subject, info->subject),
          "subject_der does not decode to the subject");
  }
}

}  // namespace polycert::fuzz
