// Symmetric primitives on OpenSSL 3.0, for core's password-based container codecs
// (encrypted PKCS#8, PKCS#12):
// - PBKDF2-HMAC: EVP_KDF "PBKDF2";
// - PKCS#12 KDF (RFC 7292 B.2): PKCS12_key_gen_uni, which in 3.0 runs EVP_KDF "PKCS12KDF"
//   and takes the BMPString password bytes exactly as given;
// - HMAC: EVP_MAC "HMAC";
// - CBC with PKCS#7 padding: EVP_CIPHER (AES-*-CBC and DES-EDE3-CBC from the default
//   library context, RC2-40-CBC from the legacy provider in LegacyLibrary's context).
//
// Missing capabilities: none on a stock OpenSSL 3.0 with its legacy provider module
// installed. Every row is probed by fetching what its operation fetches; rc2-40-cbc is
// denied with OpenSSL's reason when the legacy provider cannot be loaded.
// Library quirks worked around:
// - OpenSSL 3 keeps RC2 in the "legacy" provider, which is not loaded by default; it is
//   loaded into a library context of the provider object's own (with "default"), never
//   into the process-wide default context.
// - PBKDF2 applies SP 800-132 lower bounds (salt >= 16 bytes, >= 1000 iterations, key >= 14
//   bytes) unless its "pkcs5" parameter is 1 (always so under the FIPS provider): PKCS#8
//   and PKCS#12 files in the wild use 8-byte salts and old iteration counts, so it is set.
// - A zero-length OSSL_PARAM or key given as a null pointer means "not set" to some
//   implementations (EVP_MAC_init with a null key re-uses the previous key); empty inputs
//   are passed as a non-null pointer of length 0.
// - EVP_CipherUpdate takes an int length: long inputs are fed in chunks.
#include "primitives.hpp"
#include "errors.hpp"
#include "openssl_provider.hpp"

#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/pkcs12.h>

#include <algorithm>
#include <array>
#include <climits>
#include <expected>

