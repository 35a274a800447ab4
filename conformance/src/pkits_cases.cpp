// NIST PKITS (Public Key Interoperability Test Suite), as Debian's
// python3-cryptography-vectors ships it: sections 4.1 to 4.7 (signatures, validity, name
// chaining, CRLs, self-issued certificates, basic constraints, key usage) and 4.13 (name
// constraints), each test run on each backend's own validator. The verdict each test
// expects comes from its name ("Valid...", "Invalid..."), as PKITS names them.
//
// Every test gets the trust anchor, the CA certificates named up its chain (inputs_for) and
// their CRLs, with revocation checked for the whole chain, as PKITS assumes. A library that departs from PKITS is a FAIL made an
// XFAIL in known_gaps.cpp with its reason.
#include "case_tables.hpp"
#include <polycert/conformance/steps.hpp>

#include <polycert/chain.hpp>
#include <polycert/crl.hpp>
#include <polycert/der.hpp>
#include <polycert/name.hpp>
#include <polycert/oid.hpp>
#include <polycert/path_validation.hpp>
#include <polycert/x509_structure.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>

namespace polycert::conformance {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kDebianPkits =
    "/usr/lib/python3/dist-packages/cryptography_vectors/x509/PKITS_data";

// Where the suite is: POLYCERT_PKITS_DIR, else Debian's python3-cryptography-vectors.
fs::path pkits_directory() {
  if (const char* set = std::getenv("POLYCERT_PKITS_DIR"); set != nullptr && *set != '\0') return set;
  return fs::path(kDebianPkits);
}

struct Section {
  std::string_view number, title;
  std::vector<std::string_view> markers;  ///< a test belongs here when its name contains one
};

// The sections run, and how their tests are named (PKITS 4.x).
const std::vector<Section>& sections() {
  static const std::vector<Section> all = {
      {"4.1", "signature verification",
       {"CertificatePathTest", "CASignature", "EESignature", "DSASignature", "DSAParameterInheritance"}},
      {"4.2", "validity periods", {"notBeforeDate", "notAfterDate"}},
      {"4.3", "name chaining",
       {"NameChaining", "NameUIDs", "RFC3280MandatoryAttributeTypes", "RFC3280OptionalAttributeTypes",
        "UTF8StringEncodedNames", "RolloverfromPrintableStringtoUTF8String", "UTF8StringCaseInsensitiveMatch"}},
      {"4.4", "basic certificate revocation",
       {"MissingCRL", "RevokedCA", "RevokedEE", "BadCRLSignature", "BadCRLIssuerName", "WrongCRL", "TwoCRLs",
        "UnknownCRLEntryExtension", "UnknownCRLExtension", "OldCRLnextUpdate", "pre2000CRLnextUpdate",
        "GeneralizedTimeCRLnextUpdate", "NegativeSerialNumber", "LongSerialNumber",
        "SeparateCertificateandCRLKeys"}},
      {"4.5", "self-issued certificates", {"BasicSelfIssued"}},
      {"4.6", "basic constraints", {"basicConstraints", "cAFalse", "pathLenConstraint"}},
      {"4.7", "key usage", {"keyUsage"}},
      {"4.13", "name constraints", {"nameConstraints"}},
  };
  return all;
}

const Section* section_of(std::string_view test) {
  for (const Section& section : sections())
    for (std::string_view marker : section.markers)
      if (test.find(marker) != std::string_view::npos) return &section;
  return nullptr;
}

Bytes read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A CA certificate of the suite, with what ordering the candidates needs.
struct Candidate {
  Bytes der;
  DistinguishedName subject, issuer;
};

std::optional<Candidate> candidate_of(Bytes der) {
  if (!der::check_strict_der(der)) return std::nullopt;
  auto structure = inspect_certificate(der);
  if (!structure) return std::nullopt;
  auto subject = decode_name(structure->subject);
  auto issuer = decode_name(structure->issuer);
  if (!subject || !issuer) return std::nullopt;
  return Candidate{std::move(der), std::move(*subject), std::move(*issuer)};
}

// The suite as read once per process: the anchor, the CA certificates and CRLs that core
// reads (the others are counted), and the end-entity certificates by test name.
struct Suite {
  bool found = false;
  Bytes anchor;
  DistinguishedName anchor_name;
  std::vector<Candidate> authorities;
  std::vector<std::pair<DistinguishedName, Bytes>> crls;  ///< by issuer
  std::map<std::string, Bytes> end_entities;
};

const Suite& suite() {
  static Suite loaded;
  static std::once_flag once;
  std::call_once(once, [] {
    const fs::path root = pkits_directory();
    std::error_code error;
    if (!fs::is_directory(root / "certs", error) || !fs::is_directory(root / "crls", error)) return;
    loaded.found = true;
    std::vector<fs::path> certificates, lists;
    for (const auto& entry : fs::directory_iterator(root / "certs", error)) certificates.push_back(entry.path());
    for (const auto& entry : fs::directory_iterator(root / "crls", error)) lists.push_back(entry.path());
    std::ranges::sort(certificates);
    std::ranges::sort(lists);
    for (const fs::path& path : certificates) {
      const std::string name = path.filename().string();
      Bytes der = read_file(path);
      if (name == "TrustAnchorRootCertificate.crt") {
        if (auto anchor = candidate_of(der)) loaded.anchor_name = anchor->subject;
        loaded.anchor = std::move(der);
      } else if (name.ends_with("EE.crt")) {
        loaded.end_entities.emplace(name.substr(0, name.size() - 6), std::move(der));
      } else if (auto candidate = candidate_of(std::move(der))) {
        loaded.authorities.push_back(std::move(*candidate));
      }
    }
    for (const fs::path& path : lists) {
      Bytes der = read_file(path);
      if (!der::check_strict_der(der)) continue;
      if (auto crl = inspect_crl(der)) loaded.crls.emplace_back(crl->issuer, std::move(der));
    }
  });
  return loaded;
}

// What one test is given: the CA certificates named, from the end entity up, as the issuer
// of one already taken (RFC 5280 name matching, so the name-chaining tests keep their
// spelling differences), leaf side first; and the CRLs of those CAs and of the anchor.
// A harness that handed every certificate of the suite to every test would have Mbed TLS
// refuse a path for a DSA certificate it cannot parse elsewhere in the suite.
struct TestInputs {
  std::vector<Bytes> untrusted, crls;
};

TestInputs inputs_for(const Suite& data, const Bytes& end_entity) {
  TestInputs out;
  auto leaf = candidate_of(end_entity);
  if (!leaf) return out;
  std::vector<DistinguishedName> wanted = {leaf->issuer};
  std::vector<DistinguishedName> issuers = {data.anchor_name};
  std::vector<bool> taken(data.authorities.size(), false);
  for (std::size_t next = 0; next < wanted.size() && next < 64; ++next) {
    if (names_match(wanted[next], data.anchor_name)) continue;
    for (std::size_t i = 0; i < data.authorities.size(); ++i) {
      if (taken[i] || !names_match(data.authorities[i].subject, wanted[next])) continue;
      taken[i] = true;
      out.untrusted.push_back(data.authorities[i].der);
      issuers.push_back(data.authorities[i].subject);
      wanted.push_back(data.authorities[i].issuer);
    }
  }
  for (const auto& [issuer, der] : data.crls)
    if (std::ranges::any_of(issuers, [&](const DistinguishedName& name) { return names_match(name, issuer); }))
      out.crls.push_back(der);
  return out;
}

// The candidates in the order of the path chain finds among them (then the rest), as
// `polycert verify` hands them over: Mbed TLS looks for an issuer only after its child.
std::vector<Bytes> in_path_order(Provider& provider, const Bytes& leaf, std::vector<Bytes> candidates) {
  std::vector<ChainInput> inputs = {{leaf, "end entity"}};
  for (const Bytes& der : candidates) inputs.push_back({der, "candidate"});
  ChainOptions options;
  options.at = std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch()).count();
  options.leaf = 0;
  auto chain = build_chain(provider, inputs, options);
  if (!chain) return candidates;
  std::vector<Bytes> ordered;
  for (std::size_t depth = 1; depth < chain->path.size(); ++depth) ordered.push_back(chain->path[depth].der);
  for (Bytes& der : candidates)
    if (std::ranges::find(ordered, der) == ordered.end()) ordered.push_back(std::move(der));
  return ordered;
}

