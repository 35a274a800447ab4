#include "batch.hpp"

#include "output_dir.hpp"

#include <polycert/registry.hpp>

#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>

namespace polycert::cli {

namespace {

constexpr std::uint64_t kMaxCount = 1'000'000'000;
constexpr unsigned kMaxThreads = 256;

std::optional<std::uint64_t> parse_number(std::string_view text) {
  std::uint64_t value = 0;
  if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::size_t digits(std::uint64_t n) { return std::to_string(n).size(); }

// ---- Signals -------------------------------------------------------------------------
// The handler only records the signal; the workers look at it between items. SA_RESETHAND
// puts the default action back, so a second Ctrl-C stops the process at once.

std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void record_signal(int signal_number) { g_signal.store(signal_number); }

class SignalGuard {
 public:
  SignalGuard() {
    g_signal.store(0);
    struct sigaction action {};
    action.sa_handler = record_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART | SA_RESETHAND;
    ::sigaction(SIGINT, &action, &old_int_);
    ::sigaction(SIGTERM, &action, &old_term_);
  }
  ~SignalGuard() {
    ::sigaction(SIGINT, &old_int_, nullptr);
    ::sigaction(SIGTERM, &old_term_, nullptr);
  }
  SignalGuard(const SignalGuard&) = delete;
  SignalGuard& operator=(const SignalGuard&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

// ---- The shared state of one run ------------------------------------------------------
// Workers touch only the atomics on the hot path; the mutex guards the first error and
// the "all workers finished" signal, both off the hot path. Each atomic has a cache line
// of its own, so that one worker's fetch_add does not evict the line another worker is
// reading `stop` from (64 bytes: x86-64 and most ARM cores).
struct RunState {
  alignas(64) std::atomic<std::uint64_t> next{0};
  alignas(64) std::atomic<std::uint64_t> done{0};
  alignas(64) std::atomic<bool> stop{false};
  alignas(64) unsigned running = 0;
  std::mutex mutex;
  std::condition_variable finished;
  std::optional<Error> error;
  std::string error_context;

  void record_error(Error e, std::string context) {
    stop.store(true);
    const std::lock_guard lock(mutex);
    if (!error) {
      error = std::move(e);
      error_context = std::move(context);
    }
  }
  void worker_finished() {
    const std::lock_guard lock(mutex);
    if (--running == 0) finished.notify_all();
  }
};

// One worker: `given` is the command's provider for the first worker, null for the others,
// which make their own (a provider costs ~1-2 ms to make, as much as dozens of P-256 keys).
void work(const BatchPlan& plan, const BatchJob& job, const OutputDir& out, RunState& state,
          const std::string& backend, unsigned worker, std::unique_ptr<Provider> given) {
  struct Finish {
    RunState& state;
    ~Finish() { state.worker_finished(); }
  } finish{state};

  Result<std::unique_ptr<Provider>> provider =
      given ? Result<std::unique_ptr<Provider>>(std::move(given)) : backends::make_provider(backend);
  if (!provider) return state.record_error(provider.error(), {});
  ItemMaker make = job.new_worker();
  const std::uint64_t items = plan.items();
  for (;;) {
    if (state.stop.load(std::memory_order_relaxed) || g_signal.load(std::memory_order_relaxed) != 0)
      return;
    const std::uint64_t k = state.next.fetch_add(1, std::memory_order_relaxed);
    if (k >= items) return;
    const std::uint64_t n = plan.item(k);
    const std::string stem = plan.stem(n);
    auto files = make(**provider, n);
    if (!files) return state.record_error(files.error(), "item " + std::to_string(n));
    for (std::size_t slot = 0; slot < job.slots.size(); ++slot) {
      const std::string name = stem + job.slots[slot].suffix;
      auto written = out.write(name, (*files)[slot], job.slots[slot].mode, plan.force, worker);
      if (!written) {
        // An item is all its files or none of them.
        for (std::size_t earlier = 0; earlier < slot; ++earlier)
          out.remove(stem + job.slots[earlier].suffix);
        return state.record_error(written.error(), {});
      }
    }
    state.done.fetch_add(1, std::memory_order_relaxed);
  }
}

}  // namespace

// ---- Plan and options -----------------------------------------------------------------

std::uint64_t BatchPlan::items() const {
  if (shard.index > count) return 0;
  return (count - shard.index) / shard.count + 1;
}

std::uint64_t BatchPlan::item(std::uint64_t k) const { return shard.index + k * shard.count; }

std::string BatchPlan::stem(std::uint64_t n) const {
  std::string number = std::to_string(n);
  const std::size_t width = digits(count);
  if (number.size() < width) number.insert(0, width - number.size(), '0');
  return "key-" + number;
}

void BatchOptions::add_to(po::options_description& options) {
  // clang-format off
  options.add_options()
      ("count", po::value<std::string>()->value_name("N"),
       "batch: make N items, numbered 1..N, into --out-dir")
      ("out-dir", po::value<std::string>()->value_name("DIR"),
       "batch: the folder for the files (created if missing)")
      ("threads", po::value<std::string>()->value_name("T"),
       "batch: worker threads (default: one per core)")
      ("shard", po::value<std::string>()->value_name("I/N"),
       "batch: make only shard I of N (items n with (n-1) % N == I-1)")
      ("progress",
       po::value<std::string>(&progress)->default_value("auto")->value_name("auto|always|never"),
       "batch: progress on stderr (auto: a bar when stderr is a terminal)");
  // clang-format on
}

void BatchOptions::take(const po::variables_map& values) {
  auto optional = [&](const char* name, std::optional<std::string>& into) {
    if (values.count(name)) into = values[name].as<std::string>();
  };
  optional("count", count);
  optional("out-dir", out_dir);
  optional("threads", threads);
  optional("shard", shard);
  if (!values["progress"].defaulted()) explicit_progress_ = true;
}

std::optional<std::string> BatchOptions::misplaced() const {
  if (enabled()) return std::nullopt;
  for (const auto& [name, given] :
       {std::pair{"--out-dir", out_dir.has_value()}, std::pair{"--threads", threads.has_value()},
        std::pair{"--shard", shard.has_value()}, std::pair{"--progress", explicit_progress_}})
    if (given) return std::string(name) + " goes with --count N";
  return std::nullopt;
}

Result<BatchPlan> BatchOptions::plan(bool force) const {
  BatchPlan plan;
  plan.force = force;
  const auto number = parse_number(count.value_or(""));
  if (!number || *number < 1 || *number > kMaxCount)
    return fail(ErrorCode::invalid_input, "--count must be a whole number from 1 to " +
                                              std::to_string(kMaxCount) + ", not '" +
                                              count.value_or("") + "'");
  plan.count = *number;
  if (!out_dir || out_dir->empty())
    return fail(ErrorCode::invalid_input, "--count needs --out-dir DIR for the files");
  plan.out_dir = *out_dir;
  if (threads) {
    const auto t = parse_number(*threads);
    if (!t || *t < 1 || *t > kMaxThreads)
      return fail(ErrorCode::invalid_input, "--threads must be a whole number from 1 to " +
                                                std::to_string(kMaxThreads) + ", not '" + *threads +
                                                "'");
    plan.threads = static_cast<unsigned>(*t);
  } else {
    plan.threads = std::clamp(std::thread::hardware_concurrency(), 1u, kMaxThreads);
  }
  if (shard) {
    const auto slash = shard->find('/');
    const auto index =
        slash == std::string::npos ? std::nullopt : parse_number(shard->substr(0, slash));
    const auto of =
        slash == std::string::npos ? std::nullopt : parse_number(shard->substr(slash + 1));
    if (!index || !of || *of < 1 || *of > kMaxCount || *index < 1 || *index > *of)
      return fail(ErrorCode::invalid_input,
                  "--shard must be I/N with 1 <= I <= N (e.g. 2/4), not '" + *shard + "'");
    plan.shard = {*index, *of};
  }
  const auto mode = parse_progress_mode(progress);
  if (!mode)
    return fail(ErrorCode::invalid_input,
                "--progress must be auto, always or never, not '" + progress + "'");
  plan.progress = *mode;
  return plan;
}

std::string substitute_item_number(std::string_view text, std::uint64_t n) {
  const std::string number = std::to_string(n);
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t at = 0;;) {
    const auto found = text.find("{n}", at);
    out.append(text.substr(at, found - at));
    if (found == std::string_view::npos) return out;
    out.append(number);
    at = found + 3;
  }
}

// ---- The run ----------------------------------------------------------------------------

int run_batch(Session& session, const BatchPlan& plan, const BatchJob& job,
              std::unique_ptr<Provider> provider) {
  const auto start = std::chrono::steady_clock::now();
  const std::uint64_t items = plan.items();

  auto out = OutputDir::open(plan.out_dir);
  if (!out) return session.report(out.error());

  // Refuse before any work: a batch either writes all its names or none. An empty folder
  // (a new one, typically) holds none of them: one read instead of a stat per name.
  if (!plan.force && !out->empty()) {
    std::uint64_t existing = 0;
    std::string first;
    for (std::uint64_t k = 0; k < items; ++k)
      for (const BatchSlot& slot : job.slots)
        if (const std::string name = plan.stem(plan.item(k)) + slot.suffix; out->exists(name))
          if (existing++ == 0) first = out->path_of(name);
    if (existing > 0)
      return session.report(
          Error{ErrorCode::io, first + ": file exists" +
                                   (existing > 1 ? " (and " + std::to_string(existing - 1) +
                                                       " more of this batch's files)"
                                                 : "") +
                                   "; nothing was written; use --force to replace them"});
  }

  const unsigned threads = static_cast<unsigned>(
      std::min<std::uint64_t>(plan.threads, std::max<std::uint64_t>(items, 1)));
  Progress progress(Progress::choose(plan.progress, session.quiet, ::isatty(STDERR_FILENO) != 0),
                    items, job.noun);
  RunState state;
  {
    const SignalGuard signals;
    state.running = threads;
    std::vector<std::jthread> workers;
    workers.reserve(threads);
    for (unsigned worker = 0; worker < threads; ++worker)
      workers.emplace_back(work, std::cref(plan), std::cref(job), std::cref(*out), std::ref(state),
                           std::cref(session.resolved_backend), worker,
                           worker == 0 ? std::move(provider) : nullptr);
    {
      std::unique_lock lock(state.mutex);
      while (state.running > 0) {
        if (progress.style() == Progress::Style::none) {
          state.finished.wait(lock);
        } else {
          state.finished.wait_for(lock, progress.interval());
          lock.unlock();
          progress.update(state.done.load(std::memory_order_relaxed));
          lock.lock();
        }
      }
    }
    workers.clear();  // joins
  }
  const std::uint64_t done = state.done.load();
  progress.finish(done);
  const auto synced = out->sync();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const int signal_number = g_signal.load();

  std::string figures =
      " in " + Progress::format_seconds(seconds) + " (" +
      Progress::format_rate(seconds > 0 ? static_cast<double>(done) / seconds : 0) + ") with " +
      std::to_string(threads) + (threads == 1 ? " thread, " : " threads, ") +
      session.resolved_backend;
  if (plan.shard.count > 1)
    figures += " (shard " + std::to_string(plan.shard.index) + "/" +
               std::to_string(plan.shard.count) + ")";
  const std::string what = " " + job.noun + " " + job.what + " to " + plan.out_dir;

  if (state.error) {
    const int status = session.report(*state.error, state.error_context);
    session.inform("wrote " + std::to_string(done) + " of " + std::to_string(items) + what +
                   " before the error (those files are complete)" + figures);
    return status;
  }
  if (!synced) return session.report(synced.error());
  if (signal_number != 0 && done < items) {
    session.inform(std::string("interrupted (") + (signal_number == SIGINT ? "SIGINT" : "SIGTERM") +
                   "): wrote " + std::to_string(done) + " of " + std::to_string(items) + what +
                   figures + "; every file written is complete");
    return 128 + signal_number;
  }
  session.inform("Wrote " + std::to_string(done) + what + figures);
  return kExitOk;
}

}  // namespace polycert::cli
