// Strict reading of key structures (RFC 5208 PKCS#8, RFC 8017 PKCS#1, RFC 5915 SEC1,
// RFC 5280 SPKI with RFC 3279 / 5480 / 8410 algorithm parameters): the policy on top of
// key_syntax.hpp's readers. Every check here is about encoding; see key_structure.hpp
// for what is left to the backends.
#include <polycert/der.hpp>
#include <polycert/key_encoding.hpp>
#include <polycert/key_structure.hpp>
#include <polycert/key_syntax.hpp>
#include <polycert/signature.hpp>
#include <polycert/limits.hpp>

#include "key_structure_parts.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace polycert {

namespace key_structure_parts {

std::string_view name_of(std::string_view dotted, std::span<const Named> table) {
  for (const Named& entry : table)
    if (entry.oid == dotted) return entry.name;
  return {};
}

}  // namespace key_structure_parts

using namespace key_structure_parts;

namespace {

std::unexpected<Error> malformed(std::string message) {
  return fail(ErrorCode::invalid_input, std::move(message));
}

// `what` names the key, to complete "cannot read ...".
std::unexpected<Error> unheld(std::string what) {
  return fail(ErrorCode::unsupported, std::move(what));
}

std::string hex_byte(std::uint8_t byte) {
  char text[3];
  std::snprintf(text, sizeof text, "%02x", byte);
  return text;
}

// DER INTEGER rules that BER readers let through: no empty, padded or negative values
// (every INTEGER in these keys is a non-negative number or a version).
Result<void> check_integer(const der::Element& element, std::string_view what) {
  const ByteView c = element.content;
  if (c.empty()) return malformed(std::string(what) + " is an empty INTEGER");
  if (c.size() > 1 &&
      ((c[0] == 0x00 && (c[1] & 0x80) == 0) || (c[0] == 0xFF && (c[1] & 0x80) != 0)))
    return malformed(std::string(what) + " is a non-minimal INTEGER");
  if ((c[0] & 0x80) != 0) return malformed(std::string(what) + " is negative");
  return {};
}

// The size in bits of an RSA modulus (its INTEGER content, already checked minimal and
// non-negative), within kMaxRsaModulusBits: a huge modulus makes every public-key
// operation crawl.
// The bit length of an unsigned big-endian integer (leading zero octets allowed).
std::size_t bit_length(ByteView value) {
  std::size_t skip = 0;
  while (skip < value.size() && value[skip] == 0) ++skip;
  if (skip == value.size()) return 0;
  return (value.size() - skip - 1) * 8 + static_cast<std::size_t>(std::bit_width(value[skip]));
}

Result<unsigned> check_modulus_size(ByteView modulus, std::string_view what) {
  const std::size_t bits = bit_length(modulus);
  if (bits > kMaxRsaModulusBits)
    return std::unexpected(Error{ErrorCode::invalid_input,
                                 std::string(what) + " is " + std::to_string(bits) +
                                     " bits, over polycert's limit of " +
                                     std::to_string(kMaxRsaModulusBits) + " bits for RSA keys",
                                 Remedy::built_in_limit});
  return static_cast<unsigned>(bits);
}

// The modulus INTEGER, checked like any other and for its size; its size in bits. A
// product of two odd primes is odd (OpenSSL reads an even one that Botan and Mbed TLS
// refuse).
Result<unsigned> check_modulus(const der::Element& element, std::string_view what) {
  if (auto ok = check_integer(element, what); !ok) return std::unexpected(ok.error());
  if ((element.content.back() & 1) == 0)
    return malformed(std::string(what) + " is even, which no RSA modulus is (RFC 8017 3.1)");
  return check_modulus_size(element.content, what);
}

// A version field: a small INTEGER.
Result<unsigned> check_version(const der::Element& element, std::string_view what) {
  if (auto ok = check_integer(element, what); !ok) return std::unexpected(ok.error());
  if (element.content.size() != 1) return malformed(std::string(what) + " is out of range");
  return element.content[0];
}

// The content of a BIT STRING that holds a key: whole octets, at least one.
Result<ByteView> key_bits(const der::Element& element, std::string_view what) {
  const ByteView c = element.content;
  if (c.empty()) return malformed(std::string(what) + " BIT STRING is empty");
  if (c[0] != 0)
    return malformed(std::string(what) + " BIT STRING has " + std::to_string(c[0]) +
                     " unused bits; a key is whole octets");
  if (c.size() == 1) return malformed(std::string(what) + " BIT STRING holds no key");
  return c.subspan(1);
}

// `data` is exactly one strict DER element. For the DER nested in OCTET and BIT STRINGs,
// which the outer walk does not enter.
Result<void> check_nested_der(ByteView data, std::string_view what) {
  if (auto strict = der::check_strict_der(data); !strict)
    return std::unexpected(with_context(strict.error(), what));
  return {};
}

bool is_null(const der::Element& element) {
  return element.tag == der::kNull && element.content.empty();
}

// ECParameters (RFC 5480 / SEC1): a named curve polycert holds, or why not.
Result<Curve> named_curve(const der::Element& parameters) {
  switch (parameters.tag) {
    case der::kOid: {
      auto dotted = der::decode_oid(parameters.content);
      if (!dotted) return std::unexpected(with_context(dotted.error(), "EC namedCurve"));
      if (const Curve curve = curve_from_oid(*dotted); curve != Curve::none) return curve;
      const std::string_view name = name_of(*dotted, kOtherCurves);
      return unheld("EC keys on curve " + *dotted +
                    (name.empty() ? std::string() : " (" + std::string(name) + ")"));
    }
    case der::kSequence:
      return unheld("EC keys with explicit curve parameters");
    case der::kNull:
      if (!parameters.content.empty()) return malformed("EC parameters NULL has content");
      return unheld("EC keys with implicitlyCA curve parameters");
    default:
      return malformed("EC parameters are not a named curve OID (tag 0x" +
                       hex_byte(parameters.tag) + ")");
  }
}

// The algorithm (and curve) an AlgorithmIdentifier names, with its parameters checked.
Result<KeyStructure> classify(const key_syntax::AlgorithmIdentifier& id) {
  KeyStructure key;
  if (id.oid == oid::kRsaEncryption) {
    // RFC 3279 says NULL; absent is common enough in the wild to accept.
    if (id.parameters && !is_null(*id.parameters))
      return malformed("rsaEncryption parameters are not NULL");
    key.algorithm = KeyAlgorithm::rsa;
    return key;
  }
  if (id.oid == oid::kEcPublicKey) {
    if (!id.parameters)
      return malformed("EC key does not name its curve (no AlgorithmIdentifier parameters)");
    auto curve = named_curve(*id.parameters);
    if (!curve) return std::unexpected(curve.error());
    key.algorithm = KeyAlgorithm::ec;
    key.curve = *curve;
    return key;
  }
  if (id.oid == oid::kEd25519) {
    if (id.parameters)  // RFC 8410: the parameters MUST be absent
      return malformed("Ed25519 AlgorithmIdentifier has parameters");
    key.algorithm = KeyAlgorithm::ed25519;
    return key;
  }
  const std::string_view name = name_of(id.oid, kOtherAlgorithms);
  if (name.empty()) return unheld("keys of algorithm " + id.oid);
  return unheld(std::string(name) + " keys (" + id.oid + ")");
}

std::size_t field_bytes(Curve curve) { return (KeySpec::ec(curve).bits() + 7) / 8; }

// RFC 5480: an EC point is 04 X Y or 02/03 X, at the curve's size; any other first octet
// (00 for infinity, 06/07 hybrid) MUST be rejected.
Result<void> check_ec_point(ByteView point, Curve curve, std::string_view what) {
  const std::size_t size = field_bytes(curve);
  switch (point[0]) {
    case 0x04:
      if (point.size() == 1 + 2 * size) return {};
      break;
    case 0x02:
    case 0x03:
      if (point.size() == 1 + size) return {};
      break;
    default:
      return malformed(std::string(what) + " starts with 0x" + hex_byte(point[0]) +
                       "; an EC point is 04 (uncompressed), 02 or 03 (compressed)");
  }
  return malformed(std::string(what) + " is " + std::to_string(point.size()) + " bytes, not a " +
                   std::string(to_string(curve)) + " point");
}

// Above a 3072-bit modulus the exponent is at most kMaxRsaPublicExponentBits (why: at
// check_public_exponent); its size in bits.
Result<std::size_t> check_exponent_size(ByteView exponent, unsigned modulus_bits,
                                        std::string_view what) {
  const std::size_t exponent_bits = bit_length(exponent);
  if (modulus_bits > kMaxRsaSmallModulusBits && exponent_bits > kMaxRsaPublicExponentBits)
    return std::unexpected(Error{
        ErrorCode::invalid_input,
        std::string(what) + " is " + std::to_string(exponent_bits) +
            " bits, over polycert's limit of " + std::to_string(kMaxRsaPublicExponentBits) +
            " bits for a modulus over " + std::to_string(kMaxRsaSmallModulusBits) +
            " bits (each exponent bit costs every signature check a modular squaring)",
        Remedy::built_in_limit});
  return exponent_bits;
}

// RFC 8017 3.1: the public exponent is an odd integer from 3 up. OpenSSL reads an even
// one that Botan and Mbed TLS refuse; no RSA key can have one. Above a 3072-bit modulus it
// is at most kMaxRsaPublicExponentBits: a signature check costs one squaring per exponent
// bit, so a 16384-bit exponent made one check take seconds on Botan and Mbed TLS (OpenSSL
// refuses it when it verifies, by the same rule).
Result<void> check_public_exponent(const der::Element& element, std::string_view what,
                                   unsigned modulus_bits) {
  if (auto ok = check_integer(element, what); !ok) return ok;
  const ByteView e = element.content;
  if ((e.back() & 1) == 0 || (e.size() == 1 && e[0] < 3))
    return malformed(std::string(what) + " is not an odd number from 3 up (RFC 8017 3.1)");
  if (auto size = check_exponent_size(e, modulus_bits, what); !size)
    return std::unexpected(size.error());
  return {};
}

// RFC 8017 RSAPrivateKey; its modulus size in bits. Multi-prime keys (version 1) are
// well-formed but not held.
Result<unsigned> check_rsa_private_key(ByteView der) {
  if (auto nested = check_nested_der(der, "RSAPrivateKey"); !nested)
    return std::unexpected(nested.error());
  auto key = key_syntax::read_rsa_private_key(der);
  if (!key) return std::unexpected(key.error());
  auto version = check_version(key->version, "RSAPrivateKey version");
  if (!version) return std::unexpected(version.error());
  if (*version > 1) return malformed("RSAPrivateKey version is not 0 or 1");
  auto bits = check_modulus(key->modulus, "RSAPrivateKey modulus");
  if (!bits) return bits;
  if (auto ok = check_public_exponent(key->public_exponent, "RSAPrivateKey publicExponent", *bits);
      !ok)
    return std::unexpected(ok.error());
  for (auto [field, what] : {std::pair{&key->private_exponent, "RSAPrivateKey privateExponent"},
                             std::pair{&key->prime1, "RSAPrivateKey prime1"},
                             std::pair{&key->prime2, "RSAPrivateKey prime2"},
                             std::pair{&key->exponent1, "RSAPrivateKey exponent1"},
                             std::pair{&key->exponent2, "RSAPrivateKey exponent2"},
                             std::pair{&key->coefficient, "RSAPrivateKey coefficient"}}) {
    if (auto ok = check_integer(*field, what); !ok) return std::unexpected(ok.error());
  }
  // otherPrimeInfos is there exactly when the version says so.
  if (*version == 1 && !key->other_prime_infos) return malformed("missing RSAPrivateKey otherPrimeInfos");
  if (*version == 0 && key->other_prime_infos)
    return malformed("unexpected element at the end of RSAPrivateKey");
  if (*version == 1) return unheld("multi-prime RSA keys");
  return bits;
}

// RFC 8017 RSAPublicKey; its modulus size in bits.
Result<unsigned> check_rsa_public_key(ByteView der) {
  if (auto nested = check_nested_der(der, "RSAPublicKey"); !nested)
    return std::unexpected(nested.error());
  auto key = key_syntax::read_rsa_public_key(der);
  if (!key) return std::unexpected(key.error());
  auto bits = check_modulus(key->modulus, "RSAPublicKey modulus");
  if (!bits) return bits;
  if (auto ok = check_public_exponent(key->public_exponent, "RSAPublicKey publicExponent", *bits);
      !ok)
    return std::unexpected(ok.error());
  return bits;
}

// RFC 5915 ECPrivateKey. Inside PKCS#8, `algorithm_parameters` is the AlgorithmIdentifier's
// curve and a [0] curve, if any, must be the same bytes (libraries ignore one or the other,
// so a key naming two curves would be read differently). Standing alone, [0] is the only
// place the curve is named and must be present.
Result<KeyStructure> check_ec_private_key(ByteView der,
                                          const std::optional<der::Element>& algorithm_parameters,
                                          KeyStructure key) {
  if (auto nested = check_nested_der(der, "ECPrivateKey"); !nested)
    return std::unexpected(nested.error());
  auto sec1 = key_syntax::read_ec_private_key(der);
  if (!sec1) return std::unexpected(sec1.error());
  auto version = check_version(sec1->version, "ECPrivateKey version");
  if (!version) return std::unexpected(version.error());
  if (*version != 1) return malformed("ECPrivateKey version is not 1");
  if (sec1->private_key.content.empty()) return malformed("ECPrivateKey privateKey is empty");
  key.ec_private_key = sec1->private_key.content;
  const std::optional<der::Element>& curve_parameters = sec1->parameters;
  if (sec1->public_key) {
    auto point = key_bits(*sec1->public_key, "ECPrivateKey publicKey");
    if (!point) return std::unexpected(point.error());
    key.public_key = *point;
  }

  if (algorithm_parameters) {
    if (curve_parameters &&
        !std::ranges::equal(curve_parameters->whole, algorithm_parameters->whole))
      return malformed("ECPrivateKey names a different curve from its PKCS#8 AlgorithmIdentifier");
  } else {
    if (!curve_parameters)
      return malformed("SEC1 EC private key does not name its curve (no [0] parameters)");
    auto curve = named_curve(*curve_parameters);
    if (!curve) return std::unexpected(curve.error());
    key.curve = *curve;
  }
  if (!key.public_key.empty()) {
    if (auto ok = check_ec_point(key.public_key, key.curve, "ECPrivateKey public point"); !ok)
      return std::unexpected(ok.error());
  }
  return key;
}

// RFC 8410 CurvePrivateKey for Ed25519: an OCTET STRING of 32 bytes.
Result<void> check_ed25519_private_key(ByteView der) {
  if (auto nested = check_nested_der(der, "Ed25519 CurvePrivateKey"); !nested) return nested;
  der::Reader reader(der);
  auto seed = reader.expect(der::kOctetString, "Ed25519 CurvePrivateKey");
  if (!seed) return std::unexpected(seed.error());
  if (seed->content.size() != 32)
    return malformed("Ed25519 private key is " + std::to_string(seed->content.size()) +
                     " bytes, not 32");
  return {};
}

// PKCS#8 attributes: [0] IMPLICIT SET OF Attribute, Attribute ::= SEQUENCE { OID, SET }.
// The libraries skip or half-read them; here they must at least be what they claim.
Result<void> check_attributes(const der::Element& attributes) {
  der::Reader list(attributes.content);
  while (!list.empty()) {
    auto attribute = list.expect(der::kSequence, "PKCS#8 attribute");
    if (!attribute) return std::unexpected(attribute.error());
    der::Reader fields(attribute->content);
    if (auto type = fields.expect(der::kOid, "PKCS#8 attribute type"); !type)
      return std::unexpected(type.error());
    if (auto values = fields.expect(der::kSet, "PKCS#8 attribute values"); !values)
      return std::unexpected(values.error());
    if (!fields.empty()) return malformed("unexpected element in a PKCS#8 attribute");
  }
  return {};
}

Result<KeyStructure> inspect_pkcs8(ByteView der) {
  auto info = key_syntax::read_private_key_info(der);
  if (!info) return std::unexpected(info.error());
  auto version = check_version(info->version, "PKCS#8 version");
  if (!version) return std::unexpected(version.error());
  if (*version != 0) return malformed("PKCS#8 version is " + std::to_string(*version) + ", not 0");
  if (info->attributes) {
    if (auto ok = check_attributes(*info->attributes); !ok) return std::unexpected(ok.error());
  }
  // A version 0 key has nothing more; in particular no [1] publicKey (that is version 1).
  if (info->public_key) return malformed("unexpected element after the PKCS#8 privateKey");

  auto key = classify(info->algorithm);
  if (!key) return key;
  const ByteView inner = info->private_key.content;
  switch (key->algorithm) {
    case KeyAlgorithm::rsa: {
      auto bits = check_rsa_private_key(inner);
      if (!bits) return std::unexpected(bits.error());
      key->rsa_bits = *bits;
      return key;
    }
    case KeyAlgorithm::ec:
      return check_ec_private_key(inner, info->algorithm.parameters, *key);
    case KeyAlgorithm::ed25519:
      if (auto ok = check_ed25519_private_key(inner); !ok) return std::unexpected(ok.error());
      return key;
  }
  return fail(ErrorCode::internal, "unknown key algorithm");
}

}  // namespace

