// PKCS#10 certificate requests with Mbed TLS 2.28: building (assembled with the library's
// ASN.1 writer, signed with its pk layer) and reading (mbedtls_x509_csr_parse_der).
//
// Missing: Ed25519 (no EdDSA in 2.28): a request with an Ed25519 key is unsupported, both
// ways. Compressed EC points in a request are unsupported (the library reads none).
//
// Library quirks worked around here:
// - mbedtls_x509write_csr cannot write a Name with multi-valued RDNs or chosen string
//   types (mbedtls_x509_string_to_names re-parses text and takes "+" literally), nor any
//   attribute but extensionRequest. So the CertificationRequestInfo is assembled with
//   mbedtls_asn1_write_* from core's exact encodings (encode_name, encode_extensions), the
//   attributes SET sorted as DER requires, and signed with mbedtls_md + mbedtls_pk_sign.
//   mbedtls_x509_set_extension (CVE-2024-23775 in Debian's 2.28.3) is never called.
// - mbedtls_x509_csr_parse_der in 2.28 skips the attributes entirely: extensionRequest,
//   challengePassword and unstructuredName are read from csr.cri with mbedtls_asn1_get_*,
//   and the typed extensions with core's decode_extensions (2.28 has no CSR extension
//   reader), and it does not verify the signature: we hash csr.cri with mbedtls_md and
//   check it with mbedtls_pk_verify_ext against the key the request carries.
#include "errors.hpp"
#include "keys.hpp"
#include "x509_support.hpp"

#include <polycert/name.hpp>

#include <mbedtls/x509_csr.h>

#include <algorithm>

