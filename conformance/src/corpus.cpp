// The corpus: a user's files, each read by every backend the way polycert's commands read
// it (format detection and containers in core, every cryptographic step in the backend).
#include <polycert/conformance/steps.hpp>

#include <polycert/conformance/corpus.hpp>
#include <polycert/key_encoding.hpp>
#include <polycert/key_structure.hpp>
#include <polycert/conformance/semantic_diff.hpp>
#include <polycert/encrypted_key.hpp>
#include <polycert/file_output.hpp>
#include <polycert/formats.hpp>
#include <polycert/name.hpp>
#include <polycert/password.hpp>
#include <polycert/pkcs12.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

namespace polycert::conformance {

namespace {

using steps::fail;

constexpr std::string_view kManifestName = "manifest.tsv";
constexpr std::string_view kFieldNames[] = {"key",   "subject",   "issuer", "serial",
                                            "count", "signature", "error",  "gap"};

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream stream(text);
  while (std::getline(stream, part, separator)) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

std::optional<CorpusExpect> parse_expect(std::string_view text) {
  if (text == "ok") return CorpusExpect::ok;
  if (text == "valid") return CorpusExpect::valid;
  if (text == "reject") return CorpusExpect::reject;
  if (text == "gap") return CorpusExpect::gap;
  return std::nullopt;
}

// Upper-case hex without colons: the manifest may copy openssl's "ab:cd" form.
std::string normal_hex(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c != ':') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool names_gap(const CorpusEntry& entry, const std::string& backend) {
  return entry.expect == CorpusExpect::gap &&
         std::ranges::find(entry.gap_backends, backend) != entry.gap_backends.end();
}

// The manifest's reason, appended to a verdict's reason when the row gives one.
std::string with_why(std::string reason, const CorpusEntry& entry) {
  if (!entry.why.empty()) reason += " [manifest: " + entry.why + "]";
  return reason;
}

std::optional<CorpusKind> parse_kind(std::string_view text) {
  if (text == "certificate") return CorpusKind::certificate;
  if (text == "csr") return CorpusKind::csr;
  if (text == "private-key") return CorpusKind::private_key;
  if (text == "public-key") return CorpusKind::public_key;
  if (text == "pkcs7") return CorpusKind::pkcs7;
  if (text == "pkcs12") return CorpusKind::pkcs12;
  return std::nullopt;
}

// What one backend made of a file.
struct Reading {
  std::optional<KeySpec> key;
  std::optional<Bytes> spki;
  std::optional<CertificateInfo> certificate;  ///< the first one
  std::optional<CsrInfo> csr;
  std::size_t count = 0;  ///< certificates found
};

// The error for a file whose object is not of the manifest's kind.
std::unexpected<Error> wrong_kind(const FoundObject& object, std::string_view expected) {
  return std::unexpected(Error{ErrorCode::invalid_input, "found a " + std::string(describe(object.kind)) +
                                                             " where " + std::string(expected) +
                                                             " was expected"});
}

Result<const FoundObject*> single_object(const std::vector<FoundObject>& objects) {
  if (objects.size() != 1)
    return std::unexpected(Error{ErrorCode::invalid_input,
                                 "the file holds " + std::to_string(objects.size()) +
                                     " objects where one was expected"});
  return &objects.front();
}

Result<SecureBuffer> entry_password(const CorpusEntry& entry) {
  if (!entry.password) return SecureBuffer{};
  return read_password(*entry.password);
}

// Reads the file with `provider`; errors are returned, not judged.
Result<Reading> read_entry(Provider& provider, const CorpusEntry& entry) {
  auto contents = read_file(entry.path.string());
  if (!contents) return std::unexpected(contents.error());
  auto objects = find_objects(*contents);
  if (!objects) return std::unexpected(objects.error());
  auto password = entry_password(entry);
  if (!password) return std::unexpected(password.error());
  Reading reading;
  auto read_certificates = [&](const std::vector<Bytes>& certificates) -> Result<void> {
    for (const Bytes& der : certificates) {
      auto info = provider.parse_certificate(der);
      if (!info) return std::unexpected(info.error());
      if (!reading.certificate) reading.certificate = std::move(*info);
    }
    reading.count = certificates.size();
    if (reading.certificate) {
      reading.key = reading.certificate->key;
      reading.spki = reading.certificate->public_key;
    }
    return {};
  };
  auto read_private_key = [&](ByteView der) -> Result<void> {
    auto key = provider.import_private_key(der);
    if (!key && key.error().code == ErrorCode::unsupported) {
      // Read what cannot be used: a key of another algorithm or curve is described by core.
      auto form = detect_private_key_form(der);
      auto description = form ? describe_private_key(der, *form) : Result<PublicKeyDescription>(std::unexpected(form.error()));
      if (description && !description->usable) return {};
    }
    if (!key) return std::unexpected(key.error());
    auto spki = provider.export_public_key(**key);
    if (!spki) return std::unexpected(spki.error());
    reading.key = (*key)->spec();
    reading.spki = std::move(*spki);
    return {};
  };
  switch (entry.kind) {
    case CorpusKind::certificate: {
      std::vector<Bytes> certificates;
      for (const FoundObject& object : *objects) {
        if (object.kind != ObjectKind::certificate)
          return wrong_kind(object, "a certificate");
        certificates.emplace_back(object.der.begin(), object.der.end());
      }
      if (auto read = read_certificates(certificates); !read) return std::unexpected(read.error());
      return reading;
    }
    case CorpusKind::csr: {
      auto single = single_object(*objects);
      if (!single) return std::unexpected(single.error());
      const FoundObject& object = **single;
      if (object.kind != ObjectKind::certificate_request)
        return wrong_kind(object, "a certificate request");
      auto info = provider.parse_csr(object.der);
      if (!info) return std::unexpected(info.error());
      reading.key = info->key;
      reading.spki = info->public_key;
      reading.csr = std::move(*info);
      return reading;
    }
    case CorpusKind::private_key: {
      auto single = single_object(*objects);
      if (!single) return std::unexpected(single.error());
      const FoundObject& object = **single;
      SecureBuffer der;
      if (object.kind == ObjectKind::private_key) {
        der = object.der;
      } else if (object.kind == ObjectKind::encrypted_private_key) {
        auto plain = decrypt_private_key(provider, object.der, *password);
        if (!plain) return std::unexpected(plain.error());
        der = std::move(*plain);
      } else if (object.kind == ObjectKind::legacy_encrypted_key) {
        auto plain = decrypt_legacy_pem_key(provider, object.dek_info, object.der, *password);
        if (!plain) return std::unexpected(plain.error());
        der = std::move(*plain);
      } else {
        return wrong_kind(object, "a private key");
      }
      if (auto read = read_private_key(der); !read) return std::unexpected(read.error());
      return reading;
    }
    case CorpusKind::public_key: {
      auto single = single_object(*objects);
      if (!single) return std::unexpected(single.error());
      const FoundObject& object = **single;
      Bytes spki;
      if (object.kind == ObjectKind::public_key)
        spki.assign(object.der.begin(), object.der.end());
      else if (object.kind == ObjectKind::rsa_public_key)
        spki = rsa_public_key_to_spki(object.der);
      else
        return wrong_kind(object, "a public key");
      if (auto description = describe_public_key(spki); description && !description->usable) {
        reading.spki = std::move(spki);  // read, not used: no backend holds it
        return reading;
      }
      auto key = provider.import_public_key(spki);
      if (!key) return std::unexpected(key.error());
      auto again = provider.export_public_key(**key);
      if (!again) return std::unexpected(again.error());
      reading.key = (*key)->spec();
      reading.spki = std::move(*again);
      return reading;
    }
    case CorpusKind::pkcs7: {
      auto single = single_object(*objects);
      if (!single) return std::unexpected(single.error());
      const FoundObject& object = **single;
      if (object.kind != ObjectKind::pkcs7)
        return wrong_kind(object, "a PKCS#7 bundle");
      auto certificates = read_pkcs7_certificates(object.der);
      if (!certificates) return std::unexpected(certificates.error());
      if (auto read = read_certificates(*certificates); !read) return std::unexpected(read.error());
      return reading;
    }
    case CorpusKind::pkcs12: {
      auto single = single_object(*objects);
      if (!single) return std::unexpected(single.error());
      const FoundObject& object = **single;
      if (object.kind != ObjectKind::pkcs12)
        return wrong_kind(object, "a PKCS#12 file");
      std::vector<std::string> warnings;
      std::optional<ByteView> pkcs12_password;
      if (entry.password) pkcs12_password = ByteView(*password);
      auto pfx = read_pkcs12(provider, object.der, pkcs12_password, &warnings);
      if (!pfx) return std::unexpected(pfx.error());
      std::vector<Bytes> certificates;
      for (const Pkcs12Certificate& certificate : pfx->certificates)
        certificates.push_back(certificate.der);
      if (auto read = read_certificates(certificates); !read) return std::unexpected(read.error());
      if (pfx->key) {
        if (auto read = read_private_key(pfx->key->pkcs8); !read)
          return std::unexpected(read.error());
      }
      return reading;
    }
  }
  return std::unexpected(Error{ErrorCode::internal, "unknown corpus kind"});
}

std::string where(const CorpusEntry& entry) { return entry.name; }

// The manifest's expected fields against one reading.
std::vector<Difference> compare_fields(const CorpusEntry& entry, const Reading& reading,
                                       const std::string& backend) {
  std::vector<Difference> differences;
  auto differ = [&](std::string field, std::string expected, std::string found) {
    if (expected != found)
      differences.push_back(Difference{std::move(field), "expected", backend, std::move(expected),
                                       std::move(found), true,
                                       "the manifest states this field of the file"});
  };
  for (const auto& [field, value] : entry.fields) {
    if (field == "key") {
      differ("key", value, reading.key ? to_string(*reading.key) : "(none)");
    } else if (field == "count") {
      differ("certificates", value, std::to_string(reading.count));
    } else if (field == "subject" || field == "issuer") {
      std::optional<DistinguishedName> found;
      if (reading.certificate)
        found = field == "subject" ? reading.certificate->subject : reading.certificate->issuer;
      else if (reading.csr && field == "subject")
        found = reading.csr->subject;
      auto expected = parse_name(value);
      if (!expected) {
        differences.push_back(Difference{field, "expected", backend, value, "",
                                         true, "the manifest's name does not parse: " +
                                                   expected.error().message});
      } else if (!found || !same_meaning(*expected, *found)) {
        differ(field, format_slash(*expected), found ? format_slash(*found) : "(none)");
      }
    } else if (field == "serial") {
      differ("serial", normal_hex(value),
             reading.certificate ? normal_hex(steps::hex(reading.certificate->serial)) : "(no certificate)");
    } else if (field == "signature") {
      differ("signature", value,
             reading.csr ? (reading.csr->signature_status == SignatureStatus::verifies ? "valid" : "invalid") : "(no request)");
    }
  }
  return differences;
}

CaseResult read_with_backend(Workspace& workspace, const CorpusEntry& entry,
                             const std::string& backend) {
  auto reading = read_entry(workspace.provider(backend), entry);
  if (entry.expect == CorpusExpect::reject) {
    const auto expected_error = entry.fields.find("error");
    if (reading)
      fail(with_why(backend + " reads " + where(entry) + ", which the manifest says must be rejected",
                    entry));
    if (expected_error != entry.fields.end() &&
        to_string(reading.error().code) != expected_error->second)
      fail(with_why(backend + " rejects " + where(entry) + " with " + steps::describe(reading.error()) +
                        ", the manifest expects " + expected_error->second,
                    entry));
    return CaseResult{Outcome::pass, with_why("rejected: " + steps::describe(reading.error()), entry),
                      {}, {}};
  }
  if (names_gap(entry, backend)) {
    // A gap that stops being one is a FAIL, so the manifest's list of gaps stays true.
    if (reading)
      fail(with_why(backend + " reads " + where(entry) + ", which the manifest lists as a gap of " +
                        backend + " (remove it from gap=)",
                    entry));
    if (reading.error().code != ErrorCode::unsupported)
      fail(with_why(backend + " refuses " + where(entry) + " with " + steps::describe(reading.error()) +
                        ", the manifest expects unsupported (a capability gap)",
                    entry));
    steps::skip(with_why(backend + ": " + reading.error().message, entry));
  }
  if (!reading) {
    // ok tolerates a refusal for want of a capability; valid and gap rows name every gap.
    if (entry.expect == CorpusExpect::ok && reading.error().code == ErrorCode::unsupported)
      steps::skip(backend + ": " + reading.error().message);
    fail(with_why(backend + " cannot read " + where(entry) + ": " + steps::describe(reading.error()),
                  entry));
  }
  auto differences = compare_fields(entry, *reading, backend);
  if (!differences.empty())
    fail(with_why(backend + " reads " + where(entry) + " otherwise than the manifest says", entry),
         std::move(differences));
  return {};
}

// Every backend's reading of one file compared with the first backend's.
CaseResult read_alike(Workspace& workspace, const CorpusEntry& entry) {
  CaseResult result;
  std::optional<Reading> first;
  std::string first_backend;
  std::vector<std::string> refusals;
  for (const std::string& backend : workspace.backends()) {
    auto reading = read_entry(workspace.provider(backend), entry);
    if (!reading) {
      // Only ok rows leave unsupported unnamed; a gap row names its backends.
      const bool excused = reading.error().code == ErrorCode::unsupported &&
                           (entry.expect == CorpusExpect::ok || names_gap(entry, backend));
      if (!excused) refusals.push_back(backend + " (" + steps::describe(reading.error()) + ")");
      continue;
    }
    result.took_part.push_back(backend);
    if (!first) {
      first = std::move(*reading);
      first_backend = backend;
      continue;
    }
    std::vector<Difference> differences;
    if (first->certificate && reading->certificate)
      differences = diff_certificate(*first->certificate, *reading->certificate, first_backend, backend);
    else if (first->csr && reading->csr)
      differences = diff_csr(*first->csr, *reading->csr, first_backend, backend);
    if (first->spki != reading->spki)
      differences.push_back(Difference{"public key", first_backend, backend, "", "", true,
                                       "the backends find different keys in one file"});
    if (first->count != reading->count)
      differences.push_back(Difference{"certificates", first_backend, backend,
                                       std::to_string(first->count), std::to_string(reading->count),
                                       true, "the backends find different numbers of certificates"});
    steps::judge_differences(std::move(differences), result.differences,
                             first_backend + " and " + backend + " reading " + where(entry));
  }
  if (first && !refusals.empty())
    fail(with_why(first_backend + " reads " + where(entry) + " but " + [&] {
      std::string list;
      for (const std::string& refusal : refusals) list += (list.empty() ? "" : ", ") + refusal;
      return list;
    }() + " rejects it", entry));
  if (!first) steps::skip("no backend reads " + where(entry));
  return result;
}

}  // namespace

Result<std::vector<CorpusEntry>> read_corpus_manifest(const std::filesystem::path& dir) {
  const std::filesystem::path manifest = dir / kManifestName;
  std::ifstream in(manifest);
  if (!in)
    return std::unexpected(Error{ErrorCode::io, manifest.string() + ": cannot read the corpus "
                                                "manifest (the folder needs a manifest.tsv)"});
  std::vector<CorpusEntry> entries;
  std::string line;
  std::size_t number = 0;
  auto bad = [&](const std::string& what) {
    return std::unexpected(
        Error{ErrorCode::invalid_input, manifest.string() + ":" + std::to_string(number) + ": " + what});
  };
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    const auto columns = split(line, '\t');
    if (columns.size() != 5 && columns.size() != 6)
      return bad("expected 5 or 6 tab-separated columns (path, kind, password, expect, fields, "
                 "optional why), found " +
                 std::to_string(columns.size()));
    if (columns[0] == "path") continue;  // the header line
    CorpusEntry entry;
    entry.line = number;
    entry.name = columns[0];
    entry.path = dir / columns[0];
    if (!std::filesystem::is_regular_file(entry.path)) return bad(columns[0] + ": no such file");
    auto kind = parse_kind(columns[1]);
    if (!kind)
      return bad("unknown kind '" + columns[1] +
                 "' (certificate, csr, private-key, public-key, pkcs7, pkcs12)");
    entry.kind = *kind;
    if (columns[2] != "-") {
      // file: paths are relative to the manifest's folder.
      entry.password = columns[2].starts_with("file:")
                           ? "file:" + (dir / columns[2].substr(5)).string()
                           : columns[2];
    }
    auto expect = parse_expect(columns[3]);
    if (!expect) return bad("expect must be ok, valid, reject or gap, not '" + columns[3] + "'");
    entry.expect = *expect;
    entry.expect_ok = *expect != CorpusExpect::reject;
    if (columns.size() == 6) entry.why = columns[5];
    if (columns[4] != "-") {
      for (const std::string& field : split(columns[4], ';')) {
        const auto equals = field.find('=');
        if (equals == std::string::npos) return bad("field '" + field + "' is not name=value");
        const std::string name = field.substr(0, equals);
        if (std::ranges::find(kFieldNames, name) == std::end(kFieldNames))
          return bad("unknown field '" + name +
                     "' (key, subject, issuer, serial, count, signature, error, gap)");
        entry.fields[name] = field.substr(equals + 1);
      }
    }
    if (const auto gap = entry.fields.find("gap"); gap != entry.fields.end()) {
      if (entry.expect != CorpusExpect::gap) return bad("field gap= goes only with expect gap");
      auto is_name_char = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      };
      for (const std::string& backend : split(gap->second, ',')) {
        if (backend.empty() || !std::ranges::all_of(backend, is_name_char))
          return bad("gap= wants backend names separated by commas, not '" + gap->second + "'");
        entry.gap_backends.push_back(backend);
      }
    } else if (entry.expect == CorpusExpect::gap) {
      return bad("expect gap needs a field gap=BACKEND,... naming the backends that lack it");
    }
    entries.push_back(std::move(entry));
  }
  if (entries.empty()) return bad("the manifest names no file");
  return entries;
}

