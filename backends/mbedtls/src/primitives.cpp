// Symmetric primitives with Mbed TLS 2.28, for core's encrypted-PKCS#8 and PKCS#12 codecs:
// PBKDF2 (mbedtls_pkcs5_pbkdf2_hmac), the PKCS#12 KDF (mbedtls_pkcs12_derivation), HMAC
// (mbedtls_md_hmac) and CBC ciphers with PKCS#7 padding (mbedtls_cipher_crypt).
//
// Missing: RC2 (rc2-40-cbc, used by legacy pbeWithSHAAnd40BitRC2-CBC PKCS#12 files):
// Mbed TLS 2.28 has no RC2 at all. Every Hash value works in every KDF and HMAC.
//
// Library quirks worked around here:
// - mbedtls_pkcs12_derivation takes the password bytes as given (the caller's BMPString with
//   its 00 00 terminator; empty = no password, which it hashes without a P block, as RFC 7292
//   B.2 says), but refuses a password or salt longer than 64 bytes
//   (MBEDTLS_ERR_PKCS12_BAD_INPUT_DATA): its P and S buffers hold one 64-byte block. A
//   32-character password is 66 BMPString bytes, so for those inputs B.2 runs here, step by
//   step, on Mbed TLS's hash functions (pkcs12_kdf_from_hash); only the concatenation and
//   the big-number addition of step 6 are plain byte arithmetic.
// - mbedtls_cipher_setkey wants the key length in bits, and for DES-EDE3 exactly 192
//   (3 × 64, parity bits included); it does not check DES parity or weak keys, like
//   OpenSSL's EVP.
// - mbedtls_cipher_crypt writes the decrypted blocks before mbedtls_cipher_finish checks the
//   padding, so the output buffer holds partial plaintext on failure: it is a SecureBuffer
//   that is dropped (and wiped) on every error path.
// - Empty inputs (no salt, empty plaintext) may be null spans; Mbed TLS would memcpy from
//   the pointer with length 0, so a pointer to a static byte is passed instead.
#include "primitives.hpp"

#include "errors.hpp"
#include "handles.hpp"
#include "mbedtls_provider.hpp"

#include <mbedtls/cipher.h>
#include <mbedtls/md.h>
#include <mbedtls/pkcs12.h>
#include <mbedtls/pkcs5.h>

#include <algorithm>
#include <optional>
#include <string>

