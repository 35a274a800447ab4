// What every benchmark file shares: the committed fixtures it reads its inputs from, the
// sample counts, and the request every "csr_sign" benchmark builds.
//
// Names are "<op>/<backend>/<polycert|native>/<variant>": a polycert benchmark and its
// native baseline differ only in the third part (docs/benchmarks.md).
#pragma once

#include <polycert/x509.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

using Bytes = std::vector<std::uint8_t>;

/// The password of every encrypted fixture (tests/fixtures/make-fixtures.sh).
inline constexpr const char* kFixturePassword = "fixture-password";

/// The subject and extensions of every CSR the csr_sign benchmarks build: what
/// tests/fixtures/x509/*.csr.der carry, without the two PKCS#9 attributes.
inline constexpr std::string_view kSubject =
    "/C=US/ST=California/L=Mountain View/O=WSO2/OU=IT/CN=fixture.example";
inline constexpr std::string_view kSubjectAltNames = "DNS:fixture.example,DNS:www.fixture.example";

/// The bytes of tests/fixtures/<relative> (the folder is compiled in). A missing fixture
/// throws std::runtime_error naming the file: the benchmarks are useless without it.
Bytes fixture(std::string_view relative);
/// The same as text (PEM).
std::string fixture_text(std::string_view relative);
/// `der` in PEM armor with `label` (for inputs committed only as DER).
std::string to_pem(std::string_view label, const Bytes& der);

/// The chain fixture (tests/fixtures/chains) as DER, leaf first: the leaf, intermediate 2,
/// intermediate 1, the root. The path_validate benchmarks validate it.
std::vector<Bytes> chain_der();

/// True when POLYCERT_BENCH_SMOKE is set and not "0": CI's short pass that only proves the
/// benchmarks still run. Fixed sample counts (RSA key generation) drop to one.
bool smoke();
/// `full` fixed samples, or 1 in a smoke pass.
int samples(int full);

/// How many samples each RSA key generation gets, one key per sample (why: support.cpp).
int rsa_keygen_samples(unsigned bits);

/// One benchmark: "<op>/<backend>/<side>/<variant>", side "polycert" or "native".
struct Entry {
  std::string op;
  std::string backend;
  std::string side;
  std::string variant;
  std::function<void(benchmark::State&)> run;
  /// Fixed samples of one iteration each (RSA key generation), or 0: Google Benchmark
  /// picks the iterations and --benchmark_repetitions the samples.
  int fixed_samples = 0;
};

/// Collects a benchmark; native baselines call it during static initialisation (it
/// touches nothing but a function-local list), polycert's from register_polycert_*.
void add(Entry entry);

/// How a key-parse benchmark gets its key: keys/<stem>.pkcs8.der or .pem, or the
/// encrypted fixture encrypted/<stem>.<scheme>.der as PEM.
enum class KeyInput { der, pem, encrypted_pem };

/// The encrypted key fixture encrypted/<stem>.<scheme>.der as PEM when `input` is
/// encrypted_pem, or "" (a plain key needs no such file).
std::string encrypted_key_pem(const std::string& stem, KeyInput input, const std::string& scheme);

/// Whether a native key read also runs the library's own check that the key's halves
/// belong together (the guarantee polycert's import gives): `none` is the bare idiomatic
/// parse, `pair` adds the check. A checked baseline's variant ends in kPairCheckSuffix.
enum class KeyCheck { none, pair };

/// "+pair-check": the suffix of a native baseline that parses and then runs the library's
/// pair check, e.g. "key_parse/mbedtls/native/ec:P-256-pkcs8-der+pair-check". Its polycert
/// counterpart is the variant without the suffix (docs/benchmarks.md, "Reading the figures").
inline constexpr std::string_view kPairCheckSuffix = "+pair-check";

/// `variant` with kPairCheckSuffix when `check` is pair.
std::string checked_variant(const std::string& variant, KeyCheck check);

/// One library's idiomatic calls for the operations every native suite measures. The
/// names, inputs and variants are registered in one place (add_native_suite), so the
/// suites measure the same things as each other and as polycert's side.
struct NativeSuite {
  std::string backend;
  std::function<void(benchmark::State&, const std::string& stem)> csr_sign;
  std::function<void(benchmark::State&, const std::string& stem)> csr_verify;
  std::function<void(benchmark::State&, const std::string& stem, bool pem)> cert_parse;
  std::function<void(benchmark::State&, const std::string& stem, KeyInput input,
                     const std::string& scheme, KeyCheck check)>
      key_parse;
  /// The encrypted keys the library reads natively: (variant suffix, fixture scheme).
  std::vector<std::pair<std::string, std::string>> encryptions;
  /// The key fixtures ("ec-P-256", "rsa-2048") whose import polycert's backend checks for
  /// a matching pair (backends/<name>/src/keys.cpp): every key_parse variant of these gets
  /// a second baseline, KeyCheck::pair, so the check has a like-for-like native figure.
  std::vector<std::string> pair_checked_keys;
  /// Decodes every block of a PEM file (`blocks` of them).
  std::function<void(benchmark::State&, const std::string& file, int blocks)> pem_decode;
};

/// Adds a native suite's entries: CSR sign and verify, certificate parse (DER, PEM), key
/// parse (PKCS#8 DER, PEM, each encryption; again with the pair check for the keys in
/// pair_checked_keys) for ec:P-256 and rsa:2048, and PEM decoding of one certificate and
/// of a four-certificate bundle.
void add_native_suite(const NativeSuite& suite);

/// polycert's side (keygen_benchmark.cpp, operations_benchmark.cpp): run from main,
/// after static initialisation, because they ask each provider what it supports.
void register_polycert_keygen();
void register_polycert_operations();
/// token_sign: requests signed with a key in a SoftHSM2 token made for the run (when the
/// build has PKCS#11 support and softhsm2 is installed), and the token's bare signature.
void register_polycert_token_signing();

/// The request every csr_sign benchmark builds (kSubject, kSubjectAltNames, keyUsage
/// digitalSignature, extendedKeyUsage serverAuth and clientAuth).
polycert::CsrSpec csr_spec();

/// Registers everything collected with Google Benchmark, ordered by op, backend and
/// variant with native before polycert (and a "+pair-check" baseline after the plain one,
/// before polycert), so each pair runs back to back (without
/// --benchmark_enable_random_interleaving) and reads side by side.
void register_all();

}  // namespace bench
