// Describing any key, held or not (RFC 5280 SPKI, PKCS#8, traditional forms): the algorithm,
// its size or curve, and whether polycert can use it. Reading never needs the algorithm
// (docs/strictness.md, "Reading what cannot be used").
#include <polycert/der.hpp>
#include <polycert/key_encoding.hpp>
#include <polycert/key_structure.hpp>
#include <polycert/key_syntax.hpp>
#include <polycert/signature.hpp>

#include "key_structure_parts.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <optional>
#include <string>

namespace polycert {

using namespace key_structure_parts;

namespace {

std::string_view algorithm_oid(KeyAlgorithm algorithm) {
  switch (algorithm) {
    case KeyAlgorithm::rsa: return oid::kRsaEncryption;
    case KeyAlgorithm::ec: return oid::kEcPublicKey;
    case KeyAlgorithm::ed25519: return oid::kEd25519;
  }
  return "";
}

// Size of a non-negative INTEGER's value in bits.
unsigned integer_bits(ByteView content) {
  std::size_t skip = 0;
  while (skip < content.size() && content[skip] == 0) ++skip;
  if (skip == content.size()) return 0;
  return static_cast<unsigned>((content.size() - skip - 1) * 8 +
                               static_cast<std::size_t>(std::bit_width(content[skip])));
}

// The first INTEGER inside `sequence_der` (an RSAPublicKey's modulus, Dss-Parms' p), or 0.
unsigned first_integer_bits(ByteView sequence_der) {
  der::Reader top(sequence_der);
  auto sequence = top.next();
  if (!sequence || sequence->tag != der::kSequence) return 0;
  der::Reader fields(sequence->content);
  auto first = fields.next();
  if (!first || first->tag != der::kInteger) return 0;
  return integer_bits(first->content);
}

// The curve of EC parameters polycert does not hold: "ec:secp256k1", "ec:1.2.3", "ec:explicit".
std::string other_curve(const std::optional<der::Element>& parameters) {
  std::string curve = "explicit";
  if (parameters && parameters->tag == der::kOid)
    if (auto dotted = der::decode_oid(parameters->content)) {
      const std::string_view known = name_of(*dotted, kOtherCurves);
      curve = known.empty() ? *dotted : std::string(known);
    }
  return "ec:" + curve;
}

// A key of an algorithm polycert does not hold, named as kOtherAlgorithms names it
// ("dsa", "ed448", "rsa-pss") or by its OID.
PublicKeyDescription foreign_key(const std::string& algorithm_oid_text) {
  std::string name(name_of(algorithm_oid_text, kOtherAlgorithms));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::ranges::replace(name, ' ', '-');
  return PublicKeyDescription{name.empty() ? algorithm_oid_text : name, algorithm_oid_text, 0, "", false};
}

}  // namespace

bool is_public_key_algorithm(std::string_view oid) {
  return oid == oid::kRsaEncryption || oid == oid::kEcPublicKey || oid == oid::kEd25519 ||
         !name_of(oid, kOtherAlgorithms).empty();
}

Result<PublicKeyDescription> describe_public_key(ByteView spki) {
  auto held = inspect_public_key(spki);
  if (held) {
    const KeySpec spec{held->algorithm, held->rsa_bits, held->curve};
    return PublicKeyDescription{to_string(spec), std::string(algorithm_oid(spec.algorithm)), spec.bits(), "", true};
  }
  if (held.error().code != ErrorCode::unsupported) return std::unexpected(held.error());

  // Not a key polycert holds: read what the structure says, without judging it further.
  auto info = key_syntax::read_subject_public_key_info(spki);
  if (!info) return std::unexpected(info.error());
  const key_syntax::AlgorithmIdentifier* algorithm = &info->algorithm;
  const ByteView bits = info->public_key.content;
  const ByteView key = bits.empty() ? ByteView() : bits.subspan(1);

  PublicKeyDescription out = foreign_key(algorithm->oid);

  if (algorithm->oid == oid::kRsaPss) {  // RSA-PSS: an RSAPublicKey, restricted
    out.bits = first_integer_bits(key);
    if (!algorithm->parameters) {
      out.parameters = "no restrictions";
    } else {
      auto pss = read_signature_algorithm(algorithm->whole);
      if (!pss) return std::unexpected(with_context(pss.error(), "RSA-PSS public key"));
      out.parameters = describe(pss->parameters);
    }
  } else if (algorithm->oid == oid::kDsa) {  // DSA: Dss-Parms { p, q, g }
    if (algorithm->parameters) out.bits = first_integer_bits(algorithm->parameters->whole);
  } else if (algorithm->oid == oid::kEcPublicKey) {
    out.algorithm = other_curve(algorithm->parameters);
    if (!key.empty() && key[0] == 0x04) out.bits = static_cast<unsigned>((key.size() - 1) / 2 * 8);
    if (!key.empty() && (key[0] == 0x02 || key[0] == 0x03))
      out.bits = static_cast<unsigned>((key.size() - 1) * 8);
  } else if (algorithm->oid == "1.3.101.110" || algorithm->oid == "1.3.101.111" ||
             algorithm->oid == oid::kEd448) {  // X25519, X448, Ed448: the raw key
    out.bits = static_cast<unsigned>(key.size() * 8);
  }
  return out;
}

namespace {


// A traditional key polycert does not hold: a multi-prime RSAPrivateKey or an
// ECPrivateKey on another curve.
Result<PublicKeyDescription> describe_traditional(ByteView der, PrivateKeyForm form,
                                                  const Error& why) {
  if (form == PrivateKeyForm::dsa) {  // { version, p, q, g, y, x }: the size of p
    der::Reader top(der);
    auto sequence = top.expect(der::kSequence, "private key");
    if (!sequence) return std::unexpected(sequence.error());
    der::Reader fields(sequence->content);
    if (!fields.next()) return std::unexpected(why);
    auto p = fields.next();
    return PublicKeyDescription{"dsa", std::string(oid::kDsa),
                                p && p->tag == der::kInteger ? integer_bits(p->content) : 0, "",
                                false};
  }
  if (form == PrivateKeyForm::rsa_pkcs1) {
    auto key = key_syntax::read_rsa_private_key(der);
    if (!key) return std::unexpected(key.error());
    return PublicKeyDescription{"rsa", std::string(oid::kRsaEncryption),
                                integer_bits(key->modulus.content), why.message, false};
  }
  auto key = key_syntax::read_ec_private_key(der);
  if (!key) return std::unexpected(key.error());
  return PublicKeyDescription{other_curve(key->parameters), std::string(oid::kEcPublicKey),
                              static_cast<unsigned>(key->private_key.content.size() * 8), "",
                              false};
}

}  // namespace

Result<PublicKeyDescription> describe_private_key(ByteView der, PrivateKeyForm form) {
  auto held = inspect_private_key(der, form);
  if (held) {
    const KeySpec spec{held->algorithm, held->rsa_bits, held->curve};
    return PublicKeyDescription{to_string(spec), std::string(algorithm_oid(spec.algorithm)), spec.bits(), "", true};
  }
  if (held.error().code != ErrorCode::unsupported) return std::unexpected(held.error());
  if (form != PrivateKeyForm::pkcs8) return describe_traditional(der, form, held.error());
  auto info = key_syntax::read_private_key_info(der);
  if (!info) return std::unexpected(info.error());
  const key_syntax::AlgorithmIdentifier* algorithm = &info->algorithm;
  const der::Element* private_key = &info->private_key;

  PublicKeyDescription out = foreign_key(algorithm->oid);
  // The modulus of an RSAPrivateKey that reads as one (RSA-PSS keys hold one too).
  auto modulus_bits = [](ByteView rsa_private_key) -> unsigned {
    auto key = key_syntax::read_rsa_private_key(rsa_private_key);
    return key ? integer_bits(key->modulus.content) : 0;
  };
  if (algorithm->oid == oid::kRsaEncryption) {
    out.algorithm = "rsa";
    out.bits = modulus_bits(private_key->content);
    out.parameters = held.error().message;  // "multi-prime RSA keys", say
  } else if (algorithm->oid == oid::kRsaPss) {
    out.bits = modulus_bits(private_key->content);
  } else if (algorithm->oid == oid::kDsa) {
    if (algorithm->parameters) out.bits = first_integer_bits(algorithm->parameters->whole);
  } else if (algorithm->oid == oid::kEcPublicKey) {
    out.algorithm = other_curve(algorithm->parameters);
  } else if (algorithm->oid == "1.3.101.110" || algorithm->oid == "1.3.101.111" ||
             algorithm->oid == oid::kEd448) {  // CurvePrivateKey ::= OCTET STRING
    der::Reader inner(private_key->content);
    auto raw = inner.next();
    if (raw && raw->tag == der::kOctetString) out.bits = static_cast<unsigned>(raw->content.size() * 8);
  }
  return out;
}

}  // namespace polycert
