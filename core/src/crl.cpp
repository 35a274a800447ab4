#include <polycert/crl.hpp>

#include <polycert/der.hpp>
#include <polycert/name.hpp>
#include <polycert/oid.hpp>
#include <polycert/provider.hpp>
#include <polycert/signature.hpp>
#include <polycert/x509_encoding.hpp>
#include <polycert/x509_structure.hpp>

#include "provider_checks.hpp"
#include "signed_object_parts.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace polycert {

namespace {

using namespace signed_object_parts;

constexpr std::string_view kWhat = "CRL";
constexpr std::uint8_t kEnumerated = 0x0A;

struct ReasonName {
  RevocationReason reason;
  std::string_view name;
};
constexpr std::array<ReasonName, 10> kReasons = {{
    {RevocationReason::unspecified, "unspecified"},
    {RevocationReason::key_compromise, "keyCompromise"},
    {RevocationReason::ca_compromise, "cACompromise"},
    {RevocationReason::affiliation_changed, "affiliationChanged"},
    {RevocationReason::superseded, "superseded"},
    {RevocationReason::cessation_of_operation, "cessationOfOperation"},
    {RevocationReason::certificate_hold, "certificateHold"},
    {RevocationReason::remove_from_crl, "removeFromCRL"},
    {RevocationReason::privilege_withdrawn, "privilegeWithdrawn"},
    {RevocationReason::aa_compromise, "aACompromise"},
}};

// "keyCompromise", "KEYCOMPROMISE" and "key-compromise" all read as one name.
std::string folded(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c != '-' && c != '_') out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

Result<RevocationReason> read_reason_code(const Extension& extension) {
  der::Reader reader(extension.value);
  auto value = reader.expect(kEnumerated, "reasonCode");
  if (!value) return std::unexpected(with_context(value.error(), kWhat));
  if (!reader.empty()) return refuse(kWhat, "data after the reasonCode");
  const ByteView c = value->content;
  if (c.size() == 1)
    for (const ReasonName& known : kReasons)
      if (static_cast<std::uint8_t>(known.reason) == c[0]) return known.reason;
  return refuse(kWhat, "reasonCode " + (c.size() == 1 ? std::to_string(c[0]) : std::string("out of range")) +
                           " is none of RFC 5280 5.3.1's (0 to 10 but 7)");
}

// cRLNumber ::= INTEGER (0..MAX), at most 20 octets (RFC 5280 5.2.3).
Result<Bytes> read_crl_number(const Extension& extension) {
  der::Reader reader(extension.value);
  auto value = reader.expect(der::kInteger, "cRLNumber");
  if (!value) return std::unexpected(with_context(value.error(), kWhat));
  if (!reader.empty()) return refuse(kWhat, "data after the cRLNumber");
  if (value->content.empty()) return refuse(kWhat, "the cRLNumber is an empty INTEGER");
  if (value->content.size() > 20) return refuse(kWhat, "the cRLNumber is longer than 20 octets (RFC 5280 5.2.3)");
  SerialNumber number = read_serial(value->content);
  if (number.negative) return refuse(kWhat, "the cRLNumber is negative (RFC 5280 5.2.3: 0..MAX)");
  return std::move(number.magnitude);
}

Result<std::int64_t> read_time(der::Reader& fields, std::string_view field) {
  auto time = fields.next();
  if (!time) return std::unexpected(with_context(time.error(), std::string(kWhat) + " " + std::string(field)));
  auto seconds = read_x509_time(time->tag, time->content);
  if (!seconds) return std::unexpected(with_context(seconds.error(), std::string(kWhat) + " " + std::string(field)));
  return seconds;
}

bool is_time_tag(std::uint8_t tag) { return tag == 0x17 || tag == 0x18; }

// revokedCertificates ::= SEQUENCE OF SEQUENCE { userCertificate, revocationDate,
// crlEntryExtensions OPTIONAL }.
Result<void> read_revoked(ByteView list, unsigned version, CrlInfo& out) {
  der::Reader entries(list);
  if (entries.empty())
    out.warnings.push_back("an empty revokedCertificates list (RFC 5280 5.1.2.6: absent when no certificate is revoked)");
  while (!entries.empty()) {
    auto entry = entries.expect(der::kSequence, "revoked certificate entry");
    if (!entry) return std::unexpected(with_context(entry.error(), kWhat));
    der::Reader fields(entry->content);
    auto serial = fields.expect(der::kInteger, "userCertificate");
    if (!serial) return std::unexpected(with_context(serial.error(), kWhat));
    if (serial->content.empty()) return refuse(kWhat, "a revoked serial number is an empty INTEGER");
    SerialNumber value = read_serial(serial->content);
    RevokedCertificate revoked{std::move(value.magnitude), value.negative, 0, std::nullopt};
    auto date = read_time(fields, "revocationDate");
    if (!date) return std::unexpected(date.error());
    revoked.revoked_at = *date;
    if (!fields.empty()) {
      auto list_element = fields.expect(der::kSequence, "crlEntryExtensions");
      if (!list_element) return std::unexpected(with_context(list_element.error(), kWhat));
      if (version != 2)
        return refuse(kWhat, "entry extensions in a version 1 CRL (RFC 5280 5.1.2.1: only v2 has them)");
      auto extensions = read_extension_list(list_element->content, "CRL entry");
      if (!extensions) return std::unexpected(extensions.error());
      for (const Extension& extension : *extensions) {
        if (extension.oid != oid::kCrlReason) continue;
        auto reason = read_reason_code(extension);
        if (!reason) return std::unexpected(reason.error());
        revoked.reason = *reason;
        if (*reason == RevocationReason::unspecified)
          out.warnings.push_back("a reasonCode of unspecified (RFC 5280 5.3.1: the extension SHOULD be absent instead)");
      }
      if (!fields.empty()) return refuse(kWhat, "data after an entry's extensions");
    }
    out.revoked.push_back(std::move(revoked));
  }
  return {};
}

// Magnitudes compare as numbers: leading zero octets do not count.
ByteView significant(ByteView magnitude) {
  while (magnitude.size() > 1 && magnitude[0] == 0) magnitude = magnitude.subspan(1);
  return magnitude;
}

bool same_serial(ByteView a, ByteView b) { return std::ranges::equal(significant(a), significant(b)); }

bool serial_less(ByteView a, ByteView b) {
  a = significant(a);
  b = significant(b);
  if (a.size() != b.size()) return a.size() < b.size();
  return std::ranges::lexicographical_compare(a, b);
}

}  // namespace

