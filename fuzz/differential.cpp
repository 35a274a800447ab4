#include "differential.hpp"

#include <polycert/conformance/semantic_diff.hpp>
#include <polycert/der.hpp>
#include <polycert/key_structure.hpp>
#include <polycert/x509.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <utility>

namespace polycert::fuzz {

namespace {

// Public bytes as hex for a finding's report; long values are cut, with their length.
std::string hex_text(ByteView bytes) {
  constexpr std::size_t kShown = 48;
  if (bytes.empty()) return "(empty)";
  if (bytes.size() <= kShown) return hex_with_colons(bytes);
  return hex_with_colons(bytes.first(kShown)) + ":... (" + std::to_string(bytes.size()) +
         " bytes)";
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// A comment starts at a '#' that begins the line or follows a blank; "PKCS#8" is no comment.
std::string_view without_comment(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i)
    if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t'))
      return line.substr(0, i);
  return line;
}

// The allowlist, read once from the file POLYCERT_FUZZ_KNOWN names (none: empty). A file
// that cannot be read is a mistake worth stopping for, not an empty list.
const std::vector<std::string>& known_signatures() {
  static const std::vector<std::string> known = [] {
    std::vector<std::string> entries;
    const char* path = std::getenv("POLYCERT_FUZZ_KNOWN");
    if (path == nullptr || *path == '\0') return entries;
    std::ifstream in(path);
    check(in.good(), std::string("cannot read POLYCERT_FUZZ_KNOWN file ") + path);
    for (std::string line; std::getline(in, line);) {
      std::string entry = trim(without_comment(line));
      if (!entry.empty()) entries.push_back(std::move(entry));
    }
    return entries;
  }();
  return known;
}

bool is_known(std::string_view signature) {
  for (const std::string& entry : known_signatures()) {
    if (signature == entry) return true;
    if (signature.size() > entry.size() && signature.starts_with(entry) &&
        signature[entry.size()] == ':')
      return true;
  }
  return false;
}

// Text for the terminal: bytes outside printable ASCII as \xNN (a fuzzed name or
// unstructuredName holds anything).
std::string printable(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == '\n' || (byte >= 0x20 && byte < 0x7f)) {
      out += c;
    } else {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
      out += escaped;
    }
  }
  return out;
}

// A field as a signature: every number or dotted OID becomes "N", so that "subject: RDN 3"
// and "extension 2.10829.35" name their class, not the one input.
std::string field_signature(std::string_view field) {
  auto digit = [&](std::size_t i) {
    return i < field.size() && std::isdigit(static_cast<unsigned char>(field[i])) != 0;
  };
  std::string out;
  for (std::size_t i = 0; i < field.size();) {
    if (!digit(i)) {
      out += field[i++];
      continue;
    }
    out += 'N';
    while (digit(i) || (field[i] == '.' && digit(i + 1))) ++i;
  }
  return out;
}

KeySpec spec_of(const KeyStructure& structure) {
  return KeySpec{structure.algorithm, structure.rsa_bits, structure.curve};
}

// The SubjectPublicKeyInfo inside a certificate (`in_certificate`) or a request, found by
// position alone, or nothing when the structure around it does not read.
std::optional<ByteView> embedded_spki(ByteView der, bool in_certificate) {
  der::Reader top(der);
  auto outer = top.expect(der::kSequence, "outer SEQUENCE");
  if (!outer) return std::nullopt;
  der::Reader body(outer->content);
  auto info = body.expect(der::kSequence, "to-be-signed SEQUENCE");
  if (!info) return std::nullopt;
  der::Reader fields(info->content);
  // Certificate: [0] version?, serial, signature, issuer, validity, subject, SPKI.
  // Request: version, subject, SPKI.
  if (in_certificate && fields.peek_tag() == der::context_constructed(0) && !fields.next())
    return std::nullopt;
  for (int skipped = 0; skipped < (in_certificate ? 5 : 2); ++skipped)
    if (!fields.next()) return std::nullopt;
  auto spki = fields.expect(der::kSequence, "SubjectPublicKeyInfo");
  if (!spki) return std::nullopt;
  return spki->whole;
}

// The key spec core's inspection finds in the input's SubjectPublicKeyInfo, so that a
// backend's `unsupported` is judged even when no backend read the whole input.
std::optional<KeySpec> embedded_spec(ByteView der, bool in_certificate) {
  auto spki = embedded_spki(der, in_certificate);
  if (!spki) return std::nullopt;
  auto structure = inspect_public_key(*spki);
  if (!structure) return std::nullopt;
  return spec_of(*structure);
}

