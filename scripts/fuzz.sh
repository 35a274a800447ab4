#!/usr/bin/env bash
# Fuzzes every parser: builds the "fuzz" preset (clang-16, libFuzzer, ASan + UBSan) and runs
# each fuzz target for SECONDS (default 60) from its seed corpus (fuzz/seeds.txt) and its
# regression inputs (fuzz/regressions/<target>). Prints executions and coverage per target;
# fails when any target crashes, leaks, hangs or breaks an invariant, leaving the input
# that did it under build/fuzz/artifacts/<target>/.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     e.g. scripts/fuzz.sh 600 pkcs12 chain
#
# The corpus a run grows is kept in build/fuzz/corpus/<target>, so later runs start from
# where earlier ones stopped. See docs/fuzzing.md.
#
# The differential targets (diff_*) abort when the backends disagree; the divergences found
# and not fixed yet are listed in fuzz/known-divergences.txt, which is the default
# POLYCERT_FUZZ_KNOWN, so a run goes on past them (set POLYCERT_FUZZ_KNOWN= to see them all).
#
# POLYCERT_FUZZ_SEED=N fixes libFuzzer's random seed: the CI pass uses it, so that what it
# explores is the same on every run and a failure there replays here (explore with
# scripts/fuzz-campaign.sh, not in CI).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds == 0)); then
  echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2
  exit 2
fi

mapfile -t all_targets < <(sed -n 's/^\([a-z0-9_]*\):.*/\1/p' fuzz/seeds.txt)
targets=("$@")
((${#targets[@]} > 0)) || targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
  # No pipe into grep -q here: under pipefail, grep quitting early fails printf (SIGPIPE)
  # and a known target would be reported unknown now and then.
  if [[ " ${all_targets[*]} " != *" $target "* ]]; then
    echo "scripts/fuzz.sh: unknown target '$target' (known: ${all_targets[*]})" >&2
    exit 2
  fi
done

echo "=== polycert fuzz: building the fuzz preset (clang-16)"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

build=build/fuzz
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export POLYCERT_FUZZ_KNOWN=${POLYCERT_FUZZ_KNOWN-fuzz/known-divergences.txt}

dictionary() {
  case $1 in
    pem | name | formats | options) echo fuzz/dicts/pem.dict ;;
    *) echo fuzz/dicts/asn1.dict ;;
  esac
}

failed=()
results=()
for target in "${targets[@]}"; do
  read -r -a seeds < <(sed -n "s/^$target: *//p" fuzz/seeds.txt)
  corpus=$build/corpus/$target
  artifacts=$build/artifacts/$target
  log=$build/logs/$target.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  echo "=== fuzz_$target: ${seconds}s from ${seeds[*]} fuzz/regressions/$target"
  status=0
  seed_option=()
  [[ -n ${POLYCERT_FUZZ_SEED:-} ]] && seed_option=(-seed="$POLYCERT_FUZZ_SEED")
  "$build/bin/fuzz_$target" "${seed_option[@]}" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
    -print_final_stats=1 -dict="$(dictionary "$target")" -artifact_prefix="$artifacts/" \
    "$corpus" "fuzz/regressions/$target" "${seeds[@]}" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+.* cov: ' "$log" | tail -1 || true)
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
  corp=$(sed -nE 's/.* corp: ([0-9]+)\/.*/\1/p' <<<"$last")
  if ((status == 0)); then
    verdict=ok
  else
    verdict="FAILED (exit $status)"
    failed+=("$target")
    echo "--- fuzz_$target failed; the end of $log:" >&2
    grep -E 'ERROR|SUMMARY|invariant|diverge|\[NEW\]|Test unit written|==[0-9]+==' "$log" | head -20 >&2 || true
    tail -n 40 "$log" >&2
  fi
  results+=("$(printf '%-16s %8s %12s %9s %7s %8s %7s  %s' "$target" "${seconds}s" "${runs:-?}" \
    "${speed:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$verdict")")
done

echo "=== polycert fuzz results"
printf '%-16s %8s %12s %9s %7s %8s %7s  %s\n' target time executions exec/s cov ft corpus result
printf '%s\n' "${results[@]}"
if ((${#failed[@]} > 0)); then
  echo "polycert fuzz: crashes in ${failed[*]}: inputs in $build/artifacts/, logs in $build/logs/" >&2
  exit 1
fi
