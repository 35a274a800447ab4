// PKCS#10 certificate requests on OpenSSL 3.0: built with X509_REQ and signed with
// X509_REQ_sign_ctx; read with d2i_X509_REQ, X509_REQ_get_extensions and the attribute
// getters, verified with X509_REQ_verify.
//
// Missing capabilities: none. Every part of the request comes from OpenSSL's own
// structures; polycert hands it only DER that OpenSSL stores as given (the subject Name
// and each extension value, from core's encoders).
// Library quirks worked around:
// - X509_NAME keeps the DER it was read from and writes it back unchanged, so the subject
//   is set from encode_name() bytes through d2i_X509_NAME, never re-spelt as text.
// - The attributes are a SET OF: OpenSSL sorts them by encoding when it writes them, as
//   DER requires (not in the order they were added).
// - X509_REQ_set_pubkey (X509_PUBKEY_set) encodes a provider key through an OSSL_ENCODER
//   and decodes the result through an OSSL_DECODER, both set up afresh: two thirds of
//   making a P-256 request. EC and Ed25519 public keys are set from their numbers instead
//   (keys.hpp, set_public_key_from_numbers), the same bytes; RSA keys still go through it.
// - d2i_X509_REQ reads a prefix: the consumed length is compared with the input.
// - X509_REQ_get_extensions cannot tell "no extensionRequest" from "a broken one"; the
//   attribute is looked up first.
// - OpenSSL frees attribute values without wiping them, and X509_REQ_add1_attr_by_NID
//   copies the value through temporaries (X509at_add1_attr duplicates via i2d/d2i) that it
//   frees unwiped. The challengePassword this file can reach (the value inside the
//   X509_REQ, the UTF-8 conversion) is wiped; the rest is beyond the public API, and the
//   request's DER carries the password in clear anyway (PKCS#9 says so).
#include "errors.hpp"
#include "keys.hpp"
#include "openssl_provider.hpp"
#include "x509_support.hpp"

#include <polycert/name.hpp>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/objects.h>

