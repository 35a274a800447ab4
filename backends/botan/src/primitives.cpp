// Symmetric primitives for core's password-based container codecs (encrypted PKCS#8,
// PKCS#12) with Botan 2: PBKDF2, the PKCS#12 KDF, HMAC, and CBC ciphers with PKCS#7
// padding. Every step runs in Botan.
//
// Missing capabilities: RC2-40-CBC (Botan 2 has no RC2 at all). Every other row is
// answered by asking the linked Botan for the very object the operation creates, so the
// matrix and the operations cannot disagree, even with a Botan built without a module.
//
// Library quirks worked around here:
// - Botan 2 has no PKCS#12 KDF (RFC 7292 appendix B.2). It is implemented below from
//   Botan's HashFunction alone: every hash step runs in Botan, only the byte layout and
//   the big-endian addition of step 6C are plain byte arithmetic here.
// - Botan's HMAC refuses keys longer than 4096 bytes (Invalid_Key_Length), so PBKDF2
//   refuses such passwords too. RFC 2104 section 2 replaces a key longer than the hash's
//   block by its hash, which is what HMAC would do internally anyway; polycert does that
//   step itself, with Botan's hash, for every over-long key. The output is identical.
// - Bad PKCS#7 padding is a Botan::Decoding_Error from CBC_Decryption::finish(); it is
//   the only Decoding_Error left once core has checked the ciphertext length, and it
//   becomes bad_password. The partial plaintext stays in Botan's secure_vector (wiped).
// Botan keeps key schedules, HMAC pads and hash state in secure_vector, which zeroes
// memory when freed, so the unique_ptr owners below are also the wiping RAII handles.
#include "botan_provider.hpp"
#include "errors.hpp"

#include <botan/cipher_mode.h>
#include <botan/exceptn.h>
#include <botan/hash.h>
#include <botan/mac.h>
#include <botan/pwdhash.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace polycert::botan_backend {

