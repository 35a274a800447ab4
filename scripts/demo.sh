#!/usr/bin/env bash
# The main job on the default backend: set up, build the release executable, make a P-256
# private key and a certificate signing request for it, then show what was made and let
# the openssl CLI check it. Output goes to ./demo-out/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target polycert_cli

polycert=build/release/bin/polycert
mkdir -p demo-out
rm -f demo-out/api.key demo-out/api.csr

echo
"$polycert" backends
echo
"$polycert" req --new-key ec:P-256 --key-out demo-out/api.key \
  --subject "/C=US/ST=California/L=Mountain View/O=Acme/OU=IT/CN=api.acme.com" \
  --san "DNS:api.acme.com,DNS:www.api.acme.com" -o demo-out/api.csr
echo
ls -l demo-out/api.key demo-out/api.csr
echo
"$polycert" inspect demo-out/api.csr
echo
echo "openssl's view of the request:"
openssl req -in demo-out/api.csr -verify -noout -subject
