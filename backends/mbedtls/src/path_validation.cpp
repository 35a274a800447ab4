// Provider::validate_path with Mbed TLS 2.28: mbedtls_x509_crt_verify_with_profile with the
// default profile (SHA-1 and RSA keys under 2048 bits refused), the leaf followed by the
// untrusted certificates as the presented chain, the trust anchors as trust_ca, the host
// name as `cn`; a verify callback records each certificate's flags, and the verdict is the
// first certificate Mbed TLS flags (it reports from the top of the chain down). The purpose
// is mbedtls_x509_crt_check_extended_key_usage on the leaf of a valid path.
//
// CRLs are Mbed TLS's own check (x509_crt_verifycrl, for every link); the revocation
// scope, which Mbed TLS does not hold, is held here (uncovered()).
//
// Missing, each a capability row core refuses by (missing_path_check): a validation time
// (Mbed TLS compares with the system clock), a maximum depth
// (MBEDTLS_X509_MAX_INTERMEDIATE_CA is fixed at build time), IP addresses and email
// addresses (2.28 matches `cn` against DNS names and the CN only). Mbed TLS
// matches the host against the CN when the certificate has no subjectAltName, whatever
// --cn-fallback says, and reports a bad signature as "not trusted": its own decisions,
// reported as they are.
#include "errors.hpp"
#include "handles.hpp"
#include "mbedtls_provider.hpp"

#include <polycert/name.hpp>
#include <polycert/path_validation.hpp>

#include <mbedtls/oid.h>
#include <mbedtls/x509_crl.h>
#include <mbedtls/x509_crt.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <vector>

namespace polycert::mbedtls_backend {

namespace {

struct KnownFlag {
  std::uint32_t flag;
  std::string_view name;
  PathCheck check;
};

#define POLYCERT_VERIFY_FLAG(name, check) {name, #name, PathCheck::check}
constexpr KnownFlag kKnownFlags[] = {
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCERT_EXPIRED, expired),
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCERT_FUTURE, not_yet_valid),
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCERT_REVOKED, revoked),
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCERT_NOT_TRUSTED, untrusted),
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCERT_MISSING, untrusted),
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCERT_CN_MISMATCH, host),
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCERT_KEY_USAGE, key_usage),
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCERT_EXT_KEY_USAGE, purpose),
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCERT_NS_CERT_TYPE, purpose),
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCERT_BAD_MD, weak_algorithm),
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCERT_BAD_PK, weak_algorithm),
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCERT_BAD_KEY, weak_algorithm),
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCRL_NOT_TRUSTED, crl_invalid),
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCRL_EXPIRED, crl_invalid),
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCRL_FUTURE, crl_invalid),
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCRL_BAD_MD, crl_invalid),
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCRL_BAD_PK, crl_invalid),
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCRL_BAD_KEY, crl_invalid),
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCERT_SKIP_VERIFY, other),
    POLYCERT_VERIFY_FLAG(MBEDTLS_X509_BADCERT_OTHER, other),
};
#undef POLYCERT_VERIFY_FLAG

// What the verify callback saw of one certificate.
struct Flagged {
  int depth;
  std::uint32_t flags;
  std::string subject;
  Bytes issuer;  ///< the raw issuer Name, to find the CRL that covers it
};

int record(void* context, mbedtls_x509_crt* certificate, int depth, std::uint32_t* flags) {
  auto& seen = *static_cast<std::vector<Flagged>*>(context);
  seen.push_back({depth, *flags,
                  describe_subject(ByteView(certificate->subject_raw.p, certificate->subject_raw.len)),
                  Bytes(certificate->issuer_raw.p, certificate->issuer_raw.p + certificate->issuer_raw.len)});
  return 0;  // keep the flags: the verdict is Mbed TLS's
}

std::string flag_message(std::uint32_t flags) {
  std::array<char, 512> text{};
  if (mbedtls_x509_crt_verify_info(text.data(), text.size(), "", flags) < 0) return "";
  std::string message(text.data());
  if (const auto end = message.find('\n'); end != std::string::npos) message.resize(end);
  return message;
}

Result<void> add_certificate(mbedtls_x509_crt* chain, const Bytes& der, std::string_view what) {
  const int ret = mbedtls_x509_crt_parse_der(chain, der.data(), der.size());
  if (ret != 0) return std::unexpected(library_error(ErrorCode::invalid_input, what, ret));
  return {};
}

// Mbed TLS checks the CRLs it is given but asks for none: a certificate whose issuer gave
// no CRL passes. The scope the caller asked for is held here, as OpenSSL's CRL_CHECK(_ALL)
// and Botan's require_rev hold it: the first certificate in scope (below the trust
// anchor) that no CRL of its issuer covers.
const Flagged* uncovered(const std::vector<Flagged>& seen, const std::vector<Bytes>& crl_issuers,
                         RevocationScope scope) {
  int anchor_depth = -1;
  for (const Flagged& certificate : seen) anchor_depth = std::max(anchor_depth, certificate.depth);
  // Names compared as RFC 5280 7.1 does (Mbed TLS's own x509_name_cmp is not exported).
  auto covers = [&](const Bytes& issuer) {
    auto wanted = decode_name(issuer);
    return std::ranges::any_of(crl_issuers, [&](const Bytes& crl_issuer) {
      if (crl_issuer == issuer) return true;
      auto name = decode_name(crl_issuer);
      return wanted && name && names_match(*wanted, *name);
    });
  };
  const Flagged* first = nullptr;
  for (const Flagged& certificate : seen) {
    if (certificate.depth == anchor_depth) continue;
    if (scope == RevocationScope::leaf && certificate.depth != 0) continue;
    if (covers(certificate.issuer)) continue;
    if (first == nullptr || certificate.depth < first->depth) first = &certificate;
  }
  return first;
}

}  // namespace

