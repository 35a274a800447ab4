#!/usr/bin/env bash
# A long fuzzing run of one target, for exploring (scripts/fuzz.sh is the short pass that CI
# runs). libFuzzer runs in fork mode, so that one finding does not end the run: every input
# that crashes or breaks an invariant is kept under build/fuzz/artifacts/<target>/ and the
# run goes on. The CPU time it used (user + system, children included) is added to
# build/fuzz/campaigns.tsv, which is what docs/fuzzing.md's CPU-hours are summed from.
#
#   scripts/fuzz-campaign.sh SECONDS TARGET     e.g. nice scripts/fuzz-campaign.sh 3600 diff_csr
#
# The grown corpus stays in build/fuzz/corpus/<target>. To commit it minimised, merge the
# committed and the grown corpus into an empty folder and make that the committed one:
#   build/fuzz/bin/fuzz_TARGET -merge=1 NEW fuzz/corpus/TARGET build/fuzz/corpus/TARGET
set -euo pipefail
cd "$(dirname "$0")/.."

if (($# != 2)) || ! [[ $1 =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz-campaign.sh SECONDS TARGET" >&2
  exit 2
fi
seconds=$1 target=$2
if ! grep -q "^$target:" fuzz/seeds.txt; then
  echo "scripts/fuzz-campaign.sh: unknown target '$target' (see fuzz/seeds.txt)" >&2
  exit 2
fi

build=build/fuzz
binary=$build/bin/fuzz_$target
[[ -x $binary ]] || { echo "scripts/fuzz-campaign.sh: $binary missing: run scripts/fuzz.sh 1 $target first" >&2; exit 2; }
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export POLYCERT_FUZZ_KNOWN=${POLYCERT_FUZZ_KNOWN-fuzz/known-divergences.txt}

read -r -a seeds < <(sed -n "s/^$target: *//p" fuzz/seeds.txt)
corpus=$build/corpus/$target
artifacts=$build/artifacts/$target
log=$build/logs/campaign-$target.log
mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
dictionary=fuzz/dicts/asn1.dict
case $target in pem | name | formats | options) dictionary=fuzz/dicts/pem.dict ;; esac

started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
# A copy, because fork mode starts the binary again for every job: a rebuild while the
# campaign runs must not swap it underneath.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$binary" "$scratch/"
times=$scratch/times
status=0
/usr/bin/time -f '%U %S' -o "$times" "$scratch/fuzz_$target" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 \
  -ignore_ooms=1 -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
  -dict="$dictionary" -artifact_prefix="$artifacts/" \
  "$corpus" "fuzz/regressions/$target" "${seeds[@]}" >"$log" 2>&1 || status=$?
# The last line: /usr/bin/time puts "Command terminated by signal N" before it when stopped.
read -r user system < <(tail -n 1 "$times")
cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%d", u + s }')
# Fork mode counts what its jobs found on each status line: oom/timeout/crash: 0/0/3.
findings=$(sed -nE 's|.*oom/timeout/crash: ([0-9]+)/([0-9]+)/([0-9]+).*|\1 \2 \3|p' "$log" | tail -1 |
  awk '{ print $1 + $2 + $3 }')
findings=${findings:-0}
[[ -f $build/campaigns.tsv ]] || printf 'started\ttarget\twall_s\tcpu_s\tfindings\texit\n' >"$build/campaigns.tsv"
printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$started" "$target" "$seconds" "$cpu" "$findings" "$status" \
  >>"$build/campaigns.tsv"
total=$(awk -F'\t' -v t="$target" '$2 == t { s += $4 } END { print s + 0 }' "$build/campaigns.tsv")
echo "fuzz campaign $target: ${cpu} CPU-s this run, ${total} CPU-s in all, $findings findings (log $log)"
