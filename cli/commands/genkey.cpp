// polycert genkey ALG [-o FILE] [--format pem|der] [--traditional] [--passout SRC] [--force]
// polycert genkey ALG --count N --out-dir DIR [--threads T] [--shard I/N] [--progress MODE]
//
// Like `openssl genpkey`, but one spelling of the algorithm for every backend, and the
// key file is never readable by others or left half written. With --count, a batch of
// keys made the same way (batch/item.hpp) on a thread pool (batch/batch.hpp).
#include "../batch/batch.hpp"
#include "../batch/item.hpp"
#include "../command.hpp"
#include "../key_protection.hpp"
#include "../token_keys.hpp"

#include <polycert/key_encoding.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/pem.hpp>

#include <iostream>

namespace polycert::cli {

namespace {

class GenkeyCommand final : public Command {
 public:
  std::string_view name() const override { return "genkey"; }
  std::string_view summary() const override { return "generate a private key"; }
  std::string_view synopsis() const override {
    return "genkey ALG [-o FILE] [--format pem|der] [--traditional] [--passout SRC] [--force]\n"
           "       polycert genkey ALG --token URI --label NAME [--id HEX] [--extractable] [--pin SRC]\n"
           "       polycert genkey ALG --count N --out-dir DIR [--threads T] [--shard I/N] "
           "[options]";
  }
  std::string_view epilog() const override {
    return "ALG is one of rsa:2048 rsa:3072 rsa:4096 ec:P-256 ec:P-384 ec:P-521 ed25519\n"
           "(aliases: rsa = rsa:2048, ec = ec:P-256, prime256v1/secp256r1, secp384r1, "
           "secp521r1).\n"
           "The key is PKCS#8 unless --traditional (PKCS#1 for RSA, SEC1 for EC; Ed25519 has\n"
           "no traditional form). With --passout it is encrypted PKCS#8 (PBES2: PBKDF2-HMAC-SHA256,\n"
           "AES-256-CBC by default). Without -o it goes to standard output. Key files are\n"
           "created with mode 0600 and an existing file is kept unless --force.\n"
           "Password sources: pass:TEXT, env:VAR, file:PATH, fd:N, stdin.\n"
           "\n"
           "With --count N: N keys into --out-dir as key-0001.pem .. (zero-padded to the width\n"
           "of N; .der with --format der), every option above applying to each key. Existing\n"
           "files are refused before any key is made, unless --force. --shard I/N makes only\n"
           "items n with (n-1) % N == I-1, under the same names. Ctrl-C finishes the keys in\n"
           "progress, leaves only complete files and exits 130.\n"
           "\n"
           "With --token URI (pkcs11:token=NAME...): the key pair is made inside that PKCS#11\n"
           "token (C_GenerateKeyPair), sensitive and not extractable unless --extractable, with\n"
           "the label NAME and an id (--id, else 16 random bytes); its URI is printed, to give\n"
           "to --key, --ca-key or match. The PIN comes from --pin SRC, the URI's pin-source, or\n"
           "a terminal prompt.\n";
  }

  std::string_view examples() const override {
    return "# An RSA key for a gateway, and an encrypted EC key\n"
           "polycert genkey rsa:2048 -o api.key\n"
           "polycert genkey ec:P-256 --passout env:KEYPASS -o device.key\n"
           "# A key that never leaves the gateway's token\n"
           "polycert genkey ec:P-256 --token 'pkcs11:token=gw' --label api --pin env:GW_PIN";
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
        ("force", po::bool_switch(&force_), "replace FILE if it exists")
        ("token", po::value<std::string>(&token_)->value_name("URI"),
         "generate the key inside this PKCS#11 token and print its URI")
        ("label", po::value<std::string>(&label_)->value_name("NAME"), "the token key's label (with --token)")
        ("id", po::value<std::string>(&id_)->value_name("HEX"),
         "the token key's CKA_ID (with --token; default 16 random bytes)")
        ("extractable", po::bool_switch(&extractable_),
         "let the token key be exported wrapped (with --token; default: never leaves the token)");
    protection_.add_to(options);
    batch_.add_to(options);
  }
  void add_positionals(po::positional_options_description& positionals) override {
    positionals.add("algorithm", 1);
  }

