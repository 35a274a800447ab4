#include <polycert/primitives.hpp>

#include <atomic>
#include <cassert>

namespace polycert {

namespace {

std::atomic<std::uint32_t> kdf_iteration_cap{kDefaultMaxKdfIterations};

}  // namespace

std::uint32_t max_kdf_iterations() { return kdf_iteration_cap.load(std::memory_order_relaxed); }

void set_max_kdf_iterations(std::uint32_t limit) {
  assert(limit >= 1 && limit <= kMaxKdfIterations);
  kdf_iteration_cap.store(limit, std::memory_order_relaxed);
}

std::string_view to_string(Hash hash) {
  switch (hash) {
    case Hash::sha1: return "sha1";
    case Hash::sha224: return "sha224";
    case Hash::sha256: return "sha256";
    case Hash::sha384: return "sha384";
    case Hash::sha512: return "sha512";
    case Hash::md5: return "md5";
  }
  return "?";
}

std::size_t digest_size(Hash hash) {
  switch (hash) {
    case Hash::sha1: return 20;
    case Hash::sha224: return 28;
    case Hash::sha256: return 32;
    case Hash::sha384: return 48;
    case Hash::sha512: return 64;
    case Hash::md5: return 16;
  }
  return 0;
}

std::string_view to_string(Cipher cipher) {
  switch (cipher) {
    case Cipher::aes128_cbc: return "aes-128-cbc";
    case Cipher::aes192_cbc: return "aes-192-cbc";
    case Cipher::aes256_cbc: return "aes-256-cbc";
    case Cipher::des_ede3_cbc: return "des-ede3-cbc";
    case Cipher::rc2_40_cbc: return "rc2-40-cbc";
  }
  return "?";
}

std::size_t key_size(Cipher cipher) {
  switch (cipher) {
    case Cipher::aes128_cbc: return 16;
    case Cipher::aes192_cbc: return 24;
    case Cipher::aes256_cbc: return 32;
    case Cipher::des_ede3_cbc: return 24;
    case Cipher::rc2_40_cbc: return 5;
  }
  return 0;
}

std::size_t block_size(Cipher cipher) {
  switch (cipher) {
    case Cipher::aes128_cbc:
    case Cipher::aes192_cbc:
    case Cipher::aes256_cbc: return 16;
    case Cipher::des_ede3_cbc:
    case Cipher::rc2_40_cbc: return 8;
  }
  return 0;
}

}  // namespace polycert
