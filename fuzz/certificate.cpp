// Certificate parsing on every compiled-in backend, everything the CLI prints from a
// CertificateInfo, the typed extension reader, and a signature check of the certificate
// against itself (the self-signed case of chain building).
#include "support.hpp"

#include <polycert/name.hpp>
#include <polycert/x509.hpp>

namespace polycert::fuzz {

namespace {

void print_like_inspect(const CertificateInfo& info) {
  (void)format_slash(info.subject);
  (void)format_rfc4514(info.issuer);
  (void)hex_with_colons(info.serial);
  (void)hex_with_colons(info.sha256_fingerprint);
  (void)format_time(info.not_before);
  (void)format_time(info.not_after);
  (void)signature_algorithm_name(info.signature_algorithm_oid);
  for (const GeneralName& name : info.extensions.subject_alt_names) (void)to_string(name);
  if (info.extensions.key_usage) (void)key_usage_names(*info.extensions.key_usage);
  for (const auto& oid : info.extensions.extended_key_usage) (void)extended_key_usage_name(oid);
  (void)decode_extensions(info.all_extensions);
}

}  // namespace

void target_certificate(ByteView input) {
  for (auto& provider : providers()) {
    auto info = provider->parse_certificate(input);
    if (!info) continue;
    print_like_inspect(*info);
    auto subject = decode_name(info->subject_der);
    check(subject.has_value() && same_meaning(*subject, info->subject),
          "subject_der does not decode to the subject");
    (void)provider->verify_certificate_signature(input, input);
  }
}

}  // namespace polycert::fuzz