std::string missing_path_check(std::string_view check) {
  if (check == "at-time") return "Mbed TLS 2.28 compares validity with the system clock";
  if (check == "max-depth") return "Mbed TLS 2.28 fixes it at build time (MBEDTLS_X509_MAX_INTERMEDIATE_CA)";
  if (check == "ip-address" || check == "email-address")
    return "Mbed TLS 2.28 matches DNS names and the CN only";
  return "";
}

Result<PathVerdict> MbedtlsProvider::do_validate_path(const PathValidationRequest& request) {
  X509Crt chain, anchors;
  if (auto ok = add_certificate(chain.get(), request.leaf, "certificate"); !ok)
    return std::unexpected(ok.error());
  for (const Bytes& der : request.untrusted)
    if (auto ok = add_certificate(chain.get(), der, "untrusted certificate"); !ok)
      return std::unexpected(ok.error());
  for (const Bytes& der : request.trusted)
    if (auto ok = add_certificate(anchors.get(), der, "trusted certificate"); !ok)
      return std::unexpected(ok.error());

  X509Crl crls;
  std::vector<Bytes> crl_issuers;
  if (request.revocation != RevocationScope::none) {
    for (const Bytes& der : request.crls) {
      const int parsed = mbedtls_x509_crl_parse_der(crls.get(), der.data(), der.size());
      if (parsed != 0) return std::unexpected(library_error(ErrorCode::invalid_input, "CRL", parsed));
    }
    for (const mbedtls_x509_crl* crl = crls.get(); crl != nullptr && crl->version != 0; crl = crl->next)
      crl_issuers.emplace_back(crl->issuer_raw.p, crl->issuer_raw.p + crl->issuer_raw.len);
  }

  std::vector<Flagged> seen;
  std::uint32_t flags = 0;
  const int ret = mbedtls_x509_crt_verify_with_profile(
      chain.get(), anchors.get(), crl_issuers.empty() ? nullptr : crls.get(),
      &mbedtls_x509_crt_profile_default,
      request.host ? request.host->c_str() : nullptr, &flags, record, &seen);
  PathVerdict verdict;
  if (ret == 0) {
    verdict.valid = true;
    // The callback ran from the top of the path down.
    for (auto it = seen.rbegin(); it != seen.rend(); ++it) verdict.path.push_back(it->subject);
    if (request.revocation != RevocationScope::none)
      if (const Flagged* missing = uncovered(seen, crl_issuers, request.revocation)) {
        verdict = PathVerdict{};
        verdict.check = PathCheck::revocation_unknown;
        verdict.depth = missing->depth;
        verdict.certificate = missing->subject;
        verdict.library_code = "no CRL of " + describe_subject(missing->issuer);
        verdict.library_message =
            "Mbed TLS checks the CRLs it is given and requires none; polycert requires one "
            "for each certificate in the revocation scope";
        return verdict;
      }
  } else if (ret != MBEDTLS_ERR_X509_CERT_VERIFY_FAILED) {
    return std::unexpected(library_error(ErrorCode::internal, "path validation", ret));
  } else {
    for (const Flagged& certificate : seen) {
      if (certificate.flags == 0) continue;
      verdict.depth = certificate.depth;
      verdict.certificate = certificate.subject;
      verdict.check = PathCheck::other;
      for (const KnownFlag& known : kKnownFlags)
        if ((certificate.flags & known.flag) != 0) {
          verdict.check = known.check;
          verdict.library_code = std::string(known.name);
          break;
        }
      verdict.library_message = flag_message(certificate.flags);
      break;
    }
    return verdict;
  }

  const char* oid = nullptr;
  std::size_t oid_size = 0;
  switch (request.purpose) {
    case Purpose::any: return verdict;
    case Purpose::server: oid = MBEDTLS_OID_SERVER_AUTH; oid_size = MBEDTLS_OID_SIZE(MBEDTLS_OID_SERVER_AUTH); break;
    case Purpose::client: oid = MBEDTLS_OID_CLIENT_AUTH; oid_size = MBEDTLS_OID_SIZE(MBEDTLS_OID_CLIENT_AUTH); break;
    case Purpose::code_signing: oid = MBEDTLS_OID_CODE_SIGNING; oid_size = MBEDTLS_OID_SIZE(MBEDTLS_OID_CODE_SIGNING); break;
    case Purpose::email: oid = MBEDTLS_OID_EMAIL_PROTECTION; oid_size = MBEDTLS_OID_SIZE(MBEDTLS_OID_EMAIL_PROTECTION); break;
  }
  if (const int usage = mbedtls_x509_crt_check_extended_key_usage(chain.get(), oid, oid_size); usage != 0) {
    verdict = PathVerdict{};
    verdict.check = PathCheck::purpose;
    verdict.depth = 0;
    verdict.certificate = seen.empty() ? "" : seen.back().subject;
    verdict.library_code = "mbedtls_x509_crt_check_extended_key_usage: " + error_text(usage);
    verdict.library_message = "the extendedKeyUsage does not allow " + std::string(to_string(request.purpose));
  }
  return verdict;
}

}  // namespace polycert::mbedtls_backend
