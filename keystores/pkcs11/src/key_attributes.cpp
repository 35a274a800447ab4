// A token key's public half as a SubjectPublicKeyInfo, from the attributes tokens give in
// their several spellings, and the CKA_EC_PARAMS polycert asks a token for.
#include "token_access.hpp"

#include <polycert/der.hpp>
#include <polycert/key_structure.hpp>
#include <polycert/x509_encoding.hpp>

#include <cstdio>

namespace polycert::pkcs11 {

namespace {

Bytes spki_of(ByteView algorithm_fields, ByteView key_bits) {
  SecureBuffer bits{0x00};
  bits.insert(bits.end(), key_bits.begin(), key_bits.end());
  SecureBuffer fields = der::element(der::kSequence, algorithm_fields);
  der::append_element(fields, der::kBitString, bits);
  const SecureBuffer spki = der::element(der::kSequence, fields);
  return Bytes(spki.begin(), spki.end());
}

constexpr std::string_view kEd25519Oid = "1.3.101.112";

// CKA_EC_PARAMS: a named curve's OID, or for EdDSA the OID or PrintableString
// "edwards25519" (PKCS#11 3.0 5.2.3 allows both).
Result<std::string> curve_of(ByteView parameters) {
  der::Reader reader(parameters);
  auto element = reader.next();
  if (!element || !reader.empty())
    return fail(ErrorCode::invalid_input, "CKA_EC_PARAMS is not one DER element");
  if (element->tag == der::kOid) return der::decode_oid(element->content);
  if (element->tag == 0x13) {
    const std::string name(element->content.begin(), element->content.end());
    if (name == "edwards25519") return std::string(kEd25519Oid);
    return fail(ErrorCode::unsupported, "curve '" + name + "' (polycert signs with Ed25519 of the Edwards curves)");
  }
  return fail(ErrorCode::unsupported, "CKA_EC_PARAMS with explicit curve parameters");
}


}  // namespace

Result<Bytes> ec_spki(ByteView parameters, ByteView point) {
  auto curve = curve_of(parameters);
  if (!curve) return std::unexpected(curve.error());
  // PKCS#11 wants the point DER-wrapped in an OCTET STRING; some tokens give it raw. The
  // raw sizes are known (32 for Ed25519, 2n+1 uncompressed), so the size decides.
  ByteView raw = point;
  const bool edwards = *curve == kEd25519Oid;
  std::size_t raw_size = 32;
  if (!edwards) {
    const std::size_t field = *curve == "1.2.840.10045.3.1.7" ? 32 : *curve == "1.3.132.0.34" ? 48 : 66;
    raw_size = 2 * field + 1;
  }
  if (raw.size() != raw_size) {
    der::Reader reader(raw);
    auto wrapped = reader.next();
    if (!wrapped || wrapped->tag != der::kOctetString || !reader.empty())
      return fail(ErrorCode::invalid_input, "CKA_EC_POINT is neither a DER OCTET STRING nor a raw point");
    raw = wrapped->content;
  }
  SecureBuffer algorithm;
  if (edwards) {
    algorithm = der::element(der::kOid, der::encode_oid(kEd25519Oid));
  } else {
    if (!der::is_valid_oid(*curve)) return fail(ErrorCode::invalid_input, "CKA_EC_PARAMS: a malformed OID");
    algorithm = der::element(der::kOid, der::encode_oid("1.2.840.10045.2.1"));
    der::append_element(algorithm, der::kOid, der::encode_oid(*curve));
  }
  Bytes spki = spki_of(algorithm, raw);
  // A point of the wrong size or off the curve's encoding is the token's mistake, named here.
  if (auto structure = inspect_public_key(spki); !structure)
    return std::unexpected(with_context(structure.error(), "CKA_EC_POINT"));
  return spki;
}

Bytes ec_parameters(const KeySpec& spec) {
  std::string_view oid = kEd25519Oid;
  switch (spec.curve) {
    case Curve::p256: oid = "1.2.840.10045.3.1.7"; break;
    case Curve::p384: oid = "1.3.132.0.34"; break;
    case Curve::p521: oid = "1.3.132.0.35"; break;
    case Curve::none: break;
  }
  const SecureBuffer element = der::element(der::kOid, der::encode_oid(oid));
  return Bytes(element.begin(), element.end());
}

Result<PublicHalf> public_half(Session& session, CK_OBJECT_HANDLE private_key,
                               std::optional<CK_OBJECT_HANDLE> public_key) {
  const auto key_type = session.ulong_attribute(private_key, CKA_KEY_TYPE);
  if (!key_type) return fail(ErrorCode::io, "the key has no readable CKA_KEY_TYPE");
  Bytes spki;
  if (*key_type == CKK_RSA) {
    auto modulus = session.attribute(private_key, CKA_MODULUS);
    auto exponent = session.attribute(private_key, CKA_PUBLIC_EXPONENT);
    if (public_key && (!modulus || !*modulus)) modulus = session.attribute(*public_key, CKA_MODULUS);
    if (public_key && (!exponent || !*exponent)) exponent = session.attribute(*public_key, CKA_PUBLIC_EXPONENT);
    if (!modulus) return std::unexpected(modulus.error());
    if (!exponent) return std::unexpected(exponent.error());
    if (!*modulus || !*exponent)
      return fail(ErrorCode::invalid_input, "the RSA key shows neither its modulus nor its public exponent");
    SecureBuffer numbers = positive_integer(**modulus);
    const SecureBuffer e = positive_integer(**exponent);
    numbers.insert(numbers.end(), e.begin(), e.end());
    const SecureBuffer rsa_public = der::element(der::kSequence, numbers);
    SecureBuffer algorithm = der::element(der::kOid, der::encode_oid("1.2.840.113549.1.1.1"));
    der::append_element(algorithm, der::kNull, {});
    spki = spki_of(algorithm, rsa_public);
  } else if (*key_type == CKK_EC || *key_type == CKK_EC_EDWARDS) {
    auto parameters = session.attribute(private_key, CKA_EC_PARAMS);
    if (!parameters) return std::unexpected(parameters.error());
    if (!*parameters && public_key) {
      parameters = session.attribute(*public_key, CKA_EC_PARAMS);
      if (!parameters) return std::unexpected(parameters.error());
    }
    if (!*parameters) return fail(ErrorCode::invalid_input, "the key shows no CKA_EC_PARAMS");
    if (!public_key)
      return fail(ErrorCode::invalid_input,
                  "no public key object beside the private key (same CKA_ID) to read its point from");
    auto point = session.attribute(*public_key, CKA_EC_POINT);
    if (!point) return std::unexpected(point.error());
    if (!*point) return fail(ErrorCode::invalid_input, "the public key object shows no CKA_EC_POINT");
    auto made = ec_spki(**parameters, **point);
    if (!made) return std::unexpected(made.error());
    spki = std::move(*made);
  } else {
    return fail(ErrorCode::unsupported, "a token key of type 0x" + [&] {
      char text[24];
      std::snprintf(text, sizeof text, "%lx", static_cast<unsigned long>(*key_type));
      return std::string(text);
    }() + " (polycert signs with RSA, EC and Ed25519 keys)");
  }
  auto structure = inspect_public_key(spki);
  if (!structure) return std::unexpected(with_context(structure.error(), "the token key's public half"));
  return PublicHalf{KeySpec{structure->algorithm, structure->rsa_bits, structure->curve}, std::move(spki)};
}


}  // namespace polycert::pkcs11
