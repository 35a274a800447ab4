// polycert bench: every selected backend on the same operations, interleaved sample by
// sample, with statistics (percentiles, intervals, ops/s, ratio to the fastest), printed
// as a table and optionally written as JSON (docs/bench-json.md) and a self-contained HTML
// page. The measuring lives in cli/bench/ (polycert_bench), this file is the command line.
#include "../auto_backend.hpp"
#include "../command.hpp"
#include "../inputs.hpp"

#include <bench/ops.hpp>
#include <bench/report.hpp>
#include <bench/runner.hpp>

#include <polycert/registry.hpp>
#include <polycert/host.hpp>
#include <polycert/x509.hpp>

#include <nlohmann/json.hpp>

#include <unistd.h>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

namespace polycert::cli {

namespace {

constexpr std::size_t kDefaultSamples = 50;
constexpr double kDefaultSeconds = 2;
constexpr unsigned kMaxThreads = 256;

class BenchCommand final : public Command {
 public:
  std::string_view name() const override { return "bench"; }
  // It reads only the files it wrote itself, thousands of times over.
  bool bounds_kdf_work() const override { return false; }
  std::string_view summary() const override {
    return "measure the backends on the same operations, with statistics, JSON and HTML";
  }
  std::string_view synopsis() const override {
    return "bench [--ops LIST] [--backends LIST|all] [--samples N] [--seconds S] [--threads T] "
           "[--json FILE] [--html FILE] [--save] [--key FILE|URI]";
  }
  std::string_view epilog() const override {
    return "Operations (--ops, comma-separated): keygen:SPEC, csr:SPEC (build and sign with a key "
           "made\n"
           "before timing), csr-verify:SPEC (parse and verify), parse:cert, parse:key (PKCS#8 "
           "PEM),\n"
           "parse:pkcs12, parse:pkcs7 (each with an optional :SPEC) and pem (PEM decoding, core "
           "code\n"
           "only: a control row). SPEC: rsa:2048, rsa:3072, rsa:4096, ec:P-256, ec:P-384, "
           "ec:P-521,\n"
           "ed25519. Each backend makes its own inputs before timing. An operation a backend "
           "cannot\n"
           "do is a SKIP row naming the missing capability.\n"
           "Default: --ops "
           "keygen:ec:P-256,keygen:ed25519,csr:ec:P-256,csr-verify:ec:P-256,parse:cert,\n"
           "parse:key,parse:pkcs12,parse:pkcs7,pem --samples 50 --seconds 2.\n"
           "--samples N stops after N samples per backend, --seconds S after S seconds per "
           "operation\n"
           "(all backends), whichever comes first when both are given; never fewer than 5 "
           "samples.\n"
           "Backends take turns sample by sample. A sample is one operation, or the mean of a "
           "batch\n"
           "when one takes under 1 ms. ops/s: all threads together, in elapsed time (whatever\n"
           "--clock says); ×fastest = median / the fastest backend's median.\n"
           "--json - or --html - writes that document to standard output instead of the table.\n"
           "--save stores the JSON document as the result --backend auto reads:\n"
           "$POLYCERT_BENCH_RESULT, else $XDG_CACHE_HOME/polycert/bench.json, else\n"
           "~/.cache/polycert/bench.json (replacing the stored result; list every operation\n"
           "--backend auto should know in one run).\n"
           "--key FILE|URI: the csr operations sign with this key, a key file or a key in a\n"
           "PKCS#11 token (pkcs11: URI, --pin SRC), instead of one made for the run: the\n"
           "token's signing rate beside the software keys'. Give the key's spec in --ops\n"
           "(csr:ec:P-256) and --clock wall for a hardware token, whose work is not this\n"
           "process's CPU time. Not with --save.\n";
  }

  void add_options(po::options_description& options) override {
    options.add_options()("ops", po::value<std::string>(&ops_)->value_name("LIST"),
                          "operations to measure (see below)")(
        "backends", po::value<std::string>(&backends_)->value_name("LIST|all"),
        "backends to compare (default: all compiled in)")(
        "samples", po::value<std::size_t>()->value_name("N"), "samples per operation and backend")(
        "seconds", po::value<double>()->value_name("S"), "time budget per operation")(
        "warmup", po::value<unsigned>(&warmup_)->default_value(1)->value_name("N"),
        "untimed samples per backend before timing")(
        "threads", po::value<unsigned>(&threads_)->default_value(1)->value_name("T"),
        "threads measuring at once, one provider each; ops/s is their total")(
        "clock", po::value<std::string>(&clock_)->default_value("cpu")->value_name("cpu|wall"),
        "time per operation as thread CPU time or elapsed time")(
        "json", po::value<std::string>(&json_)->value_name("FILE"), "write the results as JSON")(
        "html", po::value<std::string>(&html_)->value_name("FILE"),
        "write a self-contained HTML report")("force", po::bool_switch(&force_),
                                              "replace existing output files")(
        "save", po::bool_switch(&save_),
        "store the results for --backend auto (see below)")(
        "key", po::value<std::string>(&key_)->value_name("FILE|URI"),
        "csr operations sign with this key (a pkcs11: URI: in the token)");
  }

