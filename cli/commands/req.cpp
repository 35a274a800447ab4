// polycert req: a key (existing or new) and a certificate signing request, the way
// `openssl req -new` users make them, with the same prompts when no --subject is given.
// With --count N: N fresh keys and their requests (batch/batch.hpp), the subject and SANs
// templates where {n} is the item's number.
#include "../auto_backend.hpp"
#include "../batch/batch.hpp"
#include "../batch/item.hpp"
#include "../command.hpp"
#include "../inputs.hpp"
#include "../key_protection.hpp"
#include "../token_keys.hpp"
#include "../x509_options.hpp"
#include "../openssl_config.hpp"
#include "../config.hpp"
#include "../prompt_settings.hpp"

#include <polycert/text.hpp>
#include <polycert/key_encoding.hpp>
#include <polycert/password.hpp>
#include <polycert/pem.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace polycert::cli {

namespace {

// Answers typed at the prompts, read line by line from standard input. The end of input
// ends the prompts: every later field is left out.
class Prompter {
 public:
  Prompter() : terminal_(::isatty(STDIN_FILENO) != 0) {}

  bool at_end() const { return at_end_; }
  bool terminal() const { return terminal_; }

  /// Asks with `fallback` shown in brackets as openssl does: an empty answer takes it,
  /// '.' leaves the field out (empty).
  SecureBuffer ask(std::string_view prompt, std::string_view fallback) {
    bool dot = false;
    SecureBuffer answer = ask(prompt, &dot);
    if (answer.empty() && !dot && !at_end_) return SecureBuffer(fallback.begin(), fallback.end());
    return answer;
  }

  /// Asks and returns the answer, trimmed; empty for no answer, '.' (`dot` set) or end of
  /// input.
  SecureBuffer ask(std::string_view prompt, bool* dot = nullptr) {
    std::cerr << prompt;
    if (!terminal_) std::cerr << "\n";  // the answer is not echoed, so end the line
    std::cerr.flush();
    SecureBuffer answer;
    if (at_end_) return answer;
    for (;;) {
      const int c = std::cin.get();
      if (c == std::char_traits<char>::eof()) {
        at_end_ = true;
        break;
      }
      if (c == '\n') break;
      answer.push_back(static_cast<std::uint8_t>(c));
    }
    while (!answer.empty() && (answer.back() == '\r' || answer.back() == ' ' || answer.back() == '\t'))
      answer.pop_back();
    std::size_t start = 0;
    while (start < answer.size() && (answer[start] == ' ' || answer[start] == '\t')) ++start;
    answer.erase(answer.begin(), answer.begin() + static_cast<std::ptrdiff_t>(start));
    if (answer.size() == 1 && answer[0] == '.') {
      answer.clear();
      if (dot != nullptr) *dot = true;
    }
    return answer;
  }

 private:
  bool terminal_;
  bool at_end_ = false;
};

class ReqCommand final : public Command {
 public:
  std::string_view name() const override { return "req"; }
  std::string_view summary() const override { return "make a certificate signing request (CSR)"; }
  std::string_view synopsis() const override {
    return "req (--key FILE|URI | --new-key ALG (--key-out FILE | --token URI --label NAME)) [--subject DN]\n"
           "       [options] [-o FILE]\n"
           "       polycert req --new-key ALG --count N --out-dir DIR (--subject DN | --san LIST) "
           "[options]";
  }
  std::string_view epilog() const override {
    return "Without --subject the subject is asked for field by field, as `openssl req` does;\n"
           "answers come from standard input (a terminal or a pipe). An empty answer or '.'\n"
           "leaves a field out; the end of input ends the prompts. --batch never prompts.\n"
           "Password sources (--challenge-password): pass:TEXT, env:VAR, file:PATH, fd:N, stdin.\n"
           "\n"
           "With --count N: N fresh keys and a request for each into --out-dir, as key-0001.pem\n"
           "(the key, mode 0600) and key-0001.csr (zero-padded to the width of N). {n} in\n"
           "--subject and --san is the item's number: --subject '/CN=device-{n}.acme.com'.\n"
           "Existing files are refused before anything is made, unless --force. --shard I/N\n"
           "makes only items n with (n-1) % N == I-1. Ctrl-C finishes the items in progress,\n"
           "leaves only complete pairs and exits 130.\n"
           "\n"
           "--key takes a pkcs11: URI too: the request is signed in the token (PIN: --pin SRC).\n"
           "--new-key ALG --token URI --label NAME makes the key inside that token instead of a\n"
           "file and names its URI on standard error.\n";
  }

