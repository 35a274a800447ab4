// polycert inspect FILE... [--passin SRC] [--json]: what each object in each file is and
// says, read by the selected backend: certificates (also inside PKCS#7 bundles), requests,
// private keys (encrypted ones described before any password, opened with --passin) and
// public keys, and whether signatures verify. One JSON schema on every backend
// (docs/inspect-json.md). A signature that does not verify is shown, then exit 6.
#include "../auto_backend.hpp"
#include "../command.hpp"
#include "../inputs.hpp"
#include "../input_reader.hpp"

#include <polycert/signature_budget.hpp>
#include <polycert/registry.hpp>
#include <polycert/encrypted_key.hpp>
#include <polycert/key_structure.hpp>
#include <polycert/formats.hpp>
#include <polycert/text.hpp>
#include <polycert/x509.hpp>
#include <polycert/x509_structure.hpp>
#include <polycert/name.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <iostream>

namespace polycert::cli {

namespace {

// The importers tests/cli/pfx_profiles_cli_test.cpp opens each profile's PFX with, and
// holds this table to: OpenSSL 3 reads RC2-40 only with -legacy (its legacy provider).
std::vector<std::string> importers_of(Pkcs12Profile profile) {
  if (profile == Pkcs12Profile::legacy) return {"openssl -legacy", "keytool", "pk12util", "certtool"};
  return {"openssl", "openssl -legacy", "keytool", "pk12util", "certtool"};
}

// Importers no test here can run, from their vendors' documented rules: Windows before
// Server 2019 / 10 1709 and macOS Keychain know no PBES2 (AES) PFX; Java before 8u301
// knows no PBES2 either.
std::vector<std::string> documented_importers_of(Pkcs12Profile profile) {
  if (profile == Pkcs12Profile::modern) return {"Windows Server 2019 and Windows 10 1709 or later", "Java 8u301 or later"};
  return {"Windows (every version)", "macOS Keychain", "Java 8"};
}

// The compiled-in backends whose matrix has the profile's certificate cipher.
std::vector<std::string> backends_reading(Pkcs12Profile profile) {
  const std::string_view cipher = profile == Pkcs12Profile::modern   ? "aes-256-cbc"
                                  : profile == Pkcs12Profile::compat ? "des-ede3-cbc"
                                                                     : "rc2-40-cbc";
  std::vector<std::string> names;
  for (const CompiledBackend& backend : compiled_backends())
    if (backend.capabilities.supports(Operation::cipher, cipher)) names.push_back(backend.name);
  return names;
}


using Json = nlohmann::json;

// Stable JSON names of the private key structures.
std::string_view form_name(PrivateKeyForm form) {
  switch (form) {
    case PrivateKeyForm::pkcs8: return "pkcs8";
    case PrivateKeyForm::rsa_pkcs1: return "pkcs1";
    case PrivateKeyForm::ec_sec1: return "sec1";
    case PrivateKeyForm::dsa: return "dsa";
  }
  return "?";
}

Json key_json(const KeySpec& spec) { return {{"spec", to_string(spec)}, {"bits", spec.bits()}}; }

// A key whatever its algorithm: "spec" is the key spec for keys polycert uses, else the
// algorithm's name or OID; "usable" says which.
Json key_json(const PublicKeyDescription& key) {
  Json out = {{"spec", key.algorithm}, {"bits", key.bits}, {"algorithm_oid", key.algorithm_oid},
              {"usable", key.usable}};
  if (!key.parameters.empty()) out["parameters"] = key.parameters;
  return out;
}

// When this backend cannot check a signature, name the first compiled-in backend that can,
// so the user knows where to go (--backend NAME).
std::string backend_that_can(const Provider& provider,
                             const std::function<bool(Provider&)>& can_check) {
  for (std::string_view name : backends::available()) {
    if (name == provider.name()) continue;
    auto other = backends::make_provider(name);
    if (other && can_check(**other)) return "; the " + std::string(name) + " backend can check it (--backend " + std::string(name) + ")";
  }
  return "; no backend compiled into this polycert can check it";
}

// signature_status, signature_note and signature_valid (true, false, or null when not
// checked or not checkable), then weak and weaknesses, decided in core.
void add_signature(Json& out, std::optional<SignatureStatus> status, const std::string& note,
                   std::vector<std::string> weak) {
  out["signature_status"] = status ? Json(std::string(to_string(*status))) : Json(nullptr);
  out["signature_valid"] = !status || *status == SignatureStatus::cannot_be_checked
                               ? Json(nullptr)
                               : Json(*status == SignatureStatus::verifies);
  if (status && *status != SignatureStatus::verifies) out["signature_note"] = note;
  out["weak"] = !weak.empty();
  out["weaknesses"] = std::move(weak);
}

// "C=PrintableString, O=UTF8String, CN=UTF8String": each attribute's ASN.1 string type, in
// encoding order, as `openssl x509 -nameopt show_type` shows them; a CA may require one.
std::string string_types(const DistinguishedName& name) {
  std::string out;
  for (const Rdn& rdn : name.rdns)
    for (const NameAttribute& attribute : rdn.attributes)
      out += (out.empty() ? "" : ", ") + attribute_name(attribute.oid) + "=" + std::string(to_string(attribute.type));
  return out;
}

Json extensions_json(const ExtensionSet& set) {
  Json out = Json::object();
  out["subject_alt_names"] = Json::array();
  for (const auto& name : set.subject_alt_names) out["subject_alt_names"].push_back(to_string(name));
  out["key_usage"] = Json::array();
  if (set.key_usage) {
    const std::string names = key_usage_names(*set.key_usage);
    for (std::size_t start = 0; start < names.size();) {
      const auto comma = names.find(',', start);
      out["key_usage"].push_back(names.substr(start, comma - start));
      start = comma == std::string::npos ? names.size() : comma + 1;
    }
  }
  out["extended_key_usage"] = Json::array();
  for (const auto& usage : set.extended_key_usage)
    out["extended_key_usage"].push_back(extended_key_usage_name(usage));
  out["basic_constraints"] = nullptr;
  if (set.basic_constraints) {
    out["basic_constraints"] = {{"ca", set.basic_constraints->ca}};
    if (set.basic_constraints->path_length)
      out["basic_constraints"]["path_length"] = *set.basic_constraints->path_length;
  }
  return out;
}

// A certificate of the inputs, read once, to find issuers among them.
struct InputCertificate {
  Bytes der;
  std::string origin;
  DistinguishedName subject;
};

// The input certificates named `issuer` (not `der` itself), whose keys may have signed it.
std::vector<const InputCertificate*> candidate_issuers(const std::vector<InputCertificate>& inputs,
                                                       const DistinguishedName& issuer, ByteView der) {
  std::vector<const InputCertificate*> out;
  for (const InputCertificate& input : inputs)
    if (!std::ranges::equal(input.der, der) && names_match(input.subject, issuer)) out.push_back(&input);
  return out;
}

// One candidate issuer's answer: does its key verify the signature, and if not why.
struct CandidateCheck {
  SignatureStatus status;
  std::string note;
};

// How a certificate or CRL issued by another ties to the inputs: the first candidate whose
// key verifies it (`issuer`); else cannot be checked (with the library's note) when a
// candidate could not be checked, does not verify when candidates with the issuer's name
// exist and none of their keys checks it (`namesake`, the last of them); no status when
// there is no candidate.
struct IssuerLink {
  std::optional<SignatureStatus> status;
  const InputCertificate* issuer = nullptr;
  const InputCertificate* namesake = nullptr;
  std::string note;
};

Result<IssuerLink> issuer_link(const std::vector<const InputCertificate*>& candidates,
                               const std::function<Result<CandidateCheck>(const InputCertificate&)>& check) {
  IssuerLink link;
  for (const InputCertificate* candidate : candidates) {
    auto checked = check(*candidate);
    if (!checked) return std::unexpected(checked.error());
    switch (checked->status) {
      case SignatureStatus::verifies:
        return IssuerLink{SignatureStatus::verifies, candidate, nullptr, ""};
      case SignatureStatus::cannot_be_checked:
        link.status = SignatureStatus::cannot_be_checked;
        link.namesake = nullptr;
        link.note = std::move(checked->note);
        break;
      case SignatureStatus::does_not_verify:
        if (link.status == SignatureStatus::cannot_be_checked) break;
        link.status = SignatureStatus::does_not_verify;
        link.namesake = candidate;
        break;
    }
  }
  return link;
}

std::string issued_by(const InputCertificate& issuer) {
  return "issued by " + format_slash(issuer.subject) + " (" + issuer.origin + ")";
}

Result<Json> certificate_json(Provider& provider, ByteView der,
                              const std::vector<InputCertificate>& inputs) {
  auto info = provider.parse_certificate(der);
  if (!info) return std::unexpected(info.error());
  const bool self_issued = info->subject_der == info->issuer_der;
  // Checked against itself when self-issued, else against the inputs named as its issuer.
  std::optional<SignatureStatus> status;
  std::string note;
  std::string issuer_text;
  if (!self_issued) {
    auto link = issuer_link(candidate_issuers(inputs, info->issuer, der),
                            [&](const InputCertificate& candidate) -> Result<CandidateCheck> {
                              auto verified = provider.verify_certificate_signature(der, candidate.der);
                              if (verified) return CandidateCheck{SignatureStatus::verifies, ""};
                              if (verified.error().code == ErrorCode::unsupported)
                                return CandidateCheck{SignatureStatus::cannot_be_checked, verified.error().message};
                              if (verified.error().code == ErrorCode::mismatch)
                                return CandidateCheck{SignatureStatus::does_not_verify, verified.error().message};
                              return std::unexpected(verified.error());
                            });
    if (!link) return std::unexpected(link.error());
    status = link->status;
    if (link->issuer != nullptr) issuer_text = issued_by(*link->issuer);
    note = link->namesake != nullptr ? link->namesake->origin + " has the issuer's name, " +
                                           format_slash(link->namesake->subject) +
                                           ", but its key does not verify this signature"
                                     : link->note;
  } else {
    auto verified = provider.verify_certificate_signature(der, der);
    if (verified) {
      status = SignatureStatus::verifies;
    } else if (verified.error().code == ErrorCode::mismatch) {
      status = SignatureStatus::does_not_verify;
      note = verified.error().message;
    } else if (verified.error().code == ErrorCode::unsupported) {
      status = SignatureStatus::cannot_be_checked;
      note = verified.error().message + backend_that_can(provider, [&](Provider& other) {
               auto checked = other.verify_certificate_signature(der, der);
               return checked || checked.error().code != ErrorCode::unsupported;
             });
    } else {
      return std::unexpected(verified.error());
    }
  }
  Json out{{"subject", format_slash(info->subject)},
           {"subject_rfc4514", format_rfc4514(info->subject)},
           {"subject_string_types", string_types(info->subject)},
           {"issuer", format_slash(info->issuer)},
           {"version", info->version},
           {"serial", serial_text(*info)},
           {"not_before", format_time(info->not_before)},
           {"not_after", format_time(info->not_after)},
           {"public_key", key_json(info->key_description)},
           {"extensions", extensions_json(info->extensions)},
           {"subject_key_identifier", hex_with_colons(info->subject_key_id)},
           {"authority_key_identifier", hex_with_colons(info->authority_key_id)},
           {"signature_algorithm", signature_algorithm_name(info->signature_algorithm_oid)},
           {"self_signed", self_issued},
           {"issued_by", issuer_text.empty() ? Json(nullptr) : Json(issuer_text)},
           {"warnings", info->warnings},
           {"sha256_fingerprint", hex_with_colons(info->sha256_fingerprint)}};
  add_signature(out, status, note, weaknesses(info->signature_algorithm_oid, info->key_description));
  return out;
}

Result<Json> request_json(Provider& provider, ByteView der) {
  auto info = provider.parse_csr(der);
  if (!info) return std::unexpected(info.error());
  Json out{{"subject", format_slash(info->subject)},
           {"subject_rfc4514", format_rfc4514(info->subject)},
           {"subject_string_types", string_types(info->subject)},
           {"public_key", key_json(info->key_description)},
           {"extensions", extensions_json(info->extensions)},
           {"challenge_password_present", info->challenge_password.has_value()},
           {"unstructured_name", info->unstructured_name ? Json(*info->unstructured_name) : Json(nullptr)},
           {"signature_algorithm", signature_algorithm_name(info->signature_algorithm_oid)}};
  std::string note = info->signature_note;
  if (info->signature_status == SignatureStatus::cannot_be_checked)
    note += backend_that_can(provider, [&](Provider& other) {
      auto read = other.parse_csr(der);
      return read && read->signature_status != SignatureStatus::cannot_be_checked;
    });
  add_signature(out, info->signature_status, note,
                weaknesses(info->signature_algorithm_oid, info->key_description));
  return out;
}

// A CRL, its signature checked with the input certificates named as its issuer.
Result<Json> crl_json(Provider& provider, ByteView der, const std::vector<InputCertificate>& inputs) {
  auto crl = provider.parse_crl(der, std::nullopt);
  if (!crl) return std::unexpected(crl.error());
  auto link = issuer_link(candidate_issuers(inputs, crl->issuer, der),
                          [&](const InputCertificate& candidate) -> Result<CandidateCheck> {
                            auto checked = provider.parse_crl(der, ByteView(candidate.der));
                            if (!checked) return std::unexpected(checked.error());
                            return CandidateCheck{checked->signature_status, checked->signature_note};
                          });
  if (!link) return std::unexpected(link.error());
  const std::optional<SignatureStatus> status = link->status;
  const std::string issuer_text = link->issuer != nullptr ? issued_by(*link->issuer) : "";
  const std::string note =
      !status ? "the issuer's certificate is not among the inputs (give it as another FILE)"
      : link->namesake != nullptr ? link->namesake->origin + " has the issuer's name, but its key does not verify this signature"
                                  : link->note;
  std::vector<std::string> warnings = crl->warnings;
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch()).count();
  if (crl->next_update && *crl->next_update < now)
    warnings.push_back("expired: its nextUpdate has passed, so validators refuse it");
  if (crl->this_update > now) warnings.push_back("not yet valid: its thisUpdate is in the future");
  Json revoked = Json::array();
  for (const RevokedCertificate& entry : crl->revoked)
    revoked.push_back({{"serial", (entry.serial_negative ? "-" : "") + hex_with_colons(entry.serial)},
                       {"revoked_at", format_time(entry.revoked_at)},
                       {"reason", entry.reason ? Json(std::string(to_string(*entry.reason))) : Json(nullptr)}});
  Json out{{"issuer", format_slash(crl->issuer)},
           {"version", crl->version},
           {"this_update", format_time(crl->this_update)},
           {"next_update", crl->next_update ? Json(format_time(*crl->next_update)) : Json(nullptr)},
           {"crl_number", crl->number ? Json(hex_with_colons(*crl->number)) : Json(nullptr)},
           {"authority_key_identifier", hex_with_colons(crl->authority_key_id)},
           {"revoked", std::move(revoked)},
           {"signature_algorithm", crl->signature_algorithm},
           {"issued_by", issuer_text.empty() ? Json(nullptr) : Json(issuer_text)},
           {"warnings", std::move(warnings)}};
  add_signature(out, status, note, {});
  return out;
}

Result<Json> object_json(Provider& provider, const FoundObject& object, const std::string& file,
                         const std::string& passin, const std::vector<InputCertificate>& inputs) {
  switch (object.kind) {
    case ObjectKind::certificate: return certificate_json(provider, object.der, inputs);
    case ObjectKind::crl: return crl_json(provider, object.der, inputs);
    case ObjectKind::certificate_request: return request_json(provider, object.der);
    case ObjectKind::private_key: {
      auto key = provider.import_private_key(object.der);
      if (key) return Json{{"form", form_name(*object.key_form)}, {"public_key", key_json((*key)->spec())}};
      // A key polycert cannot use is still read: shown, not used.
      if (key.error().code != ErrorCode::unsupported || !object.key_form) return std::unexpected(key.error());
      auto description = describe_private_key(object.der, *object.key_form);
      if (!description || description->usable) return std::unexpected(key.error());
      return Json{{"form", form_name(*object.key_form)}, {"public_key", key_json(*description)}};
    }
    case ObjectKind::encrypted_private_key: {
      auto encryption = inspect_encrypted_private_key(object.der);
      if (!encryption) return std::unexpected(encryption.error());
      Json out = {{"encryption", describe(*encryption)}, {"public_key", nullptr}};
      if (!passin.empty()) {  // without a password, say how it is protected and stop there
        auto key = load_private_key(provider, object, file, passin);
        if (!key) return std::unexpected(key.error());
        out["public_key"] = key_json((*key)->spec());
      }
      return out;
    }
    case ObjectKind::legacy_encrypted_key: {
      Json out = {{"encryption", "legacy PEM, " + object.legacy_cipher}, {"public_key", nullptr}};
      if (!passin.empty()) {
        auto key = load_private_key(provider, object, file, passin);
        if (!key) return std::unexpected(key.error());
        out["public_key"] = key_json((*key)->spec());
      }
      return out;
    }
    case ObjectKind::public_key:
    case ObjectKind::rsa_public_key: {
      const Bytes spki = object.kind == ObjectKind::public_key
                             ? Bytes(object.der.begin(), object.der.end())
                             : rsa_public_key_to_spki(object.der);
      auto description = describe_public_key(spki);
      if (!description) return std::unexpected(with_context(description.error(), "public key"));
      if (description->usable) {  // a key polycert uses is read by the backend too
        auto key = provider.import_public_key(spki);
        if (!key) return std::unexpected(key.error());
      }
      return Json{{"public_key", key_json(*description)}};
    }
    case ObjectKind::pkcs7:
    case ObjectKind::pkcs12: break;
  }
  return fail(ErrorCode::internal, "containers are expanded before this point");
}

// One object of the inputs as inspect shows it: where it is, what it is, and its fields.
Result<Json> part_json(Provider& provider, const InputObject& part, const std::string& passin,
                       const std::vector<InputCertificate>& inputs) {
  Json entry = {{"file", part.file},
                {"encoding", part.object.encoding},
                {"container", part.container.empty() ? Json(nullptr) : Json(part.container)},
                {"kind", to_string(part.kind())},
                {"description", describe(part.kind())}};
  if (part.container == "PKCS#12") entry["friendly_name"] = part.friendly_name ? Json(*part.friendly_name) : Json(nullptr);
  if (part.container == "PKCS#12" && part.kind() == ObjectKind::private_key) {
    auto key = provider.import_private_key(part.object.der);
    if (!key) return std::unexpected(key.error());
    entry["form"] = "pkcs8";
    entry["public_key"] = key_json((*key)->spec());
    return entry;
  }
  auto fields = object_json(provider, part.object, part.file, passin, inputs);
  if (!fields) return std::unexpected(fields.error());
  entry.update(*fields);
  return entry;
}

// Text for people: "  label:   value" lines in a fixed order.
// Names, file names and friendly names come from files: every line goes through
// terminal_text, so none of them can start a line or drive the terminal.
void print_text(const Json& object) {
  std::string heading = object["file"].get<std::string>() + ": " +
                        object["description"].get<std::string>() + " (" +
                        object["encoding"].get<std::string>();
  if (!object["container"].is_null()) heading += ", in a " + object["container"].get<std::string>() + " file";
  std::cout << terminal_text(heading) << ")\n";
  auto line = [](std::string_view label, const std::string& value) {
    const std::size_t width = label.size() + 1;
    std::cout << "  " << label << ":" << std::string(width < 20 ? 20 - width : 1, ' ')
              << terminal_text(value) << "\n";
  };
  auto text = [](const Json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); };
  if (object.contains("mac")) line("MAC", object["mac"].is_null() ? "none (integrity not checked)" : text(object["mac"]));
  if (object.contains("protections"))
    for (const auto& protection : object["protections"])
      line(protection["part"].get<std::string>(), protection["encryption"].get<std::string>());
  if (object.contains("profile")) {
    if (object["profile"].is_null()) {
      line("profile", "none of convert --profile's (modern, compat, legacy)");
    } else {
      auto listed = [&](const char* key) {
        std::string joined;
        for (const auto& item : object[key]) joined += (joined.empty() ? "" : ", ") + item.get<std::string>();
        return joined;
      };
      line("profile", object["profile"].get<std::string>());
      line("opens in (tested)", listed("opens_in") + "; polycert backends " + listed("backends_read"));
      line("opens in (documented)", listed("documented_for"));
    }
  }
  if (object.contains("friendly_name") && !object["friendly_name"].is_null())
    line("friendly name", object["friendly_name"].get<std::string>());
  for (const char* field : {"subject", "issuer", "serial", "form", "encryption"})  // in this order
    if (object.contains(field) && !object[field].get<std::string>().empty()) line(field, object[field].get<std::string>());
  if (object.contains("subject_string_types") && !object["subject_string_types"].get<std::string>().empty())
    line("subject types", object["subject_string_types"].get<std::string>());
  if (object.contains("version") && object["version"] != 3) line("version", "v" + text(object["version"]));
  if (object.contains("not_before"))
    line("valid", object["not_before"].get<std::string>() + " to " + object["not_after"].get<std::string>());
  if (object.contains("this_update")) {
    line("this update", object["this_update"].get<std::string>());
    line("next update", object["next_update"].is_null() ? "none given" : object["next_update"].get<std::string>());
    if (!object["crl_number"].is_null()) line("CRL number", object["crl_number"].get<std::string>());
    if (object["revoked"].empty()) line("revoked", "none");
    for (const auto& entry : object["revoked"])
      line("revoked", entry["serial"].get<std::string>() + " on " + entry["revoked_at"].get<std::string>() +
                          (entry["reason"].is_null() ? "" : ", " + entry["reason"].get<std::string>()));
  }
  if (object.contains("public_key")) {
    const Json& key = object["public_key"];
    std::string shown = key.is_null() ? "(encrypted: give --passin to read it)" : key["spec"].get<std::string>();
    if (key.is_object() && !key.value("usable", true)) {
      if (key["bits"] != 0) shown += ", " + text(key["bits"]) + " bits";
      if (key.contains("parameters")) shown += ", " + key["parameters"].get<std::string>();
      shown += " (read, not usable here: " + key["algorithm_oid"].get<std::string>() + ")";
    }
    line("public key", shown);
  }
  if (object.contains("extensions")) {
    const Json& e = object["extensions"];
    auto joined = [&](const Json& list) {
      std::string out;
      for (const auto& item : list) out += (out.empty() ? "" : ", ") + item.get<std::string>();
      return out;
    };
    if (!e["subject_alt_names"].empty()) line("subjectAltName", joined(e["subject_alt_names"]));
    if (!e["key_usage"].empty()) line("keyUsage", joined(e["key_usage"]));
    if (!e["extended_key_usage"].empty()) line("extendedKeyUsage", joined(e["extended_key_usage"]));
    if (!e["basic_constraints"].is_null()) {
      std::string bc = e["basic_constraints"]["ca"].get<bool>() ? "CA:TRUE" : "CA:FALSE";
      if (e["basic_constraints"].contains("path_length"))
        bc += ", pathlen:" + text(e["basic_constraints"]["path_length"]);
      line("basicConstraints", bc);
    }
  }
  for (const auto& [field, label] : {std::pair{"subject_key_identifier", "subjectKeyId"},
                                     std::pair{"authority_key_identifier", "authorityKeyId"}})
    if (object.contains(field) && !object[field].get<std::string>().empty()) line(label, object[field].get<std::string>());
  // The challenge password is a secret: say that it is there, never what it is.
  if (object.value("challenge_password_present", false)) line("challengePassword", "(present, not shown)");
  if (object.contains("unstructured_name") && !object["unstructured_name"].is_null())
    line("unstructuredName", object["unstructured_name"].get<std::string>());
  if (object.contains("signature_algorithm")) {
    std::string signature = object["signature_algorithm"].get<std::string>();
    const Json& status = object["signature_status"];
    if (object.value("self_signed", false)) signature += ", self-signed";
    if (status.is_null()) signature += ", issued by a certificate not among the inputs (not checked)";
    else if (status == "does not verify") signature += ", DOES NOT VERIFY";
    else signature += ", " + status.get<std::string>();
    if (object.contains("issued_by") && !object["issued_by"].is_null())
      signature += ", " + object["issued_by"].get<std::string>();
    if (object.value("weak", false)) {
      std::string why;
      for (const auto& weakness : object["weaknesses"]) why += (why.empty() ? "" : ", ") + weakness.get<std::string>();
      signature += " [WEAK: " + why + "]";
    }
    line("signature", signature);
    if (object.contains("signature_note")) line("signature note", object["signature_note"].get<std::string>());
  }
  if (object.contains("warnings"))
    for (const auto& warning : object["warnings"]) line("warning", warning.get<std::string>());
  if (object.contains("sha256_fingerprint")) line("SHA-256 fingerprint", object["sha256_fingerprint"].get<std::string>());
}

