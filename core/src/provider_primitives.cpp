// Provider's primitive operations (the PrimitiveOperations role): the bounds core checks,
// and the KDF budget charged, before the backend's library runs the primitive.
#include <polycert/primitives.hpp>
#include <polycert/provider.hpp>

namespace polycert {

Result<SecureBuffer> Provider::random_bytes(std::size_t count) {
  if (count == 0 || count > 1024)
    return fail(ErrorCode::invalid_input, "random bytes: ask for 1 to 1024");
  return primitives_.do_random_bytes(count);
}

namespace {

Result<void> check_kdf(std::uint32_t iterations, std::size_t length) {
  if (iterations == 0)
    return fail(ErrorCode::invalid_input, "key derivation: zero iterations");
  if (auto under_cap = check_kdf_iterations(iterations); !under_cap) return under_cap;
  if (length == 0 || length > kMaxDerivedKeySize)
    return fail(ErrorCode::invalid_input, "key derivation: cannot derive " +
                                              std::to_string(length) + " bytes");
  // Last, so that only a derivation that will run is charged to the input and command.
  return spend_kdf_budget(iterations);
}

Result<void> check_cipher_inputs(Cipher cipher, ByteView key, ByteView iv) {
  if (key.size() != key_size(cipher) || iv.size() != block_size(cipher))
    return fail(ErrorCode::invalid_input, std::string(to_string(cipher)) + ": needs a " +
                                              std::to_string(key_size(cipher)) + "-byte key and a " +
                                              std::to_string(block_size(cipher)) + "-byte IV");
  return {};
}

}  // namespace

Result<SecureBuffer> Provider::pbkdf2(Hash prf, ByteView password, ByteView salt,
                                      std::uint32_t iterations, std::size_t length) {
  if (auto ok = check_kdf(iterations, length); !ok) return std::unexpected(ok.error());
  return primitives_.do_pbkdf2(prf, password, salt, iterations, length);
}

Result<SecureBuffer> Provider::pkcs12_kdf(Hash hash, ByteView bmp_password, ByteView salt,
                                          std::uint32_t iterations, Pkcs12KeyPurpose purpose,
                                          std::size_t length) {
  if (bmp_password.size() % 2 != 0)
    return fail(ErrorCode::invalid_input, "PKCS#12 key derivation: the password is not a BMPString");
  if (auto ok = check_kdf(iterations, length); !ok) return std::unexpected(ok.error());
  return primitives_.do_pkcs12_kdf(hash, bmp_password, salt, iterations, purpose, length);
}

Result<SecureBuffer> Provider::hmac(Hash hash, ByteView key, ByteView data) {
  return primitives_.do_hmac(hash, key, data);
}

Result<SecureBuffer> Provider::digest(Hash hash, ByteView data) { return primitives_.do_digest(hash, data); }

Result<Bytes> Provider::cbc_encrypt(Cipher cipher, ByteView key, ByteView iv, ByteView plaintext) {
  if (auto ok = check_cipher_inputs(cipher, key, iv); !ok) return std::unexpected(ok.error());
  return primitives_.do_cbc_encrypt(cipher, key, iv, plaintext);
}

Result<SecureBuffer> Provider::cbc_decrypt(Cipher cipher, ByteView key, ByteView iv,
                                           ByteView ciphertext) {
  if (auto ok = check_cipher_inputs(cipher, key, iv); !ok) return std::unexpected(ok.error());
  if (ciphertext.empty() || ciphertext.size() % block_size(cipher) != 0)
    return fail(ErrorCode::invalid_input, std::string(to_string(cipher)) +
                                              ": the ciphertext is not a whole number of blocks");
  return primitives_.do_cbc_decrypt(cipher, key, iv, ciphertext);
}

}  // namespace polycert