  // A configured new-key is a default for when the command line names no key at all.
  std::vector<std::vector<std::string_view>> alternatives() const override {
    return {{"key", "new-key"}};
  }

  std::string_view examples() const override {
    return "# The subject typed at openssl's prompts\n"
           "polycert req --key api.key -o api.csr\n"
           "# The subject, SANs and a challenge password on the command line\n"
           "polycert req --key server.key --batch --san DNS:api.example.com,DNS:www.example.com \\\n"
           "    --subject '/C=US/ST=California/L=Mountain View/O=WSO2/OU=IT/CN=api.example.com' \\\n"
           "    --challenge-password env:CHALLENGE -o server.csr\n"
           "# A new key and its request in one step\n"
           "polycert req --new-key ec:P-256 --key-out api.key --batch --subject /CN=api.example.com -o api.csr";
  }

  void add_options(po::options_description& options) override {
    options.add_options()
        ("key", po::value<std::string>(&key_)->value_name("FILE"), "sign with this private key")
        ("new-key", po::value<std::string>(&new_key_)->value_name("ALG"),
         "generate a new key (rsa:2048, ec:P-256, ed25519, ...)")
        ("key-out", po::value<std::string>(&key_out_)->value_name("FILE"),
         "where the new key goes (mode 0600)")
        ("token", po::value<std::string>(&token_)->value_name("URI"),
         "make the --new-key inside this PKCS#11 token instead of a file")
        ("label", po::value<std::string>(&label_)->value_name("NAME"), "the new token key's label (with --token)")
        ("passin", po::value<std::string>(&passin_)->value_name("SRC"),
         "password of an encrypted --key, from a password source")
        ("challenge-password", po::value<std::string>(&challenge_source_)->value_name("SRC"),
         "PKCS#9 challengePassword, from a password source")
        ("unstructured-name", po::value<std::string>(&unstructured_name_)->value_name("TEXT"),
         "PKCS#9 unstructuredName (\"an optional company name\")")
        ("batch", po::bool_switch(&batch_), "never prompt")
        ("openssl-config", po::value<std::string>(&openssl_config_)->value_name("FILE"),
         "take the prompts, their defaults and the extensions from an openssl.cnf [req]")
        ("out,o", po::value<std::string>(&out_)->value_name("FILE"),
         "write the request to FILE (default: standard output)")
        ("format", po::value<std::string>(&format_)->default_value("pem")->value_name("pem|der"),
         "output encoding")
        ("force", po::bool_switch(&force_), "replace existing output files");
    x509_.add_to(options);
    protection_.add_to(options);
    batch_options_.add_to(options);
  }

