#!/usr/bin/env bash
# Writes the seeds under fuzz/seeds/ that the fixtures cannot serve as they are, from
# tests/fixtures with the openssl CLI (committed, like the fixtures; run again after
# tests/fixtures/make-fixtures.sh). Every other target is seeded straight from fixture
# folders (fuzz/seeds.txt).
#   seeds/name/*.txt          subject text in both spellings, escapes, multi-valued RDNs
#   seeds/name/*.der          the subject Name of each fixture certificate, alone
#   seeds/certificate/*.der   the chain fixtures' certificates (CA, pathLen, AKI/SKI) as DER
#   seeds/chain/*.der         certificates concatenated as DER, the chain target's split form
#   seeds/pkcs12/*.p12        PFX files like tests/fixtures/pkcs12's, with 1 to 16 KDF
#                             iterations: the fuzz targets cap iterations at 64
#                             (kFuzzMaxKdfIterations), so these decrypt where the
#                             fixtures' 2048 are refused
#   seeds/encrypted_key/*.der encrypted PKCS#8 keys the same way, every scheme
#   seeds/options/*           the command line's other texts: SANs, key usages, times...
#   seeds/pkcs12_password/*   one length byte, the password, the PFX (pkcs12_password.cpp)
#   seeds/crl/*.der           CRLs from `openssl ca -gencrl`: v1, v2 empty, v2 with entries
#                             and reasons (make_crl_seeds, also run alone: --crl-only)
set -euo pipefail
cd "$(dirname "$0")"

# --- crl: openssl ca with a throwaway CA and database
make_crl_seeds() {
  local dir
  dir=$(mktemp -d)
  mkdir -p seeds/crl
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$dir/ca.key" \
    -subj "/O=Fuzz Seeds/CN=CRL Seed CA" -days 3650 -out "$dir/ca.pem" 2>/dev/null
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$dir/leaf.key" \
    -subj "/CN=revoked.example" -out "$dir/leaf.csr" 2>/dev/null
  openssl x509 -req -in "$dir/leaf.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -set_serial 4660 \
    -days 365 -out "$dir/leaf.pem" 2>/dev/null
  : >"$dir/index.txt"
  printf '[ca]\ndefault_ca = seed\n[seed]\ndatabase = %s\ndefault_md = sha256\ndefault_crl_days = 30\n' \
    "$dir/index.txt" >"$dir/v1.cnf"
  openssl ca -batch -config "$dir/v1.cnf" -gencrl -keyfile "$dir/ca.key" -cert "$dir/ca.pem" \
    -out "$dir/v1.pem" 2>/dev/null
  openssl crl -in "$dir/v1.pem" -outform DER -out seeds/crl/v1-empty.der
  cp "$dir/v1.cnf" "$dir/v2.cnf"
  printf 'crlnumber = %s\ncrl_extensions = crl_ext\n[crl_ext]\nauthorityKeyIdentifier = keyid\n' \
    "$dir/crlnumber" >>"$dir/v2.cnf"
  echo 07 >"$dir/crlnumber"
  openssl ca -batch -config "$dir/v2.cnf" -gencrl -keyfile "$dir/ca.key" -cert "$dir/ca.pem" \
    -out "$dir/v2.pem" 2>/dev/null
  openssl crl -in "$dir/v2.pem" -outform DER -out seeds/crl/v2-empty.der
  openssl ca -batch -config "$dir/v2.cnf" -revoke "$dir/leaf.pem" -crl_reason keyCompromise \
    -keyfile "$dir/ca.key" -cert "$dir/ca.pem" 2>/dev/null
  openssl ca -batch -config "$dir/v2.cnf" -gencrl -keyfile "$dir/ca.key" -cert "$dir/ca.pem" \
    -out "$dir/revoked.pem" 2>/dev/null
  openssl crl -in "$dir/revoked.pem" -outform DER -out seeds/crl/v2-revoked.der
  rm -rf "$dir"
}
if [ "${1:-}" = --crl-only ]; then
  rm -rf seeds/crl
  make_crl_seeds
  exit 0
fi
fixtures=../tests/fixtures
rm -rf seeds
mkdir -p seeds/options seeds/name seeds/certificate seeds/chain seeds/pkcs12 seeds/encrypted_key \
  seeds/pkcs12_password
