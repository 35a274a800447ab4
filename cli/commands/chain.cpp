// polycert chain FILE... -o chain.pem: orders whatever certificates the CA handed out
// (PEM bags, separate files, DER, any order, duplicates) into leaf -> intermediates
// [-> root], every link checked by the selected backend (core/include/polycert/chain.hpp).
// Without the root by default: that is the file servers want (nginx ssl_certificate,
// Apache SSLCertificateFile, HAProxy); clients hold the root already.
#include "../input_reader.hpp"
#include "../command.hpp"

#include <polycert/chain.hpp>
#include <polycert/name.hpp>
#include <polycert/pem.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>

namespace polycert::cli {

namespace {

class ChainCommand final : public Command {
 public:
  std::string_view name() const override { return "chain"; }
  std::string_view summary() const override {
    return "order certificates into one chain file: leaf, intermediates, optionally the root";
  }
  std::string_view synopsis() const override {
    return "chain FILE... [-o FILE] [--with-root|--no-root] [--at TIME] [--leaf FILE] [--json]";
  }
  std::string_view epilog() const override {
    return "FILEs are PEM (any number of certificates; good blocks of other kinds are\n"
           "skipped), DER certificates, PKCS#7 bundles or PKCS#12 files, in any order; a\n"
           "certificate given twice is dropped. A malformed PEM block refuses its file,\n"
           "named as FILE:LINE (exit 3; docs/pem-bags.md). Each certificate's issuer is\n"
           "found by name (and key identifier), and its signature is checked with the\n"
           "issuer's key. The leaf is the certificate that issued no other (an end entity\n"
           "when several qualify); --leaf names it when that is ambiguous. The chain found\n"
           "is shown on standard error.\n"
           "\n"
           "Refused, with nothing written: a missing link, or a root that --with-root asks\n"
           "for and is not there (exit 3); a loop or an ambiguous leaf (exit 3); a signature\n"
           "that does not verify, an issuer that is not a CA, a certificate that is\n"
           "expired or not yet valid at TIME, or one with a critical extension chain does\n"
           "not recognise (RFC 5280 4.2; the list is in docs/pem-bags.md) (exit 6).\n"
           "Certificates unrelated to the chain are left out with a note.\n"
           "\n"
           "TIME is 2030-01-31, 2030-01-31T12:00:00Z or @SECONDS (UTC); default now.\n"
           "\n"
           "--json prints what was found as one JSON document on standard output, failures\n"
           "included (docs/json.md); the PEM then goes only to -o FILE, if given.\n"
           "\n"
           "chain orders and checks links; whether a library accepts the path to a trust\n"
           "anchor (name constraints, purposes, host names, its own profile) is what\n"
           "polycert verify asks each library.\n";
  }

  std::string_view examples() const override {
    return "# chain.crt in the order servers want: leaf, intermediates (no root)\n"
           "polycert chain server.pem ca.pem -o chain.crt\n"
           "polycert chain bundle.p7b --with-root -o full-chain.pem";
  }

  void add_options(po::options_description& options) override {
    options.add_options()
        ("files", po::value<std::vector<std::string>>(&files_)->required()->value_name("FILE..."),
         "certificate files, PEM or DER (the arguments)")
        ("out,o", po::value<std::string>(&out_)->value_name("FILE"),
         "the chain, PEM (default: standard output)")
        ("with-root", po::bool_switch(&with_root_), "end the chain with its root; it must be given")
        ("no-root", po::bool_switch(&no_root_), "leave the root out (the default)")
        ("at", po::value<std::string>(&at_)->value_name("TIME"),
         "check validity at TIME instead of now")
        ("leaf", po::value<std::string>(&leaf_)->value_name("FILE"),
         "the leaf certificate, when several could be")
        ("passin", po::value<std::string>(&passin_)->value_name("SRC"),
         "password of PKCS#12 inputs, from a password source")
        ("force", po::bool_switch(&force_), "replace FILE if it exists")
        ("json", po::bool_switch(&json_), "report the chain as JSON on standard output");
  }
  void add_positionals(po::positional_options_description& positionals) override {
    positionals.add("files", -1);
  }

