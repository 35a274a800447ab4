#!/usr/bin/env bash
# The hostile-input stress run (issue 17; docs/limits.md): the worst file of each class that
# polycert bounds, read by `polycert inspect` on every backend. A file over a limit must be
# refused (exit 3) within one second of CPU time; a file just inside every limit is read, and
# its time is reported. CPU time (user + system), not wall time, so that a loaded machine
# does not decide. Times are a report, not a benchmark: docs/limits.md has the measurements.
#
#   benchmarks/hostile/run.sh POLYCERT [OUT_DIR]
set -euo pipefail
polycert=${1:?usage: run.sh POLYCERT [OUT_DIR]}
out=${2:-build/hostile}
here=$(dirname "$0")
[[ -f $out/.made ]] || { python3 "$here/make_hostile.py" "$out" && touch "$out/.made"; }

# file  expected exit  (3: refused; 0 or 6: read, 6 when a random signature does not verify)
cases=(
  "rsa-16384-huge-exponent.der 3"
  "p7b-of-huge-exponents.p7b 3"
  "rsa-16385.der 3"
  "p7b-of-16384-bit-certificates.p7b 3"
  "p7b-of-1001-certificates.p7b 3"
  "pem-of-1001-blocks.pem 3"
  "nested-65-deep.der 3"
  "over-4-mib.der 3"
  "pfx-16-parts-at-the-cap.p12 3"
  "rsa-16384-exponent-64.der 6"
  "p7b-of-8-16384-bit-certificates.p7b 6"
  "crl-of-107000-entries.der 0"
)
mapfile -t backends < <("$polycert" backends --json | python3 -c 'import json,sys; print("\n".join(b["name"] for b in json.load(sys.stdin)["backends"]))')
failed=0
printf '%-40s %-8s %5s %8s  %s\n' file backend exit cpu_s verdict
for case in "${cases[@]}"; do
  read -r file expected <<<"$case"
  for backend in "${backends[@]}"; do
    times=$(mktemp)
    status=0
    /usr/bin/time -f '%U %S' -o "$times" "$polycert" inspect --backend "$backend" "$out/$file" \
      >/dev/null 2>&1 || status=$?
    cpu=$(awk 'END { printf "%.2f", $1 + $2 }' "$times")
    rm -f "$times"
    verdict=ok
    # Mbed TLS 2.28 holds no RSA key over 8192 bits: exit 5 there is its documented gap
    # (the capability matrix's rsa:16384 rows), and is a refusal like exit 3.
    if [[ $expected == 3 ]]; then
      [[ $status == 3 || ($backend == mbedtls && $status == 5) ]] ||
        verdict="FAIL: exit $status, expected 3 (refused)"
      awk -v c="$cpu" 'BEGIN { exit !(c > 1.0) }' && verdict="FAIL: refused after more than 1 s"
    else
      [[ $status == "$expected" || ($backend == mbedtls && $status == 5) ]] ||
        verdict="FAIL: exit $status, expected $expected (read)"
    fi
    [[ $verdict == ok ]] || failed=1
    printf '%-40s %-8s %5s %8s  %s\n' "$file" "$backend" "$status" "$cpu" "$verdict"
  done
done
exit $failed