Result<KeyStructure> inspect_private_key(ByteView der, PrivateKeyForm form) {
  if (auto strict = der::check_strict_der(der); !strict) return std::unexpected(strict.error());
  switch (form) {
    case PrivateKeyForm::pkcs8:
      return inspect_pkcs8(der);
    case PrivateKeyForm::rsa_pkcs1: {
      auto bits = check_rsa_private_key(der);
      if (!bits) return std::unexpected(bits.error());
      KeyStructure key;
      key.rsa_bits = *bits;
      return key;
    }
    case PrivateKeyForm::ec_sec1: {
      KeyStructure key;
      key.algorithm = KeyAlgorithm::ec;
      return check_ec_private_key(der, std::nullopt, key);
    }
    case PrivateKeyForm::dsa: return unheld("DSA keys (1.2.840.10040.4.1)");
  }
  return fail(ErrorCode::internal, "unknown private key form");
}

Result<KeyStructure> inspect_public_key(ByteView spki) {
  if (auto strict = der::check_strict_der(spki); !strict) return std::unexpected(strict.error());
  auto info = key_syntax::read_subject_public_key_info(spki);
  if (!info) return std::unexpected(info.error());
  auto key = classify(info->algorithm);
  if (!key) return key;
  auto public_key = key_bits(info->public_key, "subjectPublicKey");
  if (!public_key) return std::unexpected(public_key.error());
  key->public_key = *public_key;
  switch (key->algorithm) {
    case KeyAlgorithm::rsa: {
      auto modulus_bits = check_rsa_public_key(key->public_key);
      if (!modulus_bits) return std::unexpected(modulus_bits.error());
      key->rsa_bits = *modulus_bits;
      return key;
    }
    case KeyAlgorithm::ec:
      if (auto ok = check_ec_point(key->public_key, key->curve, "EC public point"); !ok)
        return std::unexpected(ok.error());
      return key;
    case KeyAlgorithm::ed25519:
      if (key->public_key.size() != 32)
        return malformed("Ed25519 public key is " + std::to_string(key->public_key.size()) +
                         " bytes, not 32");
      return key;
  }
  return fail(ErrorCode::internal, "unknown key algorithm");
}