  int run(Session& session, const po::variables_map& values) override {
    // Every check before any measuring, so a mistake costs nothing and writes nothing.
    auto ops = bench::parse_op_list(ops_.empty() ? std::string(bench::default_op_list()) : ops_);
    if (!ops) return session.usage_error(ops.error().message);
    auto names = backend_list(backends_, values, session.backend);
    if (!names) return session.usage_error(names.error().message);

    bench::RunSettings settings;
    if (values.count("samples")) {
      const std::size_t samples = values["samples"].as<std::size_t>();
      if (samples < 1 || samples > bench::kMaximumSamples)
        return session.usage_error("--samples must be 1 to " +
                                   std::to_string(bench::kMaximumSamples));
      settings.samples = samples;
    }
    if (values.count("seconds")) {
      const double seconds = values["seconds"].as<double>();
      if (!std::isfinite(seconds) || seconds <= 0 || seconds > 86400)
        return session.usage_error("--seconds must be more than 0 and at most 86400");
      settings.seconds = seconds;
    }
    if (!settings.samples && !settings.seconds) {
      settings.samples = kDefaultSamples;
      settings.seconds = kDefaultSeconds;
    }
    if (threads_ < 1 || threads_ > kMaxThreads)
      return session.usage_error("--threads must be 1 to " + std::to_string(kMaxThreads));
    settings.threads = threads_;
    if (warmup_ > 1000) return session.usage_error("--warmup must be 0 to 1000");
    settings.warmup = warmup_;
    if (clock_ != "cpu" && clock_ != "wall")
      return session.usage_error("--clock must be cpu or wall, not '" + clock_ + "'");
    settings.clock = clock_ == "cpu" ? bench::Clock::cpu : bench::Clock::wall;
    if (!key_.empty() && save_)
      return session.usage_error("--save stores what --backend auto reads: figures of the run's own keys, not --key's");
    if (!key_.empty() && !std::ranges::any_of(*ops, [](const bench::OpSpec& op) { return op.kind == bench::OpKind::csr; }))
      return session.usage_error("--key goes with csr operations (--ops csr:SPEC)");
    if (!key_.empty())
      signing_key_ = [path = key_](Provider& provider) { return load_private_key(provider, path); };
    if (json_ == "-" && html_ == "-")
      return session.usage_error("only one of --json and --html can go to standard output");
    for (const std::string* path : {&json_, &html_})
      if (auto writable = check_output_path(*path, force_); !writable)
        return session.report(writable.error());
    std::string save_path;
    if (save_) {
      auto path = bench_result_path();
      if (!path) return session.report(path.error(), "--save");
      save_path = std::move(*path);
    }

    bench::Report report;
    auto& env = report.environment;
    env.date = format_time(std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count());
    env.cpu_model = cpu_model();
    env.cores = std::thread::hardware_concurrency();
    env.threads = settings.threads;
    env.clock = clock_;
    env.samples = settings.samples;
    env.seconds = settings.seconds;
    env.warmup = settings.warmup;
    env.min_sample_time_ns = static_cast<double>(settings.min_sample_time.count());
#ifdef NDEBUG
    env.assertions = false;
#else
    env.assertions = true;
#endif

    // One provider per backend makes the inputs; each thread has its own per backend.
    std::vector<std::unique_ptr<Provider>> setup;
    std::vector<std::vector<std::unique_ptr<Provider>>> per_thread(settings.threads);
    for (const auto& name : *names) {
      auto provider = backends::make_provider(name);
      if (!provider) return session.report(provider.error());
      env.backends.push_back({name, (*provider)->library_version()});
      setup.push_back(std::move(*provider));
      for (auto& providers : per_thread) {
        auto own = backends::make_provider(name);
        if (!own) return session.report(own.error());
        providers.push_back(std::move(*own));
      }
    }
    for (auto name : backends::available()) {
      auto provider = backends::make_provider(name);
      if (!provider) return session.report(provider.error());
      env.compiled_backends.push_back({std::string(name), (*provider)->library_version()});
    }
    std::vector<bench::InputFactory> factories;
    for (auto& provider : setup) factories.emplace_back(*provider);

    for (std::size_t i = 0; i < ops->size(); ++i) {
      const bench::OpSpec& op = (*ops)[i];
      session.inform("bench: " + op.name() + " (" + std::to_string(i + 1) + " of " +
                     std::to_string(ops->size()) + ")");
      if (int status = measure_op(session, op, settings, setup, per_thread, factories, report);
          status != kExitOk)
        return status;
    }
    bench::compute_ratios(report);

    if (json_ != "-" && html_ != "-") {
      const bool colour = colour_on_stdout();
      std::cout << bench::render_table(report, colour) << std::flush;
    }
    if (!json_.empty()) {
      const std::string text = bench::to_json(report).dump(2) + "\n";
      if (auto written = write_output(json_, as_bytes(text), FileMode::public_, force_, false);
          !written)
        return session.report(written.error());
    }
    if (!html_.empty()) {
      const std::string text = bench::render_html(report);
      if (auto written = write_output(html_, as_bytes(text), FileMode::public_, force_, false);
          !written)
        return session.report(written.error());
    }
    if (save_) {
      if (int status = save(session, report, save_path); status != kExitOk) return status;
    }
    return kExitOk;
  }