template <typename T>
BackendVerdict verdict_of(const Provider& provider, const Result<T>& result,
                          std::span<const Operation> gap_operations,
                          const std::optional<KeySpec>& spec) {
  BackendVerdict verdict{std::string(provider.name()), std::nullopt, false};
  if (!result) {
    verdict.error = result.error();
    verdict.gap = result.error().code == ErrorCode::unsupported &&
                  documented_gap(provider, gap_operations, spec);
  }
  return verdict;
}

// Exact bytes of a field the semantic diff compares by meaning only.
void compare_bytes(Divergences& out, std::string_view kind, std::string_view field,
                   ByteView left, ByteView right, std::string_view left_backend,
                   std::string_view right_backend) {
  if (std::ranges::equal(left, right)) return;
  out.add(std::string(kind) + ":field:" + std::string(field),
          std::string(field) + ": " + std::string(left_backend) + " " + hex_text(left) + " | " +
              std::string(right_backend) + " " + hex_text(right));
}

void compare_spec(Divergences& out, std::string_view kind, const KeySpec& left,
                  const KeySpec& right, std::string_view left_backend,
                  std::string_view right_backend) {
  if (left == right) return;
  out.add(std::string(kind) + ":field:key spec",
          "key spec: " + std::string(left_backend) + " " + to_string(left) + " | " +
              std::string(right_backend) + " " + to_string(right));
}

}  // namespace

std::string verdict_class(const BackendVerdict& verdict) {
  return verdict.error ? std::string(to_string(verdict.error->code)) : "ok";
}

bool documented_gap(const Provider& provider, std::span<const Operation> operations,
                    const std::optional<KeySpec>& spec) {
  for (const Capability& row : provider.capabilities().rows()) {
    if (row.supported || std::ranges::find(operations, row.operation) == operations.end())
      continue;
    if (!spec) return false;
    // Any size of the algorithm: the matrix lists generatable sizes, a file holds any.
    const std::string algorithm(to_string(spec->algorithm));
    if (row.subject == to_string(*spec) || row.subject == algorithm ||
        row.subject.starts_with(algorithm + ":"))
      return true;
  }
  return false;
}

bool documented_gap(const Provider& provider, std::span<const Operation> operations) {
  return std::ranges::any_of(provider.capabilities().rows(), [&](const Capability& row) {
    return !row.supported && std::ranges::find(operations, row.operation) != operations.end();
  });
}

void Divergences::add(std::string signature, std::string details) {
  entries_.push_back(Entry{std::move(signature), std::move(details)});
}

bool Divergences::verdicts(std::string_view kind, std::string_view question,
                           const std::vector<BackendVerdict>& verdicts) {
  std::vector<const BackendVerdict*> taking_part;
  for (const BackendVerdict& verdict : verdicts)
    if (!verdict.gap) taking_part.push_back(&verdict);
  const bool agree = std::ranges::all_of(taking_part, [&](const BackendVerdict* verdict) {
    return verdict_class(*verdict) == verdict_class(*taking_part.front());
  });
  if (agree) return true;
  std::ranges::sort(taking_part, {}, &BackendVerdict::backend);
  std::string signature = std::string(kind) + ":" + std::string(question) + ":";
  std::string details = std::string(question) + ":";
  for (const BackendVerdict* verdict : taking_part) {
    if (signature.back() != ':') signature += ',';
    signature += verdict->backend + "=" + verdict_class(*verdict);
  }
  for (const BackendVerdict& verdict : verdicts) {
    details += "\n      " + verdict.backend + ": " + verdict_class(verdict);
    if (verdict.error) details += " \"" + verdict.error->message + "\"";
    if (verdict.gap) details += " (documented capability gap: not compared)";
  }
  add(std::move(signature), std::move(details));
  return false;
}

void Divergences::differences(std::string_view kind,
                              const std::vector<conformance::Difference>& list) {
  for (const conformance::Difference& difference : list) {
    if (difference.capability_gap) continue;  // as for verdicts: a gap is not compared
    add(std::string(kind) + ":field:" + field_signature(difference.field),
        difference.field + ": " + difference.left_source + " " + difference.left + " | " +
            difference.right_source + " " + difference.right +
            (difference.matters ? " (matters: " : " (does not matter: ") + difference.why + ")");
  }
}

