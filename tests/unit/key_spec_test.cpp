#include <polycert/key_spec.hpp>

#include <gtest/gtest.h>

namespace polycert {
namespace {

TEST(KeySpec, ParsesCanonicalNames) {
  EXPECT_EQ(parse_key_spec("rsa:2048"), KeySpec::rsa(2048));
  EXPECT_EQ(parse_key_spec("rsa:3072"), KeySpec::rsa(3072));
  EXPECT_EQ(parse_key_spec("rsa:4096"), KeySpec::rsa(4096));
  EXPECT_EQ(parse_key_spec("ec:P-256"), KeySpec::ec(Curve::p256));
  EXPECT_EQ(parse_key_spec("ec:P-384"), KeySpec::ec(Curve::p384));
  EXPECT_EQ(parse_key_spec("ec:P-521"), KeySpec::ec(Curve::p521));
  EXPECT_EQ(parse_key_spec("ed25519"), KeySpec::ed25519());
}

TEST(KeySpec, ParsesTheFamiliarAliases) {
  EXPECT_EQ(parse_key_spec("rsa"), KeySpec::rsa(2048));
  EXPECT_EQ(parse_key_spec("RSA"), KeySpec::rsa(2048));
  EXPECT_EQ(parse_key_spec("ec"), KeySpec::ec(Curve::p256));
  EXPECT_EQ(parse_key_spec("prime256v1"), KeySpec::ec(Curve::p256));
  EXPECT_EQ(parse_key_spec("secp256r1"), KeySpec::ec(Curve::p256));
  EXPECT_EQ(parse_key_spec("ec:prime256v1"), KeySpec::ec(Curve::p256));
  EXPECT_EQ(parse_key_spec("P-256"), KeySpec::ec(Curve::p256));
  EXPECT_EQ(parse_key_spec("secp384r1"), KeySpec::ec(Curve::p384));
  EXPECT_EQ(parse_key_spec("ec:secp521r1"), KeySpec::ec(Curve::p521));
  EXPECT_EQ(parse_key_spec("Ed25519"), KeySpec::ed25519());
}

TEST(KeySpec, CanonicalTextRoundTrips) {
  for (const KeySpec& spec : kGeneratableKeySpecs) EXPECT_EQ(parse_key_spec(to_string(spec)), spec);
}

TEST(KeySpec, RejectsWhatItCannotGenerateAndSaysWhatItCan) {
  for (const char* bad : {"", "rsa:1024", "rsa:2047", "rsa:", "ec:P-192", "secp256k1", "dsa", "ed448",
                          "rsa:2048x", "ec:"}) {
    auto spec = parse_key_spec(bad);
    ASSERT_FALSE(spec) << bad;
    EXPECT_EQ(spec.error().code, ErrorCode::invalid_input);
    EXPECT_NE(spec.error().message.find("rsa:2048"), std::string::npos) << spec.error().message;
  }
}

TEST(KeySpec, ReportsItsSecuritySizeInBits) {
  EXPECT_EQ(KeySpec::rsa(3072).bits(), 3072u);
  EXPECT_EQ(KeySpec::ec(Curve::p521).bits(), 521u);
  EXPECT_EQ(KeySpec::ed25519().bits(), 256u);
}

TEST(KeySpec, CurvesMapToTheirOids) {
  EXPECT_EQ(curve_oid(Curve::p256), "1.2.840.10045.3.1.7");
  EXPECT_EQ(curve_from_oid("1.3.132.0.34"), Curve::p384);
  EXPECT_EQ(curve_from_oid("1.3.132.0.10"), Curve::none);  // secp256k1
}

}  // namespace
}  // namespace polycert
