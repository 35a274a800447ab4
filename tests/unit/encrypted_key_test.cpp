// The encrypted PKCS#8 codec without a backend: what it reads from openssl's files before
// any password is tried, which schemes it names as unsupported, and PKCS#12 passwords.
#include "fixtures.hpp"

#include <polycert/encrypted_key.hpp>

#include <gtest/gtest.h>

namespace polycert {
namespace {

KeyEncryption inspect(const std::string& file) {
  auto encryption = inspect_encrypted_private_key(testing::fixture("encrypted/" + file));
  if (!encryption) throw std::runtime_error(file + ": " + encryption.error().message);
  return *encryption;
}

TEST(EncryptedKey, ReadsPbes2ParametersAsOpensslWroteThem) {
  const KeyEncryption aes256 = inspect("ec-P-256.pbes2-aes256-sha256.der");
  EXPECT_EQ(aes256.scheme, KeyEncryption::Scheme::pbes2);
  EXPECT_EQ(aes256.hash, Hash::sha256);
  EXPECT_EQ(aes256.cipher, Cipher::aes256_cbc);
  EXPECT_EQ(aes256.iterations, 2048u);
  EXPECT_EQ(aes256.iv.size(), 16u);
  EXPECT_EQ(describe(aes256), "PBES2 (PBKDF2-HMAC-SHA256, 2048 iterations, AES-256-CBC)");

  const KeyEncryption aes128 = inspect("rsa-2048.pbes2-aes128-sha1.der");
  EXPECT_EQ(aes128.hash, Hash::sha1);  // the DEFAULT PRF, omitted from the file
  EXPECT_EQ(aes128.cipher, Cipher::aes128_cbc);
  EXPECT_EQ(aes128.iterations, 1000u);

  const KeyEncryption des3 = inspect("ed25519.pbes2-des3-sha256.der");
  EXPECT_EQ(des3.cipher, Cipher::des_ede3_cbc);
  EXPECT_EQ(des3.iv.size(), 8u);
}

TEST(EncryptedKey, ReadsThePkcs12Schemes) {
  const KeyEncryption des3 = inspect("rsa-2048.pkcs12-3des.der");
  EXPECT_EQ(des3.scheme, KeyEncryption::Scheme::pkcs12_pbe);
  EXPECT_EQ(des3.cipher, Cipher::des_ede3_cbc);
  EXPECT_EQ(des3.hash, Hash::sha1);
  EXPECT_EQ(des3.iterations, 2048u);
  EXPECT_EQ(inspect("ec-P-384.pkcs12-rc2-40.der").cipher, Cipher::rc2_40_cbc);
  EXPECT_EQ(describe(des3), "PKCS#12 PBE (SHA-1, 2048 iterations, DES-EDE3-CBC)");
}

TEST(EncryptedKey, NamesTheSchemesItDoesNotRead) {
  for (const auto& [file, name] : {std::pair{"ec-P-256.pbes1-md5-des.der", "pbeWithMD5AndDES-CBC"},
                                   std::pair{"ec-P-256.scrypt-aes256.der", "scrypt"}}) {
    auto encryption = inspect_encrypted_private_key(testing::fixture(std::string("encrypted/") + file));
    ASSERT_FALSE(encryption) << file;
    EXPECT_EQ(encryption.error().code, ErrorCode::unsupported) << file;
    EXPECT_NE(encryption.error().message.find(name), std::string::npos) << encryption.error().message;
  }
}

TEST(EncryptedKey, TellsItsShapeFromOtherKeys) {
  EXPECT_TRUE(looks_like_encrypted_private_key(testing::fixture("encrypted/rsa-2048.pkcs12-3des.der")));
  EXPECT_FALSE(looks_like_encrypted_private_key(testing::fixture("keys/rsa-2048.pkcs8.der")));
  EXPECT_FALSE(looks_like_encrypted_private_key(testing::fixture("keys/ec-P-256.traditional.der")));
}

TEST(EncryptedKey, RefusesTruncatedInputAsInvalidInput) {
  const Bytes der = testing::fixture("encrypted/ec-P-256.pbes2-aes256-sha256.der");
  ASSERT_TRUE(inspect_encrypted_private_key(der));
  auto result = inspect_encrypted_private_key(ByteView(der).first(der.size() - 1));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::invalid_input);
}

TEST(Pkcs12Password, IsBigEndianUtf16WithATerminator) {
  const std::string ascii = "ab";
  EXPECT_EQ(*bmp_password(ByteView(reinterpret_cast<const std::uint8_t*>(ascii.data()), ascii.size())),
            (SecureBuffer{0, 'a', 0, 'b', 0, 0}));
  const std::string unicode = "ä€";
  EXPECT_EQ(*bmp_password(ByteView(reinterpret_cast<const std::uint8_t*>(unicode.data()), unicode.size())),
            (SecureBuffer{0x00, 0xE4, 0x20, 0xAC, 0, 0}));
  EXPECT_EQ(*bmp_password({}), (SecureBuffer{0, 0})) << "an empty password still has its terminator";
  // Beyond the BMP, a surrogate pair, as OpenSSL 3's OPENSSL_utf82uni writes it.
  const std::string emoji = "\xF0\x9F\x94\x91";
  EXPECT_EQ(*bmp_password(ByteView(reinterpret_cast<const std::uint8_t*>(emoji.data()), emoji.size())),
            (SecureBuffer{0xD8, 0x3D, 0xDD, 0x11, 0, 0}));
}

}  // namespace
}  // namespace polycert
