#include <polycert/signature.hpp>

#include <polycert/der.hpp>
#include <polycert/oid.hpp>

#include <array>

namespace polycert {

namespace {

struct KnownAlgorithm {
  std::string_view oid;
  std::string_view name;
  SignatureScheme scheme;
  std::optional<SignatureHash> hash;
};

// Every signature algorithm polycert reads. The OIW spellings (1.3.14.3.2.x) are older
// names of the PKCS#1 ones that early CAs used; they mean the same signature.
constexpr std::array<KnownAlgorithm, 22> kAlgorithms = {{
    {"1.2.840.113549.1.1.2", "md2WithRSAEncryption", SignatureScheme::rsa_pkcs1, SignatureHash::md2},
    {"1.2.840.113549.1.1.3", "md4WithRSAEncryption", SignatureScheme::rsa_pkcs1, SignatureHash::md4},
    {"1.2.840.113549.1.1.4", "md5WithRSAEncryption", SignatureScheme::rsa_pkcs1, SignatureHash::md5},
    {"1.2.840.113549.1.1.5", "sha1WithRSAEncryption", SignatureScheme::rsa_pkcs1, SignatureHash::sha1},
    {"1.2.840.113549.1.1.14", "sha224WithRSAEncryption", SignatureScheme::rsa_pkcs1, SignatureHash::sha224},
    {"1.2.840.113549.1.1.11", "sha256WithRSAEncryption", SignatureScheme::rsa_pkcs1, SignatureHash::sha256},
    {"1.2.840.113549.1.1.12", "sha384WithRSAEncryption", SignatureScheme::rsa_pkcs1, SignatureHash::sha384},
    {"1.2.840.113549.1.1.13", "sha512WithRSAEncryption", SignatureScheme::rsa_pkcs1, SignatureHash::sha512},
    {"1.3.14.3.2.3", "md5WithRSA (OIW)", SignatureScheme::rsa_pkcs1, SignatureHash::md5},
    {"1.3.14.3.2.29", "sha1WithRSASignature (OIW)", SignatureScheme::rsa_pkcs1, SignatureHash::sha1},
    {"1.2.840.113549.1.1.10", "RSASSA-PSS", SignatureScheme::rsa_pss, std::nullopt},
    {"1.2.840.10045.4.1", "ecdsa-with-SHA1", SignatureScheme::ecdsa, SignatureHash::sha1},
    {"1.2.840.10045.4.3.1", "ecdsa-with-SHA224", SignatureScheme::ecdsa, SignatureHash::sha224},
    {"1.2.840.10045.4.3.2", "ecdsa-with-SHA256", SignatureScheme::ecdsa, SignatureHash::sha256},
    {"1.2.840.10045.4.3.3", "ecdsa-with-SHA384", SignatureScheme::ecdsa, SignatureHash::sha384},
    {"1.2.840.10045.4.3.4", "ecdsa-with-SHA512", SignatureScheme::ecdsa, SignatureHash::sha512},
    {"1.2.840.10040.4.3", "dsa-with-sha1", SignatureScheme::dsa, SignatureHash::sha1},
    {"2.16.840.1.101.3.4.3.1", "dsa-with-sha224", SignatureScheme::dsa, SignatureHash::sha224},
    {"2.16.840.1.101.3.4.3.2", "dsa-with-sha256", SignatureScheme::dsa, SignatureHash::sha256},
    {"1.3.14.3.2.27", "dsaWithSHA1 (OIW)", SignatureScheme::dsa, SignatureHash::sha1},
    {"1.3.101.112", "Ed25519", SignatureScheme::ed25519, std::nullopt},
    {"1.3.101.113", "Ed448", SignatureScheme::ed448, std::nullopt},
}};

struct HashOid {
  std::string_view oid;
  SignatureHash hash;
};
// The hash AlgorithmIdentifiers RSASSA-PSS-params may name (RFC 4055 2.1, RFC 8017 A.2.1).
constexpr std::array<HashOid, 5> kPssHashes = {{
    {"1.3.14.3.2.26", SignatureHash::sha1},
    {"2.16.840.1.101.3.4.2.4", SignatureHash::sha224},
    {"2.16.840.1.101.3.4.2.1", SignatureHash::sha256},
    {"2.16.840.1.101.3.4.2.2", SignatureHash::sha384},
    {"2.16.840.1.101.3.4.2.3", SignatureHash::sha512},
}};
constexpr std::string_view kMgf1 = "1.2.840.113549.1.1.8";

Error bad(std::string_view what) {
  return Error{ErrorCode::invalid_input, "signature algorithm: " + std::string(what)};
}

// AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }
struct AlgorithmParts {
  std::string oid;
  std::optional<der::Element> parameters;
};

Result<AlgorithmParts> split_algorithm(ByteView identifier, std::string_view what) {
  der::Reader top(identifier);
  auto sequence = top.expect(der::kSequence, what);
  if (!sequence) return std::unexpected(sequence.error());
  if (!top.empty()) return std::unexpected(bad(std::string(what) + ": trailing data"));
  der::Reader fields(sequence->content);
  auto oid = fields.expect(der::kOid, what);
  if (!oid) return std::unexpected(oid.error());
  auto dotted = der::decode_oid(oid->content);
  if (!dotted) return std::unexpected(dotted.error());
  AlgorithmParts parts{std::move(*dotted), std::nullopt};
  if (!fields.empty()) {
    auto parameters = fields.next();
    if (!parameters) return std::unexpected(parameters.error());
    parts.parameters = *parameters;
  }
  if (!fields.empty()) return std::unexpected(bad(std::string(what) + ": data after the parameters"));
  return parts;
}

bool is_null(const std::optional<der::Element>& parameters) {
  return parameters && parameters->tag == der::kNull && parameters->content.empty();
}

Result<SignatureHash> pss_hash(ByteView identifier, std::string_view what) {
  auto parts = split_algorithm(identifier, what);
  if (!parts) return std::unexpected(parts.error());
  if (parts->parameters && !is_null(parts->parameters))
    return std::unexpected(bad(std::string(what) + ": parameters other than NULL"));
  for (const HashOid& known : kPssHashes)
    if (known.oid == parts->oid) return known.hash;
  return fail(ErrorCode::unsupported, "RSA-PSS with the hash " + parts->oid);
}

// RSASSA-PSS-params ::= SEQUENCE { hashAlgorithm [0], maskGenAlgorithm [1], saltLength [2],
// trailerField [3] }, each EXPLICIT and OPTIONAL with SHA-1 / MGF1-SHA-1 / 20 / 1 defaults.
Result<SignatureParameters> read_pss_parameters(const std::optional<der::Element>& parameters) {
  SignatureParameters out{SignatureScheme::rsa_pss, SignatureHash::sha1, SignatureHash::sha1, 20};
  if (!parameters || parameters->tag != der::kSequence)
    return std::unexpected(bad("RSASSA-PSS without its parameters SEQUENCE (RFC 4055 3.1)"));
  der::Reader fields(parameters->content);
  unsigned next_allowed = 0;  // the fields come in tag order, each at most once
  while (!fields.empty()) {
    auto field = fields.next();
    if (!field) return std::unexpected(field.error());
    const unsigned number = field->tag & 0x1F;
    if ((field->tag & 0xE0) != 0xA0 || number > 3 || number < next_allowed)
      return std::unexpected(bad("RSASSA-PSS parameters out of order or unknown"));
    next_allowed = number + 1;
    der::Reader inner(field->content);
    auto value = inner.next();
    if (!value) return std::unexpected(value.error());
    if (!inner.empty()) return std::unexpected(bad("RSASSA-PSS parameter with trailing data"));
    switch (number) {
      case 0: {
        auto hash = pss_hash(value->whole, "RSASSA-PSS hashAlgorithm");
        if (!hash) return std::unexpected(hash.error());
        out.hash = *hash;
        break;
      }
      case 1: {
        auto mgf = split_algorithm(value->whole, "RSASSA-PSS maskGenAlgorithm");
        if (!mgf) return std::unexpected(mgf.error());
        if (mgf->oid != kMgf1) return fail(ErrorCode::unsupported, "RSA-PSS with the mask function " + mgf->oid);
        if (!mgf->parameters) return std::unexpected(bad("MGF1 without its hash"));
        auto hash = pss_hash(mgf->parameters->whole, "MGF1 hash");
        if (!hash) return std::unexpected(hash.error());
        out.mgf1_hash = *hash;
        break;
      }
      case 2: {
        if (value->tag != der::kInteger) return std::unexpected(bad("RSASSA-PSS saltLength is not an INTEGER"));
        auto salt = der::decode_uint32(value->content, "RSASSA-PSS saltLength");
        if (!salt) return std::unexpected(salt.error());
        if (*salt > 1024) return std::unexpected(bad("RSASSA-PSS saltLength over 1024"));
        out.salt_length = *salt;
        break;
      }
      case 3: {
        if (value->tag != der::kInteger) return std::unexpected(bad("RSASSA-PSS trailerField is not an INTEGER"));
        auto trailer = der::decode_uint32(value->content, "RSASSA-PSS trailerField");
        if (!trailer) return std::unexpected(trailer.error());
        if (*trailer != 1) return std::unexpected(bad("RSASSA-PSS trailerField other than 1 (RFC 4055 3.1)"));
        break;
      }
    }
  }
  return out;
}

}  // namespace

std::string_view to_string(SignatureScheme scheme) {
  switch (scheme) {
    case SignatureScheme::rsa_pkcs1: return "RSA PKCS#1 v1.5";
    case SignatureScheme::rsa_pss: return "RSA-PSS";
    case SignatureScheme::ecdsa: return "ECDSA";
    case SignatureScheme::dsa: return "DSA";
    case SignatureScheme::ed25519: return "Ed25519";
    case SignatureScheme::ed448: return "Ed448";
  }
  return "?";
}

bool key_makes_signatures_of(std::string_view key_algorithm_oid, SignatureScheme scheme) {
  switch (scheme) {
    case SignatureScheme::rsa_pkcs1: return key_algorithm_oid == oid::kRsaEncryption;
    case SignatureScheme::rsa_pss:
      return key_algorithm_oid == oid::kRsaEncryption || key_algorithm_oid == oid::kRsaPss;
    case SignatureScheme::ecdsa: return key_algorithm_oid == oid::kEcPublicKey;
    case SignatureScheme::dsa: return key_algorithm_oid == oid::kDsa;
    case SignatureScheme::ed25519: return key_algorithm_oid == oid::kEd25519;
    case SignatureScheme::ed448: return key_algorithm_oid == oid::kEd448;
  }
  return false;
}

std::string_view to_string(SignatureHash hash) {
  switch (hash) {
    case SignatureHash::md2: return "MD2";
    case SignatureHash::md4: return "MD4";
    case SignatureHash::md5: return "MD5";
    case SignatureHash::sha1: return "SHA-1";
    case SignatureHash::sha224: return "SHA-224";
    case SignatureHash::sha256: return "SHA-256";
    case SignatureHash::sha384: return "SHA-384";
    case SignatureHash::sha512: return "SHA-512";
  }
  return "?";
}

bool is_weak(SignatureHash hash) {
  switch (hash) {
    case SignatureHash::md2:
    case SignatureHash::md4:
    case SignatureHash::md5:
    case SignatureHash::sha1: return true;
    default: return false;
  }
}

std::string describe(const SignatureParameters& parameters) {
  std::string out(to_string(parameters.scheme));
  if (parameters.scheme == SignatureScheme::rsa_pss && parameters.hash)
    return out + " (" + std::string(to_string(*parameters.hash)) + ", MGF1 " +
           std::string(to_string(parameters.mgf1_hash)) + ", salt " +
           std::to_string(parameters.salt_length) + ")";
  if (parameters.hash) out += " with " + std::string(to_string(*parameters.hash));
  return out;
}

Result<SignatureAlgorithm> read_signature_algorithm(ByteView algorithm_identifier) {
  auto parts = split_algorithm(algorithm_identifier, "signature AlgorithmIdentifier");
  if (!parts) return std::unexpected(parts.error());
  const KnownAlgorithm* known = nullptr;
  for (const KnownAlgorithm& candidate : kAlgorithms)
    if (candidate.oid == parts->oid) known = &candidate;
  if (known == nullptr)
    return fail(ErrorCode::unsupported, "the signature algorithm " + parts->oid);
  SignatureAlgorithm out{parts->oid, std::string(known->name), {known->scheme, known->hash}};
  switch (known->scheme) {
    case SignatureScheme::rsa_pkcs1:
    case SignatureScheme::ecdsa:
      if (parts->parameters && !is_null(parts->parameters))
        return std::unexpected(bad(out.name + " with parameters other than NULL"));
      break;
    case SignatureScheme::dsa:
    case SignatureScheme::ed25519:
    case SignatureScheme::ed448:
      if (parts->parameters)
        return std::unexpected(bad(out.name + " with parameters (they must be absent)"));
      break;
    case SignatureScheme::rsa_pss: {
      auto pss = read_pss_parameters(parts->parameters);
      if (!pss) return std::unexpected(pss.error());
      out.parameters = *pss;
      break;
    }
  }
  return out;
}

std::optional<SignatureHash> signature_hash(std::string_view oid) {
  for (const KnownAlgorithm& known : kAlgorithms)
    if (known.oid == oid) return known.hash;
  return std::nullopt;
}

std::string signature_algorithm_name(std::string_view oid) {
  for (const KnownAlgorithm& known : kAlgorithms)
    if (known.oid == oid) return std::string(known.name);
  return std::string(oid);
}

}  // namespace polycert