std::vector<Case> corpus_cases(const std::vector<CorpusEntry>& entries,
                               const std::vector<std::string>& backends) {
  std::vector<Case> cases;
  std::set<std::string> named;
  for (const CorpusEntry& entry : entries) {
    // A file listed again (say, with a wrong password) is told apart by its manifest line.
    const std::string name =
        named.insert(entry.name).second ? entry.name : entry.name + "#" + std::to_string(entry.line);
    for (const std::string& backend : backends) {
      Case c;
      c.id = "corpus/read/" + name + "/" + backend;
      c.kind = CaseKind::corpus;
      c.area = "corpus";
      c.operation = entry.expect == CorpusExpect::reject ? "reject"
                    : names_gap(entry, backend)            ? "refuse as a capability gap"
                                                           : "read as the manifest says";
      c.subject = entry.name;
      c.backends = {backend};
      c.run = [entry, backend](Workspace& w) { return read_with_backend(w, entry, backend); };
      cases.push_back(std::move(c));
    }
    if (backends.size() > 1 && entry.expect_ok) {
      Case c;
      c.id = "corpus/agree/" + name + "/all";
      c.kind = CaseKind::corpus;
      c.area = "corpus";
      c.operation = "read alike by every backend";
      c.subject = entry.name;
      c.backends = backends;
      c.run = [entry](Workspace& w) { return read_alike(w, entry); };
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

}  // namespace polycert::conformance
