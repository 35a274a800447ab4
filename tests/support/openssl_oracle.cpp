#include "openssl_oracle.hpp"

#include "process.hpp"
#include "temp_dir.hpp"

#include <polycert/pem.hpp>

#include <regex>

namespace polycert::testing {

namespace {

// Reads the key type and size from the first lines of `openssl pkey -text`:
// "Private-Key: (2048 bit, 2 primes)", "Public-Key: (256 bit)" + "NIST CURVE: P-256",
// "ED25519 Private-Key:" / "ED25519 Public-Key:".
std::optional<KeySpec> spec_from_text(const std::string& text) {
  if (text.find("ED25519 ") != std::string::npos) return KeySpec::ed25519();
  std::smatch match;
  if (std::regex_search(text, match, std::regex("NIST CURVE: (P-[0-9]+)"))) {
    const std::string curve = match[1];
    if (curve == "P-256") return KeySpec::ec(Curve::p256);
    if (curve == "P-384") return KeySpec::ec(Curve::p384);
    if (curve == "P-521") return KeySpec::ec(Curve::p521);
    return std::nullopt;
  }
  if (std::regex_search(text, match, std::regex("(Private|Public)-Key: \\(([0-9]+) bit")) &&
      text.find("odulus:") != std::string::npos)
    return KeySpec::rsa(static_cast<unsigned>(std::stoul(match[2])));
  return std::nullopt;
}

}  // namespace

OracleKeyVerdict openssl_check_private_key(ByteView der) {
  TempDir dir;
  const std::string key = dir.write("key.der", der);
  OracleKeyVerdict verdict;
  const auto check = run_process({"openssl", "pkey", "-inform", "DER", "-in", key, "-check", "-noout"});
  verdict.accepted = check.exit_code == 0;
  verdict.diagnostics = check.out + check.err;
  if (!verdict.accepted) return verdict;
  const auto text = run_process({"openssl", "pkey", "-inform", "DER", "-in", key, "-noout", "-text"});
  verdict.spec = spec_from_text(text.out);
  const std::string spki = dir.file("spki.der");
  const auto pub = run_process({"openssl", "pkey", "-inform", "DER", "-in", key, "-pubout",
                                "-outform", "DER", "-out", spki});
  if (pub.exit_code == 0) verdict.spki = read_bytes(spki);
  return verdict;
}

std::optional<KeySpec> openssl_public_key_spec(ByteView spki) {
  TempDir dir;
  const std::string file = dir.write("spki.der", spki);
  const auto text = run_process({"openssl", "pkey", "-pubin", "-inform", "DER", "-in", file,
                                 "-noout", "-text"});
  if (text.exit_code != 0) return std::nullopt;
  return spec_from_text(text.out);
}

namespace {

OracleVerdict verdict_of(const ProcessResult& result) {
  return {result.exit_code == 0, result.out + result.err};
}

// Every object of `ders` as a PEM block of `label`, one after the other.
SecureBuffer pem_bundle(std::string_view label, const std::vector<Bytes>& ders) {
  SecureBuffer bundle;
  for (const Bytes& der : ders) {
    const SecureBuffer pem = pem_encode(label, der);
    bundle.insert(bundle.end(), pem.begin(), pem.end());
  }
  return bundle;
}

std::string write_pem(const TempDir& dir, const std::string& name, ByteView der) {
  return dir.write(name, pem_encode("CERTIFICATE", der));
}

}  // namespace

OracleVerdict openssl_verify_csr(ByteView der) {
  TempDir dir;
  const std::string file = dir.write("request.der", der);
  return verdict_of(run_process(
      {"openssl", "req", "-inform", "DER", "-in", file, "-verify", "-noout", "-text"}));
}

OracleVerdict openssl_certificate_text(ByteView der) {
  TempDir dir;
  const std::string file = dir.write("certificate.der", der);
  return verdict_of(
      run_process({"openssl", "x509", "-inform", "DER", "-in", file, "-noout", "-text"}));
}

OracleVerdict openssl_verify_chain(ByteView root, const std::vector<Bytes>& intermediates,
                                   ByteView leaf) {
  TempDir dir;
  std::vector<std::string> argv = {"openssl", "verify", "-x509_strict", "-CAfile",
                                   write_pem(dir, "root.pem", root)};
  if (!intermediates.empty()) {
    argv.push_back("-untrusted");
    argv.push_back(dir.write("intermediates.pem", pem_bundle("CERTIFICATE", intermediates)));
  }
  argv.push_back(write_pem(dir, "leaf.pem", leaf));
  return verdict_of(run_process(argv));
}

OracleVerdict openssl_verify_crl(ByteView crl, ByteView issuer) {
  TempDir dir;
  const std::string file = dir.write("list.crl", crl);
  OracleVerdict verdict = verdict_of(run_process({"openssl", "crl", "-inform", "DER", "-in", file,
                                                  "-CAfile", write_pem(dir, "issuer.pem", issuer),
                                                  "-noout", "-text"}));
  verdict.accepted = verdict.accepted && verdict.output.find("verify OK") != std::string::npos;
  return verdict;
}

OracleVerdict openssl_verify_with_crls(ByteView root, const std::vector<Bytes>& intermediates,
                                       ByteView leaf, const std::vector<Bytes>& crls,
                                       bool whole_chain) {
  TempDir dir;
  std::vector<std::string> argv = {"openssl", "verify", whole_chain ? "-crl_check_all" : "-crl_check",
                                   "-CRLfile", dir.write("lists.pem", pem_bundle("X509 CRL", crls)),
                                   "-CAfile", write_pem(dir, "root.pem", root)};
  if (!intermediates.empty()) {
    argv.push_back("-untrusted");
    argv.push_back(dir.write("intermediates.pem", pem_bundle("CERTIFICATE", intermediates)));
  }
  argv.push_back(write_pem(dir, "leaf.pem", leaf));
  return verdict_of(run_process(argv));
}

}  // namespace polycert::testing
