// Provider::validate_path with OpenSSL 3: X509_verify_cert with an X509_STORE of the trust
// anchors, the untrusted certificates as the chain's candidates, and the request's checks
// in the X509_VERIFY_PARAM: time, purpose, depth, host (no CN fallback unless asked:
// X509_CHECK_FLAG_NEVER_CHECK_SUBJECT), IP address and email; CRLs in the store, with
// X509_V_FLAG_CRL_CHECK for the leaf and CRL_CHECK_ALL for the chain. OpenSSL's default
// flags otherwise, as a server or client built on it would run.
//
// Missing (missing_path_check, the capability rows core refuses by): the code-signing
// purpose (OpenSSL 3.0 has no X509_PURPOSE for it; 3.2 added one).
#include "errors.hpp"
#include "handles.hpp"
#include "openssl_provider.hpp"
#include "x509_support.hpp"

#include <polycert/path_validation.hpp>

#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <array>
#include <utility>

namespace polycert::openssl_backend {

namespace {

struct CertStackFree {
  void operator()(STACK_OF(X509) * stack) const { sk_X509_pop_free(stack, X509_free); }
};

struct KnownError {
  int code;
  std::string_view name;
  PathCheck check;
};

#define POLYCERT_VERIFY_ERROR(name, check) {name, #name, PathCheck::check}
constexpr KnownError kKnownErrors[] = {
    POLYCERT_VERIFY_ERROR(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, untrusted),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, untrusted),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, untrusted),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, untrusted),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, untrusted),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_CERT_UNTRUSTED, untrusted),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_CERT_REJECTED, untrusted),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_AKID_SKID_MISMATCH, untrusted),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_AKID_ISSUER_SERIAL_MISMATCH, untrusted),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_CERT_SIGNATURE_FAILURE, signature),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE, signature),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY, signature),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_CERT_NOT_YET_VALID, not_yet_valid),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_CERT_HAS_EXPIRED, expired),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_INVALID_CA, not_a_ca),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_PATH_LENGTH_EXCEEDED, path_length),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_CERT_CHAIN_TOO_LONG, path_length),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_INVALID_PURPOSE, purpose),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_KEYUSAGE_NO_CERTSIGN, key_usage),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_PERMITTED_VIOLATION, name_constraints),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_EXCLUDED_VIOLATION, name_constraints),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_SUBTREE_MINMAX, name_constraints),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE, name_constraints),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX, name_constraints),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_UNSUPPORTED_NAME_SYNTAX, name_constraints),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_HOSTNAME_MISMATCH, host),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_EMAIL_MISMATCH, host),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_IP_ADDRESS_MISMATCH, host),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION, critical_extension),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_EE_KEY_TOO_SMALL, weak_algorithm),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_CA_KEY_TOO_SMALL, weak_algorithm),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_CA_MD_TOO_WEAK, weak_algorithm),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_CERT_REVOKED, revoked),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_UNABLE_TO_GET_CRL, revocation_unknown),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_CRL_HAS_EXPIRED, crl_invalid),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_CRL_NOT_YET_VALID, crl_invalid),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_CRL_SIGNATURE_FAILURE, crl_invalid),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE, crl_invalid),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD, crl_invalid),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD, crl_invalid),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER, crl_invalid),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_KEYUSAGE_NO_CRL_SIGN, crl_invalid),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_DIFFERENT_CRL_SCOPE, crl_invalid),
    POLYCERT_VERIFY_ERROR(X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION, crl_invalid),
};
#undef POLYCERT_VERIFY_ERROR

Result<X509Ptr> read_certificate_der(const Bytes& der) {
  const unsigned char* cursor = der.data();
  X509Ptr certificate(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
  if (!certificate)
    return std::unexpected(openssl_error(ErrorCode::invalid_input, "certificate"));
  return certificate;
}

int openssl_purpose(Purpose purpose) {
  switch (purpose) {
    case Purpose::server: return X509_PURPOSE_SSL_SERVER;
    case Purpose::client: return X509_PURPOSE_SSL_CLIENT;
    case Purpose::email: return X509_PURPOSE_SMIME_SIGN;
    case Purpose::any:
    case Purpose::code_signing: break;
  }
  return X509_PURPOSE_ANY;
}

std::string subject_of(X509* certificate) {
  if (certificate == nullptr) return "";
  auto der = name_to_der(X509_get_subject_name(certificate));
  return der ? describe_subject(*der) : "(unreadable subject)";
}

}  // namespace

std::string missing_path_check(std::string_view check) {
  if (check == "purpose:code-signing") return "OpenSSL 3.0 has no code-signing X509_PURPOSE (3.2 added one)";
  return "";
}

