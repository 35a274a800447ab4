#!/usr/bin/env bash
# The whole test suite: set up, build (release, with benchmarks), run every test and a
# short benchmark pass (so the benchmarks cannot rot), then build and run the same suite
# under AddressSanitizer + UndefinedBehaviorSanitizer, the external corpora (the Mozilla
# roots, pyca's vectors, files made by certtool/NSS/keytool/openssl) held to their
# expectations and known failures, and a short fuzz pass over every
# parser (each target 15 s; scripts/fuzz.sh SECONDS for real runs, docs/fuzzing.md).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

echo "=== polycert: release build and tests"
cmake --preset release >/dev/null
cmake --build --preset release
ctest --preset release

echo "=== polycert: external corpora (files nobody here wrote; docs/corpora.md)"
conformance/corpora/fetch.sh build/corpora
conformance/corpora/check.sh build/release/bin/polycert build/corpora
echo "=== polycert: hostile inputs (the worst file of each bounded class; docs/limits.md)"
benchmarks/hostile/run.sh build/release/bin/polycert build/hostile

echo "=== polycert: short benchmark pass (figures here are not measurements)"
POLYCERT_BENCH_SMOKE=1 build/release/bin/polycert_benchmarks --benchmark_min_time=0.01

echo "=== polycert: asan build and tests"
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan

echo "=== polycert: short fuzz pass (15 s per target, a fixed seed; a regression shows as a crash)"
POLYCERT_FUZZ_SEED=1 scripts/fuzz.sh 15
