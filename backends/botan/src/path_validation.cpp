// Provider::validate_path with Botan 2: x509_path_validate with the default
// Path_Validation_Restrictions (no revocation data required, minimum key strength 110:
// SHA-1 signatures and RSA keys under 2048 bits are refused), a Certificate_Store_In_Memory
// of the trust anchors, the leaf and the untrusted certificates as the end certificates,
// the host name and the usage (TLS server or client) as Botan checks them. CRLs go into the
// same store, where check_crl finds them by issuer name and key identifier: a CRL signed by
// another key with the same name is not found, so the certificate has no revocation data.
//
// Missing, each a capability row core refuses by (missing_path_check): a maximum depth
// (Path_Validation_Restrictions has none), IP addresses and email addresses (Botan 2
// matches DNS names only), the code-signing and email purposes (Usage_Type has TLS server
// and client only). Botan matches a host name
// against the CN when the certificate has no DNS name, whatever --cn-fallback says: that is
// Botan's own decision, reported as it is.
#include "botan_provider.hpp"
#include "errors.hpp"

#include <polycert/path_validation.hpp>

#include <botan/certstor.h>
#include <botan/data_src.h>
#include <botan/x509_crl.h>
#include <botan/x509cert.h>
#include <botan/x509path.h>

#include <chrono>

namespace polycert::botan_backend {

namespace {

Botan::X509_Certificate certificate_from(const Bytes& der) {
  Botan::DataSource_Memory source(der.data(), der.size());
  return Botan::X509_Certificate(source);
}

PathCheck check_of(Botan::Certificate_Status_Code code) {
  using Code = Botan::Certificate_Status_Code;
  switch (code) {
    case Code::CERT_ISSUER_NOT_FOUND:
    case Code::CANNOT_ESTABLISH_TRUST:
    case Code::CERT_CHAIN_LOOP:
    case Code::CHAIN_LACKS_TRUST_ROOT:
    case Code::CHAIN_NAME_MISMATCH: return PathCheck::untrusted;
    case Code::SIGNATURE_ERROR:
    case Code::CERT_PUBKEY_INVALID:
    case Code::SIGNATURE_ALGO_UNKNOWN:
    case Code::SIGNATURE_ALGO_BAD_PARAMS: return PathCheck::signature;
    case Code::CERT_HAS_EXPIRED: return PathCheck::expired;
    case Code::CERT_NOT_YET_VALID: return PathCheck::not_yet_valid;
    case Code::CA_CERT_NOT_FOR_CERT_ISSUER: return PathCheck::not_a_ca;
    case Code::CERT_CHAIN_TOO_LONG: return PathCheck::path_length;
    case Code::INVALID_USAGE: return PathCheck::purpose;
    case Code::NAME_CONSTRAINT_ERROR: return PathCheck::name_constraints;
    case Code::CERT_NAME_NOMATCH: return PathCheck::host;
    case Code::UNKNOWN_CRITICAL_EXTENSION: return PathCheck::critical_extension;
    case Code::SIGNATURE_METHOD_TOO_WEAK:
    case Code::UNTRUSTED_HASH: return PathCheck::weak_algorithm;
    case Code::CERT_IS_REVOKED: return PathCheck::revoked;
    case Code::NO_REVOCATION_DATA: return PathCheck::revocation_unknown;
    case Code::CRL_NOT_YET_VALID:
    case Code::CRL_HAS_EXPIRED:
    case Code::CRL_BAD_SIGNATURE:
    case Code::CA_CERT_NOT_FOR_CRL_ISSUER:
    case Code::NO_MATCHING_CRLDP: return PathCheck::crl_invalid;
    default: return PathCheck::other;
  }
}

Result<PathVerdict> validate(const PathValidationRequest& request, Botan::Usage_Type usage) {
  std::vector<Botan::X509_Certificate> end_certificates{certificate_from(request.leaf)};
  for (const Bytes& der : request.untrusted) end_certificates.push_back(certificate_from(der));
  Botan::Certificate_Store_In_Memory anchors;
  for (const Bytes& der : request.trusted) anchors.add_certificate(certificate_from(der));
  if (request.revocation != RevocationScope::none)
    for (const Bytes& der : request.crls) anchors.add_crl(Botan::X509_CRL(der));
  const auto at = request.at ? std::chrono::system_clock::from_time_t(static_cast<std::time_t>(*request.at))
                             : std::chrono::system_clock::now();
  // require_rev asks for a CRL of the leaf; ocsp_all_intermediates extends that to the CAs
  // (merge_revocation_status reads it for CRLs too). Botan's defaults otherwise.
  const Botan::Path_Validation_Restrictions restrictions(
      request.revocation != RevocationScope::none, 110, request.revocation == RevocationScope::chain);
  const Botan::Path_Validation_Result result = Botan::x509_path_validate(
      end_certificates, restrictions, anchors, request.host.value_or(""), usage, at);

  PathVerdict verdict;
  const auto& path = result.cert_path();
  auto subject = [&](std::size_t depth) {
    return depth < path.size() && path[depth] ? describe_subject(path[depth]->raw_subject_dn())
                                              : std::string();
  };
  if (result.successful_validation()) {
    verdict.valid = true;
    for (std::size_t depth = 0; depth < path.size(); ++depth) verdict.path.push_back(subject(depth));
    return verdict;
  }
  const Botan::Certificate_Status_Code code = result.result();
  verdict.check = check_of(code);
  verdict.library_code = "Certificate_Status_Code " + std::to_string(static_cast<int>(code));
  const char* text = Botan::Path_Validation_Result::status_string(code);
  verdict.library_message = text != nullptr ? text : "";
  // The first certificate, from the leaf up, whose statuses hold the overall result.
  const auto& statuses = result.all_statuses();
  for (std::size_t depth = 0; depth < statuses.size(); ++depth)
    if (statuses[depth].count(code) != 0) {
      verdict.depth = static_cast<int>(depth);
      verdict.certificate = subject(depth);
      break;
    }
  if (verdict.depth < 0 && verdict.check == PathCheck::untrusted && !path.empty()) {
    // No path to an anchor: Botan names no certificate; the last one it reached is where
    // the path ends.
    verdict.depth = static_cast<int>(path.size() - 1);
    verdict.certificate = subject(path.size() - 1);
  }
  return verdict;
}

}  // namespace

std::string missing_path_check(std::string_view check) {
  if (check == "max-depth") return "Botan 2's Path_Validation_Restrictions has no maximum depth";
  if (check == "ip-address" || check == "email-address")
    return "Botan 2's path validation matches DNS names only";
  if (check == "purpose:code-signing" || check == "purpose:email")
    return "Botan 2's Usage_Type has TLS server and client only";
  return "";
}

Result<PathVerdict> BotanProvider::do_validate_path(const PathValidationRequest& request) {
  Botan::Usage_Type usage = Botan::Usage_Type::UNSPECIFIED;
  switch (request.purpose) {
    case Purpose::any: break;
    case Purpose::server: usage = Botan::Usage_Type::TLS_SERVER_AUTH; break;
    case Purpose::client: usage = Botan::Usage_Type::TLS_CLIENT_AUTH; break;
    case Purpose::code_signing:
    case Purpose::email:  // refused by core: missing_path_check
      return fail(ErrorCode::internal, "Botan reached with a purpose its matrix refuses");
  }
  return guarded("validate the path", Blame::input, [&] { return validate(request, usage); });
}

}  // namespace polycert::botan_backend
