// polycert conformance: the case table (conformance/) run over the chosen backends, with
// the matrix on the terminal and the JSON and HTML reports. Exit 0 when nothing FAILs, 6
// (the mismatch status) otherwise.
#include "../command.hpp"

#include <polycert/conformance/cases.hpp>
#include <polycert/conformance/corpus.hpp>
#include <polycert/conformance/known_gaps.hpp>
#include <polycert/conformance/report.hpp>

#include <nlohmann/json.hpp>

#include <iostream>

#include <unistd.h>

namespace polycert::cli {

namespace {

namespace conf = polycert::conformance;

class ConformanceCommand final : public Command {
 public:
  std::string_view name() const override { return "conformance"; }
  // A test run over every case and corpus file, on every backend: each input stays bounded
  // by its own budget (KdfInputScope), the run as a whole by the manifest the user chose.
  bool bounds_kdf_work() const override { return false; }
  std::string_view summary() const override {
    return "run the cross-backend conformance cases: matrix, disagreements, JSON and HTML";
  }
  std::string_view synopsis() const override {
    return "conformance [--backends LIST|all] [--corpus DIR] [--filter PATTERN] [--list] "
           "[--verbose] [--json FILE] [--html FILE]";
  }
  std::string_view epilog() const override {
    return "Cases: single-backend (every row of a backend's capability matrix, known answers),\n"
           "pairwise (keys, requests, certificates, encrypted keys, PKCS#7 and PKCS#12 made by\n"
           "one backend, read, verified and compared by another, every pair), differential (one\n"
           "input, every backend, compared field by field) and, with --corpus DIR, your own\n"
           "files as DIR/manifest.tsv describes them (docs/conformance.md).\n"
           "Outcomes: PASS; FAIL (a claimed capability fails, a denied one works, or results\n"
           "differ in a way verifiers see); SKIP (the backend's matrix denies the capability and\n"
           "it refuses with unsupported); XFAIL (a documented gap of a library).\n"
           "--filter PATTERN keeps the cases whose id matches ('*' matches anything), e.g.\n"
           "'csr/*' or '*/openssl->mbedtls'. --json - or --html - writes that document to\n"
           "standard output instead of the matrix.\n"
           "Exit status: 0 when no case FAILs, 6 when one does.\n";
  }

  void add_options(po::options_description& options) override {
    options.add_options()("backends", po::value<std::string>(&backends_)->value_name("LIST|all"),
                          "backends to run (default: all compiled in)")(
        "corpus", po::value<std::string>(&corpus_)->value_name("DIR"),
        "also read the files DIR/manifest.tsv lists with every backend")(
        "filter", po::value<std::string>(&filter_)->value_name("PATTERN"),
        "run only the cases whose id matches")(
        "list", po::bool_switch(&list_), "print the case ids and run nothing")(
        "verbose", po::bool_switch(&verbose_), "list every case, not only those that did not pass")(
        "json", po::value<std::string>(&json_)->value_name("FILE"), "write the report as JSON")(
        "html", po::value<std::string>(&html_)->value_name("FILE"),
        "write a self-contained HTML report")("force", po::bool_switch(&force_),
                                              "replace existing output files");
  }

  int run(Session& session, const po::variables_map& values) override {
    // Every check before any case runs, so a mistake costs nothing and writes nothing.
    auto names = backend_list(backends_, values, session.backend);
    if (!names) return session.usage_error(names.error().message);
    if (json_ == "-" && html_ == "-")
      return session.usage_error("only one of --json and --html can go to standard output");
    for (const std::string* path : {&json_, &html_})
      if (auto writable = check_output_path(*path, force_); !writable)
        return session.report(writable.error());

    std::vector<conf::Case> cases = conf::builtin_cases(*names);
    if (!corpus_.empty()) {
      auto entries = conf::read_corpus_manifest(corpus_);
      if (!entries) return session.usage_error(entries.error().message);
      for (conf::Case& c : conf::corpus_cases(*entries, *names)) cases.push_back(std::move(c));
    }
    if (!filter_.empty())
      std::erase_if(cases, [&](const conf::Case& c) { return !conf::matches_pattern(filter_, c.id); });
    if (cases.empty()) return session.usage_error("no case matches --filter " + filter_);
    if (list_) {
      for (const conf::Case& c : cases) std::cout << c.id << "\n";
      return kExitOk;
    }

    auto workspace = conf::Workspace::open(*names);
    if (!workspace) return session.report(workspace.error());
    std::string joined;
    for (const std::string& n : *names) joined += (joined.empty() ? "" : ", ") + n;
    session.inform("conformance: " + std::to_string(cases.size()) + " cases on " + joined);
    // A progress count on a terminal; nothing in a pipe or a log.
    conf::CaseObserver progress;
    if (!session.quiet && ::isatty(STDERR_FILENO) != 0)
      progress = [](const conf::CaseRecord&, std::size_t done, std::size_t total) {
        std::cerr << "\rconformance: " << done << " of " << total << " cases" << (done == total ? "\n" : "")
                  << std::flush;
      };
    const conf::Report report = conf::run_cases(cases, **workspace, {corpus_, filter_}, progress);

    if (json_ != "-" && html_ != "-")
      conf::print_text(std::cout, report, colour_on_stdout(), verbose_);
    if (!json_.empty()) {
      const std::string text = conf::to_json(report).dump(2) + "\n";
      if (auto written = write_output(json_, as_bytes(text), FileMode::public_, force_, false);
          !written)
        return session.report(written.error());
    }
    if (!html_.empty()) {
      const std::string text = conf::to_html(report);
      if (auto written = write_output(html_, as_bytes(text), FileMode::public_, force_, false);
          !written)
        return session.report(written.error());
    }
    return report.any_failed() ? exit_status(ErrorCode::mismatch) : kExitOk;
  }

 private:
  std::string backends_, corpus_, filter_, json_, html_;
  bool list_ = false, verbose_ = false, force_ = false;
};

}  // namespace

std::unique_ptr<Command> make_conformance_command() { return std::make_unique<ConformanceCommand>(); }

}  // namespace polycert::cli
