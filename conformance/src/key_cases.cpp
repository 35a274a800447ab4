// Keys: generation per backend; every producer's PKCS#8, traditional and SPKI encodings
// read by every consumer with the same public key; and how the backends' encodings of one
// key differ (key encoding disagreements are reported, cosmetic ones with a PASS).
#include "case_tables.hpp"
#include <polycert/conformance/steps.hpp>

#include <polycert/capabilities.hpp>
#include <polycert/conformance/semantic_diff.hpp>

namespace polycert::conformance {

using steps::capable;
using steps::expect;

std::string pair_name(const std::string& producer, const std::string& consumer) {
  return producer + "->" + consumer;
}

Case make_case(CaseKind kind, std::string area, std::string slug, std::string operation,
               std::string subject, std::vector<std::string> backends, std::string backends_slug,
               std::function<CaseResult(Workspace&)> run) {
  Case c;
  c.id = area + "/" + slug + "/" + subject + "/" + backends_slug;
  c.kind = kind;
  c.area = std::move(area);
  c.operation = std::move(operation);
  c.subject = std::move(subject);
  c.backends = std::move(backends);
  c.run = std::move(run);
  return c;
}

BackendKey backend_key(Workspace& workspace, const std::string& backend, const KeySpec& spec) {
  Provider& provider = workspace.provider(backend);
  const std::string name = to_string(spec);
  const Operation source =
      builtin_rsa_key(spec) != nullptr ? Operation::import_pkcs8 : Operation::generate_key;
  BackendKey made;
  made.pkcs8 = capable(provider, source, name, backend + " making its " + name + " key",
                       workspace.key(backend, spec));
  made.key = capable(provider, Operation::import_pkcs8, name, backend + " reading its own key",
                     provider.import_private_key(made.pkcs8));
  made.spki = capable(provider, Operation::export_spki, name, backend + " exporting its public key",
                      provider.export_public_key(*made.key));
  return made;
}

const std::string& first_backend_with(Workspace& workspace, Operation operation,
                                      const KeySpec& spec) {
  for (const std::string& backend : workspace.backends())
    if (workspace.provider(backend).capabilities().supports(operation, spec)) return backend;
  steps::skip("no backend of this run can " + std::string(describe(operation)) + " " +
              to_string(spec));
}

namespace {

std::string spec_name(const KeySpec& spec) { return to_string(spec); }

// One backend generates a key of `spec` (once per run: the workspace keeps it): it reads
// the key back as that spec, and its PKCS#8 round trip keeps the public key.
CaseResult generate(Workspace& workspace, const std::string& backend, const KeySpec& spec) {
  Provider& provider = workspace.provider(backend);
  const std::string name = spec_name(spec);
  auto generated = capable(provider, Operation::generate_key, name, "generating a key",
                           workspace.generated_key(backend, spec));
  auto key = capable(provider, Operation::import_pkcs8, name, "reading the generated key",
                     provider.import_private_key(generated));
  expect(key->spec() == spec, "the generated key reports " + to_string(key->spec()));
  auto spki = capable(provider, Operation::export_spki, name, "exporting the public key",
                      provider.export_public_key(*key));
  auto pkcs8 = capable(provider, Operation::export_pkcs8, name, "exporting PKCS#8",
                       provider.export_private_key(*key, PrivateKeyEncoding::pkcs8));
  auto again = capable(provider, Operation::import_pkcs8, name, "reading the PKCS#8 back",
                       provider.import_private_key(pkcs8));
  auto spki_again = capable(provider, Operation::export_spki, name, "exporting the public key",
                            provider.export_public_key(*again));
  expect(spki_again == spki, "the key read back has another public key");
  return {};
}

// `producer` exports its key as `encoding`; `consumer` reads it and finds the same key.
CaseResult private_key_pair(Workspace& workspace, const std::string& producer,
                            const std::string& consumer, const KeySpec& spec,
                            PrivateKeyEncoding encoding) {
  const std::string name = spec_name(spec);
  const bool pkcs8 = encoding == PrivateKeyEncoding::pkcs8;
  BackendKey made = backend_key(workspace, producer, spec);
  Provider& from = workspace.provider(producer);
  Provider& to = workspace.provider(consumer);
  auto der = capable(from, pkcs8 ? Operation::export_pkcs8 : Operation::export_traditional, name,
                     producer + " exporting", from.export_private_key(*made.key, encoding));
  auto read = capable(to, pkcs8 ? Operation::import_pkcs8 : Operation::import_traditional, name,
                      consumer + " reading " + producer + "'s key", to.import_private_key(der));
  expect((*read).spec() == spec, consumer + " reads the key as " + to_string(read->spec()));
  auto spki = capable(to, Operation::export_spki, name, consumer + " exporting the public key",
                      to.export_public_key(*read));
  expect(spki == made.spki, consumer + " derives another public key from " + producer + "'s key");

  CaseResult result;
  if (pkcs8) {
    // How the consumer would write the same key: differences here are encoding choices.
    auto rewritten = capable(to, Operation::export_pkcs8, name, consumer + " exporting PKCS#8",
                             to.export_private_key(*read, PrivateKeyEncoding::pkcs8));
    steps::judge_differences(diff_private_key_encoding(der, rewritten, producer, consumer),
                             result.differences, "PKCS#8 of one key");
  }
  return result;
}

// `consumer` reads `producer`'s SubjectPublicKeyInfo and writes it back byte for byte.
CaseResult public_key_pair(Workspace& workspace, const std::string& producer,
                           const std::string& consumer, const KeySpec& spec) {
  const std::string name = spec_name(spec);
  BackendKey made = backend_key(workspace, producer, spec);
  Provider& to = workspace.provider(consumer);
  auto read = capable(to, Operation::import_spki, name, consumer + " reading the public key",
                      to.import_public_key(made.spki));
  expect(read->spec() == spec, consumer + " reads the public key as " + to_string(read->spec()));
  auto again = capable(to, Operation::export_spki, name, consumer + " writing the public key",
                       to.export_public_key(*read));
  expect(again == made.spki, consumer + " writes " + producer + "'s public key differently");
  return {};
}

// One key (the first backend's), exported as PKCS#8 by every backend: how the encodings
// differ. The private values must not.
CaseResult encodings_of_one_key(Workspace& workspace, const KeySpec& spec) {
  const std::string name = spec_name(spec);
  const std::string& reference_backend =
      first_backend_with(workspace, Operation::export_pkcs8, spec);
  const SecureBuffer reference = backend_key(workspace, reference_backend, spec).pkcs8;
  CaseResult result;
  result.took_part = {reference_backend};
  for (const std::string& backend : workspace.backends()) {
    Provider& provider = workspace.provider(backend);
    if (backend == reference_backend ||
        !provider.capabilities().supports(Operation::import_pkcs8, name) ||
        !provider.capabilities().supports(Operation::export_pkcs8, name))
      continue;
    auto key = capable(provider, Operation::import_pkcs8, name, backend + " reading the key",
                       provider.import_private_key(reference));
    auto der = capable(provider, Operation::export_pkcs8, name, backend + " writing the key",
                       provider.export_private_key(*key, PrivateKeyEncoding::pkcs8));
    steps::judge_differences(diff_private_key_encoding(reference, der, reference_backend, backend),
                             result.differences, "PKCS#8 of one key");
    result.took_part.push_back(backend);
  }
  if (result.took_part.size() == 1) steps::skip("only " + reference_backend + " reads and writes " + name + " PKCS#8");
  return result;
}

}  // namespace

void add_key_cases(std::vector<Case>& cases, const std::vector<std::string>& backends) {
  for (const KeySpec& spec : kGeneratableKeySpecs) {
    const std::string name = spec_name(spec);
    for (const std::string& backend : backends)
      cases.push_back(make_case(CaseKind::single, "keys", "generate", "generate", name, {backend},
                                backend, [backend, spec](Workspace& w) {
                                  return generate(w, backend, spec);
                                }));
  }
  for (const KeySpec& spec : kGeneratableKeySpecs) {
    const std::string name = spec_name(spec);
    for (const std::string& producer : backends) {
      for (const std::string& consumer : backends) {
        const std::string pair = pair_name(producer, consumer);
        cases.push_back(make_case(
            CaseKind::pairwise, "keys", "pkcs8", "PKCS#8 written, read", name,
            {producer, consumer}, pair, [producer, consumer, spec](Workspace& w) {
              return private_key_pair(w, producer, consumer, spec, PrivateKeyEncoding::pkcs8);
            }));
        if (operation_applies(Operation::export_traditional, spec))
          cases.push_back(make_case(
              CaseKind::pairwise, "keys", "traditional", "PKCS#1/SEC1 written, read", name,
              {producer, consumer}, pair, [producer, consumer, spec](Workspace& w) {
                return private_key_pair(w, producer, consumer, spec,
                                        PrivateKeyEncoding::traditional);
              }));
        cases.push_back(make_case(CaseKind::pairwise, "keys", "spki", "SPKI written, read", name,
                                  {producer, consumer}, pair,
                                  [producer, consumer, spec](Workspace& w) {
                                    return public_key_pair(w, producer, consumer, spec);
                                  }));
      }
    }
  }
  if (backends.size() > 1)
    for (const KeySpec& spec : kGeneratableKeySpecs)
      cases.push_back(make_case(CaseKind::differential, "keys", "pkcs8-encoding",
                                "one key's PKCS#8 from every backend", spec_name(spec), backends,
                                "all", [spec](Workspace& w) { return encodings_of_one_key(w, spec); }));
}

}  // namespace polycert::conformance
