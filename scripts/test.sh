#!/usr/bin/env bash
# The whole test suite: set up, build (release, with benchmarks), run every test and a
# short benchmark pass (so the benchmarks cannot rot), then build and run the same suite
# under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

echo "=== polycert: release build and tests"
cmake --preset release >/dev/null
cmake --build --preset release
ctest --preset release

echo "=== polycert: short benchmark pass (figures here are not measurements)"
build/release/bin/polycert_benchmarks --benchmark_min_time=0.02

echo "=== polycert: asan build and tests"
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan
