#include <polycert/der.hpp>
#include <polycert/key_encoding.hpp>
#include <polycert/key_syntax.hpp>

namespace polycert {

namespace {

// Small INTEGER content (as in version fields), or -1 if it is not one.
int small_integer(const der::Element& element) {
  if (element.tag != der::kInteger || element.content.size() != 1) return -1;
  return element.content[0] < 0x80 ? element.content[0] : -1;
}

// An ECPrivateKey whose version is 1, the only one RFC 5915 defines.
Result<key_syntax::EcPrivateKey> read_sec1(ByteView der) {
  auto key = key_syntax::read_ec_private_key(der);
  if (!key) return key;
  if (small_integer(key->version) != 1)
    return fail(ErrorCode::invalid_input, "ECPrivateKey version is not 1");
  return key;
}

ByteView bits_content(const std::optional<der::Element>& bit_string) {
  return bit_string ? bit_string->content : ByteView();
}

}  // namespace

Result<std::optional<OneAsymmetricKeyParts>> split_one_asymmetric_key(ByteView pkcs8) {
  auto info = key_syntax::read_private_key_info(pkcs8);
  if (!info) return std::unexpected(info.error());
  const int version = small_integer(info->version);
  if (version == 0) return std::nullopt;
  if (version != 1) return fail(ErrorCode::invalid_input, "PKCS#8 version is not 0 or 1");
  OneAsymmetricKeyParts parts;
  parts.version0 = key_syntax::write_private_key_info(
      info->algorithm.whole, info->private_key.content,
      info->attributes ? info->attributes->whole : ByteView());
  const ByteView public_key = bits_content(info->public_key);
  parts.public_key.assign(public_key.begin(), public_key.end());
  return parts;
}

Result<ByteView> spki_public_key_bits(ByteView spki) {
  auto info = key_syntax::read_subject_public_key_info(spki);
  if (!info) return std::unexpected(info.error());
  return info->public_key.content;
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
  switch (form) {
    case PrivateKeyForm::pkcs8: return SecureBuffer(der.begin(), der.end());
    case PrivateKeyForm::rsa_pkcs1: {
      const SecureBuffer null_parameters = der::element(der::kNull, {});
      return key_syntax::write_private_key_info(
          key_syntax::write_algorithm_identifier(oid::kRsaEncryption, null_parameters), der);
    }
    case PrivateKeyForm::ec_sec1: {
      auto sec1 = read_sec1(der);
      if (!sec1) return std::unexpected(sec1.error());
      if (!sec1->parameters)
        return fail(ErrorCode::invalid_input,
                    "SEC1 EC private key does not name its curve (no parameters)");
      // The curve moves into the AlgorithmIdentifier and leaves the inner key.
      const SecureBuffer inner = key_syntax::write_ec_private_key(
          sec1->private_key.content, {}, bits_content(sec1->public_key));
      return key_syntax::write_private_key_info(
          key_syntax::write_algorithm_identifier(oid::kEcPublicKey, sec1->parameters->whole), inner);
    }
    case PrivateKeyForm::dsa:
      return fail(ErrorCode::unsupported, "DSA keys (1.2.840.10040.4.1): polycert reads and "
                                          "describes them, but holds no DSA keys to convert");
  }
  return fail(ErrorCode::internal, "unknown private key form");
}

Result<SecureBuffer> pkcs8_to_traditional(ByteView pkcs8) {
  auto info = key_syntax::read_private_key_info(pkcs8);
  if (!info) return std::unexpected(info.error());
  const std::string& algorithm = info->algorithm.oid;
  const ByteView inner = info->private_key.content;
  if (algorithm == oid::kRsaEncryption) return SecureBuffer(inner.begin(), inner.end());
  if (algorithm == oid::kEcPublicKey) {
    auto sec1 = read_sec1(inner);
    if (!sec1) return std::unexpected(sec1.error());
    if (sec1->parameters) return SecureBuffer(inner.begin(), inner.end());
    if (!info->algorithm.parameters)
      return fail(ErrorCode::invalid_input, "PKCS#8 EC key names no curve");
    // The curve comes back into the key, so that it stands alone.
    return key_syntax::write_ec_private_key(sec1->private_key.content,
                                            info->algorithm.parameters->whole,
                                            bits_content(sec1->public_key));
  }
  if (algorithm == oid::kEd25519)
    return fail(ErrorCode::invalid_input,
                "Ed25519 keys have no traditional form; PKCS#8 is their only encoding");
  return fail(ErrorCode::unsupported, "no traditional form known for key algorithm " + algorithm);
}

}  // namespace polycert