std::string_view to_string(RevocationReason reason) {
  for (const ReasonName& known : kReasons)
    if (known.reason == reason) return known.name;
  return "?";
}

Result<RevocationReason> parse_revocation_reason(std::string_view text) {
  std::string names;
  for (const ReasonName& known : kReasons) {
    if (folded(known.name) == folded(text)) return known.reason;
    names += (names.empty() ? "" : ", ") + std::string(known.name);
  }
  return fail(ErrorCode::invalid_input,
              "unknown revocation reason '" + std::string(text) + "'; one of " + names);
}

Result<CrlInfo> inspect_crl(ByteView der) {
  auto signed_parts = split_signed(der, kWhat);
  if (!signed_parts) return std::unexpected(signed_parts.error());
  CrlInfo out;
  out.to_be_signed.assign(signed_parts->to_be_signed.whole.begin(), signed_parts->to_be_signed.whole.end());
  out.signature_algorithm_der.assign(signed_parts->algorithm.whole.begin(), signed_parts->algorithm.whole.end());
  out.signature.assign(signed_parts->signature.begin(), signed_parts->signature.end());
  auto algorithm = algorithm_oid(out.signature_algorithm_der);
  if (!algorithm) return std::unexpected(with_context(algorithm.error(), kWhat));
  out.signature_algorithm = signature_algorithm_name(*algorithm);

  der::Reader fields(signed_parts->to_be_signed.content);
  if (fields.peek_tag() == der::kInteger) {
    auto version = fields.next();
    if (!version) return std::unexpected(version.error());
    const ByteView v = version->content;
    // Version ::= INTEGER { v1(0), v2(1) }; when present it MUST be v2 (RFC 5280 5.1.2.1).
    if (v.size() != 1 || v[0] != 1)
      return refuse(kWhat, "version field " + (v.size() == 1 ? std::to_string(v[0]) : std::string("out of range")) +
                               ": a CRL's version, when present, is v2 (1) (RFC 5280 5.1.2.1)");
    out.version = 2;
  }
  auto inner_algorithm = fields.expect(der::kSequence, "TBSCertList signature");
  if (!inner_algorithm) return std::unexpected(with_context(inner_algorithm.error(), kWhat));
  if (!std::ranges::equal(inner_algorithm->whole, out.signature_algorithm_der))
    return refuse(kWhat, "the signature algorithm inside the signed part (" +
                             algorithm_text(inner_algorithm->whole) + ") differs from the one outside (" +
                             algorithm_text(out.signature_algorithm_der) + "); RFC 5280 5.1.1.2 requires the same");
  auto issuer = fields.expect(der::kSequence, "issuer");
  if (!issuer) return std::unexpected(with_context(issuer.error(), kWhat));
  out.issuer_der.assign(issuer->whole.begin(), issuer->whole.end());
  auto issuer_name = decode_name(out.issuer_der);
  if (!issuer_name) return std::unexpected(with_context(issuer_name.error(), "CRL issuer"));
  if (issuer_name->empty()) return refuse(kWhat, "an empty issuer name (RFC 5280 5.1.2.3)");
  out.issuer = std::move(*issuer_name);
  auto this_update = read_time(fields, "thisUpdate");
  if (!this_update) return std::unexpected(this_update.error());
  out.this_update = *this_update;
  if (is_time_tag(fields.peek_tag())) {
    auto next_update = read_time(fields, "nextUpdate");
    if (!next_update) return std::unexpected(next_update.error());
    if (*next_update < out.this_update) return refuse(kWhat, "nextUpdate is before thisUpdate");
    out.next_update = *next_update;
  }
  if (fields.peek_tag() == der::kSequence) {
    auto list = fields.next();
    if (!list) return std::unexpected(list.error());
    if (auto read = read_revoked(list->content, out.version, out); !read) return std::unexpected(read.error());
  }
  if (fields.peek_tag() == der::context_constructed(0)) {
    auto tagged = fields.next();
    if (!tagged) return std::unexpected(tagged.error());
    if (out.version != 2)
      return refuse(kWhat, "extensions in a version 1 CRL (RFC 5280 5.1.2.1: only v2 has them)");
    der::Reader inner(tagged->content);
    auto list = inner.expect(der::kSequence, "crlExtensions");
    if (!list) return std::unexpected(with_context(list.error(), kWhat));
    if (!inner.empty()) return refuse(kWhat, "data after the extensions");
    auto extensions = read_extension_list(list->content, kWhat);
    if (!extensions) return std::unexpected(extensions.error());
    out.extensions = std::move(*extensions);
  }
  if (!fields.empty()) return refuse(kWhat, "unexpected data at the end of the TBSCertList");
  for (const Extension& extension : out.extensions) {
    if (extension.oid == oid::kCrlNumber) {
      auto number = read_crl_number(extension);
      if (!number) return std::unexpected(number.error());
      out.number = std::move(*number);
    } else if (extension.oid == oid::kAuthorityKeyIdentifier) {
      auto key_id = read_key_identifier(extension);
      if (!key_id) return std::unexpected(with_context(key_id.error(), kWhat));
      out.authority_key_id = std::move(*key_id);
    }
  }
  return out;
}