namespace polycert::openssl_backend {

namespace {

constexpr std::array kHashes{Hash::sha1, Hash::sha224, Hash::sha256, Hash::sha384, Hash::sha512};
constexpr std::array kCiphers{Cipher::aes128_cbc, Cipher::aes192_cbc, Cipher::aes256_cbc,
                              Cipher::des_ede3_cbc, Cipher::rc2_40_cbc};

// Inputs are fed to EVP_CipherUpdate in pieces of this size (it takes an int).
constexpr std::size_t kCipherChunk = std::size_t{1} << 20;

// A non-null address for empty inputs (see the file comment).
constexpr unsigned char kNoBytes[1] = {0};

unsigned char* param_data(ByteView bytes) {
  // OSSL_PARAM and the PKCS12 functions take non-const pointers but only read.
  return const_cast<unsigned char*>(bytes.empty() ? kNoBytes : bytes.data());
}

const char* openssl_name(Hash hash) {
  switch (hash) {
    case Hash::sha1:
      return "SHA1";
    case Hash::sha224:
      return "SHA2-224";
    case Hash::sha256:
      return "SHA2-256";
    case Hash::sha384:
      return "SHA2-384";
    case Hash::sha512:
      return "SHA2-512";
    case Hash::md5:
      return "MD5";
  }
  return "?";
}

const char* openssl_name(Cipher cipher) {
  switch (cipher) {
    case Cipher::aes128_cbc:
      return "AES-128-CBC";
    case Cipher::aes192_cbc:
      return "AES-192-CBC";
    case Cipher::aes256_cbc:
      return "AES-256-CBC";
    case Cipher::des_ede3_cbc:
      return "DES-EDE3-CBC";
    case Cipher::rc2_40_cbc:
      return "RC2-40-CBC";
  }
  return "?";
}

std::string pbkdf2_name(Hash prf) { return "pbkdf2-hmac-" + std::string(to_string(prf)); }
std::string pkcs12_kdf_name(Hash hash) { return "pkcs12-kdf-" + std::string(to_string(hash)); }
std::string hmac_name(Hash hash) { return "hmac-" + std::string(to_string(hash)); }

// ---- Fetching: one function per kind, shared by the operations and the probe ----------
// Each returns the fetched method, or why the loaded providers cannot give it.

std::string not_provided(std::string_view what) {
  std::string text = drain_error_queue();
  return "the loaded OpenSSL providers have no " + std::string(what) +
         (text.empty() ? std::string() : " (" + text + ")");
}

std::expected<MdPtr, std::string> fetch_digest(Hash hash) {
  MdPtr md(EVP_MD_fetch(nullptr, openssl_name(hash), nullptr));
  if (!md) return std::unexpected(not_provided(std::string(openssl_name(hash)) + " digest"));
  return md;
}

std::expected<KdfPtr, std::string> fetch_kdf(const char* name) {
  KdfPtr kdf(EVP_KDF_fetch(nullptr, name, nullptr));
  if (!kdf) return std::unexpected(not_provided(std::string(name) + " key derivation"));
  return kdf;
}

std::expected<MacPtr, std::string> fetch_hmac() {
  MacPtr mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  if (!mac) return std::unexpected(not_provided("HMAC"));
  return mac;
}

std::expected<CipherPtr, std::string> fetch_cipher(Cipher cipher, const LegacyLibrary& legacy) {
  OSSL_LIB_CTX* context = nullptr;  // the default library context
  if (cipher == Cipher::rc2_40_cbc) {
    if (!legacy.context()) return std::unexpected(std::string(legacy.missing()));
    context = legacy.context();
  }
  CipherPtr fetched(EVP_CIPHER_fetch(context, openssl_name(cipher), nullptr));
  if (!fetched) return std::unexpected(not_provided(std::string(openssl_name(cipher)) + " cipher"));
  return fetched;
}

/// The KDF `name` and the digest it runs on, both or why not.
struct KdfMethods {
  KdfPtr kdf;
  MdPtr md;
};

std::expected<KdfMethods, std::string> fetch_kdf_methods(const char* name, Hash hash) {
  auto kdf = fetch_kdf(name);
  if (!kdf) return std::unexpected(kdf.error());
  auto md = fetch_digest(hash);
  if (!md) return std::unexpected(md.error());
  return KdfMethods{std::move(*kdf), std::move(*md)};
}

struct MacMethods {
  MacPtr mac;
  MdPtr md;
};

std::expected<MacMethods, std::string> fetch_hmac_methods(Hash hash) {
  auto mac = fetch_hmac();
  if (!mac) return std::unexpected(mac.error());
  auto md = fetch_digest(hash);
  if (!md) return std::unexpected(md.error());
  return MacMethods{std::move(*mac), std::move(*md)};
}

// ---- CBC -------------------------------------------------------------------------------

/// Runs `input` through an initialised cipher context and finalises it into `output`
/// (resized to what was written). False on failure; `output` then holds no result.
/// `final_failed` tells whether it was the final step (padding, when decrypting).
template <typename Buffer>
bool run_cipher(EVP_CIPHER_CTX* context, ByteView input, std::size_t block, Buffer& output,
                bool& final_failed) {
  // Room: the input plus one block (the padding block of an encryption); EVP asks for
  // in + block at each update, which the running total never exceeds here.
  output.assign(input.size() + block, 0);
  std::size_t written = 0;
  final_failed = false;
  for (std::size_t offset = 0; offset < input.size();) {
    const std::size_t chunk = std::min(kCipherChunk, input.size() - offset);
    int produced = 0;
    if (EVP_CipherUpdate(context, output.data() + written, &produced, input.data() + offset,
                         static_cast<int>(chunk)) != 1)
      return false;
    written += static_cast<std::size_t>(produced);
    offset += chunk;
  }
  int produced = 0;
  if (EVP_CipherFinal_ex(context, output.data() + written, &produced) != 1) {
    final_failed = true;
    return false;
  }
  written += static_cast<std::size_t>(produced);
  output.resize(written);
  return true;
}

}  // namespace

// ---- LegacyLibrary -----------------------------------------------------------------------

LegacyLibrary::LegacyLibrary() {
  ErrorQueueScope errors;
  context_.reset(OSSL_LIB_CTX_new());
  if (!context_) {
    missing_ =
        "cannot create a library context for OpenSSL's legacy provider: " + drain_error_queue();
    return;
  }
  // "default" beside "legacy", as OpenSSL recommends; RC2 itself needs only "legacy".
  default_.reset(OSSL_PROVIDER_load(context_.get(), "default"));
  legacy_.reset(OSSL_PROVIDER_load(context_.get(), "legacy"));
  if (!legacy_) {
    std::string text = drain_error_queue();
    missing_ = "OpenSSL's legacy provider, which holds RC2, cannot be loaded" +
               (text.empty() ? std::string() : " (" + text + ")");
  }
}

std::string probe_primitive(Operation operation, std::string_view subject,
                            const LegacyLibrary& legacy) {
  ErrorQueueScope errors;
  auto why = [](const auto& fetched) { return fetched ? std::string() : fetched.error(); };
  for (Hash hash : kHashes) {
    if (operation == Operation::derive_key && subject == pbkdf2_name(hash))
      return why(fetch_kdf_methods(OSSL_KDF_NAME_PBKDF2, hash));
    // PKCS12_key_gen_uni fetches "PKCS12KDF" itself; the probe fetches the same.
    if (operation == Operation::derive_key && subject == pkcs12_kdf_name(hash))
      return why(fetch_kdf_methods("PKCS12KDF", hash));
    if (operation == Operation::mac && subject == hmac_name(hash))
      return why(fetch_hmac_methods(hash));
  }
  for (Cipher cipher : kCiphers)
    if (operation == Operation::cipher && subject == to_string(cipher))
      return why(fetch_cipher(cipher, legacy));
  for (Hash hash : {Hash::md5, Hash::sha1, Hash::sha224, Hash::sha256, Hash::sha384, Hash::sha512})
    if (operation == Operation::digest && subject == to_string(hash)) return why(fetch_digest(hash));
  return "not a primitive the OpenSSL backend implements";
}

// ---- The operations ------------------------------------------------------------------------

Result<SecureBuffer> OpenSslProvider::do_pbkdf2(Hash prf, ByteView password, ByteView salt,
                                                std::uint32_t iterations, std::size_t length) {
  ErrorQueueScope errors;
  const std::string name = pbkdf2_name(prf);
  auto methods = fetch_kdf_methods(OSSL_KDF_NAME_PBKDF2, prf);
  if (!methods) return std::unexpected(unsupported("derive keys with " + name, methods.error()));
  KdfCtxPtr context(EVP_KDF_CTX_new(methods->kdf.get()));
  if (!context) return std::unexpected(openssl_error(ErrorCode::internal, name));

  std::uint64_t iteration_count = iterations;
  int pkcs5 = 1;  // no SP 800-132 lower bounds (file comment)
  const std::array params{
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
                                       const_cast<char*>(EVP_MD_get0_name(methods->md.get())), 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, param_data(password),
                                        password.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, param_data(salt), salt.size()),
      OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_ITER, &iteration_count),
      OSSL_PARAM_construct_int(OSSL_KDF_PARAM_PKCS5, &pkcs5),
      OSSL_PARAM_construct_end(),
  };
  SecureBuffer key(length);
  if (EVP_KDF_derive(context.get(), key.data(), key.size(), params.data()) != 1)
    return std::unexpected(openssl_error(ErrorCode::internal, name));
  return key;
}

