#!/usr/bin/env bash
# The main job on the default backend: set up, build the release executable, and write a
# P-256 private key, then show what was made. Output goes to ./demo-out/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target polycert_cli

polycert=build/release/bin/polycert
mkdir -p demo-out
rm -f demo-out/api.key

echo
"$polycert" backends
echo
"$polycert" genkey ec:P-256 -o demo-out/api.key
echo
ls -l demo-out/api.key
echo "openssl's view of the key (public half only):"
openssl pkey -in demo-out/api.key -check -noout
openssl pkey -in demo-out/api.key -pubout
