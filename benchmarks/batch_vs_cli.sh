#!/usr/bin/env bash
# Batch generation against one CLI process per key, as issue 6 sets the targets:
#   1000 P-256 keys:      polycert genkey --count  vs  1000 `openssl genpkey`   (>= 100x)
#   1000 key+CSR pairs:   polycert req --count     vs  1000 `openssl req -newkey` (>= 50x)
#   threads:              --threads 2 vs --threads 1 on 2 cores                 (>= 1.8x)
#   memory:               peak RSS of --count 100000 vs --count 100             (<= 2x)
# Wall time from `date +%s.%N` around each run; polycert's time includes starting the
# process, every provider, writing every file and the final sync. Each polycert figure is
# the median of RUNS runs; the per-process loops run once (they take seconds). On a shared
# machine read the CPU column too, and the load printed at the start and the end.
#
# Usage: benchmarks/batch_vs_cli.sh [POLYCERT]   (default: build/release/bin/polycert)
# Environment: N (1000), SCALING_N (10000; 0 skips), RSS_N (100000; 0 skips), RUNS (3),
#              BACKENDS ("openssl botan mbedtls"), TMPDIR (/tmp): where the files go, in a
#              fresh folder removed at the end. The filesystem matters: on the shared
#              2-core machine, busy with other builds, creating a small file on ext4 cost
#              ~800 us of kernel time (~25 us on tmpfs), far more than a P-256 key; a
#              tmpfs (TMPDIR=/dev/shm) shows what generation itself costs. Both sides of
#              every comparison write into the same folder.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
polycert=${1:-$here/build/release/bin/polycert}
N=${N:-1000}
SCALING_N=${SCALING_N:-10000}
RSS_N=${RSS_N:-100000}
RUNS=${RUNS:-3}
BACKENDS=${BACKENDS:-"openssl botan mbedtls"}
work=$(mktemp -d "${TMPDIR:-/tmp}/polycert-batch-bench.XXXXXX")
[ -x "$polycert" ] || { echo "no polycert at $polycert (build it, or pass its path)" >&2; exit 2; }
command -v openssl >/dev/null || { echo "the openssl CLI is needed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) is needed for the RSS figures" >&2; exit 2; }
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.4f\", $1 }"; }
elapsed() { calc "$2 - $1"; echo; }
ratio() { awk "BEGIN { printf \"%.1f\", $1 / $2 }"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# "WALL CPU": median wall seconds and median CPU seconds (user + system, all threads) of
# RUNS runs of "$@", each into a fresh $work/out. CPU time says what the work costs when
# other jobs share the machine; wall time is what a user waits.
time_polycert() {
  local walls=() cpus=()
  for _ in $(seq "$RUNS"); do
    rm -rf "$work/out"
    local start end
    start=$(now)
    if ! /usr/bin/time -f '%U %S' -o "$work/cpu" "$@" >/dev/null 2>"$work/err"; then
      echo "failed: $*" >&2
      cat "$work/err" "$work/cpu" >&2
      exit 1
    fi
    end=$(now)
    walls+=("$(elapsed "$start" "$end")")
    cpus+=("$(awk '{ printf "%.3f", $1 + $2 }' "$work/cpu")")
  done
  echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median)"
}

# "WALL CPU" of one openssl process per item, N of them from one shell (the CPU time is
# all the processes'): $1 is keys (openssl genpkey) or pairs (openssl req -newkey).
time_loop() {
  mkdir -p "$work/cli"
  local start end
  start=$(now)
  /usr/bin/time -f '%U %S' -o "$work/cpu" bash -c '
    set -e
    for i in $(seq "$2"); do
      if [ "$1" = keys ]; then
        openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$3/key-$i.pem"
      else
        openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
          -subj "/CN=device-$i.acme.com" -keyout "$3/key-$i.pem" -out "$3/key-$i.csr"
      fi
    done' _ "$1" "$N" "$work/cli" >/dev/null 2>&1 || { echo "the openssl loop failed" >&2; exit 1; }
  end=$(now)
  rm -rf "$work/cli"
  echo "$(elapsed "$start" "$end") $(awk '{ printf "%.3f", $1 + $2 }' "$work/cpu")"
}

