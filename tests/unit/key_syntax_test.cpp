// The key structure readers give every field of what the openssl CLI wrote (as views into
// the bytes read, which must outlive them), the writers write those fields back to the
// same bytes, and a reader refuses a structure of the wrong shape, saying where.
#include "fixtures.hpp"

#include <polycert/key_syntax.hpp>
#include <polycert/oid.hpp>

#include <gtest/gtest.h>

namespace polycert {
namespace {

using testing::fixture;
using namespace key_syntax;

Bytes bytes_of(ByteView view) { return Bytes(view.begin(), view.end()); }

TEST(KeySyntax, Pkcs8FieldsAreReadAndWrittenBackToTheSameBytes) {
  for (const char* stem : {"rsa-2048", "ec-P-256", "ed25519"}) {
    SCOPED_TRACE(stem);
    const Bytes der = fixture(std::string("keys/") + stem + ".pkcs8.der");
    auto info = read_private_key_info(der);
    ASSERT_TRUE(info) << info.error().message;
    EXPECT_EQ(bytes_of(info->version.content), Bytes{0});
    EXPECT_FALSE(info->attributes);
    EXPECT_FALSE(info->public_key);
    EXPECT_EQ(bytes_of(write_private_key_info(info->algorithm.whole, info->private_key.content)),
              der);
  }
}

TEST(KeySyntax, RsaPrivateKeyHoldsTheSameModulusAsItsPublicKey) {
  const Bytes pkcs8 = fixture("keys/rsa-2048.pkcs8.der");
  auto info = read_private_key_info(pkcs8);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->algorithm.oid, oid::kRsaEncryption);
  auto key = read_rsa_private_key(info->private_key.content);
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_FALSE(key->other_prime_infos);

  const Bytes spki_der = fixture("keys/rsa-2048.spki.der");
  auto spki = read_subject_public_key_info(spki_der);
  ASSERT_TRUE(spki) << spki.error().message;
  ASSERT_GE(spki->public_key.content.size(), 2u);
  auto public_key = read_rsa_public_key(spki->public_key.content.subspan(1));
  ASSERT_TRUE(public_key) << public_key.error().message;
  EXPECT_EQ(bytes_of(public_key->modulus.content), bytes_of(key->modulus.content));
  EXPECT_EQ(bytes_of(public_key->public_exponent.content), Bytes({0x01, 0x00, 0x01}));
}

TEST(KeySyntax, MultiPrimeRsaKeyCarriesItsOtherPrimes) {
  const Bytes der = fixture("keys/rsa-2048-3-primes.traditional.der");
  auto key = read_rsa_private_key(der);
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_EQ(bytes_of(key->version.content), Bytes{1});
  EXPECT_TRUE(key->other_prime_infos);
}

TEST(KeySyntax, Sec1KeyIsReadAndWrittenBackToTheSameBytes) {
  const Bytes der = fixture("keys/ec-P-256.traditional.der");
  auto key = read_ec_private_key(der);
  ASSERT_TRUE(key) << key.error().message;
  ASSERT_TRUE(key->parameters);
  ASSERT_TRUE(key->public_key);
  EXPECT_EQ(key->private_key.content.size(), 32u);
  EXPECT_EQ(bytes_of(write_ec_private_key(key->private_key.content, key->parameters->whole,
                                          key->public_key->content)),
            der);
}

TEST(KeySyntax, SpkiIsReadAndWrittenBackToTheSameBytes) {
  for (const char* stem : {"rsa-2048", "ec-P-384", "ed25519"}) {
    SCOPED_TRACE(stem);
    const Bytes der = fixture(std::string("keys/") + stem + ".spki.der");
    auto spki = read_subject_public_key_info(der);
    ASSERT_TRUE(spki) << spki.error().message;
    const ByteView parameters =
        spki->algorithm.parameters ? spki->algorithm.parameters->whole : ByteView();
    EXPECT_EQ(write_subject_public_key_info(spki->algorithm.oid, parameters,
                                            spki->public_key.content),
              der);
  }
}

TEST(KeySyntax, AWrongShapeIsRefusedNamingTheField) {
  Bytes trailing = fixture("keys/ec-P-256.spki.der");
  trailing.push_back(0x00);
  auto spki = read_subject_public_key_info(trailing);
  ASSERT_FALSE(spki);
  EXPECT_EQ(spki.error().message, "data after the SubjectPublicKeyInfo");

  // SEQUENCE { INTEGER 0 }: an RSAPrivateKey that stops after its version.
  auto rsa = read_rsa_private_key(Bytes{0x30, 0x03, 0x02, 0x01, 0x00});
  ASSERT_FALSE(rsa);
  EXPECT_EQ(rsa.error().message, "missing RSAPrivateKey modulus");

  // SEQUENCE { INTEGER 1, OCTET STRING 01, NULL }: nothing of ECPrivateKey's shape.
  auto ec = read_ec_private_key(Bytes{0x30, 0x08, 0x02, 0x01, 0x01, 0x04, 0x01, 0x01, 0x05, 0x00});
  ASSERT_FALSE(ec);
  EXPECT_EQ(ec.error().message, "unexpected element at the end of ECPrivateKey");
}

}  // namespace
}  // namespace polycert
