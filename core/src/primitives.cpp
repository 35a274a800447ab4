#include <polycert/primitives.hpp>

#include <atomic>
#include <cassert>
#include <mutex>
#include <string>

namespace polycert {

namespace {

std::atomic<std::uint32_t> kdf_iteration_cap{kDefaultMaxKdfIterations};

// One input is read on one thread, so its budget is the thread's.
struct InputBudget {
  unsigned depth = 0;  // nested scopes join the outermost
  std::uint64_t spent = 0;
};
thread_local InputBudget input_budget;

// A command's inputs may be read on several threads: one budget for all, under a mutex
// (a derivation costs milliseconds at least, the lock nothing by comparison).
struct CommandBudget {
  std::mutex mutex;
  unsigned depth = 0;
  std::uint64_t spent = 0;
};
CommandBudget& command_budget() {
  static CommandBudget budget;
  return budget;
}

std::unexpected<Error> over_budget(std::string message, std::uint64_t total) {
  return std::unexpected(
      Error{ErrorCode::invalid_input, std::move(message), Remedy::raise_kdf_limit, std::to_string(total)});
}

// Refuses `more` iterations when they take the input's or the command's total over its
// limit; `spend` then charges them to both. `describe(total, whose)` words the refusal.
template <typename Describe>
Result<void> take_from_budgets(std::uint64_t more, bool spend, Describe&& describe) {
  if (input_budget.depth == 0) return {};
  const std::uint64_t cap = max_kdf_iterations();
  const std::uint64_t input_total = input_budget.spent + more;
  if (const std::uint64_t limit = cap * kKdfInputBudgetInCaps; input_total > limit)
    return over_budget(describe(input_total, "this input") + ", over the limit of " +
                           std::to_string(limit) + " (" + std::to_string(kKdfInputBudgetInCaps) +
                           " x " + std::to_string(cap) + ") for one input",
                       input_total);
  CommandBudget& command = command_budget();
  {
    const std::lock_guard lock(command.mutex);
    if (command.depth != 0) {
      const std::uint64_t limit = cap * kKdfCommandBudgetInCaps;
      const std::uint64_t command_total = command.spent + more;
      if (command_total > limit)
        return over_budget(describe(command_total, "this command") + ", over the limit of " +
                               std::to_string(limit) + " (" + std::to_string(kKdfCommandBudgetInCaps) +
                               " x " + std::to_string(cap) + ") for one command",
                           command_total);
      if (spend) command.spent = command_total;
    }
  }
  if (spend) input_budget.spent = input_total;
  return {};
}

}  // namespace

std::uint32_t max_kdf_iterations() { return kdf_iteration_cap.load(std::memory_order_relaxed); }

void set_max_kdf_iterations(std::uint32_t limit) {
  assert(limit >= 1 && limit <= kMaxKdfIterations);
  kdf_iteration_cap.store(limit, std::memory_order_relaxed);
}

Result<void> check_kdf_iterations(std::uint32_t iterations) {
  if (const std::uint32_t limit = max_kdf_iterations(); iterations > limit)
    return over_budget("key derivation asks for " + std::to_string(iterations) +
                           " iterations, over the limit of " + std::to_string(limit),
                       iterations);
  return {};
}

KdfInputScope::KdfInputScope() {
  if (input_budget.depth++ == 0) input_budget.spent = 0;
}

KdfInputScope::~KdfInputScope() { --input_budget.depth; }

KdfCommandScope::KdfCommandScope() {
  CommandBudget& command = command_budget();
  const std::lock_guard lock(command.mutex);
  if (command.depth++ == 0) command.spent = 0;
}

KdfCommandScope::~KdfCommandScope() {
  CommandBudget& command = command_budget();
  const std::lock_guard lock(command.mutex);
  --command.depth;
}

Result<void> check_kdf_budget(std::uint64_t iterations, std::string_view what) {
  const std::uint64_t already = input_budget.spent;
  return take_from_budgets(iterations, false, [&](std::uint64_t total, std::string_view whose) {
    std::string message = std::string(what) + " ask for " + std::to_string(iterations) + " iterations";
    if (total != iterations)
      message += ", " + std::to_string(total) + " in all for " + std::string(whose) +
                 (already != 0 && whose == "this input" ? " with those already done" : "");
    else
      message += " in all";
    return message;
  });
}

Result<void> spend_kdf_budget(std::uint32_t iterations) {
  return take_from_budgets(iterations, true, [&](std::uint64_t total, std::string_view whose) {
    return "a key derivation of " + std::to_string(iterations) + " iterations would bring " +
           std::string(whose) + "'s key derivations to " + std::to_string(total) + " iterations";
  });
}

std::uint64_t kdf_iterations_spent_by_input() {
  return input_budget.depth == 0 ? 0 : input_budget.spent;
}

std::string_view to_string(Hash hash) {
  switch (hash) {
    case Hash::sha1: return "sha1";
    case Hash::sha224: return "sha224";
    case Hash::sha256: return "sha256";
    case Hash::sha384: return "sha384";
    case Hash::sha512: return "sha512";
    case Hash::md5: return "md5";
  }
  return "?";
}

std::size_t digest_size(Hash hash) {
  switch (hash) {
    case Hash::sha1: return 20;
    case Hash::sha224: return 28;
    case Hash::sha256: return 32;
    case Hash::sha384: return 48;
    case Hash::sha512: return 64;
    case Hash::md5: return 16;
  }
  return 0;
}

std::string_view to_string(Cipher cipher) {
  switch (cipher) {
    case Cipher::aes128_cbc: return "aes-128-cbc";
    case Cipher::aes192_cbc: return "aes-192-cbc";
    case Cipher::aes256_cbc: return "aes-256-cbc";
    case Cipher::des_ede3_cbc: return "des-ede3-cbc";
    case Cipher::rc2_40_cbc: return "rc2-40-cbc";
  }
  return "?";
}

std::size_t key_size(Cipher cipher) {
  switch (cipher) {
    case Cipher::aes128_cbc: return 16;
    case Cipher::aes192_cbc: return 24;
    case Cipher::aes256_cbc: return 32;
    case Cipher::des_ede3_cbc: return 24;
    case Cipher::rc2_40_cbc: return 5;
  }
  return 0;
}

std::size_t block_size(Cipher cipher) {
  switch (cipher) {
    case Cipher::aes128_cbc:
    case Cipher::aes192_cbc:
    case Cipher::aes256_cbc: return 16;
    case Cipher::des_ede3_cbc:
    case Cipher::rc2_40_cbc: return 8;
  }
  return 0;
}

}  // namespace polycert
