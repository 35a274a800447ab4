// polycert selfsign: a self-signed certificate for development and testing, the kind
// API gateways let you upload before the CA's certificate arrives.
#include "../auto_backend.hpp"
#include "../certificate_defaults.hpp"
#include "../command.hpp"
#include "../inputs.hpp"
#include "../x509_options.hpp"
#include "../batch/item.hpp"
#include "../key_protection.hpp"

#include <polycert/file_output.hpp>
#include <polycert/issuance.hpp>
#include <polycert/key_spec.hpp>

#include <filesystem>
#include <optional>

namespace polycert::cli {

namespace {

// A CN that is a host name (the issuance policy's DNS rule, no wildcard), to offer as the
// SAN clients actually check.
bool looks_like_host_name(std::string_view cn) {
  return cn.find('.') != std::string_view::npos && check_dns_name(cn, false).has_value();
}

class SelfsignCommand final : public Command {
 public:
  std::string_view name() const override { return "selfsign"; }
  std::string_view summary() const override {
    return "make a self-signed certificate (development, testing, a private root)";
  }
  std::string_view synopsis() const override {
    return "selfsign (--key FILE | --new-key ALG --key-out FILE [--passout SRC]) --subject DN\n"
           "       [--san LIST] [--days N] [--ca] -o FILE";
  }
  std::string_view epilog() const override {
    return "Without --san, a CN that looks like a host name is also put in subjectAltName as\n"
           "DNS:<CN>, since TLS clients check only the SAN. Without --ca the certificate is an\n"
           "end entity (CA:FALSE, digitalSignature[, keyEncipherment], serverAuth unless\n"
           "--key-usage/--ext-key-usage say otherwise); with --ca it is a root CA.\n"
           "--new-key ALG makes the key too, in one step (openssl req -x509 -newkey): written\n"
           "to --key-out as PKCS#8 PEM, mode 0600 (encrypted with --passout); neither file is\n"
           "written unless both can be.\n";
  }

  std::string_view examples() const override {
    return "# A development certificate, key included\n"
           "polycert selfsign --new-key ec:P-256 --key-out dev.key --subject /CN=dev.example.com -o dev.crt\n"
           "# A private root for a test PKI\n"
           "polycert selfsign --key root.key --subject '/O=Acme/CN=Acme Test Root' --ca --days 3650 -o root.crt";
  }

  void add_options(po::options_description& options) override {
    options.add_options()
        ("key", po::value<std::string>(&key_)->value_name("FILE"), "the private key")
        ("new-key", po::value<std::string>(&new_key_)->value_name("ALG"),
         "make a new key instead: rsa:2048, ec:P-256, ed25519...")
        ("key-out", po::value<std::string>(&key_out_)->value_name("FILE"), "where --new-key's key goes")
        ("passin", po::value<std::string>(&passin_)->value_name("SRC"),
         "password of an encrypted --key, from a password source")
        ("days", po::value<unsigned>(&days_)->default_value(365)->value_name("N"), "validity in days")
        ("ca", po::bool_switch(&ca_), "make a CA certificate (a development root)")
        ("out,o", po::value<std::string>(&out_)->required()->value_name("FILE"), "the certificate")
        ("format", po::value<std::string>(&format_)->default_value("pem")->value_name("pem|der"),
         "output encoding")
        ("force", po::bool_switch(&force_), "replace FILE if it exists");
    x509_.add_to(options);
    protection_.add_to(options);
  }

