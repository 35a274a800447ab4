// Batch generation (`genkey --count N`, `req --count N`): items 1..N, each made by the
// same code as a single key or request (item.hpp), on a pool of std::jthread workers with
// one Provider each. Work is handed out by an atomic counter, so the hot path takes no
// lock; each item is written as soon as it is made, so memory stays flat whatever N is.
//
// Files: DIR/key-NNNN.pem (genkey; .der with --format der) or DIR/key-NNNN.pem and
// DIR/key-NNNN.csr (req), NNNN the item number zero-padded to the width of N.
// --shard I/N makes items n with (n - 1) % N == I - 1: shards never overlap, together
// they make exactly 1..count, and an item has the same file names whichever run makes it.
// SIGINT/SIGTERM stop the hand-out; items in flight are finished (a second signal kills
// at once), only complete files are left, and the exit status is 128 + the signal.
#pragma once

#include "../command.hpp"
#include "progress.hpp"

#include <polycert/file_output.hpp>
#include <polycert/provider.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polycert::cli {

/// --shard I/N: this run is shard `index` (1-based) of `count`.
struct Shard {
  std::uint64_t index = 1;
  std::uint64_t count = 1;
};

/// What a batch run makes and where: settled from the options before any work.
struct BatchPlan {
  std::uint64_t count = 0;  ///< the whole batch is items 1..count
  Shard shard;
  unsigned threads = 1;
  std::string out_dir;
  bool force = false;
  ProgressMode progress = ProgressMode::auto_;

  /// How many items this shard makes.
  std::uint64_t items() const;
  /// The number of this shard's `k`-th item (k from 0).
  std::uint64_t item(std::uint64_t k) const;
  /// "key-0042": the file name stem of item `n`, zero-padded to the width of count.
  std::string stem(std::uint64_t n) const;
};

/// The options of batch mode: --count, --out-dir, --threads, --shard, --progress.
struct BatchOptions {
  std::optional<std::string> count, out_dir, threads, shard;
  std::string progress = "auto";

  void add_to(po::options_description& options);
  /// Reads the optional values after parsing.
  void take(const po::variables_map& values);
  bool enabled() const { return count.has_value(); }
  /// The usage error for a batch-only option given without --count, if any.
  std::optional<std::string> misplaced() const;
  /// The plan, or the usage error's text.
  Result<BatchPlan> plan(bool force) const;

 private:
  bool explicit_progress_ = false;
};

/// `text` with every "{n}" replaced by the decimal item number (not padded).
std::string substitute_item_number(std::string_view text, std::uint64_t n);

/// One file each item writes: "key-NNNN" + suffix, with its mode.
struct BatchSlot {
  std::string suffix;  ///< ".pem"
  FileMode mode;
};

/// Makes item `n` with the worker's own provider: the bytes of each slot's file.
using ItemMaker = std::function<Result<std::vector<SecureBuffer>>(Provider&, std::uint64_t n)>;

struct BatchJob {
  std::string noun;  ///< "keys", for the summary and progress lines
  std::string what;  ///< "ec:P-256"
  std::vector<BatchSlot> slots;
  /// Called once in each worker thread: that worker's item maker (per-worker state,
  /// such as a CsrSpec to fill in, lives in it).
  std::function<ItemMaker()> new_worker;
};

/// Runs the batch and prints its summary; returns the exit status. `provider` is the one
/// the command made (session.provider()), which the first worker takes over: the command's
/// thread only waits from then on, so no provider is ever used by two threads at once.
/// Every other worker makes its own provider of the same backend.
int run_batch(Session& session, const BatchPlan& plan, const BatchJob& job,
              std::unique_ptr<Provider> provider);

}  // namespace polycert::cli