# One result row: label, wall, CPU, the per-process loop's wall and CPU time.
row() {
  printf '%-44s %8.3f s  %8.0f/s  %6sx   (CPU %6.3f s, %sx)\n' "$1" "$2" "$(calc "$N / $2")" \
    "$(ratio "$4" "$2")" "$3" "$(ratio "$5" "$3")"
}

echo "# polycert batch generation vs one CLI process per item"
echo "date:      $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine:   $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) at the start"
echo "folder:    $work ($(df -T "$work" | awk 'NR == 2 { print $2 }'))"
echo "openssl:   $(openssl version)"
echo "polycert:  $polycert"
echo

# ---- 1. keys ----------------------------------------------------------------------------
read -r cli_keys cli_keys_cpu < <(time_loop keys)
printf '%-44s %8.3f s  %8.0f/s            (CPU %6.3f s)\n' "$N x openssl genpkey (one process each)" \
  "$cli_keys" "$(calc "$N / $cli_keys")" "$cli_keys_cpu"
for backend in $BACKENDS; do
  for threads in 1 2; do
    read -r wall cpu < <(time_polycert "$polycert" --backend "$backend" genkey ec:P-256 --count "$N" \
                           --out-dir "$work/out" --threads "$threads")
    row "polycert genkey --count $N, $backend, T=$threads" "$wall" "$cpu" "$cli_keys" "$cli_keys_cpu"
  done
done
echo

# ---- 2. key + CSR pairs -----------------------------------------------------------------
read -r cli_pairs cli_pairs_cpu < <(time_loop pairs)
printf '%-44s %8.3f s  %8.0f/s            (CPU %6.3f s)\n' "$N x openssl req -newkey (one process each)" \
  "$cli_pairs" "$(calc "$N / $cli_pairs")" "$cli_pairs_cpu"
for backend in $BACKENDS; do
  for threads in 1 2; do
    read -r wall cpu < <(time_polycert "$polycert" --backend "$backend" req --new-key ec:P-256 \
                           --count "$N" --subject '/CN=device-{n}.acme.com' --out-dir "$work/out" \
                           --threads "$threads")
    row "polycert req --count $N, $backend, T=$threads" "$wall" "$cpu" "$cli_pairs" "$cli_pairs_cpu"
  done
done
echo

# ---- 3. thread scaling ------------------------------------------------------------------
[ "$SCALING_N" -gt 0 ] && echo "thread scaling, $SCALING_N P-256 keys (T=1 time / T=2 time):"
[ "$SCALING_N" -gt 0 ] && for backend in $BACKENDS; do
  read -r t1 c1 < <(time_polycert "$polycert" --backend "$backend" genkey ec:P-256 \
                      --count "$SCALING_N" --out-dir "$work/out" --threads 1)
  read -r t2 c2 < <(time_polycert "$polycert" --backend "$backend" genkey ec:P-256 \
                      --count "$SCALING_N" --out-dir "$work/out" --threads 2)
  printf '  %-10s T=1 %7.3f s (CPU %6.3f s)   T=2 %7.3f s (CPU %6.3f s)   speed-up %sx\n' \
    "$backend" "$t1" "$c1" "$t2" "$c2" "$(calc "$t1 / $t2")"
done
echo

# ---- 4. memory --------------------------------------------------------------------------
rss() {
  rm -rf "$work/out"
  /usr/bin/time -v "$polycert" genkey ec:P-256 --count "$1" --out-dir "$work/out" 2>&1 >/dev/null |
    awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }'
}
if [ "$RSS_N" -gt 0 ]; then
small=$(rss 100)
large=$(rss "$RSS_N")
echo "peak RSS (openssl backend, default threads): --count 100: ${small} kB, --count $RSS_N: ${large} kB," \
     "ratio $(calc "$large / $small")"
fi
rm -rf "$work/out"
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) at the end"
