// The parts of the built-in case table, one file per area; builtin_cases() calls them in
// table order. Internal to the conformance library.
#pragma once

#include <polycert/conformance/cases.hpp>

#include <string>
#include <vector>

namespace polycert::conformance {

/// Known answers for every primitive row (primitive_cases.cpp).
void add_primitive_cases(std::vector<Case>& cases, const std::vector<std::string>& backends);
/// Key generation per backend; PKCS#8, traditional and SPKI across every pair; one key's
/// encodings compared across backends (key_cases.cpp).
void add_key_cases(std::vector<Case>& cases, const std::vector<std::string>& backends);
/// Requests and certificates: made by every producer, read and verified by every consumer;
/// the same request/certificate built and read by every backend (x509_cases.cpp).
void add_x509_cases(std::vector<Case>& cases, const std::vector<std::string>& backends);
/// Encrypted keys, PKCS#7 and PKCS#12 across every pair (container_cases.cpp).
void add_container_cases(std::vector<Case>& cases, const std::vector<std::string>& backends);

/// Path validation scenarios, x509-limbo style, each with the verdict the RFCs require,
/// against each backend's own validator (path_cases.cpp).
void add_path_cases(std::vector<Case>& cases, const std::vector<std::string>& backends);

/// NIST PKITS sections 4.1 to 4.7 and 4.13 on each backend, when the suite is installed
/// (python3-cryptography-vectors, or POLYCERT_PKITS_DIR) (pkits_cases.cpp).
void add_pkits_cases(std::vector<Case>& cases, const std::vector<std::string>& backends);

/// "openssl->botan".
std::string pair_name(const std::string& producer, const std::string& consumer);

}  // namespace polycert::conformance

namespace polycert::conformance {

/// A backend's key for a spec in this run, imported into that backend, with its public key.
struct BackendKey {
  std::unique_ptr<PrivateKey> key;
  SecureBuffer pkcs8;  ///< as the backend exported it
  Bytes spki;          ///< as the backend exported it
};

/// The workspace's key of `backend` for `spec`, each step judged against the matrix
/// (generate_key, or import_pkcs8 for the built-in RSA keys; export_spki).
BackendKey backend_key(Workspace& workspace, const std::string& backend, const KeySpec& spec);

/// The first backend of the workspace whose matrix claims `operation` for `spec`: the one
/// that makes a differential case's input. Ends the case with SKIP when none does.
const std::string& first_backend_with(Workspace& workspace, Operation operation, const KeySpec& spec);

/// A case of `kind` whose id is area/operation-slug/subject/backends-slug.
Case make_case(CaseKind kind, std::string area, std::string slug, std::string operation,
               std::string subject, std::vector<std::string> backends, std::string backends_slug,
               std::function<CaseResult(Workspace&)> run);

}  // namespace polycert::conformance