legacy=(-provider legacy -provider default)

# --- name: text
i=0
while IFS= read -r line; do
  i=$((i + 1))
  printf '%s' "$line" >"seeds/name/text-$i.txt"
done <<'NAMES'
/C=US/ST=California/L=Mountain View/O=Acme, Inc./OU=IT/CN=api.acme.com
/CN=a\/b+O=Acme/emailAddress=admin@acme.com/
/DC=com/DC=example/UID=jdoe/serialNumber=1234/title=Dr/GN=Jane/SN=Doe
/2.5.4.3=dotted/1.2.840.113549.1.9.1=x@y.example
CN=api.acme.com,O=Acme\, Inc.,C=US
CN=\#hash\20space\ ,OU=a+OU=b,O=\"quoted\"
CN=Grüße München 日本,street=1 Main St,postalCode=12345
commonName=long names,organizationName=Acme,countryName=DE
CN=\C3\A9t\C3\A9,O=\3Cangle\3E\;semi
NAMES

# --- options
i=0
while IFS= read -r line; do
  i=$((i + 1))
  printf '%s' "$line" >"seeds/options/text-$i.txt"
done <<'OPTIONS'
DNS:api.acme.com,DNS:*.acme.com,IP:10.0.0.1,IP:2001:db8::1,email:admin@acme.com,URI:https://acme.com/x
dns:a.example,ip:::ffff:192.0.2.1,IP:2001:DB8:0:0:0:0:0:1
digitalSignature,keyEncipherment,nonRepudiation,keyCertSign,cRLSign,encipherOnly,decipherOnly
serverAuth,clientAuth,codeSigning,emailProtection,timeStamping,OCSPSigning,1.3.6.1.5.5.7.3.1
sha256
SHA-512
rsa:2048
ec:P-384
ed25519
2030-01-31T12:00:00Z
2030-01-31
@1830000000
OPTIONS
printf '\300\000\002\001' >seeds/options/ipv4.bin
printf ' \001\015\270\000\000\000\000\000\000\000\000\000\000\000\001' >seeds/options/ipv6.bin

