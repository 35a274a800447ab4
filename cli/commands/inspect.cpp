// polycert inspect FILE [--json]: what a CSR or certificate says, read by the selected
// backend, and whether its signature verifies. The JSON has one schema on every backend
// (docs/inspect-json.md). A signature that does not verify is shown, then exit 6.
#include "../command.hpp"
#include "../inputs.hpp"

#include <polycert/der.hpp>
#include <polycert/file_output.hpp>
#include <polycert/pem.hpp>
#include <polycert/x509.hpp>

#include <nlohmann/json.hpp>

#include <iostream>

namespace polycert::cli {

namespace {

enum class Kind { certificate, request };

// A certificate's TBSCertificate has at least six fields; a request's
// CertificationRequestInfo exactly four, the last the [0] attributes.
Result<Kind> kind_of_der(ByteView der) {
  der::Reader top(der);
  auto outer = top.expect(der::kSequence, "SEQUENCE");
  if (!outer) return std::unexpected(outer.error());
  der::Reader body(outer->content);
  auto tbs = body.expect(der::kSequence, "signed data SEQUENCE");
  if (!tbs) return std::unexpected(tbs.error());
  der::Reader fields(tbs->content);
  std::size_t count = 0;
  std::uint8_t last = 0;
  while (!fields.empty()) {
    auto field = fields.next();
    if (!field) return std::unexpected(field.error());
    last = field->tag;
    ++count;
  }
  if (count == 4 && last == der::context_constructed(0)) return Kind::request;
  if (count >= 6) return Kind::certificate;
  return fail(ErrorCode::invalid_input, "neither a certificate nor a certificate request");
}

struct Document {
  Kind kind;
  SecureBuffer der;
  std::string encoding;  // "PEM" or "DER"
};

Result<Document> read_document(const std::string& path) {
  auto data = read_file(path);
  if (!data) return std::unexpected(data.error());
  if (data->empty()) return fail(ErrorCode::invalid_input, path + ": empty file");
  if (looks_like_pem(*data)) {
    auto blocks = pem_decode(*data);
    if (!blocks) return std::unexpected(with_context(blocks.error(), path));
    for (auto& block : *blocks) {
      for (auto label : kCertificateLabels)
        if (block.label == label) return Document{Kind::certificate, std::move(block.der), "PEM"};
      for (auto label : kCsrLabels)
        if (block.label == label) return Document{Kind::request, std::move(block.der), "PEM"};
    }
    return fail(ErrorCode::invalid_input, path + ": no certificate or certificate request in "
                                                 "this PEM file (first block: " +
                                                 blocks->front().label + ")");
  }
  if (auto strict = der::check_strict_der(*data); !strict)
    return std::unexpected(with_context(strict.error(), path + " (DER)"));
  auto kind = kind_of_der(*data);
  if (!kind) return std::unexpected(with_context(kind.error(), path + " (DER)"));
  return Document{*kind, std::move(*data), "DER"};
}

nlohmann::json extensions_json(const ExtensionSet& set) {
  nlohmann::json out = nlohmann::json::object();
  nlohmann::json sans = nlohmann::json::array();
  for (const auto& name : set.subject_alt_names) sans.push_back(to_string(name));
  out["subject_alt_names"] = sans;
  out["key_usage"] = nlohmann::json::array();
  if (set.key_usage) {
    const std::string names = key_usage_names(*set.key_usage);
    for (std::size_t start = 0; start < names.size();) {
      const auto comma = names.find(',', start);
      out["key_usage"].push_back(names.substr(start, comma - start));
      start = comma == std::string::npos ? names.size() : comma + 1;
    }
  }
  out["extended_key_usage"] = nlohmann::json::array();
  for (const auto& usage : set.extended_key_usage)
    out["extended_key_usage"].push_back(extended_key_usage_name(usage));
  if (set.basic_constraints) {
    out["basic_constraints"] = {{"ca", set.basic_constraints->ca}};
    if (set.basic_constraints->path_length)
      out["basic_constraints"]["path_length"] = *set.basic_constraints->path_length;
  } else {
    out["basic_constraints"] = nullptr;
  }
  return out;
}

void print_extensions(const ExtensionSet& set) {
  if (!set.subject_alt_names.empty()) {
    std::cout << "  subjectAltName:     ";
    for (std::size_t i = 0; i < set.subject_alt_names.size(); ++i)
      std::cout << (i ? ", " : "") << to_string(set.subject_alt_names[i]);
    std::cout << "\n";
  }
  if (set.key_usage) std::cout << "  keyUsage:           " << key_usage_names(*set.key_usage) << "\n";
  if (!set.extended_key_usage.empty()) {
    std::cout << "  extendedKeyUsage:   ";
    for (std::size_t i = 0; i < set.extended_key_usage.size(); ++i)
      std::cout << (i ? "," : "") << extended_key_usage_name(set.extended_key_usage[i]);
    std::cout << "\n";
  }
  if (set.basic_constraints) {
    std::cout << "  basicConstraints:   CA:" << (set.basic_constraints->ca ? "TRUE" : "FALSE");
    if (set.basic_constraints->path_length) std::cout << ", pathlen:" << *set.basic_constraints->path_length;
    std::cout << "\n";
  }
}

class InspectCommand final : public Command {
 public:
  std::string_view name() const override { return "inspect"; }
  std::string_view summary() const override {
    return "show what a certificate or CSR says and whether its signature verifies";
  }
  std::string_view synopsis() const override { return "inspect FILE [--json]"; }

