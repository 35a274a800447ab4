// Path validation, x509-limbo style: small PKIs that polycert builds itself, each with the
// verdict RFC 5280 (and RFC 6125/9525 for names) requires, against each library's own
// validator (Provider::validate_path). A library that departs from the RFC is a FAIL, made
// an XFAIL with its reason in known_gaps.cpp: that difference is what `verify --backends
// all` exists to show, so the report says it rather than hiding it.
//
// The certificates are encoded by core (x509_encoding.hpp), with extensions polycert's own
// issuance would never write (name constraints, an unknown critical extension, a wrong
// authorityKeyIdentifier), and signed by the backend under test (Provider::sign).
#include "case_tables.hpp"
#include <polycert/conformance/steps.hpp>

#include <polycert/crl.hpp>
#include <polycert/der.hpp>
#include <polycert/name.hpp>
#include <polycert/oid.hpp>
#include <polycert/path_validation.hpp>
#include <polycert/x509_encoding.hpp>
#include <polycert/x509_structure.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <optional>

namespace polycert::conformance {

namespace {

using steps::require;

constexpr std::int64_t kDay = 86400;
constexpr KeySpec kRootKey = KeySpec::ec(Curve::p256);
constexpr KeySpec kIntermediateKey = KeySpec::ec(Curve::p384);
constexpr KeySpec kLeafKey = KeySpec::rsa(2048);
constexpr KeySpec kOtherKey = KeySpec::ec(Curve::p521);  // a second key with a known name

std::int64_t now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Bytes to_bytes(const SecureBuffer& buffer) { return Bytes(buffer.begin(), buffer.end()); }

Bytes element(std::uint8_t tag, ByteView content) { return to_bytes(der::element(tag, content)); }

Bytes concat(std::initializer_list<ByteView> parts) {
  Bytes out;
  for (ByteView part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

DistinguishedName name_of(std::string_view text) {
  return require("the scenario's name " + std::string(text), parse_name(text));
}

// nameConstraints (RFC 5280 4.2.1.10), critical: [0] permitted and [1] excluded
// GeneralSubtrees, each base a GeneralName already encoded (its context tag included).
Extension name_constraints(const std::vector<Bytes>& permitted, const std::vector<Bytes>& excluded) {
  auto subtrees = [](std::uint8_t tag, const std::vector<Bytes>& bases) {
    Bytes list;
    for (const Bytes& base : bases) {
      const Bytes subtree = element(der::kSequence, base);
      list.insert(list.end(), subtree.begin(), subtree.end());
    }
    return bases.empty() ? Bytes{} : element(tag, list);
  };
  return {std::string(oid::kNameConstraints), true,
          element(der::kSequence, concat({subtrees(0xA0, permitted), subtrees(0xA1, excluded)}))};
}
Bytes dns_base(std::string_view name) { return element(0x82, as_bytes(name)); }
Bytes email_base(std::string_view domain) { return element(0x81, as_bytes(domain)); }
Bytes ip_base(Bytes address_and_mask) { return element(0x87, address_and_mask); }
Bytes directory_base(std::string_view name) { return element(0xA4, encode_name(name_of(name))); }

// An extension no library knows, marked critical (RFC 5280 4.2: a certificate with one
// must be refused).
Extension unknown_critical() {
  return {"1.3.6.1.4.1.55738.666.1", true, Bytes{0x05, 0x00}};
}

// One certificate of a scenario, before it is signed.
struct Draft {
  Draft(std::string subject_name, KeySpec key_spec, ExtensionSet typed)
      : subject(std::move(subject_name)), key(key_spec), extensions(std::move(typed)) {}
  std::string subject;
  KeySpec key;
  ExtensionSet extensions;
  std::vector<Extension> extra;           ///< raw extensions after the typed ones
  std::int64_t not_before = now() - kDay;
  std::int64_t not_after = now() + 365 * kDay;
  std::optional<Bytes> authority_key_id;  ///< instead of the issuer's subjectKeyIdentifier
};

ExtensionSet ca_extensions(std::optional<unsigned> path_length = std::nullopt) {
  ExtensionSet set;
  set.basic_constraints = BasicConstraints{true, path_length};
  set.key_usage = kKeyCertSign | kCrlSign;
  return set;
}

ExtensionSet leaf_extensions(std::string_view sans = "DNS:api.path.example") {
  ExtensionSet set;
  set.basic_constraints = BasicConstraints{false, std::nullopt};
  set.key_usage = kDigitalSignature;
  set.extended_key_usage = {std::string(oid::kServerAuth)};
  if (!sans.empty()) set.subject_alt_names = require("the scenario's SANs", parse_subject_alt_names(sans));
  return set;
}

// What a scenario builds with: the backend's keys of the run and its signature.
class Builder {
 public:
  Builder(Workspace& workspace, const std::string& backend)
      : workspace_(workspace), backend_(backend), provider_(workspace.provider(backend)) {}

  Provider& provider() { return provider_; }

  // A certificate for `draft`, signed by `issuer` (the issuer certificate's Draft and DER),
  // or self-signed when `issuer` is null.
  Bytes issue(const Draft& draft, const std::pair<const Draft*, const Bytes*>& issuer = {nullptr, nullptr}) {
    const BackendKey& subject_key = key(draft.key);
    const Draft& signer = issuer.first != nullptr ? *issuer.first : draft;
    const BackendKey& signer_key = key(signer.key);
    CertificateSpec spec;
    spec.subject = name_of(draft.subject);
    spec.serial = {0x10, static_cast<std::uint8_t>(++serial_)};
    spec.not_before = draft.not_before;
    spec.not_after = draft.not_after;
    TbsCertificateParts parts;
    parts.subject_spki = subject_key.spki;
    const Bytes issuer_name = encode_name(name_of(signer.subject));
    parts.issuer_name = issuer_name;
    const Bytes algorithm = signature_algorithm_identifier(signer.key.algorithm, Digest::sha256);
    parts.signature_algorithm = algorithm;
    parts.extensions = encode_extensions(draft.extensions, false);
    parts.extensions.insert(parts.extensions.end(), draft.extra.begin(), draft.extra.end());
    parts.extensions.push_back(subject_key_identifier_extension(key_id(subject_key.spki)));
    if (issuer.first != nullptr)
      parts.extensions.push_back(
          authority_key_identifier_extension(draft.authority_key_id.value_or(key_id(signer_key.spki))));
    const Bytes tbs = encode_tbs_certificate(spec, parts);
    auto signature = require(backend_ + " signing a scenario certificate",
                             provider_.sign(*signer_key.key, Digest::sha256, tbs));
    return encode_signed(tbs, algorithm, signature);
  }

  // A CRL of `issuer` listing `revoked`, valid from `this_update` to `next_update`.
  Bytes crl(const Draft& issuer, const Bytes& issuer_der, const std::vector<Bytes>& revoked,
            std::int64_t this_update = now() - kDay, std::int64_t next_update = now() + 30 * kDay) {
    CrlSpec spec;
    spec.this_update = this_update;
    spec.next_update = next_update;
    spec.number = {0x01};
    for (const Bytes& serial : revoked) spec.revoked.push_back({serial, false, this_update, std::nullopt});
    return require(backend_ + " issuing a scenario CRL",
                   provider_.issue_crl(spec, *key(issuer.key).key, issuer_der));
  }

 private:
  const BackendKey& key(const KeySpec& spec) {
    const std::string name = to_string(spec);
    auto found = keys_.find(name);
    if (found == keys_.end()) found = keys_.emplace(name, backend_key(workspace_, backend_, spec)).first;
    return found->second;
  }
  // Any stable identifier serves: the SHA-1 of the whole SubjectPublicKeyInfo.
  Bytes key_id(const Bytes& spki) {
    return to_bytes(require("the key identifier", provider_.digest(Hash::sha1, spki)));
  }

  Workspace& workspace_;
  std::string backend_;
  Provider& provider_;
  std::map<std::string, BackendKey> keys_;
  unsigned serial_ = 0;
};

Bytes serial_of(const Bytes& certificate) {
  auto structure = require("the scenario certificate", inspect_certificate(certificate));
  return read_serial(structure.serial).magnitude;
}

// The usual three: a root, an intermediate and a leaf for api.path.example. Scenarios
// change a draft before `build` signs them.
struct ThreeLevels {
  Draft root{"/C=US/O=Path Tests/CN=Limbo Root", kRootKey, ca_extensions()};
  Draft intermediate{"/C=US/O=Path Tests/CN=Limbo Intermediate", kIntermediateKey, ca_extensions()};
  Draft leaf{"/C=US/O=Path Tests/CN=api.path.example", kLeafKey, leaf_extensions()};
  Bytes root_der, intermediate_der, leaf_der;

  PathValidationRequest build(Builder& builder) {
    root_der = builder.issue(root);
    intermediate_der = builder.issue(intermediate, {&root, &root_der});
    leaf_der = builder.issue(leaf, {&intermediate, &intermediate_der});
    PathValidationRequest request;
    request.leaf = leaf_der;
    request.untrusted = {intermediate_der};
    request.trusted = {root_der};
    return request;
  }

  // Root -> intermediate -> `below`, a CA the intermediate issues -> leaf.
  PathValidationRequest build_with_ca_below(Builder& builder, const Draft& below) {
    root_der = builder.issue(root);
    intermediate_der = builder.issue(intermediate, {&root, &root_der});
    const Bytes below_der = builder.issue(below, {&intermediate, &intermediate_der});
    leaf_der = builder.issue(leaf, {&below, &below_der});
    PathValidationRequest request;
    request.leaf = leaf_der;
    request.untrusted = {below_der, intermediate_der};
    request.trusted = {root_der};
    return request;
  }
};

// One scenario: what it builds and the verdict the RFCs require (nullopt: valid).
struct Scenario {
  std::string_view slug;
  std::string_view description;  ///< what it checks, with the RFC section
  std::optional<PathCheck> refused;
  std::function<PathValidationRequest(Builder&)> build;
};

PathValidationRequest three_levels(Builder& builder, const std::function<void(ThreeLevels&)>& change) {
  ThreeLevels pki;
  change(pki);
  return pki.build(builder);
}

std::vector<Scenario> scenarios() {
  const auto with = [](std::function<void(ThreeLevels&)> change) {
    return [change](Builder& builder) { return three_levels(builder, change); };
  };
  // The usual three with CRLs the scenario issues once they exist, checked for the chain.
  const auto with_crls = [](std::function<std::vector<Bytes>(ThreeLevels&, Builder&)> crls) {
    return [crls](Builder& builder) {
      ThreeLevels pki;
      PathValidationRequest request = pki.build(builder);
      request.crls = crls(pki, builder);
      request.revocation = RevocationScope::chain;
      return request;
    };
  };
  const auto for_host = [](std::string_view sans, std::string host) {
    return [sans = std::string(sans), host](Builder& builder) {
      auto request = three_levels(builder, [&](ThreeLevels& pki) { pki.leaf.extensions = leaf_extensions(sans); });
      request.host = host;
      return request;
    };
  };
  const std::int64_t t = now();
  std::vector<Scenario> out = {
      {"valid-three-levels", "root, intermediate and leaf, all in order (RFC 5280 6.1)", std::nullopt,
       with([](ThreeLevels&) {})},
      {"leaf-expired", "the leaf expired (RFC 5280 6.1.3 a.2)", PathCheck::expired,
       with([t](ThreeLevels& p) { p.leaf.not_before = t - 30 * kDay; p.leaf.not_after = t - kDay; })},
      {"intermediate-expired", "the intermediate expired (RFC 5280 6.1.3 a.2)", PathCheck::expired,
       with([t](ThreeLevels& p) { p.intermediate.not_before = t - 30 * kDay; p.intermediate.not_after = t - kDay; })},
      {"leaf-not-yet-valid", "the leaf's notBefore is in the future (RFC 5280 6.1.3 a.2)", PathCheck::not_yet_valid,
       with([t](ThreeLevels& p) { p.leaf.not_before = t + 30 * kDay; })},
      {"intermediate-not-yet-valid", "the intermediate's notBefore is in the future (RFC 5280 6.1.3 a.2)",
       PathCheck::not_yet_valid, with([t](ThreeLevels& p) { p.intermediate.not_before = t + 30 * kDay; })},
      {"root-expired", "the trust anchor expired: RFC 5280 6.1 takes a trust anchor as a name and a key and "
                       "checks no validity of it", std::nullopt,
       with([t](ThreeLevels& p) { p.root.not_before = t - 30 * kDay; p.root.not_after = t - kDay; })},
      {"root-not-yet-valid", "the trust anchor's notBefore is in the future: RFC 5280 6.1 checks no validity of "
                             "the trust anchor", std::nullopt,
       with([t](ThreeLevels& p) { p.root.not_before = t + 30 * kDay; })},
      {"intermediate-without-basic-constraints", "the intermediate has no basicConstraints (RFC 5280 6.1.4 k)",
       PathCheck::not_a_ca, with([](ThreeLevels& p) { p.intermediate.extensions.basic_constraints.reset(); })},
      {"intermediate-not-ca", "the intermediate's basicConstraints cA is FALSE (RFC 5280 6.1.4 k)",
       PathCheck::not_a_ca,
       with([](ThreeLevels& p) { p.intermediate.extensions.basic_constraints = BasicConstraints{false, std::nullopt}; })},
      {"intermediate-without-key-cert-sign", "the intermediate's keyUsage lacks keyCertSign (RFC 5280 6.1.4 n)",
       PathCheck::key_usage,
       with([](ThreeLevels& p) { p.intermediate.extensions.key_usage = kDigitalSignature | kCrlSign; })},
      {"path-length-exceeded", "the intermediate's pathLenConstraint 0 allows no CA below it, and one is "
                               "there (RFC 5280 6.1.4 l, m)", PathCheck::path_length,
       [](Builder& builder) {
         ThreeLevels pki;
         pki.intermediate.extensions = ca_extensions(0);
         return pki.build_with_ca_below(builder, Draft{"/C=US/O=Path Tests/CN=Limbo Sub-CA", kOtherKey, ca_extensions()});
       }},
      {"leaf-critical-unknown-extension", "the leaf has an unknown critical extension (RFC 5280 4.2, 6.1.4 o)",
       PathCheck::critical_extension, with([](ThreeLevels& p) { p.leaf.extra.push_back(unknown_critical()); })},
      {"intermediate-critical-unknown-extension",
       "the intermediate has an unknown critical extension (RFC 5280 4.2, 6.1.4 o)", PathCheck::critical_extension,
       with([](ThreeLevels& p) { p.intermediate.extra.push_back(unknown_critical()); })},
      {"authority-key-id-mismatch",
       "the leaf's authorityKeyIdentifier is not the intermediate's key identifier, though its key signed it: RFC "
       "5280 uses the identifier to find issuers (4.2.1.1), not as a check of 6.1",
       std::nullopt, with([](ThreeLevels& p) { p.leaf.authority_key_id = Bytes(20, 0x42); })},
      {"name-constraints-permitted-dns", "the leaf's DNS name is inside the intermediate's permitted subtree "
                                         "(RFC 5280 4.2.1.10)", std::nullopt,
       with([](ThreeLevels& p) { p.intermediate.extra.push_back(name_constraints({dns_base("path.example")}, {})); })},
      {"name-constraints-outside-permitted-dns", "the leaf's DNS name is outside the permitted subtree "
                                                 "(RFC 5280 4.2.1.10)", PathCheck::name_constraints,
       with([](ThreeLevels& p) { p.intermediate.extra.push_back(name_constraints({dns_base("other.example")}, {})); })},
      {"name-constraints-excluded-dns", "the leaf's DNS name is in an excluded subtree (RFC 5280 4.2.1.10)",
       PathCheck::name_constraints,
       with([](ThreeLevels& p) { p.intermediate.extra.push_back(name_constraints({}, {dns_base("path.example")})); })},
      {"name-constraints-excluded-ip", "the leaf's IP address is in an excluded range (RFC 5280 4.2.1.10)",
       PathCheck::name_constraints, with([](ThreeLevels& p) {
         p.leaf.extensions = leaf_extensions("DNS:api.path.example,IP:192.0.2.10");
         p.intermediate.extra.push_back(name_constraints({}, {ip_base({192, 0, 2, 0, 255, 255, 255, 0})}));
       })},
      {"name-constraints-outside-permitted-email", "the leaf's email address is outside the permitted domain "
                                                   "(RFC 5280 4.2.1.10)", PathCheck::name_constraints,
       with([](ThreeLevels& p) {
         p.leaf.extensions = leaf_extensions("DNS:api.path.example,email:ops@elsewhere.example");
         p.intermediate.extra.push_back(
             name_constraints({dns_base("path.example"), email_base("path.example")}, {}));
       })},
      {"name-constraints-outside-permitted-dn", "the leaf's subject is outside the permitted directory name "
                                                "(RFC 5280 4.2.1.10)", PathCheck::name_constraints,
       with([](ThreeLevels& p) {
         p.intermediate.extra.push_back(name_constraints({directory_base("/C=US/O=Elsewhere")}, {}));
       })},
      {"two-issuers-with-one-name", "two certificates carry the intermediate's name, only one with the key that "
                                    "signed the leaf: the path builder must try both (RFC 4158)", std::nullopt,
       [](Builder& builder) {
         ThreeLevels pki;
         PathValidationRequest request = pki.build(builder);
         Draft impostor = pki.intermediate;
         impostor.key = kOtherKey;
         const Bytes impostor_der = builder.issue(impostor, {&pki.root, &pki.root_der});
         request.untrusted.insert(request.untrusted.begin(), impostor_der);
         return request;
       }},
      {"self-issued-intermediate", "a self-issued certificate (a key rollover) below an intermediate with "
                                   "pathLenConstraint 0 does not count against it (RFC 5280 6.1.4 l)", std::nullopt,
       [](Builder& builder) {
         ThreeLevels pki;
         pki.intermediate.extensions = ca_extensions(0);
         Draft rolled = pki.intermediate;  // same name, new key, signed by the old one
         rolled.key = kOtherKey;
         return pki.build_with_ca_below(builder, rolled);
       }},
      {"purpose-mismatch", "a serverAuth-only leaf validated for TLS clients (RFC 5280 4.2.1.12)",
       PathCheck::purpose, [](Builder& builder) {
         auto request = three_levels(builder, [](ThreeLevels&) {});
         request.purpose = Purpose::client;
         return request;
       }},
      {"host-exact", "the host is the leaf's DNS name (RFC 6125 6.4.1)", std::nullopt,
       for_host("DNS:api.path.example", "api.path.example")},
      {"host-wildcard-one-label", "*.path.example covers api.path.example (RFC 6125 6.4.3)", std::nullopt,
       for_host("DNS:*.path.example", "api.path.example")},
      {"host-wildcard-not-the-parent", "*.path.example does not cover path.example (RFC 6125 6.4.3)",
       PathCheck::host, for_host("DNS:*.path.example", "path.example")},
      {"host-wildcard-not-two-labels", "*.path.example does not cover x.api.path.example (RFC 6125 6.4.3)",
       PathCheck::host, for_host("DNS:*.path.example", "x.api.path.example")},
      {"host-partial-wildcard", "a partial wildcard (a*.path.example) matches nothing (RFC 9525 6.3)",
       PathCheck::host, [](Builder& builder) {
         // polycert's own SAN parser refuses to write such a name: put it in as it is.
         auto request = three_levels(builder, [](ThreeLevels& p) {
           p.leaf.extensions.subject_alt_names = {GeneralName{GeneralName::Kind::dns, "a*.path.example", {}}};
         });
         request.host = "api.path.example";
         return request;
       }},
      {"host-idna-a-label", "an IDNA A-label matches itself, case-insensitively (RFC 6125 6.4.2)", std::nullopt,
       for_host("DNS:xn--bcher-kva.path.example", "XN--BCHER-KVA.path.example")},
      {"host-no-cn-fallback", "the host is the CN of a leaf without subjectAltName: no match (RFC 9525 6.4.4)",
       PathCheck::host, [](Builder& builder) {
         auto request = three_levels(builder, [](ThreeLevels& p) { p.leaf.extensions = leaf_extensions(""); });
         request.host = "api.path.example";
         return request;
       }},
      {"ip-address-san", "the IP address is the leaf's iPAddress SAN (RFC 6125 6.4, RFC 5280 4.2.1.6)",
       std::nullopt, [](Builder& builder) {
         auto request = three_levels(builder, [](ThreeLevels& p) {
           p.leaf.extensions = leaf_extensions("DNS:api.path.example,IP:192.0.2.10");
         });
         request.ip = "192.0.2.10";
         return request;
       }},
      {"revoked-leaf", "the leaf is on its issuer's CRL (RFC 5280 6.3)", PathCheck::revoked,
       with_crls([](ThreeLevels& pki, Builder& builder) {
         return std::vector<Bytes>{builder.crl(pki.intermediate, pki.intermediate_der, {serial_of(pki.leaf_der)}),
                                   builder.crl(pki.root, pki.root_der, {})};
       })},
      {"revoked-intermediate", "the intermediate is on the root's CRL (RFC 5280 6.3)", PathCheck::revoked,
       with_crls([](ThreeLevels& pki, Builder& builder) {
         return std::vector<Bytes>{builder.crl(pki.intermediate, pki.intermediate_der, {}),
                                   builder.crl(pki.root, pki.root_der, {serial_of(pki.intermediate_der)})};
       })},
      {"crl-expired", "the leaf's CRL is past its nextUpdate (RFC 5280 6.3.3 a)", PathCheck::crl_invalid,
       with_crls([t](ThreeLevels& pki, Builder& builder) {
         return std::vector<Bytes>{builder.crl(pki.intermediate, pki.intermediate_der, {}, t - 10 * kDay, t - kDay),
                                   builder.crl(pki.root, pki.root_der, {})};
       })},
      {"crl-of-another-key", "the leaf's CRL has its issuer's name but another key signed it "
                             "(RFC 5280 6.3.3 f, g)", PathCheck::crl_invalid,
       with_crls([](ThreeLevels& pki, Builder& builder) {
         Draft impostor = pki.intermediate;
         impostor.key = kOtherKey;
         const Bytes impostor_der = builder.issue(impostor);
         return std::vector<Bytes>{builder.crl(impostor, impostor_der, {}), builder.crl(pki.root, pki.root_der, {})};
       })},
  };
  return out;
}

CaseResult run_scenario(Workspace& workspace, const std::string& backend, const Scenario& scenario) {
  Builder builder(workspace, backend);
  const PathValidationRequest request = scenario.build(builder);
  auto verdict = builder.provider().validate_path(request);
  if (!verdict && verdict.error().code == ErrorCode::unsupported) steps::skip(verdict.error().message);
  // Core found every certificate well-formed: a library that cannot read one refuses the
  // path, as a TLS peer on it would.
  PathVerdict answer;
  if (!verdict && verdict.error().code == ErrorCode::invalid_input) {
    answer.check = PathCheck::other;
    answer.library_code = "cannot read a certificate";
    answer.library_message = verdict.error().message;
  } else {
    answer = require(backend + " validating the path", std::move(verdict));
  }
  const std::string expected =
      scenario.refused ? "refused (" + std::string(to_string(*scenario.refused)) + ")" : std::string("valid");
  const std::string actual =
      answer.valid ? std::string("valid")
                   : "refused (" + std::string(to_string(answer.check)) + " at depth " +
                         std::to_string(answer.depth) + ": " + answer.library_code + ")";
  if (answer.valid != !scenario.refused.has_value())
    steps::fail(backend + " says " + actual + " where RFC says " + expected + ": " +
                std::string(scenario.description) +
                (answer.library_message.empty() ? "" : " [" + answer.library_message + "]"));
  CaseResult result;
  if (scenario.refused && answer.check != *scenario.refused)
    result.differences.push_back({"refusal", "expected", backend, std::string(to_string(*scenario.refused)),
                                  std::string(to_string(answer.check)) + " (" + answer.library_code + ")", false,
                                  "the library refuses the path, under another of its checks"});
  return result;
}

}  // namespace

void add_path_cases(std::vector<Case>& cases, const std::vector<std::string>& backends) {
  for (const Scenario& scenario : scenarios())
    for (const std::string& backend : backends)
      cases.push_back(make_case(CaseKind::single, "path", "validate", std::string(scenario.description),
                                std::string(scenario.slug), {backend}, backend,
                                [backend, scenario](Workspace& workspace) {
                                  return run_scenario(workspace, backend, scenario);
                                }));
}

}  // namespace polycert::conformance
