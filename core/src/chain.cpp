// Chain ordering and key matching. See chain.hpp for what is an error and what a finding.
#include <polycert/chain.hpp>
#include <polycert/signature_budget.hpp>

#include <polycert/der.hpp>
#include <polycert/limits.hpp>
#include <polycert/name.hpp>
#include <polycert/x509.hpp>

#include <algorithm>
#include <array>
#include <charconv>

namespace polycert {

namespace {

// RFC 5280 4.2: "A certificate-using system MUST reject the certificate if it encounters a
// critical extension it does not recognize". To recognise an extension is to act on what
// it says, so this list names every extension RFC 5280 defines (4.2.1 standard, 4.2.2
// private Internet extensions) and says whether build_chain acts on it. Recognised: the
// ones it enforces (basicConstraints, keyUsage's keyCertSign), uses (the key identifiers
// link certificates) or that only say whom and what the certificate is for, which the
// application checks (subjectAltName, extKeyUsage). Everything else, and any OID not in
// the list, refuses the path when critical: name constraints and policies (a validator
// must enforce them and build_chain does not), and pointers to CRLs, issuers and
// attributes that build_chain never follows. A non-critical extension is ignored, as RFC
// 5280 allows. docs/pem-bags.md explains the choice.
constexpr std::array<PathExtension, 17> kPathExtensions = {{
    {"2.5.29.35", "authorityKeyIdentifier", true, "links a certificate to its issuer"},
    {"2.5.29.14", "subjectKeyIdentifier", true, "links a certificate to its issuer"},
    {"2.5.29.15", "keyUsage", true, "an issuer must have keyCertSign; a leaf's usage is for its application"},
    {"2.5.29.32", "certificatePolicies", false, "policies are not processed (RFC 5280 6.1.3 d)"},
    {"2.5.29.33", "policyMappings", false, "policies are not processed (RFC 5280 6.1.4 a, b)"},
    {"2.5.29.17", "subjectAltName", true, "the names a client checks (critical when the subject is empty)"},
    {"2.5.29.18", "issuerAltName", false, "the issuer's alternative names are not used"},
    {"2.5.29.9", "subjectDirectoryAttributes", false, "the attributes are not read"},
    {"2.5.29.19", "basicConstraints", true, "CA and pathLenConstraint are enforced"},
    {"2.5.29.30", "nameConstraints", false, "name constraints are not enforced (RFC 5280 6.1.3 b, c)"},
    {"2.5.29.36", "policyConstraints", false, "policies are not processed (RFC 5280 6.1.4 i)"},
    {"2.5.29.37", "extKeyUsage", true, "the purposes its application checks; a chain has none of its own"},
    {"2.5.29.31", "cRLDistributionPoints", false, "revocation is not checked"},
    {"2.5.29.54", "inhibitAnyPolicy", false, "policies are not processed (RFC 5280 6.1.4 j)"},
    {"2.5.29.46", "freshestCRL", false, "revocation is not checked"},
    {"1.3.6.1.5.5.7.1.1", "authorityInfoAccess", false, "issuers and OCSP responders are not fetched"},
    {"1.3.6.1.5.5.7.1.11", "subjectInfoAccess", false, "the access descriptions are not used"},
}};

constexpr std::uint8_t kBoolean = 0x01;

struct CertificateExtension {
  std::string oid;
  bool critical = false;
};

// The extensions of a certificate (TBSCertificate [3]), read from its DER in core, so
// every backend decides alike. The backend has already read the certificate; a structure
// that still does not walk is invalid_input.
Result<std::vector<CertificateExtension>> certificate_extensions(ByteView der) {
  const auto malformed = [] {
    return fail(ErrorCode::invalid_input, "its extensions are not well-formed DER");
  };
  der::Reader top(der);
  auto certificate = top.expect(der::kSequence, "Certificate");
  if (!certificate) return malformed();
  der::Reader body(certificate->content);
  auto tbs = body.expect(der::kSequence, "TBSCertificate");
  if (!tbs) return malformed();
  der::Reader fields(tbs->content);
  std::vector<CertificateExtension> out;
  while (!fields.empty()) {
    auto field = fields.next();
    if (!field) return malformed();
    if (field->tag != der::context_constructed(3)) continue;
    der::Reader wrapper(field->content);
    auto list = wrapper.expect(der::kSequence, "Extensions");
    if (!list) return malformed();
    der::Reader entries(list->content);
    while (!entries.empty()) {
      auto entry = entries.expect(der::kSequence, "Extension");
      if (!entry) return malformed();
      der::Reader parts(entry->content);
      auto oid = parts.expect(der::kOid, "extnID");
      if (!oid) return malformed();
      auto dotted = der::decode_oid(oid->content);
      if (!dotted) return malformed();
      bool critical = false;
      if (parts.peek_tag() == kBoolean) {
        auto flag = parts.next();
        if (!flag || flag->content.size() != 1) return malformed();
        critical = flag->content[0] != 0;
      }
      out.push_back(CertificateExtension{std::move(*dotted), critical});
    }
  }
  return out;
}

struct Node {
  Bytes der;
  CertificateInfo info;
  std::string origin;
  int version = 1;  // 1, 2 or 3, from the TBSCertificate's [0] version field
};

// The X.509 version: the TBSCertificate's first field is [0] EXPLICIT INTEGER when the
// version is not v1. The backend already read the certificate in strict DER, so anything
// unexpected here just means "no version field".
int certificate_version(ByteView der) {
  der::Reader top(der);
  auto certificate = top.expect(der::kSequence, "Certificate");
  if (!certificate) return 1;
  der::Reader body(certificate->content);
  auto tbs = body.expect(der::kSequence, "TBSCertificate");
  if (!tbs) return 1;
  der::Reader fields(tbs->content);
  if (fields.peek_tag() != der::context_constructed(0)) return 1;
  auto field = fields.next();
  if (!field) return 1;
  der::Reader inner(field->content);
  auto version = inner.expect(der::kInteger, "version");
  if (!version || version->content.size() != 1) return 1;
  return version->content[0] + 1;
}

bool is_ca(const CertificateInfo& info) {
  return info.extensions.basic_constraints && info.extensions.basic_constraints->ca;
}

bool self_issued(const CertificateInfo& info) { return info.subject_der == info.issuer_der; }

std::string describe(const Node& node) {
  return format_slash(node.info.subject) + " (" + node.origin + ")";
}

std::string at_depth(std::size_t depth) {
  return "depth " + std::to_string(depth) + (depth == 0 ? " (leaf)" : "");
}

// Whether `issuer` could have issued `child` by name and key identifiers: the names must
// match byte for byte; key identifiers, when both are there, must agree.
bool could_issue(const Node& issuer, const Node& child) {
  if (issuer.info.subject_der != child.info.issuer_der) return false;
  if (!child.info.authority_key_id.empty() && !issuer.info.subject_key_id.empty())
    return child.info.authority_key_id == issuer.info.subject_key_id;
  return true;
}

// Possible issuers of nodes[child] other than itself, in input order.
std::vector<std::size_t> issuer_candidates(const std::vector<Node>& nodes, std::size_t child) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (i != child && could_issue(nodes[i], nodes[child])) out.push_back(i);
  return out;
}

void add_finding(Chain& chain, ChainFindingKind kind, std::optional<std::size_t> depth,
                 std::string message) {
  ChainFinding finding{kind, false, ErrorCode::mismatch, depth, std::move(message)};
  switch (kind) {
    case ChainFindingKind::duplicate:
    case ChainFindingKind::unrelated:
    case ChainFindingKind::root_absent:
      break;
    case ChainFindingKind::missing_issuer:
      finding.problem = true;
      finding.code = ErrorCode::invalid_input;
      break;
    case ChainFindingKind::bad_signature:
    case ChainFindingKind::issuer_not_ca:
    case ChainFindingKind::path_too_long:
    case ChainFindingKind::expired:
    case ChainFindingKind::not_yet_valid:
    case ChainFindingKind::unrecognised_critical_extension:
      finding.problem = true;
      break;
  }
  chain.findings.push_back(std::move(finding));
}

// RFC 5280 4.2: a critical extension that kPathExtensions does not recognise refuses the
// path, one finding per extension.
Result<void> check_critical_extensions(Chain& chain, const Node& node, std::size_t depth) {
  auto extensions = certificate_extensions(node.der);
  if (!extensions) return std::unexpected(with_context(extensions.error(), describe(node)));
  for (const auto& extension : *extensions) {
    if (!extension.critical) continue;
    auto known = std::ranges::find(kPathExtensions, extension.oid, &PathExtension::oid);
    if (known != kPathExtensions.end() && known->recognised) continue;
    const std::string what =
        known == kPathExtensions.end()
            ? "a critical extension polycert does not recognise, " + extension.oid
            : "a critical " + std::string(known->name) + " extension (" + extension.oid +
                  "), which chain does not process: " + std::string(known->why);
    add_finding(chain, ChainFindingKind::unrecognised_critical_extension, depth,
                "the certificate at " + at_depth(depth) + ", " + describe(node) + ", has " + what +
                    "; RFC 5280 4.2 requires rejecting it");
  }
  return {};
}

void check_validity(Chain& chain, const Node& node, std::size_t depth, std::int64_t at) {
  if (node.info.not_after < at)
    add_finding(chain, ChainFindingKind::expired, depth,
                "the certificate at " + at_depth(depth) + ", " + describe(node) + ", expired on " +
                    format_time(node.info.not_after));
  if (node.info.not_before > at)
    add_finding(chain, ChainFindingKind::not_yet_valid, depth,
                "the certificate at " + at_depth(depth) + ", " + describe(node) +
                    ", is not valid before " + format_time(node.info.not_before));
}

// An issuer must be a CA: basicConstraints CA:TRUE on a v3 certificate (RFC 5280
// 4.2.1.9), and keyCertSign when it has a keyUsage (4.2.1.3). v1 and v2 certificates have
// no extensions to say so; they are taken as they are.
void check_issuer_is_ca(Chain& chain, const Node& issuer, std::size_t depth) {
  if (issuer.version < 3) return;
  const std::string who = "the issuer at " + at_depth(depth) + ", " + describe(issuer);
  if (!is_ca(issuer.info)) {
    add_finding(chain, ChainFindingKind::issuer_not_ca, depth,
                who + ", is not a CA certificate (" +
                    (issuer.info.extensions.basic_constraints ? "its basicConstraints says CA:FALSE"
                                                              : "it has no basicConstraints") +
                    ")");
    return;
  }
  if (issuer.info.extensions.key_usage && (*issuer.info.extensions.key_usage & kKeyCertSign) == 0)
    add_finding(chain, ChainFindingKind::issuer_not_ca, depth,
                who + ", may not sign certificates (its keyUsage lacks keyCertSign)");
  // pathLenConstraint (4.2.1.9): how many non-self-issued CA certificates may follow it,
  // the leaf not counted. chain.path holds depths 0 .. depth-1 below this issuer.
  const auto& path_length = issuer.info.extensions.basic_constraints->path_length;
  if (path_length) {
    const auto below = std::count_if(chain.path.begin() + 1, chain.path.end(),
                                     [](const ChainLink& link) { return !self_issued(link.info); });
    if (static_cast<std::size_t>(below) > *path_length)
      add_finding(chain, ChainFindingKind::path_too_long, depth,
                  who + ", allows " + std::to_string(*path_length) + " CA certificate" +
                      (*path_length == 1 ? "" : "s") + " below it (pathLenConstraint), and " +
                      std::to_string(below) + " follow");
  }
}

// A loop: every certificate is named as the issuer of another, so there is no leaf.
// Following "issued" from any certificate must come back to one already seen.
Error loop_error(const std::vector<Node>& nodes) {
  std::vector<std::size_t> walk{0};
  for (;;) {
    const std::size_t current = walk.back();
    std::optional<std::size_t> child;
    for (std::size_t i = 0; i < nodes.size() && !child; ++i)
      if (i != current && could_issue(nodes[current], nodes[i])) child = i;
    if (!child) break;  // cannot happen when every node is named; stop anyway
    auto seen = std::ranges::find(walk, *child);
    if (seen != walk.end()) {
      std::string cycle;
      for (auto it = seen; it != walk.end(); ++it)
        cycle += format_slash(nodes[*it].info.subject) + " -> ";
      cycle += format_slash(nodes[*child].info.subject);
      return Error{ErrorCode::invalid_input,
                   "the certificates form a loop (" + cycle +
                       ", each issuing the next), so no certificate is the leaf"};
    }
    walk.push_back(*child);
  }
  return Error{ErrorCode::invalid_input,
               "no leaf: every certificate is named as the issuer of another"};
}

Result<std::size_t> choose_leaf(const std::vector<Node>& nodes) {
  std::vector<std::size_t> candidates;
  for (std::size_t j = 0; j < nodes.size(); ++j) {
    bool named = false;
    for (std::size_t i = 0; i < nodes.size() && !named; ++i)
      named = i != j && could_issue(nodes[j], nodes[i]);
    if (!named) candidates.push_back(j);
  }
  if (candidates.empty()) return std::unexpected(loop_error(nodes));
  if (candidates.size() == 1) return candidates.front();
  std::vector<std::size_t> end_entities;
  for (auto i : candidates)
    if (!is_ca(nodes[i].info)) end_entities.push_back(i);
  if (end_entities.size() == 1) return end_entities.front();
  const auto& listed = end_entities.empty() ? candidates : end_entities;
  // The count and the first few: a bag of a thousand leaves is one readable line, not 40 KB.
  constexpr std::size_t kNamed = 3;
  std::string list;
  for (std::size_t k = 0; k < listed.size() && k < kNamed; ++k)
    list += (list.empty() ? "" : "; ") + describe(nodes[listed[k]]);
  if (listed.size() > kNamed) list += "; and " + std::to_string(listed.size() - kNamed) + " more";
  return fail(ErrorCode::invalid_input,
              std::to_string(listed.size()) +
                  " certificates could each be the leaf (none issued another): " + list +
                  "; name the leaf explicitly");
}


bool read_number(std::string_view text, std::size_t pos, std::size_t digits, unsigned& out) {
  if (pos + digits > text.size()) return false;
  for (std::size_t i = pos; i < pos + digits; ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  std::from_chars(text.data() + pos, text.data() + pos + digits, out);
  return true;
}

}  // namespace

std::string_view to_string(ChainFindingKind kind) {
  switch (kind) {
    case ChainFindingKind::duplicate:
      return "duplicate";
    case ChainFindingKind::unrelated:
      return "unrelated";
    case ChainFindingKind::root_absent:
      return "root_absent";
    case ChainFindingKind::missing_issuer:
      return "missing_issuer";
    case ChainFindingKind::bad_signature:
      return "bad_signature";
    case ChainFindingKind::issuer_not_ca:
      return "issuer_not_ca";
    case ChainFindingKind::path_too_long:
      return "path_too_long";
    case ChainFindingKind::expired:
      return "expired";
    case ChainFindingKind::not_yet_valid:
      return "not_yet_valid";
    case ChainFindingKind::unrecognised_critical_extension:
      return "unrecognised_critical_extension";
  }
  return "unknown";
}

std::span<const PathExtension> path_extensions() { return kPathExtensions; }

std::vector<Bytes> Chain::certificates(bool with_root) const {
  std::vector<Bytes> out;
  // A lone root is its own leaf: it stays.
  const std::size_t count =
      (has_root && !with_root && path.size() > 1) ? path.size() - 1 : path.size();
  for (std::size_t i = 0; i < count; ++i) out.push_back(path[i].der);
  return out;
}

Result<Chain> build_chain(Provider& provider, std::span<const ChainInput> inputs,
                          const ChainOptions& options) {
  const SignatureCheckBudget budget;  // every link and candidate checked, for one chain
  if (inputs.empty())
    return fail(ErrorCode::invalid_input, "no certificates to build a chain from");
  if (inputs.size() > kMaxChainInputs)
    return fail(ErrorCode::invalid_input, std::to_string(inputs.size()) +
                                              " certificates, over polycert's limit of " +
                                              std::to_string(kMaxChainInputs) +
                                              " to build a chain from");
  if (options.leaf && *options.leaf >= inputs.size())
    return fail(ErrorCode::invalid_input, "the leaf is not one of the inputs");

  Chain chain;
  std::vector<Node> nodes;
  std::optional<std::size_t> leaf;
  for (std::size_t index = 0; index < inputs.size(); ++index) {
    const auto& input = inputs[index];
    auto info = provider.parse_certificate(input.der);
    if (!info) return std::unexpected(with_context(info.error(), input.origin));
    auto same = std::ranges::find_if(nodes, [&](const Node& node) {
      return node.info.sha256_fingerprint == info->sha256_fingerprint;
    });
    if (same != nodes.end()) {
      add_finding(chain, ChainFindingKind::duplicate, std::nullopt,
                  input.origin + " is the same certificate as " + same->origin + " (" +
                      format_slash(same->info.subject) + "); dropped");
      if (options.leaf == index) leaf = static_cast<std::size_t>(same - nodes.begin());
      continue;
    }
    if (options.leaf == index) leaf = nodes.size();
    nodes.push_back(
        Node{input.der, std::move(*info), input.origin, certificate_version(input.der)});
  }

  if (!leaf) {
    auto chosen = choose_leaf(nodes);
    if (!chosen) return std::unexpected(chosen.error());
    leaf = *chosen;
  }

  std::vector<bool> on_path(nodes.size(), false);
  std::optional<std::size_t> top_missing;  // depth of a certificate whose issuer is absent
  std::size_t current = *leaf;
  for (std::size_t depth = 0;; ++depth) {
    if (depth == kMaxChainLength)
      return fail(ErrorCode::invalid_input, "the chain is longer than " +
                                                std::to_string(kMaxChainLength) +
                                                " certificates (polycert's limit)");
    const Node& node = nodes[current];
    on_path[current] = true;
    chain.path.push_back(ChainLink{node.der, node.info, node.origin});
    check_validity(chain, node, depth, options.at);
    if (auto checked = check_critical_extensions(chain, node, depth); !checked)
      return std::unexpected(checked.error());

    if (self_issued(node.info)) {
      auto verified = provider.verify_certificate_signature(node.der, node.der);
      if (verified) {
        chain.has_root = true;
        break;
      }
      if (verified.error().code != ErrorCode::mismatch)
        return std::unexpected(with_context(verified.error(), node.origin));
      // Self-issued but not self-signed (a CA key rollover): its issuer is another
      // certificate with the same name, looked for below.
    }

    const auto candidates = issuer_candidates(nodes, current);
    if (candidates.size() > kMaxIssuerCandidates)
      return fail(ErrorCode::invalid_input,
                  std::to_string(candidates.size()) + " certificates could be the issuer of " +
                      describe(node) + ", over polycert's limit of " +
                      std::to_string(kMaxIssuerCandidates) + " to try");
    if (candidates.empty()) {
      if (self_issued(node.info))
        add_finding(chain, ChainFindingKind::bad_signature, depth,
                    "the self-issued certificate at " + at_depth(depth) + ", " + describe(node) +
                        ", is not signed by its own key, and no other certificate has its name");
      else
        top_missing = depth;
      break;
    }
    std::optional<std::size_t> issuer;
    for (auto candidate : candidates) {
      auto verified = provider.verify_certificate_signature(node.der, nodes[candidate].der);
      if (verified) {
        issuer = candidate;
        break;
      }
      if (verified.error().code != ErrorCode::mismatch)
        return std::unexpected(with_context(verified.error(), node.origin));
    }
    if (!issuer) {
      // Named by its issuer, but no candidate's key verifies the signature: report the
      // link and follow it, so the rest of the chain is still checked and shown.
      issuer = candidates.front();
      add_finding(chain, ChainFindingKind::bad_signature, depth,
                  "the signature of the certificate at " + at_depth(depth) + ", " + describe(node) +
                      ", does not verify with the key of its issuer " + describe(nodes[*issuer]));
    }
    if (on_path[*issuer]) {
      std::string cycle;
      for (const auto& link : chain.path) cycle += format_slash(link.info.subject) + " -> ";
      return fail(ErrorCode::invalid_input, "the certificates form a loop (" + cycle +
                                                format_slash(nodes[*issuer].info.subject) + ")");
    }
    check_issuer_is_ca(chain, nodes[*issuer], depth + 1);
    current = *issuer;
  }

  bool unrelated_ca = false;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (on_path[i]) continue;
    unrelated_ca = unrelated_ca || is_ca(nodes[i].info);
    add_finding(chain, ChainFindingKind::unrelated, std::nullopt,
                describe(nodes[i]) + " is not part of the chain; left out");
  }