Result<SecureBuffer> OpenSslProvider::do_pkcs12_kdf(Hash hash, ByteView bmp_password, ByteView salt,
                                                    std::uint32_t iterations,
                                                    Pkcs12KeyPurpose purpose, std::size_t length) {
  ErrorQueueScope errors;
  const std::string name = pkcs12_kdf_name(hash);
  auto methods = fetch_kdf_methods("PKCS12KDF", hash);
  if (!methods) return std::unexpected(unsupported("derive keys with " + name, methods.error()));
  if (bmp_password.size() > INT_MAX || salt.size() > INT_MAX)
    return fail(ErrorCode::invalid_input, name + ": the password or salt is too long");

  // The password goes through unchanged: already a BMPString with its 00 00 terminator,
  // or empty for "no password" (RFC 7292 B.2 then uses an empty P).
  SecureBuffer key(length);
  if (PKCS12_key_gen_uni(param_data(bmp_password), static_cast<int>(bmp_password.size()),
                         param_data(salt), static_cast<int>(salt.size()), static_cast<int>(purpose),
                         static_cast<int>(iterations), static_cast<int>(length), key.data(),
                         methods->md.get()) != 1)
    return std::unexpected(openssl_error(ErrorCode::internal, name));
  return key;
}

Result<SecureBuffer> OpenSslProvider::do_hmac(Hash hash, ByteView key, ByteView data) {
  ErrorQueueScope errors;
  const std::string name = hmac_name(hash);
  auto methods = fetch_hmac_methods(hash);
  if (!methods) return std::unexpected(unsupported("compute " + name, methods.error()));
  MacCtxPtr context(EVP_MAC_CTX_new(methods->mac.get()));
  if (!context) return std::unexpected(openssl_error(ErrorCode::internal, name));

  const std::array params{
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                       const_cast<char*>(EVP_MD_get0_name(methods->md.get())), 0),
      OSSL_PARAM_construct_end(),
  };
  SecureBuffer mac(digest_size(hash));
  std::size_t mac_size = 0;
  if (EVP_MAC_init(context.get(), param_data(key), key.size(), params.data()) != 1 ||
      EVP_MAC_update(context.get(), param_data(data), data.size()) != 1 ||
      EVP_MAC_final(context.get(), mac.data(), &mac_size, mac.size()) != 1)
    return std::unexpected(openssl_error(ErrorCode::internal, name));
  if (mac_size != mac.size())
    return fail(ErrorCode::internal, name + ": OpenSSL returned a MAC of an unexpected size");
  return mac;
}