void Divergences::settle(std::string_view target) const {
  const bool all_known = std::ranges::all_of(
      entries_, [](const Entry& entry) { return is_known(entry.signature); });
  if (all_known) return;
  std::fprintf(stderr, "polycert fuzz: %.*s: the backends diverge\n", int(target.size()),
               target.data());
  for (const Entry& entry : entries_)
    std::fprintf(stderr, "  [%s] %s\n    %s\n", is_known(entry.signature) ? "known" : "NEW",
                 printable(entry.signature).c_str(), printable(entry.details).c_str());
  check(false, "a divergence not on the POLYCERT_FUZZ_KNOWN list");
}

void compare_certificate(ByteView certificate, Divergences& out) {
  static constexpr Operation kGaps[] = {Operation::read_certificate};
  auto& all = providers();
  std::vector<Result<CertificateInfo>> infos;
  std::optional<KeySpec> spec;
  for (auto& provider : all) {
    infos.push_back(provider->parse_certificate(certificate));
    if (infos.back() && !spec) spec = infos.back()->key;
  }
  if (!spec) spec = embedded_spec(certificate, true);
  std::vector<BackendVerdict> verdicts;
  for (std::size_t i = 0; i < all.size(); ++i)
    verdicts.push_back(verdict_of(*all[i], infos[i], kGaps, spec));
  out.verdicts("certificate", "verdict", verdicts);

  std::optional<std::size_t> reference;
  std::vector<BackendVerdict> self_signature;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!infos[i]) continue;
    self_signature.push_back(
        verdict_of(*all[i], all[i]->verify_certificate_signature(certificate, certificate), kGaps,
                   infos[i]->key));
    if (!reference) {
      reference = i;
      continue;
    }
    const CertificateInfo& left = *infos[*reference];
    const CertificateInfo& right = *infos[i];
    const std::string left_name(all[*reference]->name()), right_name(all[i]->name());
    auto differences = conformance::diff_certificate(left, right, left_name, right_name);
    if (differences.empty()) {
      // What the semantic diff reads by meaning must also be the same bytes: a serial
      // "00" is not "" (leading zeros are dropped there).
      compare_bytes(out, "certificate", "serial encoding", left.serial, right.serial, left_name,
                    right_name);
      compare_bytes(out, "certificate", "subject DER", left.subject_der, right.subject_der,
                    left_name, right_name);
      compare_bytes(out, "certificate", "issuer DER", left.issuer_der, right.issuer_der,
                    left_name, right_name);
      compare_bytes(out, "certificate", "public key DER", left.public_key, right.public_key,
                    left_name, right_name);
      compare_spec(out, "certificate", left.key, right.key, left_name, right_name);
    }
    out.differences("certificate", differences);
  }
  out.verdicts("certificate", "self-signature", self_signature);
}

void compare_csr(ByteView csr, Divergences& out) {
  static constexpr Operation kGaps[] = {Operation::read_csr};
  auto& all = providers();
  std::vector<Result<CsrInfo>> infos;
  std::optional<KeySpec> spec;
  for (auto& provider : all) {
    infos.push_back(provider->parse_csr(csr));
    if (infos.back() && !spec) spec = infos.back()->key;
  }
  if (!spec) spec = embedded_spec(csr, false);
  std::vector<BackendVerdict> verdicts;
  for (std::size_t i = 0; i < all.size(); ++i)
    verdicts.push_back(verdict_of(*all[i], infos[i], kGaps, spec));
  out.verdicts("csr", "verdict", verdicts);

  std::optional<std::size_t> reference;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!infos[i]) continue;
    if (!reference) {
      reference = i;
      continue;
    }
    const CsrInfo& left = *infos[*reference];
    const CsrInfo& right = *infos[i];
    const std::string left_name(all[*reference]->name()), right_name(all[i]->name());
    auto differences = conformance::diff_csr(left, right, left_name, right_name);
    if (differences.empty()) {
      compare_bytes(out, "csr", "subject DER", left.subject_der, right.subject_der, left_name,
                    right_name);
      compare_bytes(out, "csr", "public key DER", left.public_key, right.public_key, left_name,
                    right_name);
      compare_spec(out, "csr", left.key, right.key, left_name, right_name);
    }
    out.differences("csr", differences);
  }
}