  int run(Session& session, const po::variables_map& values) override {
    x509_.take(values);
    if (!openssl_config_.empty()) {
      auto config = read_openssl_req_config(openssl_config_);
      if (!config) return session.usage_error(config.error().message);
      // The command line wins over the file, as it does over polycert's own config.
      if (x509_.subject_alt_names.empty()) x509_.subject_alt_names = config->subject_alt_names;
      if (x509_.key_usage.empty()) x509_.key_usage = config->key_usage;
      if (x509_.extended_key_usage.empty()) x509_.extended_key_usage = config->extended_key_usage;
      if (config->default_md && values["digest"].defaulted()) x509_.digest = *config->default_md;
      openssl_req_ = std::move(*config);
    }
    batch_options_.take(values);
    if (auto misplaced = batch_options_.misplaced()) return session.usage_error(*misplaced);
    if (batch_options_.enabled()) {
      if (new_key_.empty())
        return session.usage_error("--count makes a fresh key per request: give --new-key ALG");
      if (!key_.empty())
        return session.usage_error("--count makes a fresh key per request: no --key");
      if (!key_out_.empty() || !out_.empty())
        return session.usage_error("with --count files go to --out-dir DIR, not --key-out or -o");
      if (!x509_.subject && x509_.subject_alt_names.empty())
        return session.usage_error("--count needs --subject or --san: a batch never prompts");
    }
    if (!token_.empty() || !label_.empty()) {
      if (new_key_.empty() || token_.empty())
        return session.usage_error("--token URI and --label NAME go with --new-key ALG (a key already in a "
                                   "token is --key URI)");
      if (!key_out_.empty() || protection_.enabled() || batch_options_.enabled())
        return session.usage_error("--token keeps the new key in the token: no --key-out, --passout or --count");
      if (label_.empty()) return session.usage_error("--token needs --label NAME for the new key");
      if (!is_token_uri(token_)) return session.usage_error("--token needs a pkcs11: URI, not '" + token_ + "'");
    }
    if (key_.empty() == new_key_.empty())
      return session.usage_error("give exactly one of --key FILE and --new-key ALG");
    if (!new_key_.empty() && key_out_.empty() && !batch_options_.enabled() && token_.empty())
      return session.usage_error("--new-key needs --key-out FILE for the new key");
    if (new_key_.empty() && !key_out_.empty())
      return session.usage_error("--key-out goes with --new-key");
    if (new_key_.empty() && protection_.enabled())
      return session.usage_error("--passout encrypts the key --new-key makes; use --passin for --key");
    if (protection_.enabled())
      if (auto options = protection_.options(); !options) return session.usage_error(options.error().message);
    if (format_ != "pem" && format_ != "der")
      return session.usage_error("--format must be pem or der, not '" + format_ + "'");
    if (batch_ && !x509_.subject && !(openssl_req_ && !openssl_req_->prompt))
      return session.usage_error("--batch needs --subject (or an --openssl-config with prompt = no): there is nobody to ask");
    auto digest = x509_.parsed_digest();
    if (!digest) return session.usage_error(digest.error().message);
    auto policy = x509_.policy();
    if (!policy) return session.usage_error(policy.error().message);
    std::optional<KeySpec> new_spec;
    if (!new_key_.empty()) {
      auto spec = parse_key_spec(new_key_);
      if (!spec) return session.usage_error(spec.error().message);
      new_spec = *spec;
    }

    // Refuse before any work, and before any prompt, if an output exists: a new key must
    // not be made, nor a subject typed, in vain.
    for (const std::string& path : {key_out_, out_})
      if (auto free = check_output_path(path, force_); !free) return session.report(free.error());

    CsrSpec spec;
    spec.digest = *digest;
    spec.string_policy = *policy;
    X509Options options = x509_;
    if (batch_options_.enabled())  // {n} is checked with the widest number in item_spec below
      options.subject_alt_names = substitute_item_number(x509_.subject_alt_names, 1);
    auto extensions = options.extensions();
    if (!extensions) return session.report(extensions.error());
    spec.extensions = std::move(*extensions);
    if (!unstructured_name_.empty()) spec.unstructured_name = unstructured_name_;
    if (!challenge_source_.empty()) {
      warn_if_password_on_command_line("--challenge-password", challenge_source_, &session);
      auto password = read_password(challenge_source_);
      if (!password) return session.report(password.error(), "--challenge-password");
      spec.challenge_password = std::move(*password);
    }
    std::optional<BatchPlan> plan;
    if (batch_options_.enabled()) {
      auto made = batch_options_.plan(force_);
      if (!made) return session.usage_error(made.error().message);
      plan = std::move(*made);
      // The templates, checked with the widest number before anything is made.
      auto checked = item_spec(spec, plan->count);
      if (!checked) return session.report(checked.error());
      spec = std::move(*checked);
    } else if (x509_.subject) {
      auto subject = x509_.parsed_subject();
      if (!subject) return session.report(subject.error());
      spec.subject = std::move(*subject);
    } else if (openssl_req_ && !openssl_req_->prompt) {
      for (const OpensslPromptField& field : openssl_req_->fields) {
        if (field.prompt.empty()) continue;
        auto attribute = make_name_attribute(field.type, field.prompt, *policy);
        if (!attribute) return session.report(attribute.error(), openssl_config_);
        spec.subject.rdns.push_back(Rdn{{std::move(*attribute)}});
      }
    } else if (int status = prompt_for_subject(session, *policy, spec); status != kExitOk) {
      return status;
    }
    if (spec.subject.empty() && spec.extensions.subject_alt_names.empty())
      return session.report(Error{ErrorCode::invalid_input,
                                  "the request would have an empty subject and no "
                                  "subjectAltName: nothing for a CA to certify"});
    if (!plan && spec.subject.find(oid::kCommonName).empty() && spec.extensions.subject_alt_names.empty())
      session.inform("warning: the request has no CN and no subjectAltName, so no host name for a CA "
                     "to certify or a TLS client to match; add --san DNS:NAME (or a CN)");


    // --backend auto: the bench's build+sign figures for this key (csr:SPEC).
    auto provider = session.provider([&] {
      const auto signing_spec = new_spec ? new_spec : private_key_spec(key_);
      return signing_spec ? "csr:" + to_string(*signing_spec) : std::string("csr");
    });
    if (!provider) return kExitUsage;
    const bool pem = format_ == "pem";
    if (plan) {
      auto key_format = key_file_format(session, protection_, false, true);
      if (!key_format) return session.report(key_format.error());
      return run_batch(session, *plan, batch_job(*new_spec, spec, *key_format, pem),
                       std::move(provider));
    }
    if (new_spec && !token_.empty()) {
      // Made now, after every prompt and output check: a token key is not made in vain.
      auto uri = generate_token_key(token_, {*new_spec, label_, {}, false});
      if (!uri) return session.report(uri.error());
      session.inform("Generated " + to_string(*new_spec) + " key in the token: " + *uri);
      key_ = *uri;
      new_spec.reset();
    }
    SecureBuffer request;
    if (new_spec) {
      auto key_format = key_file_format(session, protection_, false, true);
      if (!key_format) return session.report(key_format.error());
      auto made = make_key_and_request(*provider, *new_spec, spec, *key_format, pem);
      if (!made) return session.report(made.error());
      if (auto written = write_file_atomic(key_out_, made->key, FileMode::secret, force_); !written)
        return session.report(written.error());
      request = std::move(made->request);
    } else {
      auto key = load_private_key(*provider, key_, passin_);
      if (!key) return session.report(key.error());
      auto csr = provider->create_csr(**key, spec);
      if (!csr) return session.report(csr.error());
      request = encode_document("CERTIFICATE REQUEST", *csr, pem);
    }
    if (auto written = write_output(out_, request, FileMode::public_, force_, !pem); !written) {
      if (new_spec) std::filesystem::remove(key_out_);  // a key without its request is no use
      return session.report(written.error());
    }
    if (new_spec)
      session.inform("Wrote " + to_string(*new_spec) + " private key (" +
                     (protection_.enabled() ? "encrypted PKCS#8" : "PKCS#8") + ", PEM, mode 0600) to " +
                     key_out_ + " [" + session.backend_label() + "]");
    if (!out_.empty() && out_ != "-")
      session.inform("Wrote certificate request for " + format_slash(spec.subject) + " to " + out_ +
                     " [" + session.backend_label() + "]");
    return kExitOk;
  }

