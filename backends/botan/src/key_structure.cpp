// Strict structure checks for keys, ahead of Botan's lenient BER decoder. No crypto and
// no Botan here: this is framing, and could move to core if another backend wants it.
#include "key_structure.hpp"

#include <polycert/der.hpp>

#include <algorithm>
#include <array>
#include <string_view>

namespace polycert::botan_backend {

namespace {

Result<void> check_integer(const der::Element& element, std::string_view what) {
  const ByteView c = element.content;
  if (c.empty()) return fail(ErrorCode::invalid_input, std::string(what) + " is an empty INTEGER");
  if (c.size() > 1 &&
      ((c[0] == 0x00 && (c[1] & 0x80) == 0) || (c[0] == 0xFF && (c[1] & 0x80) != 0)))
    return fail(ErrorCode::invalid_input, std::string(what) + " is a non-minimal INTEGER");
  if ((c[0] & 0x80) != 0) return fail(ErrorCode::invalid_input, std::string(what) + " is negative");
  return {};
}

// A small INTEGER (a version field): its value, or an error.
Result<unsigned> small_integer(der::Reader& reader, std::string_view what) {
  auto element = reader.expect(der::kInteger, what);
  if (!element) return std::unexpected(element.error());
  if (auto ok = check_integer(*element, what); !ok) return std::unexpected(ok.error());
  if (element->content.size() != 1)
    return fail(ErrorCode::invalid_input, std::string(what) + " is out of range");
  return element->content[0];
}

// The content of a BIT STRING holding a key: whole octets only.
Result<ByteView> key_bits(const der::Element& element, std::string_view what) {
  if (element.content.empty())
    return fail(ErrorCode::invalid_input, std::string(what) + " BIT STRING is empty");
  if (element.content[0] != 0)
    return fail(ErrorCode::invalid_input, std::string(what) + " BIT STRING has " +
                                              std::to_string(element.content[0]) +
                                              " unused bits; a key is whole octets");
  if (element.content.size() == 1)
    return fail(ErrorCode::invalid_input, std::string(what) + " BIT STRING holds no key");
  return element.content.subspan(1);
}

Result<der::Element> single_element(ByteView data, std::uint8_t tag, std::string_view what) {
  if (auto strict = der::check_strict_der(data); !strict)
    return std::unexpected(with_context(strict.error(), what));
  der::Reader reader(data);
  return reader.expect(tag, what);
}

Result<AlgorithmId> parse_algorithm_id(der::Reader& body, std::string_view what) {
  auto sequence = body.expect(der::kSequence, std::string(what) + " AlgorithmIdentifier");
  if (!sequence) return std::unexpected(sequence.error());
  der::Reader reader(sequence->content);
  auto oid = reader.expect(der::kOid, std::string(what) + " algorithm OID");
  if (!oid) return std::unexpected(oid.error());
  auto dotted = der::decode_oid(oid->content);
  if (!dotted) return std::unexpected(dotted.error());
  AlgorithmId id{std::move(*dotted), {}};
  if (!reader.empty()) {
    auto parameters = reader.next();
    if (!parameters) return std::unexpected(parameters.error());
    id.parameters = parameters->whole;
  }
  if (!reader.empty())
    return fail(ErrorCode::invalid_input,
                std::string(what) + " AlgorithmIdentifier has data after its parameters");
  return id;
}

}  // namespace

Result<PrivateKeyInfo> parse_private_key_info(ByteView der) {
  auto top = single_element(der, der::kSequence, "PKCS#8 PrivateKeyInfo");
  if (!top) return std::unexpected(top.error());
  der::Reader body(top->content);
  auto version = small_integer(body, "PKCS#8 version");
  if (!version) return std::unexpected(version.error());
  if (*version > 1) return fail(ErrorCode::invalid_input, "PKCS#8 version is not 0 or 1");
  auto algorithm = parse_algorithm_id(body, "PKCS#8");
  if (!algorithm) return std::unexpected(algorithm.error());
  auto key = body.expect(der::kOctetString, "PKCS#8 privateKey OCTET STRING");
  if (!key) return std::unexpected(key.error());
  // attributes [0] IMPLICIT SET OF Attribute; publicKey [1] IMPLICIT BIT STRING (v1 only).
  if (body.peek_tag() == der::context_constructed(0)) {
    if (auto attributes = body.next(); !attributes) return std::unexpected(attributes.error());
  }
  if (*version == 1 && body.peek_tag() == 0x81) {
    if (auto public_key = body.next(); !public_key) return std::unexpected(public_key.error());
  }
  if (!body.empty())
    return fail(ErrorCode::invalid_input, "unexpected element after the PKCS#8 privateKey");
  return PrivateKeyInfo{*version, std::move(*algorithm), key->content};
}

Result<PublicKeyInfo> parse_public_key_info(ByteView der) {
  auto top = single_element(der, der::kSequence, "SubjectPublicKeyInfo");
  if (!top) return std::unexpected(top.error());
  der::Reader body(top->content);
  auto algorithm = parse_algorithm_id(body, "SubjectPublicKeyInfo");
  if (!algorithm) return std::unexpected(algorithm.error());
  auto bits = body.expect(der::kBitString, "subjectPublicKey BIT STRING");
  if (!bits) return std::unexpected(bits.error());
  if (!body.empty())
    return fail(ErrorCode::invalid_input, "unexpected element after the subjectPublicKey");
  auto key = key_bits(*bits, "subjectPublicKey");
  if (!key) return std::unexpected(key.error());
  return PublicKeyInfo{std::move(*algorithm), *key};
}

Result<unsigned> check_rsa_private_key(ByteView der) {
  auto top = single_element(der, der::kSequence, "RSAPrivateKey");
  if (!top) return std::unexpected(top.error());
  der::Reader body(top->content);
  auto version = small_integer(body, "RSAPrivateKey version");
  if (!version) return std::unexpected(version.error());
  if (*version > 1) return fail(ErrorCode::invalid_input, "RSAPrivateKey version is not 0 or 1");
  constexpr std::array<std::string_view, 8> kFields = {
      "RSAPrivateKey modulus",   "RSAPrivateKey publicExponent", "RSAPrivateKey privateExponent",
      "RSAPrivateKey prime1",    "RSAPrivateKey prime2",         "RSAPrivateKey exponent1",
      "RSAPrivateKey exponent2", "RSAPrivateKey coefficient"};
  for (std::string_view field : kFields) {
    auto element = body.expect(der::kInteger, field);
    if (!element) return std::unexpected(element.error());
    if (auto ok = check_integer(*element, field); !ok) return std::unexpected(ok.error());
  }
  if (*version == 1) {
    auto others = body.expect(der::kSequence, "RSAPrivateKey otherPrimeInfos");
    if (!others) return std::unexpected(others.error());
  }
  if (!body.empty())
    return fail(ErrorCode::invalid_input, "unexpected element at the end of RSAPrivateKey");
  return *version;
}

Result<void> check_rsa_public_key(ByteView der) {
  auto top = single_element(der, der::kSequence, "RSAPublicKey");
  if (!top) return std::unexpected(top.error());
  der::Reader body(top->content);
  for (std::string_view field : {"RSAPublicKey modulus", "RSAPublicKey publicExponent"}) {
    auto element = body.expect(der::kInteger, field);
    if (!element) return std::unexpected(element.error());
    if (auto ok = check_integer(*element, field); !ok) return std::unexpected(ok.error());
  }
  if (!body.empty())
    return fail(ErrorCode::invalid_input, "unexpected element at the end of RSAPublicKey");
  return {};
}

Result<EcPrivateKeyParts> check_ec_private_key(ByteView der, ByteView curve_parameters) {
  auto top = single_element(der, der::kSequence, "ECPrivateKey");
  if (!top) return std::unexpected(top.error());
  der::Reader body(top->content);
  auto version = small_integer(body, "ECPrivateKey version");
  if (!version) return std::unexpected(version.error());
  if (*version != 1) return fail(ErrorCode::invalid_input, "ECPrivateKey version is not 1");
  auto scalar = body.expect(der::kOctetString, "ECPrivateKey privateKey");
  if (!scalar) return std::unexpected(scalar.error());
  if (scalar->content.empty())
    return fail(ErrorCode::invalid_input, "ECPrivateKey privateKey is empty");
  EcPrivateKeyParts parts{scalar->content, {}};
  if (body.peek_tag() == der::context_constructed(0)) {
    auto parameters = body.next();
    if (!parameters) return std::unexpected(parameters.error());
    if (!std::ranges::equal(parameters->content, curve_parameters))
      return fail(ErrorCode::invalid_input,
                  "ECPrivateKey parameters name a different curve "
                  "from the PKCS#8 AlgorithmIdentifier");
  }
  if (body.peek_tag() == der::context_constructed(1)) {
    auto wrapper = body.next();
    if (!wrapper) return std::unexpected(wrapper.error());
    der::Reader inner(wrapper->content);
    auto bits = inner.expect(der::kBitString, "ECPrivateKey publicKey BIT STRING");
    if (!bits) return std::unexpected(bits.error());
    if (!inner.empty())
      return fail(ErrorCode::invalid_input, "unexpected element after ECPrivateKey publicKey");
    auto point = key_bits(*bits, "ECPrivateKey publicKey");
    if (!point) return std::unexpected(point.error());
    parts.public_point = *point;
  }
  if (!body.empty())
    return fail(ErrorCode::invalid_input, "unexpected element at the end of ECPrivateKey");
  return parts;
}

Result<void> check_ed25519_private_key(ByteView der) {
  auto key = single_element(der, der::kOctetString, "Ed25519 CurvePrivateKey");
  if (!key) return std::unexpected(key.error());
  if (key->content.size() != 32)
    return fail(ErrorCode::invalid_input,
                "Ed25519 private key is " + std::to_string(key->content.size()) + " bytes, not 32");
  return {};
}

}  // namespace polycert::botan_backend