Result<PathVerdict> OpenSslProvider::do_validate_path(const PathValidationRequest& request) {
  ErrorQueueScope errors;
  auto leaf = read_certificate_der(request.leaf);
  if (!leaf) return std::unexpected(leaf.error());
  std::unique_ptr<X509_STORE, FreeWith<&X509_STORE_free>> store(X509_STORE_new());
  std::unique_ptr<STACK_OF(X509), CertStackFree> untrusted(sk_X509_new_null());
  std::unique_ptr<X509_STORE_CTX, FreeWith<&X509_STORE_CTX_free>> context(X509_STORE_CTX_new());
  if (!store || !untrusted || !context)
    return std::unexpected(openssl_error(ErrorCode::internal, "path validation"));
  for (const Bytes& der : request.trusted) {
    auto anchor = read_certificate_der(der);
    if (!anchor) return std::unexpected(anchor.error());
    if (X509_STORE_add_cert(store.get(), anchor->get()) != 1)  // takes its own reference
      return std::unexpected(openssl_error(ErrorCode::internal, "adding a trust anchor"));
  }
  if (request.revocation != RevocationScope::none) {
    for (const Bytes& der : request.crls) {
      const unsigned char* cursor = der.data();
      std::unique_ptr<X509_CRL, FreeWith<&X509_CRL_free>> crl(d2i_X509_CRL(nullptr, &cursor, static_cast<long>(der.size())));
      if (!crl) return std::unexpected(openssl_error(ErrorCode::invalid_input, "CRL"));
      if (X509_STORE_add_crl(store.get(), crl.get()) != 1)  // takes its own reference
        return std::unexpected(openssl_error(ErrorCode::internal, "adding a CRL"));
    }
  }
  for (const Bytes& der : request.untrusted) {
    auto certificate = read_certificate_der(der);
    if (!certificate) return std::unexpected(certificate.error());
    if (sk_X509_push(untrusted.get(), certificate->get()) == 0)
      return std::unexpected(openssl_error(ErrorCode::internal, "path validation"));
    certificate->release();  // the stack owns it now
  }
  if (X509_STORE_CTX_init(context.get(), store.get(), leaf->get(), untrusted.get()) != 1)
    return std::unexpected(openssl_error(ErrorCode::internal, "path validation"));

  X509_VERIFY_PARAM* parameters = X509_STORE_CTX_get0_param(context.get());
  if (request.revocation == RevocationScope::leaf)
    X509_VERIFY_PARAM_set_flags(parameters, X509_V_FLAG_CRL_CHECK);
  else if (request.revocation == RevocationScope::chain)
    X509_VERIFY_PARAM_set_flags(parameters, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);
  if (request.at) X509_VERIFY_PARAM_set_time(parameters, static_cast<time_t>(*request.at));
  if (request.max_depth) X509_VERIFY_PARAM_set_depth(parameters, static_cast<int>(*request.max_depth));
  if (request.purpose != Purpose::any &&
      X509_STORE_CTX_set_purpose(context.get(), openssl_purpose(request.purpose)) != 1)
    return std::unexpected(openssl_error(ErrorCode::internal, "setting the purpose"));
  X509_VERIFY_PARAM_set_hostflags(parameters,
                                  request.cn_fallback ? 0u : X509_CHECK_FLAG_NEVER_CHECK_SUBJECT);
  if (request.host && X509_VERIFY_PARAM_set1_host(parameters, request.host->c_str(), 0) != 1)
    return fail(ErrorCode::invalid_input, "OpenSSL refuses the host name " + *request.host);
  if (request.ip && X509_VERIFY_PARAM_set1_ip_asc(parameters, request.ip->c_str()) != 1)
    return fail(ErrorCode::invalid_input, "not an IP address: " + *request.ip);
  if (request.email && X509_VERIFY_PARAM_set1_email(parameters, request.email->c_str(), 0) != 1)
    return fail(ErrorCode::invalid_input, "OpenSSL refuses the email address " + *request.email);

  PathVerdict verdict;
  if (X509_verify_cert(context.get()) == 1) {
    verdict.valid = true;
    STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(context.get());
    for (int i = 0; i < sk_X509_num(chain); ++i)
      verdict.path.push_back(subject_of(sk_X509_value(chain, i)));
    return verdict;
  }
  const int code = X509_STORE_CTX_get_error(context.get());
  verdict.check = PathCheck::other;
  verdict.library_code = std::to_string(code);
  for (const KnownError& known : kKnownErrors)
    if (known.code == code) {
      verdict.check = known.check;
      verdict.library_code = std::string(known.name) + " (" + std::to_string(code) + ")";
    }
  verdict.library_message = X509_verify_cert_error_string(code);
  verdict.depth = X509_STORE_CTX_get_error_depth(context.get());
  verdict.certificate = subject_of(X509_STORE_CTX_get_current_cert(context.get()));
  return verdict;
}

}  // namespace polycert::openssl_backend