namespace {

// The SubjectPublicKeyInfo inside a certificate's TBSCertificate or a request's
// CertificationRequestInfo, or nullopt when the structure is not that shape (the backend
// then says what is wrong).
std::optional<der::Element> embedded_spki(ByteView der) {
  der::Reader top(der);
  auto outer = top.expect(der::kSequence, "signed object");
  if (!outer) return std::nullopt;
  der::Reader parts(outer->content);
  auto info = parts.expect(der::kSequence, "signed content");
  if (!info) return std::nullopt;
  der::Reader fields(info->content);
  if (fields.peek_tag() == der::context_constructed(0)) {  // certificate: [0] version
    if (!fields.next()) return std::nullopt;
  }
  auto first = fields.expect(der::kInteger, "serial number or version");
  if (!first) return std::nullopt;
  // Certificate: signature, issuer, validity, subject, SPKI. Request: subject, SPKI.
  std::array<der::Element, 5> sequences;
  std::size_t count = 0;
  while (!fields.empty() && count < sequences.size()) {
    auto next = fields.next();
    if (!next || next->tag != der::kSequence) break;
    sequences[count++] = *next;
  }
  // The SubjectPublicKeyInfo is the SEQUENCE that holds a SEQUENCE and then a BIT STRING
  // (tags are peeked, not expected: an expect that fails builds an error message).
  for (const der::Element& candidate : std::span(sequences).first(count)) {
    der::Reader spki(candidate.content);
    if (spki.peek_tag() != der::kSequence) continue;
    auto algorithm = spki.next();
    if (!algorithm || spki.peek_tag() != der::kBitString) continue;
    return candidate;
  }
  return std::nullopt;
}

}  // namespace

