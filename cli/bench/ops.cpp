#include "ops.hpp"

#include <polycert/formats.hpp>
#include <polycert/name.hpp>
#include <polycert/pem.hpp>
#include <polycert/pkcs12.hpp>
#include <polycert/x509.hpp>

#include <chrono>
#include <set>

namespace polycert::bench {

namespace {

struct KindName {
  OpKind kind;
  std::string_view name;
  bool needs_spec;                  ///< "keygen" alone is not an operation
  std::optional<KeySpec> default_;  ///< the key of "parse:key" without ":SPEC"
};

constexpr KeySpec kP256 = KeySpec::ec(Curve::p256);

const KindName kKinds[] = {
    {OpKind::keygen, "keygen", true, std::nullopt},
    {OpKind::csr, "csr", true, std::nullopt},
    {OpKind::csr_verify, "csr-verify", true, std::nullopt},
    {OpKind::parse_cert, "parse:cert", false, kP256},
    {OpKind::parse_key, "parse:key", false, KeySpec::rsa(2048)},
    {OpKind::parse_pkcs12, "parse:pkcs12", false, KeySpec::rsa(2048)},
    {OpKind::parse_pkcs7, "parse:pkcs7", false, kP256},
    {OpKind::pem, "pem", false, kP256},
};

const KindName& kind_entry(OpKind kind) {
  for (const auto& entry : kKinds)
    if (entry.kind == kind) return entry;
  return kKinds[0];  // unreachable: every kind is in the table
}

constexpr std::string_view kAccepted =
    "keygen:SPEC, csr:SPEC, csr-verify:SPEC, parse:cert[:SPEC], parse:key[:SPEC], "
    "parse:pkcs12[:SPEC], parse:pkcs7[:SPEC], pem (SPEC: rsa:2048, rsa:3072, rsa:4096, "
    "ec:P-256, ec:P-384, ec:P-521, ed25519)";

Result<OpSpec> parse_op(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return fail(ErrorCode::invalid_input, "--ops: '" + std::string(text) + "' " + std::string(why) +
                                              "; operations are " + std::string(kAccepted));
  };
  // The longest kind name that `text` starts with, followed by nothing or ':'.
  const KindName* found = nullptr;
  for (const auto& entry : kKinds) {
    if (!text.starts_with(entry.name)) continue;
    if (text.size() != entry.name.size() && text[entry.name.size()] != ':') continue;
    if (!found || entry.name.size() > found->name.size()) found = &entry;
  }
  if (!found) return bad("is not an operation");
  std::string_view rest = text.substr(found->name.size());
  if (rest.empty()) {
    if (found->needs_spec)
      return bad("needs a key spec, e.g. " + std::string(found->name) + ":ec:P-256");
    return OpSpec{found->kind, *found->default_};
  }
  if (found->kind == OpKind::pem) return bad("takes no key spec");
  rest.remove_prefix(1);
  auto spec = parse_key_spec(rest);
  if (!spec) return bad("has no valid key spec (" + spec.error().message + ")");
  return OpSpec{found->kind, *spec};
}

std::string trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return std::string(text);
}

// The capability rows an operation needs, as (operation, subject).
std::vector<std::pair<Operation, std::string>> needed_rows(const OpSpec& op) {
  const std::string spec = to_string(op.key);
  std::vector<std::pair<Operation, std::string>> rows = {{Operation::generate_key, spec}};
  switch (op.kind) {
    case OpKind::keygen:
      break;
    case OpKind::csr:
      rows.emplace_back(Operation::create_csr, spec);
      break;
    case OpKind::csr_verify:
      rows.emplace_back(Operation::create_csr, spec);
      rows.emplace_back(Operation::read_csr, spec);
      break;
    case OpKind::parse_cert:
    case OpKind::parse_pkcs7:
    case OpKind::pem:
      rows.emplace_back(Operation::export_pkcs8, spec);
      rows.emplace_back(Operation::import_pkcs8, spec);
      rows.emplace_back(Operation::export_spki, spec);
      rows.emplace_back(Operation::issue_certificate, spec);
      rows.emplace_back(Operation::read_certificate, spec);
      break;
    case OpKind::parse_key:
      rows.emplace_back(Operation::export_pkcs8, spec);
      rows.emplace_back(Operation::import_pkcs8, spec);
      break;
    case OpKind::parse_pkcs12:
      rows.emplace_back(Operation::export_pkcs8, spec);
      rows.emplace_back(Operation::import_pkcs8, spec);
      rows.emplace_back(Operation::export_spki, spec);
      rows.emplace_back(Operation::issue_certificate, spec);
      rows.emplace_back(Operation::read_certificate, spec);
      rows.emplace_back(Operation::derive_key, "pbkdf2-hmac-sha256");
      rows.emplace_back(Operation::derive_key, "pkcs12-kdf-sha256");
      rows.emplace_back(Operation::cipher, "aes-256-cbc");
      rows.emplace_back(Operation::mac, "hmac-sha256");
      break;
  }
  return rows;
}