  void add_options(po::options_description& options) override {
    options.add_options()
        ("file", po::value<std::string>(&file_)->required()->value_name("FILE"),
         "certificate or request, PEM or DER (also the first argument)")
        ("json", po::bool_switch(&json_), "one JSON document on standard output");
  }
  void add_positionals(po::positional_options_description& positionals) override {
    positionals.add("file", 1);
  }

  int run(Session& session, const po::variables_map&) override {
    auto provider = session.provider();
    if (!provider) return kExitUsage;
    auto document = read_document(file_);
    if (!document) return session.report(document.error());
    return document->kind == Kind::request ? show_request(session, *provider, *document)
                                           : show_certificate(session, *provider, *document);
  }

 private:
  int show_request(Session& session, Provider& provider, const Document& document) {
    auto info = provider.parse_csr(document.der);
    if (!info) return session.report(info.error(), file_);
    const std::string algorithm = signature_algorithm_name(info->signature_algorithm_oid);
    if (json_) {
      nlohmann::json out = {
          {"file", file_}, {"kind", "certificate_request"}, {"encoding", document.encoding},
          {"backend", session.resolved_backend}, {"subject", format_slash(info->subject)},
          {"subject_rfc4514", format_rfc4514(info->subject)},
          {"public_key", {{"spec", to_string(info->key)}, {"bits", info->key.bits()}}},
          {"extensions", extensions_json(info->extensions)},
          {"challenge_password_present", info->challenge_password.has_value()},
          {"unstructured_name", info->unstructured_name ? nlohmann::json(*info->unstructured_name) : nullptr},
          {"signature_algorithm", algorithm}, {"signature_valid", info->signature_valid}};
      std::cout << out.dump(2) << "\n";
    } else {
      std::cout << file_ << ": certificate request (" << document.encoding << ") [" << session.resolved_backend << "]\n"
                << "  subject:            " << format_slash(info->subject) << "\n"
                << "  public key:         " << to_string(info->key) << "\n";
      print_extensions(info->extensions);
      // The challenge password is a secret: say that it is there, never what it is.
      if (info->challenge_password) std::cout << "  challengePassword:  (present, not shown)\n";
      if (info->unstructured_name) std::cout << "  unstructuredName:   " << *info->unstructured_name << "\n";
      std::cout << "  signature:          " << algorithm << ", "
                << (info->signature_valid ? "verifies" : "DOES NOT VERIFY") << "\n";
    }
    if (!info->signature_valid)
      return session.report(Error{ErrorCode::mismatch, "the request's signature does not verify"}, file_);
    return kExitOk;
  }

  int show_certificate(Session& session, Provider& provider, const Document& document) {
    auto info = provider.parse_certificate(document.der);
    if (!info) return session.report(info.error(), file_);
    const bool self_issued = info->subject_der == info->issuer_der;
    std::optional<bool> verifies;  // checked only when the issuer is the certificate itself
    if (self_issued) {
      auto verified = provider.verify_certificate_signature(document.der, document.der);
      if (!verified && verified.error().code != ErrorCode::mismatch)
        return session.report(verified.error(), file_);
      verifies = verified.has_value();
    }
    const std::string algorithm = signature_algorithm_name(info->signature_algorithm_oid);
    if (json_) {
      nlohmann::json out = {
          {"file", file_}, {"kind", "certificate"}, {"encoding", document.encoding},
          {"backend", session.resolved_backend}, {"subject", format_slash(info->subject)},
          {"subject_rfc4514", format_rfc4514(info->subject)}, {"issuer", format_slash(info->issuer)},
          {"serial", hex_with_colons(info->serial)}, {"not_before", format_time(info->not_before)},
          {"not_after", format_time(info->not_after)},
          {"public_key", {{"spec", to_string(info->key)}, {"bits", info->key.bits()}}},
          {"extensions", extensions_json(info->extensions)},
          {"subject_key_identifier", hex_with_colons(info->subject_key_id)},
          {"authority_key_identifier", hex_with_colons(info->authority_key_id)},
          {"signature_algorithm", algorithm}, {"self_signed", self_issued},
          {"signature_valid", verifies ? nlohmann::json(*verifies) : nullptr},
          {"sha256_fingerprint", hex_with_colons(info->sha256_fingerprint)}};
      std::cout << out.dump(2) << "\n";
    } else {
      std::cout << file_ << ": certificate (" << document.encoding << ") [" << session.resolved_backend << "]\n"
                << "  subject:            " << format_slash(info->subject) << "\n"
                << "  issuer:             " << format_slash(info->issuer) << "\n"
                << "  serial:             " << hex_with_colons(info->serial) << "\n"
                << "  valid:              " << format_time(info->not_before) << " to "
                << format_time(info->not_after) << "\n"
                << "  public key:         " << to_string(info->key) << "\n";
      print_extensions(info->extensions);
      if (!info->subject_key_id.empty())
        std::cout << "  subjectKeyId:       " << hex_with_colons(info->subject_key_id) << "\n";
      if (!info->authority_key_id.empty())
        std::cout << "  authorityKeyId:     " << hex_with_colons(info->authority_key_id) << "\n";
      std::cout << "  signature:          " << algorithm;
      if (verifies) std::cout << ", self-signed, " << (*verifies ? "verifies" : "DOES NOT VERIFY");
      else std::cout << ", issued by another certificate (not checked here)";
      std::cout << "\n  SHA-256 fingerprint: " << hex_with_colons(info->sha256_fingerprint) << "\n";
    }
    if (verifies == false)
      return session.report(Error{ErrorCode::mismatch, "the self-signed signature does not verify"}, file_);
    return kExitOk;
  }

  std::string file_;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_inspect_command() { return std::make_unique<InspectCommand>(); }

}  // namespace polycert::cli
