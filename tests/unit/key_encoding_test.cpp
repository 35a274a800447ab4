// PKCS#8 <-> traditional conversion in core is pure ASN.1, so it must reproduce the
// bytes the openssl CLI writes for the same key exactly.
#include "fixtures.hpp"

#include <polycert/key_encoding.hpp>

#include <gtest/gtest.h>

namespace polycert {
namespace {

using testing::fixture;

Bytes bytes_of(const SecureBuffer& buffer) { return Bytes(buffer.begin(), buffer.end()); }

class TraditionalForms : public ::testing::TestWithParam<std::string> {};

TEST_P(TraditionalForms, Pkcs8UnwrapsToWhatOpensslWritesAsTraditional) {
  auto traditional = pkcs8_to_traditional(fixture("keys/" + GetParam() + ".pkcs8.der"));
  ASSERT_TRUE(traditional) << traditional.error().message;
  EXPECT_EQ(bytes_of(*traditional), fixture("keys/" + GetParam() + ".traditional.der"));
}

TEST_P(TraditionalForms, TraditionalWrapsToWhatOpensslWritesAsPkcs8) {
  const Bytes traditional = fixture("keys/" + GetParam() + ".traditional.der");
  auto form = detect_private_key_form(traditional);
  ASSERT_TRUE(form) << form.error().message;
  auto pkcs8 = traditional_to_pkcs8(traditional, *form);
  ASSERT_TRUE(pkcs8) << pkcs8.error().message;
  EXPECT_EQ(bytes_of(*pkcs8), fixture("keys/" + GetParam() + ".pkcs8.der"));
}

INSTANTIATE_TEST_SUITE_P(OpensslFixtures, TraditionalForms,
                         ::testing::Values("rsa-2048", "rsa-4096", "ec-P-256", "ec-P-384",
                                           "ec-P-521", "ec-secp256k1"),
                         [](const auto& test) {
                           std::string name = test.param;
                           for (char& c : name)
                             if (c == '-') c = '_';
                           return name;
                         });

TEST(PrivateKeyForm, IsDetectedFromStructure) {
  EXPECT_EQ(detect_private_key_form(fixture("keys/rsa-2048.pkcs8.der")), PrivateKeyForm::pkcs8);
  EXPECT_EQ(detect_private_key_form(fixture("keys/ed25519.pkcs8.der")), PrivateKeyForm::pkcs8);
  EXPECT_EQ(detect_private_key_form(fixture("keys/rsa-3072.traditional.der")),
            PrivateKeyForm::rsa_pkcs1);
  EXPECT_EQ(detect_private_key_form(fixture("keys/ec-P-384.traditional.der")),
            PrivateKeyForm::ec_sec1);
  auto spki = detect_private_key_form(fixture("keys/ec-P-256.spki.der"));
  ASSERT_FALSE(spki);
  EXPECT_EQ(spki.error().code, ErrorCode::invalid_input);
}

TEST(PrivateKeyForm, Ed25519HasNoTraditionalForm) {
  auto traditional = pkcs8_to_traditional(fixture("keys/ed25519.pkcs8.der"));
  ASSERT_FALSE(traditional);
  EXPECT_EQ(traditional.error().code, ErrorCode::invalid_input);
}

TEST(PrivateKeyForm, Sec1WithoutCurveCannotBeWrapped) {
  // ECPrivateKey { 1, OCTET STRING } names no curve: there is nothing to put in PKCS#8.
  const Bytes sec1 = {0x30, 0x06, 0x02, 0x01, 0x01, 0x04, 0x01, 0x07};
  auto pkcs8 = traditional_to_pkcs8(sec1, PrivateKeyForm::ec_sec1);
  ASSERT_FALSE(pkcs8);
  EXPECT_NE(pkcs8.error().message.find("curve"), std::string::npos);
}

TEST(PrivateKeyForm, PemLabelsAreTheUsualOnes) {
  EXPECT_EQ(pem_label(PrivateKeyForm::pkcs8), "PRIVATE KEY");
  EXPECT_EQ(pem_label(PrivateKeyForm::rsa_pkcs1), "RSA PRIVATE KEY");
  EXPECT_EQ(pem_label(PrivateKeyForm::ec_sec1), "EC PRIVATE KEY");
}

}  // namespace
}  // namespace polycert