constexpr std::string_view kPkcs12Password = "polycert bench";

DistinguishedName bench_name(std::string_view cn) {
  DistinguishedName name;
  name.rdns.push_back({{{std::string(oid::kCommonName), std::string(cn), StringType::utf8}}});
  return name;
}

CsrSpec bench_csr_spec() {
  CsrSpec spec;
  spec.subject = bench_name("bench.polycert.example");
  spec.extensions.subject_alt_names.push_back({GeneralName::Kind::dns, "bench.polycert.example"});
  return spec;
}

Result<Bytes> pem_body(ByteView pem_text, std::string_view label) {
  auto blocks = pem_decode(pem_text);
  if (!blocks) return std::unexpected(blocks.error());
  if (blocks->size() != 1 || (*blocks)[0].label != label)
    return fail(ErrorCode::internal, "bench input is not one " + std::string(label) + " block");
  return Bytes((*blocks)[0].der.begin(), (*blocks)[0].der.end());
}

}  // namespace

std::string_view to_string(OpKind kind) { return kind_entry(kind).name; }

std::string OpSpec::name() const {
  if (kind == OpKind::pem) return "pem";
  return std::string(to_string(kind)) + ":" + to_string(key);
}

Result<std::vector<OpSpec>> parse_op_list(std::string_view text) {
  std::vector<OpSpec> ops;
  std::set<std::string> seen;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    const std::string item =
        trim(text.substr(start, comma == std::string_view::npos ? text.npos : comma - start));
    if (item.empty())
      return fail(ErrorCode::invalid_input, "--ops: empty entry in '" + std::string(text) + "'");
    auto op = parse_op(item);
    if (!op) return std::unexpected(op.error());
    if (!seen.insert(op->name()).second)
      return fail(ErrorCode::invalid_input, "--ops: " + op->name() + " is listed twice");
    ops.push_back(*op);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return ops;
}

std::string_view default_op_list() {
  return "keygen:ec:P-256,keygen:ed25519,csr:ec:P-256,csr-verify:ec:P-256,parse:cert,"
         "parse:key,parse:pkcs12,parse:pkcs7,pem";
}

std::optional<std::string> missing_capability(const Capabilities& capabilities, const OpSpec& op) {
  for (const auto& [operation, subject] : needed_rows(op)) {
    const Capability* row = capabilities.find(operation, subject);
    if (row && !row->supported)
      return std::string(to_string(operation)) + " " + subject + ": " + row->note;
    if (!row)
      return std::string(to_string(operation)) + " " + subject + ": not in the capability matrix";
  }
  return std::nullopt;
}

Result<const SecureBuffer*> InputFactory::key(const KeySpec& spec, int index) {
  const auto slot = std::make_pair(to_string(spec), index);
  if (auto it = keys_.find(slot); it != keys_.end()) return &it->second;
  auto key = provider_.generate_key(spec);
  if (!key) return std::unexpected(key.error());
  auto pkcs8 = provider_.export_private_key(**key, PrivateKeyEncoding::pkcs8);
  if (!pkcs8) return std::unexpected(pkcs8.error());
  return &keys_.emplace(slot, std::move(*pkcs8)).first->second;
}

