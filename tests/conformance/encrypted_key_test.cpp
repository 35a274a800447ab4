// Encrypted private keys on every backend: every openssl-made encrypted key decrypts to
// exactly the committed plain key (or is unsupported where the backend lacks the cipher,
// as its matrix says), a wrong password is bad_password everywhere, and what any backend
// encrypts decrypts in every backend and in `openssl pkey`. The primitives' known answers
// are the conformance table's primitives/known-answer cases (case_table_test.cpp).
#include "backend_cases.hpp"
#include "fixtures.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

#include <polycert/encrypted_key.hpp>
#include <polycert/formats.hpp>
#include <polycert/pem.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace polycert::testing {
namespace {

ByteView text(std::string_view s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }

const std::vector<std::string> kFixtureSchemes = {"pbes2-aes256-sha256", "pbes2-aes128-sha1",
                                                  "pbes2-des3-sha256", "pkcs12-3des",
                                                  "pkcs12-rc2-40"};
const std::vector<std::string> kFixtureKeys = {"rsa-2048", "ec-P-256", "ec-P-384", "ed25519"};

// ---- openssl's encrypted keys, read by every backend ---------------------------------

using FixtureCase = std::tuple<std::string, std::string, std::string>;  // backend, key, scheme

class EncryptedFixture : public ::testing::TestWithParam<FixtureCase> {
 protected:
  void SetUp() override {
    provider = make_backend(std::get<0>(GetParam()));
    ASSERT_TRUE(provider);
    der = fixture("encrypted/" + std::get<1>(GetParam()) + "." + std::get<2>(GetParam()) + ".der");
    auto encryption = inspect_encrypted_private_key(der);
    ASSERT_TRUE(encryption) << describe(encryption);
    const Capabilities& caps = provider->capabilities();
    can_decrypt = caps.supports(Operation::cipher, to_string(encryption->cipher)) &&
                  caps.supports(Operation::derive_key,
                                encryption->scheme == KeyEncryption::Scheme::pbes2
                                    ? "pbkdf2-hmac-" + std::string(to_string(encryption->hash))
                                    : "pkcs12-kdf-" + std::string(to_string(encryption->hash)));
  }
  std::unique_ptr<Provider> provider;
  Bytes der;
  bool can_decrypt = false;
};

TEST_P(EncryptedFixture, DecryptsToTheCommittedPlainKey) {
  auto plain = decrypt_private_key(*provider, der, text("fixture-password"));
  if (!can_decrypt) {
    ASSERT_FALSE(plain) << "the matrix denies this cipher or KDF, yet it worked";
    EXPECT_EQ(plain.error().code, ErrorCode::unsupported) << plain.error().message;
    EXPECT_NE(plain.error().message.find(provider->name()), std::string::npos) << plain.error().message;
    return;
  }
  ASSERT_TRUE(plain) << describe(plain);
  EXPECT_EQ(Bytes(plain->begin(), plain->end()), fixture("keys/" + std::get<1>(GetParam()) + ".pkcs8.der"));
}

TEST_P(EncryptedFixture, AWrongPasswordIsBadPassword) {
  if (!can_decrypt) GTEST_SKIP() << "the backend lacks this cipher or KDF";
  for (std::string_view wrong : {"fixture-passwore", "", "FIXTURE-PASSWORD"}) {
    auto plain = decrypt_private_key(*provider, der, text(wrong));
    ASSERT_FALSE(plain) << "'" << wrong << "' decrypted";
    EXPECT_EQ(plain.error().code, ErrorCode::bad_password) << plain.error().message;
  }
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, EncryptedFixture,
                         ::testing::Combine(::testing::ValuesIn(backend_names()),
                                            ::testing::ValuesIn(kFixtureKeys),
                                            ::testing::ValuesIn(kFixtureSchemes)),
                         [](const ::testing::TestParamInfo<FixtureCase>& test) {
                           std::string name = std::get<0>(test.param) + "_" + std::get<1>(test.param) +
                                              "_" + std::get<2>(test.param);
                           std::ranges::replace(name, '-', '_');
                           return name;
                         });

class EncryptedKeyBackend : public ::testing::TestWithParam<std::string> {};

TEST_P(EncryptedKeyBackend, ReadsAUnicodePasswordAsOpensslWroteIt) {
  auto provider = make_backend(GetParam());
  for (const std::string scheme : {"unicode-pbes2-aes256-sha256", "unicode-pkcs12-3des"}) {
    auto plain = decrypt_private_key(*provider, fixture("encrypted/ec-P-256." + scheme + ".der"),
                                     text("pässwörd€"));
    ASSERT_TRUE(plain) << scheme << ": " << describe(plain);
    EXPECT_EQ(Bytes(plain->begin(), plain->end()), fixture("keys/ec-P-256.pkcs8.der")) << scheme;
  }
}

TEST_P(EncryptedKeyBackend, EncryptsSoThatOpensslAndEveryBackendDecrypt) {
  auto producer = make_backend(GetParam());
  const Bytes plain = fixture("keys/rsa-2048.pkcs8.der");
  for (Cipher cipher : {Cipher::aes256_cbc, Cipher::aes128_cbc, Cipher::des_ede3_cbc}) {
    KeyEncryptionOptions options;
    options.cipher = cipher;
    options.iterations = 2000;  // the default's cost belongs in benchmarks, not here
    auto encrypted = encrypt_private_key(*producer, plain, text("s3cret pässword"), options);
    ASSERT_TRUE(encrypted) << describe(encrypted);
    auto shape = inspect_encrypted_private_key(*encrypted);
    ASSERT_TRUE(shape) << describe(shape);
    EXPECT_EQ(shape->cipher, cipher);
    EXPECT_EQ(shape->hash, Hash::sha256);

    for (const auto& name : backend_names()) {
      auto consumer = make_backend(name);
      auto decrypted = decrypt_private_key(*consumer, *encrypted, text("s3cret pässword"));
      ASSERT_TRUE(decrypted) << GetParam() << " -> " << name << ": " << describe(decrypted);
      EXPECT_EQ(Bytes(decrypted->begin(), decrypted->end()), plain) << GetParam() << " -> " << name;
    }

    TempDir dir;
    const std::string file = dir.write("key.p8", *encrypted);
    const auto oracle = run_process({"openssl", "pkey", "-inform", "DER", "-in", file, "-passin",
                                     "pass:s3cret pässword", "-outform", "DER", "-out", dir.file("plain.der")});
    ASSERT_EQ(oracle.exit_code, 0) << to_string(cipher) << ": " << oracle.err;
    // openssl pkey writes RSA keys back as PKCS#8 only in PEM; compare through the key's text.
    const auto expected = run_process({"openssl", "pkey", "-inform", "DER", "-in",
                                       fixture_path("keys/rsa-2048.pkcs8.der"), "-noout", "-text"});
    const auto actual = run_process({"openssl", "pkey", "-inform", "DER", "-in", file, "-passin",
                                     "pass:s3cret pässword", "-noout", "-text"});
    EXPECT_EQ(actual.out, expected.out) << to_string(cipher);
  }
}

TEST_P(EncryptedKeyBackend, ReadsOpensslsLegacyPemEncryption) {
  auto provider = make_backend(GetParam());
  for (const auto& [file, plain] :
       {std::pair{"rsa-2048.legacy-pem-aes256.pem", "keys/rsa-2048.traditional.der"},
        std::pair{"ec-P-256.legacy-pem-des3.pem", "keys/ec-P-256.traditional.der"},
        std::pair{"ec-P-384.legacy-pem-aes128.pem", "keys/ec-P-384.traditional.der"}}) {
    auto objects = find_objects(fixture(std::string("encrypted/") + file));
    ASSERT_TRUE(objects && objects->size() == 1) << file;
    const FoundObject& key = objects->front();
    ASSERT_EQ(key.kind, ObjectKind::legacy_encrypted_key) << file;
    auto decrypted = decrypt_legacy_pem_key(*provider, key.dek_info, key.der, text("fixture-password"));
    ASSERT_TRUE(decrypted) << file << ": " << describe(decrypted);
    EXPECT_EQ(Bytes(decrypted->begin(), decrypted->end()), fixture(plain)) << file;
    auto wrong = decrypt_legacy_pem_key(*provider, key.dek_info, key.der, text("fixture-passwore"));
    ASSERT_FALSE(wrong) << file;
    EXPECT_EQ(wrong.error().code, ErrorCode::bad_password) << wrong.error().message;
  }
  auto des = find_objects(fixture("encrypted/ec-P-384.legacy-pem-des.pem"));
  ASSERT_TRUE(des);
  auto refused = decrypt_legacy_pem_key(*provider, des->front().dek_info, des->front().der, text("fixture-password"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unsupported);
  EXPECT_NE(refused.error().message.find("DES-CBC"), std::string::npos) << refused.error().message;
}

TEST_P(EncryptedKeyBackend, TwoEncryptionsOfOneKeyDifferInSaltAndIv) {
  auto provider = make_backend(GetParam());
  KeyEncryptionOptions options;
  options.iterations = 1000;
  const Bytes plain = fixture("keys/ec-P-256.pkcs8.der");
  auto first = encrypt_private_key(*provider, plain, text("pw"), options);
  auto second = encrypt_private_key(*provider, plain, text("pw"), options);
  ASSERT_TRUE(first && second);
  EXPECT_NE(inspect_encrypted_private_key(*first)->salt, inspect_encrypted_private_key(*second)->salt);
  EXPECT_NE(inspect_encrypted_private_key(*first)->iv, inspect_encrypted_private_key(*second)->iv);
}

TEST_P(EncryptedKeyBackend, RefusesAHostileIterationCountBeforeDeriving) {
  auto provider = make_backend(GetParam());
  auto derived = provider->pbkdf2(Hash::sha256, text("pw"), text("salt"), kMaxKdfIterations + 1, 32);
  ASSERT_FALSE(derived);
  EXPECT_EQ(derived.error().code, ErrorCode::invalid_input);
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, EncryptedKeyBackend, ::testing::ValuesIn(backend_names()),
                         [](const auto& test) { return test.param; });

}  // namespace
}  // namespace polycert::testing
