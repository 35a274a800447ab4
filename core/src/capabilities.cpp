#include <polycert/capabilities.hpp>

#include <algorithm>

namespace polycert {

std::string_view to_string(Operation operation) {
  switch (operation) {
    case Operation::generate_key: return "generate_key";
    case Operation::export_pkcs8: return "export_pkcs8";
    case Operation::export_traditional: return "export_traditional";
    case Operation::export_spki: return "export_spki";
    case Operation::import_pkcs8: return "import_pkcs8";
    case Operation::import_traditional: return "import_traditional";
    case Operation::import_spki: return "import_spki";
    case Operation::create_csr: return "create_csr";
    case Operation::read_csr: return "read_csr";
    case Operation::issue_certificate: return "issue_certificate";
    case Operation::read_certificate: return "read_certificate";
    case Operation::derive_key: return "derive_key";
    case Operation::cipher: return "cipher";
    case Operation::mac: return "mac";
    case Operation::digest: return "digest";
    case Operation::validate_path: return "validate_path";
    case Operation::sign_in_token: return "sign_in_token";
  }
  return "?";
}

std::string_view describe(Operation operation) {
  switch (operation) {
    case Operation::generate_key: return "generate key";
    case Operation::export_pkcs8: return "write PKCS#8 private key";
    case Operation::export_traditional: return "write traditional private key";
    case Operation::export_spki: return "write SubjectPublicKeyInfo";
    case Operation::import_pkcs8: return "read PKCS#8 private key";
    case Operation::import_traditional: return "read traditional private key";
    case Operation::import_spki: return "read SubjectPublicKeyInfo";
    case Operation::create_csr: return "sign a CSR";
    case Operation::read_csr: return "read and verify a CSR";
    case Operation::issue_certificate: return "sign a certificate";
    case Operation::read_certificate: return "read a certificate";
    case Operation::derive_key: return "password-based key derivation";
    case Operation::cipher: return "encrypt and decrypt (CBC)";
    case Operation::mac: return "HMAC";
    case Operation::digest: return "message digest";
    case Operation::validate_path: return "validate a path with";
    case Operation::sign_in_token: return "sign with a token key";
  }
  return "?";
}

bool operation_applies(Operation operation, const KeySpec& spec) {
  const bool traditional = operation == Operation::export_traditional ||
                           operation == Operation::import_traditional;
  return !(traditional && spec.algorithm == KeyAlgorithm::ed25519);
}

void Capabilities::add(Operation operation, std::string subject, bool supported,
                       std::string note) {
  rows_.push_back({operation, std::move(subject), supported, std::move(note)});
}

const Capability* Capabilities::find(Operation operation, std::string_view subject) const {
  auto it = std::ranges::find_if(rows_, [&](const Capability& row) {
    return row.operation == operation && row.subject == subject;
  });
  return it == rows_.end() ? nullptr : &*it;
}

bool Capabilities::supports(Operation operation, std::string_view subject) const {
  const Capability* row = find(operation, subject);
  return row != nullptr && row->supported;
}

Capabilities key_capabilities(
    const std::function<std::string(Operation, const KeySpec&)>& missing) {
  Capabilities caps;
  for (Operation operation : kKeySpecOperations) {
    for (const KeySpec& spec : kGeneratableKeySpecs) {
      if (!operation_applies(operation, spec)) continue;
      std::string why = missing(operation, spec);
      const bool supported = why.empty();
      caps.add(operation, to_string(spec), supported, std::move(why));
    }
  }
  for (const KeySpec& spec : kGeneratableKeySpecs) {
    const Capability* certificate = caps.find(Operation::issue_certificate, to_string(spec));
    const bool supported = certificate != nullptr && certificate->supported;
    caps.add(Operation::sign_in_token, to_string(spec), supported,
             supported ? std::string()
                       : "the library cannot check the token's signature" +
                             (certificate != nullptr ? ": " + certificate->note : std::string()));
  }
  // Reading a key larger than any generated: a library may hold numbers of fewer bits than
  // the largest key polycert reads (kLargestReadRsaKey).
  for (Operation operation : kLargeKeyReadOperations) {
    std::string why = missing(operation, kLargestReadRsaKey);
    const bool supported = why.empty();
    caps.add(operation, to_string(kLargestReadRsaKey), supported, std::move(why));
  }
  return caps;
}

const std::vector<PrimitiveRow> kPrimitiveRows = {
    {Operation::derive_key, "pbkdf2-hmac-sha1"},   {Operation::derive_key, "pbkdf2-hmac-sha256"},
    {Operation::derive_key, "pbkdf2-hmac-sha512"}, {Operation::derive_key, "pkcs12-kdf-sha1"},
    {Operation::derive_key, "pkcs12-kdf-sha256"},  {Operation::cipher, "aes-128-cbc"},
    {Operation::cipher, "aes-192-cbc"},            {Operation::cipher, "aes-256-cbc"},
    {Operation::cipher, "des-ede3-cbc"},           {Operation::cipher, "rc2-40-cbc"},
    {Operation::mac, "hmac-sha1"},                 {Operation::mac, "hmac-sha256"},
    {Operation::digest, "md5"},                    {Operation::digest, "sha256"},
};

void add_primitive_capabilities(
    Capabilities& caps, const std::function<std::string(Operation, std::string_view)>& missing) {
  for (const PrimitiveRow& row : kPrimitiveRows) {
    std::string why = missing(row.operation, row.subject);
    const bool supported = why.empty();
    caps.add(row.operation, std::string(row.subject), supported, std::move(why));
  }
}

void add_path_validation_capabilities(Capabilities& caps,
                                      const std::function<std::string(std::string_view)>& missing) {
  for (std::string_view check : kPathValidationChecks) {
    std::string why = missing(check);
    const bool supported = why.empty();
    caps.add(Operation::validate_path, std::string(check), supported, std::move(why));
  }
}

}  // namespace polycert