  if (top_missing) {
    const Node& top = nodes[current];
    const std::string issuer_name = format_slash(top.info.issuer);
    const std::string where = "the certificate at " + at_depth(*top_missing) + ", " + describe(top);
    // A certificate with the issuer's name that could_issue set aside (its key identifier
    // is not the one the child names): say so, rather than "not among the inputs".
    std::optional<std::size_t> namesake;
    for (std::size_t i = 0; i < nodes.size() && !namesake; ++i)
      if (!on_path[i] && nodes[i].info.subject_der == top.info.issuer_der) namesake = i;
    if (namesake) {
      auto verified = provider.verify_certificate_signature(top.der, nodes[*namesake].der);
      add_finding(chain, ChainFindingKind::bad_signature, *top_missing,
                  "the issuer of " + where + ", is " + issuer_name + ": " + describe(nodes[*namesake]) +
                      " has that name, but " +
                      (verified ? std::string("its subjectKeyIdentifier is not the authorityKeyIdentifier the "
                                              "certificate names")
                                : std::string("its key does not verify the certificate's signature (another "
                                              "CA with the same name, or a re-keyed one)")));
    } else if (options.require_root)
      add_finding(
          chain, ChainFindingKind::missing_issuer, *top_missing,
          "no root: the issuer of " + where + ", " + issuer_name + ", is not among the inputs");
    else if (unrelated_ca)
      // CA certificates were given that do not connect: a link in the middle is missing.
      add_finding(chain, ChainFindingKind::missing_issuer, *top_missing,
                  "missing link: the issuer of " + where + ", " + issuer_name +
                      ", is not among the inputs, so the other CA certificates given do not "
                      "connect to the chain");
    else
      add_finding(chain, ChainFindingKind::root_absent, *top_missing,
                  "the chain ends with " + where + "; its issuer " + issuer_name +
                      " is not among the inputs (a client must hold it as a trust anchor)");
  }
  return chain;
}