# --- name: DER subjects, and certificates as DER
subject_of() {  # certificate.der -> its subject Name, the 4th SEQUENCE at depth 2 of the TBS
  local line offset header length
  line=$(openssl asn1parse -inform DER -in "$1" | grep 'd=2 ' | grep 'SEQUENCE' | sed -n 4p)
  offset=$(sed -E 's/^ *([0-9]+):.*/\1/' <<<"$line")
  header=$(sed -E 's/.*hl= *([0-9]+).*/\1/' <<<"$line")
  length=$(sed -E 's/.* l= *([0-9]+).*/\1/' <<<"$line")
  tail -c +"$((offset + 1))" "$1" | head -c "$((header + length))"
}
for cert in "$fixtures"/x509/*.cert.der; do
  subject_of "$cert" >"seeds/name/$(basename "$cert" .cert.der).der"
done
for pem in "$fixtures"/chains/*.pem; do
  name=$(basename "$pem" .pem)
  [ "$name" = bundle-shuffled ] && continue
  openssl x509 -in "$pem" -outform DER -out "seeds/certificate/$name.der"
  subject_of "seeds/certificate/$name.der" >"seeds/name/chain-$name.der"
done

# --- chain: DER certificates back to back
chain() {  # output certificate-names...
  local out=$1
  shift
  for name in "$@"; do cat "seeds/certificate/$name.der"; done >"seeds/chain/$out.der"
}
chain shuffled intermediate1 leaf root intermediate2
chain ordered leaf intermediate1 intermediate2 root
chain no-root leaf intermediate2 intermediate1
chain missing-link leaf intermediate1 root
chain expired leaf-expired intermediate2 intermediate1 root
chain not-ca issued-by-not-ca not-ca intermediate2 intermediate1 root
chain two-chains second-leaf second-intermediate root unrelated
chain duplicate leaf leaf intermediate2 intermediate1

# --- pkcs12: few iterations
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat "$fixtures"/x509/chain-intermediate.pem "$fixtures"/x509/chain-root.pem >"$work/chain.pem"
leaf=(-inkey "$fixtures/keys/ec-P-384.pkcs8.pem" -in "$fixtures/x509/chain-leaf.pem")
p12() {  # name password openssl-options...
  local name=$1 password=$2
  shift 2
  openssl pkcs12 -export -passout "pass:$password" "$@" -out "seeds/pkcs12/$name.p12"
}
pw=fixture-password
p12 modern "$pw" "${leaf[@]}" -iter 1
p12 modern-chain-name "$pw" "${leaf[@]}" -certfile "$work/chain.pem" -name 'Fixture Leaf ünï€' -iter 16
p12 legacy "$pw" "${leaf[@]}" -certfile "$work/chain.pem" -legacy -iter 2
p12 3des "$pw" "${leaf[@]}" -certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES -macalg sha1 -iter 1
p12 sha512-mac "$pw" "${leaf[@]}" -macalg sha512 -iter 3
p12 rc2-certs-aes-key "$pw" "${leaf[@]}" "${legacy[@]}" -certpbe PBE-SHA1-RC2-40 -iter 1
p12 nomac "$pw" "${leaf[@]}" -nomac -certpbe AES-256-CBC -iter 1
p12 plain "$pw" "${leaf[@]}" -certfile "$work/chain.pem" -keypbe NONE -certpbe NONE -iter 1
p12 empty-password "" "${leaf[@]}" -iter 1
p12 key-only "$pw" -inkey "$fixtures/keys/ec-P-384.pkcs8.pem" -nocerts -iter 1
p12 certs-only "$pw" -in "$fixtures/x509/chain-leaf.pem" -certfile "$work/chain.pem" -nokeys -iter 1
openssl x509 -inform DER -in "$fixtures/x509/rsa-2048.cert.der" -out "$work/rsa.pem"
p12 rsa-modern "$pw" -inkey "$fixtures/keys/rsa-2048.pkcs8.pem" -in "$work/rsa.pem" -name 'RSA fixture' -iter 1
p12 ed25519 "$pw" -inkey "$fixtures/keys/ed25519.pkcs8.pem" -nocerts -iter 1

# --- encrypted_key: few iterations, every scheme
encrypt() {  # stem scheme openssl-options...
  local stem=$1 scheme=$2
  shift 2
  openssl pkcs8 -topk8 -in "$fixtures/keys/$stem.pkcs8.pem" -passout pass:fixture-password "$@" \
    -outform DER -out "seeds/encrypted_key/$stem.$scheme.der"
}
for stem in ec-P-256 rsa-2048 ed25519; do
  encrypt "$stem" pbes2-aes256-sha256 -v2 aes-256-cbc -v2prf hmacWithSHA256 -iter 1
  encrypt "$stem" pbes2-aes128-sha1 -v2 aes-128-cbc -v2prf hmacWithSHA1 -iter 2
  encrypt "$stem" pbes2-aes192-sha512 -v2 aes-192-cbc -v2prf hmacWithSHA512 -iter 1
  encrypt "$stem" pbes2-des3-sha256 -v2 des3 -iter 1
  encrypt "$stem" pkcs12-3des -v1 PBE-SHA1-3DES -iter 1
  encrypt "$stem" pkcs12-rc2-40 "${legacy[@]}" -v1 PBE-SHA1-RC2-40 -iter 1
done

# --- pkcs12_password: length byte, password, file
with_password() {  # output password p12
  local length
  length=$(printf '%s' "$2" | wc -c)
  # shellcheck disable=SC2059 # the format is the octal escape of the length byte
  { printf "\\$(printf '%03o' "$length")"; printf '%s' "$2"; cat "$3"; } >"seeds/pkcs12_password/$1"
}
for file in seeds/pkcs12/*.p12; do
  name=$(basename "$file" .p12)
  case $name in
    empty-password) with_password "$name" '' "$file" ;;
    *) with_password "$name" fixture-password "$file" ;;
  esac
done
openssl pkcs12 -export -passout 'pass:pässwörd€' "${leaf[@]}" -iter 1 -out "$work/unicode.p12"
with_password unicode-password 'pässwörd€' "$work/unicode.p12"
# No password at all (0xFF), and a wrong one.
{ printf '\377'; cat seeds/pkcs12/nomac.p12; } >seeds/pkcs12_password/absent-password
with_password wrong-password wrong seeds/pkcs12/modern.p12
make_crl_seeds
echo "fuzz seeds written to $(pwd)/seeds"