 private:
  // Asks for the subject fields and the extra attributes on standard error, reading the
  // answers from standard input. A bad answer is asked again, up to three times, on a
  // terminal or a pipe alike (as openssl req does: from a pipe the next line answers it).
  int prompt_for_subject(const Session& session, StringPolicy policy, CsrSpec& spec) {
    Prompter prompter;
    std::cerr << "You are about to be asked to enter information that will be incorporated\n"
                 "into your certificate request.\n"
                 "What you are about to enter is what is called a Distinguished Name or a DN.\n"
                 "There are quite a few fields but you can leave some blank.\n"
                 "If you enter '.', the field will be left blank.\n"
                 "-----\n";
    // openssl.cnf's fields, else the standard ones as polycert's config adjusts them.
    std::vector<OpensslPromptField> fields = standard_prompt_fields();
    std::string settings_source = "the config file";
    if (openssl_req_) {
      fields = openssl_req_->fields;
      settings_source = openssl_config_;
    } else if (auto config = load_config(session.config); config && *config) {
      auto configured = configured_prompt_fields(**config);
      if (!configured) return session.usage_error(configured.error().message);
      fields = std::move(*configured);
      settings_source = (*config)->path;
    }
    for (const OpensslPromptField& field : fields) {
      // The prompt text, then its default in brackets as openssl shows it.
      const std::string prompt = field.prompt + " [" + field.default_value.value_or("") + "]:";
      for (int attempt = 0;; ++attempt) {
        const SecureBuffer answer = prompter.ask(prompt, field.default_value.value_or(""));
        if (answer.empty() && !field.required) break;
        Result<NameAttribute> attribute = fail(ErrorCode::invalid_input, "");
        if (answer.empty())
          attribute = fail(ErrorCode::invalid_input, field.type + " is required (" + settings_source + ")" +
                                                         (prompter.at_end() ? " and the input ended" : ""));
        else if ((field.min && answer.size() < *field.min) || (field.max && answer.size() > *field.max))
          attribute = fail(ErrorCode::invalid_input,
                           field.type + ": between " + std::to_string(field.min.value_or(1)) + " and " +
                               (field.max ? std::to_string(*field.max) : std::string("any number of")) +
                               " characters, as " + settings_source + " asks");
        else
          attribute = make_name_attribute(field.type, as_text(answer), policy);
        if (attribute) {
          spec.subject.rdns.push_back(Rdn{{std::move(*attribute)}});
          break;
        }
        if (attempt == 2 || (answer.empty() && prompter.at_end())) return session.report(attribute.error());
        std::cerr << terminal_text(attribute.error().message) << "\n";
      }
    }
    const bool ask_password = !spec.challenge_password;
    const bool ask_company = !spec.unstructured_name;
    if (!ask_password && !ask_company) return kExitOk;
    std::cerr << "\nPlease enter the following 'extra' attributes\n"
                 "to be sent with your certificate request\n";
    if (ask_password) {
      SecureBuffer password = prompter.ask("A challenge password []:");
      if (!password.empty()) spec.challenge_password = std::move(password);
    }
    if (ask_company) {
      const SecureBuffer company = prompter.ask("An optional company name []:");
      if (!company.empty()) spec.unstructured_name = std::string(as_text(company));
    }
    return kExitOk;
  }

