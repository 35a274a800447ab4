#include <polycert/path_validation.hpp>

#include <polycert/crl.hpp>
#include <polycert/name.hpp>
#include <polycert/provider.hpp>

#include "provider_checks.hpp"

namespace polycert {

std::string_view to_string(Purpose purpose) {
  switch (purpose) {
    case Purpose::any: return "any";
    case Purpose::server: return "server";
    case Purpose::client: return "client";
    case Purpose::code_signing: return "code-signing";
    case Purpose::email: return "email";
  }
  return "?";
}

Result<Purpose> parse_purpose(std::string_view text) {
  for (Purpose purpose : {Purpose::any, Purpose::server, Purpose::client, Purpose::code_signing,
                          Purpose::email})
    if (text == to_string(purpose)) return purpose;
  return fail(ErrorCode::invalid_input, "unknown purpose '" + std::string(text) +
                                            "'; one of server, client, code-signing, email, any");
}

std::string_view to_string(RevocationScope scope) {
  switch (scope) {
    case RevocationScope::none: return "none";
    case RevocationScope::leaf: return "leaf";
    case RevocationScope::chain: return "chain";
  }
  return "?";
}

std::string_view to_string(PathCheck check) {
  switch (check) {
    case PathCheck::none: return "none";
    case PathCheck::untrusted: return "untrusted";
    case PathCheck::signature: return "signature";
    case PathCheck::expired: return "expired";
    case PathCheck::not_yet_valid: return "not-yet-valid";
    case PathCheck::not_a_ca: return "not-a-ca";
    case PathCheck::path_length: return "path-length";
    case PathCheck::key_usage: return "key-usage";
    case PathCheck::purpose: return "purpose";
    case PathCheck::name_constraints: return "name-constraints";
    case PathCheck::host: return "host";
    case PathCheck::critical_extension: return "critical-extension";
    case PathCheck::weak_algorithm: return "weak-algorithm";
    case PathCheck::revoked: return "revoked";
    case PathCheck::revocation_unknown: return "revocation-unknown";
    case PathCheck::crl_invalid: return "crl-invalid";
    case PathCheck::other: return "other";
  }
  return "?";
}

std::vector<std::string_view> checks_asked(const PathValidationRequest& request) {
  std::vector<std::string_view> checks;
  if (request.host) checks.push_back("host-name");
  if (request.ip) checks.push_back("ip-address");
  if (request.email) checks.push_back("email-address");
  if (request.at) checks.push_back("at-time");
  if (request.max_depth) checks.push_back("max-depth");
  switch (request.purpose) {
    case Purpose::any: break;
    case Purpose::server: checks.push_back("purpose:server"); break;
    case Purpose::client: checks.push_back("purpose:client"); break;
    case Purpose::code_signing: checks.push_back("purpose:code-signing"); break;
    case Purpose::email: checks.push_back("purpose:email"); break;
  }
  if (request.revocation != RevocationScope::none) checks.push_back("crl");
  return checks;
}

std::string describe_subject(ByteView name_der) {
  auto name = decode_name(name_der);
  if (!name) return "(a subject polycert cannot read: " + name.error().message + ")";
  return name->empty() ? "(empty subject)" : format_slash(*name);
}

Result<PathVerdict> Provider::validate_path(const PathValidationRequest& request) {
  // Strict DER and keys within polycert's limits before any library reads them.
  using provider_checks::check_signed_object;
  if (auto ok = check_signed_object(request.leaf, "the certificate to validate"); !ok)
    return std::unexpected(ok.error());
  for (std::size_t i = 0; i < request.untrusted.size(); ++i)
    if (auto ok = check_signed_object(request.untrusted[i], "untrusted certificate " + std::to_string(i + 1)); !ok)
      return std::unexpected(ok.error());
  for (std::size_t i = 0; i < request.trusted.size(); ++i)
    if (auto ok = check_signed_object(request.trusted[i], "trusted certificate " + std::to_string(i + 1)); !ok)
      return std::unexpected(ok.error());
  for (std::size_t i = 0; i < request.crls.size(); ++i) {
    const std::string what = "CRL " + std::to_string(i + 1);
    if (auto strict = provider_checks::check_strict(request.crls[i], what); !strict)
      return std::unexpected(strict.error());
    if (auto crl = inspect_crl(request.crls[i]); !crl) return std::unexpected(with_context(crl.error(), what));
  }
  if (request.revocation != RevocationScope::none && request.crls.empty())
    return fail(ErrorCode::invalid_input, "a revocation check needs at least one CRL");
  if (request.trusted.empty())
    return fail(ErrorCode::invalid_input, "no trusted certificate to validate against");
  if (request.host && request.ip)
    return fail(ErrorCode::invalid_input, "a host name and an IP address exclude each other");
  // What the library's validator cannot do is refused here, as its matrix row says.
  for (std::string_view asked : checks_asked(request))
    if (const Capability* row = capabilities().find(Operation::validate_path, asked);
        row != nullptr && !row->supported)
      return std::unexpected(unsupported("validate a path with " + std::string(asked), row->note));
  return x509_.do_validate_path(request);
}

}  // namespace polycert