// A certificate for key (spec, index): self-signed as a CA when no issuer is given, else an
// end-entity certificate signed by the issuer's key.
Result<Bytes> InputFactory::certificate(const KeySpec& spec, int index,
                                        const SecureBuffer* issuer_key,
                                        const Bytes* issuer_certificate) {
  auto subject_pkcs8 = key(spec, index);
  if (!subject_pkcs8) return std::unexpected(subject_pkcs8.error());
  auto subject_key = provider_.import_private_key(**subject_pkcs8);
  if (!subject_key) return std::unexpected(subject_key.error());
  auto spki = provider_.export_public_key(**subject_key);
  if (!spki) return std::unexpected(spki.error());
  auto random = provider_.random_bytes(16);
  if (!random) return std::unexpected(random.error());

  CertificateSpec cert;
  const bool ca = issuer_key == nullptr;
  cert.subject = bench_name(ca ? "polycert bench CA" : "bench.polycert.example");
  cert.serial = make_serial(*random);
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  cert.not_before = now - 60;
  cert.not_after = now + 30 * 86400;
  if (ca) {
    cert.extensions.basic_constraints = BasicConstraints{true, std::nullopt};
    cert.extensions.key_usage = kKeyCertSign | kCrlSign | kDigitalSignature;
    return provider_.issue_certificate(cert, *spki, **subject_key, std::nullopt);
  }
  cert.extensions.basic_constraints = BasicConstraints{false, std::nullopt};
  cert.extensions.key_usage = kDigitalSignature;
  cert.extensions.extended_key_usage = {std::string(oid::kServerAuth)};
  cert.extensions.subject_alt_names.push_back({GeneralName::Kind::dns, "bench.polycert.example"});
  auto signer = provider_.import_private_key(*issuer_key);
  if (!signer) return std::unexpected(signer.error());
  return provider_.issue_certificate(cert, *spki, **signer, ByteView(*issuer_certificate));
}

Result<SecureBuffer> InputFactory::input_for(const OpSpec& op) {
  switch (op.kind) {
    case OpKind::keygen:
    case OpKind::csr:
      return SecureBuffer{};
    case OpKind::csr_verify: {
      auto pkcs8 = key(op.key, 0);
      if (!pkcs8) return std::unexpected(pkcs8.error());
      auto signer = provider_.import_private_key(**pkcs8);
      if (!signer) return std::unexpected(signer.error());
      auto csr = provider_.create_csr(**signer, bench_csr_spec());
      if (!csr) return std::unexpected(csr.error());
      return SecureBuffer(csr->begin(), csr->end());
    }
    case OpKind::parse_key: {
      auto pkcs8 = key(op.key, 0);
      if (!pkcs8) return std::unexpected(pkcs8.error());
      return pem_encode("PRIVATE KEY", **pkcs8);
    }
    case OpKind::parse_cert:
    case OpKind::parse_pkcs12:
    case OpKind::parse_pkcs7:
    case OpKind::pem: {
      // A CA (key index 1) and a leaf it signed (key index 0): the leaf's key and
      // certificate are what a server's files hold.
      auto ca_key = key(op.key, 1);
      if (!ca_key) return std::unexpected(ca_key.error());
      auto ca = certificate(op.key, 1, nullptr, nullptr);
      if (!ca) return std::unexpected(ca.error());
      auto leaf = certificate(op.key, 0, *ca_key, &*ca);
      if (!leaf) return std::unexpected(leaf.error());
      auto leaf_key = key(op.key, 0);
      if (!leaf_key) return std::unexpected(leaf_key.error());
      if (op.kind == OpKind::parse_cert) return pem_encode("CERTIFICATE", *leaf);
      if (op.kind == OpKind::parse_pkcs7) {
        const Bytes bundle = write_pkcs7_certificates({*leaf, *ca});
        return SecureBuffer(bundle.begin(), bundle.end());
      }
      if (op.kind == OpKind::parse_pkcs12) {
        const std::vector<Bytes> certificates = {*leaf, *ca};
        Pkcs12WriteOptions options;
        options.iterations = 2048;  // what `openssl pkcs12 -export` uses
        auto pfx = write_pkcs12(provider_, ByteView(**leaf_key), certificates,
                                as_bytes(kPkcs12Password), options);
        if (!pfx) return std::unexpected(pfx.error());
        return SecureBuffer(pfx->begin(), pfx->end());
      }
      SecureBuffer text = pem_encode("CERTIFICATE", *leaf);
      for (const auto& block :
           {pem_encode("CERTIFICATE", *ca), pem_encode("PRIVATE KEY", **leaf_key)})
        text.insert(text.end(), block.begin(), block.end());
      return text;
    }
  }
  return fail(ErrorCode::internal, "unknown bench operation");
}

