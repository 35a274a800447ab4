// Provider::verify_signature with Mbed TLS 2.28: the key from its SubjectPublicKeyInfo
// (mbedtls_pk_parse_public_key: RSA and EC), the hash with mbedtls_md, the check with
// mbedtls_pk_verify_ext (PKCS#1 v1.5, RSA-PSS with its MGF1 hash and salt, ECDSA).
//
// Missing: DSA, Ed25519 and Ed448 signatures (Mbed TLS 2.28 has neither DSA nor EdDSA),
// and any hash this build leaves out (Debian's has MD2, MD4 and MD5).
#include "handles.hpp"
#include "errors.hpp"
#include "mbedtls_provider.hpp"
#include "x509_support.hpp"

#include <mbedtls/md.h>
#include <mbedtls/pk.h>

namespace polycert::mbedtls_backend {

namespace {

mbedtls_md_type_t md_type(SignatureHash hash) {
  switch (hash) {
    case SignatureHash::md2: return MBEDTLS_MD_MD2;
    case SignatureHash::md4: return MBEDTLS_MD_MD4;
    case SignatureHash::md5: return MBEDTLS_MD_MD5;
    case SignatureHash::sha1: return MBEDTLS_MD_SHA1;
    case SignatureHash::sha224: return MBEDTLS_MD_SHA224;
    case SignatureHash::sha256: return MBEDTLS_MD_SHA256;
    case SignatureHash::sha384: return MBEDTLS_MD_SHA384;
    case SignatureHash::sha512: return MBEDTLS_MD_SHA512;
  }
  return MBEDTLS_MD_NONE;
}

}  // namespace

Result<void> MbedtlsProvider::do_verify_signature(ByteView spki, const SignatureParameters& parameters,
                                                  ByteView data, ByteView signature) {
  const std::string scheme = describe(parameters);
  switch (parameters.scheme) {
    case SignatureScheme::dsa:
      return std::unexpected(unsupported("check " + scheme + " signatures", "Mbed TLS 2.28 has no DSA"));
    case SignatureScheme::ed25519:
    case SignatureScheme::ed448:
      return std::unexpected(unsupported("check " + scheme + " signatures",
                                         "Mbed TLS 2.28 has no EdDSA"));
    default: break;
  }
  const mbedtls_md_type_t md = md_type(*parameters.hash);
  if (mbedtls_md_info_from_type(md) == nullptr)
    return std::unexpected(unsupported("check " + scheme + " signatures",
                                       "this Mbed TLS build has no " + std::string(to_string(*parameters.hash))));
  PkContext key;
  if (const int ret = mbedtls_pk_parse_public_key(key.get(), spki.data(), spki.size()); ret != 0)
    return std::unexpected(unsupported("check signatures made with this key",
                                       library_error(ErrorCode::unsupported, "Mbed TLS cannot read it", ret).message));
  const bool rsa = parameters.scheme != SignatureScheme::ecdsa;
  if (!mbedtls_pk_can_do(key.get(), rsa ? MBEDTLS_PK_RSA : MBEDTLS_PK_ECDSA))
    return fail(ErrorCode::mismatch, std::string("the signer's key is ") + mbedtls_pk_get_name(key.get()) +
                                         ", which does not make " + scheme + " signatures");
  mbedtls_pk_rsassa_pss_options pss{md_type(parameters.mgf1_hash), static_cast<int>(parameters.salt_length)};
  const bool is_pss = parameters.scheme == SignatureScheme::rsa_pss;
  if (is_pss && mbedtls_md_info_from_type(pss.mgf1_hash_id) == nullptr)
    return std::unexpected(unsupported("check " + scheme + " signatures",
                                       "this Mbed TLS build has no " + std::string(to_string(parameters.mgf1_hash))));
  const int ret = verify(*key.get(), is_pss ? MBEDTLS_PK_RSASSA_PSS : mbedtls_pk_get_type(key.get()),
                                          is_pss ? &pss : nullptr, md, data, signature);
  if (ret != 0)
    return std::unexpected(library_error(ErrorCode::mismatch, "the " + scheme + " signature does not verify", ret));
  return {};
}

}  // namespace polycert::mbedtls_backend
