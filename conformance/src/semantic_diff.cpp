// The semantic diff behind `polycert conformance`: two readings of one name, request or
// certificate compared by meaning (names: semantic_diff_names.cpp; private keys:
// semantic_diff_private_keys.cpp). Every Difference says what differs, as
// each side has it, whether a verifier could see it, and why, in one sentence.
//
// Output order follows the structures (subject, issuer, serial, validity, key, extensions
// in the order the left side encodes them, signature), so two runs print the same lines.
// Secrets are compared, never printed: a challengePassword is "present"/"absent"/
// "differs", a private key's values are "differs" with their lengths.
#include <polycert/conformance/semantic_diff.hpp>

#include "semantic_diff_support.hpp"

#include <polycert/der.hpp>
#include <polycert/key_syntax.hpp>
#include <polycert/oid.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/name.hpp>
#include <polycert/x509.hpp>

#include <algorithm>
#include <bit>
#include <optional>
#include <string_view>
#include <utility>

namespace polycert::conformance {

using namespace diff_support;

namespace {

// The DER of two names that read the same (every RDN, value and string type) but differ.
void diff_name_encoding(Differences& out, const std::string& field, const DistinguishedName& left,
                        const DistinguishedName& right, ByteView left_der, ByteView right_der) {
  if (left != right || same_bytes(left_der, right_der)) return;
  out.add(field + ": encoding", bytes_text(left_der), bytes_text(right_der), false,
          "both encodings read as the same name, value and string type alike, so RFC 5280 "
          "verifiers match them; only byte comparisons see a difference");
}

// ---------------------------------------------------------------- public keys

struct Spki {
  std::string algorithm_oid;
  std::optional<ByteView> parameters;  // the whole element, if present
  ByteView bits;                       // the BIT STRING content, unused-bits octet first
};

Result<Spki> read_spki(ByteView der) {
  auto info = key_syntax::read_subject_public_key_info(der);
  if (!info) return std::unexpected(info.error());
  Spki spki{info->algorithm.oid, std::nullopt, info->public_key.content};
  if (info->algorithm.parameters) spki.parameters = info->algorithm.parameters->whole;
  return spki;
}

// Why two public key parameter encodings matter, by algorithm.
std::string public_parameters_why(std::string_view algorithm, const std::string& left,
                                  const std::string& right) {
  if (algorithm == oid::kRsaEncryption)
    return "RFC 3279 2.3.1 requires NULL parameters for rsaEncryption, and strict verifiers "
           "refuse a key whose parameters are absent";
  if (algorithm == oid::kEcPublicKey) {
    if (left.starts_with("namedCurve") && right.starts_with("namedCurve"))
      return "the keys are on different curves, so they are different keys";
    return "RFC 5480 requires a named curve, and verifiers (polycert among them) refuse explicit "
           "or missing curve parameters";
  }
  if (algorithm == oid::kEd25519)
    return "RFC 8410 requires the parameters to be absent, and strict verifiers refuse others";
  return "the key's algorithm parameters differ, and verifiers read the key with them";
}

// An EC point's form: the same point compressed on one side and uncompressed on the other.
bool same_point_other_form(ByteView a, ByteView b) {
  if (a.size() < 2 || b.size() < 2) return false;
  const ByteView pa = a.subspan(1), pb = b.subspan(1);  // past the unused-bits octet
  const ByteView& compressed = pa.size() < pb.size() ? pa : pb;
  const ByteView& full = pa.size() < pb.size() ? pb : pa;
  if ((compressed[0] != 0x02 && compressed[0] != 0x03) || full[0] != 0x04) return false;
  const std::size_t size = compressed.size() - 1;
  if (full.size() != 1 + 2 * size) return false;
  if (!same_bytes(compressed.subspan(1), full.subspan(1, size))) return false;
  const bool odd = (full.back() & 1) != 0;
  return odd == (compressed[0] == 0x03);
}

std::string point_form(ByteView bits) {
  if (bits.size() < 2) return bytes_text(bits);
  const std::string size = plural(bits.size() - 1, "byte");
  if (bits[1] == 0x04) return "uncompressed (" + size + ")";
  return "compressed (" + size + ")";
}

void diff_public_key(Differences& out, ByteView left_spki, const KeySpec& left_key,
                     ByteView right_spki, const KeySpec& right_key) {
  if (!same_bytes(left_spki, right_spki)) {
    auto l = read_spki(left_spki);
    auto r = read_spki(right_spki);
    if (!l || !r) {
      out.add("public key", l ? bytes_text(left_spki) : "unreadable: " + l.error().message,
              r ? bytes_text(right_spki) : "unreadable: " + r.error().message, true,
              "one side's SubjectPublicKeyInfo does not read as DER, so verifiers cannot use it");
    } else if (l->algorithm_oid != r->algorithm_oid) {
      out.add("public key algorithm", key_algorithm_name(l->algorithm_oid),
              key_algorithm_name(r->algorithm_oid), true,
              "a different key algorithm is a different key, checked with other signature "
              "algorithms");
    } else {
      if (!same_parameters(l->parameters, r->parameters)) {
        const std::string lp = parameters_text(l->parameters);
        const std::string rp = parameters_text(r->parameters);
        out.add("public key parameters", lp, rp, true,
                public_parameters_why(l->algorithm_oid, lp, rp));
      }
      if (!same_bytes(l->bits, r->bits)) {
        if (l->algorithm_oid == oid::kEcPublicKey && same_point_other_form(l->bits, r->bits))
          out.add("public key point encoding", point_form(l->bits), point_form(r->bits), true,
                  "the same point, but RFC 5480 obliges verifiers to read only the uncompressed "
                  "form and some refuse compressed points");
        else
          out.add(
              "public key", bytes_text(l->bits.subspan(std::min<std::size_t>(1, l->bits.size()))),
              bytes_text(r->bits.subspan(std::min<std::size_t>(1, r->bits.size()))), true,
              "different public keys: a signature made with one does not verify with the other");
      } else if (same_parameters(l->parameters, r->parameters)) {
        out.add("public key encoding", bytes_text(left_spki), bytes_text(right_spki), true,
                "the SubjectPublicKeyInfo encodings differ where polycert does not look, and "
                "verifiers that compare keys byte by byte see two keys");
      }
    }
  }
  if (left_key != right_key)
    out.add("key spec", to_string(left_key), to_string(right_key), true,
            "a different algorithm, curve or size is a different key, and verifiers' policies "
            "accept or refuse keys by it");
}

// ---------------------------------------------------------------- extensions

enum class ExtensionKind {
  typed,           // read into ExtensionSet: basicConstraints, keyUsage, EKU, subjectAltName
  key_identifier,  // subjectKeyIdentifier, authorityKeyIdentifier
  enforced,        // other extensions verifiers act on
  informational,   // verifiers do not act on it
};

struct KnownExtension {
  std::string_view oid;
  std::string_view name;
  ExtensionKind kind;
  std::string_view why;  // why its presence and value matter (or do not)
};

constexpr KnownExtension kKnownExtensions[] = {
    {"2.5.29.19", "basicConstraints", ExtensionKind::typed,
     "verifiers accept a certificate as a CA, and limit the path below it, only by "
     "basicConstraints"},
    {"2.5.29.15", "keyUsage", ExtensionKind::typed,
     "verifiers allow the key only the uses keyUsage lists, and every use when it is absent"},
    {"2.5.29.37", "extendedKeyUsage", ExtensionKind::typed,
     "verifiers allow only the purposes extendedKeyUsage lists (serverAuth, clientAuth, ...), "
     "and any purpose when it is absent"},
    {"2.5.29.17", "subjectAltName", ExtensionKind::typed,
     "verifiers match host names, addresses and emails against subjectAltName"},
    {"2.5.29.14", "subjectKeyIdentifier", ExtensionKind::key_identifier,
     "path building matches issuers by name, so key identifiers are not required, but they "
     "help pick the issuer when several share a name"},
    {"2.5.29.35", "authorityKeyIdentifier", ExtensionKind::key_identifier,
     "path building matches issuers by name, so key identifiers are not required, but they "
     "help pick the issuer when several share a name"},
    {"2.5.29.30", "nameConstraints", ExtensionKind::enforced,
     "nameConstraints limits the names a CA's certificates may carry, and verifiers enforce it"},
    {"2.5.29.32", "certificatePolicies", ExtensionKind::enforced,
     "policy validation (RFC 5280 6.1) reads certificatePolicies"},
    {"2.5.29.33", "policyMappings", ExtensionKind::enforced,
     "policy validation (RFC 5280 6.1) reads policyMappings"},
    {"2.5.29.36", "policyConstraints", ExtensionKind::enforced,
     "policy validation (RFC 5280 6.1) reads policyConstraints"},
    {"2.5.29.54", "inhibitAnyPolicy", ExtensionKind::enforced,
     "policy validation (RFC 5280 6.1) reads inhibitAnyPolicy"},
    {"2.5.29.31", "cRLDistributionPoints", ExtensionKind::enforced,
     "revocation checking finds the CRL through cRLDistributionPoints"},
    {"1.3.6.1.5.5.7.1.1", "authorityInfoAccess", ExtensionKind::enforced,
     "verifiers fetch missing issuers and OCSP status through authorityInfoAccess"},
    {"1.3.6.1.5.5.7.1.24", "tlsFeature", ExtensionKind::enforced,
     "a certificate with the TLS feature status_request is refused without a stapled OCSP "
     "response"},
    {"2.5.29.18", "issuerAltName", ExtensionKind::informational,
     "verifiers do not use issuerAltName to build or check paths"},
    {"2.16.840.1.113730.1.13", "nsComment", ExtensionKind::informational,
     "a comment that verifiers do not act on"},
};

const KnownExtension* known_extension(std::string_view oid) {
  for (const auto& known : kKnownExtensions)
    if (known.oid == oid) return &known;
  return nullptr;
}

std::string extension_label(std::string_view oid) {
  const KnownExtension* known = known_extension(oid);
  return "extension " +
         (known ? std::string(known->name) + " (" + std::string(oid) + ")" : std::string(oid));
}

const Extension* find_extension(const std::vector<Extension>& list, std::string_view oid) {
  for (const auto& extension : list)
    if (extension.oid == oid) return &extension;
  return nullptr;
}

bool typed_present(const ExtensionSet& set, std::string_view oid) {
  if (oid == oid::kSubjectAltName) return !set.subject_alt_names.empty();
  if (oid == oid::kKeyUsage) return set.key_usage.has_value();
  if (oid == oid::kExtendedKeyUsage) return !set.extended_key_usage.empty();
  if (oid == oid::kBasicConstraints) return set.basic_constraints.has_value();
  return false;
}

// The typed value as people read it: "DNS:a.example,IP:10.0.0.1", "digitalSignature",
// "serverAuth,clientAuth", "CA:TRUE, pathlen:0".
std::string typed_text(const ExtensionSet& set, std::string_view oid) {
  std::string out;
  if (oid == oid::kSubjectAltName) {
    for (const auto& name : set.subject_alt_names)
      out += (out.empty() ? "" : ",") + to_string(name);
  } else if (oid == oid::kKeyUsage) {
    if (set.key_usage)
      out = *set.key_usage == 0 ? "(no bits set)" : key_usage_names(*set.key_usage);
  } else if (oid == oid::kExtendedKeyUsage) {
    for (const auto& usage : set.extended_key_usage)
      out += (out.empty() ? "" : ",") + extended_key_usage_name(usage);
  } else if (oid == oid::kBasicConstraints && set.basic_constraints) {
    out = set.basic_constraints->ca ? "CA:TRUE" : "CA:FALSE";
    if (set.basic_constraints->path_length)
      out += ", pathlen:" + std::to_string(*set.basic_constraints->path_length);
  }
  return out.empty() ? "(empty)" : out;
}

// Equal by meaning: subjectAltName and extendedKeyUsage entries as sets.
bool typed_same_meaning(const ExtensionSet& a, const ExtensionSet& b, std::string_view oid) {
  if (oid == oid::kSubjectAltName) {
    auto key = [](const GeneralName& n) { return std::pair(static_cast<int>(n.kind), n.value); };
    std::vector<std::pair<int, std::string>> left, right;
    for (const auto& n : a.subject_alt_names) left.push_back(key(n));
    for (const auto& n : b.subject_alt_names) right.push_back(key(n));
    std::ranges::sort(left);
    std::ranges::sort(right);
    return left == right;
  }
  if (oid == oid::kExtendedKeyUsage) {
    auto left = a.extended_key_usage, right = b.extended_key_usage;
    std::ranges::sort(left);
    std::ranges::sort(right);
    return left == right;
  }
  if (oid == oid::kKeyUsage) return a.key_usage == b.key_usage;
  if (oid == oid::kBasicConstraints) return a.basic_constraints == b.basic_constraints;
  return true;
}

// A keyUsage value's BIT STRING: "1 byte, 5 unused bits" and whether it is minimal DER.
std::string key_usage_encoding(const ExtensionSet& set, ByteView value) {
  const std::string names = typed_text(set, oid::kKeyUsage);
  der::Reader reader(value);
  auto bits = reader.next();
  if (!bits || bits->tag != der::kBitString || bits->content.empty())
    return names + "; " + bytes_text(value);
  const unsigned unused = bits->content[0];
  const ByteView data = bits->content.subspan(1);
  std::string text = names + "; BIT STRING of " + plural(data.size(), "byte") + ", " +
                     std::to_string(unused) + " unused bits";
  const bool minimal = data.empty()
                           ? unused == 0
                           : data.back() != 0 && unsigned(std::countr_zero(data.back())) == unused;
  if (!minimal) text += " (trailing zero bits kept: not DER)";
  return text;
}

std::string presence_text(const ExtensionSet& set, const Extension* raw, std::string_view oid,
                          ByteView key_id) {
  std::string text;
  if (known_extension(oid) && known_extension(oid)->kind == ExtensionKind::typed &&
      typed_present(set, oid))
    text = typed_text(set, oid);
  else if (!key_id.empty())
    text = "keyIdentifier " + bytes_text(key_id);
  else if (raw)
    text = "present, " + bytes_text(raw->value);
  else
    return "absent";
  if (raw && raw->critical) text += " (critical)";
  return text;
}

// One side's extensions: the typed reading, every extension as encoded, and for
// certificates the key identifiers the backend read.
struct ExtensionsView {
  const ExtensionSet& typed;
  const std::vector<Extension>& raw;
  ByteView subject_key_id;
  ByteView authority_key_id;
  bool has_key_id_fields = false;