void compare_private_key(ByteView der, Divergences& out) {
  static constexpr Operation kImportGaps[] = {Operation::import_pkcs8,
                                              Operation::import_traditional};
  static constexpr Operation kPkcs8Gaps[] = {Operation::export_pkcs8};
  static constexpr Operation kSpkiGaps[] = {Operation::export_spki};
  auto& all = providers();
  std::vector<Result<std::unique_ptr<PrivateKey>>> keys;
  std::optional<KeySpec> spec;
  for (auto& provider : all) {
    keys.push_back(provider->import_private_key(der));
    if (keys.back() && !spec) spec = (*keys.back())->spec();
  }
  for (PrivateKeyForm form :
       {PrivateKeyForm::pkcs8, PrivateKeyForm::rsa_pkcs1, PrivateKeyForm::ec_sec1}) {
    if (spec) break;
    if (auto structure = inspect_private_key(der, form)) spec = spec_of(*structure);
  }
  std::vector<BackendVerdict> verdicts;
  for (std::size_t i = 0; i < all.size(); ++i)
    verdicts.push_back(verdict_of(*all[i], keys[i], kImportGaps, spec));
  out.verdicts("private_key", "verdict", verdicts);

  // The exports of every backend that imported the key, compared with the first's.
  std::vector<BackendVerdict> pkcs8_verdicts, spki_verdicts;
  std::optional<std::size_t> reference;
  std::optional<SecureBuffer> reference_pkcs8;
  std::optional<Bytes> reference_spki;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!keys[i]) continue;
    const PrivateKey& key = **keys[i];
    auto pkcs8 = all[i]->export_private_key(key, PrivateKeyEncoding::pkcs8);
    auto spki = all[i]->export_public_key(key);
    pkcs8_verdicts.push_back(verdict_of(*all[i], pkcs8, kPkcs8Gaps, key.spec()));
    spki_verdicts.push_back(verdict_of(*all[i], spki, kSpkiGaps, key.spec()));
    if (!reference) {
      reference = i;
      if (pkcs8) reference_pkcs8 = std::move(*pkcs8);
      if (spki) reference_spki = std::move(*spki);
      continue;
    }
    const std::string left_name(all[*reference]->name()), right_name(all[i]->name());
    compare_spec(out, "private_key", (*keys[*reference])->spec(), key.spec(), left_name,
                 right_name);
    if (reference_pkcs8 && pkcs8) {
      auto differences =
          conformance::diff_private_key_encoding(*reference_pkcs8, *pkcs8, left_name, right_name);
      // Private bytes: only their sizes are printed.
      if (differences.empty() && !std::ranges::equal(*reference_pkcs8, *pkcs8))
        out.add("private_key:field:PKCS#8 bytes",
                "PKCS#8 export: " + left_name + " " + std::to_string(reference_pkcs8->size()) +
                    " bytes | " + right_name + " " + std::to_string(pkcs8->size()) +
                    " bytes, same meaning, different bytes");
      out.differences("private_key", differences);
    }
    if (reference_spki && spki)
      compare_bytes(out, "private_key", "public key DER", *reference_spki, *spki, left_name,
                    right_name);
  }
  out.verdicts("private_key", "export-pkcs8", pkcs8_verdicts);
  out.verdicts("private_key", "export-spki", spki_verdicts);
}

void compare_public_key(ByteView spki, Divergences& out) {
  static constexpr Operation kImportGaps[] = {Operation::import_spki};
  static constexpr Operation kExportGaps[] = {Operation::export_spki};
  auto& all = providers();
  // Core's inspection knows the algorithm even when no backend imports the key.
  std::optional<KeySpec> spec;
  if (auto structure = inspect_public_key(spki)) spec = spec_of(*structure);
  std::vector<Result<std::unique_ptr<PublicKey>>> keys;
  for (auto& provider : all) keys.push_back(provider->import_public_key(spki));
  std::vector<BackendVerdict> verdicts;
  for (std::size_t i = 0; i < all.size(); ++i)
    verdicts.push_back(verdict_of(*all[i], keys[i], kImportGaps, spec));
  out.verdicts("public_key", "verdict", verdicts);

  std::vector<BackendVerdict> export_verdicts;
  std::optional<std::size_t> reference;
  std::optional<Bytes> reference_spki;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!keys[i]) continue;
    const PublicKey& key = **keys[i];
    auto exported = all[i]->export_public_key(key);
    export_verdicts.push_back(verdict_of(*all[i], exported, kExportGaps, key.spec()));
    if (!reference) {
      reference = i;
      if (exported) reference_spki = std::move(*exported);
      continue;
    }
    const std::string left_name(all[*reference]->name()), right_name(all[i]->name());
    compare_spec(out, "public_key", (*keys[*reference])->spec(), key.spec(), left_name,
                 right_name);
    if (reference_spki && exported)
      compare_bytes(out, "public_key", "SPKI export", *reference_spki, *exported, left_name,
                    right_name);
  }
  out.verdicts("public_key", "export", export_verdicts);
}

}  // namespace polycert::fuzz
