// PKCS#10 certificate requests with Botan 2: building and signing, reading and verifying.
//
// Missing capabilities: none (RSA, EC P-256/384/521 and Ed25519 requests, both ways).
//
// Library quirks worked around here:
// - Botan's writer, PKCS10_Request::create(), takes an X509_DN that it re-encodes with its
//   own string types and ordering (no multi-valued RDNs as given), writes challengePassword
//   as Botan picks, has no unstructuredName, always adds an extensionRequest (even empty),
//   and re-encodes extensions from its own classes. None of that is what polycert must
//   emit, so the CertificationRequestInfo is assembled here with Botan's DER_Encoder from
//   the exact bytes of encode_name() and encode_extensions(), and signed with PK_Signer
//   (X509_Object::make_signed writes the outer SEQUENCE).
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

// One PKCS#9 attribute: SEQUENCE { type, SET { value } }, the value a string of the type
// choose_string_type() gives.
Botan::secure_vector<std::uint8_t> string_attribute(std::string_view oid, ByteView value,
                                                    StringPolicy policy) {
  const StringType type = choose_string_type(as_text(value), policy);
  Botan::DER_Encoder out;
  out.start_cons(Botan::SEQUENCE)
      .encode(Botan::OID(std::string(oid)))
      .start_cons(Botan::SET)
      .add_object(static_cast<Botan::ASN1_Tag>(type), Botan::UNIVERSAL, value.data(), value.size())
      .end_cons()
      .end_cons();
  return out.get_contents();
}

Botan::secure_vector<std::uint8_t> extension_request(const std::vector<Extension>& extensions) {
  Botan::DER_Encoder out;
  out.start_cons(Botan::SEQUENCE)
      .encode(Botan::OID(std::string(oid::kExtensionRequest)))
      .start_cons(Botan::SET);
  encode_extension_list(out, extensions);
  out.end_cons().end_cons();
  return out.get_contents();
}

// Builds and signs the request. May throw.
Result<Bytes> build_request(const BotanPrivateKey& key, const CsrSpec& spec,
                            Botan::RandomNumberGenerator& rng) {
  auto spki = export_public_key(key.native());
  if (!spki) return std::unexpected(spki.error());

  std::vector<Botan::secure_vector<std::uint8_t>> attributes;
  if (const auto extensions = encode_extensions(spec.extensions, false); !extensions.empty())
    attributes.push_back(extension_request(extensions));
  if (spec.challenge_password)
    attributes.push_back(
        string_attribute(oid::kChallengePassword, *spec.challenge_password, spec.string_policy));
  if (spec.unstructured_name)
    attributes.push_back(string_attribute(oid::kUnstructuredName, as_bytes(*spec.unstructured_name),
                                          spec.string_policy));
  // [0] IMPLICIT SET OF Attribute: DER orders a SET OF by the encodings (X.690 11.6).
  // Botan's DER_Encoder sorts only a universal SET, not this context-tagged one. No
  // encoding here is a prefix of another (each is a SEQUENCE with its own length), so
  // plain lexicographic order is DER's order.
  std::ranges::sort(attributes);

  const Bytes subject = encode_name(spec.subject);
  Botan::DER_Encoder info;  // its buffers are secure_vector: the password passes through
  info.start_cons(Botan::SEQUENCE)
      .encode(std::size_t{0})
      .raw_bytes(subject.data(), subject.size())
      .raw_bytes(spki->data(), spki->size())
      .start_cons(static_cast<Botan::ASN1_Tag>(0), Botan::CONTEXT_SPECIFIC);
  for (const auto& attribute : attributes) info.raw_bytes(attribute);
  info.end_cons().end_cons();
  return sign_and_wrap(key, spec.digest, info.get_contents(), rng);
}

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

Result<Bytes> BotanProvider::do_create_csr(const PrivateKey& key, const CsrSpec& spec) {
  auto generator = rng();
  if (!generator) return std::unexpected(generator.error());
  return guarded("create certificate request", Blame::library,
                 [&] { return build_request(native(key), spec, **generator); });
}

Result<CsrInfo> BotanProvider::do_parse_csr(ByteView der) {
  return guarded(kWhat, Blame::input, [&] { return read_request(*this, der); });
}

}  // namespace polycert::botan_backend
