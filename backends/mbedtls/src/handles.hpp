// RAII owners for the Mbed TLS contexts the backend uses: one small non-copyable class per
// context type, so every init has its free on every path.
//
// Mbed TLS 2.28 contexts are plain structs set up by *_init and released by *_free; the
// *_free functions zeroize what they held, so secrets inside a context need no extra care.
#pragma once

#include <mbedtls/cipher.h>
#include <mbedtls/bignum.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/x509_crl.h>
#include <mbedtls/x509_crt.h>
#include <mbedtls/x509_csr.h>

#include <cstddef>
#include <memory>

namespace polycert::mbedtls_backend {

/// Owns an mbedtls_pk_context (a key of any type). Movable: the struct holds only an info
/// pointer and a heap pointer, so its bytes can change owner; the source is left empty.
class PkContext {
 public:
  PkContext() { mbedtls_pk_init(&ctx_); }
  ~PkContext() { mbedtls_pk_free(&ctx_); }
  PkContext(const PkContext&) = delete;
  PkContext& operator=(const PkContext&) = delete;
  PkContext(PkContext&& other) noexcept : ctx_(other.ctx_) { mbedtls_pk_init(&other.ctx_); }
  PkContext& operator=(PkContext&& other) noexcept {
    if (this != &other) {
      mbedtls_pk_free(&ctx_);
      ctx_ = other.ctx_;
      mbedtls_pk_init(&other.ctx_);
    }
    return *this;
  }

  mbedtls_pk_context* get() { return &ctx_; }
  const mbedtls_pk_context* get() const { return &ctx_; }
  /// For the 2.28 functions that only read a key but take it non-const
  /// (mbedtls_pk_write_key_der, mbedtls_pk_write_pubkey_der): 3.x made them const.
  mbedtls_pk_context* get_for_read() const { return const_cast<mbedtls_pk_context*>(&ctx_); }

 private:
  mbedtls_pk_context ctx_;
};

/// Owns an mbedtls_entropy_context. Not movable: a CTR_DRBG seeded from it keeps its address,
/// and with MBEDTLS_THREADING_C it holds a mutex.
class EntropyContext {
 public:
  EntropyContext() { mbedtls_entropy_init(&ctx_); }
  ~EntropyContext() { mbedtls_entropy_free(&ctx_); }
  EntropyContext(const EntropyContext&) = delete;
  EntropyContext& operator=(const EntropyContext&) = delete;

  mbedtls_entropy_context* get() { return &ctx_; }

 private:
  mbedtls_entropy_context ctx_;
};

/// Owns an mbedtls_ctr_drbg_context. Not movable for the same reasons as EntropyContext.
class CtrDrbgContext {
 public:
  CtrDrbgContext() { mbedtls_ctr_drbg_init(&ctx_); }
  ~CtrDrbgContext() { mbedtls_ctr_drbg_free(&ctx_); }
  CtrDrbgContext(const CtrDrbgContext&) = delete;
  CtrDrbgContext& operator=(const CtrDrbgContext&) = delete;

  mbedtls_ctr_drbg_context* get() { return &ctx_; }
  /// Back to the freshly initialised state, e.g. after a failed seed.
  void reset() {
    mbedtls_ctr_drbg_free(&ctx_);
    mbedtls_ctr_drbg_init(&ctx_);
  }

 private:
  mbedtls_ctr_drbg_context ctx_;
};

/// Owns a parsed mbedtls_x509_csr. Not movable: nothing needs it, and its buffers point
/// into each other.
class X509Csr {
 public:
  X509Csr() { mbedtls_x509_csr_init(&csr_); }
  ~X509Csr() { mbedtls_x509_csr_free(&csr_); }
  X509Csr(const X509Csr&) = delete;
  X509Csr& operator=(const X509Csr&) = delete;

  mbedtls_x509_csr* get() { return &csr_; }
  const mbedtls_x509_csr* get() const { return &csr_; }

 private:
  mbedtls_x509_csr csr_;
};

/// Owns a parsed mbedtls_x509_crt chain (we only ever put one certificate in it). Not
/// movable for the same reason as X509Csr.
class X509Crt {
 public:
  X509Crt() { mbedtls_x509_crt_init(&crt_); }
  ~X509Crt() { mbedtls_x509_crt_free(&crt_); }
  X509Crt(const X509Crt&) = delete;
  X509Crt& operator=(const X509Crt&) = delete;

  mbedtls_x509_crt* get() { return &crt_; }
  const mbedtls_x509_crt* get() const { return &crt_; }

 private:
  mbedtls_x509_crt crt_;
};

/// Owns a parsed mbedtls_x509_crl list (path validation's CRLs). Not movable, as X509Crt.
class X509Crl {
 public:
  X509Crl() { mbedtls_x509_crl_init(&crl_); }
  ~X509Crl() { mbedtls_x509_crl_free(&crl_); }
  X509Crl(const X509Crl&) = delete;
  X509Crl& operator=(const X509Crl&) = delete;

  mbedtls_x509_crl* get() { return &crl_; }
  const mbedtls_x509_crl* get() const { return &crl_; }

 private:
  mbedtls_x509_crl crl_;
};

/// Owns an mbedtls_md_context_t (a hash or, set up with hmac = 1, an HMAC). Not movable:
/// nothing needs it. mbedtls_md_free wipes the HMAC pads, which hold the key.
class MdContext {
 public:
  MdContext() { mbedtls_md_init(&ctx_); }
  ~MdContext() { mbedtls_md_free(&ctx_); }
  MdContext(const MdContext&) = delete;
  MdContext& operator=(const MdContext&) = delete;

  mbedtls_md_context_t* get() { return &ctx_; }

 private:
  mbedtls_md_context_t ctx_;
};

/// Owns an mbedtls_cipher_context_t. Not movable: nothing needs it. mbedtls_cipher_free
/// wipes the key schedule and the partial block it buffers.
class CipherContext {
 public:
  CipherContext() { mbedtls_cipher_init(&ctx_); }
  ~CipherContext() { mbedtls_cipher_free(&ctx_); }
  CipherContext(const CipherContext&) = delete;
  CipherContext& operator=(const CipherContext&) = delete;

  mbedtls_cipher_context_t* get() { return &ctx_; }

 private:
  mbedtls_cipher_context_t ctx_;
};

/// Owns an mbedtls_mpi (a big integer; mbedtls_mpi_free wipes its limbs).
class Mpi {
 public:
  Mpi() { mbedtls_mpi_init(&value_); }
  ~Mpi() { mbedtls_mpi_free(&value_); }
  Mpi(const Mpi&) = delete;
  Mpi& operator=(const Mpi&) = delete;

  mbedtls_mpi* get() { return &value_; }

 private:
  mbedtls_mpi value_;
};

/// A scratch byte buffer for DER that may hold private key material; wiped with
/// mbedtls_platform_zeroize before it is released.
class WipedBuffer {
 public:
  explicit WipedBuffer(std::size_t size)
      : data_(std::make_unique<unsigned char[]>(size)), size_(size) {}
  ~WipedBuffer() { mbedtls_platform_zeroize(data_.get(), size_); }
  WipedBuffer(const WipedBuffer&) = delete;
  WipedBuffer& operator=(const WipedBuffer&) = delete;

  unsigned char* data() { return data_.get(); }
  const unsigned char* data() const { return data_.get(); }
  std::size_t size() const { return size_; }

 private:
  std::unique_ptr<unsigned char[]> data_;
  std::size_t size_;
};

}  // namespace polycert::mbedtls_backend
