// RAII owners for the OpenSSL handles this backend uses. Every C handle lives in one of
// these from the moment it is created, so no early return can leak it.
#pragma once

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/ec.h>
#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/provider.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstddef>
#include <memory>

namespace polycert::openssl_backend {

/// Stateless deleter calling OpenSSL's matching free function.
template <auto Free>
struct FreeWith {
  template <typename T>
  void operator()(T* handle) const noexcept {
    Free(handle);
  }
};

using PkeyPtr = std::unique_ptr<EVP_PKEY, FreeWith<&EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, FreeWith<&EVP_PKEY_CTX_free>>;
using KeymgmtPtr = std::unique_ptr<EVP_KEYMGMT, FreeWith<&EVP_KEYMGMT_free>>;
using DecoderCtxPtr = std::unique_ptr<OSSL_DECODER_CTX, FreeWith<&OSSL_DECODER_CTX_free>>;
using EncoderCtxPtr = std::unique_ptr<OSSL_ENCODER_CTX, FreeWith<&OSSL_ENCODER_CTX_free>>;
/// PKCS8_PRIV_KEY_INFO_free wipes the private key octets.
using Pkcs8InfoPtr = std::unique_ptr<PKCS8_PRIV_KEY_INFO, FreeWith<&PKCS8_PRIV_KEY_INFO_free>>;

using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, FreeWith<&EVP_MD_CTX_free>>;

// Symmetric primitives (primitives.cpp). The *_CTX_free functions wipe their key state.
using MdPtr = std::unique_ptr<EVP_MD, FreeWith<&EVP_MD_free>>;
using CipherPtr = std::unique_ptr<EVP_CIPHER, FreeWith<&EVP_CIPHER_free>>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, FreeWith<&EVP_CIPHER_CTX_free>>;
using MacPtr = std::unique_ptr<EVP_MAC, FreeWith<&EVP_MAC_free>>;
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, FreeWith<&EVP_MAC_CTX_free>>;
using KdfPtr = std::unique_ptr<EVP_KDF, FreeWith<&EVP_KDF_free>>;
using KdfCtxPtr = std::unique_ptr<EVP_KDF_CTX, FreeWith<&EVP_KDF_CTX_free>>;
using LibCtxPtr = std::unique_ptr<OSSL_LIB_CTX, FreeWith<&OSSL_LIB_CTX_free>>;
/// A provider loaded into a library context; unload it before freeing that context.
using ProviderPtr = std::unique_ptr<OSSL_PROVIDER, FreeWith<&OSSL_PROVIDER_unload>>;
using X509Ptr = std::unique_ptr<X509, FreeWith<&X509_free>>;
using X509ReqPtr = std::unique_ptr<X509_REQ, FreeWith<&X509_REQ_free>>;
using X509NamePtr = std::unique_ptr<X509_NAME, FreeWith<&X509_NAME_free>>;
using X509PubkeyPtr = std::unique_ptr<X509_PUBKEY, FreeWith<&X509_PUBKEY_free>>;
using X509ExtensionPtr = std::unique_ptr<X509_EXTENSION, FreeWith<&X509_EXTENSION_free>>;
using Asn1ObjectPtr = std::unique_ptr<ASN1_OBJECT, FreeWith<&ASN1_OBJECT_free>>;
using Asn1OctetStringPtr = std::unique_ptr<ASN1_OCTET_STRING, FreeWith<&ASN1_OCTET_STRING_free>>;
using Asn1BitStringPtr = std::unique_ptr<ASN1_BIT_STRING, FreeWith<&ASN1_BIT_STRING_free>>;
using AuthorityKeyIdPtr = std::unique_ptr<AUTHORITY_KEYID, FreeWith<&AUTHORITY_KEYID_free>>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, FreeWith<&GENERAL_NAMES_free>>;
using BasicConstraintsPtr = std::unique_ptr<BASIC_CONSTRAINTS, FreeWith<&BASIC_CONSTRAINTS_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, FreeWith<&BN_free>>;
/// Owners that wipe: numbers of private keys, and what computes with them.
struct BnClearFree {
  void operator()(BIGNUM* number) const { BN_clear_free(number); }
};
struct BnCtxFree {
  void operator()(BN_CTX* context) const { BN_CTX_free(context); }
};
struct PointFree {
  void operator()(EC_POINT* point) const { EC_POINT_free(point); }
};

/// STACK_OF(X509_EXTENSION) with its extensions (the sk_*_pop_free "functions" are macros).
struct ExtensionStackFree {
  void operator()(STACK_OF(X509_EXTENSION) * stack) const noexcept {
    sk_X509_EXTENSION_pop_free(stack, X509_EXTENSION_free);
  }
};
using ExtensionStackPtr = std::unique_ptr<STACK_OF(X509_EXTENSION), ExtensionStackFree>;

/// EXTENDED_KEY_USAGE (a STACK_OF(ASN1_OBJECT)) with its objects.
struct ExtendedKeyUsageFree {
  void operator()(EXTENDED_KEY_USAGE* usage) const noexcept {
    sk_ASN1_OBJECT_pop_free(usage, ASN1_OBJECT_free);
  }
};
using ExtendedKeyUsagePtr = std::unique_ptr<EXTENDED_KEY_USAGE, ExtendedKeyUsageFree>;

/// OPENSSL_free is a macro (it passes file and line), so it gets its own deleter.
struct OpensslFree {
  void operator()(unsigned char* data) const noexcept { OPENSSL_free(data); }
};

/// Public bytes that OpenSSL allocated (i2d_* output of public structures).
using OpensslBytes = std::unique_ptr<unsigned char, OpensslFree>;

/// Secret bytes that OpenSSL allocated (encoded private keys): wiped with
/// OPENSSL_clear_free, which needs the length, hence a small class, not a unique_ptr.
class OpensslSecretBytes {
 public:
  OpensslSecretBytes() = default;
  OpensslSecretBytes(const OpensslSecretBytes&) = delete;
  OpensslSecretBytes& operator=(const OpensslSecretBytes&) = delete;
  ~OpensslSecretBytes() { OPENSSL_clear_free(data_, size_); }

  /// Out-parameters for OpenSSL calls that allocate (*data == nullptr on entry).
  unsigned char** data_out() { return &data_; }
  std::size_t* size_out() { return &size_; }

  const unsigned char* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  unsigned char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace polycert::openssl_backend