Result<std::uint64_t> signature_check_cost(ByteView spki) {
  constexpr std::uint64_t kOtherKey = 16;  // as the costliest curve: a bound, not a guess
  der::Reader top(spki);
  auto info = top.expect(der::kSequence, "SubjectPublicKeyInfo");
  if (!info) return kOtherKey;
  der::Reader body(info->content);
  auto algorithm = key_syntax::read_algorithm_identifier(body, "SubjectPublicKeyInfo");
  if (!algorithm) return kOtherKey;
  if (algorithm->oid == oid::kEd25519) return 2;
  if (algorithm->oid == oid::kEcPublicKey) {
    const bool p256 = algorithm->parameters && algorithm->parameters->tag == der::kOid &&
                      der::decode_oid(algorithm->parameters->content).value_or("") ==
                          curve_oid(Curve::p256);
    return p256 ? 8 : kOtherKey;
  }
  if (algorithm->oid != oid::kRsaEncryption) return kOtherKey;
  auto bits = body.expect(der::kBitString, "subjectPublicKey BIT STRING");
  if (!bits || bits->content.size() < 2 || bits->content[0] != 0) return kOtherKey;
  der::Reader key(bits->content.subspan(1));
  auto sequence = key.expect(der::kSequence, "RSAPublicKey");
  if (!sequence) return kOtherKey;
  der::Reader fields(sequence->content);
  // Only the sizes are checked here: the key's other rules are the strict readers' (this
  // also runs on keys no reader has seen, before a backend checks them).
  auto modulus = fields.expect(der::kInteger, "RSAPublicKey modulus");
  if (!modulus) return kOtherKey;
  auto modulus_bits = check_modulus_size(modulus->content, "RSA public key modulus");
  if (!modulus_bits) return std::unexpected(modulus_bits.error());
  auto exponent = fields.expect(der::kInteger, "RSAPublicKey publicExponent");
  if (!exponent || exponent->content.empty()) return kOtherKey;
  auto exponent_bits = check_exponent_size(exponent->content, *modulus_bits, "RSA public key exponent");
  if (!exponent_bits) return std::unexpected(exponent_bits.error());
  // One modular squaring per exponent bit, each costing the square of the modulus size:
  // in units of an RSA-2048 check with the usual exponent 65537 (17 bits), at least one.
  const std::uint64_t n_bits = *modulus_bits;
  const std::uint64_t e_bits = *exponent_bits;
  constexpr std::uint64_t kRsa2048Check = 2048ull * 2048ull * 17ull;
  return std::max<std::uint64_t>(1, (n_bits * n_bits * e_bits + kRsa2048Check - 1) / kRsa2048Check);
}

Result<void> check_public_key_size(ByteView spki) {
  auto cost = signature_check_cost(spki);
  if (!cost) return std::unexpected(cost.error());
  return {};
}

Result<void> check_embedded_public_key_size(ByteView certificate_or_request) {
  const auto spki = embedded_spki(certificate_or_request);
  if (!spki) return {};
  return check_public_key_size(spki->whole);
}

}  // namespace polycert
