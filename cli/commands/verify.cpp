// polycert verify CERT_OR_BUNDLE...: RFC 5280 path validation by each library's own
// validator (Provider::validate_path), on the selected backend or side by side on several
// (--backends): the answer to "will this chain be accepted, and by whom?". chain orders
// and checks links; verify asks the libraries what they decide.
#include "../input_reader.hpp"
#include "../command.hpp"

#include <polycert/registry.hpp>
#include <polycert/chain.hpp>
#include <polycert/crl.hpp>
#include <polycert/path_validation.hpp>
#include <polycert/x509_structure.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace polycert::cli {

namespace {

constexpr std::string_view kSystemStore = "/etc/ssl/certs/ca-certificates.crt";

// One backend's answer: a verdict, or why it could not give one.
struct Answer {
  std::string backend, library;
  Result<PathVerdict> verdict;
};

class VerifyCommand final : public Command {
 public:
  std::string_view name() const override { return "verify"; }
  std::string_view summary() const override {
    return "validate a certificate's path to a trust anchor with each library's own validator";
  }
  std::string_view synopsis() const override {
    return "verify FILE... [--trust FILE|DIR]... [--untrusted FILE]... [--purpose P] "
           "[--host NAME|--ip ADDR] [--email ADDR] [--at TIME] [--max-depth N] "
           "[--cn-fallback] [--crl FILE]... [--crl-check leaf|chain] [--backends LIST|all] "
           "[--require-one] [--json]";
  }
  std::string_view epilog() const override {
    return "FILEs hold the certificate to validate and any intermediates, in any container\n"
           "(PEM, DER, PKCS#7, PKCS#12) and order, as chain takes them: the leaf is the\n"
           "certificate that issued no other (--leaf names it). --trust gives the trust\n"
           "anchors (files, or directories of .pem .crt .cer .der files); default the system\n"
           "store, /etc/ssl/certs/ca-certificates.crt.\n"
           "\n"
           "The validation is the library's own: OpenSSL X509_verify_cert, Botan\n"
           "x509_path_validate, Mbed TLS mbedtls_x509_crt_verify_with_profile, each with its\n"
           "default profile. --host and --ip check the leaf's subjectAltName (RFC 6125 and\n"
           "9525: wildcards in the leftmost label, no CN unless --cn-fallback; Botan and\n"
           "Mbed TLS fall back to the CN by themselves when there is no DNS name).\n"
           "--purpose is server, client, code-signing, email or any (the default).\n"
           "TIME is 2030-01-31, 2030-01-31T12:00:00Z or @SECONDS (UTC); default now.\n"
           "What a library cannot check (a time on Mbed TLS, an IP address on Botan...) is\n"
           "exit 5 naming it.\n"
           "\n"
           "--crl gives certificate revocation lists (PEM or DER; polycert crl issues them).\n"
           "Each library checks them its own way; with --crl-check chain (the default) every\n"
           "certificate below the trust anchor needs a CRL from its issuer, with leaf only the\n"
           "leaf (openssl verify -crl_check_all and -crl_check). A revoked certificate, a\n"
           "missing CRL, and a CRL that is expired or not signed by its issuer are refusals.\n"
           "\n"
           "Exit 0: valid. Exit 6: refused, with the check, the depth (0 is the leaf), the\n"
           "certificate and the library's own code and message. With --backends, a table\n"
           "with one verdict per backend; exit 6 when any refuses (with --require-one, only\n"
           "when none accepts), else 5 when one could not check.\n";
  }

  std::string_view examples() const override {
    return "# Will this chain be accepted, and by which library?\n"
           "polycert verify server.pem ca.pem --trust root.pem --host api.example.com --purpose server\n"
           "polycert verify chain.crt --host api.example.com --backends all\n"
           "# With revocation lists\n"
           "polycert verify server.pem --trust ca.crt --crl ca.crl";
  }

