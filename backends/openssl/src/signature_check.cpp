// Provider::verify_signature with OpenSSL: the key from its SubjectPublicKeyInfo, whatever
// algorithm OpenSSL reads (RSA, RSA-PSS, EC, DSA, Ed25519, Ed448), the hash fetched by
// name. Missing: MD2 (OpenSSL 3 builds have none) and RSA PKCS#1 v1.5 with MD4: OpenSSL
// 3.0 encodes and expects the MD4 DigestInfo with the OID 1.2.840.113549.2.3 where PKCS#1
// says md4 is 2.4 (seen here: it verifies what it signs itself and refuses a standard MD4
// signature that Mbed TLS accepts), so it would call a good signature bad.
#include "errors.hpp"
#include "handles.hpp"
#include "openssl_provider.hpp"

#include <polycert/key_syntax.hpp>
#include <polycert/oid.hpp>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace polycert::openssl_backend {

namespace {

const char* digest_name(SignatureHash hash) {
  switch (hash) {
    case SignatureHash::md2: return "MD2";
    case SignatureHash::md4: return "MD4";
    case SignatureHash::md5: return "MD5";
    case SignatureHash::sha1: return "SHA1";
    case SignatureHash::sha224: return "SHA2-224";
    case SignatureHash::sha256: return "SHA2-256";
    case SignatureHash::sha384: return "SHA2-384";
    case SignatureHash::sha512: return "SHA2-512";
  }
  return "";
}

// The OpenSSL key types a scheme's signatures are made with.
bool key_fits(EVP_PKEY* key, SignatureScheme scheme) {
  switch (scheme) {
    case SignatureScheme::rsa_pkcs1: return EVP_PKEY_is_a(key, "RSA") == 1;
    case SignatureScheme::rsa_pss: return EVP_PKEY_is_a(key, "RSA") == 1 || EVP_PKEY_is_a(key, "RSA-PSS") == 1;
    case SignatureScheme::ecdsa: return EVP_PKEY_is_a(key, "EC") == 1;
    case SignatureScheme::dsa: return EVP_PKEY_is_a(key, "DSA") == 1;
    case SignatureScheme::ed25519: return EVP_PKEY_is_a(key, "ED25519") == 1;
    case SignatureScheme::ed448: return EVP_PKEY_is_a(key, "ED448") == 1;
  }
  return false;
}

}  // namespace

// A key of an algorithm polycert holds, through the provider's reusable decoders: d2i_PUBKEY
// sets up a decoder context for every call, which cost more than the RSA-2048 check itself
// and made reading and checking a request take twice as long as OpenSSL's own
// (benchmarks: csr_verify). Null for other keys, or when the decoder refuses the key (then
// d2i_PUBKEY reads it or says why not).
PkeyPtr OpenSslProvider::decode_held_key(ByteView spki) {
  auto info = key_syntax::read_subject_public_key_info(spki);
  if (!info) return nullptr;
  KeyAlgorithm algorithm{};
  if (info->algorithm.oid == oid::kRsaEncryption)
    algorithm = KeyAlgorithm::rsa;
  else if (info->algorithm.oid == oid::kEcPublicKey)
    algorithm = KeyAlgorithm::ec;
  else if (info->algorithm.oid == oid::kEd25519)
    algorithm = KeyAlgorithm::ed25519;
  else
    return nullptr;
  if (!missing(algorithm).empty()) return nullptr;
  const unsigned char* cursor = spki.data();
  std::size_t left = spki.size();
  bool setup_failed = false;
  ERR_set_mark();
  PkeyPtr key = key_decoders_.decode(KeyDecoders::Structure::subject_public_key_info, algorithm,
                                     &cursor, &left, &setup_failed);
  ERR_pop_to_mark();  // a refusal is d2i_PUBKEY's to explain
  if (left != 0) key.reset();
  return key;
}

Result<void> OpenSslProvider::do_verify_signature(ByteView spki, const SignatureParameters& parameters,
                                                  ByteView data, ByteView signature) {
  ErrorQueueScope errors;
  const std::string scheme = describe(parameters);
  OSSL_LIB_CTX* context = nullptr;  // the default one
  if (parameters.hash == SignatureHash::md4) {
    if (parameters.scheme == SignatureScheme::rsa_pkcs1)
      return std::unexpected(unsupported(
          "check " + scheme + " signatures",
          "OpenSSL 3.0 encodes the MD4 DigestInfo with the OID 1.2.840.113549.2.3, not md4 "
          "(1.2.840.113549.2.4), so it cannot tell a standard MD4 signature from a bad one"));
    context = legacy_.context();  // MD4 lives in the legacy provider
    if (context == nullptr) return std::unexpected(unsupported("check " + scheme + " signatures", legacy_.missing()));
  }
  PkeyPtr key = context == nullptr ? decode_held_key(spki) : nullptr;
  if (!key) {
    const unsigned char* cursor = spki.data();
    key.reset(d2i_PUBKEY_ex(nullptr, &cursor, static_cast<long>(spki.size()), context, nullptr));
  }
  if (!key)
    return std::unexpected(unsupported("check signatures made with this key",
                                       "OpenSSL cannot read it (" + drain_error_queue() + ")"));
  if (!key_fits(key.get(), parameters.scheme))
    return fail(ErrorCode::mismatch, std::string("the signer's key is ") + EVP_PKEY_get0_type_name(key.get()) +
                                         ", which does not make " + scheme + " signatures");
  MdPtr md;
  if (parameters.hash) {
    md.reset(EVP_MD_fetch(context, digest_name(*parameters.hash), nullptr));
    if (!md)
      return std::unexpected(unsupported("check " + scheme + " signatures",
                                         "this OpenSSL has no " + std::string(to_string(*parameters.hash))));
  }
  MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* key_ctx = nullptr;  // owned by ctx
  if (!ctx || EVP_DigestVerifyInit_ex(ctx.get(), &key_ctx, md ? EVP_MD_get0_name(md.get()) : nullptr,
                                      context, nullptr, key.get(), nullptr) != 1)
    return std::unexpected(unsupported("check " + scheme + " signatures", drain_error_queue()));
  if (parameters.scheme == SignatureScheme::rsa_pss) {
    MdPtr mgf1(EVP_MD_fetch(context, digest_name(parameters.mgf1_hash), nullptr));
    if (!mgf1 || EVP_PKEY_CTX_set_rsa_padding(key_ctx, RSA_PKCS1_PSS_PADDING) != 1 ||
        EVP_PKEY_CTX_set_rsa_pss_saltlen(key_ctx, static_cast<int>(parameters.salt_length)) != 1 ||
        EVP_PKEY_CTX_set_rsa_mgf1_md(key_ctx, mgf1.get()) != 1)
      return std::unexpected(unsupported("check " + scheme + " signatures", drain_error_queue()));
  }
  if (EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), data.data(), data.size()) != 1) {
    const std::string reason = drain_error_queue();
    return fail(ErrorCode::mismatch, "the " + scheme + " signature does not verify" +
                                         (reason.empty() ? "" : " (" + reason + ")"));
  }
  return {};
}

}  // namespace polycert::openssl_backend
