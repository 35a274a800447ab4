#include <polycert/key_syntax.hpp>

#include <array>

namespace polycert::key_syntax {

namespace {

constexpr std::uint8_t kPkcs8PublicKeyTag = 0x81;  // [1] IMPLICIT BIT STRING

std::unexpected<Error> malformed(std::string message) {
  return fail(ErrorCode::invalid_input, std::move(message));
}

// `der` holds the one SEQUENCE `what`, and nothing after it.
Result<der::Reader> open_sequence(ByteView der, std::string_view what) {
  der::Reader top(der);
  auto sequence = top.expect(der::kSequence, what);
  if (!sequence) return std::unexpected(sequence.error());
  if (!top.empty()) return malformed("data after the " + std::string(what));
  return der::Reader(sequence->content);
}

}  // namespace

Result<AlgorithmIdentifier> read_algorithm_identifier(der::Reader& body, std::string_view what) {
  // The names are joined only for an error: this runs for every key and certificate read.
  auto sequence = body.peek_tag() == der::kSequence
                      ? body.next()
                      : body.expect(der::kSequence, std::string(what) + " AlgorithmIdentifier");
  if (!sequence) return std::unexpected(sequence.error());
  der::Reader fields(sequence->content);
  auto oid = fields.peek_tag() == der::kOid
                 ? fields.next()
                 : fields.expect(der::kOid, std::string(what) + " algorithm OID");
  if (!oid) return std::unexpected(oid.error());
  auto dotted = der::decode_oid(oid->content);
  if (!dotted)
    return std::unexpected(with_context(dotted.error(), std::string(what) + " algorithm"));
  AlgorithmIdentifier id{std::move(*dotted), std::nullopt, sequence->whole};
  if (!fields.empty()) {
    auto parameters = fields.next();
    if (!parameters) return std::unexpected(parameters.error());
    id.parameters = *parameters;
  }
  if (!fields.empty())
    return malformed(std::string(what) + " AlgorithmIdentifier has data after its parameters");
  return id;
}

Result<PrivateKeyInfo> read_private_key_info(ByteView der) {
  auto body = open_sequence(der, "PKCS#8 PrivateKeyInfo");
  if (!body) return std::unexpected(body.error());
  auto version = body->expect(der::kInteger, "PKCS#8 version");
  if (!version) return std::unexpected(version.error());
  auto algorithm = read_algorithm_identifier(*body, "PKCS#8");
  if (!algorithm) return std::unexpected(algorithm.error());
  auto private_key = body->expect(der::kOctetString, "PKCS#8 privateKey OCTET STRING");
  if (!private_key) return std::unexpected(private_key.error());
  PrivateKeyInfo info{*version, std::move(*algorithm), *private_key, std::nullopt, std::nullopt};
  if (body->peek_tag() == der::context_constructed(0)) {
    auto attributes = body->next();
    if (!attributes) return std::unexpected(attributes.error());
    info.attributes = *attributes;
  }
  if (body->peek_tag() == kPkcs8PublicKeyTag) {
    auto public_key = body->next();
    if (!public_key) return std::unexpected(public_key.error());
    info.public_key = *public_key;
  }
  if (!body->empty()) return malformed("unexpected element after the PKCS#8 privateKey");
  return info;
}

Result<EcPrivateKey> read_ec_private_key(ByteView der) {
  auto body = open_sequence(der, "ECPrivateKey");
  if (!body) return std::unexpected(body.error());
  auto version = body->expect(der::kInteger, "ECPrivateKey version");
  if (!version) return std::unexpected(version.error());
  auto private_key = body->expect(der::kOctetString, "ECPrivateKey privateKey");
  if (!private_key) return std::unexpected(private_key.error());
  EcPrivateKey key{*version, *private_key, std::nullopt, std::nullopt};
  if (body->peek_tag() == der::context_constructed(0)) {  // [0] EXPLICIT ECParameters
    auto wrapper = body->next();
    if (!wrapper) return std::unexpected(wrapper.error());
    der::Reader inner(wrapper->content);
    auto parameters = inner.next();
    if (!parameters) return std::unexpected(with_context(parameters.error(), "ECPrivateKey [0]"));
    if (!inner.empty()) return malformed("unexpected element after the ECPrivateKey parameters");
    key.parameters = *parameters;
  }
  if (body->peek_tag() == der::context_constructed(1)) {  // [1] EXPLICIT BIT STRING
    auto wrapper = body->next();
    if (!wrapper) return std::unexpected(wrapper.error());
    der::Reader inner(wrapper->content);
    auto bits = inner.expect(der::kBitString, "ECPrivateKey publicKey BIT STRING");
    if (!bits) return std::unexpected(bits.error());
    if (!inner.empty()) return malformed("unexpected element after the ECPrivateKey publicKey");
    key.public_key = *bits;
  }
  if (!body->empty()) return malformed("unexpected element at the end of ECPrivateKey");
  return key;
}

Result<RsaPrivateKey> read_rsa_private_key(ByteView der) {
  auto body = open_sequence(der, "RSAPrivateKey");
  if (!body) return std::unexpected(body.error());
  RsaPrivateKey key;
  const std::array<std::pair<der::Element*, std::string_view>, 9> fields = {{
      {&key.version, "RSAPrivateKey version"},
      {&key.modulus, "RSAPrivateKey modulus"},
      {&key.public_exponent, "RSAPrivateKey publicExponent"},
      {&key.private_exponent, "RSAPrivateKey privateExponent"},
      {&key.prime1, "RSAPrivateKey prime1"},
      {&key.prime2, "RSAPrivateKey prime2"},
      {&key.exponent1, "RSAPrivateKey exponent1"},
      {&key.exponent2, "RSAPrivateKey exponent2"},
      {&key.coefficient, "RSAPrivateKey coefficient"},
  }};
  for (const auto& [field, what] : fields) {
    auto element = body->expect(der::kInteger, what);
    if (!element) return std::unexpected(element.error());
    *field = *element;
  }
  if (body->peek_tag() == der::kSequence) {
    auto others = body->next();
    if (!others) return std::unexpected(others.error());
    key.other_prime_infos = *others;
  }
  if (!body->empty()) return malformed("unexpected element at the end of RSAPrivateKey");
  return key;
}

Result<RsaPublicKey> read_rsa_public_key(ByteView der) {
  auto body = open_sequence(der, "RSAPublicKey");
  if (!body) return std::unexpected(body.error());
  auto modulus = body->expect(der::kInteger, "RSAPublicKey modulus");
  if (!modulus) return std::unexpected(modulus.error());
  auto exponent = body->expect(der::kInteger, "RSAPublicKey publicExponent");
  if (!exponent) return std::unexpected(exponent.error());
  if (!body->empty()) return malformed("unexpected element at the end of RSAPublicKey");
  return RsaPublicKey{*modulus, *exponent};
}

Result<SubjectPublicKeyInfo> read_subject_public_key_info(ByteView der) {
  auto body = open_sequence(der, "SubjectPublicKeyInfo");
  if (!body) return std::unexpected(body.error());
  auto algorithm = read_algorithm_identifier(*body, "SubjectPublicKeyInfo");
  if (!algorithm) return std::unexpected(algorithm.error());
  auto bits = body->expect(der::kBitString, "subjectPublicKey BIT STRING");
  if (!bits) return std::unexpected(bits.error());
  if (!body->empty()) return malformed("unexpected element after the subjectPublicKey");
  return SubjectPublicKeyInfo{std::move(*algorithm), *bits};
}

SecureBuffer write_algorithm_identifier(std::string_view oid, ByteView parameters_element) {
  SecureBuffer fields;
  der::append_element(fields, der::kOid, der::encode_oid(oid));
  fields.insert(fields.end(), parameters_element.begin(), parameters_element.end());
  return der::element(der::kSequence, fields);
}

SecureBuffer write_private_key_info(ByteView algorithm_identifier, ByteView private_key,
                                    ByteView attributes_element) {
  SecureBuffer body;
  der::append_element(body, der::kInteger, std::array<std::uint8_t, 1>{0});
  body.insert(body.end(), algorithm_identifier.begin(), algorithm_identifier.end());
  der::append_element(body, der::kOctetString, private_key);
  body.insert(body.end(), attributes_element.begin(), attributes_element.end());
  return der::element(der::kSequence, body);
}

SecureBuffer write_ec_private_key(ByteView private_key, ByteView parameters_element,
                                  ByteView public_key_bits) {
  SecureBuffer body;
  der::append_element(body, der::kInteger, std::array<std::uint8_t, 1>{1});
  der::append_element(body, der::kOctetString, private_key);
  if (!parameters_element.empty())
    der::append_element(body, der::context_constructed(0), parameters_element);
  if (!public_key_bits.empty())
    der::append_element(body, der::context_constructed(1),
                        der::element(der::kBitString, public_key_bits));
  return der::element(der::kSequence, body);
}

Bytes write_subject_public_key_info(std::string_view algorithm_oid, ByteView parameters_element,
                                    ByteView public_key_bits) {
  SecureBuffer body = write_algorithm_identifier(algorithm_oid, parameters_element);
  der::append_element(body, der::kBitString, public_key_bits);
  const SecureBuffer spki = der::element(der::kSequence, body);
  return Bytes(spki.begin(), spki.end());
}

}  // namespace polycert::key_syntax