  int run(Session& session, const po::variables_map& values) override {
    batch_.take(values);
    if (auto misplaced = batch_.misplaced()) return session.usage_error(*misplaced);
    auto spec = parse_key_spec(algorithm_);
    if (!spec) return session.usage_error(spec.error().message);
    if (format_ != "pem" && format_ != "der")
      return session.usage_error("--format must be pem or der, not '" + format_ + "'");
    const bool pem = format_ == "pem";
    if (traditional_ && spec->algorithm == KeyAlgorithm::ed25519)
      return session.usage_error(
          "--traditional: Ed25519 keys have no traditional form; PKCS#8 is their only encoding");

    if (!token_.empty()) return run_in_token(session, *spec);
    if (!label_.empty() || !id_.empty() || extractable_)
      return session.usage_error("--label, --id and --extractable go with --token URI");
    if (traditional_ && protection_.enabled())
      return session.usage_error("--passout writes encrypted PKCS#8, which --traditional excludes");
    if (protection_.enabled())
      if (auto options = protection_.options(); !options) return session.usage_error(options.error().message);

    std::optional<BatchPlan> plan;
    if (batch_.enabled()) {
      if (!out_.empty())
        return session.usage_error("-o names one file; with --count use --out-dir DIR");
      auto made = batch_.plan(force_);
      if (!made) return session.usage_error(made.error().message);
      plan = std::move(*made);
    }

    auto provider = session.provider("keygen:" + to_string(*spec));
    if (!provider) return kExitUsage;
    auto format = key_file_format(session, protection_, traditional_, pem);
    if (!format) return session.report(format.error());
    if (plan) return run_batch(session, *plan, batch_job(*spec, *format), std::move(provider));

    auto output = make_key_file(*provider, *spec, *format);
    if (!output) return session.report(output.error());
    if (auto written = write_output(out_, *output, FileMode::secret, force_, !pem); !written)
      return session.report(written.error());

    if (!out_.empty() && out_ != "-")
      session.inform("Wrote " + to_string(*spec) + " private key (" + format->describe(*spec) +
                     ", mode 0600) to " + out_ + " [" + session.backend_label() + "]");
    return kExitOk;
  }

 private:
  int run_in_token(Session& session, const KeySpec& spec) {
    if (!is_token_uri(token_)) return session.usage_error("--token needs a pkcs11: URI, not '" + token_ + "'");
    if (!out_.empty() || traditional_ || protection_.enabled() || batch_.enabled() || format_ != "pem")
      return session.usage_error("--token keeps the key in the token: -o, --format, --traditional, "
                                 "--passout and --count do not apply");
    if (label_.empty()) return session.usage_error("--token needs --label NAME for the new key");
    auto uri = generate_token_key(token_, {spec, label_, id_, extractable_});
    if (!uri) return session.report(uri.error());
    std::cout << *uri << "\n";
    session.inform("Generated " + to_string(spec) + " key '" + label_ + "' in the token (" +
                   (extractable_ ? "extractable wrapped" : "not extractable") + ")");
    return kExitOk;
  }

  // Every key of the batch is made by make_key_file, like the single key above.
  static BatchJob batch_job(const KeySpec& spec, const KeyFileFormat& format) {
    BatchJob job;
    job.noun = "keys";
    job.what = to_string(spec);
    job.slots = {{format.pem ? ".pem" : ".der", FileMode::secret}};
    job.new_worker = [spec, &format]() -> ItemMaker {
      return [spec, &format](Provider& provider,
                             std::uint64_t) -> Result<std::vector<SecureBuffer>> {
        auto key = make_key_file(provider, spec, format);
        if (!key) return std::unexpected(key.error());
        std::vector<SecureBuffer> files;
        files.push_back(std::move(*key));
        return files;
      };
    };
    return job;
  }

  std::string algorithm_;
  std::string out_;
  std::string format_;
  bool traditional_ = false;
  bool force_ = false;
  std::string token_, label_, id_;
  bool extractable_ = false;
  KeyProtection protection_;
  BatchOptions batch_;
};

}  // namespace

std::unique_ptr<Command> make_genkey_command() { return std::make_unique<GenkeyCommand>(); }

}  // namespace polycert::cli
