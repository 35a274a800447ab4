// X.509 v3 certificates on OpenSSL 3.0: issued with X509 and X509_sign_ctx, read with
// d2i_X509 and OpenSSL's typed extension decoders, checked with X509_verify.
//
// Missing capabilities: none.
// Library quirks worked around:
// - X509_set_pubkey re-encodes the key from an EVP_PKEY; the certificate must carry the
//   subject's SubjectPublicKeyInfo exactly as given (a compressed EC point stays
//   compressed), so its algorithm and bits are copied in with X509_PUBKEY_set0_param.
// - ASN1_TIME_set picks UTCTime for 1950..2049 and GeneralizedTime otherwise (RFC 5280
//   4.1.2.5), which is the rule polycert follows; the result is checked anyway.
// - d2i_X509 reads a prefix: the consumed length is compared with the input.
// - ASN1_TIME_to_tm gives UTC fields; timegm (not mktime) turns them into epoch seconds.
// - A certificate's serial may be negative in what OpenSSL accepts; polycert's serial is
//   a magnitude, so a negative one is refused rather than shown without its sign.
#include "errors.hpp"
#include "openssl_provider.hpp"
#include "x509_support.hpp"

#include <polycert/name.hpp>

#include <openssl/err.h>
#include <openssl/objects.h>

#include <algorithm>