Result<Bytes> parse_serial_text(std::string_view text) {
  std::string_view digits = text;
  if (digits.starts_with("0x") || digits.starts_with("0X")) digits.remove_prefix(2);
  std::string hex;
  for (char c : digits) {
    if (c == ':') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c)))
      return fail(ErrorCode::invalid_input, "'" + std::string(text) +
                                                "' is not a serial number: hexadecimal digits, as openssl "
                                                "prints them (0A1B2C, 0a:1b:2c or 0x0A1B2C)");
    hex.push_back(c);
  }
  if (hex.empty()) return fail(ErrorCode::invalid_input, "an empty serial number");
  if (hex.size() % 2 != 0) hex.insert(hex.begin(), '0');
  Bytes out;
  for (std::size_t i = 0; i < hex.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  const ByteView value = significant(out);
  return Bytes(value.begin(), value.end());
}

Bytes next_crl_number(ByteView number) {
  Bytes out(number.begin(), number.end());
  for (auto it = out.rbegin(); it != out.rend(); ++it)
    if (++*it != 0) return out;
  out.insert(out.begin(), 1);
  return out;
}

const RevokedCertificate* find_revoked(const CrlInfo& crl, ByteView serial) {
  for (const RevokedCertificate& revoked : crl.revoked)
    if (!revoked.serial_negative && same_serial(revoked.serial, serial)) return &revoked;
  return nullptr;
}

