// polycert sign: issue a certificate from a CSR with a CA certificate and key, as
// `openssl x509 -req -CA ... -CAkey ...` does, without its traps: the CSR's signature is
// checked, the CA key must belong to the CA certificate, and what is issued follows core's
// issuance policy (polycert/issuance.hpp, docs/issuance.md): a CA that may issue now, a
// request that cannot make itself a CA or grant itself CA-grade usages, checked names.
#include "../auto_backend.hpp"
#include "../certificate_defaults.hpp"
#include "../ca_options.hpp"
#include "../command.hpp"
#include "../inputs.hpp"
#include "../x509_options.hpp"

#include <polycert/issuance.hpp>
#include <polycert/pem.hpp>

namespace polycert::cli {

namespace {

class SignCommand final : public Command {
 public:
  std::string_view name() const override { return "sign"; }
  std::string_view summary() const override { return "issue a certificate from a CSR with a CA"; }
  std::string_view synopsis() const override {
    return "sign --csr FILE --ca-cert FILE --ca-key FILE [--ca] [--days N] [--san LIST]\n"
           "       [--key-usage LIST] [--ext-key-usage LIST] -o FILE";
  }
  std::string_view epilog() const override {
    return "The subject and subjectAltName come from the request, checked (DNS labels, IP,\n"
           "email, URI schemes, X.520 lengths). An end entity takes the request's keyUsage\n"
           "without keyCertSign and cRLSign, and its extendedKeyUsage serverAuth, clientAuth\n"
           "and emailProtection; anything else is dropped with a warning unless --key-usage or\n"
           "--ext-key-usage give it. --ca issues an intermediate CA certificate instead. The\n"
           "CA certificate must be CA:TRUE, have keyCertSign, be valid now and, for --ca, allow\n"
           "a CA below it (pathLenConstraint); else exit 6. The certificate gets\n"
           "subjectKeyIdentifier, authorityKeyIdentifier and a random positive 16-byte serial\n"
           "number. --san issues these subjectAltNames instead of the request's (checked the\n"
           "same way); an end entity issued without any is named in a warning. The policy:\n"
           "docs/issuance.md.\n";
  }

  std::string_view examples() const override {
    return "# Issue a server certificate, with the SANs the request lacks\n"
           "polycert sign --csr server.csr --ca-cert ca.crt --ca-key ca.key --san DNS:api.example.com -o server.crt\n"
           "# Issue an intermediate CA\n"
           "polycert sign --csr sub.csr --ca-cert root.crt --ca-key root.key --ca --days 1825 -o sub.crt";
  }

  void add_options(po::options_description& options) override {
    options.add_options()
        ("csr", po::value<std::string>(&csr_)->required()->value_name("FILE"), "the request");
    issuer_.add_to(options);
    options.add_options()
        ("ca", po::bool_switch(&ca_), "issue an intermediate CA certificate")
        ("san", po::value<std::string>(&san_)->value_name("LIST"),
         "subjectAltName to issue instead of the request's: DNS:a.example,IP:10.0.0.1,...")
        ("key-usage", po::value<std::string>(&key_usage_)->value_name("LIST"),
         "keyUsage to issue instead of the request's: digitalSignature,keyEncipherment,...")
        ("ext-key-usage", po::value<std::string>(&extended_key_usage_)->value_name("LIST"),
         "extendedKeyUsage to issue instead of the request's: serverAuth,codeSigning,... or OIDs")
        ("days", po::value<unsigned>(&days_)->default_value(365)->value_name("N"), "validity in days")
        ("digest", po::value<std::string>(&digest_)->default_value("sha256")->value_name("sha256|sha384|sha512"),
         "signature digest (an Ed25519 CA signs without one)")
        ("out,o", po::value<std::string>(&out_)->required()->value_name("FILE"), "the certificate")
        ("format", po::value<std::string>(&format_)->default_value("pem")->value_name("pem|der"),
         "output encoding")
        ("force", po::bool_switch(&force_), "replace FILE if it exists");
  }