Result<SecureBuffer> OpenSslProvider::do_digest(Hash hash, ByteView data) {
  ErrorQueueScope errors;
  const std::string name(to_string(hash));
  auto md = fetch_digest(hash);
  if (!md) return std::unexpected(unsupported("compute " + name, md.error()));
  SecureBuffer out(digest_size(hash));
  unsigned int size = 0;
  if (EVP_Digest(param_data(data), data.size(), out.data(), &size, md->get(), nullptr) != 1 ||
      size != out.size())
    return std::unexpected(openssl_error(ErrorCode::internal, name));
  return out;
}

namespace {

/// A cipher context ready to run `cipher` one way; key and IV sizes checked against
/// OpenSSL's own idea of the cipher (core checked them against primitives.hpp).
Result<CipherCtxPtr> start_cipher(const EVP_CIPHER* cipher, std::string_view name, ByteView key,
                                  ByteView iv, bool encrypt) {
  if (static_cast<std::size_t>(EVP_CIPHER_get_key_length(cipher)) != key.size() ||
      static_cast<std::size_t>(EVP_CIPHER_get_iv_length(cipher)) != iv.size())
    return fail(ErrorCode::internal,
                std::string(name) + ": OpenSSL's key or IV size differs from polycert's");
  CipherCtxPtr context(EVP_CIPHER_CTX_new());
  if (!context || EVP_CipherInit_ex2(context.get(), cipher, key.data(), iv.data(), encrypt ? 1 : 0,
                                     nullptr) != 1)
    return std::unexpected(openssl_error(ErrorCode::internal, name));
  // PKCS#7 padding is EVP's default; set it anyway, it is the contract.
  EVP_CIPHER_CTX_set_padding(context.get(), 1);
  return context;
}

}  // namespace

Result<Bytes> OpenSslProvider::do_cbc_encrypt(Cipher cipher, ByteView key, ByteView iv,
                                              ByteView plaintext) {
  ErrorQueueScope errors;
  const std::string_view name = to_string(cipher);
  auto fetched = fetch_cipher(cipher, legacy_);
  if (!fetched)
    return std::unexpected(unsupported("encrypt with " + std::string(name), fetched.error()));
  auto context = start_cipher(fetched->get(), name, key, iv, true);
  if (!context) return std::unexpected(context.error());
  Bytes ciphertext;
  bool final_failed = false;
  if (!run_cipher(context->get(), plaintext, block_size(cipher), ciphertext, final_failed))
    return std::unexpected(openssl_error(ErrorCode::internal, std::string(name) + ": encryption"));
  return ciphertext;
}

Result<SecureBuffer> OpenSslProvider::do_cbc_decrypt(Cipher cipher, ByteView key, ByteView iv,
                                                     ByteView ciphertext) {
  ErrorQueueScope errors;
  const std::string_view name = to_string(cipher);
  auto fetched = fetch_cipher(cipher, legacy_);
  if (!fetched)
    return std::unexpected(unsupported("decrypt with " + std::string(name), fetched.error()));
  auto context = start_cipher(fetched->get(), name, key, iv, false);
  if (!context) return std::unexpected(context.error());
  // The plaintext is secret from the first byte: a SecureBuffer, dropped (wiped) whole on
  // any failure, so no partial plaintext leaves.
  SecureBuffer plaintext;
  bool final_failed = false;
  if (!run_cipher(context->get(), ciphertext, block_size(cipher), plaintext, final_failed)) {
    // Whole blocks are guaranteed by core, so the final step fails only on bad padding.
    if (final_failed) {
      drain_error_queue();  // "bad decrypt": the message below says it better
      return fail(ErrorCode::bad_password,
                  std::string(name) + ": decryption failed (bad padding): wrong password?");
    }
    return std::unexpected(openssl_error(ErrorCode::internal, std::string(name) + ": decryption"));
  }
  return plaintext;
}

}  // namespace polycert::openssl_backend