namespace polycert::mbedtls_backend {

namespace {

struct HashEntry {
  Hash hash;
  std::string_view name;  // as in the capability subjects ("sha256")
  mbedtls_md_type_t type;
};

constexpr HashEntry kHashes[] = {
    {Hash::sha1, "sha1", MBEDTLS_MD_SHA1},       {Hash::sha224, "sha224", MBEDTLS_MD_SHA224},
    {Hash::sha256, "sha256", MBEDTLS_MD_SHA256}, {Hash::sha384, "sha384", MBEDTLS_MD_SHA384},
    {Hash::sha512, "sha512", MBEDTLS_MD_SHA512}, {Hash::md5, "md5", MBEDTLS_MD_MD5},
};

struct CipherEntry {
  Cipher cipher;
  mbedtls_cipher_type_t type;  // MBEDTLS_CIPHER_NONE: the library has no such cipher
};

constexpr CipherEntry kCiphers[] = {
    {Cipher::aes128_cbc, MBEDTLS_CIPHER_AES_128_CBC},
    {Cipher::aes192_cbc, MBEDTLS_CIPHER_AES_192_CBC},
    {Cipher::aes256_cbc, MBEDTLS_CIPHER_AES_256_CBC},
    {Cipher::des_ede3_cbc, MBEDTLS_CIPHER_DES_EDE3_CBC},
    {Cipher::rc2_40_cbc, MBEDTLS_CIPHER_NONE},
};

const mbedtls_md_info_t* md_info(Hash hash) {
  for (const HashEntry& entry : kHashes)
    if (entry.hash == hash) return mbedtls_md_info_from_type(entry.type);
  return nullptr;
}

mbedtls_cipher_type_t cipher_type(Cipher cipher) {
  for (const CipherEntry& entry : kCiphers)
    if (entry.cipher == cipher) return entry.type;
  return MBEDTLS_CIPHER_NONE;
}

/// Why `cipher` cannot run here, or "".
std::string missing_cipher(Cipher cipher) {
  const mbedtls_cipher_type_t type = cipher_type(cipher);
  if (type == MBEDTLS_CIPHER_NONE) return std::string(kNoRc2);
  if (mbedtls_cipher_info_from_type(type) == nullptr)
    return "this Mbed TLS build has no " + std::string(to_string(cipher));
  return {};
}

/// Why `hash` cannot run here, or "".
std::string missing_hash(Hash hash) {
  if (md_info(hash) == nullptr) return "this Mbed TLS build has no " + std::string(to_string(hash));
  return {};
}

/// A pointer Mbed TLS may read 0 bytes from: never null.
const unsigned char* bytes_of(ByteView view) {
  static const unsigned char kNothing = 0;
  return view.empty() ? &kNothing : view.data();
}

/// The hash's input block size in bytes: v of RFC 7292 B.2.
std::size_t hash_block_size(Hash hash) {
  return hash == Hash::sha384 || hash == Hash::sha512 ? 128 : 64;
}

/// `in` repeated to fill a whole number of v-byte blocks (B.2 steps 2 and 3), appended to `out`.
void append_repeated(SecureBuffer& out, ByteView in, std::size_t v) {
  if (in.empty()) return;
  const std::size_t total = v * ((in.size() + v - 1) / v);
  for (std::size_t i = 0; i < total; ++i) out.push_back(in[i % in.size()]);
}

// mbedtls_pkcs12_derivation's own limits: one 64-byte block for each of P and S.
constexpr std::size_t kLibraryPkcs12MaxInput = 64;

}  // namespace

std::string missing_primitive_capability(Operation operation, std::string_view subject) {
  auto hash_named = [](std::string_view name) -> std::optional<Hash> {
    for (const HashEntry& entry : kHashes)
      if (entry.name == name) return entry.hash;
    return std::nullopt;
  };
  auto hash_after = [&](std::string_view prefix) -> std::string {
    if (!subject.starts_with(prefix)) return "not a primitive the Mbed TLS backend knows";
    const std::optional<Hash> hash = hash_named(subject.substr(prefix.size()));
    if (!hash) return "not a primitive the Mbed TLS backend knows";
    return missing_hash(*hash);
  };
  switch (operation) {
    case Operation::derive_key:
      if (subject.starts_with("pbkdf2-hmac-")) return hash_after("pbkdf2-hmac-");
      return hash_after("pkcs12-kdf-");
    case Operation::mac:
      return hash_after("hmac-");
    case Operation::cipher:
      for (const CipherEntry& entry : kCiphers)
        if (to_string(entry.cipher) == subject) return missing_cipher(entry.cipher);
      return "not a primitive the Mbed TLS backend knows";
    case Operation::digest:
      return hash_after("");
    default:
      return "not a primitive operation";
  }
}

Result<SecureBuffer> pkcs12_kdf_from_hash(Hash hash, const mbedtls_md_info_t* info,
                                          ByteView bmp_password, ByteView salt,
                                          std::uint32_t iterations, Pkcs12KeyPurpose purpose,
                                          std::size_t length) {
  constexpr std::string_view kContext = "PKCS#12 key derivation";
  const std::size_t u = mbedtls_md_get_size(info);
  const std::size_t v = hash_block_size(hash);

  // Steps 1-4: D = v copies of the ID byte; I = S || P.
  const SecureBuffer diversifier(v, static_cast<std::uint8_t>(purpose));
  SecureBuffer input;
  append_repeated(input, salt, v);
  append_repeated(input, bmp_password, v);

  MdContext md;
  if (const int ret = mbedtls_md_setup(md.get(), info, 0); ret != 0)
    return std::unexpected(library_error(ErrorCode::internal, kContext, ret));

  SecureBuffer a(u);
  SecureBuffer b(v);
  SecureBuffer out;
  out.reserve(length);
  while (true) {
    // Step 6a: A = H^r(D || I).
    int ret = mbedtls_md_starts(md.get());
    if (ret == 0) ret = mbedtls_md_update(md.get(), diversifier.data(), diversifier.size());
    if (ret == 0 && !input.empty()) ret = mbedtls_md_update(md.get(), input.data(), input.size());
    if (ret == 0) ret = mbedtls_md_finish(md.get(), a.data());
    for (std::uint32_t r = 1; ret == 0 && r < iterations; ++r) {
      ret = mbedtls_md_starts(md.get());
      if (ret == 0) ret = mbedtls_md_update(md.get(), a.data(), a.size());
      if (ret == 0) ret = mbedtls_md_finish(md.get(), a.data());
    }
    if (ret != 0) return std::unexpected(library_error(ErrorCode::internal, kContext, ret));

    // Step 7: the key is the first `length` bytes of A_1 || A_2 || ...
    const std::size_t take = std::min(u, length - out.size());
    out.insert(out.end(), a.begin(), a.begin() + static_cast<std::ptrdiff_t>(take));
    if (out.size() == length) return out;

    // Steps 6b-6c: B = A repeated to v bytes; each v-byte block I_j = (I_j + B + 1) mod 2^8v.
    for (std::size_t k = 0; k < v; ++k) b[k] = a[k % u];
    for (std::size_t block = 0; block < input.size(); block += v) {
      unsigned carry = 1;
      for (std::size_t k = v; k-- > 0;) {
        const unsigned sum = input[block + k] + b[k] + carry;
        input[block + k] = static_cast<std::uint8_t>(sum & 0xFFu);
        carry = sum >> 8;
      }
    }
  }
}

Result<SecureBuffer> MbedtlsProvider::do_pbkdf2(Hash prf, ByteView password, ByteView salt,
                                                std::uint32_t iterations, std::size_t length) {
  const std::string what = "pbkdf2-hmac-" + std::string(to_string(prf));
  const mbedtls_md_info_t* info = md_info(prf);
  if (info == nullptr)
    return std::unexpected(missing("derive keys with " + what, missing_hash(prf)));

  MdContext md;
  if (const int ret = mbedtls_md_setup(md.get(), info, 1); ret != 0)
    return std::unexpected(library_error(ErrorCode::internal, what, ret));
  SecureBuffer out(length);
  // length <= kMaxDerivedKeySize and iterations <= kMaxKdfIterations (core): both fit.
  const int ret = mbedtls_pkcs5_pbkdf2_hmac(md.get(), bytes_of(password), password.size(),
                                            bytes_of(salt), salt.size(), iterations,
                                            static_cast<std::uint32_t>(length), out.data());
  if (ret != 0) return std::unexpected(library_error(ErrorCode::internal, what, ret));
  return out;
}

Result<SecureBuffer> MbedtlsProvider::do_pkcs12_kdf(Hash hash, ByteView bmp_password, ByteView salt,
                                                    std::uint32_t iterations,
                                                    Pkcs12KeyPurpose purpose, std::size_t length) {
  const std::string what = "pkcs12-kdf-" + std::string(to_string(hash));
  const mbedtls_md_info_t* info = md_info(hash);
  if (info == nullptr)
    return std::unexpected(missing("derive keys with " + what, missing_hash(hash)));

  if (bmp_password.size() > kLibraryPkcs12MaxInput || salt.size() > kLibraryPkcs12MaxInput)
    return pkcs12_kdf_from_hash(hash, info, bmp_password, salt, iterations, purpose, length);

  SecureBuffer out(length);
  // The password goes through unchanged: empty means no password (no P block at all).
  const int ret = mbedtls_pkcs12_derivation(
      out.data(), out.size(), bmp_password.empty() ? nullptr : bmp_password.data(),
      bmp_password.size(), salt.empty() ? nullptr : salt.data(), salt.size(),
      mbedtls_md_get_type(info), static_cast<int>(purpose), static_cast<int>(iterations));
  if (ret != 0) return std::unexpected(library_error(ErrorCode::internal, what, ret));
  return out;
}

Result<SecureBuffer> MbedtlsProvider::do_hmac(Hash hash, ByteView key, ByteView data) {
  const std::string what = "hmac-" + std::string(to_string(hash));
  const mbedtls_md_info_t* info = md_info(hash);
  if (info == nullptr) return std::unexpected(missing("compute " + what, missing_hash(hash)));

  SecureBuffer out(mbedtls_md_get_size(info));
  // mbedtls_md_hmac sets up, uses and frees (wipes) its own context.
  const int ret =
      mbedtls_md_hmac(info, bytes_of(key), key.size(), bytes_of(data), data.size(), out.data());
  if (ret != 0) return std::unexpected(library_error(ErrorCode::internal, what, ret));
  return out;
}

Result<SecureBuffer> MbedtlsProvider::do_digest(Hash hash, ByteView data) {
  const std::string what(to_string(hash));
  const mbedtls_md_info_t* info = md_info(hash);
  if (info == nullptr) return std::unexpected(missing("compute " + what, missing_hash(hash)));
  SecureBuffer out(mbedtls_md_get_size(info));
  const int ret = mbedtls_md(info, bytes_of(data), data.size(), out.data());
  if (ret != 0) return std::unexpected(library_error(ErrorCode::internal, what, ret));
  return out;
}

namespace {

/// One CBC pass with PKCS#7 padding into `out` (at least input + one block long); returns
/// the Mbed TLS code and sets `written`. The context is wiped when it goes out of scope.
int cbc_crypt(const mbedtls_cipher_info_t* info, mbedtls_operation_t operation, ByteView key,
              ByteView iv, ByteView input, std::uint8_t* out, std::size_t& written) {
  CipherContext ctx;
  int ret = mbedtls_cipher_setup(ctx.get(), info);
  if (ret == 0)
    ret = mbedtls_cipher_setkey(ctx.get(), key.data(), static_cast<int>(key.size() * 8), operation);
  if (ret == 0) ret = mbedtls_cipher_set_padding_mode(ctx.get(), MBEDTLS_PADDING_PKCS7);
  if (ret == 0)
    ret = mbedtls_cipher_crypt(ctx.get(), iv.data(), iv.size(), bytes_of(input), input.size(), out,
                               &written);
  return ret;
}

}  // namespace

Result<Bytes> MbedtlsProvider::do_cbc_encrypt(Cipher cipher, ByteView key, ByteView iv,
                                              ByteView plaintext) {
  const std::string name(to_string(cipher));
  if (std::string why = missing_cipher(cipher); !why.empty())
    return std::unexpected(missing("encrypt with " + name, why));
  const mbedtls_cipher_info_t* info = mbedtls_cipher_info_from_type(cipher_type(cipher));

  Bytes out(plaintext.size() + block_size(cipher));
  std::size_t written = 0;
  if (const int ret = cbc_crypt(info, MBEDTLS_ENCRYPT, key, iv, plaintext, out.data(), written);
      ret != 0)
    return std::unexpected(library_error(ErrorCode::internal, name + ": encryption failed", ret));
  out.resize(written);
  return out;
}

Result<SecureBuffer> MbedtlsProvider::do_cbc_decrypt(Cipher cipher, ByteView key, ByteView iv,
                                                     ByteView ciphertext) {
  const std::string name(to_string(cipher));
  if (std::string why = missing_cipher(cipher); !why.empty())
    return std::unexpected(missing("decrypt with " + name, why));
  const mbedtls_cipher_info_t* info = mbedtls_cipher_info_from_type(cipher_type(cipher));

  SecureBuffer out(ciphertext.size() + block_size(cipher));
  std::size_t written = 0;
  const int ret = cbc_crypt(info, MBEDTLS_DECRYPT, key, iv, ciphertext, out.data(), written);
  if (ret == MBEDTLS_ERR_CIPHER_INVALID_PADDING)
    return fail(ErrorCode::bad_password,
                name + ": decryption failed (bad padding): wrong password?");
  if (ret != 0)
    return std::unexpected(library_error(ErrorCode::internal, name + ": decryption failed", ret));
  out.resize(written);
  return out;
}

}  // namespace polycert::mbedtls_backend
