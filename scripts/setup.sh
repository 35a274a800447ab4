#!/usr/bin/env bash
# Installs the Debian 12 packages polycert needs to build, test and benchmark, if any are
# missing. Used by demo.sh, test.sh and CI; safe to run again.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config openssl
  libssl-dev                    # OpenSSL 3 backend
  libbotan-2-dev                # Botan 2 backend
  libmbedtls-dev                # Mbed TLS 2.28 backend
  libp11-kit-dev                # keys in PKCS#11 tokens (keystores/pkcs11)
  softhsm2 opensc               # a software token and pkcs11-tool for the token tests
  libboost-program-options-dev  # command line
  nlohmann-json3-dev            # --json output
  libgtest-dev                  # tests
  libbenchmark-dev              # benchmarks
  clang-16 libclang-rt-16-dev   # fuzz targets (libFuzzer, ASan, UBSan): scripts/fuzz.sh
  time                          # CPU time of fuzz campaigns: scripts/fuzz-campaign.sh
  man-db zsh                    # tests render the man pages and load the zsh completion
  chromium                      # a test renders the conformance HTML page headless (screenshot, DOM)
  # the external corpora (conformance/corpora/fetch.sh, docs/corpora.md):
  ca-certificates python3       # the Mozilla roots; byte edits of made files
  python3-cryptography-vectors  # pyca's X.509, PKCS#8/#12/#7 test vectors
  gnutls-bin libnss3-tools      # certtool; certutil and pk12util
  default-jre-headless          # keytool (PKCS#12 keystores)
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
((${#missing[@]} == 0)) && exit 0

echo "polycert setup: installing ${missing[*]}" >&2
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
