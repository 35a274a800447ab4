#include <polycert/x509_structure.hpp>

#include "signed_object_parts.hpp"

#include <polycert/der.hpp>
#include <polycert/key_structure.hpp>
#include <polycert/name.hpp>

#include <algorithm>

namespace polycert {

namespace {

constexpr std::uint8_t kUtcTime = 0x17;
constexpr std::uint8_t kGeneralizedTime = 0x18;
constexpr std::uint8_t kIssuerUniqueId = 0x81;   // [1] IMPLICIT BIT STRING
constexpr std::uint8_t kSubjectUniqueId = 0x82;  // [2] IMPLICIT BIT STRING

int digits(ByteView text, std::size_t at, std::size_t count, bool& ok) {
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') ok = false;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

using namespace signed_object_parts;


Result<std::int64_t> read_x509_time(std::uint8_t tag, ByteView text) {
  const bool utc = tag == kUtcTime;
  if (!utc && tag != kGeneralizedTime) return fail(ErrorCode::invalid_input, "a time that is neither UTCTime nor GeneralizedTime");
  const std::size_t year_digits = utc ? 2 : 4;
  // RFC 5280 4.1.2.5.1/4.1.2.5.2: seconds always, 'Z' always, no fractions.
  if (text.size() != year_digits + 11 || text.back() != 'Z')
    return fail(ErrorCode::invalid_input,
                std::string("time '") + std::string(text.begin(), text.end()) +
                    "' is not " + (utc ? "YYMMDDHHMMSSZ" : "YYYYMMDDHHMMSSZ") + " (RFC 5280 4.1.2.5)");
  bool ok = true;
  std::int64_t year = digits(text, 0, year_digits, ok);
  if (utc) year += year < 50 ? 2000 : 1900;
  const std::size_t at = year_digits;
  const CivilTime time{year, digits(text, at, 2, ok), digits(text, at + 2, 2, ok),
                       digits(text, at + 4, 2, ok), digits(text, at + 6, 2, ok),
                       digits(text, at + 8, 2, ok)};
  if (!ok || time.month < 1 || time.month > 12 || time.day < 1 || time.day > 31 || time.hour > 23 ||
      time.minute > 59 || time.second > 59)
    return fail(ErrorCode::invalid_input,
                "time '" + std::string(text.begin(), text.end()) + "' is not a valid date and time");
  const std::int64_t seconds = unix_seconds(time);
  if (civil_time(seconds).day != time.day)  // 31 April and the like
    return fail(ErrorCode::invalid_input,
                "time '" + std::string(text.begin(), text.end()) + "' names a day the month does not have");
  return seconds;
}

SerialNumber read_serial(ByteView content) {
  SerialNumber serial;
  serial.negative = !content.empty() && (content[0] & 0x80) != 0;
  Bytes value(content.begin(), content.end());
  if (serial.negative) {  // two's complement: invert and add one
    for (auto& byte : value) byte = static_cast<std::uint8_t>(~byte);
    for (auto it = value.rbegin(); it != value.rend(); ++it)
      if (++*it != 0) break;
  }
  auto first = std::ranges::find_if(value, [](std::uint8_t b) { return b != 0; });
  serial.magnitude.assign(first, value.end());
  if (serial.magnitude.empty()) serial.magnitude.push_back(0);
  return serial;
}

Result<CertificateStructure> inspect_certificate(ByteView der) {
  constexpr std::string_view kWhat = "certificate";
  auto signed_parts = split_signed(der, kWhat);
  if (!signed_parts) return std::unexpected(signed_parts.error());
  CertificateStructure out;
  out.to_be_signed = signed_parts->to_be_signed.whole;
  out.signature_algorithm = signed_parts->algorithm.whole;
  out.signature = signed_parts->signature;

  der::Reader fields(signed_parts->to_be_signed.content);
  if (fields.peek_tag() == der::context_constructed(0)) {
    auto tagged = fields.next();
    if (!tagged) return std::unexpected(tagged.error());
    der::Reader inner(tagged->content);
    auto version = inner.expect(der::kInteger, "certificate version");
    if (!version) return std::unexpected(version.error());
    if (!inner.empty()) return refuse(kWhat, "data after the version");
    const ByteView v = version->content;
    if (v.size() != 1 || v[0] > 2)
      return refuse(kWhat, "version field " +
                               (v.size() == 1 ? std::to_string(v[0]) : std::string("out of range")) +
                               ": X.509 defines only v1 (0), v2 (1) and v3 (2) (RFC 5280 4.1.2.1)");
    out.version = v[0] + 1u;
  }
  auto serial = fields.expect(der::kInteger, "serialNumber");
  if (!serial) return std::unexpected(serial.error());
  if (serial->content.empty()) return refuse(kWhat, "the serial number is an empty INTEGER");
  out.serial = serial->content;
  auto inner_algorithm = fields.expect(der::kSequence, "TBSCertificate signature");
  if (!inner_algorithm) return std::unexpected(inner_algorithm.error());
  out.inner_signature_algorithm = inner_algorithm->whole;
  auto issuer = fields.expect(der::kSequence, "issuer");
  if (!issuer) return std::unexpected(issuer.error());
  out.issuer = issuer->whole;
  auto validity = fields.expect(der::kSequence, "validity");
  if (!validity) return std::unexpected(validity.error());
  {
    der::Reader times(validity->content);
    for (std::int64_t* field : {&out.not_before, &out.not_after}) {
      auto time = times.next();
      if (!time) return std::unexpected(with_context(time.error(), "certificate validity"));
      auto seconds = read_x509_time(time->tag, time->content);
      if (!seconds) return std::unexpected(with_context(seconds.error(), "certificate validity"));
      *field = *seconds;
    }
    if (!times.empty()) return refuse(kWhat, "data after notAfter");
  }
  auto subject = fields.expect(der::kSequence, "subject");
  if (!subject) return std::unexpected(subject.error());
  out.subject = subject->whole;
  auto spki = fields.expect(der::kSequence, "subjectPublicKeyInfo");
  if (!spki) return std::unexpected(spki.error());
  out.subject_public_key_info = spki->whole;
  for (std::uint8_t tag : {kIssuerUniqueId, kSubjectUniqueId}) {
    if (fields.peek_tag() != tag) continue;
    if (!fields.next()) return refuse(kWhat, "unreadable unique identifier");
    if (out.version == 1)
      return refuse(kWhat, "a unique identifier in a version 1 certificate (RFC 5280 4.1.2.8)");
  }
  if (fields.peek_tag() == der::context_constructed(3)) {
    auto tagged = fields.next();
    if (!tagged) return std::unexpected(tagged.error());
    if (out.version != 3)
      return refuse(kWhat, "extensions in a version " + std::to_string(out.version) +
                               " certificate (RFC 5280 4.1.2.9: only version 3 has them)");
    der::Reader inner(tagged->content);
    auto list = inner.expect(der::kSequence, "extensions");
    if (!list) return std::unexpected(list.error());
    if (!inner.empty()) return refuse(kWhat, "data after the extensions");
    auto extensions = read_extension_list(list->content, kWhat);
    if (!extensions) return std::unexpected(extensions.error());
    out.extensions = std::move(*extensions);
  }
  if (!fields.empty()) return refuse(kWhat, "unexpected data at the end of the TBSCertificate");

  if (!std::ranges::equal(out.inner_signature_algorithm, out.signature_algorithm))
    return refuse(kWhat, "the signature algorithm inside the signed part (" +
                             algorithm_text(out.inner_signature_algorithm) +
                             ") differs from the one outside (" +
                             algorithm_text(out.signature_algorithm) +
                             "); RFC 5280 4.1.1.2 requires the same");

  const SerialNumber value = read_serial(out.serial);
  if (value.negative)
    out.warnings.push_back("the serial number is negative (RFC 5280 4.1.2.2 requires a positive one)");
  else if (value.magnitude == Bytes{0})
    out.warnings.push_back("the serial number is zero (RFC 5280 4.1.2.2 requires a positive one)");
  if (out.serial.size() > 20)
    out.warnings.push_back("the serial number is " + std::to_string(out.serial.size()) +
                           " octets long (RFC 5280 4.1.2.2: at most 20)");
  return out;
}

Result<RequestStructure> inspect_request(ByteView der) {
  constexpr std::string_view kWhat = "certificate request";
  auto signed_parts = split_signed(der, kWhat);
  if (!signed_parts) return std::unexpected(signed_parts.error());
  RequestStructure out;
  out.to_be_signed = signed_parts->to_be_signed.whole;
  out.signature_algorithm = signed_parts->algorithm.whole;
  out.signature = signed_parts->signature;
  der::Reader fields(signed_parts->to_be_signed.content);
  auto version = fields.expect(der::kInteger, "request version");
  if (!version) return std::unexpected(version.error());
  if (version->content.size() != 1 || version->content[0] != 0)
    return refuse(kWhat, "version is not v1 (0), the only one RFC 2986 4.1 defines");
  auto subject = fields.expect(der::kSequence, "subject");
  if (!subject) return std::unexpected(subject.error());
  out.subject = subject->whole;
  auto spki = fields.expect(der::kSequence, "subjectPKInfo");
  if (!spki) return std::unexpected(spki.error());
  out.subject_public_key_info = spki->whole;
  auto attributes = fields.expect(der::context_constructed(0), "attributes [0]");
  if (!attributes) return std::unexpected(attributes.error());
  out.attributes = attributes->content;
  if (!fields.empty()) return refuse(kWhat, "data after the attributes");
  return out;
}

Result<Bytes> read_key_identifier(const Extension& extension) {
  der::Reader top(extension.value);
  if (extension.oid == oid::kSubjectKeyIdentifier) {
    auto id = top.expect(der::kOctetString, "subjectKeyIdentifier");
    if (!id) return std::unexpected(id.error());
    if (!top.empty()) return fail(ErrorCode::invalid_input, "subjectKeyIdentifier: trailing data");
    return Bytes(id->content.begin(), id->content.end());
  }
  auto sequence = top.expect(der::kSequence, "authorityKeyIdentifier");
  if (!sequence) return std::unexpected(sequence.error());
  if (!top.empty()) return fail(ErrorCode::invalid_input, "authorityKeyIdentifier: trailing data");
  // AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] OPTIONAL, authorityCertIssuer
  // [1] GeneralNames OPTIONAL, authorityCertSerialNumber [2] OPTIONAL } (RFC 5280 4.2.1.1),
  // read whole so that every backend refuses the same malformed one.
  der::Reader fields(sequence->content);
  Bytes key_id;
  if (fields.peek_tag() == 0x80) {
    auto id = fields.next();
    if (!id) return std::unexpected(id.error());
    key_id.assign(id->content.begin(), id->content.end());
  }
  if (fields.peek_tag() == 0xA1) {
    auto issuer = fields.next();
    if (!issuer) return std::unexpected(issuer.error());
    der::Reader names(issuer->content);
    if (names.empty()) return fail(ErrorCode::invalid_input, "authorityKeyIdentifier: empty authorityCertIssuer");
    while (!names.empty()) {
      auto name = names.next();
      if (!name) return std::unexpected(name.error());
      if (auto read = decode_general_name(name->whole); !read)
        return std::unexpected(with_context(read.error(), "authorityKeyIdentifier"));
    }
  }
  if (fields.peek_tag() == 0x82) {
    auto serial = fields.next();
    if (!serial || serial->content.empty())
      return fail(ErrorCode::invalid_input, "authorityKeyIdentifier: malformed authorityCertSerialNumber");
  }
  if (!fields.empty())
    return fail(ErrorCode::invalid_input, "authorityKeyIdentifier: unexpected element or order");
  return key_id;
}

Result<void> read_extension_fields(const CertificateStructure& structure, CertificateInfo& info) {
  auto typed = decode_extensions(structure.extensions);
  if (!typed) return std::unexpected(with_context(typed.error(), "certificate"));
  info.all_extensions = structure.extensions;
  info.extensions = std::move(*typed);
  if (auto& constraints = info.extensions.basic_constraints;
      constraints && !constraints->ca && constraints->path_length) {
    // Libraries differ here (OpenSSL keeps the length, Botan drops it); it means nothing.
    constraints->path_length.reset();
    info.warnings.push_back("basicConstraints has a pathLenConstraint without cA, which RFC 5280 "
                            "4.2.1.9 forbids; it is ignored");
  }
  info.subject_key_id.clear();
  info.authority_key_id.clear();
  for (const Extension& extension : structure.extensions) {
    if (extension.oid != oid::kSubjectKeyIdentifier && extension.oid != oid::kAuthorityKeyIdentifier)
      continue;
    auto id = read_key_identifier(extension);
    if (!id) return std::unexpected(with_context(id.error(), "certificate"));
    (extension.oid == oid::kSubjectKeyIdentifier ? info.subject_key_id : info.authority_key_id) =
        std::move(*id);
  }
  return {};
}

Result<CertificateInfo> read_certificate_fields(const CertificateStructure& structure) {
  CertificateInfo info;
  info.subject_der.assign(structure.subject.begin(), structure.subject.end());
  info.issuer_der.assign(structure.issuer.begin(), structure.issuer.end());
  auto subject = decode_name(info.subject_der);
  if (!subject) return std::unexpected(with_context(subject.error(), "certificate: subject"));
  auto issuer = decode_name(info.issuer_der);
  if (!issuer) return std::unexpected(with_context(issuer.error(), "certificate: issuer"));
  info.subject = std::move(*subject);
  info.issuer = std::move(*issuer);
  info.serial = read_serial(structure.serial).magnitude;
  info.not_before = structure.not_before;
  info.not_after = structure.not_after;
  info.public_key.assign(structure.subject_public_key_info.begin(),
                         structure.subject_public_key_info.end());
  if (auto key = inspect_public_key(structure.subject_public_key_info)) {
    info.key = KeySpec{key->algorithm, key->rsa_bits, key->curve};
  }
  if (auto read = read_extension_fields(structure, info); !read) return std::unexpected(read.error());
  auto signature_oid = algorithm_oid(structure.signature_algorithm);
  if (!signature_oid) return std::unexpected(signature_oid.error());
  info.signature_algorithm_oid = std::move(*signature_oid);
  return info;
}

Result<CsrInfo> read_request_fields(const RequestStructure& structure) {
  constexpr std::string_view kWhat = "certificate request";
  CsrInfo info;
  info.subject_der.assign(structure.subject.begin(), structure.subject.end());
  auto subject = decode_name(info.subject_der);
  if (!subject) return std::unexpected(with_context(subject.error(), "certificate request: subject"));
  info.subject = std::move(*subject);
  info.public_key.assign(structure.subject_public_key_info.begin(),
                         structure.subject_public_key_info.end());
  if (auto key = inspect_public_key(structure.subject_public_key_info))
    info.key = KeySpec{key->algorithm, key->rsa_bits, key->curve};

  // Attribute ::= SEQUENCE { type OID, values SET SIZE (1..MAX) OF ANY } (RFC 2986 4.1)
  der::Reader attributes(structure.attributes);
  std::vector<std::string> seen;
  while (!attributes.empty()) {
    auto attribute = attributes.expect(der::kSequence, "request attribute");
    if (!attribute) return std::unexpected(attribute.error());
    der::Reader fields(attribute->content);
    auto type = fields.expect(der::kOid, "attribute type");
    if (!type) return std::unexpected(type.error());
    auto dotted = der::decode_oid(type->content);
    if (!dotted) return std::unexpected(dotted.error());
    auto values = fields.expect(der::kSet, "attribute values");
    if (!values) return std::unexpected(values.error());
    if (!fields.empty()) return refuse(kWhat, "attribute " + *dotted + " has data after its values");
    if (std::ranges::find(seen, *dotted) != seen.end() &&
        (*dotted == oid::kExtensionRequest || *dotted == oid::kChallengePassword ||
         *dotted == oid::kUnstructuredName))
      return refuse(kWhat, "attribute " + *dotted + " appears twice");
    seen.push_back(*dotted);
    der::Reader members(values->content);
    auto value = members.next();
    if (!value) return refuse(kWhat, "attribute " + *dotted + " has no value");
    const bool single = members.empty();
    if (*dotted == oid::kExtensionRequest) {
      if (!single || value->tag != der::kSequence)
        return refuse(kWhat, "extensionRequest is not one Extensions SEQUENCE");
      auto extensions = read_extension_list(value->content, kWhat);
      if (!extensions) return std::unexpected(extensions.error());
      info.requested_extensions = std::move(*extensions);
      auto typed = decode_extensions(info.requested_extensions);
      if (!typed) return std::unexpected(with_context(typed.error(), kWhat));
      info.extensions = std::move(*typed);
    } else if (*dotted == oid::kChallengePassword || *dotted == oid::kUnstructuredName) {
      const bool password = *dotted == oid::kChallengePassword;
      const std::string_view name = password ? "challengePassword" : "unstructuredName";
      if (!single) return refuse(kWhat, std::string(name) + " has more than one value");
      auto text = decode_string_value(value->tag, value->content);
      if (!text) return std::unexpected(with_context(text.error(), std::string(kWhat) + ": " + std::string(name)));
      if (password)
        info.challenge_password = SecureBuffer(text->begin(), text->end());
      else
        info.unstructured_name = std::move(*text);
    }
  }

  auto signature_oid = algorithm_oid(structure.signature_algorithm);
  if (!signature_oid) return std::unexpected(signature_oid.error());
  info.signature_algorithm_oid = std::move(*signature_oid);
  return info;
}

}  // namespace polycert