Result<Bytes> Provider::issue_crl(const CrlSpec& spec, const PrivateKey& issuer_key,
                                  ByteView issuer_certificate) {
  using namespace provider_checks;
  if (auto owner = check_owner(*this, issuer_key); !owner) return std::unexpected(owner.error());
  if (auto strict = check_signed_object(issuer_certificate, "CA certificate"); !strict)
    return std::unexpected(strict.error());
  auto issuer = parse_certificate(issuer_certificate);
  if (!issuer) return std::unexpected(with_context(issuer.error(), "CA certificate"));
  const auto& constraints = issuer->extensions.basic_constraints;
  if (!constraints || !constraints->ca)
    return fail(ErrorCode::mismatch, "CA certificate " + format_slash(issuer->subject) +
                                         " is not a CA (basicConstraints cA is not TRUE), so it issues no CRL");
  if (issuer->extensions.key_usage && (*issuer->extensions.key_usage & kCrlSign) == 0)
    return fail(ErrorCode::mismatch, "CA certificate " + format_slash(issuer->subject) +
                                         " has a keyUsage without cRLSign (RFC 5280 4.2.1.3), so it issues no CRL");
  auto issuer_public = export_public_key(issuer_key);
  if (!issuer_public) return std::unexpected(issuer_public.error());
  if (!std::ranges::equal(*issuer_public, issuer->public_key))
    return fail(ErrorCode::mismatch, "the signing key does not belong to the CA certificate");
  if (spec.number.empty() || significant(spec.number).size() + ((significant(spec.number)[0] & 0x80) ? 1 : 0) > 20)
    return fail(ErrorCode::invalid_input, "CRL number: empty or longer than 20 octets (RFC 5280 5.2.3)");
  if (spec.next_update <= spec.this_update)
    return fail(ErrorCode::invalid_input, "CRL: nextUpdate is not after thisUpdate");
  if (spec.this_update < 0) return fail(ErrorCode::invalid_input, "CRL: thisUpdate before 1970");
  CrlSpec ordered = spec;
  for (const RevokedCertificate& revoked : ordered.revoked) {
    if (auto serial = check_serial(revoked.serial); !serial)
      return std::unexpected(with_context(serial.error(), "revoked certificate"));
    if (revoked.reason == RevocationReason::remove_from_crl)
      return fail(ErrorCode::invalid_input, "removeFromCRL appears only in delta CRLs (RFC 5280 5.3.1)");
    if (revoked.revoked_at < 0) return fail(ErrorCode::invalid_input, "revocation date before 1970");
  }
  // Entries in serial order, as openssl ca writes them: the same CRL from the same list.
  std::ranges::stable_sort(ordered.revoked, [](const RevokedCertificate& a, const RevokedCertificate& b) {
    return serial_less(a.serial, b.serial);
  });
  for (std::size_t i = 1; i < ordered.revoked.size(); ++i)
    if (same_serial(ordered.revoked[i - 1].serial, ordered.revoked[i].serial))
      return fail(ErrorCode::invalid_input,
                  "serial " + hex_with_colons(ordered.revoked[i].serial) + " is revoked twice");

  Bytes authority = issuer->subject_key_id;
  if (authority.empty()) {
    auto computed = key_identifier(issuer->public_key);
    if (!computed) return std::unexpected(computed.error());
    authority = std::move(*computed);
  }
  const Bytes algorithm = signature_algorithm_identifier(issuer_key.spec().algorithm, spec.digest);
  const Bytes tbs = encode_tbs_cert_list(ordered, issuer->subject_der, algorithm, authority);
  auto signature = sign(issuer_key, spec.digest, tbs);
  if (!signature) return std::unexpected(signature.error());
  return encode_signed(tbs, algorithm, *signature);
}

Result<CrlInfo> Provider::parse_crl(ByteView der, std::optional<ByteView> issuer) {
  using namespace provider_checks;
  if (auto strict = check_strict(der, kWhat); !strict) return std::unexpected(strict.error());
  auto crl = inspect_crl(der);
  if (!crl) return crl;
  if (!issuer) {
    crl->signature_note = "no issuer certificate given to check it with";
    return crl;
  }
  if (auto strict = check_signed_object(*issuer, "CRL issuer certificate"); !strict)
    return std::unexpected(strict.error());
  auto signer = inspect_certificate(*issuer);
  if (!signer) return std::unexpected(with_context(signer.error(), "CRL issuer certificate"));
  auto signer_name = decode_name(signer->subject);
  if (!signer_name) return std::unexpected(with_context(signer_name.error(), "CRL issuer certificate: subject"));
  if (!std::ranges::equal(crl->issuer_der, signer->subject) && !names_match(crl->issuer, *signer_name)) {
    crl->signature_status = SignatureStatus::does_not_verify;
    crl->signature_note = "the CRL's issuer is not " + format_slash(*signer_name);
    return crl;
  }
  auto check = check_signature(signer->subject_public_key_info, crl->signature_algorithm_der,
                               crl->to_be_signed, crl->signature);
  if (!check) return std::unexpected(check.error());
  crl->signature_status = check->status;
  crl->signature_note = check->status == SignatureStatus::verifies
                            ? "with the key of " + format_slash(*signer_name)
                            : check->note;
  return crl;
}

}  // namespace polycert
