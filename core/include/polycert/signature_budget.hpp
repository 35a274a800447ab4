// The signature-check work one input may ask for. A file within every other limit can still
// hold a thousand certificates whose self-signatures each cost tens of milliseconds to check
// (a 4 MiB PKCS#7 of 16384-bit RSA certificates took minutes on Botan), so the checks made
// while one input is read add up against one budget, and the check that would pass it is
// refused before it is made. docs/limits.md gives the figure and what it allows.
#pragma once

#include <polycert/error.hpp>
#include <polycert/secure_buffer.hpp>

#include <cstdint>
#include <span>

namespace polycert {

/// The work of the signature checks made for one input, in RSA-2048 checks
/// (signature_check_cost in key_structure.hpp): 500 RSA-4096 self-signatures fit, as do the
/// ~150 roots of a system CA bundle three times over; 8 of the costliest keys polycert
/// reads (RSA-16384, 64-bit exponent) use it all, in about half a second on Botan.
inline constexpr std::uint64_t kMaxSignatureWorkPerInput = 2048;

/// While one is alive on a thread, Provider::verify_signature charges each check's cost to
/// it and refuses (invalid_input) a check that would take the total over
/// kMaxSignatureWorkPerInput. Scopes nest: an inner one (build_chain inside a command that
/// opened one per input) joins the outer. With none open, checks are not counted: a program
/// linking the library bounds its own work, or opens one.
class SignatureCheckBudget {
 public:
  SignatureCheckBudget();
  ~SignatureCheckBudget();
  SignatureCheckBudget(const SignatureCheckBudget&) = delete;
  SignatureCheckBudget& operator=(const SignatureCheckBudget&) = delete;

 private:
  bool outermost_;
};

/// Charges `cost` to the open budget, if any; invalid_input when it would pass the limit.
Result<void> charge_signature_check(std::uint64_t cost);

/// Refuses at once, as charge_signature_check would after the work, when checks whose
/// costs add up to `total` cannot all fit in what is left of the open budget; charges
/// nothing. For a reader that knows its checks before it makes them (the self-signatures
/// of a bundle), so an over-budget input costs no check at all.
Result<void> expect_signature_checks(std::uint64_t total);

/// What the self-signature checks of these certificates will cost (signature_check_cost of
/// each self-issued one); certificates that do not read are left to their reader.
std::uint64_t self_signature_work(std::span<const Bytes> certificates);

}  // namespace polycert
