// Requests and certificates: every producer builds them, every consumer reads and verifies
// them and must find what was asked for; and across backends, the same request or
// certificate must be built byte for byte alike (polycert's contract) and read alike.
#include "case_tables.hpp"
#include <polycert/conformance/steps.hpp>

#include <polycert/conformance/semantic_diff.hpp>
#include <polycert/conformance/specimens.hpp>
#include <polycert/name.hpp>

namespace polycert::conformance {

namespace {

using steps::capable;
using steps::expect;

// What a reader must find in a request built from `request` with the key `spki`.
CsrInfo expected_csr(const CsrSpec& request, const Bytes& spki, const KeySpec& spec) {
  CsrInfo expected;
  expected.subject = request.subject;
  expected.subject_der = encode_name(request.subject);
  expected.public_key = spki;
  expected.key = spec;
  expected.extensions = request.extensions;
  expected.requested_extensions = encode_extensions(request.extensions, request.subject.empty());
  expected.challenge_password = request.challenge_password;
  expected.unstructured_name = request.unstructured_name;
  expected.signature_algorithm_oid =
      std::string(signature_algorithm_oid(spec.algorithm, request.digest));
  expected.signature_status = SignatureStatus::verifies;
  return expected;
}

// What a reader must find in a certificate issued from `spec`; the fields polycert does
// not prescribe (key identifiers' values, the list of every extension, the fingerprint)
// are taken from the reading.
CertificateInfo expected_certificate(const CertificateSpec& spec, const DistinguishedName& issuer,
                                     const Bytes& spki, const KeySpec& key,
                                     const CertificateInfo& reading) {
  CertificateInfo expected = reading;
  expected.subject = spec.subject;
  expected.issuer = issuer;
  expected.subject_der = encode_name(spec.subject);
  expected.issuer_der = encode_name(issuer);
  expected.serial = spec.serial;
  expected.not_before = spec.not_before;
  expected.not_after = spec.not_after;
  expected.public_key = spki;
  expected.key = key;
  expected.extensions = spec.extensions;
  expected.signature_algorithm_oid = std::string(signature_algorithm_oid(key.algorithm, spec.digest));
  return expected;
}

// RSA PKCS#1 v1.5 and Ed25519 signatures depend only on the key and the message, so two
// backends signing the same bytes with the same key must produce the same whole object.
bool signs_deterministically(const KeySpec& spec) { return spec.algorithm != KeyAlgorithm::ec; }

CaseResult csr_pair(Workspace& workspace, const std::string& producer, const std::string& consumer,
                    const KeySpec& spec) {
  const std::string name = to_string(spec);
  BackendKey made = backend_key(workspace, producer, spec);
  Provider& from = workspace.provider(producer);
  Provider& to = workspace.provider(consumer);
  const CsrSpec request = full_csr_spec();
  auto csr = capable(from, Operation::create_csr, name, producer + " building the request",
                     from.create_csr(*made.key, request));
  auto info = capable(to, Operation::read_csr, name, consumer + " reading " + producer + "'s request",
                      to.parse_csr(csr));
  expect(info.signature_status == SignatureStatus::verifies,
         consumer + " finds the signature of " + producer + "'s request invalid");
  CaseResult result;
  steps::judge_differences(diff_csr(expected_csr(request, made.spki, spec), info, "expected", consumer),
                           result.differences, consumer + " reading " + producer + "'s request");
  auto altered = capable(to, Operation::read_csr, name, consumer + " reading an altered request",
                         to.parse_csr(with_corrupt_signature(csr)));
  expect(altered.signature_status == SignatureStatus::does_not_verify,
         consumer + " accepts the signature of a request with one signature bit flipped");
  return result;
}

struct IssuedPair {
  Bytes ca, leaf;
  CertificateSpec ca_spec, leaf_spec;
};

// A CA certificate (self-signed) and a leaf it issued, both with `made`'s key.
IssuedPair issue_pair(Provider& provider, const BackendKey& made, const std::string& name) {
  IssuedPair issued;
  issued.ca_spec = ca_certificate_spec("Conformance CA " + name, 1);
  issued.leaf_spec = leaf_certificate_spec("leaf.example");
  const std::string who = std::string(provider.name());
  issued.ca = capable(provider, Operation::issue_certificate, name, who + " issuing a CA certificate",
                      provider.issue_certificate(issued.ca_spec, made.spki, *made.key, std::nullopt));
  issued.leaf = capable(provider, Operation::issue_certificate, name, who + " issuing a leaf",
                        provider.issue_certificate(issued.leaf_spec, made.spki, *made.key,
                                                   ByteView(issued.ca)));
  return issued;
}

CaseResult certificate_pair(Workspace& workspace, const std::string& producer,
                            const std::string& consumer, const KeySpec& spec) {
  const std::string name = to_string(spec);
  BackendKey made = backend_key(workspace, producer, spec);
  Provider& to = workspace.provider(consumer);
  const IssuedPair issued = issue_pair(workspace.provider(producer), made, name);
  const std::string reading = consumer + " reading " + producer + "'s ";
  auto ca = capable(to, Operation::read_certificate, name, reading + "CA certificate",
                    to.parse_certificate(issued.ca));
  auto leaf = capable(to, Operation::read_certificate, name, reading + "leaf",
                      to.parse_certificate(issued.leaf));
  CaseResult result;
  steps::judge_differences(
      diff_certificate(expected_certificate(issued.ca_spec, issued.ca_spec.subject, made.spki, spec, ca),
                       ca, "expected", consumer),
      result.differences, reading + "CA certificate");
  steps::judge_differences(
      diff_certificate(expected_certificate(issued.leaf_spec, issued.ca_spec.subject, made.spki, spec,
                                            leaf),
                       leaf, "expected", consumer),
      result.differences, reading + "leaf");
  expect(!ca.subject_key_id.empty(), producer + "'s CA certificate has no subjectKeyIdentifier");
  expect(leaf.authority_key_id == ca.subject_key_id,
         "the leaf's authorityKeyIdentifier is not the CA's subjectKeyIdentifier");
  capable(to, Operation::read_certificate, name, consumer + " verifying the CA's self-signature",
          to.verify_certificate_signature(issued.ca, issued.ca));
  capable(to, Operation::read_certificate, name, consumer + " verifying the leaf's signature",
          to.verify_certificate_signature(issued.leaf, issued.ca));
  auto altered = to.verify_certificate_signature(with_corrupt_signature(issued.leaf), issued.ca);
  expect(!altered && altered.error().code == ErrorCode::mismatch,
         consumer + " does not report a leaf with one signature bit flipped as a mismatch");
  return result;
}

// Every backend builds the same request with the same key (the first backend's): the
// signed parts must be identical (the whole requests too where signatures are
// deterministic), and each backend reads its own request alike.
CaseResult csr_built_alike(Workspace& workspace, const KeySpec& spec) {
  const std::string name = to_string(spec);
  const std::vector<std::string>& names = workspace.backends();
  const BackendKey reference_key =
      backend_key(workspace, first_backend_with(workspace, Operation::create_csr, spec), spec);
  const CsrSpec request = full_csr_spec();
  CaseResult result;
  std::optional<Bytes> first_part, first_request;
  std::optional<CsrInfo> first_info;
  std::string first;
  for (const std::string& backend : names) {
    Provider& provider = workspace.provider(backend);
    if (!provider.capabilities().supports(Operation::create_csr, name)) continue;
    result.took_part.push_back(backend);
    auto key = capable(provider, Operation::import_pkcs8, name, backend + " reading the key",
                       provider.import_private_key(reference_key.pkcs8));
    auto csr = capable(provider, Operation::create_csr, name, backend + " building the request",
                       provider.create_csr(*key, request));
    auto info = capable(provider, Operation::read_csr, name, backend + " reading its request",
                        provider.parse_csr(csr));
    const Bytes part = steps::require("the request's CertificationRequestInfo", signed_part(csr));
    if (!first_part) {
      first_part = part;
      first_request = csr;
      first_info = std::move(info);
      first = backend;
      continue;
    }
    steps::judge_differences(diff_csr(*first_info, info, first, backend), result.differences,
                             first + " and " + backend + " building one request");
    if (part != *first_part)
      steps::fail(first + " and " + backend +
                      " encode the same request differently (CertificationRequestInfo of " +
                      std::to_string(first_part->size()) + " and " + std::to_string(part.size()) +
                      " bytes): every backend must build the same bytes",
                  result.differences);
    if (signs_deterministically(spec) && csr != *first_request)
      steps::fail(first + " and " + backend + " sign the same request differently, though " +
                      name + " signatures are deterministic",
                  result.differences);
  }
  if (!first_part) steps::skip("no backend builds " + name + " requests");
  return result;
}

// The first backend's request, read by every backend: the readings must agree.
CaseResult csr_read_alike(Workspace& workspace, const KeySpec& spec) {
  const std::string name = to_string(spec);
  const std::vector<std::string>& names = workspace.backends();
  const std::string& maker = first_backend_with(workspace, Operation::create_csr, spec);
  const BackendKey made = backend_key(workspace, maker, spec);
  Provider& producer = workspace.provider(maker);
  auto csr = capable(producer, Operation::create_csr, name, maker + " building the request",
                     producer.create_csr(*made.key, full_csr_spec()));
  CaseResult result;
  std::optional<CsrInfo> first_info;
  std::string first;
  for (const std::string& backend : names) {
    Provider& provider = workspace.provider(backend);
    if (!provider.capabilities().supports(Operation::read_csr, name)) continue;
    result.took_part.push_back(backend);
    auto info = capable(provider, Operation::read_csr, name, backend + " reading the request",
                        provider.parse_csr(csr));
    if (!first_info) {
      first_info = std::move(info);
      first = backend;
      continue;
    }
    steps::judge_differences(diff_csr(*first_info, info, first, backend), result.differences,
                             first + " and " + backend + " reading one request");
  }
  return result;
}

// Every backend issues the same CA certificate and leaf with the same key: the TBS parts
// must be identical (the whole certificates too where signatures are deterministic), and
// their own readings agree.
CaseResult certificate_built_alike(Workspace& workspace, const KeySpec& spec) {
  const std::string name = to_string(spec);
  const std::vector<std::string>& names = workspace.backends();
  const BackendKey reference_key = backend_key(
      workspace, first_backend_with(workspace, Operation::issue_certificate, spec), spec);
  CaseResult result;
  std::optional<IssuedPair> first_pair;
  std::optional<CertificateInfo> first_leaf;
  std::string first;
  for (const std::string& backend : names) {
    Provider& provider = workspace.provider(backend);
    if (!provider.capabilities().supports(Operation::issue_certificate, name)) continue;
    result.took_part.push_back(backend);
    BackendKey key;
    key.key = capable(provider, Operation::import_pkcs8, name, backend + " reading the key",
                      provider.import_private_key(reference_key.pkcs8));
    key.spki = reference_key.spki;
    IssuedPair issued = issue_pair(provider, key, name);
    auto leaf = capable(provider, Operation::read_certificate, name, backend + " reading its leaf",
                        provider.parse_certificate(issued.leaf));
    if (!first_pair) {
      first_pair = std::move(issued);
      first_leaf = std::move(leaf);
      first = backend;
      continue;
    }
    steps::judge_differences(diff_certificate(*first_leaf, leaf, first, backend),
                             result.differences, first + " and " + backend + " issuing one leaf");
    for (auto [mine, theirs, what] : {std::tuple{&issued.ca, &first_pair->ca, "CA certificate"},
                                      std::tuple{&issued.leaf, &first_pair->leaf, "leaf"}}) {
      const Bytes part = steps::require("the TBSCertificate", signed_part(*mine));
      const Bytes their_part = steps::require("the TBSCertificate", signed_part(*theirs));
      if (part != their_part)
        steps::fail(first + " and " + backend + " encode the same " + what +
                        " differently: every backend must build the same TBSCertificate",
                    result.differences);
      if (signs_deterministically(spec) && *mine != *theirs)
        steps::fail(first + " and " + backend + " sign the same " + what + " differently, though " +
                        name + " signatures are deterministic",
                    result.differences);
    }
  }
  if (!first_pair) steps::skip("no backend issues " + name + " certificates");
  return result;
}

// The first backend's leaf, read by every backend: the readings must agree.
CaseResult certificate_read_alike(Workspace& workspace, const KeySpec& spec) {
  const std::string name = to_string(spec);
  const std::vector<std::string>& names = workspace.backends();
  const std::string& maker = first_backend_with(workspace, Operation::issue_certificate, spec);
  const BackendKey made = backend_key(workspace, maker, spec);
  const IssuedPair issued = issue_pair(workspace.provider(maker), made, name);
  CaseResult result;
  std::optional<CertificateInfo> first_info;
  std::string first;
  for (const std::string& backend : names) {
    Provider& provider = workspace.provider(backend);
    if (!provider.capabilities().supports(Operation::read_certificate, name)) continue;
    result.took_part.push_back(backend);
    auto info = capable(provider, Operation::read_certificate, name, backend + " reading the leaf",
                        provider.parse_certificate(issued.leaf));
    if (!first_info) {
      first_info = std::move(info);
      first = backend;
      continue;
    }
    steps::judge_differences(diff_certificate(*first_info, info, first, backend),
                             result.differences, first + " and " + backend + " reading one leaf");
  }
  return result;
}

}  // namespace

void add_x509_cases(std::vector<Case>& cases, const std::vector<std::string>& backends) {
  for (const char* area : {"csr", "certificate"}) {
    const bool csr = std::string_view(area) == "csr";
    for (const KeySpec& spec : kGeneratableKeySpecs) {
      const std::string name = to_string(spec);
      for (const std::string& producer : backends)
        for (const std::string& consumer : backends)
          cases.push_back(make_case(
              CaseKind::pairwise, area, csr ? "create-read" : "issue-read",
              csr ? "request built, read and verified" : "CA and leaf issued, read and verified",
              name, {producer, consumer}, pair_name(producer, consumer),
              [csr, producer, consumer, spec](Workspace& w) {
                return csr ? csr_pair(w, producer, consumer, spec)
                           : certificate_pair(w, producer, consumer, spec);
              }));
    }
    if (backends.size() < 2) continue;
    for (const KeySpec& spec : kGeneratableKeySpecs) {
      const std::string name = to_string(spec);
      cases.push_back(make_case(CaseKind::differential, area, "build",
                                csr ? "one request built by every backend"
                                    : "one certificate issued by every backend",
                                name, backends, "all", [csr, spec](Workspace& w) {
                                  return csr ? csr_built_alike(w, spec)
                                             : certificate_built_alike(w, spec);
                                }));
      cases.push_back(make_case(CaseKind::differential, area, "read",
                                csr ? "one request read by every backend"
                                    : "one certificate read by every backend",
                                name, backends, "all", [csr, spec](Workspace& w) {
                                  return csr ? csr_read_alike(w, spec)
                                             : certificate_read_alike(w, spec);
                                }));
    }
  }
}

}  // namespace polycert::conformance
