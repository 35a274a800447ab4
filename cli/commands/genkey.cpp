// polycert genkey ALG [-o FILE] [--format pem|der] [--traditional] [--passout SRC] [--force]
//
// Like `openssl genpkey`, but one spelling of the algorithm for every backend, and the
// key file is never readable by others or left half written.
#include "../command.hpp"
#include "../key_protection.hpp"

#include <polycert/key_encoding.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/pem.hpp>

namespace polycert::cli {

namespace {

class GenkeyCommand final : public Command {
 public:
  std::string_view name() const override { return "genkey"; }
  std::string_view summary() const override { return "generate a private key"; }
  std::string_view synopsis() const override {
    return "genkey ALG [-o FILE] [--format pem|der] [--traditional] [--passout SRC] [--force]";
  }
  std::string_view epilog() const override {
    return "ALG is one of rsa:2048 rsa:3072 rsa:4096 ec:P-256 ec:P-384 ec:P-521 ed25519\n"
           "(aliases: rsa = rsa:2048, ec = ec:P-256, prime256v1/secp256r1, secp384r1, "
           "secp521r1).\n"
           "The key is PKCS#8 unless --traditional (PKCS#1 for RSA, SEC1 for EC; Ed25519 has\n"
           "no traditional form). With --passout it is encrypted PKCS#8 (PBES2: PBKDF2-HMAC-SHA256,\n"
           "AES-256-CBC by default). Without -o it goes to standard output. Key files are\n"
           "created with mode 0600 and an existing file is kept unless --force.\n"
           "Password sources: pass:TEXT, env:VAR, file:PATH, fd:N, stdin.\n";
  }

  void add_options(po::options_description& options) override {
    options.add_options()
        ("algorithm", po::value<std::string>(&algorithm_)->required()->value_name("ALG"),
         "key to generate (also the first argument)")
        ("out,o", po::value<std::string>(&out_)->value_name("FILE"),
         "write the key to FILE (default: standard output)")
        ("format", po::value<std::string>(&format_)->default_value("pem")->value_name("pem|der"),
         "output encoding")
        ("traditional", po::bool_switch(&traditional_),
         "PKCS#1 (RSA) or SEC1 (EC) instead of PKCS#8")
        ("force", po::bool_switch(&force_), "replace FILE if it exists");
    protection_.add_to(options);
  }
  void add_positionals(po::positional_options_description& positionals) override {
    positionals.add("algorithm", 1);
  }

  int run(Session& session, const po::variables_map&) override {
    auto spec = parse_key_spec(algorithm_);
    if (!spec) return session.usage_error(spec.error().message);
    if (format_ != "pem" && format_ != "der")
      return session.usage_error("--format must be pem or der, not '" + format_ + "'");
    const bool pem = format_ == "pem";
    if (traditional_ && spec->algorithm == KeyAlgorithm::ed25519)
      return session.usage_error(
          "--traditional: Ed25519 keys have no traditional form; PKCS#8 is their only encoding");

    if (traditional_ && protection_.enabled())
      return session.usage_error("--passout writes encrypted PKCS#8, which --traditional excludes");
    if (protection_.enabled())
      if (auto options = protection_.options(); !options) return session.usage_error(options.error().message);

    auto provider = session.provider();
    if (!provider) return kExitUsage;

    auto key = provider->generate_key(*spec);
    if (!key) return session.report(key.error());
    const auto encoding = traditional_ ? PrivateKeyEncoding::traditional : PrivateKeyEncoding::pkcs8;
    auto der = provider->export_private_key(**key, encoding);
    if (!der) return session.report(der.error());

    const PrivateKeyForm form = !traditional_                          ? PrivateKeyForm::pkcs8
                                : spec->algorithm == KeyAlgorithm::rsa ? PrivateKeyForm::rsa_pkcs1
                                                                       : PrivateKeyForm::ec_sec1;
    std::string_view label = pem_label(form);
    if (protection_.enabled()) {
      auto encrypted = protect_private_key(session, *provider, protection_, *der);
      if (!encrypted) return session.report(encrypted.error());
      der = SecureBuffer(encrypted->begin(), encrypted->end());
      label = "ENCRYPTED PRIVATE KEY";
    }
    const SecureBuffer output = pem ? pem_encode(label, *der) : std::move(*der);
    if (auto written = write_output(out_, output, FileMode::secret, force_, !pem); !written)
      return session.report(written.error());

    if (!out_.empty() && out_ != "-")
      session.inform("Wrote " + to_string(*spec) + " private key (" +
                     (protection_.enabled() ? "encrypted " : "") + std::string(to_string(form)) +
                     ", " + (pem ? "PEM" : "DER") +
                     ", mode 0600) to " + out_ + " [" + session.resolved_backend + "]");
    return kExitOk;
  }

 private:
  std::string algorithm_;
  std::string out_;
  std::string format_;
  bool traditional_ = false;
  bool force_ = false;
  KeyProtection protection_;
};

}  // namespace

std::unique_ptr<Command> make_genkey_command() { return std::make_unique<GenkeyCommand>(); }

}  // namespace polycert::cli
