// What every benchmark file shares: the committed fixtures it reads its inputs from, the
// sample counts, and the request every "csr_sign" benchmark builds.
//
// Names are "<op>/<backend>/<polycert|native>/<variant>": a polycert benchmark and its
// native baseline differ only in the third part (docs/benchmarks.md).
#pragma once

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

/// polycert's side (keygen_benchmark.cpp, operations_benchmark.cpp): run from main,
/// after static initialisation, because they ask each provider what it supports.
void register_polycert_keygen();
void register_polycert_operations();

/// Registers everything collected with Google Benchmark, ordered by op, backend and
/// variant with native before polycert, so each pair runs back to back (without
/// --benchmark_enable_random_interleaving) and reads side by side.
void register_all();

}  // namespace bench