  ByteView key_id(std::string_view oid) const {
    if (oid == oid::kSubjectKeyIdentifier) return subject_key_id;
    if (oid == oid::kAuthorityKeyIdentifier) return authority_key_id;
    return {};
  }
};

constexpr std::string_view kTypedOids[] = {oid::kBasicConstraints, oid::kKeyUsage,
                                           oid::kExtendedKeyUsage, oid::kSubjectAltName};

void diff_one_extension(Differences& out, const std::string& oid, const ExtensionsView& left,
                        const ExtensionsView& right) {
  const KnownExtension* known = known_extension(oid);
  const ExtensionKind kind = known ? known->kind : ExtensionKind::enforced;
  const Extension* l = find_extension(left.raw, oid);
  const Extension* r = find_extension(right.raw, oid);
  const bool typed = known && kind == ExtensionKind::typed;
  const bool key_id = known && kind == ExtensionKind::key_identifier;
  const ByteView l_id = key_id && left.has_key_id_fields ? left.key_id(oid) : ByteView{};
  const ByteView r_id = key_id && right.has_key_id_fields ? right.key_id(oid) : ByteView{};
  const bool l_present = l || (typed && typed_present(left.typed, oid)) || !l_id.empty();
  const bool r_present = r || (typed && typed_present(right.typed, oid)) || !r_id.empty();
  if (!l_present && !r_present) return;
  const std::string label = extension_label(oid);
  const bool critical = (l && l->critical) || (r && r->critical);

  std::string why = known      ? std::string(known->why)
                    : critical ? "verifiers refuse a certificate with a critical extension "
                                 "they do not recognise"
                               : "polycert does not interpret this extension; a verifier "
                                 "that does may act on the difference";
  const bool matters =
      kind != ExtensionKind::informational && kind != ExtensionKind::key_identifier;

  if (l_present != r_present) {
    out.add(label, presence_text(left.typed, l, oid, l_id),
            presence_text(right.typed, r, oid, r_id), matters, why);
    return;
  }
  if (l && r && l->critical != r->critical)
    out.add(label + ": criticality", l->critical ? "critical" : "not critical",
            r->critical ? "critical" : "not critical", true,
            "a verifier that does not process a critical extension refuses the certificate, while "
            "a non-critical one it may ignore");

  if (typed) {
    const std::string lt = typed_text(left.typed, oid), rt = typed_text(right.typed, oid);
    if (!typed_same_meaning(left.typed, right.typed, oid)) {
      out.add(label + ": value", lt, rt, true, why);
    } else if (lt != rt) {
      out.add(label + ": order", lt, rt, false,
              "verifiers look for a name or purpose among all entries, so the order does not "
              "change the result");
    } else if (l && r && l->value != r->value) {
      if (oid == oid::kKeyUsage)
        out.add(label + ": encoding", key_usage_encoding(left.typed, l->value),
                key_usage_encoding(right.typed, r->value), false,
                "the same bits are set; DER (X.690 11.2.2) drops trailing zero bits of a named "
                "bit list, but RFC 5280 verifiers read both alike");
      else
        out.add(label + ": encoding", bytes_text(l->value), bytes_text(r->value), false,
                "both read as " + lt +
                    "; only the encoding differs (e.g. a DEFAULT value written out), which RFC "
                    "5280 verifiers read alike");
    }
    return;
  }

  if (key_id) {
    // Certificates carry the identifiers the backends read; requests only the raw values.
    const bool fields = left.has_key_id_fields && right.has_key_id_fields;
    const ByteView lv = fields ? l_id : l ? ByteView(l->value) : ByteView{};
    const ByteView rv = fields ? r_id : r ? ByteView(r->value) : ByteView{};
    const bool subject = oid == oid::kSubjectKeyIdentifier;
    if (!same_bytes(lv, rv))
      out.add(label + ": value", bytes_text(lv), bytes_text(rv), !subject,
              subject ? "each side identifies its key by its own method (RFC 5280 4.2.1.2 "
                        "method 1, 2 or another); verifiers only compare an authority key "
                        "identifier with its issuer's"
                      : "verifiers such as OpenSSL skip an issuer whose subjectKeyIdentifier is "
                        "not this authorityKeyIdentifier, so the path may not build");
    else if (l && r && l->value != r->value)
      out.add(label + ": encoding", bytes_text(l->value), bytes_text(r->value), false,
              "the key identifiers are the same; the other fields or the encoding differ "
              "(e.g. authorityCertIssuer and serial on one side), which path building by "
              "key identifier does not use");
    return;
  }

  if (l && r && l->value != r->value)
    out.add(label + ": value", bytes_text(l->value), bytes_text(r->value), matters,
            known ? why
                  : "polycert does not interpret this extension; a verifier that does may act "
                    "on the difference");
}

void diff_extensions(Differences& out, const ExtensionsView& left, const ExtensionsView& right) {
  // Left's encoding order, then what only the right encodes, then what either side read
  // without a raw extension behind it.
  std::vector<std::string> oids;
  auto add = [&oids](std::string_view oid) {
    if (std::ranges::find(oids, oid) == oids.end()) oids.emplace_back(oid);
  };
  for (const auto& extension : left.raw) add(extension.oid);
  for (const auto& extension : right.raw) add(extension.oid);
  for (std::string_view oid : kTypedOids)
    if (typed_present(left.typed, oid) || typed_present(right.typed, oid)) add(oid);
  if (!left.subject_key_id.empty() || !right.subject_key_id.empty())
    add(oid::kSubjectKeyIdentifier);
  if (!left.authority_key_id.empty() || !right.authority_key_id.empty())
    add(oid::kAuthorityKeyIdentifier);
  for (const auto& oid : oids) diff_one_extension(out, oid, left, right);
}

void diff_signature_algorithm(Differences& out, const std::string& left, const std::string& right) {
  if (left == right) return;
  out.add("signature algorithm", signature_algorithm_name(left), signature_algorithm_name(right),
          true,
          "verifiers allow-list signature algorithms, so one side may be refused where the other "
          "is accepted");
}

}  // namespace

std::vector<Difference> diff_csr(const CsrInfo& left, const CsrInfo& right,
                                 const std::string& left_source, const std::string& right_source) {
  Differences out(left_source, right_source);
  out.append(diff_names("subject", left.subject, right.subject, left_source, right_source));
  diff_name_encoding(out, "subject", left.subject, right.subject, left.subject_der,
                     right.subject_der);
  diff_public_key(out, left.public_key, left.key, right.public_key, right.key);
  diff_extensions(out, {left.extensions, left.requested_extensions, {}, {}, false},
                  {right.extensions, right.requested_extensions, {}, {}, false});

  // The password is a secret: compared, never printed, not even its length.
  const auto& lp = left.challenge_password;
  const auto& rp = right.challenge_password;
  constexpr std::string_view kPasswordWhy =
      "CAs that use challengePassword (to authorise enrolment or revocation) see a different "
      "request; the values are never shown";
  if (lp.has_value() != rp.has_value())
    out.add("challengePassword", lp ? "present" : "absent", rp ? "present" : "absent", true,
            std::string(kPasswordWhy));
  else if (lp && *lp != *rp)
    out.add("challengePassword", "present", "present, differs", true, std::string(kPasswordWhy));

  const auto& ln = left.unstructured_name;
  const auto& rn = right.unstructured_name;
  if (ln != rn)
    out.add("unstructuredName", ln ? *ln : "absent", rn ? *rn : "absent", false,
            "PKCS#9 unstructuredName is informational: CAs do not act on it and verifiers never "
            "see it");

  diff_signature_algorithm(out, left.signature_algorithm_oid, right.signature_algorithm_oid);
  if (left.signature_status != right.signature_status) {
    // A backend that lacks the algorithm says so (its capability gap, named in the note);
    // only two answers that were both computed can contradict each other.
    const bool gap = left.signature_status == SignatureStatus::cannot_be_checked ||
                     right.signature_status == SignatureStatus::cannot_be_checked;
    out.add("signature", std::string(to_string(left.signature_status)),
            std::string(to_string(right.signature_status)), !gap,
            gap ? "one backend cannot check this signature algorithm: a capability gap, not a "
                  "disagreement"
                : "a CA refuses a request whose signature does not verify with the key it carries",
            gap);
  }
  return out.take();
}

std::vector<Difference> diff_certificate(const CertificateInfo& left, const CertificateInfo& right,
                                         const std::string& left_source,
                                         const std::string& right_source) {
  Differences out(left_source, right_source);
  out.append(diff_names("subject", left.subject, right.subject, left_source, right_source));
  diff_name_encoding(out, "subject", left.subject, right.subject, left.subject_der,
                     right.subject_der);
  out.append(diff_names("issuer", left.issuer, right.issuer, left_source, right_source));
  diff_name_encoding(out, "issuer", left.issuer, right.issuer, left.issuer_der, right.issuer_der);

  if (!same_bytes(without_leading_zeros(left.serial), without_leading_zeros(right.serial)))
    out.add("serial", bytes_text(without_leading_zeros(left.serial)),
            bytes_text(without_leading_zeros(right.serial)), true,
            "issuer and serial identify a certificate: CRLs and OCSP name it by its serial");
  if (left.not_before != right.not_before)
    out.add("notBefore", format_time(left.not_before), format_time(right.not_before), true,
            "verifiers check the validity period against the current time, so one side is valid "
            "when the other is not");
  if (left.not_after != right.not_after)
    out.add("notAfter", format_time(left.not_after), format_time(right.not_after), true,
            "verifiers check the validity period against the current time, so one side is valid "
            "when the other is not");

  diff_public_key(out, left.public_key, left.key, right.public_key, right.key);
  diff_extensions(
      out, {left.extensions, left.all_extensions, left.subject_key_id, left.authority_key_id, true},
      {right.extensions, right.all_extensions, right.subject_key_id, right.authority_key_id, true});
  diff_signature_algorithm(out, left.signature_algorithm_oid, right.signature_algorithm_oid);

  if (left.sha256_fingerprint != right.sha256_fingerprint) {
    const bool explained = out.size() > 0;
    const bool ecdsa = left.signature_algorithm_oid == right.signature_algorithm_oid &&
                       left.signature_algorithm_oid.starts_with("1.2.840.10045.4.");
    std::string why;
    if (explained)
      why = "the fingerprint follows from the bytes, and the differences above explain it";
    else if (ecdsa)
      why =
          "every field read is the same: ECDSA signatures depend on the signer's nonce (random, "
          "or RFC 6979's deterministic one), so the same certificate signed by two libraries "
          "can have different bytes";
    else
      why =
          "every field read is the same, so the bytes differ where polycert does not look "
          "(an encoding or the signature), and fingerprint pins see two certificates";
    out.add("SHA-256 fingerprint", bytes_text(left.sha256_fingerprint),
            bytes_text(right.sha256_fingerprint), !explained && !ecdsa, why);
  }
  return out.take();
}

bool any_matters(const std::vector<Difference>& differences) {
  return std::ranges::any_of(differences, [](const Difference& d) { return d.matters; });
}

}  // namespace polycert::conformance
