// PKCS#10 certificate requests with Botan 2: reading. Core encodes the requests polycert
// makes and signing.cpp signs them (Botan's writer, PKCS10_Request::create(), re-encodes
// the subject with its own string types, has no unstructuredName and always adds an
// extensionRequest, none of which polycert must emit).
//
// Missing capabilities: none (RSA, EC P-256/384/521 and Ed25519 requests).
//
// Library quirks worked around here:
// - Botan's reader, PKCS10_Request, verifies the signature while it parses and throws when
//   it fails, so it cannot describe a request whose signature does not verify (CsrInfo
//   reports a bad signature as does_not_verify); it also drops unstructuredName. The request is
//   therefore read by a small X509_Object subclass that keeps Botan's framing and
//   signature check (X509_Object::load_data, check_signature) and decodes the
//   CertificationRequestInfo the way PKCS10_Request does, with Botan's own types
//   (X509_DN, Attribute, Extensions, ASN1_String), keeping every attribute.
// - Botan's BER layer and ASN1_String hold decoded strings in std::string/std::vector;
//   the challenge password is copied into a SecureBuffer and the copies we can reach are
//   scrubbed; Botan's own transient buffers are out of reach.
#include "botan_provider.hpp"
#include "errors.hpp"
#include "key_types.hpp"
#include "keys.hpp"
#include "x509_support.hpp"

#include <polycert/name.hpp>

#include <botan/ber_dec.h>
#include <botan/der_enc.h>
#include <botan/mem_ops.h>
#include <botan/pkix_types.h>
#include <botan/x509_obj.h>

#include <algorithm>
#include <string>
#include <vector>

namespace polycert::botan_backend {

namespace {

constexpr std::string_view kWhat = "certificate request";

// A signed object read with Botan's framing, whose body is left to the caller.
class SignedObject final : public Botan::X509_Object {
 public:
  explicit SignedObject(ByteView der) {
    // decode_from, not load_data, which takes DER holding "-----BEGIN " for PEM.
    Botan::BER_Decoder decoder(der.data(), der.size());
    decode_from(decoder);
    decoder.verify_end();
  }
  std::string PEM_label() const override { return "CERTIFICATE REQUEST"; }

 private:
  void force_decode() override {}
};

Bytes in_sequence(ByteView content) {
  std::vector<std::uint8_t> out;
  Botan::DER_Encoder(out)
      .start_cons(Botan::SEQUENCE)
      .raw_bytes(content.data(), content.size())
      .end_cons();
  return out;
}

void scrub(const std::vector<std::uint8_t>& bytes) {
  // The vector itself is not const (Botan hands out const references to its members).
  Botan::secure_scrub_memory(const_cast<std::uint8_t*>(bytes.data()), bytes.size());
}
void scrub(const std::string& text) {
  Botan::secure_scrub_memory(const_cast<char*>(text.data()), text.size());
}

// One single-valued string attribute, decoded by Botan (any DirectoryString type).
Botan::ASN1_String single_string(const Botan::Attribute& attribute, std::string_view name) {
  Botan::BER_Decoder values(attribute.get_parameters());
  Botan::ASN1_String value;
  values.decode(value);
  if (values.more_items())
    throw Botan::Decoding_Error(std::string(name) + " attribute has more than one value");
  return value;
}

// Reads the request. May throw (Botan's decoding errors are about the input).
Result<CsrInfo> read_request(BotanProvider& provider, ByteView der) {
  const SignedObject request(der);
  CsrInfo info;
  info.signature_algorithm_oid = request.signature_algorithm().get_oid().to_string();

  Botan::BER_Decoder body(request.signed_body());
  std::size_t version = 0;
  body.decode(version);
  if (version != 0)
    return fail(ErrorCode::invalid_input,
                "certificate request: version " + std::to_string(version) + ", not 0 (v1)");
  Botan::X509_DN subject;
  body.decode(subject);
  const Botan::BER_Object spki = body.get_next_object();
  spki.assert_is_a(Botan::SEQUENCE, Botan::CONSTRUCTED, "subjectPublicKeyInfo");
  const Botan::BER_Object attributes = body.get_next_object();
  body.verify_end();

  // The key first, so that a key polycert does not handle is reported as that.
  info.public_key = in_sequence(ByteView(spki.bits(), spki.length()));
  auto key = carried_key(provider, info.public_key, kWhat);
  if (!key) return std::unexpected(key.error());
  info.key = (*key)->spec();

  Botan::Extensions extensions;
  bool seen_extensions = false;
  if (attributes.is_a(0,
                      static_cast<Botan::ASN1_Tag>(Botan::CONTEXT_SPECIFIC | Botan::CONSTRUCTED))) {
    Botan::BER_Decoder list(attributes);
    while (list.more_items()) {
      Botan::Attribute attribute;
      list.decode(attribute);
      const std::string oid = attribute.get_oid().to_string();
      if (oid == oid::kExtensionRequest) {
        if (seen_extensions)
          return fail(ErrorCode::invalid_input,
                      "certificate request: two extensionRequest attributes");
        seen_extensions = true;
        Botan::BER_Decoder(attribute.get_parameters()).decode(extensions).verify_end();
      } else if (oid == oid::kChallengePassword) {
        if (info.challenge_password)
          return fail(ErrorCode::invalid_input,
                      "certificate request: two challengePassword attributes");
        const Botan::ASN1_String value = single_string(attribute, "challengePassword");
        info.challenge_password = SecureBuffer(value.value().begin(), value.value().end());
        scrub(value.value());
        scrub(attribute.get_parameters());
      } else if (oid == oid::kUnstructuredName) {
        if (info.unstructured_name)
          return fail(ErrorCode::invalid_input,
                      "certificate request: two unstructuredName attributes");
        info.unstructured_name = single_string(attribute, "unstructuredName").value();
      }
      // Other attributes are allowed and ignored, as Botan and OpenSSL do.
    }
  } else if (attributes.is_set()) {
    return fail(ErrorCode::invalid_input, "certificate request: attributes are not [0] (tag " +
                                              std::to_string(attributes.tagging()) + ")");
  }

  // Botan keeps a Name's content octets (and above, an SPKI's body); put the SEQUENCE back
  // (Botan's own ASN1::put_in_sequence is not exported by the shared library).
  info.subject_der = in_sequence(subject.get_bits());
  auto name = decode_name(info.subject_der);
  if (!name) return std::unexpected(with_context(name.error(), "certificate request: subject"));
  info.subject = std::move(*name);

  info.requested_extensions = raw_extensions(extensions);
  auto typed = typed_extensions(extensions, info.requested_extensions, kWhat);
  if (!typed) return std::unexpected(typed.error());
  info.extensions = std::move(*typed);

  return info;  // the signature is checked by Provider::parse_csr through verify_signature
}

}  // namespace

Result<CsrInfo> BotanProvider::do_parse_csr(ByteView der) {
  return guarded(kWhat, Blame::input, [&] { return read_request(*this, der); });
}

}  // namespace polycert::botan_backend