Result<TimedOp> bind_op(Provider& provider, const OpSpec& op, const SecureBuffer& input,
                        const KeySource* signing_key) {
  Provider* p = &provider;
  const ByteView in(input);
  switch (op.kind) {
    case OpKind::keygen:
      return TimedOp([p, spec = op.key]() -> Result<void> {
        auto key = p->generate_key(spec);
        if (!key) return std::unexpected(key.error());
        return {};
      });
    case OpKind::csr: {
      // Once per run and thread, not timed.
      auto made = signing_key != nullptr ? (*signing_key)(*p) : p->generate_key(op.key);
      if (!made) return std::unexpected(made.error());
      if ((*made)->spec() != op.key)
        return fail(ErrorCode::invalid_input, "--key is a " + to_string((*made)->spec()) + " key, not the " +
                                                  to_string(op.key) + " key " + op.name() + " signs with");
      std::shared_ptr<PrivateKey> key = std::move(*made);
      return TimedOp(
          [p, key, spec = std::make_shared<CsrSpec>(bench_csr_spec())]() -> Result<void> {
            auto csr = p->create_csr(*key, *spec);
            if (!csr) return std::unexpected(csr.error());
            return {};
          });
    }
    case OpKind::csr_verify:
      return TimedOp([p, in]() -> Result<void> {
        auto info = p->parse_csr(in);
        if (!info) return std::unexpected(info.error());
        if (info->signature_status != SignatureStatus::verifies)
          return fail(ErrorCode::internal, "the bench's own request does not verify");
        return {};
      });
    case OpKind::parse_cert:
      return TimedOp([p, in]() -> Result<void> {
        auto der = pem_body(in, "CERTIFICATE");
        if (!der) return std::unexpected(der.error());
        auto info = p->parse_certificate(*der);
        if (!info) return std::unexpected(info.error());
        return {};
      });
    case OpKind::parse_key:
      return TimedOp([p, in]() -> Result<void> {
        auto blocks = pem_decode(in);
        if (!blocks) return std::unexpected(blocks.error());
        if (blocks->size() != 1) return fail(ErrorCode::internal, "bench key is not one PEM block");
        auto key = p->import_private_key((*blocks)[0].der);
        if (!key) return std::unexpected(key.error());
        return {};
      });
    case OpKind::parse_pkcs12:
      return TimedOp([p, in]() -> Result<void> {
        std::vector<std::string> warnings;
        auto contents = read_pkcs12(*p, in, as_bytes(kPkcs12Password), &warnings);
        if (!contents) return std::unexpected(contents.error());
        if (!contents->key)
          return fail(ErrorCode::internal, "the bench's PKCS#12 file lost its key");
        auto key = p->import_private_key(contents->key->pkcs8);
        if (!key) return std::unexpected(key.error());
        for (const auto& certificate : contents->certificates)
          if (auto info = p->parse_certificate(certificate.der); !info)
            return std::unexpected(info.error());
        return {};
      });
    case OpKind::parse_pkcs7:
      return TimedOp([p, in]() -> Result<void> {
        auto certificates = read_pkcs7_certificates(in);
        if (!certificates) return std::unexpected(certificates.error());
        for (const auto& certificate : *certificates)
          if (auto info = p->parse_certificate(certificate); !info)
            return std::unexpected(info.error());
        return {};
      });
    case OpKind::pem:
      return TimedOp([in]() -> Result<void> {
        auto blocks = pem_decode(in);
        if (!blocks) return std::unexpected(blocks.error());
        if (blocks->size() != 3) return fail(ErrorCode::internal, "bench PEM input lost a block");
        return {};
      });
  }
  return fail(ErrorCode::internal, "unknown bench operation");
}

}  // namespace polycert::bench