namespace polycert::openssl_backend {

namespace {

constexpr std::string_view kWhat = "certificate request";

// Wipes the values of every `nid` attribute of `request` (OpenSSL frees them unwiped).
void wipe_attribute(X509_REQ* request, int nid) {
  for (int index = X509_REQ_get_attr_by_NID(request, nid, -1); index >= 0;
       index = X509_REQ_get_attr_by_NID(request, nid, index)) {
    X509_ATTRIBUTE* attribute = X509_REQ_get_attr(request, index);
    for (int i = 0; i < X509_ATTRIBUTE_count(attribute); ++i) {
      ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(attribute, i);
      if (value != nullptr && value->type != V_ASN1_BOOLEAN && value->type != V_ASN1_NULL &&
          value->type != V_ASN1_OBJECT && value->value.asn1_string != nullptr)
        OPENSSL_cleanse(value->value.asn1_string->data,
                        static_cast<std::size_t>(value->value.asn1_string->length));
    }
  }
}

// Wipes the challengePassword of a request when it goes.
struct RequestWiper {
  X509_REQ* request;
  ~RequestWiper() {
    if (request != nullptr) wipe_attribute(request, NID_pkcs9_challengePassword);
  }
};

Result<void> add_attribute(X509_REQ* request, int nid, ByteView value, StringType type) {
  // StringType's values are the universal tags, which are OpenSSL's V_ASN1_* numbers.
  if (X509_REQ_add1_attr_by_NID(request, nid, static_cast<int>(type), value.data(),
                                static_cast<int>(value.size())) != 1)
    return std::unexpected(
        openssl_error(ErrorCode::internal, std::string("cannot add attribute ") + OBJ_nid2sn(nid)));
  return {};
}

// The single attribute `nid` of a request, or null; invalid_input when repeated or not
// exactly one value.
Result<const ASN1_TYPE*> single_attribute(X509_REQ* request, int nid, std::string_view name) {
  const int index = X509_REQ_get_attr_by_NID(request, nid, -1);
  if (index < 0) return nullptr;
  if (X509_REQ_get_attr_by_NID(request, nid, index) >= 0)
    return fail(ErrorCode::invalid_input,
                std::string(kWhat) + ": the " + std::string(name) + " attribute appears twice");
  X509_ATTRIBUTE* attribute = X509_REQ_get_attr(request, index);
  if (X509_ATTRIBUTE_count(attribute) != 1)
    return fail(ErrorCode::invalid_input, std::string(kWhat) + ": the " + std::string(name) +
                                              " attribute must have one value");
  return X509_ATTRIBUTE_get0_type(attribute, 0);
}

// A DirectoryString / PKCS9String attribute value as UTF-8 (ASN1_STRING_to_UTF8 converts
// BMPString, UniversalString and T61String), in a SecureBuffer.
Result<SecureBuffer> attribute_text(const ASN1_TYPE* value, std::string_view name) {
  switch (value->type) {
    case V_ASN1_UTF8STRING:
    case V_ASN1_PRINTABLESTRING:
    case V_ASN1_IA5STRING:
    case V_ASN1_T61STRING:
    case V_ASN1_BMPSTRING:
    case V_ASN1_UNIVERSALSTRING:
      break;
    default:
      return fail(ErrorCode::invalid_input,
                  std::string(kWhat) + ": the " + std::string(name) + " attribute is not a string");
  }
  unsigned char* utf8 = nullptr;
  const int length = ASN1_STRING_to_UTF8(&utf8, value->value.asn1_string);
  if (length < 0)
    return std::unexpected(
        openssl_error(ErrorCode::invalid_input,
                      std::string(kWhat) + ": the " + std::string(name) + " attribute"));
  SecureBuffer text(utf8, utf8 + length);
  OPENSSL_clear_free(utf8, static_cast<std::size_t>(length));
  return text;
}

}  // namespace

Result<Bytes> OpenSslProvider::create_csr_natively(const PrivateKey& key, const CsrSpec& spec) {
  ErrorQueueScope errors;
  const auto& signer = static_cast<const OpenSslPrivateKey&>(key);
  const KeyAlgorithm algorithm = signer.spec().algorithm;
  if (auto why = missing(algorithm); !why.empty())
    return std::unexpected(
        unsupported("create certificate requests with " + to_string(signer.spec()) + " keys", why));

  X509ReqPtr request(X509_REQ_new());
  if (!request || X509_REQ_set_version(request.get(), X509_REQ_VERSION_1) != 1)
    return std::unexpected(
        openssl_error(ErrorCode::internal, "cannot start a certificate request"));
  RequestWiper wiper{request.get()};

  auto subject = name_from_der(encode_name(spec.subject));
  if (!subject) return std::unexpected(subject.error());
  // The public key: from its numbers where keys.cpp can (EC, Ed25519), else through
  // X509_REQ_set_pubkey; the same SubjectPublicKeyInfo bytes either way.
  if (X509_REQ_set_subject_name(request.get(), subject->get()) != 1 ||
      (!set_public_key_from_numbers(X509_REQ_get_X509_PUBKEY(request.get()), signer) &&
       X509_REQ_set_pubkey(request.get(), signer.native()) != 1))
    return std::unexpected(
        openssl_error(ErrorCode::internal, "cannot set the request's subject and key"));

  // One extensionRequest attribute (SET { SEQUENCE OF Extension }), only when non-empty.
  const std::vector<Extension> extensions = encode_extensions(spec.extensions, false);
  if (!extensions.empty()) {
    ExtensionStackPtr stack(sk_X509_EXTENSION_new_null());
    if (!stack) return std::unexpected(openssl_error(ErrorCode::internal, "out of memory"));
    for (const Extension& extension : extensions) {
      auto made = make_extension(extension);
      if (!made) return std::unexpected(made.error());
      if (sk_X509_EXTENSION_push(stack.get(), made->get()) <= 0)
        return std::unexpected(openssl_error(ErrorCode::internal, "out of memory"));
      made->release();  // the stack owns it now
    }
    if (X509_REQ_add_extensions(request.get(), stack.get()) != 1)
      return std::unexpected(
          openssl_error(ErrorCode::internal, "cannot add the extensionRequest attribute"));
  }
  if (spec.challenge_password) {
    const SecureBuffer& password = *spec.challenge_password;
    const StringType type = choose_string_type(as_text(password), spec.string_policy);
    if (auto added = add_attribute(request.get(), NID_pkcs9_challengePassword, password, type);
        !added)
      return std::unexpected(added.error());
  }
  if (spec.unstructured_name) {
    const StringType type = choose_string_type(*spec.unstructured_name, spec.string_policy);
    if (auto added = add_attribute(request.get(), NID_pkcs9_unstructuredName,
                                   as_bytes(*spec.unstructured_name), type);
        !added)
      return std::unexpected(added.error());
  }

  auto context = signing_context(signer, spec.digest);
  if (!context) return std::unexpected(context.error());
  if (X509_REQ_sign_ctx(request.get(), context->get()) <= 0)
    return std::unexpected(
        openssl_error(ErrorCode::internal, "cannot sign the certificate request"));
  const X509_ALGOR* signature_algorithm = nullptr;
  X509_REQ_get0_signature(request.get(), nullptr, &signature_algorithm);
  if (auto same = check_signature_algorithm(signature_algorithm, algorithm, spec.digest); !same)
    return std::unexpected(same.error());
  return encode_with(i2d_X509_REQ, static_cast<const X509_REQ*>(request.get()), kWhat);
}

Result<CsrInfo> OpenSslProvider::do_parse_csr(ByteView der) {
  ErrorQueueScope errors;
  const unsigned char* cursor = der.data();
  X509ReqPtr request(d2i_X509_REQ(nullptr, &cursor, static_cast<long>(der.size())));
  if (!request) return std::unexpected(openssl_error(ErrorCode::invalid_input, std::string(kWhat)));
  RequestWiper wiper{request.get()};
  if (cursor != der.data() + der.size())
    return fail(ErrorCode::invalid_input, std::string(kWhat) + ": " +
                                              std::to_string(der.data() + der.size() - cursor) +
                                              " bytes after the request");
  if (const long version = X509_REQ_get_version(request.get()); version != X509_REQ_VERSION_1)
    return fail(ErrorCode::invalid_input, std::string(kWhat) + ": version " +
                                              std::to_string(version) +
                                              "; PKCS#10 defines only version 0");

  CsrInfo info;
  auto subject_der = name_to_der(X509_REQ_get_subject_name(request.get()));
  if (!subject_der) return std::unexpected(subject_der.error());
  auto subject = decode_name(*subject_der);
  if (!subject)
    return std::unexpected(with_context(subject.error(), std::string(kWhat) + ": subject"));
  info.subject_der = std::move(*subject_der);
  info.subject = std::move(*subject);

  auto key = carried_key(*this, X509_REQ_get_X509_PUBKEY(request.get()),
                         "read a certificate request carrying this key", kWhat);
  if (!key) return std::unexpected(key.error());
  info.public_key = std::move(key->spki);
  info.key = key->spec;

  // Requested extensions: X509_REQ_get_extensions reads the extensionRequest attribute
  // with OpenSSL's decoder; the typed fields come from OpenSSL's typed decoders.
  auto requested = single_attribute(request.get(), NID_ext_req, "extensionRequest");
  if (!requested) return std::unexpected(requested.error());
  if (*requested != nullptr) {
    ExtensionStackPtr extensions(X509_REQ_get_extensions(request.get()));
    if (!extensions)
      return std::unexpected(openssl_error(
          ErrorCode::invalid_input, std::string(kWhat) + ": malformed extensionRequest attribute"));
    info.requested_extensions = raw_extensions(extensions.get());
    auto typed = typed_extensions(extensions.get(), kWhat);
    if (!typed) return std::unexpected(typed.error());
    info.extensions = std::move(*typed);
  }

  auto password = single_attribute(request.get(), NID_pkcs9_challengePassword, "challengePassword");
  if (!password) return std::unexpected(password.error());
  if (*password != nullptr) {
    auto text = attribute_text(*password, "challengePassword");
    if (!text) return std::unexpected(text.error());
    info.challenge_password = std::move(*text);
  }
  auto company = single_attribute(request.get(), NID_pkcs9_unstructuredName, "unstructuredName");
  if (!company) return std::unexpected(company.error());
  if (*company != nullptr) {
    auto text = attribute_text(*company, "unstructuredName");
    if (!text) return std::unexpected(text.error());
    info.unstructured_name = std::string(as_text(*text));
  }

  const X509_ALGOR* signature_algorithm = nullptr;
  X509_REQ_get0_signature(request.get(), nullptr, &signature_algorithm);
  const ASN1_OBJECT* object = nullptr;
  X509_ALGOR_get0(&object, nullptr, nullptr, signature_algorithm);
  info.signature_algorithm_oid = object_text(object);
  return info;  // the signature is checked by Provider::parse_csr through verify_signature

}

}  // namespace polycert::openssl_backend
