#include <polycert/signature_budget.hpp>

#include <polycert/key_structure.hpp>
#include <polycert/x509_structure.hpp>

#include <algorithm>

#include <string>

namespace polycert {
namespace {

// Per thread: each thread reads its own input (the batch runner's workers too).
thread_local bool budget_open = false;
thread_local std::uint64_t work_spent = 0;

}  // namespace

SignatureCheckBudget::SignatureCheckBudget() : outermost_(!budget_open) {
  if (outermost_) {
    budget_open = true;
    work_spent = 0;
  }
}

SignatureCheckBudget::~SignatureCheckBudget() {
  if (outermost_) budget_open = false;
}

Result<void> expect_signature_checks(std::uint64_t total) {
  if (!budget_open || total <= kMaxSignatureWorkPerInput - work_spent) return {};
  return std::unexpected(Error{
      ErrorCode::invalid_input,
      "its signature checks would cost " + std::to_string(work_spent + total) +
          " RSA-2048 checks, over polycert's limit of " +
          std::to_string(kMaxSignatureWorkPerInput) + " for one input",
      Remedy::built_in_limit});
}

Result<void> charge_signature_check(std::uint64_t cost) {
  if (auto fits = expect_signature_checks(cost); !fits) return fits;
  if (budget_open) work_spent += cost;
  return {};
}

std::uint64_t self_signature_work(std::span<const Bytes> certificates) {
  std::uint64_t total = 0;
  for (const Bytes& der : certificates) {
    auto structure = inspect_certificate(der);
    if (!structure || !std::ranges::equal(structure->issuer, structure->subject)) continue;
    auto cost = signature_check_cost(structure->subject_public_key_info);
    if (cost) total += *cost;
  }
  return total;
}

}  // namespace polycert