class InspectCommand final : public Command {
 public:
  std::string_view name() const override { return "inspect"; }
  std::string_view summary() const override {
    return "show what certificates, requests, keys and bundles say, and whether signatures verify";
  }
  std::string_view synopsis() const override { return "inspect FILE... [--passin SRC] [--json]"; }

  std::string_view examples() const override {
    return "# What a CA sent, whatever its format; links checked against the other files given\n"
           "polycert inspect api.crt ca.p7b\n"
           "polycert inspect vendor.pfx --passin env:PFXPASS\n"
           "polycert inspect ca.crl ca.crt --json";
  }

  void add_options(po::options_description& options) override {
    options.add_options()
        ("file", po::value<std::vector<std::string>>(&files_)->required()->value_name("FILE"),
         "files to read, PEM or DER, any kind (also the arguments)")
        ("passin", po::value<std::string>(&passin_)->value_name("SRC"),
         "password of encrypted keys, from a password source")
        ("json", po::bool_switch(&json_), "one JSON document on standard output");
  }
  void add_positionals(po::positional_options_description& positionals) override {
    positionals.add("file", -1);
  }

  int run(Session& session, const po::variables_map&) override {
    auto provider = session.provider([&] { return reading_operation(files_, "parse:cert"); });
    if (!provider) return kExitUsage;
    Json objects = Json::array();
    // PEM blocks that cannot be used, "file:LINE: what": named on standard error after
    // the objects that could be read are shown, and the exit status is then 3
    // (docs/pem-bags.md).
    std::vector<std::string> malformed;
    // Every file opened first (containers expanded, passwords asked once), so that each
    // certificate and CRL can be checked against the issuers among all the inputs.
    struct Shown {
      std::string file;
      std::optional<Json> summary;      // a PKCS#12 file's own entry
      std::optional<InputObject> part;
    };
    std::vector<Shown> shown;
    std::vector<InputCertificate> certificates;
    for (const std::string& file : files_) {
      const SignatureCheckBudget budget;  // the self-signature checks of one file add up
      auto found = survey_file(file);
      if (!found) return session.report(found.error());
      for (const MalformedBlock& block : found->malformed) malformed.push_back(describe_malformed(file, block));
      for (FoundObject& found_object : found->objects) {
        const std::string encoding = found_object.encoding;
        std::vector<std::string> warnings;
        auto expanded = expand_object(*provider, std::move(found_object), file, passin_, warnings);
        for (const auto& warning : warnings) session.inform("warning: " + warning);
        if (!expanded) return session.report(expanded.error());
        if (expanded->pkcs12) {
          Json summary = {{"file", file}, {"encoding", encoding}, {"container", nullptr}};
          summary["kind"] = to_string(ObjectKind::pkcs12);
          summary["description"] = describe(ObjectKind::pkcs12);
          summary["mac"] = expanded->pkcs12->mac_algorithm.empty() ? Json(nullptr) : Json(expanded->pkcs12->mac_algorithm);
          summary["protections"] = Json::array();
          for (const auto& protection : expanded->pkcs12->protections)
            summary["protections"].push_back({{"part", protection.part}, {"encryption", protection.description}});
          const auto profile = expanded->pkcs12->profile;
          summary["profile"] = profile ? Json(std::string(to_string(*profile))) : Json(nullptr);
          summary["opens_in"] = profile ? Json(importers_of(*profile)) : Json::array();
          summary["documented_for"] = profile ? Json(documented_importers_of(*profile)) : Json::array();
          summary["backends_read"] = profile ? Json(backends_reading(*profile)) : Json::array();
          shown.push_back({file, std::move(summary), std::nullopt});
        }
        for (InputObject& part : expanded->parts) {
          if (part.kind() == ObjectKind::certificate)
            if (auto structure = inspect_certificate(part.object.der))
              if (auto subject = decode_name(structure->subject))
                certificates.push_back({Bytes(part.object.der.begin(), part.object.der.end()), file,
                                        std::move(*subject)});
          shown.push_back({file, std::nullopt, std::move(part)});
        }
      }
    }
    // "file #2" where a file holds several certificates, as chain names them.
    std::map<std::string, int> per_file, seen_in_file;
    for (const InputCertificate& certificate : certificates) ++per_file[certificate.origin];
    for (InputCertificate& certificate : certificates)
      if (per_file[certificate.origin] > 1)
        certificate.origin += " #" + std::to_string(++seen_in_file[certificate.origin]);
    std::optional<SignatureCheckBudget> budget;
    std::string budget_file;
    for (const Shown& item : shown) {
      if (item.file != budget_file) {  // the checks shown for one file add up
        budget.reset();
        budget.emplace();
        budget_file = item.file;
      }
      if (item.summary) {
        objects.push_back(*item.summary);
        continue;
      }
      auto entry = part_json(*provider, *item.part, passin_, certificates);
      if (!entry)
        return session.report(entry.error(), entry.error().message.starts_with(item.file + ": ") ? "" : item.file);
      objects.push_back(std::move(*entry));
    }
    if (json_) {
      std::cout << Json{{"backend", session.resolved_backend}, {"objects", objects}}.dump(2) << "\n";
    } else {
      std::cout << "[" << session.backend_label() << "]\n";
      for (const Json& object : objects) print_text(object);
    }
    int status = kExitOk;
    for (const std::string& block : malformed) status = session.report(Error{ErrorCode::invalid_input, block});
    for (const Json& object : objects)
      if (object.contains("signature_valid") && object["signature_valid"] == false) {
        const int mismatch = session.report(Error{ErrorCode::mismatch, "a signature does not verify"},
                                            object["file"].get<std::string>());
        return status == kExitOk ? mismatch : status;
      }
    return status;
  }

 private:
  std::vector<std::string> files_;
  std::string passin_;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_inspect_command() { return std::make_unique<InspectCommand>(); }

}  // namespace polycert::cli
