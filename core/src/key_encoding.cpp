#include <polycert/der.hpp>
#include <polycert/key_encoding.hpp>

namespace polycert {

namespace {

// Small INTEGER content (as in version fields), or -1 if it is not one.
int small_integer(const der::Element& element) {
  if (element.tag != der::kInteger || element.content.size() != 1) return -1;
  return element.content[0] < 0x80 ? element.content[0] : -1;
}

struct Pkcs8Parts {
  std::string algorithm_oid;
  ByteView parameters;    // whole element after the OID, may be empty
  ByteView private_key;   // content of the OCTET STRING
};

Result<Pkcs8Parts> split_pkcs8(ByteView der) {
  der::Reader top(der);
  auto seq = top.expect(der::kSequence, "PrivateKeyInfo SEQUENCE");
  if (!seq) return std::unexpected(seq.error());
  der::Reader body(seq->content);
  auto version = body.expect(der::kInteger, "PKCS#8 version");
  if (!version) return std::unexpected(version.error());
  const int v = small_integer(*version);
  if (v != 0 && v != 1)
    return fail(ErrorCode::invalid_input, "PKCS#8 version is not 0 or 1");
  auto algorithm = body.expect(der::kSequence, "PKCS#8 AlgorithmIdentifier");
  if (!algorithm) return std::unexpected(algorithm.error());
  der::Reader alg(algorithm->content);
  auto oid = alg.expect(der::kOid, "PKCS#8 algorithm OID");
  if (!oid) return std::unexpected(oid.error());
  auto dotted = der::decode_oid(oid->content);
  if (!dotted) return std::unexpected(dotted.error());
  Pkcs8Parts parts;
  parts.algorithm_oid = *dotted;
  if (!alg.empty()) {
    auto params = alg.next();
    if (!params) return std::unexpected(params.error());
    parts.parameters = params->whole;
  }
  auto key = body.expect(der::kOctetString, "PKCS#8 privateKey OCTET STRING");
  if (!key) return std::unexpected(key.error());
  parts.private_key = key->content;
  return parts;
}

// Splits an ECPrivateKey into its elements so parameters can be added or removed.
struct Sec1Parts {
  ByteView version;     // whole
  ByteView private_key; // whole
  ByteView parameters;  // whole [0], may be empty
  ByteView public_key;  // whole [1], may be empty
};

Result<Sec1Parts> split_sec1(ByteView der) {
  der::Reader top(der);
  auto seq = top.expect(der::kSequence, "ECPrivateKey SEQUENCE");
  if (!seq) return std::unexpected(seq.error());
  der::Reader body(seq->content);
  auto version = body.expect(der::kInteger, "ECPrivateKey version");
  if (!version) return std::unexpected(version.error());
  if (small_integer(*version) != 1)
    return fail(ErrorCode::invalid_input, "ECPrivateKey version is not 1");
  auto key = body.expect(der::kOctetString, "ECPrivateKey privateKey");
  if (!key) return std::unexpected(key.error());
  Sec1Parts parts{version->whole, key->whole, {}, {}};
  if (body.peek_tag() == der::context_constructed(0)) {
    auto params = body.next();
    if (!params) return std::unexpected(params.error());
    parts.parameters = params->whole;
  }
  if (body.peek_tag() == der::context_constructed(1)) {
    auto pub = body.next();
    if (!pub) return std::unexpected(pub.error());
    parts.public_key = pub->whole;
  }
  if (!body.empty())
    return fail(ErrorCode::invalid_input, "unexpected element in ECPrivateKey");
  return parts;
}

SecureBuffer concat(std::initializer_list<ByteView> parts) {
  SecureBuffer out;
  for (ByteView part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

SecureBuffer algorithm_identifier(std::string_view algorithm_oid, ByteView parameters) {
  const Bytes oid_content = der::encode_oid(algorithm_oid);
  SecureBuffer inner = der::element(der::kOid, oid_content);
  inner.insert(inner.end(), parameters.begin(), parameters.end());
  return der::element(der::kSequence, inner);
}

}  // namespace

Result<std::optional<OneAsymmetricKeyParts>> split_one_asymmetric_key(ByteView pkcs8) {
  der::Reader top(pkcs8);
  auto seq = top.expect(der::kSequence, "PrivateKeyInfo SEQUENCE");
  if (!seq) return std::unexpected(seq.error());
  der::Reader body(seq->content);
  auto version = body.expect(der::kInteger, "PKCS#8 version");
  if (!version) return std::unexpected(version.error());
  if (small_integer(*version) == 0) return std::nullopt;
  if (small_integer(*version) != 1)
    return fail(ErrorCode::invalid_input, "PKCS#8 version is not 0 or 1");

  // version 1: AlgorithmIdentifier, OCTET STRING, [0] attributes OPTIONAL, [1] publicKey OPTIONAL
  SecureBuffer kept = der::element(der::kInteger, std::array<std::uint8_t, 1>{0});
  OneAsymmetricKeyParts parts;
  constexpr std::uint8_t kPublicKeyTag = 0x81;  // [1] IMPLICIT BIT STRING
  while (!body.empty()) {
    auto element = body.next();
    if (!element) return std::unexpected(element.error());
    if (element->tag == kPublicKeyTag) {
      if (!body.empty())
        return fail(ErrorCode::invalid_input, "unexpected element after the PKCS#8 publicKey");
      parts.public_key.assign(element->content.begin(), element->content.end());
    } else {
      kept.insert(kept.end(), element->whole.begin(), element->whole.end());
    }
  }
  parts.version0 = der::element(der::kSequence, kept);
  return parts;
}

Result<ByteView> spki_public_key_bits(ByteView spki) {
  der::Reader top(spki);
  auto seq = top.expect(der::kSequence, "SubjectPublicKeyInfo SEQUENCE");
  if (!seq) return std::unexpected(seq.error());
  der::Reader body(seq->content);
  auto algorithm = body.expect(der::kSequence, "SubjectPublicKeyInfo algorithm");
  if (!algorithm) return std::unexpected(algorithm.error());
  auto bits = body.expect(der::kBitString, "subjectPublicKey BIT STRING");
  if (!bits) return std::unexpected(bits.error());
  return bits->content;
}

std::string_view to_string(PrivateKeyForm form) {
  switch (form) {
    case PrivateKeyForm::pkcs8: return "PKCS#8";
    case PrivateKeyForm::rsa_pkcs1: return "PKCS#1 RSA";
    case PrivateKeyForm::ec_sec1: return "SEC1 EC";
    case PrivateKeyForm::dsa: return "traditional DSA";
  }
  return "?";
}

std::string_view pem_label(PrivateKeyForm form) {
  switch (form) {
    case PrivateKeyForm::pkcs8: return "PRIVATE KEY";
    case PrivateKeyForm::rsa_pkcs1: return "RSA PRIVATE KEY";
    case PrivateKeyForm::ec_sec1: return "EC PRIVATE KEY";
    case PrivateKeyForm::dsa: return "DSA PRIVATE KEY";
  }
  return "PRIVATE KEY";
}

Result<PrivateKeyForm> detect_private_key_form(ByteView der) {
  // All three are SEQUENCE { INTEGER version, ... }; the second element tells them apart:
  // PKCS#8 has an AlgorithmIdentifier SEQUENCE, SEC1 an OCTET STRING, PKCS#1 the modulus.
  der::Reader top(der);
  auto seq = top.expect(der::kSequence, "private key SEQUENCE");
  if (!seq) return std::unexpected(seq.error());
  der::Reader body(seq->content);
  auto version = body.expect(der::kInteger, "private key version");
  if (!version) return std::unexpected(version.error());
  auto second = body.next();
  if (!second) return std::unexpected(second.error());
  switch (second->tag) {
    case der::kSequence: return PrivateKeyForm::pkcs8;
    case der::kOctetString: return PrivateKeyForm::ec_sec1;
    case der::kInteger: {
      // DSAPrivateKey is { version, p, q, g, y, x }: six INTEGERs; an RSAPrivateKey has
      // at least nine.
      std::size_t integers = 2;
      while (!body.empty()) {
        auto next = body.next();
        if (!next || next->tag != der::kInteger) break;
        ++integers;
      }
      return integers == 6 ? PrivateKeyForm::dsa : PrivateKeyForm::rsa_pkcs1;
    }
    default:
      return fail(ErrorCode::invalid_input,
                  "not a private key: neither PKCS#8, PKCS#1 RSA nor SEC1 EC");
  }
}

Result<SecureBuffer> traditional_to_pkcs8(ByteView der, PrivateKeyForm form) {
  const SecureBuffer version = der::element(der::kInteger, std::array<std::uint8_t, 1>{0});
  switch (form) {
    case PrivateKeyForm::pkcs8: return SecureBuffer(der.begin(), der.end());
    case PrivateKeyForm::rsa_pkcs1: {
      const SecureBuffer null_params = der::element(der::kNull, {});
      const SecureBuffer alg = algorithm_identifier(oid::kRsaEncryption, null_params);
      const SecureBuffer key = der::element(der::kOctetString, der);
      return der::element(der::kSequence, concat({version, alg, key}));
    }
    case PrivateKeyForm::ec_sec1: {
      auto parts = split_sec1(der);
      if (!parts) return std::unexpected(parts.error());
      if (parts->parameters.empty())
        return fail(ErrorCode::invalid_input,
                    "SEC1 EC private key does not name its curve (no parameters)");
      // [0] { namedCurve OID }: the inner element is the AlgorithmIdentifier parameter.
      der::Reader params_reader(parts->parameters);
      auto params = params_reader.next();
      if (!params) return std::unexpected(params.error());
      const SecureBuffer alg = algorithm_identifier(oid::kEcPublicKey, params->content);
      const SecureBuffer inner = der::element(
          der::kSequence, concat({parts->version, parts->private_key, parts->public_key}));
      const SecureBuffer key = der::element(der::kOctetString, inner);
      return der::element(der::kSequence, concat({version, alg, key}));
    }
    case PrivateKeyForm::dsa:
      return fail(ErrorCode::unsupported, "DSA keys (1.2.840.10040.4.1): polycert reads and "
                                          "describes them, but holds no DSA keys to convert");
  }
  return fail(ErrorCode::internal, "unknown private key form");
}

Result<SecureBuffer> pkcs8_to_traditional(ByteView pkcs8) {
  auto parts = split_pkcs8(pkcs8);
  if (!parts) return std::unexpected(parts.error());
  if (parts->algorithm_oid == oid::kRsaEncryption)
    return SecureBuffer(parts->private_key.begin(), parts->private_key.end());
  if (parts->algorithm_oid == oid::kEcPublicKey) {
    auto sec1 = split_sec1(parts->private_key);
    if (!sec1) return std::unexpected(sec1.error());
    if (!sec1->parameters.empty())
      return SecureBuffer(parts->private_key.begin(), parts->private_key.end());
    if (parts->parameters.empty())
      return fail(ErrorCode::invalid_input, "PKCS#8 EC key names no curve");
    const SecureBuffer params = der::element(der::context_constructed(0), parts->parameters);
    return der::element(der::kSequence, concat({sec1->version, sec1->private_key, params,
                                                sec1->public_key}));
  }
  if (parts->algorithm_oid == oid::kEd25519)
    return fail(ErrorCode::invalid_input,
                "Ed25519 keys have no traditional form; PKCS#8 is their only encoding");
  return fail(ErrorCode::unsupported,
              "no traditional form known for key algorithm " + parts->algorithm_oid);
}

}  // namespace polycert
