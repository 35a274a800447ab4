// The semantic diff behind `polycert conformance`: two readings of one name, request,
// certificate or private key compared by meaning. Every Difference says what differs, as
// each side has it, whether a verifier could see it, and why, in one sentence.
//
// Output order follows the structures (subject, issuer, serial, validity, key, extensions
// in the order the left side encodes them, signature), so two runs print the same lines.
// Secrets are compared, never printed: a challengePassword is "present"/"absent"/
// "differs", a private key's values are "differs" with their lengths.
#include <polycert/conformance/semantic_diff.hpp>

#include <polycert/der.hpp>
#include <polycert/key_encoding.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/name.hpp>
#include <polycert/x509.hpp>

#include <algorithm>
#include <bit>
#include <optional>
#include <string_view>
#include <utility>

namespace polycert::conformance {

namespace {

// Byte strings up to this size print as hex (serials, key identifiers, fingerprints);
// longer ones as "(n bytes)".
constexpr std::size_t kShortBytes = 32;

std::string plural(std::size_t n, std::string_view unit) {
  return std::to_string(n) + " " + std::string(unit) + (n == 1 ? "" : "s");
}

std::string bytes_text(ByteView bytes) {
  if (bytes.empty()) return "(empty)";
  if (bytes.size() <= kShortBytes) return hex_with_colons(bytes);
  return "(" + plural(bytes.size(), "byte") + ")";
}

bool same_bytes(ByteView a, ByteView b) { return std::ranges::equal(a, b); }

// An INTEGER's or an octet string's value without leading zero octets.
ByteView without_leading_zeros(ByteView bytes) {
  std::size_t i = 0;
  while (i < bytes.size() && bytes[i] == 0) ++i;
  return bytes.subspan(i);
}

// Collects differences, stamping each with the two sources.
class Differences {
 public:
  Differences(const std::string& left_source, const std::string& right_source)
      : left_source_(left_source), right_source_(right_source) {}

  void add(std::string field, std::string left, std::string right, bool matters, std::string why,
           bool capability_gap = false) {
    list_.push_back(Difference{std::move(field), left_source_, right_source_, std::move(left),
                               std::move(right), matters, std::move(why), capability_gap});
  }
  void append(std::vector<Difference> more) {
    for (auto& difference : more) list_.push_back(std::move(difference));
  }
  std::size_t size() const { return list_.size(); }
  std::vector<Difference> take() { return std::move(list_); }

 private:
  const std::string& left_source_;
  const std::string& right_source_;
  std::vector<Difference> list_;
};

// ---------------------------------------------------------------- names

using AttributeKey = std::pair<std::string, std::string>;  // OID, value

// An RDN by meaning: its members' types and values as a set, whatever their string types.
std::vector<AttributeKey> rdn_meaning(const Rdn& rdn) {
  std::vector<AttributeKey> keys;
  for (const auto& attribute : rdn.attributes) keys.emplace_back(attribute.oid, attribute.value);
  std::ranges::sort(keys);
  return keys;
}

std::string rdn_text(const Rdn& rdn) { return format_rfc4514(DistinguishedName{{rdn}}); }

// "CN+O" for a multi-valued RDN, "O" for a single one.
std::string rdn_types(const Rdn& rdn) {
  std::string out;
  for (const auto& attribute : rdn.attributes) {
    if (!out.empty()) out += '+';
    out += attribute_name(attribute.oid);
  }
  return out;
}

// "RDN 3", or "RDN 3 (right: 4)" when the same RDN sits elsewhere on the right.
std::string rdn_label(std::size_t left_index, std::size_t right_index) {
  std::string label = "RDN " + std::to_string(left_index + 1);
  if (left_index != right_index) label += " (right: " + std::to_string(right_index + 1) + ")";
  return label;
}

// Several RDNs as a name fragment, in RFC 4514 order.
std::string rdns_text(const DistinguishedName& name, const std::vector<std::size_t>& indices) {
  DistinguishedName part;
  for (std::size_t i : indices) part.rdns.push_back(name.rdns[i]);
  return format_rfc4514(part) + " (" + plural(indices.size(), "RDN") + ")";
}

constexpr std::string_view kNameWhy =
    "RFC 5280 matches names RDN by RDN in order, so verifiers and issuer/subject chaining see "
    "two different names";

// String types and member order of two RDNs that mean the same.
void diff_same_rdn(Differences& out, const std::string& field, std::size_t li, const Rdn& left,
                   std::size_t ri, const Rdn& right) {
  std::vector<bool> used(right.attributes.size(), false);
  for (const auto& attribute : left.attributes) {
    for (std::size_t j = 0; j < right.attributes.size(); ++j) {
      const NameAttribute& other = right.attributes[j];
      if (used[j] || other.oid != attribute.oid || other.value != attribute.value) continue;
      used[j] = true;
      if (other.type != attribute.type)
        out.add(field + ": " + rdn_label(li, ri) + " (" + attribute_name(attribute.oid) +
                    ") string type",
                std::string(to_string(attribute.type)), std::string(to_string(other.type)), false,
                "RFC 5280 7.1 compares names after string preparation whatever the string type, "
                "so conforming verifiers match them, but byte-comparing verifiers and chaining to "
                "an issuer encoded the other way can fail");
      break;
    }
  }
  auto order = [](const Rdn& rdn) {
    std::vector<AttributeKey> keys;
    for (const auto& a : rdn.attributes) keys.emplace_back(a.oid, a.value);
    return keys;
  };
  if (order(left) != order(right))
    out.add(field + ": " + rdn_label(li, ri) + " member order", rdn_text(left), rdn_text(right),
            false,
            "a multi-valued RDN is a SET, compared as a set by RFC 5280 verifiers; DER sorts its "
            "members, so one side is not DER and byte comparisons see another name");
}

// Two RDNs at the same position that mean different things.
void diff_other_rdn(Differences& out, const std::string& field, std::size_t index, const Rdn& left,
                    const Rdn& right) {
  const std::string label = field + ": " + rdn_label(index, index);
  if (left.attributes.size() == 1 && right.attributes.size() == 1) {
    const NameAttribute& l = left.attributes.front();
    const NameAttribute& r = right.attributes.front();
    if (l.oid == r.oid) {
      out.add(label + " (" + attribute_name(l.oid) + ") value", l.value, r.value, true,
              "a different attribute value is a different name to every verifier");
      return;
    }
    out.add(label + " attribute type", rdn_text(left), rdn_text(right), true,
            "a different attribute type is a different name to every verifier");
    return;
  }
  out.add(label, rdn_text(left), rdn_text(right), true,
          "the RDNs differ in their members, so the names differ to every verifier");
}

}  // namespace

std::vector<Difference> diff_names(const std::string& field, const DistinguishedName& left,
                                   const DistinguishedName& right, const std::string& left_source,
                                   const std::string& right_source) {
  Differences out(left_source, right_source);
  if (left == right) return out.take();
  const auto& l = left.rdns;
  const auto& r = right.rdns;

  // Match RDNs by meaning: first where they stand, then anywhere.
  std::vector<std::optional<std::size_t>> match(l.size());
  std::vector<bool> right_used(r.size(), false);
  for (std::size_t i = 0; i < std::min(l.size(), r.size()); ++i)
    if (rdn_meaning(l[i]) == rdn_meaning(r[i])) {
      match[i] = i;
      right_used[i] = true;
    }
  for (std::size_t i = 0; i < l.size(); ++i) {
    if (match[i]) continue;
    const auto meaning = rdn_meaning(l[i]);
    for (std::size_t j = 0; j < r.size(); ++j)
      if (!right_used[j] && rdn_meaning(r[j]) == meaning) {
        match[i] = j;
        right_used[j] = true;
        break;
      }
  }

  // The same RDNs in another order.
  std::vector<std::size_t> matched_order;
  for (const auto& m : match)
    if (m) matched_order.push_back(*m);
  if (!std::ranges::is_sorted(matched_order))
    out.add(field + ": RDN order", format_rfc4514(left), format_rfc4514(right), true,
            std::string(kNameWhy));

  std::vector<std::size_t> left_unmatched, right_unmatched;
  for (std::size_t i = 0; i < l.size(); ++i)
    if (!match[i]) left_unmatched.push_back(i);
  for (std::size_t j = 0; j < r.size(); ++j)
    if (!right_used[j]) right_unmatched.push_back(j);

  // The same attributes grouped into RDNs differently: a multi-valued RDN split or merged.
  if (!left_unmatched.empty() && !right_unmatched.empty()) {
    std::vector<AttributeKey> left_attributes, right_attributes;
    bool multi_valued = false;
    for (std::size_t i : left_unmatched) {
      for (auto& key : rdn_meaning(l[i])) left_attributes.push_back(std::move(key));
      multi_valued = multi_valued || l[i].attributes.size() > 1;
    }
    for (std::size_t j : right_unmatched) {
      for (auto& key : rdn_meaning(r[j])) right_attributes.push_back(std::move(key));
      multi_valued = multi_valued || r[j].attributes.size() > 1;
    }
    std::ranges::sort(left_attributes);
    std::ranges::sort(right_attributes);
    if (multi_valued && left_attributes == right_attributes) {
      out.add(field + ": multi-valued RDN", rdns_text(left, left_unmatched),
              rdns_text(right, right_unmatched), true,
              "attributes joined in one RDN (CN=a+O=b) and the same attributes as separate RDNs "
              "are different names, since RFC 5280 matches names RDN by RDN");
      left_unmatched.clear();
      right_unmatched.clear();
    }
  }
  auto is_in = [](const std::vector<std::size_t>& list, std::size_t i) {
    return std::ranges::find(list, i) != list.end();
  };

  // Position by position, so the lines follow the names.
  for (std::size_t p = 0; p < std::max(l.size(), r.size()); ++p) {
    const bool left_open = p < l.size() && is_in(left_unmatched, p);
    const bool right_open = p < r.size() && is_in(right_unmatched, p);
    if (p < l.size() && match[p]) diff_same_rdn(out, field, p, l[p], *match[p], r[*match[p]]);
    if (left_open && right_open) {
      diff_other_rdn(out, field, p, l[p], r[p]);
      continue;
    }
    if (left_open)
      out.add(field + ": RDN " + std::to_string(p + 1) + " (" + rdn_types(l[p]) + ")",
              rdn_text(l[p]), "absent", true,
              "a name with an RDN more or less is a different name to every verifier");
    if (right_open)
      out.add(field + ": RDN " + std::to_string(p + 1) + " (" + rdn_types(r[p]) + ")", "absent",
              rdn_text(r[p]), true,
              "a name with an RDN more or less is a different name to every verifier");
  }
  return out.take();
}

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
  der::Reader top(der);
  auto sequence = top.expect(der::kSequence, "SubjectPublicKeyInfo SEQUENCE");
  if (!sequence) return std::unexpected(sequence.error());
  der::Reader body(sequence->content);
  auto algorithm = body.expect(der::kSequence, "SubjectPublicKeyInfo algorithm");
  if (!algorithm) return std::unexpected(algorithm.error());
  der::Reader fields(algorithm->content);
  auto oid = fields.expect(der::kOid, "public key algorithm OID");
  if (!oid) return std::unexpected(oid.error());
  auto dotted = der::decode_oid(oid->content);
  if (!dotted) return std::unexpected(dotted.error());
  Spki spki{*dotted, std::nullopt, {}};
  if (!fields.empty()) {
    auto parameters = fields.next();
    if (!parameters) return std::unexpected(parameters.error());
    spki.parameters = parameters->whole;
  }
  auto bits = spki_public_key_bits(der);
  if (!bits) return std::unexpected(bits.error());
  spki.bits = *bits;
  return spki;
}

std::string key_algorithm_name(std::string_view oid) {
  if (oid == oid::kRsaEncryption) return "rsaEncryption";
  if (oid == oid::kEcPublicKey) return "id-ecPublicKey";
  if (oid == oid::kEd25519) return "Ed25519";
  if (oid == "1.2.840.113549.1.1.10") return "RSASSA-PSS";
  if (oid == "1.3.101.110") return "X25519";
  if (oid == "1.3.101.111") return "X448";
  if (oid == "1.3.101.113") return "Ed448";
  return std::string(oid);
}

// "NULL", "absent", "namedCurve P-256", "explicit curve parameters (n bytes)".
std::string parameters_text(const std::optional<ByteView>& parameters) {
  if (!parameters) return "absent";
  der::Reader reader(*parameters);
  auto element = reader.next();
  if (!element) return bytes_text(*parameters);
  if (element->tag == der::kNull && element->content.empty()) return "NULL";
  if (element->tag == der::kOid) {
    auto dotted = der::decode_oid(element->content);
    if (!dotted) return bytes_text(*parameters);
    const Curve curve = curve_from_oid(*dotted);
    return "namedCurve " +
           (curve == Curve::none ? *dotted : std::string(to_string(curve)) + " (" + *dotted + ")");
  }
  if (element->tag == der::kSequence)
    return "explicit curve parameters (" + plural(parameters->size(), "byte") + ")";
  return bytes_text(*parameters);
}