 private:
  // Sets up, measures and summarises one operation on every backend: rows in backend order.
  int measure_op(Session& session, const bench::OpSpec& op, const bench::RunSettings& settings,
                 std::vector<std::unique_ptr<Provider>>& setup,
                 std::vector<std::vector<std::unique_ptr<Provider>>>& per_thread,
                 std::vector<bench::InputFactory>& factories, bench::Report& report) {
    std::vector<bench::Row> rows;
    std::vector<SecureBuffer> inputs(setup.size());
    std::vector<std::size_t> active;  // backends measured, in order
    std::vector<std::vector<bench::TimedOp>> timed(settings.threads);
    for (std::size_t b = 0; b < setup.size(); ++b) {
      bench::Row row;
      row.op = op.name();
      row.kind = std::string(bench::to_string(op.kind));
      row.key_spec = to_string(op.key);
      row.backend = std::string(setup[b]->name());
      auto skip = [&](const Error& error) -> int {
        if (error.code != ErrorCode::unsupported) {
          session.resolved_backend = row.backend;
          return session.report(error, op.name() + ": set-up");
        }
        row.skip_reason = error.message;
        return kExitOk;
      };
      int status = kExitOk;
      if (auto missing = bench::missing_capability(setup[b]->capabilities(), op)) {
        row.skip_reason = *missing;
      } else if (auto input = factories[b].input_for(op); !input) {
        status = skip(input.error());
      } else {
        inputs[b] = std::move(*input);
        for (std::size_t t = 0; t < settings.threads && !row.skip_reason && status == kExitOk;
             ++t) {
          auto bound = bench::bind_op(*per_thread[t][b], op, inputs[b], signing_key_ ? &signing_key_ : nullptr);
          if (!bound)
            status = skip(bound.error());
          else
            timed[t].push_back(std::move(*bound));
        }
        if (row.skip_reason)
          for (auto& ops : timed) ops.resize(active.size());
        else if (status == kExitOk)
          active.push_back(b);
      }
      if (status != kExitOk) return status;
      rows.push_back(std::move(row));
    }

    auto measured = bench::measure(timed, settings);
    if (!measured) return session.report(measured.error(), op.name());
    for (std::size_t k = 0; k < active.size(); ++k) {
      bench::Row& row = rows[active[k]];
      row.batch = (*measured)[k].batch;
      row.samples_ns = std::move((*measured)[k].ns);
      row.summary = bench::summarize(row.samples_ns);
      row.throughput = bench::throughput(std::move((*measured)[k].round_ns), settings.threads);
    }
    for (auto& row : rows) report.rows.push_back(std::move(row));
    return kExitOk;
  }

  // --save: the JSON document where --backend auto reads it, replacing what was there.
  static int save(const Session& session, const bench::Report& report, const std::string& path) {
    const std::string text = bench::to_json(report).dump(2) + "\n";
    const auto folder = std::filesystem::path(path).parent_path();
    if (auto created = create_private_folders(folder.string()); !created)
      return session.report(created.error(), "--save");
    if (auto written = write_file_atomic(path, as_bytes(text), FileMode::public_, true); !written)
      return session.report(written.error(), "--save");
    session.inform("bench: saved the results to " + path + " for --backend auto");
    return kExitOk;
  }

  std::string ops_;
  std::string backends_;
  unsigned warmup_ = 1;
  unsigned threads_ = 1;
  std::string clock_;
  std::string json_;
  std::string html_;
  bool force_ = false;
  bool save_ = false;
  std::string key_;
  bench::KeySource signing_key_;  ///< from --key, else empty
};

}  // namespace

std::unique_ptr<Command> make_bench_command() { return std::make_unique<BenchCommand>(); }

}  // namespace polycert::cli
