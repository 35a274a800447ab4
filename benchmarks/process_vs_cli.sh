#!/usr/bin/env bash
# One command, one process: polycert against the openssl CLI doing the same one-shot job,
# timed as whole processes (issue 22). Each pair runs RUNS times, the two sides alternating
# (which goes first alternates too), each process timed by one python3 harness around
# fork+exec+wait, so the harness's own cost is the same on both sides. Prints per pair the
# median, the p10–p90 spread and polycert / openssl of the medians, for each backend.
#
#   version   polycert --version                    openssl version
#   genkey    polycert genkey ec:P-256 -o F         openssl genpkey -algorithm EC ... -out F
#   req       polycert req --key K --batch --subject openssl req -new -key K -subj
#   inspect   polycert inspect cert.pem             openssl x509 -in cert.pem -noout -text
#   p7b       polycert convert x.p7b --to pem -o F  openssl pkcs7 -in x.p7b -print_certs -out F
#   pfx       polycert convert x.p12 --to pem -o F  openssl pkcs12 -in x.p12 -nodes -out F
#
# Usage: benchmarks/process_vs_cli.sh [POLYCERT]   (default: build/release/bin/polycert)
# Environment: RUNS (20), BACKENDS ("openssl botan mbedtls"), CPU (pin every process to
# this CPU with taskset; default 1 when the machine has two or more, as docs/benchmarks.md
# advises: this VM's two vCPUs differ by up to 1.7x).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
polycert=${1:-$here/build/release/bin/polycert}
RUNS=${RUNS:-20}
BACKENDS=${BACKENDS:-"openssl botan mbedtls"}
[ -x "$polycert" ] || { echo "no polycert at $polycert (build it, or pass its path)" >&2; exit 2; }
command -v openssl >/dev/null || { echo "the openssl CLI is needed" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is needed (the timing harness)" >&2; exit 2; }
if [ -z "${CPU+x}" ]; then CPU=$([ "$(nproc)" -ge 2 ] && echo 1 || echo ""); fi
pin=()
[ -n "$CPU" ] && pin=(taskset -c "$CPU")
fixtures=$here/tests/fixtures
work=$(mktemp -d "${TMPDIR:-/tmp}/polycert-process-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export FIXTURE_PASSWORD=fixture-password
# No user config may change what is timed.
export XDG_CONFIG_HOME=$work/no-config
openssl x509 -in "$fixtures/x509/ec-P-256.cert.der" -inform DER -out "$work/cert.pem"
cp "$fixtures/keys/ec-P-256.pkcs8.pem" "$work/key.pem"

echo "polycert $("$polycert" --version | head -1), $(openssl version); RUNS=$RUNS; CPU=${CPU:-any}; load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-9s %-8s %12s %17s %12s %17s %8s\n' pair backend "polycert" "p10-p90" "openssl" "p10-p90" "ratio"
for backend in $BACKENDS; do
  python3 - "$backend" "$RUNS" "$work" "$fixtures" "$polycert" "${pin[@]}" <<'PY'
import statistics, subprocess, sys, time
backend, runs, work, fixtures, polycert, *pin = sys.argv[1:]
runs = int(runs)
p = pin + [polycert, "--backend", backend]
o = pin + ["openssl"]
pairs = [
    ("version", [polycert, "--version"] if not pin else pin + [polycert, "--version"], o + ["version"]),
    ("genkey", p + ["genkey", "ec:P-256", "-o", f"{work}/k1.pem", "--force"],
               o + ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", f"{work}/k2.pem"]),
    ("req", p + ["req", "--key", f"{work}/key.pem", "--batch", "--subject", "/CN=api.acme.example", "-o", f"{work}/r1.csr", "--force"],
            o + ["req", "-new", "-key", f"{work}/key.pem", "-subj", "/CN=api.acme.example", "-out", f"{work}/r2.csr"]),
    ("inspect", p + ["inspect", f"{work}/cert.pem"], o + ["x509", "-in", f"{work}/cert.pem", "-noout", "-text"]),
    ("p7b", p + ["convert", f"{fixtures}/pkcs7/chain.p7b", "--to", "pem", "-o", f"{work}/c1.pem", "--force"],
            o + ["pkcs7", "-in", f"{fixtures}/pkcs7/chain.p7b", "-print_certs", "-out", f"{work}/c2.pem"]),
    ("pfx", p + ["convert", f"{fixtures}/pkcs12/modern.p12", "--passin", "env:FIXTURE_PASSWORD", "--to", "pem", "-o", f"{work}/x1.pem", "--force"],
            o + ["pkcs12", "-in", f"{fixtures}/pkcs12/modern.p12", "-passin", "env:FIXTURE_PASSWORD", "-nodes", "-out", f"{work}/x2.pem"]),
]
def timed(argv):
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(argv)}")
    return elapsed * 1000
def spread(values):
    q = statistics.quantiles(values, n=10)
    return f"{q[0]:.1f}-{q[-1]:.1f} ms"
for name, ours, theirs in pairs:
    a, b = [], []
    timed(ours); timed(theirs)  # warm the page cache
    for i in range(runs):
        if i % 2 == 0:
            a.append(timed(ours)); b.append(timed(theirs))
        else:
            b.append(timed(theirs)); a.append(timed(ours))
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"{name:<9} {backend:<8} {ma:9.1f} ms {spread(a):>17} {mb:9.1f} ms {spread(b):>17} {ma / mb:8.2f}")
PY
done