  int run(Session& session, const po::variables_map&) override {
    if (days_ == 0 || days_ > 36500) return session.usage_error("--days must be 1 to 36500");
    if (format_ != "pem" && format_ != "der")
      return session.usage_error("--format must be pem or der, not '" + format_ + "'");
    auto digest = parse_digest(digest_);
    if (!digest) return session.usage_error(digest.error().message);
    IssuanceOptions issuance_options;
    issuance_options.ca = ca_;
    if (!key_usage_.empty()) {
      if (ca_) return session.usage_error("--key-usage goes with end entities; --ca issues the CA usages");
      auto bits = parse_key_usage(key_usage_);
      if (!bits) return session.usage_error(bits.error().message);
      if (auto allowed = check_key_usage_for(*bits, ca_); !allowed)
        return session.usage_error(allowed.error().message + "; use --ca to issue a CA certificate");
      issuance_options.key_usage = *bits;
    }
    if (!extended_key_usage_.empty()) {
      auto usages = parse_extended_key_usage(extended_key_usage_);
      if (!usages) return session.usage_error(usages.error().message);
      issuance_options.extended_key_usage = std::move(*usages);
    }
    std::optional<std::vector<GeneralName>> sans;
    if (!san_.empty()) {
      auto parsed = parse_subject_alt_names(san_);
      if (!parsed) return session.usage_error("--san: " + parsed.error().message);
      for (const GeneralName& name : *parsed)
        if (auto checked = check_general_name(name); !checked)
          return session.usage_error("--san: " + checked.error().message);
      sans = std::move(*parsed);
    }
    const Validity validity = validity_for_days(days_);
    issuance_options.not_after = validity.not_after;

    // --backend auto: issuing is signing with the CA key, which csr:SPEC times.
    auto provider = session.provider([&] { return issuer_.backend_operation(); });
    if (!provider) return kExitUsage;
    auto csr_der = read_object(csr_, ObjectKind::certificate_request);
    if (!csr_der) return session.report(csr_der.error());
    auto request = provider->parse_csr(*csr_der);
    if (!request) return session.report(request.error(), csr_);
    if (request->signature_status == SignatureStatus::cannot_be_checked)
      return session.report(Error{ErrorCode::unsupported, "the request's signature cannot be checked: " +
                                                              request->signature_note},
                            csr_);
    if (request->signature_status != SignatureStatus::verifies)
      return session.report(Error{ErrorCode::mismatch, "the request's signature does not verify; "
                                                       "it was altered or signed by another key"},
                            csr_);
    auto ca_der = read_object(issuer_.certificate, ObjectKind::certificate);
    if (!ca_der) return session.report(ca_der.error());
    auto ca = provider->parse_certificate(*ca_der);
    if (!ca) return session.report(ca.error(), issuer_.certificate);
    // Before the CA key is opened (and its password asked): refusals about the CA
    // certificate are mismatch (exit 6, as chain's), about the request invalid_input.
    auto issuance = plan_issuance(*request, *ca, issuance_options, validity.not_before);
    if (!issuance)
      return session.report(issuance.error(),
                            issuance.error().code == ErrorCode::mismatch ? issuer_.certificate : csr_);
    auto ca_key = load_private_key(*provider, issuer_.key, issuer_.passin);
    if (!ca_key) return session.report(ca_key.error());
    auto ca_key_public = provider->export_public_key(**ca_key);
    if (!ca_key_public) return session.report(ca_key_public.error());
    if (*ca_key_public != ca->public_key)
      return session.report(Error{ErrorCode::mismatch, "this key does not belong to the CA "
                                                       "certificate " + issuer_.certificate},
                            issuer_.key);

    if (sans) issuance->extensions.subject_alt_names = std::move(*sans);
    for (const std::string& warning : issuance->warnings) session.inform(warning);
    if (!ca_ && issuance->extensions.subject_alt_names.empty())
      session.inform("warning: the certificate has no subjectAltName, and TLS clients match host names "
                     "against it alone; --san DNS:NAME issues one");
    if (issuance->usages_left_out && !ca_)
      session.inform("  (--ca issues a CA certificate; --key-usage and --ext-key-usage issue usages explicitly)");
    CertificateSpec spec;
    spec.subject = std::move(issuance->subject);
    spec.extensions = std::move(issuance->extensions);
    spec.not_before = validity.not_before;
    spec.not_after = validity.not_after;
    spec.digest = *digest;
    auto random = provider->random_bytes(16);
    if (!random) return session.report(random.error());
    spec.serial = make_serial(*random);

    auto certificate = provider->issue_certificate(spec, request->public_key, **ca_key, ByteView(*ca_der));
    if (!certificate) return session.report(certificate.error());
    const bool pem = format_ == "pem";
    if (auto written = write_output(out_, encode_document("CERTIFICATE", *certificate, pem),
                                    FileMode::public_, force_, !pem);
        !written)
      return session.report(written.error());
    session.inform("Wrote " + std::string(ca_ ? "CA " : "") + "certificate for " +
                   format_slash(spec.subject) + ", issued by " + format_slash(ca->subject) +
                   ", valid " + std::to_string(days_) + " days, to " + out_ + " [" +
                   session.backend_label() + "]");
    return kExitOk;
  }

 private:
  std::string csr_, digest_, out_, format_;
  CaOptions issuer_;
  std::string key_usage_, extended_key_usage_, san_;
  unsigned days_ = 365;
  bool ca_ = false;
  bool force_ = false;
};

}  // namespace

std::unique_ptr<Command> make_sign_command() { return std::make_unique<SignCommand>(); }

}  // namespace polycert::cli