  // The request spec of item `n`: `base` with {n} in --subject and --san replaced.
  Result<CsrSpec> item_spec(const CsrSpec& base, std::uint64_t n) const {
    CsrSpec spec = base;
    X509Options item = x509_;
    if (x509_.subject) {
      item.subject = substitute_item_number(*x509_.subject, n);
      auto subject = item.parsed_subject();
      if (!subject) return std::unexpected(with_context(subject.error(), "--subject"));
      spec.subject = std::move(*subject);
    }
    if (!x509_.subject_alt_names.empty()) {
      item.subject_alt_names = substitute_item_number(x509_.subject_alt_names, n);
      auto extensions = item.extensions();
      if (!extensions) return std::unexpected(with_context(extensions.error(), "--san"));
      spec.extensions.subject_alt_names = std::move(extensions->subject_alt_names);
    }
    return spec;
  }

  // Every pair of the batch is made by make_key_and_request, like the single pair above.
  BatchJob batch_job(const KeySpec& key_spec, const CsrSpec& checked,
                     const KeyFileFormat& key_format, bool pem) const {
    BatchJob job;
    job.noun = "keys and requests";
    job.what = to_string(key_spec);
    job.slots = {{".pem", FileMode::secret}, {".csr", FileMode::public_}};
    const bool templated = (x509_.subject && x509_.subject->find("{n}") != std::string::npos) ||
                           x509_.subject_alt_names.find("{n}") != std::string::npos;
    job.new_worker = [this, key_spec, &checked, &key_format, pem, templated]() -> ItemMaker {
      return [this, key_spec, &checked, &key_format, pem, templated](
                 Provider& provider, std::uint64_t n) -> Result<std::vector<SecureBuffer>> {
        std::optional<CsrSpec> own;
        if (templated) {
          auto spec = item_spec(checked, n);
          if (!spec) return std::unexpected(spec.error());
          own = std::move(*spec);
        }
        auto made = make_key_and_request(provider, key_spec, own ? *own : checked, key_format, pem);
        if (!made) return std::unexpected(made.error());
        std::vector<SecureBuffer> files;
        files.push_back(std::move(made->key));
        files.push_back(std::move(made->request));
        return files;
      };
    };
    return job;
  }

  std::string token_, label_;
  std::string key_, new_key_, key_out_, passin_, challenge_source_, unstructured_name_, out_, format_;
  std::string openssl_config_;
  std::optional<OpensslReqConfig> openssl_req_;
  KeyProtection protection_;
  bool batch_ = false;
  bool force_ = false;
  X509Options x509_;
  BatchOptions batch_options_;
};

}  // namespace

std::unique_ptr<Command> make_req_command() { return std::make_unique<ReqCommand>(); }

}  // namespace polycert::cli
