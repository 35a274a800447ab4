// The symmetric building blocks of password-based containers (encrypted PKCS#8 keys,
// PKCS#12 files). Core owns the container formats; every KDF, cipher and MAC step they
// need runs in the selected backend's library, through Provider's primitive operations.
#pragma once

#include <polycert/error.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace polycert {

/// md5 serves only OpenSSL's legacy PEM encryption (EVP_BytesToKey), never a signature.
enum class Hash { sha1, sha224, sha256, sha384, sha512, md5 };
/// "sha256"
std::string_view to_string(Hash hash);
/// Output size in bytes.
std::size_t digest_size(Hash hash);

/// CBC ciphers with PKCS#7 padding.
enum class Cipher { aes128_cbc, aes192_cbc, aes256_cbc, des_ede3_cbc, rc2_40_cbc };
/// "aes-256-cbc", "des-ede3-cbc", "rc2-40-cbc" (openssl's names).
std::string_view to_string(Cipher cipher);
/// Key and block sizes of a cipher, in bytes.
std::size_t key_size(Cipher cipher);
std::size_t block_size(Cipher cipher);

/// The ID byte of the PKCS#12 key derivation (RFC 7292 appendix B.3).
enum class Pkcs12KeyPurpose : std::uint8_t { key = 1, iv = 2, mac = 3 };

/// The default cap on a KDF iteration count (docs/limits.md). A hostile file must not be
/// able to keep polycert busy: above the cap, Provider::pbkdf2 and pkcs12_kdf refuse before
/// any work. 2 million covers every figure tools write (OpenSSL 2048, polycert's own
/// 600000, OWASP's 1.3 million for PBKDF2-HMAC-SHA1); a KDF at the cap takes about a second.
inline constexpr std::uint32_t kDefaultMaxKdfIterations = 2'000'000;
/// The highest the cap can be raised to: every library takes the count as an int.
inline constexpr std::uint32_t kMaxKdfIterations = 2'147'483'647;

/// The cap in force for this process (kDefaultMaxKdfIterations unless raised or lowered).
/// Thread-safe.
std::uint32_t max_kdf_iterations();
/// Sets the cap, for the whole process (the CLI's --max-kdf-iterations). `limit` must be
/// 1..kMaxKdfIterations (asserted). Thread-safe.
void set_max_kdf_iterations(std::uint32_t limit);
/// Refuses one derivation of `iterations` over the cap: invalid_input ("key derivation asks
/// for N iterations, over the limit of M") with Remedy::raise_kdf_limit and the count as
/// subject. Provider::pbkdf2 and pkcs12_kdf call it; a reader calls it on what a file
/// declares, before any work.
Result<void> check_kdf_iterations(std::uint32_t iterations);

// ---- Work bounded per input and per command ------------------------------------------
// One derivation under the cap is not enough: a PFX with 16 encrypted parts at the cap,
// and no MAC, costs 16 derivations, and a folder of such files many more. So the cap
// also bounds the *total* iterations of reading one input, and a command's inputs together
// are bounded by kKdfCommandBudgetInCaps times the cap. Writing (encrypting what the user
// asked for) is bounded per derivation only.

/// One input's budget, in caps: a PKCS#12 file as NSS's pk12util and GnuTLS's certtool
/// write it by default (600 000 iterations for the MAC, then key and IV derived apart for
/// the legacy PBE of the certificates and of the key) asks for 3 000 000 in all.
inline constexpr std::uint32_t kKdfInputBudgetInCaps = 2;

/// A command's budget for all its inputs together, in caps (2 million x 16 = 32 million
/// iterations by default): about sixteen inputs at the cap, or 26 of polycert's own PFX.
inline constexpr std::uint32_t kKdfCommandBudgetInCaps = 16;

/// While alive, the key derivations of this thread read one input (a PKCS#12 file, an
/// encrypted key): together, password retries included, they may ask for at most
/// kKdfInputBudgetInCaps x max_kdf_iterations() iterations, and every one of them is also charged to the open
/// command (KdfCommandScope). A scope opened while another is open on the thread (a
/// shrouded key bag inside a PKCS#12 file) joins it. read_pkcs12 and decrypt_private_key
/// open their own; a caller opens one around several reads that make one input.
class KdfInputScope {
 public:
  KdfInputScope();
  ~KdfInputScope();
  KdfInputScope(const KdfInputScope&) = delete;
  KdfInputScope& operator=(const KdfInputScope&) = delete;
};

/// While alive, the derivations of every input scope, on any thread, are charged to one
/// command's total, at most kKdfCommandBudgetInCaps x max_kdf_iterations(). The CLI opens
/// one per command; one opened while another is alive joins it.
class KdfCommandScope {
 public:
  KdfCommandScope();
  ~KdfCommandScope();
  KdfCommandScope(const KdfCommandScope&) = delete;
  KdfCommandScope& operator=(const KdfCommandScope&) = delete;
};

/// Whether `iterations` more fit the open input's and command's budgets, without spending
/// them: a reader checks the sum a file declares before its first derivation, so that an
/// over-budget file is refused at once. `what` names the work ("PKCS#12: the MAC and 16
/// encrypted parts"). invalid_input with Remedy::raise_kdf_limit, naming the total asked,
/// the limit and whether it is the input's or the command's. Nothing to check without an
/// open input scope.
Result<void> check_kdf_budget(std::uint64_t iterations, std::string_view what);

/// Charges one derivation of `iterations` to the open input and command budgets, or
/// refuses it (as check_kdf_budget) before any work. Provider::pbkdf2 and pkcs12_kdf call
/// it for every derivation; nothing is charged outside an input scope.
Result<void> spend_kdf_budget(std::uint32_t iterations);

/// Iterations this thread's open input scope has spent (0 without one): for tests.
std::uint64_t kdf_iterations_spent_by_input();

/// Longest derived key or MAC key asked of a KDF.
inline constexpr std::size_t kMaxDerivedKeySize = 64;

}  // namespace polycert