namespace {

constexpr std::string_view kNoRc2 = "Botan 2 has no RC2";

constexpr std::array kHashes = {Hash::sha1, Hash::sha224, Hash::sha256, Hash::sha384, Hash::sha512};
constexpr std::array kCiphers = {Cipher::aes128_cbc, Cipher::aes192_cbc, Cipher::aes256_cbc,
                                 Cipher::des_ede3_cbc, Cipher::rc2_40_cbc};

std::string botan_hash_name(Hash hash) {
  switch (hash) {
    case Hash::sha1:
      return "SHA-1";
    case Hash::sha224:
      return "SHA-224";
    case Hash::sha256:
      return "SHA-256";
    case Hash::sha384:
      return "SHA-384";
    case Hash::sha512:
      return "SHA-512";
    case Hash::md5:
      return "MD5";
  }
  return "?";
}

std::string botan_hmac_name(Hash hash) { return "HMAC(" + botan_hash_name(hash) + ")"; }
std::string botan_pbkdf2_name(Hash hash) { return "PBKDF2(" + botan_hmac_name(hash) + ")"; }

/// Botan's name for the cipher with PKCS#7 padding; nullopt when Botan 2 has no such cipher.
std::optional<std::string> botan_mode_name(Cipher cipher) {
  switch (cipher) {
    case Cipher::aes128_cbc:
      return "AES-128/CBC/PKCS7";
    case Cipher::aes192_cbc:
      return "AES-192/CBC/PKCS7";
    case Cipher::aes256_cbc:
      return "AES-256/CBC/PKCS7";
    case Cipher::des_ede3_cbc:
      return "TripleDES/CBC/PKCS7";
    case Cipher::rc2_40_cbc:
      return std::nullopt;
  }
  return std::nullopt;
}

// polycert's names, as in kPrimitiveRows: "pbkdf2-hmac-sha256", "pkcs12-kdf-sha1",
// "hmac-sha256"; ciphers use to_string(Cipher).
std::string pbkdf2_subject(Hash hash) { return "pbkdf2-hmac-" + std::string(to_string(hash)); }
std::string pkcs12_kdf_subject(Hash hash) { return "pkcs12-kdf-" + std::string(to_string(hash)); }
std::string hmac_subject(Hash hash) { return "hmac-" + std::string(to_string(hash)); }

std::string not_built(std::string_view botan_name) {
  return "this Botan build has no " + std::string(botan_name);
}

// Why each primitive is missing, or "": the same lookups the operations make.
std::string why_no_hash(Hash hash) {
  const std::string name = botan_hash_name(hash);
  return Botan::HashFunction::create(name) ? "" : not_built(name);
}
std::string why_no_hmac(Hash hash) {
  const std::string name = botan_hmac_name(hash);
  return Botan::MessageAuthenticationCode::create(name) ? "" : not_built(name);
}
std::string why_no_pbkdf2(Hash hash) {
  if (std::string why = why_no_hash(hash); !why.empty()) return why;
  const std::string name = botan_pbkdf2_name(hash);
  return Botan::PasswordHashFamily::create(name) ? "" : not_built(name);
}
std::string why_no_cipher(Cipher cipher) {
  const std::optional<std::string> name = botan_mode_name(cipher);
  if (!name) return std::string(kNoRc2);
  return Botan::Cipher_Mode::create(*name, Botan::ENCRYPTION) &&
                 Botan::Cipher_Mode::create(*name, Botan::DECRYPTION)
             ? ""
             : not_built(*name);
}

Result<std::unique_ptr<Botan::HashFunction>> make_hash(const BotanProvider& provider,
                                                       std::string_view what, Hash hash) {
  auto made = Botan::HashFunction::create(botan_hash_name(hash));
  if (!made) return std::unexpected(provider.missing(what, why_no_hash(hash)));
  return made;
}

/// The HMAC key RFC 2104 section 2 uses: `key` itself, or its hash when it is longer than
/// the hash's block. Equivalent for HMAC, and it keeps Botan's 4096-byte key limit out of
/// reach.
SecureBuffer hmac_key(Botan::HashFunction& hash, ByteView key) {
  if (key.size() <= hash.hash_block_size()) return SecureBuffer(key.begin(), key.end());
  SecureBuffer digest(hash.output_length());
  hash.update(key.data(), key.size());
  hash.final(digest.data());
  return digest;
}

/// RFC 7292 appendix B.2 with Botan's hash: `length` bytes for ID byte `id`.
/// `password` is passed through as given (BMPString with terminator, or empty).
SecureBuffer pkcs12_derive(Botan::HashFunction& hash, ByteView password, ByteView salt,
                           std::uint32_t iterations, std::uint8_t id, std::size_t length) {
  const std::size_t u = hash.output_length();
  const std::size_t v = hash.hash_block_size();

  // Steps 1-4: D = v copies of ID; I = S || P, each the input repeated to a multiple of v
  // bytes (nothing for an empty input).
  const SecureBuffer diversifier(v, id);
  const auto repeated = [v](ByteView input, SecureBuffer& out) {
    const std::size_t size = (input.size() + v - 1) / v * v;
    for (std::size_t k = 0; k < size; ++k) out.push_back(input[k % input.size()]);
  };
  SecureBuffer input;
  input.reserve((salt.size() + v - 1) / v * v + (password.size() + v - 1) / v * v);
  repeated(salt, input);
  repeated(password, input);

  SecureBuffer out;
  out.reserve(length);
  SecureBuffer block(u);
  for (;;) {
    // Step 6A: A = H^r(D || I).
    hash.update(diversifier.data(), diversifier.size());
    hash.update(input.data(), input.size());
    hash.final(block.data());
    for (std::uint32_t r = 1; r < iterations; ++r) {
      hash.update(block.data(), block.size());
      hash.final(block.data());
    }
    // Step 7: the key is A_1 || A_2 || ..., truncated.
    const std::size_t take = std::min(u, length - out.size());
    out.insert(out.end(), block.begin(), block.begin() + static_cast<std::ptrdiff_t>(take));
    if (out.size() == length) return out;

    // Steps 6B-6C: B = A repeated to v bytes; every v-byte block I_j of I becomes
    // (I_j + B + 1) mod 2^(8v), as big-endian numbers.
    for (std::size_t start = 0; start < input.size(); start += v) {
      unsigned carry = 1;
      for (std::size_t k = v; k-- > 0;) {
        const unsigned sum = unsigned{input[start + k]} + unsigned{block[k % u]} + carry;
        input[start + k] = static_cast<std::uint8_t>(sum);
        carry = sum >> 8;
      }
    }
  }
}

Result<std::unique_ptr<Botan::Cipher_Mode>> make_mode(const BotanProvider& provider,
                                                      std::string_view what, Cipher cipher,
                                                      Botan::Cipher_Dir direction) {
  const std::optional<std::string> name = botan_mode_name(cipher);
  if (!name) return std::unexpected(provider.missing(what, kNoRc2));
  auto mode = Botan::Cipher_Mode::create(*name, direction);
  if (!mode) return std::unexpected(provider.missing(what, not_built(*name)));
  return mode;
}

}  // namespace

std::string missing_primitive_capability(Operation operation, std::string_view subject) {
  try {
    switch (operation) {
      case Operation::derive_key:
        for (Hash hash : kHashes) {
          if (subject == pbkdf2_subject(hash)) return why_no_pbkdf2(hash);
          if (subject == pkcs12_kdf_subject(hash)) return why_no_hash(hash);
        }
        break;
      case Operation::cipher:
        for (Cipher cipher : kCiphers)
          if (subject == to_string(cipher)) return why_no_cipher(cipher);
        break;
      case Operation::mac:
        for (Hash hash : kHashes)
          if (subject == hmac_subject(hash)) return why_no_hmac(hash);
        break;
      case Operation::digest:
        for (Hash hash : {Hash::md5, Hash::sha1, Hash::sha224, Hash::sha256, Hash::sha384, Hash::sha512})
          if (subject == to_string(hash)) return why_no_hash(hash);
        break;
      default:
        break;
    }
  } catch (const std::exception& e) {
    return std::string("Botan failed to create it: ") + e.what();
  }
  return "not a primitive the Botan backend knows";
}