  void add_options(po::options_description& options) override {
    options.add_options()
        ("files", po::value<std::vector<std::string>>(&files_)->required()->value_name("FILE..."),
         "the certificate and intermediates (the arguments)")
        ("trust", po::value<std::vector<std::string>>(&trust_)->value_name("FILE|DIR"),
         "trust anchors (default: the system store)")
        ("untrusted", po::value<std::vector<std::string>>(&untrusted_)->value_name("FILE"),
         "more intermediates, not trusted")
        ("leaf", po::value<std::string>(&leaf_)->value_name("FILE"),
         "the certificate to validate, when several could be")
        ("purpose", po::value<std::string>(&purpose_)->value_name("P"),
         "server, client, code-signing, email or any")
        ("host", po::value<std::string>(&host_)->value_name("NAME"), "the DNS name the leaf must be for")
        ("ip", po::value<std::string>(&ip_)->value_name("ADDR"), "the IP address the leaf must be for")
        ("email", po::value<std::string>(&email_)->value_name("ADDR"), "the email address the leaf must be for")
        ("at", po::value<std::string>(&at_)->value_name("TIME"), "validate at TIME instead of now")
        ("max-depth", po::value<unsigned>(&max_depth_)->value_name("N"), "at most N intermediates")
        ("crl", po::value<std::vector<std::string>>(&crls_)->value_name("FILE"),
         "certificate revocation lists to check the path against")
        ("crl-check", po::value<std::string>(&crl_check_)->value_name("leaf|chain"),
         "which certificates need a CRL (default chain)")
        ("cn-fallback", po::bool_switch(&cn_fallback_),
         "match --host against the CN when there is no subjectAltName")
        ("backends", po::value<std::string>(&backends_)->value_name("LIST|all"),
         "validate with each backend, side by side")
        ("require-one", po::bool_switch(&require_one_), "with --backends: valid when one accepts")
        ("passin", po::value<std::string>(&passin_)->value_name("SRC"),
         "password of PKCS#12 inputs, from a password source")
        ("json", po::bool_switch(&json_), "the verdicts as JSON on standard output");
  }
  void add_positionals(po::positional_options_description& positionals) override {
    positionals.add("files", -1);
  }

  int run(Session& session, const po::variables_map& values) override {
    PathValidationRequest request;
    if (!purpose_.empty()) {
      auto purpose = parse_purpose(purpose_);
      if (!purpose) return session.usage_error("--purpose: " + purpose.error().message);
      request.purpose = *purpose;
    }
    if (!host_.empty() && !ip_.empty()) return session.usage_error("--host and --ip exclude each other");
    if (!host_.empty()) request.host = host_;
    if (!ip_.empty()) request.ip = ip_;
    if (!email_.empty()) request.email = email_;
    if (!at_.empty()) {
      auto at = parse_utc_time(at_);
      if (!at) return session.usage_error("--at: " + at.error().message);
      request.at = *at;
    }
    if (values.count("max-depth") != 0) request.max_depth = max_depth_;
    if (!crl_check_.empty() && crls_.empty()) return session.usage_error("--crl-check goes with --crl");
    if (!crls_.empty()) {
      if (crl_check_.empty() || crl_check_ == "chain")
        request.revocation = RevocationScope::chain;
      else if (crl_check_ == "leaf")
        request.revocation = RevocationScope::leaf;
      else
        return session.usage_error("--crl-check must be leaf or chain, not '" + crl_check_ + "'");
      for (const std::string& file : crls_) {
        auto crls = crls_in_file(file);
        if (!crls) return session.report(crls.error());
        for (Bytes& crl : *crls) {
          // Refused here, naming the file, rather than as "CRL 3" by every backend.
          if (auto read = inspect_crl(crl); !read) return session.report(read.error(), file);
          request.crls.push_back(std::move(crl));
        }
      }
    }
    request.cn_fallback = cn_fallback_;
    std::vector<std::string> backends;
    if (!backends_.empty()) {
      auto names = backend_list(backends_, values, session.backend);
      if (!names) return session.usage_error(names.error().message);
      backends = *names;
    } else if (require_one_) {
      return session.usage_error("--require-one goes with --backends");
    }

    auto reader = session.provider("parse:cert");
    if (!reader) return kExitUsage;
    if (auto read = read_request(session, *reader, request); read != kExitOk) return read;

    if (backends.empty()) {
      Answer answer{session.resolved_backend, reader->library_version(), reader->validate_path(request)};
      if (json_) print_json(session, request, {answer});
      if (!answer.verdict) return session.report(answer.verdict.error());
      if (!json_) print_one(answer);
      return answer.verdict->valid ? kExitOk : exit_status(ErrorCode::mismatch);
    }
    std::vector<Answer> answers;
    for (const std::string& backend : backends) {
      auto provider = backends::make_provider(backend);
      if (!provider) {
        answers.push_back({backend, "", std::unexpected(provider.error())});
        continue;
      }
      answers.push_back({backend, (*provider)->library_version(), (*provider)->validate_path(request)});
    }
    if (json_)
      print_json(session, request, answers);
    else
      print_table(answers);
    const auto accepted = std::ranges::count_if(answers, [](const Answer& a) { return a.verdict && a.verdict->valid; });
    const auto refused = std::ranges::count_if(answers, [](const Answer& a) { return a.verdict && !a.verdict->valid; });
    if (require_one_) return accepted > 0 ? kExitOk : refused > 0 ? exit_status(ErrorCode::mismatch) : exit_status(ErrorCode::unsupported);
    if (refused > 0) return exit_status(ErrorCode::mismatch);
    return accepted == static_cast<long>(answers.size()) ? kExitOk : exit_status(ErrorCode::unsupported);
  }