namespace polycert::openssl_backend {

namespace {

constexpr std::string_view kWhat = "certificate";

Result<X509Ptr> read_x509(ByteView der, std::string_view what) {
  const unsigned char* cursor = der.data();
  X509Ptr certificate(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
  if (!certificate)
    return std::unexpected(openssl_error(ErrorCode::invalid_input, std::string(what)));
  if (cursor != der.data() + der.size())
    return fail(ErrorCode::invalid_input, std::string(what) + ": " +
                                              std::to_string(der.data() + der.size() - cursor) +
                                              " bytes after the certificate");
  return certificate;
}

Result<std::pair<DistinguishedName, Bytes>> read_name(const X509_NAME* name,
                                                      std::string_view what) {
  auto der = name_to_der(name);
  if (!der) return std::unexpected(der.error());
  auto decoded = decode_name(*der);
  if (!decoded) return std::unexpected(with_context(decoded.error(), what));
  return std::pair{std::move(*decoded), std::move(*der)};
}

// Copies `spki` into `certificate` exactly: same algorithm, parameters and key bits.
Result<void> set_public_key(X509* certificate, ByteView spki) {
  const unsigned char* cursor = spki.data();
  X509PubkeyPtr given(d2i_X509_PUBKEY(nullptr, &cursor, static_cast<long>(spki.size())));
  if (!given || cursor != spki.data() + spki.size())
    return std::unexpected(openssl_error(ErrorCode::invalid_input, "subject public key"));
  ASN1_OBJECT* algorithm = nullptr;
  const unsigned char* bits = nullptr;
  int bits_length = 0;
  X509_ALGOR* parameters = nullptr;
  if (X509_PUBKEY_get0_param(&algorithm, &bits, &bits_length, &parameters, given.get()) != 1)
    return std::unexpected(openssl_error(ErrorCode::invalid_input, "subject public key"));
  int type = V_ASN1_UNDEF;
  const void* value = nullptr;
  X509_ALGOR_get0(nullptr, &type, &value, parameters);

  Asn1ObjectPtr algorithm_copy(OBJ_dup(algorithm));
  Asn1ObjectPtr curve_copy;
  void* parameter_copy = nullptr;
  switch (type) {
    case V_ASN1_UNDEF:
    case V_ASN1_NULL:
      break;
    case V_ASN1_OBJECT:
      curve_copy.reset(OBJ_dup(static_cast<const ASN1_OBJECT*>(value)));
      if (!curve_copy) return std::unexpected(openssl_error(ErrorCode::internal, "out of memory"));
      parameter_copy = curve_copy.get();
      break;
    default:  // core's inspection admits only absent, NULL or a named curve
      return fail(ErrorCode::internal, "subject public key: unexpected algorithm parameters");
  }
  auto* bits_copy =
      static_cast<unsigned char*>(OPENSSL_memdup(bits, static_cast<std::size_t>(bits_length)));
  if (!algorithm_copy || (bits_length > 0 && bits_copy == nullptr)) {
    OPENSSL_free(bits_copy);
    return std::unexpected(openssl_error(ErrorCode::internal, "out of memory"));
  }
  if (X509_PUBKEY_set0_param(X509_get_X509_PUBKEY(certificate), algorithm_copy.get(), type,
                             parameter_copy, bits_copy, bits_length) != 1) {
    OPENSSL_free(bits_copy);
    return std::unexpected(openssl_error(ErrorCode::internal, "cannot set the subject public key"));
  }
  algorithm_copy.release();  // owned by the certificate now
  curve_copy.release();

  auto written = encode_with(i2d_X509_PUBKEY,
                             static_cast<const X509_PUBKEY*>(X509_get_X509_PUBKEY(certificate)),
                             "SubjectPublicKeyInfo");
  if (!written) return std::unexpected(written.error());
  if (!std::ranges::equal(*written, spki))
    return fail(ErrorCode::internal, "OpenSSL re-encoded the subject public key");
  return {};
}

Result<void> set_time(ASN1_TIME* field, std::int64_t seconds, std::string_view what) {
  if (ASN1_TIME_set(field, static_cast<time_t>(seconds)) == nullptr)
    return std::unexpected(openssl_error(ErrorCode::internal, "cannot set " + std::string(what)));
  // UTCTime for 1950..2049, GeneralizedTime after (RFC 5280 4.1.2.5).
  const int expected = seconds < 2524608000 ? V_ASN1_UTCTIME : V_ASN1_GENERALIZEDTIME;
  if (ASN1_STRING_type(field) != expected)
    return fail(ErrorCode::internal, "OpenSSL chose the wrong time type for " + std::string(what));
  return {};
}

Result<void> add_extension(X509* certificate, Result<X509ExtensionPtr> extension) {
  if (!extension) return std::unexpected(extension.error());
  if (X509_add_ext(certificate, extension->get(), -1) != 1)  // copies it
    return std::unexpected(openssl_error(ErrorCode::internal, "cannot add an extension"));
  return {};
}

Result<Asn1OctetStringPtr> octet_string(ByteView bytes) {
  Asn1OctetStringPtr value(ASN1_OCTET_STRING_new());
  if (!value ||
      ASN1_OCTET_STRING_set(value.get(), bytes.data(), static_cast<int>(bytes.size())) != 1)
    return std::unexpected(openssl_error(ErrorCode::internal, "out of memory"));
  return value;
}

Bytes string_bytes(const ASN1_STRING* value) {
  const unsigned char* data = ASN1_STRING_get0_data(value);
  return Bytes(data, data + ASN1_STRING_length(value));
}

}  // namespace

Result<Bytes> OpenSslProvider::issue_certificate_natively(const CertificateSpec& spec,
                                                          ByteView subject_spki,
                                                          const PrivateKey& issuer_key,
                                                          const CertificateInfo* issuer) {
  ErrorQueueScope errors;
  const auto& signer = static_cast<const OpenSslPrivateKey&>(issuer_key);
  const KeyAlgorithm algorithm = signer.spec().algorithm;
  if (auto why = missing(algorithm); !why.empty())
    return std::unexpected(
        unsupported("issue certificates with " + to_string(signer.spec()) + " keys", why));

  X509Ptr certificate(X509_new());
  if (!certificate || X509_set_version(certificate.get(), X509_VERSION_3) != 1)
    return std::unexpected(openssl_error(ErrorCode::internal, "cannot start a certificate"));

  // The serial is a positive magnitude without leading zeros (checked by core); OpenSSL
  // adds the 00 octet when the top bit is set.
  if (ASN1_STRING_set(X509_get_serialNumber(certificate.get()), spec.serial.data(),
                      static_cast<int>(spec.serial.size())) != 1)
    return std::unexpected(openssl_error(ErrorCode::internal, "cannot set the serial number"));
  if (auto set = set_time(X509_getm_notBefore(certificate.get()), spec.not_before, "notBefore");
      !set)
    return std::unexpected(set.error());
  if (auto set = set_time(X509_getm_notAfter(certificate.get()), spec.not_after, "notAfter"); !set)
    return std::unexpected(set.error());

  const Bytes subject_der = encode_name(spec.subject);
  auto subject = name_from_der(subject_der);
  if (!subject) return std::unexpected(subject.error());
  auto issuer_name = name_from_der(issuer != nullptr ? ByteView(issuer->subject_der) : subject_der);
  if (!issuer_name) return std::unexpected(issuer_name.error());
  if (X509_set_subject_name(certificate.get(), subject->get()) != 1 ||
      X509_set_issuer_name(certificate.get(), issuer_name->get()) != 1)
    return std::unexpected(openssl_error(ErrorCode::internal, "cannot set the names"));
  if (auto set = set_public_key(certificate.get(), subject_spki); !set)
    return std::unexpected(set.error());

  for (const Extension& extension : encode_extensions(spec.extensions, spec.subject.empty()))
    if (auto added = add_extension(certificate.get(), make_extension(extension)); !added)
      return std::unexpected(added.error());

  auto subject_id = key_identifier(subject_spki);
  if (!subject_id) return std::unexpected(subject_id.error());
  auto subject_id_value = octet_string(*subject_id);
  if (!subject_id_value) return std::unexpected(subject_id_value.error());
  if (auto added = add_extension(
          certificate.get(), make_extension(NID_subject_key_identifier, subject_id_value->get()));
      !added)
    return std::unexpected(added.error());

  if (issuer != nullptr) {
    Bytes authority_id = issuer->subject_key_id;
    if (authority_id.empty()) {
      auto computed = key_identifier(issuer->public_key);
      if (!computed) return std::unexpected(computed.error());
      authority_id = std::move(*computed);
    }
    AuthorityKeyIdPtr authority(AUTHORITY_KEYID_new());
    auto key_id = octet_string(authority_id);
    if (!authority || !key_id)
      return std::unexpected(openssl_error(ErrorCode::internal, "out of memory"));
    authority->keyid = key_id->release();  // freed with `authority`
    if (auto added = add_extension(certificate.get(),
                                   make_extension(NID_authority_key_identifier, authority.get()));
        !added)
      return std::unexpected(added.error());
  }

  auto context = signing_context(signer, spec.digest);
  if (!context) return std::unexpected(context.error());
  if (X509_sign_ctx(certificate.get(), context->get()) <= 0)
    return std::unexpected(openssl_error(ErrorCode::internal, "cannot sign the certificate"));
  const X509_ALGOR* outer = nullptr;
  X509_get0_signature(nullptr, &outer, certificate.get());
  if (auto same = check_signature_algorithm(outer, algorithm, spec.digest); !same)
    return std::unexpected(same.error());
  if (X509_ALGOR_cmp(outer, X509_get0_tbs_sigalg(certificate.get())) != 0)
    return fail(ErrorCode::internal,
                "OpenSSL wrote different signature algorithms inside and "
                "outside the signed part");
  return encode_with(i2d_X509, static_cast<const X509*>(certificate.get()), kWhat);
}

Result<CertificateInfo> OpenSslProvider::do_parse_certificate(ByteView der) {
  ErrorQueueScope errors;
  auto certificate = read_x509(der, kWhat);
  if (!certificate) return std::unexpected(certificate.error());
  X509* x509 = certificate->get();

  CertificateInfo info;
  auto subject = read_name(X509_get_subject_name(x509), "certificate: subject");
  if (!subject) return std::unexpected(subject.error());
  info.subject = std::move(subject->first);
  info.subject_der = std::move(subject->second);
  auto issuer = read_name(X509_get_issuer_name(x509), "certificate: issuer");
  if (!issuer) return std::unexpected(issuer.error());
  info.issuer = std::move(issuer->first);
  info.issuer_der = std::move(issuer->second);

  // The sign of the serial is core's to read (Provider::parse_certificate); the magnitude
  // is OpenSSL's.
  const ASN1_INTEGER* serial = X509_get0_serialNumber(x509);
  BignumPtr serial_number(ASN1_INTEGER_to_BN(serial, nullptr));
  if (!serial_number)
    return std::unexpected(openssl_error(ErrorCode::invalid_input, "certificate: serial number"));
  info.serial.resize(static_cast<std::size_t>(std::max(1, BN_num_bytes(serial_number.get()))));
  BN_bn2binpad(serial_number.get(), info.serial.data(), static_cast<int>(info.serial.size()));

  auto not_before = epoch_seconds(X509_get0_notBefore(x509), "certificate: notBefore");
  if (!not_before) return std::unexpected(not_before.error());
  auto not_after = epoch_seconds(X509_get0_notAfter(x509), "certificate: notAfter");
  if (!not_after) return std::unexpected(not_after.error());
  info.not_before = *not_before;
  info.not_after = *not_after;

  auto key =
      carried_key(*this, X509_get_X509_PUBKEY(x509), "read a certificate carrying this key", kWhat);
  if (!key) return std::unexpected(key.error());
  info.public_key = std::move(key->spki);
  info.key = key->spec;

  const STACK_OF(X509_EXTENSION)* extensions = X509_get0_extensions(x509);
  info.all_extensions = raw_extensions(extensions);
  auto typed = typed_extensions(extensions, kWhat);
  if (!typed) return std::unexpected(typed.error());
  info.extensions = std::move(*typed);
  auto subject_id = read_extension<Asn1OctetStringPtr>(extensions, NID_subject_key_identifier,
                                                       "subjectKeyIdentifier", kWhat);
  if (!subject_id) return std::unexpected(subject_id.error());
  if (*subject_id) info.subject_key_id = string_bytes(subject_id->get());
  auto authority = read_extension<AuthorityKeyIdPtr>(extensions, NID_authority_key_identifier,
                                                     "authorityKeyIdentifier", kWhat);
  if (!authority) return std::unexpected(authority.error());
  if (*authority && (*authority)->keyid != nullptr)
    info.authority_key_id = string_bytes((*authority)->keyid);

  const X509_ALGOR* signature_algorithm = nullptr;
  X509_get0_signature(nullptr, &signature_algorithm, x509);
  const ASN1_OBJECT* object = nullptr;
  X509_ALGOR_get0(&object, nullptr, nullptr, signature_algorithm);
  info.signature_algorithm_oid = object_text(object);

  auto fingerprint = digest_of("SHA256", der);
  if (!fingerprint) return std::unexpected(fingerprint.error());
  info.sha256_fingerprint = std::move(*fingerprint);
  return info;
}

}  // namespace polycert::openssl_backend
