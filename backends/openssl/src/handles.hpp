// RAII owners for the OpenSSL handles this backend uses. Every C handle lives in one of
// these from the moment it is created, so no early return can leak it.
#pragma once

#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <cstddef>
#include <memory>

namespace polycert::backends::openssl {

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

}  // namespace polycert::backends::openssl