 private:
  // The leaf, the intermediates and the anchors, from the files; an exit status.
  int read_request(Session& session, Provider& provider, PathValidationRequest& request) const {
    std::vector<ChainInput> inputs;
    for (const std::string& file : files_) {
      auto certificates = certificates_in(session, provider, file);
      if (!certificates) return session.report(certificates.error());
      for (auto& certificate : *certificates) inputs.push_back(std::move(certificate));
    }
    ChainOptions options;
    options.at = request.at.value_or(std::chrono::duration_cast<std::chrono::seconds>(
                                         std::chrono::system_clock::now().time_since_epoch())
                                         .count());
    if (!leaf_.empty()) {
      auto leaf = certificates_in(session, provider, leaf_);
      if (!leaf) return session.report(leaf.error());
      if (leaf->size() != 1)
        return session.report(Error{ErrorCode::invalid_input, "--leaf must hold one certificate, not " +
                                                                  std::to_string(leaf->size())},
                              leaf_);
      std::erase_if(inputs, [&](const ChainInput& input) { return input.der == leaf->front().der; });
      inputs.insert(inputs.begin(), std::move(leaf->front()));
      options.leaf = 0;
    }
    // The leaf as chain finds it (the certificate that issued no other); the path itself
    // is the library's to build, so build_chain's findings do not matter here.
    auto chain = build_chain(provider, inputs, options);
    if (!chain) {
      Error error = chain.error();
      if (error.message.find("could each be the leaf") != std::string::npos) error.message += " with --leaf FILE";
      return session.report(error);
    }
    // The --untrusted certificates join the candidates once the leaf is known (one of them
    // that issued nothing must not make the leaf ambiguous).
    std::vector<ChainInput> candidates = {ChainInput{chain->path.front().der, chain->path.front().origin}};
    for (const ChainInput& input : inputs)
      if (input.der != chain->path.front().der) candidates.push_back(input);
    for (const std::string& file : untrusted_) {
      auto certificates = certificates_in(session, provider, file);
      if (!certificates) return session.report(certificates.error());
      for (auto& certificate : *certificates) candidates.push_back(std::move(certificate));
    }
    if (!untrusted_.empty()) {
      options.leaf = 0;
      auto with_untrusted = build_chain(provider, candidates, options);
      if (!with_untrusted) return session.report(with_untrusted.error());
      chain = std::move(with_untrusted);
    }
    request.leaf = chain->path.front().der;
    // The intermediates in path order, then the rest: a TLS peer sends its chain in order,
    // and Mbed TLS looks for each issuer only after its child in the presented chain.
    for (std::size_t depth = 1; depth < chain->path.size(); ++depth)
      request.untrusted.push_back(chain->path[depth].der);
    for (const ChainInput& candidate : candidates)
      if (candidate.der != request.leaf &&
          std::ranges::find(request.untrusted, candidate.der) == request.untrusted.end())
        request.untrusted.push_back(candidate.der);
    std::vector<std::string> anchors = trust_;
    if (anchors.empty()) {
      if (!std::filesystem::exists(kSystemStore))
        return session.report(Error{ErrorCode::invalid_input,
                                    "no --trust given and no system store at " + std::string(kSystemStore)});
      anchors.push_back(std::string(kSystemStore));
    }
    for (const std::string& anchor : anchors) {
      for (const std::string& file : trust_files(anchor)) {
        auto certificates = certificates_in(session, provider, file);
        if (!certificates) return session.report(certificates.error());
        for (auto& certificate : *certificates)
          if (std::ranges::find(request.trusted, certificate.der) == request.trusted.end())
            request.trusted.push_back(std::move(certificate.der));
      }
    }
    return kExitOk;
  }

  // A file, or the certificate files of a directory (sorted, so runs repeat).
  static std::vector<std::string> trust_files(const std::string& path) {
    if (!std::filesystem::is_directory(path)) return {path};
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(path)) {
      const std::string extension = entry.path().extension().string();
      if (entry.is_regular_file() &&
          (extension == ".pem" || extension == ".crt" || extension == ".cer" || extension == ".der"))
        files.push_back(entry.path().string());
    }
    std::ranges::sort(files);
    return files;
  }