  int run(Session& session, const po::variables_map&) override {
    if (with_root_ && no_root_)
      return session.usage_error("--with-root and --no-root exclude each other");
    ChainOptions options;
    options.require_root = with_root_;
    options.at = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
    if (!at_.empty()) {
      auto at = parse_utc_time(at_);
      if (!at) return session.usage_error("--at: " + at.error().message);
      options.at = *at;
    }

    auto provider = session.provider("parse:cert");
    if (!provider) return kExitUsage;

    std::vector<ChainInput> inputs;
    for (const auto& file : files_) {
      auto certificates = certificates_in(session, *provider, file);
      if (!certificates) return session.report(certificates.error());
      for (auto& certificate : *certificates) inputs.push_back(std::move(certificate));
    }
    if (!leaf_.empty()) {
      auto leaf = certificates_in(session, *provider, leaf_);
      if (!leaf) return session.report(leaf.error());
      if (leaf->size() != 1)
        return session.report(
            Error{ErrorCode::invalid_input,
                  "--leaf must hold one certificate, not " + std::to_string(leaf->size())},
            leaf_);
      auto same = std::ranges::find_if(
          inputs, [&](const ChainInput& input) { return input.der == leaf->front().der; });
      if (same == inputs.end()) {
        inputs.insert(inputs.begin(), std::move(leaf->front()));
        options.leaf = 0;
      } else {
        options.leaf = static_cast<std::size_t>(same - inputs.begin());
      }
    }

    auto chain = build_chain(*provider, inputs, options);
    if (!chain) {
      Error error = chain.error();
      if (error.message.find("could each be the leaf") != std::string::npos)
        error.message += " with --leaf FILE";
      if (json_) print_json(session, nullptr, options.at, &error);
      return session.report(error);
    }
    const auto failure = chain_error(*chain);
    if (json_)
      print_json(session, &*chain, options.at, failure ? &*failure : nullptr);
    else
      show(session, *chain, options.at);
    if (failure) return session.report(*failure);

    const auto certificates = chain->certificates(with_root_);
    SecureBuffer pem;
    for (const auto& der : certificates) {
      const auto block = pem_encode("CERTIFICATE", der);
      pem.insert(pem.end(), block.begin(), block.end());
    }
    if (json_ && (out_.empty() || out_ == "-")) return kExitOk;  // standard output holds the JSON
    if (auto written = write_output(out_, pem, FileMode::public_, force_, false); !written)
      return session.report(written.error());
    if (!out_.empty() && out_ != "-") {
      std::string what = std::to_string(certificates.size()) + " certificate" +
                         (certificates.size() == 1 ? "" : "s");
      if (chain->has_root && chain->path.size() > 1)
        what += with_root_ ? ", root included" : ", root left out";
      session.inform("Wrote the chain (" + what + ") to " + out_ + " [" + session.backend_label() +
                     "]");
    }
    return kExitOk;
  }

 private:
  Result<std::vector<ChainInput>> certificates_in(const Session& session, Provider& provider,
                                                  const std::string& file) const {
    return certificates_in_file(provider, file, passin_, [&](const std::string& warning) {
      session.inform("warning: " + warning);
    });
  }

  // The chain found, one certificate a line, then the findings: on standard error, so
  // that standard output can carry the PEM.
  void show(const Session& session, const Chain& chain, std::int64_t at) const {
    session.inform("Chain of " + std::to_string(chain.path.size()) + " certificate" +
                   (chain.path.size() == 1 ? "" : "s") + ", checked at " + format_time(at) + " [" +
                   session.backend_label() + "]:");
    for (std::size_t depth = 0; depth < chain.path.size(); ++depth) {
      const auto& link = chain.path[depth];
      const bool root = chain.has_root && depth + 1 == chain.path.size();
      std::string role = depth == 0 ? "leaf" : root ? "root" : "intermediate";
      if (depth == 0 && root) role = "root (alone)";
      // One line each: inform shows a line break inside a name as \x0a, not as a new line.
      session.inform("  " + std::to_string(depth) + " " + role + ": " +
                     format_slash(link.info.subject));
      session.inform("      issuer: " + format_slash(link.info.issuer) +
                     (root ? " (self-signed)" : ""));
      session.inform("      valid:  " + format_time(link.info.not_before) + " to " +
                     format_time(link.info.not_after));
      session.inform("      from:   " + link.origin);
    }
    for (const auto& finding : chain.findings)
      session.inform(std::string(finding.problem ? "  problem: " : "  note: ") + finding.message);
  }

  // The --json document: the chain (when one was built), its findings, and the error that
  // refused it, if any.
  void print_json(const Session& session, const Chain* chain, std::int64_t at,
                  const Error* failure) const {
    nlohmann::ordered_json document;
    document["backend"] = session.resolved_backend;
    document["checked_at"] = format_time(at);
    document["ok"] = failure == nullptr;
    document["error"] = nullptr;
    if (failure != nullptr)
      document["error"] = {{"code", to_string(failure->code)}, {"message", session.describe(*failure)}};
    document["chain"] = nlohmann::ordered_json::array();
    document["findings"] = nlohmann::ordered_json::array();
    document["has_root"] = chain != nullptr && chain->has_root;
    document["root_written"] = false;
    if (chain != nullptr) {
      for (std::size_t depth = 0; depth < chain->path.size(); ++depth) {
        const auto& link = chain->path[depth];
        const bool root = chain->has_root && depth + 1 == chain->path.size();
        document["chain"].push_back({
            {"depth", depth},
            {"role", depth == 0 ? (root ? "root" : "leaf") : root ? "root" : "intermediate"},
            {"subject", format_slash(link.info.subject)},
            {"issuer", format_slash(link.info.issuer)},
            {"not_before", format_time(link.info.not_before)},
            {"not_after", format_time(link.info.not_after)},
            {"sha256_fingerprint", hex_with_colons(link.info.sha256_fingerprint)},
            {"from", link.origin},
        });
      }
      for (const auto& finding : chain->findings) {
        nlohmann::ordered_json entry{{"kind", to_string(finding.kind)},
                                     {"problem", finding.problem},
                                     {"depth", nullptr},
                                     {"message", finding.message}};
        if (finding.depth) entry["depth"] = *finding.depth;
        document["findings"].push_back(std::move(entry));
      }
      document["root_written"] =
          failure == nullptr && chain->has_root && (with_root_ || chain->path.size() == 1);
    }
    std::cout << document.dump(2) << "\n" << std::flush;
  }

  std::vector<std::string> files_;
  std::string out_, at_, leaf_, passin_;
  bool with_root_ = false;
  bool no_root_ = false;
  bool force_ = false;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_chain_command() { return std::make_unique<ChainCommand>(); }

}  // namespace polycert::cli