CaseResult run_test(Workspace& workspace, const std::string& backend, const std::string& test) {
  const Suite& data = suite();
  PathValidationRequest request;
  request.leaf = data.end_entities.at(test);
  TestInputs inputs = inputs_for(data, request.leaf);
  request.untrusted = in_path_order(workspace.provider(backend), request.leaf, std::move(inputs.untrusted));
  request.trusted = {data.anchor};
  request.crls = std::move(inputs.crls);
  request.revocation = RevocationScope::chain;
  auto verdict = workspace.provider(backend).validate_path(request);
  if (!verdict && verdict.error().code == ErrorCode::unsupported) steps::skip(verdict.error().message);
  const bool expect_valid = test.starts_with("Valid");
  bool valid = false;
  std::string said;
  if (!verdict && verdict.error().code == ErrorCode::invalid_input) {
    said = "refused: cannot read the end entity (" + verdict.error().message + ")";
  } else {
    const PathVerdict answer = steps::require(backend + " validating " + test, std::move(verdict));
    valid = answer.valid;
    said = valid ? std::string("valid")
                 : "refused (" + std::string(to_string(answer.check)) + " at depth " +
                       std::to_string(answer.depth) + ": " + answer.library_code + " " + answer.library_message + ")";
  }
  if (valid != expect_valid)
    steps::fail(backend + " says " + said + "; PKITS expects " + (expect_valid ? "valid" : "invalid"));
  return {};
}

}  // namespace

void add_pkits_cases(std::vector<Case>& cases, const std::vector<std::string>& backends) {
  const Suite& data = suite();
  if (!data.found) return;  // not installed (docs/conformance.md says how to point at it)
  for (const auto& [test, der] : data.end_entities) {
    const Section* section = section_of(test);
    if (section == nullptr) continue;
    for (const std::string& backend : backends)
      cases.push_back(make_case(CaseKind::single, "pkits", std::string(section->number),
                                "PKITS " + std::string(section->number) + " " + std::string(section->title),
                                test, {backend}, backend, [backend, test = test](Workspace& workspace) {
                                  return run_test(workspace, backend, test);
                                }));
  }
}

}  // namespace polycert::conformance