  Result<std::vector<ChainInput>> certificates_in(const Session& session, Provider& provider,
                                                  const std::string& file) const {
    return certificates_in_file(provider, file, passin_, [&](const std::string& warning) {
      session.inform("warning: " + warning);
    });
  }

  static std::string refusal(const PathVerdict& verdict) {
    std::string text = std::string(to_string(verdict.check));
    if (verdict.depth >= 0) text += " at depth " + std::to_string(verdict.depth);
    if (!verdict.certificate.empty()) text += " (" + verdict.certificate + ")";
    text += ": " + verdict.library_message;
    if (!verdict.library_code.empty()) text += " [" + verdict.library_code + "]";
    return text;
  }

  static std::string path_text(const PathVerdict& verdict) {
    std::string text;
    for (const std::string& subject : verdict.path) text += (text.empty() ? "" : " -> ") + subject;
    return text;
  }

  static void print_one(const Answer& answer) {
    const std::string who = answer.backend + ", " + answer.library;
    if (answer.verdict->valid)
      std::cout << "valid: " << path_text(*answer.verdict) << " [" << who << "]\n";
    else
      std::cout << "refused by " << who << ": " << refusal(*answer.verdict) << "\n";
  }

  static void print_table(const std::vector<Answer>& answers) {
    std::size_t width = 7;
    for (const Answer& answer : answers) width = std::max(width, answer.backend.size());
    for (const Answer& answer : answers) {
      std::cout << std::left << std::setw(static_cast<int>(width) + 2) << answer.backend;
      if (!answer.verdict)
        std::cout << "cannot check: " << answer.verdict.error().message << "\n";
      else if (answer.verdict->valid)
        std::cout << "valid    " << path_text(*answer.verdict) << "\n";
      else
        std::cout << "refused  " << refusal(*answer.verdict) << "\n";
    }
  }

  void print_json(const Session& session, const PathValidationRequest& request,
                  const std::vector<Answer>& answers) const {
    nlohmann::ordered_json document;
    document["backend"] = session.resolved_backend;  // the one that read the inputs
    document["leaf"] = subject_of(session, request.leaf);
    document["checked_at"] = request.at ? nlohmann::ordered_json(format_time(*request.at)) : nullptr;
    document["purpose"] = to_string(request.purpose);
    document["host"] = request.host ? nlohmann::ordered_json(*request.host) : nullptr;
    document["revocation"] = to_string(request.revocation);
    document["crls"] = request.crls.size();
    document["verdicts"] = nlohmann::ordered_json::array();
    for (const Answer& answer : answers) {
      nlohmann::ordered_json row;
      row["backend"] = answer.backend;
      row["library"] = answer.library;
      if (!answer.verdict) {
        row["valid"] = nullptr;
        row["error"] = {{"code", to_string(answer.verdict.error().code)},
                        {"message", answer.verdict.error().message}};
      } else {
        const PathVerdict& verdict = *answer.verdict;
        row["valid"] = verdict.valid;
        row["check"] = verdict.valid ? nullptr : nlohmann::ordered_json(to_string(verdict.check));
        row["depth"] = verdict.depth >= 0 ? nlohmann::ordered_json(verdict.depth) : nullptr;
        row["certificate"] = verdict.certificate.empty() ? nullptr : nlohmann::ordered_json(verdict.certificate);
        row["library_code"] = verdict.library_code.empty() ? nullptr : nlohmann::ordered_json(verdict.library_code);
        row["library_message"] = verdict.library_message.empty() ? nullptr : nlohmann::ordered_json(verdict.library_message);
        row["path"] = verdict.path;
      }
      document["verdicts"].push_back(row);
    }
    std::cout << document.dump(2) << "\n";
  }

  static std::string subject_of(const Session&, const Bytes& certificate) {
    auto structure = inspect_certificate(certificate);
    return structure ? describe_subject(structure->subject) : "";
  }

  std::vector<std::string> files_, trust_, untrusted_, crls_;
  std::string crl_check_;
  std::string leaf_, purpose_, host_, ip_, email_, at_, backends_, passin_;
  unsigned max_depth_ = 0;
  bool cn_fallback_ = false, require_one_ = false, json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_verify_command() { return std::make_unique<VerifyCommand>(); }

}  // namespace polycert::cli
