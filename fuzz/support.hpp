// Shared by every fuzz target: the entry functions, the providers they run through, and
// the invariant check that turns a broken promise into a crash libFuzzer reports.
//
// Each target is a plain function `void target_<name>(ByteView input)`. It is built twice:
// into libFuzzer executables (libfuzzer_entry.cpp, clang, the "fuzz" preset) and into
// polycert_fuzz_replay (replay.cpp, any compiler), which runs fuzz/regressions and the seed
// corpora through the very same functions in the ordinary test suite.
#pragma once

#include <polycert/provider.hpp>
#include <polycert/secure_buffer.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polycert::fuzz {

void target_formats(ByteView input);
void target_pem(ByteView input);
void target_der(ByteView input);
void target_ber(ByteView input);
void target_name(ByteView input);
void target_private_key(ByteView input);
void target_public_key(ByteView input);
void target_certificate(ByteView input);
void target_csr(ByteView input);
void target_crl(ByteView input);
void target_pkcs7(ByteView input);
void target_pkcs12(ByteView input);
void target_pkcs12_password(ByteView input);
void target_encrypted_key(ByteView input);
void target_chain(ByteView input);
void target_options(ByteView input);
void target_diff_certificate(ByteView input);
void target_diff_csr(ByteView input);
void target_diff_private_key(ByteView input);
void target_diff_public_key(ByteView input);
void target_diff_pkcs7(ByteView input);
void target_diff_pkcs12(ByteView input);

struct Target {
  std::string_view name;
  void (*run)(ByteView input);
};

/// Every target, by the name its executable (fuzz_<name>) and folders carry.
inline constexpr Target kTargets[] = {
    {"formats", &target_formats},
    {"pem", &target_pem},
    {"der", &target_der},
    {"ber", &target_ber},
    {"name", &target_name},
    {"private_key", &target_private_key},
    {"public_key", &target_public_key},
    {"certificate", &target_certificate},
    {"csr", &target_csr},
    {"crl", &target_crl},
    {"pkcs7", &target_pkcs7},
    {"pkcs12", &target_pkcs12},
    {"pkcs12_password", &target_pkcs12_password},
    {"encrypted_key", &target_encrypted_key},
    {"chain", &target_chain},
    {"options", &target_options},
    {"diff_certificate", &target_diff_certificate},
    {"diff_csr", &target_diff_csr},
    {"diff_private_key", &target_diff_private_key},
    {"diff_public_key", &target_diff_public_key},
    {"diff_pkcs7", &target_diff_pkcs7},
    {"diff_pkcs12", &target_diff_pkcs12},
};

/// KDF iteration cap while fuzzing. At the fixtures' 2048 iterations one PKCS#12 file
/// costs about 60 ms over three backends under ASan, and a mutated count up to the default
/// cap (2 million) seconds; fuzz/seeds/pkcs12 and fuzz/seeds/encrypted_key use 1 to 16, so
/// the seeds still decrypt. Set once, process-wide, through core's own limit
/// (set_max_kdf_iterations), so the refusal path is the real one.
inline constexpr std::uint32_t kFuzzMaxKdfIterations = 64;

/// One provider per compiled-in backend, made once (a target runs millions of times).
/// Also applies kFuzzMaxKdfIterations.
std::vector<std::unique_ptr<Provider>>& providers();

/// read_pkcs12 through every provider, then what it read through the provider's key and
/// certificate readers (pkcs12.cpp; shared with pkcs12_password.cpp).
void read_pkcs12_everywhere(ByteView file, std::optional<ByteView> password);

/// Aborts with `what` on stderr unless `condition`: a broken invariant is a crash.
void check(bool condition, std::string_view what);
/// check() for a Result: aborts with `what` and the error's message when it failed.
template <typename T>
void check_ok(const Result<T>& result, std::string_view what) {
  if (!result) check(false, std::string(what) + ": " + result.error().message);
}

/// `text` as bytes, for comparisons.
inline ByteView bytes_of(std::string_view text) { return as_bytes(text); }

}  // namespace polycert::fuzz
