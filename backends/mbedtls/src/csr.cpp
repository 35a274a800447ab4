// PKCS#10 certificate requests with Mbed TLS 2.28: reading (mbedtls_x509_csr_parse_der).
// Core encodes the requests polycert makes and signing.cpp signs them: mbedtls_x509write_csr
// cannot write a Name with multi-valued RDNs or chosen string types, nor any attribute but
// extensionRequest (and mbedtls_x509_set_extension is CVE-2024-23775 in Debian's 2.28.3).
//
// Missing: Ed25519 (no EdDSA in 2.28): a request with an Ed25519 key is unsupported.
// Compressed EC points in a request are unsupported (the library reads none).
//
// Library quirks worked around here:
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

// One string value of a PKCS#9 attribute: SET { value }.
Result<std::string> single_string(ByteView values, std::string_view what) {
  AsnReader set(values);
  auto value = set.next();
  if (!value || !set.done())
    return fail(ErrorCode::invalid_input,
                std::string(kRequest) + ": " + std::string(what) + " must have exactly one value");
  // Core's string reader, the one every backend reads names and attributes with.
  auto text = decode_string_value(static_cast<std::uint8_t>(value->first), value->second);
  if (!text) return unexpected(with_context(text.error(), std::string(kRequest) + ": " + std::string(what)));
  return text;
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
