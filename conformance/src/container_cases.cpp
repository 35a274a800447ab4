// Containers across every pair: an encrypted PKCS#8 key, a PKCS#7 bundle and a PKCS#12
// file written by one backend (every KDF, cipher and MAC step in its library) and read,
// decrypted, verified and compared by another.
#include "case_tables.hpp"
#include <polycert/conformance/steps.hpp>

#include <polycert/conformance/specimens.hpp>
#include <polycert/encrypted_key.hpp>
#include <polycert/formats.hpp>
#include <polycert/pkcs12.hpp>

namespace polycert::conformance {

namespace {

using steps::capable;
using steps::expect;

// A password with non-ASCII characters: its UTF-8 (PBES2) and BMPString (PKCS#12) forms differ.
constexpr std::string_view kPassword = "conformance pässwörd";
const KeySpec kContainerKey{KeyAlgorithm::ec, 0, Curve::p256};

struct Scheme {
  std::string_view name;
  KeyEncryptionOptions options;
  std::string_view cipher;  ///< the capability row of its cipher
};

std::vector<Scheme> schemes() {
  KeyEncryptionOptions aes;  // PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC
  aes.iterations = 2048;     // enough to exercise the KDF loop, cheap enough for a quick run
  KeyEncryptionOptions des3 = aes;
  des3.cipher = Cipher::des_ede3_cbc;
  KeyEncryptionOptions pkcs12 = aes;
  pkcs12.scheme = KeyEncryption::Scheme::pkcs12_pbe;
  pkcs12.cipher = Cipher::des_ede3_cbc;
  return {{"pbes2-aes256-sha256", aes, "aes-256-cbc"},
          {"pbes2-des3-sha256", des3, "des-ede3-cbc"},
          {"pkcs12-3des-sha1", pkcs12, "des-ede3-cbc"}};
}

CaseResult encrypted_key_pair(Workspace& workspace, const std::string& producer,
                              const std::string& consumer, const Scheme& scheme) {
  BackendKey made = backend_key(workspace, producer, kContainerKey);
  Provider& from = workspace.provider(producer);
  Provider& to = workspace.provider(consumer);
  auto encrypted = capable(from, Operation::cipher, scheme.cipher, producer + " encrypting the key",
                           encrypt_private_key(from, made.pkcs8, as_bytes(kPassword), scheme.options));
  auto plain = capable(to, Operation::cipher, scheme.cipher, consumer + " decrypting the key",
                       decrypt_private_key(to, encrypted, as_bytes(kPassword)));
  expect(SecureBuffer(plain.begin(), plain.end()) == made.pkcs8,
         consumer + " decrypts " + producer + "'s key to other bytes");
  auto key = capable(to, Operation::import_pkcs8, to_string(kContainerKey),
                     consumer + " reading the decrypted key", to.import_private_key(plain));
  auto spki = capable(to, Operation::export_spki, to_string(kContainerKey),
                      consumer + " exporting the public key", to.export_public_key(*key));
  expect(spki == made.spki, consumer + " finds another key inside");
  auto wrong = decrypt_private_key(to, encrypted, as_bytes("not the password"));
  expect(!wrong && wrong.error().code == ErrorCode::bad_password,
         consumer + " does not report a wrong password as bad_password");
  return {};
}

// A CA and a leaf the producer issued, in a PKCS#7 bundle (core's codec): the consumer
// finds them in order, reads them and verifies the leaf against the CA.
CaseResult pkcs7_pair(Workspace& workspace, const std::string& producer, const std::string& consumer) {
  const std::string name = to_string(kContainerKey);
  BackendKey made = backend_key(workspace, producer, kContainerKey);
  Provider& from = workspace.provider(producer);
  Provider& to = workspace.provider(consumer);
  auto ca = capable(from, Operation::issue_certificate, name, producer + " issuing the CA",
                    from.issue_certificate(ca_certificate_spec("Bundle CA", 0), made.spki, *made.key,
                                           std::nullopt));
  auto leaf = capable(from, Operation::issue_certificate, name, producer + " issuing the leaf",
                      from.issue_certificate(leaf_certificate_spec("bundle.example"), made.spki,
                                             *made.key, ByteView(ca)));
  const Bytes bundle = write_pkcs7_certificates({leaf, ca});
  auto found = steps::require("reading the PKCS#7 bundle", read_pkcs7_certificates(bundle));
  expect(found.size() == 2 && found[0] == leaf && found[1] == ca,
         "the bundle does not give back the leaf and the CA, in that order");
  for (const Bytes& certificate : found)
    capable(to, Operation::read_certificate, name, consumer + " reading a bundled certificate",
            to.parse_certificate(certificate));
  capable(to, Operation::read_certificate, name, consumer + " verifying the bundled leaf",
          to.verify_certificate_signature(found[0], found[1]));
  return {};
}

CaseResult pkcs12_pair(Workspace& workspace, const std::string& producer, const std::string& consumer,
                       bool legacy) {
  const std::string name = to_string(kContainerKey);
  BackendKey made = backend_key(workspace, producer, kContainerKey);
  Provider& from = workspace.provider(producer);
  Provider& to = workspace.provider(consumer);
  const std::string_view cipher = legacy ? "des-ede3-cbc" : "aes-256-cbc";
  auto certificate = capable(
      from, Operation::issue_certificate, name, producer + " issuing the certificate",
      from.issue_certificate(ca_certificate_spec("PKCS#12 Test", std::nullopt), made.spki, *made.key,
                             std::nullopt));
  Pkcs12WriteOptions options;
  options.profile = legacy ? Pkcs12Profile::compat : Pkcs12Profile::modern;
  options.friendly_name = "conformance key";
  options.iterations = 2048;
  const std::vector<Bytes> certificates{certificate};
  auto file = capable(from, Operation::cipher, cipher, producer + " writing the PKCS#12 file",
                      write_pkcs12(from, ByteView(made.pkcs8), certificates, as_bytes(kPassword),
                                   options));
  std::vector<std::string> warnings;
  auto contents = capable(to, Operation::cipher, cipher, consumer + " reading the PKCS#12 file",
                          read_pkcs12(to, file, as_bytes(kPassword), &warnings));
  expect(contents.mac_present, consumer + " finds no MAC in " + producer + "'s file");
  expect(contents.key.has_value() && contents.key->pkcs8 == made.pkcs8,
         consumer + " finds another key (or none) in the file");
  expect(contents.certificates.size() == 1 && contents.certificates[0].der == certificate,
         consumer + " finds other certificates in the file");
  expect(contents.certificates[0].matches_key, "the certificate's localKeyId is not the key's");
  expect(contents.key->friendly_name == options.friendly_name, "the friendlyName is lost");
  auto key = capable(to, Operation::import_pkcs8, name, consumer + " reading the key",
                     to.import_private_key(contents.key->pkcs8));
  auto info = capable(to, Operation::read_certificate, name, consumer + " reading the certificate",
                      to.parse_certificate(certificate));
  auto spki = capable(to, Operation::export_spki, name, consumer + " exporting the public key",
                      to.export_public_key(*key));
  expect(spki == info.public_key, "the key and the certificate in the file do not belong together");
  auto wrong = read_pkcs12(to, file, as_bytes("not the password"), &warnings);
  expect(!wrong && wrong.error().code == ErrorCode::bad_password,
         consumer + " does not report a wrong password as bad_password");
  return {};
}

}  // namespace

void add_container_cases(std::vector<Case>& cases, const std::vector<std::string>& backends) {
  for (const Scheme& scheme : schemes())
    for (const std::string& producer : backends)
      for (const std::string& consumer : backends)
        cases.push_back(make_case(CaseKind::pairwise, "encrypted-key", "encrypt-decrypt",
                                  "PKCS#8 encrypted, decrypted, read", std::string(scheme.name),
                                  {producer, consumer}, pair_name(producer, consumer),
                                  [producer, consumer, scheme](Workspace& w) {
                                    return encrypted_key_pair(w, producer, consumer, scheme);
                                  }));
  for (const std::string& producer : backends)
    for (const std::string& consumer : backends)
      cases.push_back(make_case(CaseKind::pairwise, "pkcs7", "bundle", "bundle written, read, verified",
                                "leaf+ca", {producer, consumer}, pair_name(producer, consumer),
                                [producer, consumer](Workspace& w) {
                                  return pkcs7_pair(w, producer, consumer);
                                }));
  for (const bool legacy : {false, true})
    for (const std::string& producer : backends)
      for (const std::string& consumer : backends)
        cases.push_back(make_case(CaseKind::pairwise, "pkcs12", "write-read",
                                  "PKCS#12 written, read, matched",
                                  legacy ? "legacy-3des-sha1" : "pbes2-aes256-sha256",
                                  {producer, consumer}, pair_name(producer, consumer),
                                  [producer, consumer, legacy](Workspace& w) {
                                    return pkcs12_pair(w, producer, consumer, legacy);
                                  }));
}

}  // namespace polycert::conformance
