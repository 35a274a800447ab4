#include <polycert/der.hpp>
#include <polycert/name.hpp>
#include <polycert/x509_encoding.hpp>

#include <algorithm>

namespace polycert {

namespace {

constexpr std::uint8_t kBoolean = 0x01;
constexpr std::uint8_t kEnumerated = 0x0A;
constexpr std::uint8_t kAttributesTag = 0xA0;  // [0] IMPLICIT SET OF Attribute
constexpr std::uint8_t kExtensionsTag = 0xA3;  // [3] EXPLICIT Extensions
constexpr std::uint8_t kKeyIdentifierTag = 0x80;  // [0] IMPLICIT KeyIdentifier

void append(SecureBuffer& out, ByteView bytes) { out.insert(out.end(), bytes.begin(), bytes.end()); }

Bytes to_bytes(const SecureBuffer& buffer) { return Bytes(buffer.begin(), buffer.end()); }

SecureBuffer oid_element(std::string_view dotted) {
  return der::element(der::kOid, der::encode_oid(dotted));
}

// Extensions ::= SEQUENCE OF Extension { extnID, critical DEFAULT FALSE, extnValue }; an
// encoded FALSE would be BER (X.690 11.5), so only TRUE is written.
SecureBuffer extension_list(const std::vector<Extension>& extensions) {
  SecureBuffer list;
  for (const Extension& extension : extensions) {
    SecureBuffer fields = oid_element(extension.oid);
    if (extension.critical) append(fields, der::element(kBoolean, Bytes{0xFF}));
    der::append_element(fields, der::kOctetString, extension.value);
    der::append_element(list, der::kSequence, fields);
  }
  return der::element(der::kSequence, list);
}

// Attribute ::= SEQUENCE { type, SET { value } }.
SecureBuffer attribute(std::string_view type, ByteView value_element) {
  SecureBuffer fields = oid_element(type);
  der::append_element(fields, der::kSet, value_element);
  return der::element(der::kSequence, fields);
}

SecureBuffer string_attribute(std::string_view type, ByteView utf8, StringPolicy policy) {
  const StringType string_type = choose_string_type(as_text(utf8), policy);
  return attribute(type, der::element(static_cast<std::uint8_t>(string_type), utf8));
}

SecureBuffer time_element(std::int64_t seconds) {
  const X509Time time = x509_time(seconds);
  return der::element(time.tag, as_bytes(time.text));
}

}  // namespace

Bytes signature_algorithm_identifier(KeyAlgorithm algorithm, Digest digest) {
  SecureBuffer fields = oid_element(signature_algorithm_oid(algorithm, digest));
  if (algorithm == KeyAlgorithm::rsa) append(fields, der::element(der::kNull, {}));
  return to_bytes(der::element(der::kSequence, fields));
}

SecureBuffer encode_request_info(const CsrSpec& spec, ByteView spki) {
  std::vector<SecureBuffer> attributes;
  if (const auto extensions = encode_extensions(spec.extensions, false); !extensions.empty())
    attributes.push_back(attribute(oid::kExtensionRequest, extension_list(extensions)));
  if (spec.challenge_password)
    attributes.push_back(
        string_attribute(oid::kChallengePassword, *spec.challenge_password, spec.string_policy));
  if (spec.unstructured_name)
    attributes.push_back(string_attribute(oid::kUnstructuredName,
                                          as_bytes(*spec.unstructured_name), spec.string_policy));
  // DER orders a SET OF by the encodings (X.690 11.6); each is a SEQUENCE with its own
  // length, so none is a prefix of another and plain lexicographic order is DER's.
  std::ranges::sort(attributes);
  SecureBuffer attribute_set;
  for (const SecureBuffer& one : attributes) append(attribute_set, one);

  SecureBuffer fields = der::element(der::kInteger, Bytes{0x00});
  append(fields, encode_name(spec.subject));
  append(fields, spki);
  der::append_element(fields, kAttributesTag, attribute_set);
  return der::element(der::kSequence, fields);
}

SecureBuffer positive_integer(ByteView magnitude) {
  std::size_t first = 0;
  while (first + 1 < magnitude.size() && magnitude[first] == 0) ++first;
  SecureBuffer content;
  if (magnitude.empty() || (magnitude[first] & 0x80) != 0) content.push_back(0x00);
  append(content, magnitude.subspan(first));
  return der::element(der::kInteger, content);
}

Bytes encode_tbs_certificate(const CertificateSpec& spec, const TbsCertificateParts& parts) {
  SecureBuffer version = der::element(der::kInteger, Bytes{0x02});  // v3
  SecureBuffer fields = der::element(der::context_constructed(0), version);
  append(fields, positive_integer(spec.serial));
  append(fields, parts.signature_algorithm);
  append(fields, parts.issuer_name);
  SecureBuffer validity = time_element(spec.not_before);
  append(validity, time_element(spec.not_after));
  der::append_element(fields, der::kSequence, validity);
  append(fields, encode_name(spec.subject));
  append(fields, parts.subject_spki);
  if (!parts.extensions.empty())
    der::append_element(fields, kExtensionsTag, extension_list(parts.extensions));
  return to_bytes(der::element(der::kSequence, fields));
}

Bytes encode_tbs_cert_list(const CrlSpec& spec, ByteView issuer_name,
                           ByteView signature_algorithm, ByteView authority_key_id) {
  SecureBuffer fields = der::element(der::kInteger, Bytes{0x01});  // v2
  append(fields, signature_algorithm);
  append(fields, issuer_name);
  append(fields, time_element(spec.this_update));
  append(fields, time_element(spec.next_update));
  if (!spec.revoked.empty()) {
    SecureBuffer entries;
    for (const RevokedCertificate& revoked : spec.revoked) {
      SecureBuffer entry = positive_integer(revoked.serial);
      append(entry, time_element(revoked.revoked_at));
      if (revoked.reason && *revoked.reason != RevocationReason::unspecified) {
        const Bytes code{static_cast<std::uint8_t>(*revoked.reason)};
        const Extension reason{std::string(oid::kCrlReason), false,
                               to_bytes(der::element(kEnumerated, code))};
        append(entry, extension_list({reason}));
      }
      der::append_element(entries, der::kSequence, entry);
    }
    der::append_element(fields, der::kSequence, entries);
  }
  const Extension number{std::string(oid::kCrlNumber), false,
                         to_bytes(positive_integer(spec.number))};
  der::append_element(fields, der::context_constructed(0),
                      extension_list({authority_key_identifier_extension(authority_key_id), number}));
  return to_bytes(der::element(der::kSequence, fields));
}

Extension subject_key_identifier_extension(ByteView key_id) {
  return {std::string(oid::kSubjectKeyIdentifier), false,
          to_bytes(der::element(der::kOctetString, key_id))};
}

Extension authority_key_identifier_extension(ByteView key_id) {
  return {std::string(oid::kAuthorityKeyIdentifier), false,
          to_bytes(der::element(der::kSequence, der::element(kKeyIdentifierTag, key_id)))};
}

Bytes encode_signed(ByteView to_be_signed, ByteView signature_algorithm, ByteView signature) {
  SecureBuffer fields(to_be_signed.begin(), to_be_signed.end());
  append(fields, signature_algorithm);
  SecureBuffer bits{0x00};  // no unused bits: every signature is whole octets
  append(bits, signature);
  der::append_element(fields, der::kBitString, bits);
  return to_bytes(der::element(der::kSequence, fields));
}

}  // namespace polycert