std::optional<Error> chain_error(const Chain& chain) {
  std::optional<Error> error;
  for (const auto& finding : chain.findings) {
    if (!finding.problem) continue;
    if (!error)
      error = Error{finding.code, finding.message};
    else
      error->message += "; " + finding.message;
  }
  return error;
}

Result<std::int64_t> parse_utc_time(std::string_view text) {
  const auto bad = [&] {
    return fail(ErrorCode::invalid_input,
                "'" + std::string(text) +
                    "' is not a time: use 2030-01-31, 2030-01-31T12:00:00Z or @SECONDS (UTC)");
  };
  if (!text.empty() && text.front() == '@') {
    std::int64_t seconds = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data() + 1, end, seconds);
    if (ec != std::errc() || ptr != end || text.size() == 1) return bad();
    return seconds;
  }
  unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!read_number(text, 0, 4, year) || text.size() < 10 || text[4] != '-' ||
      !read_number(text, 5, 2, month) || text[7] != '-' || !read_number(text, 8, 2, day))
    return bad();
  if (text.size() > 10) {
    std::string_view rest = text.substr(10);
    if (rest.back() == 'Z' || rest.back() == 'z') rest.remove_suffix(1);
    if (rest.size() != 9 || (rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ') ||
        !read_number(rest, 1, 2, hour) || rest[3] != ':' || !read_number(rest, 4, 2, minute) ||
        rest[6] != ':' || !read_number(rest, 7, 2, second))
      return bad();
  }
  static constexpr unsigned kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1] ||
      (month == 2 && day == 29 && !leap) || hour > 23 || minute > 59 || second > 59)
    return bad();
  return unix_seconds(CivilTime{year, static_cast<int>(month), static_cast<int>(day),
                                static_cast<int>(hour), static_cast<int>(minute), static_cast<int>(second)});
}

Result<bool> key_matches(Provider& provider, const PrivateKey& key, ByteView spki) {
  auto mine = provider.export_public_key(key);
  if (!mine) return std::unexpected(mine.error());
  if (std::ranges::equal(*mine, spki)) return true;
  // Another encoding of the same key (a compressed point, say) matches once the backend
  // has read it and written it the canonical way; a key it cannot read does not match.
  auto theirs = provider.import_public_key(spki);
  if (!theirs) return false;
  auto canonical = provider.export_public_key(**theirs);
  if (!canonical) return false;
  return *canonical == *mine;
}

}  // namespace polycert