namespace polycert::mbedtls_backend {

namespace {

constexpr std::string_view kRequest = "certificate request";

std::unexpected<Error> unexpected(Error error) { return std::unexpected<Error>(std::move(error)); }

// Attribute ::= SEQUENCE { type OID, values SET OF ANY } with one string value.
Result<SecureBuffer> string_attribute(std::string_view oid, std::string_view value,
                                      StringPolicy policy) {
  const auto tag = static_cast<unsigned char>(choose_string_type(value, policy));
  return write_asn1(
      [&](AsnWriter& w) {
        return w.element(kSequence, [&] {
          std::size_t length = w.element(kSet, [&] { return w.primitive(tag, as_bytes(value)); });
          return length + w.oid(oid);
        });
      },
      "cannot write the " + std::string(oid) + " attribute");
}

// The extensionRequest attribute: SET { Extensions }.
Result<SecureBuffer> extension_request(const std::vector<Extension>& extensions) {
  return write_asn1(
      [&](AsnWriter& w) {
        return w.element(kSequence, [&] {
          std::size_t length = w.element(kSet, [&] { return w.extensions(extensions); });
          return length + w.oid(oid::kExtensionRequest);
        });
      },
      "cannot write the extensionRequest attribute");
}

// One string value of a PKCS#9 attribute: SET { value }.
Result<std::string> single_string(ByteView values, std::string_view what) {
  AsnReader set(values);
  auto value = set.next();
  if (!value || !set.done())
    return fail(ErrorCode::invalid_input,
                std::string(kRequest) + ": " + std::string(what) + " must have exactly one value");
  return read_string(value->first, value->second, std::string(kRequest) + ": " + std::string(what));
}

// Reads the [0] attributes of a CertificationRequestInfo into `info`.
Result<void> read_attributes(ByteView attributes, CsrInfo& info) {
  bool seen_extensions = false;
  AsnReader reader(attributes);
  while (!reader.done()) {
    auto attribute = reader.take(kSequence);
    if (!attribute)
      return fail(ErrorCode::invalid_input,
                  std::string(kRequest) + ": an attribute is not a SEQUENCE");
    AsnReader fields(*attribute);
    auto type = fields.take(MBEDTLS_ASN1_OID);
    auto values = fields.take(kSet);
    if (!type || !values || !fields.done())
      return fail(ErrorCode::invalid_input,
                  std::string(kRequest) + ": an attribute is not { OID, SET OF value }");
    auto oid = oid_text(*type);
    if (!oid) return unexpected(with_context(oid.error(), kRequest));

    if (*oid == oid::kExtensionRequest) {
      if (seen_extensions)
        return fail(ErrorCode::invalid_input,
                    std::string(kRequest) + ": two extensionRequest attributes");
      seen_extensions = true;
      AsnReader set(*values);
      auto sequence = set.take_whole(kSequence);
      if (!sequence || !set.done())
        return fail(
            ErrorCode::invalid_input,
            std::string(kRequest) + ": extensionRequest must hold one SEQUENCE OF Extension");
      auto extensions = read_extensions(*sequence, kRequest);
      if (!extensions) return unexpected(extensions.error());
      info.requested_extensions = std::move(*extensions);
    } else if (*oid == oid::kChallengePassword) {
      if (info.challenge_password)
        return fail(ErrorCode::invalid_input,
                    std::string(kRequest) + ": two challengePassword attributes");
      auto text = single_string(*values, "challengePassword");
      if (!text) return unexpected(text.error());
      info.challenge_password = SecureBuffer(text->begin(), text->end());
      secure_zero(text->data(), text->size());
    } else if (*oid == oid::kUnstructuredName) {
      if (info.unstructured_name)
        return fail(ErrorCode::invalid_input,
                    std::string(kRequest) + ": two unstructuredName attributes");
      auto text = single_string(*values, "unstructuredName");
      if (!text) return unexpected(text.error());
      info.unstructured_name = std::move(*text);
    }
    // Other attributes are legal PKCS#9 content polycert does not report.
  }
  return {};
}

}  // namespace

Result<Bytes> create_csr(MbedtlsProvider& provider, const MbedtlsPrivateKey& key,
                         const CsrSpec& spec) {
  const KeyAlgorithm algorithm = key.spec().algorithm;
  if (algorithm == KeyAlgorithm::ed25519)
    return unexpected(
        provider.missing("create certificate requests with ed25519 keys", kNoEd25519));

  auto spki = write_public_key(key.pk());
  if (!spki) return unexpected(spki.error());
  const Bytes subject = encode_name(spec.subject);

  // Attributes, each encoded alone so the SET OF can be sorted by encoding (X.690 11.6).
  std::vector<SecureBuffer> attributes;
  if (const auto extensions = encode_extensions(spec.extensions, false); !extensions.empty()) {
    auto attribute = extension_request(extensions);
    if (!attribute) return unexpected(attribute.error());
    attributes.push_back(std::move(*attribute));
  }
  if (spec.challenge_password) {
    auto attribute = string_attribute(oid::kChallengePassword, as_text(*spec.challenge_password),
                                      spec.string_policy);
    if (!attribute) return unexpected(attribute.error());
    attributes.push_back(std::move(*attribute));
  }
  if (spec.unstructured_name) {
    auto attribute =
        string_attribute(oid::kUnstructuredName, *spec.unstructured_name, spec.string_policy);
    if (!attribute) return unexpected(attribute.error());
    attributes.push_back(std::move(*attribute));
  }
  std::ranges::sort(attributes, [](const SecureBuffer& a, const SecureBuffer& b) {
    return std::ranges::lexicographical_compare(a, b);
  });

  // CertificationRequestInfo ::= SEQUENCE { version 0, subject, subjectPKInfo,
  //                                         attributes [0] IMPLICIT SET OF Attribute }
  auto info = write_asn1(
      [&](AsnWriter& w) {
        return w.element(kSequence, [&] {
          std::size_t length = w.element(context_tag(0), [&] {
            std::size_t set = 0;
            for (auto it = attributes.rbegin(); it != attributes.rend(); ++it) set += w.raw(*it);
            return set;
          });
          length += w.raw(*spki);
          length += w.raw(subject);
          length += w.small_int(0);
          return length;
        });
      },
      "cannot write the certification request info");
  if (!info) return unexpected(info.error());

  auto signature = sign(provider, key, spec.digest, *info);
  if (!signature) return unexpected(with_context(signature.error(), kRequest));

  const std::string_view algorithm_oid = signature_algorithm_oid(algorithm, spec.digest);
  auto request = write_asn1(
      [&](AsnWriter& w) {
        return w.element(kSequence, [&] {
          std::size_t length = w.bit_string(*signature);
          length += w.signature_algorithm(algorithm, algorithm_oid);
          length += w.raw(*info);
          return length;
        });
      },
      "cannot write the certificate request");
  if (!request) return unexpected(request.error());
  return Bytes(request->begin(), request->end());
}

Result<CsrInfo> read_csr(const MbedtlsProvider& provider, ByteView der) {
  X509Csr csr;
  const int ret = mbedtls_x509_csr_parse_der(csr.get(), der.data(), der.size());
  if (ret != 0) return unexpected(parse_failure(provider, der, false, kRequest, ret));
  const mbedtls_x509_csr& parsed = *csr.get();
  if (parsed.raw.len != der.size())
    return fail(ErrorCode::invalid_input, std::string(kRequest) + ": trailing data");

  // CertificationRequestInfo: version, subject, SubjectPublicKeyInfo, [0] attributes.
  AsnReader cri(view(parsed.cri));
  auto body = cri.take(kSequence);
  if (!body) return fail(ErrorCode::internal, "Mbed TLS returned a malformed request info");
  AsnReader fields(*body);
  auto version = fields.take(MBEDTLS_ASN1_INTEGER);
  auto name = fields.take_whole(kSequence);
  auto spki = fields.take_whole(kSequence);
  auto attributes = fields.take(context_tag(0));
  if (!version || !name || !spki || !attributes || !fields.done())
    return fail(ErrorCode::invalid_input,
                std::string(kRequest) +
                    ": the request info is not { version, subject, key, [0] attributes }");

  if (auto carried = check_carried_key(provider, *spki, kRequest); !carried)
    return unexpected(carried.error());

  CsrInfo info;
  info.subject_der.assign(parsed.subject_raw.p, parsed.subject_raw.p + parsed.subject_raw.len);
  auto subject = decode_name(info.subject_der);
  if (!subject)
    return unexpected(with_context(subject.error(), std::string(kRequest) + ": subject"));
  info.subject = std::move(*subject);
  info.public_key.assign(spki->begin(), spki->end());
  auto key = spec_of(provider, parsed.pk, "public");
  if (!key) return unexpected(key.error());
  info.key = *key;

  if (auto read = read_attributes(*attributes, info); !read) return unexpected(read.error());
  auto typed = decode_extensions(info.requested_extensions);
  if (!typed) return unexpected(with_context(typed.error(), kRequest));
  info.extensions = std::move(*typed);

  auto signature_oid = oid_text(view(parsed.sig_oid));
  if (!signature_oid) return unexpected(with_context(signature_oid.error(), kRequest));
  info.signature_algorithm_oid = std::move(*signature_oid);
  return info;  // the signature is checked by Provider::parse_csr through verify_signature
}

}  // namespace polycert::mbedtls_backend