bool same_parameters(const std::optional<ByteView>& a, const std::optional<ByteView>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || same_bytes(*a, *b);
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

namespace {

// ---------------------------------------------------------------- private keys

// A PKCS#8 key read far enough to compare encodings. Views point into the caller's bytes
// or into `version0` (for a version 2 key), so the reading is neither copied nor moved.
struct Pkcs8Reading {
  unsigned version = 0;  // the INTEGER: 0 is v1 (PrivateKeyInfo), 1 is v2 (OneAsymmetricKey)
  SecureBuffer version0;
  Bytes public_key;  // v2 [1] publicKey content, if any
  std::string algorithm_oid;
  std::optional<ByteView> parameters;
  ByteView private_key;  // the privateKey OCTET STRING's content
  std::optional<ByteView> attributes;

  Pkcs8Reading() = default;
  Pkcs8Reading(const Pkcs8Reading&) = delete;
  Pkcs8Reading& operator=(const Pkcs8Reading&) = delete;
};

Result<void> read_pkcs8(ByteView der, Pkcs8Reading& out) {
  if (auto strict = der::check_strict_der(der); !strict) return strict;
  auto split = split_one_asymmetric_key(der);
  if (!split) return std::unexpected(split.error());
  ByteView version0 = der;
  if (*split) {
    out.version = 1;
    out.version0 = std::move((*split)->version0);
    out.public_key = std::move((*split)->public_key);
    version0 = out.version0;
  }
  der::Reader top(version0);
  auto sequence = top.expect(der::kSequence, "PrivateKeyInfo SEQUENCE");
  if (!sequence) return std::unexpected(sequence.error());
  der::Reader body(sequence->content);
  auto version = body.expect(der::kInteger, "PKCS#8 version");
  if (!version) return std::unexpected(version.error());
  auto algorithm = body.expect(der::kSequence, "PKCS#8 AlgorithmIdentifier");
  if (!algorithm) return std::unexpected(algorithm.error());
  der::Reader fields(algorithm->content);
  auto oid = fields.expect(der::kOid, "PKCS#8 algorithm OID");
  if (!oid) return std::unexpected(oid.error());
  auto dotted = der::decode_oid(oid->content);
  if (!dotted) return std::unexpected(dotted.error());
  out.algorithm_oid = *dotted;
  if (!fields.empty()) {
    auto parameters = fields.next();
    if (!parameters) return std::unexpected(parameters.error());
    out.parameters = parameters->whole;
  }
  auto key = body.expect(der::kOctetString, "PKCS#8 privateKey OCTET STRING");
  if (!key) return std::unexpected(key.error());
  out.private_key = key->content;
  if (body.peek_tag() == der::context_constructed(0)) {
    auto attributes = body.next();
    if (!attributes) return std::unexpected(attributes.error());
    out.attributes = attributes->whole;
  }
  if (!body.empty())
    return fail(ErrorCode::invalid_input, "unexpected element after the PKCS#8 privateKey");
  return {};
}

struct Sec1Reading {
  ByteView scalar;
  std::optional<ByteView> parameters;  // the [0] element's content
  std::optional<ByteView> public_key;  // the [1] element's BIT STRING content
};

Result<Sec1Reading> read_sec1(ByteView der) {
  der::Reader top(der);
  auto sequence = top.expect(der::kSequence, "ECPrivateKey SEQUENCE");
  if (!sequence) return std::unexpected(sequence.error());
  der::Reader body(sequence->content);
  auto version = body.expect(der::kInteger, "ECPrivateKey version");
  if (!version) return std::unexpected(version.error());
  auto scalar = body.expect(der::kOctetString, "ECPrivateKey privateKey");
  if (!scalar) return std::unexpected(scalar.error());
  Sec1Reading reading{scalar->content, std::nullopt, std::nullopt};
  if (body.peek_tag() == der::context_constructed(0)) {
    auto parameters = body.next();
    if (!parameters) return std::unexpected(parameters.error());
    reading.parameters = parameters->content;
  }
  if (body.peek_tag() == der::context_constructed(1)) {
    auto wrapper = body.next();
    if (!wrapper) return std::unexpected(wrapper.error());
    der::Reader inner(wrapper->content);
    auto bits = inner.expect(der::kBitString, "ECPrivateKey publicKey BIT STRING");
    if (!bits) return std::unexpected(bits.error());
    reading.public_key = bits->content;
  }
  if (!body.empty()) return fail(ErrorCode::invalid_input, "unexpected element in ECPrivateKey");
  return reading;
}

// The INTEGERs of an RSAPrivateKey (version, n, e, d, p, q, dp, dq, qinv) and what follows.
struct RsaReading {
  std::vector<ByteView> integers;
  ByteView rest;  // otherPrimeInfos, if any (whole)
};

Result<RsaReading> read_rsa(ByteView der) {
  der::Reader top(der);
  auto sequence = top.expect(der::kSequence, "RSAPrivateKey SEQUENCE");
  if (!sequence) return std::unexpected(sequence.error());
  der::Reader body(sequence->content);
  RsaReading reading;
  while (body.peek_tag() == der::kInteger) {
    auto integer = body.next();
    if (!integer) return std::unexpected(integer.error());
    reading.integers.push_back(integer->content);
  }
  if (reading.integers.size() != 9)
    return fail(ErrorCode::invalid_input, "RSAPrivateKey does not hold nine INTEGERs");
  if (!body.empty()) {
    auto rest = body.next();
    if (!rest) return std::unexpected(rest.error());
    reading.rest = rest->whole;
  }
  return reading;
}

// "present (65 bytes)" for a BIT STRING's content (unused-bits octet first).
std::string bit_string_presence(ByteView content) {
  return "present (" + plural(content.empty() ? 0 : content.size() - 1, "byte") + ")";
}

// A secret value as it may be printed: that it differs, and its length.
std::string secret_length(ByteView value) {
  return "differs (" + plural(value.size(), "byte") + ")";
}

// An RSA INTEGER's length as a number (without the sign octet).
std::string secret_number_length(ByteView integer) {
  return secret_length(without_leading_zeros(integer));
}

constexpr std::string_view kDifferentKeysWhy =
    "these are different keys: signatures made with one do not verify with the other's public key";

void diff_rsa_private_key(Differences& out, ByteView left, ByteView right) {
  auto l = read_rsa(left);
  auto r = read_rsa(right);
  if (!l || !r) {
    out.add("private key", l ? "readable" : "unreadable: " + l.error().message,
            r ? "readable" : "unreadable: " + r.error().message, true,
            "one side's RSAPrivateKey does not read as DER");
    return;
  }
  const auto& li = l->integers;
  const auto& ri = r->integers;
  enum { kVersion, kN, kE, kD, kP, kQ, kDp, kDq, kQinv };
  auto same = [](ByteView a, ByteView b) {
    return same_bytes(without_leading_zeros(a), without_leading_zeros(b));
  };
  if (!same(li[kN], ri[kN]) || !same(li[kE], ri[kE])) {
    // n and e are public: their sizes may be printed; the private values are not.
    out.add("private key",
            "RSA, modulus " + plural(without_leading_zeros(li[kN]).size(), "byte") + ", differs",
            "RSA, modulus " + plural(without_leading_zeros(ri[kN]).size(), "byte") + ", differs",
            true, std::string(kDifferentKeysWhy));
    return;
  }
  const bool primes_same = same(li[kP], ri[kP]) && same(li[kQ], ri[kQ]);
  const bool primes_swapped = same(li[kP], ri[kQ]) && same(li[kQ], ri[kP]);
  if (!primes_same && !primes_swapped) {
    out.add("private key: RSA primes", secret_number_length(li[kP]), secret_number_length(ri[kP]),
            true, "the same public key with other primes: one side is not a consistent RSA key");
    return;
  }
  const bool swapped = !primes_same;
  if (swapped)
    out.add("private key: RSA prime order", "p, q", "q, p", false,
            "the same primes in the other order (and the CRT values that follow from it) make the "
            "same key");
  if (!same(li[kD], ri[kD]))
    out.add("private key: RSA private exponent", secret_number_length(li[kD]),
            secret_number_length(ri[kD]), false,
            "n, e, p, q and dP, dQ are the same, as for one key written with d modulo lambda(n) "
            "by one library and modulo phi(n) by another (d itself is not checked arithmetically)");
  // dP and dQ follow from d and the primes whatever d's form; qInv from the primes' order
  // (with the primes swapped, it cannot be checked without arithmetic).
  const bool crt_consistent =
      swapped ? same(li[kDp], ri[kDq]) && same(li[kDq], ri[kDp])
              : same(li[kDp], ri[kDp]) && same(li[kDq], ri[kDq]) && same(li[kQinv], ri[kQinv]);
  if (!crt_consistent)
    out.add("private key: RSA CRT values", "differs", "differs", true,
            "the same n, e, p and q with other CRT values: one side is not a consistent RSA key, "
            "and CRT signing with it gives wrong signatures");
  if (!same(li[kVersion], ri[kVersion]) || !same_bytes(l->rest, r->rest))
    out.add("private key: RSA other primes", l->rest.empty() ? "absent" : "present",
            r->rest.empty() ? "absent" : "present", true,
            "multi-prime keys differ in their further primes, so the keys differ");
}

void diff_ec_private_key(Differences& out, ByteView left, ByteView right) {
  auto l = read_sec1(left);
  auto r = read_sec1(right);
  if (!l || !r) {
    out.add("private key", l ? "readable" : "unreadable: " + l.error().message,
            r ? "readable" : "unreadable: " + r.error().message, true,
            "one side's ECPrivateKey does not read as DER");
    return;
  }
  if (!same_bytes(without_leading_zeros(l->scalar), without_leading_zeros(r->scalar))) {
    out.add("private key", secret_length(l->scalar), secret_length(r->scalar), true,
            std::string(kDifferentKeysWhy));
    return;
  }
  if (l->scalar.size() != r->scalar.size())
    out.add("private key: scalar length", plural(l->scalar.size(), "byte"),
            plural(r->scalar.size(), "byte"), false,
            "the same scalar padded to another length; RFC 5915 asks for the curve's size");
  if (l->parameters.has_value() != r->parameters.has_value())
    out.add("private key: SEC1 parameters",
            l->parameters ? parameters_text(*l->parameters) : "absent",
            r->parameters ? parameters_text(*r->parameters) : "absent", false,
            "PKCS#8 names the curve in its AlgorithmIdentifier, so the copy inside ECPrivateKey "
            "is optional (RFC 5915)");
  else if (l->parameters && !same_bytes(*l->parameters, *r->parameters))
    out.add("private key: SEC1 parameters", parameters_text(*l->parameters),
            parameters_text(*r->parameters), true,
            "the parameters inside ECPrivateKey name different curves, so the keys differ");
  if (l->public_key.has_value() != r->public_key.has_value())
    out.add("private key: SEC1 publicKey",
            l->public_key ? bit_string_presence(*l->public_key) : "absent",
            r->public_key ? bit_string_presence(*r->public_key) : "absent", false,
            "RFC 5915 makes the public key optional: it follows from the private scalar");
  else if (l->public_key && !same_bytes(*l->public_key, *r->public_key))
    out.add("private key: SEC1 publicKey", bytes_text(*l->public_key), bytes_text(*r->public_key),
            true,
            "the same scalar with different public keys: one of them does not belong to the key");
}

// Ed25519 (RFC 8410): the privateKey OCTET STRING holds an OCTET STRING of 32 bytes.
void diff_opaque_private_key(Differences& out, ByteView left, ByteView right) {
  if (same_bytes(left, right)) return;
  auto inner = [](ByteView der) -> ByteView {
    der::Reader reader(der);
    auto element = reader.next();
    if (element && element->tag == der::kOctetString && reader.empty()) return element->content;
    return der;
  };
  const ByteView l = inner(left), r = inner(right);
  if (same_bytes(l, r)) {
    out.add("private key: encoding", plural(left.size(), "byte"), plural(right.size(), "byte"),
            false, "the same private key bytes wrapped differently");
    return;
  }
  out.add("private key", secret_length(l), secret_length(r), true, std::string(kDifferentKeysWhy));
}

std::string private_parameters_why(std::string_view algorithm, const std::string& left,
                                   const std::string& right, bool& matters) {
  matters = true;
  if (algorithm == oid::kRsaEncryption && (left == "NULL" || left == "absent") &&
      (right == "NULL" || right == "absent")) {
    matters = false;
    return "the same key; RFC 8017 asks for NULL, and strict importers may refuse the absent "
           "form";
  }
  if (algorithm == oid::kEcPublicKey) {
    if (left.starts_with("namedCurve") && right.starts_with("namedCurve"))
      return "the keys name different curves, so they are different keys";
    return "RFC 5915 and RFC 5480 ask for a named curve; libraries (polycert among them) refuse "
           "explicit or missing curve parameters";
  }
  if (algorithm == oid::kEd25519) {
    matters = false;
    return "RFC 8410 requires the parameters to be absent; the key is the same";
  }
  return "the key's algorithm parameters differ, and importers read the key with them";
}

std::string key_form_text(const Pkcs8Reading& reading) {
  return reading.version == 0 ? "v1 (PrivateKeyInfo)" : "v2 (OneAsymmetricKey)";
}

}  // namespace

std::vector<Difference> diff_private_key_encoding(ByteView left_pkcs8, ByteView right_pkcs8,
                                                  const std::string& left_source,
                                                  const std::string& right_source) {
  Differences out(left_source, right_source);
  if (same_bytes(left_pkcs8, right_pkcs8)) return out.take();
  Pkcs8Reading l, r;
  auto l_read = read_pkcs8(left_pkcs8, l);
  auto r_read = read_pkcs8(right_pkcs8, r);
  if (!l_read || !r_read) {
    // The reader's messages name structure (tags, lengths), never content.
    out.add("private key encoding",
            l_read ? "PKCS#8 " + key_form_text(l) : "unreadable: " + l_read.error().message,
            r_read ? "PKCS#8 " + key_form_text(r) : "unreadable: " + r_read.error().message, true,
            "one side is not a PKCS#8 key polycert can read, so nothing else can be compared");
    return out.take();
  }
  if (l.version != r.version)
    out.add("PKCS#8 version", key_form_text(l), key_form_text(r), false,
            "RFC 5958 version 2 only adds an optional public key to the same private key, though "
            "OpenSSL 3.0, Botan 2 and Mbed TLS 2.28 refuse it");
  if (l.algorithm_oid != r.algorithm_oid) {
    out.add("private key algorithm", key_algorithm_name(l.algorithm_oid),
            key_algorithm_name(r.algorithm_oid), true,
            "a different key algorithm is a different key");
    return out.take();
  }
  if (!same_parameters(l.parameters, r.parameters)) {
    const std::string lp = parameters_text(l.parameters), rp = parameters_text(r.parameters);
    bool matters = true;
    std::string why = private_parameters_why(l.algorithm_oid, lp, rp, matters);
    out.add("private key algorithm parameters", lp, rp, matters, std::move(why));
  }

  if (l.algorithm_oid == oid::kRsaEncryption)
    diff_rsa_private_key(out, l.private_key, r.private_key);
  else if (l.algorithm_oid == oid::kEcPublicKey)
    diff_ec_private_key(out, l.private_key, r.private_key);
  else
    diff_opaque_private_key(out, l.private_key, r.private_key);

  if (l.attributes.has_value() != r.attributes.has_value() ||
      (l.attributes && !same_bytes(*l.attributes, *r.attributes)))
    out.add("PKCS#8 attributes",
            l.attributes ? "present (" + plural(l.attributes->size(), "byte") + ")" : "absent",
            r.attributes ? "present (" + plural(r.attributes->size(), "byte") + ")" : "absent",
            false,
            "attributes (a friendly name, a key usage hint) describe the key, not change it");
  if (l.public_key.empty() != r.public_key.empty())
    out.add("PKCS#8 publicKey", l.public_key.empty() ? "absent" : bit_string_presence(l.public_key),
            r.public_key.empty() ? "absent" : bit_string_presence(r.public_key), false,
            "RFC 5958 makes the public key optional: it follows from the private key");
  else if (!same_bytes(l.public_key, r.public_key))
    out.add("PKCS#8 publicKey", bytes_text(l.public_key), bytes_text(r.public_key), true,
            "the carried public keys differ: one of them does not belong to the private key");
  return out.take();
}

bool any_matters(const std::vector<Difference>& differences) {
  return std::ranges::any_of(differences, [](const Difference& d) { return d.matters; });
}

}  // namespace polycert::conformance