  int run(Session& session, const po::variables_map& values) override {
    x509_.take(values);
    if (key_.empty() == new_key_.empty()) return session.usage_error("give exactly one of --key FILE and --new-key ALG");
    if (!new_key_.empty() && key_out_.empty()) return session.usage_error("--new-key needs --key-out FILE for the new key");
    if (new_key_.empty() && (!key_out_.empty() || protection_.enabled()))
      return session.usage_error("--key-out and --passout go with --new-key");
    std::optional<KeySpec> new_spec;
    if (!new_key_.empty()) {
      auto parsed = parse_key_spec(new_key_);
      if (!parsed) return session.usage_error(parsed.error().message);
      new_spec = *parsed;
    }
    if (!x509_.subject) return session.usage_error("--subject is required");
    if (days_ == 0 || days_ > 36500) return session.usage_error("--days must be 1 to 36500");
    if (format_ != "pem" && format_ != "der")
      return session.usage_error("--format must be pem or der, not '" + format_ + "'");
    auto digest = x509_.parsed_digest();
    if (!digest) return session.usage_error(digest.error().message);
    if (auto policy = x509_.policy(); !policy) return session.usage_error(policy.error().message);
    auto subject = x509_.parsed_subject();
    if (!subject) return session.report(subject.error());
    if (subject->empty()) return session.report(Error{ErrorCode::invalid_input, "--subject is empty"});
    auto requested = x509_.extensions();
    if (!requested) return session.report(requested.error());
    if (requested->key_usage && !ca_)
      if (auto allowed = check_key_usage_for(*requested->key_usage, ca_); !allowed)
        return session.usage_error(allowed.error().message + "; use --ca to issue a CA certificate");

    // Refuse before any work if an output exists: a new key must not be made in vain.
    for (const std::string& path : {key_out_, out_})
      if (auto free = check_output_path(path, force_); !free) return session.report(free.error());

    // --backend auto: issuing is signing with the key, which csr:SPEC times.
    auto provider = session.provider([&] {
      const auto key_spec = new_spec ? new_spec : private_key_spec(key_);
      return key_spec ? "csr:" + to_string(*key_spec) : std::string("parse:key");
    });
    if (!provider) return kExitUsage;
    std::optional<SecureBuffer> key_file;
    Result<std::unique_ptr<PrivateKey>> key = fail(ErrorCode::internal, "no key");
    if (new_spec) {
      auto format = key_file_format(session, protection_, false, true);
      if (!format) return session.report(format.error());
      key = provider->generate_key(*new_spec);
      if (!key) return session.report(key.error());
      auto encoded = encode_key_file(*provider, **key, *format);
      if (!encoded) return session.report(encoded.error());
      key_file = std::move(*encoded);
    } else {
      key = load_private_key(*provider, key_, passin_);
    }
    if (!key) return session.report(key.error());
    auto spki = provider->export_public_key(**key);
    if (!spki) return session.report(spki.error());

    const std::string cn = subject->find(oid::kCommonName);
    if (requested->subject_alt_names.empty() && looks_like_host_name(cn)) {
      requested->subject_alt_names.push_back({GeneralName::Kind::dns, cn});
      session.inform("No --san given: using DNS:" + cn + " from the subject's CN");
    }
    CertificateSpec spec;
    spec.subject = std::move(*subject);
    auto extensions = complete_extensions(std::move(*requested), ca_, (*key)->spec());
    if (!extensions) return session.usage_error(extensions.error().message);
    spec.extensions = std::move(*extensions);
    const Validity validity = validity_for_days(days_);
    spec.not_before = validity.not_before;
    spec.not_after = validity.not_after;
    spec.digest = *digest;
    auto random = provider->random_bytes(16);
    if (!random) return session.report(random.error());
    spec.serial = make_serial(*random);

    auto certificate = provider->issue_certificate(spec, *spki, **key, std::nullopt);
    if (!certificate) return session.report(certificate.error());
    const bool pem = format_ == "pem";
    if (key_file)
      if (auto written = write_file_atomic(key_out_, *key_file, FileMode::secret, force_); !written)
        return session.report(written.error());
    if (auto written = write_output(out_, encode_document("CERTIFICATE", *certificate, pem),
                                    FileMode::public_, force_, !pem);
        !written) {
      if (key_file) std::filesystem::remove(key_out_);  // a key without its certificate is no use
      return session.report(written.error());
    }
    if (key_file)
      session.inform("Wrote " + to_string(*new_spec) + " private key (" +
                     (protection_.enabled() ? "encrypted PKCS#8" : "PKCS#8") + ", PEM, mode 0600) to " +
                     key_out_ + " [" + session.backend_label() + "]");
    session.inform("Wrote self-signed " + std::string(ca_ ? "CA " : "") + "certificate for " +
                   format_slash(spec.subject) + ", valid " + std::to_string(days_) + " days, to " +
                   out_ + " [" + session.backend_label() + "]");
    return kExitOk;
  }

 private:
  std::string key_, new_key_, key_out_, out_, format_;
  KeyProtection protection_;
  std::string passin_;
  unsigned days_ = 365;
  bool ca_ = false;
  bool force_ = false;
  X509Options x509_;
};

}  // namespace

std::unique_ptr<Command> make_selfsign_command() { return std::make_unique<SelfsignCommand>(); }

}  // namespace polycert::cli