Result<SecureBuffer> BotanProvider::do_pbkdf2(Hash prf, ByteView password, ByteView salt,
                                              std::uint32_t iterations, std::size_t length) {
  const std::string what = "derive keys with " + pbkdf2_subject(prf);
  return guarded(what, Blame::library, [&]() -> Result<SecureBuffer> {
    auto hash = make_hash(*this, what, prf);
    if (!hash) return std::unexpected(hash.error());
    auto family = Botan::PasswordHashFamily::create(botan_pbkdf2_name(prf));
    if (!family) return std::unexpected(missing(what, not_built(botan_pbkdf2_name(prf))));
    const std::unique_ptr<Botan::PasswordHash> pbkdf2 = family->from_iterations(iterations);

    // PBKDF2's PRF is HMAC keyed with the password.
    const SecureBuffer key = hmac_key(**hash, password);
    SecureBuffer out(length);
    pbkdf2->derive_key(out.data(), out.size(), reinterpret_cast<const char*>(key.data()),
                       key.size(), salt.data(), salt.size());
    return out;
  });
}

Result<SecureBuffer> BotanProvider::do_pkcs12_kdf(Hash hash, ByteView bmp_password, ByteView salt,
                                                  std::uint32_t iterations,
                                                  Pkcs12KeyPurpose purpose, std::size_t length) {
  const std::string what = "derive keys with " + pkcs12_kdf_subject(hash);
  return guarded(what, Blame::library, [&]() -> Result<SecureBuffer> {
    auto function = make_hash(*this, what, hash);
    if (!function) return std::unexpected(function.error());
    if ((*function)->hash_block_size() == 0)
      return fail(ErrorCode::internal,
                  what + ": Botan reports no block size for " + botan_hash_name(hash));
    return pkcs12_derive(**function, bmp_password, salt, iterations,
                         static_cast<std::uint8_t>(purpose), length);
  });
}

Result<SecureBuffer> BotanProvider::do_hmac(Hash hash, ByteView key, ByteView data) {
  const std::string what = "compute " + hmac_subject(hash);
  return guarded(what, Blame::library, [&]() -> Result<SecureBuffer> {
    auto function = make_hash(*this, what, hash);
    if (!function) return std::unexpected(function.error());
    auto mac = Botan::MessageAuthenticationCode::create(botan_hmac_name(hash));
    if (!mac) return std::unexpected(missing(what, not_built(botan_hmac_name(hash))));

    const SecureBuffer mac_key = hmac_key(**function, key);
    mac->set_key(mac_key.data(), mac_key.size());
    mac->update(data.data(), data.size());
    SecureBuffer tag(mac->output_length());
    mac->final(tag.data());
    return tag;
  });
}

Result<SecureBuffer> BotanProvider::do_digest(Hash hash, ByteView data) {
  const std::string what = "compute " + std::string(to_string(hash));
  return guarded(what, Blame::library, [&]() -> Result<SecureBuffer> {
    auto function = make_hash(*this, what, hash);
    if (!function) return std::unexpected(function.error());
    (*function)->update(data.data(), data.size());
    SecureBuffer out((*function)->output_length());
    (*function)->final(out.data());
    return out;
  });
}

Result<Bytes> BotanProvider::do_cbc_encrypt(Cipher cipher, ByteView key, ByteView iv,
                                            ByteView plaintext) {
  const std::string what = "encrypt with " + std::string(to_string(cipher));
  return guarded(what, Blame::library, [&]() -> Result<Bytes> {
    auto mode = make_mode(*this, what, cipher, Botan::ENCRYPTION);
    if (!mode) return std::unexpected(mode.error());
    (*mode)->set_key(key.data(), key.size());
    (*mode)->start(iv.data(), iv.size());
    // The plaintext is secret: Botan encrypts in place, in wiped memory.
    Botan::secure_vector<std::uint8_t> buffer(plaintext.begin(), plaintext.end());
    (*mode)->finish(buffer);
    return Bytes(buffer.begin(), buffer.end());
  });
}

Result<SecureBuffer> BotanProvider::do_cbc_decrypt(Cipher cipher, ByteView key, ByteView iv,
                                                   ByteView ciphertext) {
  const std::string name(to_string(cipher));
  const std::string what = "decrypt with " + name;
  return guarded(what, Blame::library, [&]() -> Result<SecureBuffer> {
    auto mode = make_mode(*this, what, cipher, Botan::DECRYPTION);
    if (!mode) return std::unexpected(mode.error());
    (*mode)->set_key(key.data(), key.size());
    (*mode)->start(iv.data(), iv.size());
    Botan::secure_vector<std::uint8_t> buffer(ciphertext.begin(), ciphertext.end());
    try {
      (*mode)->finish(buffer);
    } catch (const Botan::Decoding_Error&) {
      // Nothing of `buffer` leaves: it is wiped when freed.
      return fail(ErrorCode::bad_password,
                  name + ": decryption failed (bad padding): wrong password?");
    }
    return SecureBuffer(buffer.begin(), buffer.end());
  });
}

}  // namespace polycert::botan_backend
