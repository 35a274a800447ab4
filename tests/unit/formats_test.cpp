// What a file holds, decided from its structure: every fixture kind, PEM and DER, legacy
// labels, labels that lie, and PKCS#7 bundles read and written like openssl's.
#include "fixtures.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

#include <polycert/formats.hpp>
#include <polycert/pem.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace polycert {
namespace {

using testing::fixture;

ObjectKind kind_of(const std::string& file) {
  auto objects = find_objects(fixture(file));
  if (!objects) throw std::runtime_error(file + ": " + objects.error().message);
  if (objects->size() != 1) throw std::runtime_error(file + ": not one object");
  return objects->front().kind;
}

TEST(Formats, RecognisesEveryKindInDer) {
  EXPECT_EQ(kind_of("x509/rsa-2048.cert.der"), ObjectKind::certificate);
  EXPECT_EQ(kind_of("x509/ed25519.csr.der"), ObjectKind::certificate_request);
  EXPECT_EQ(kind_of("keys/ec-P-256.pkcs8.der"), ObjectKind::private_key);
  EXPECT_EQ(kind_of("keys/ec-P-256.traditional.der"), ObjectKind::private_key);
  EXPECT_EQ(kind_of("keys/rsa-2048.spki.der"), ObjectKind::public_key);
  EXPECT_EQ(kind_of("encrypted/rsa-2048.pkcs12-3des.der"), ObjectKind::encrypted_private_key);
  EXPECT_EQ(kind_of("pkcs7/chain.p7b.der"), ObjectKind::pkcs7);
}

TEST(Formats, ReadsEveryBlockOfAPemBagInOrder) {
  Bytes bag = fixture("x509/chain-leaf.pem");
  for (const char* extra : {"keys/ec-P-384.pkcs8.pem", "x509/chain-intermediate.pem"}) {
    const Bytes more = fixture(extra);
    bag.insert(bag.end(), more.begin(), more.end());
  }
  auto objects = find_objects(bag);
  ASSERT_TRUE(objects) << objects.error().message;
  ASSERT_EQ(objects->size(), 3u);
  EXPECT_EQ((*objects)[0].kind, ObjectKind::certificate);
  EXPECT_EQ((*objects)[1].kind, ObjectKind::private_key);
  EXPECT_EQ((*objects)[1].key_form, PrivateKeyForm::pkcs8);
  EXPECT_EQ((*objects)[2].kind, ObjectKind::certificate);
  EXPECT_EQ((*objects)[2].encoding, "PEM");
}

TEST(Formats, AcceptsLegacyLabelsAndNamesLegacyEncryption) {
  const Bytes der = fixture("x509/ec-P-256.cert.der");
  auto objects = find_objects(pem_encode("X509 CERTIFICATE", der));
  ASSERT_TRUE(objects) << objects.error().message;
  EXPECT_EQ(objects->front().kind, ObjectKind::certificate);
  EXPECT_EQ(kind_of("encrypted/rsa-2048.legacy-pem-aes256.pem"), ObjectKind::legacy_encrypted_key);
  EXPECT_EQ(find_objects(fixture("encrypted/rsa-2048.legacy-pem-aes256.pem"))->front().legacy_cipher,
            "AES-256-CBC");
}

TEST(Formats, ReadsATrustedCertificateAndSetsItsTrustSettingsAside) {
  // openssl x509 -trustout: the certificate, then OpenSSL's trust settings (a SEQUENCE).
  auto objects = find_objects(fixture("edge/trusted-certificate.pem"));
  ASSERT_TRUE(objects) << objects.error().message;
  ASSERT_EQ(objects->size(), 1u);
  EXPECT_EQ(objects->front().kind, ObjectKind::certificate);
  auto plain = find_objects(fixture("chains/root.pem"));
  ASSERT_TRUE(plain);
  EXPECT_EQ(objects->front().der, plain->front().der) << "the certificate, without the settings";

  Bytes with_junk(plain->front().der.begin(), plain->front().der.end());
  with_junk.push_back(0x05);  // not a SEQUENCE of trust settings
  auto junk = find_objects(pem_encode("TRUSTED CERTIFICATE", with_junk));
  ASSERT_FALSE(junk);
  EXPECT_NE(junk.error().message.find("trust settings"), std::string::npos) << junk.error().message;
}

TEST(Formats, RefusesALabelThatDisagreesWithTheContent) {
  auto lying = find_objects(pem_encode("CERTIFICATE", fixture("keys/ec-P-256.pkcs8.der")));
  ASSERT_FALSE(lying);
  EXPECT_NE(lying.error().message.find("private key"), std::string::npos) << lying.error().message;
  auto wrong_key_label = find_objects(pem_encode("RSA PRIVATE KEY", fixture("keys/ec-P-256.pkcs8.der")));
  EXPECT_FALSE(wrong_key_label);
  auto unknown = find_objects(pem_encode("OPENSSH PRIVATE KEY", Bytes{0x30, 0x00}));
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("OPENSSH PRIVATE KEY"), std::string::npos);
}

TEST(Formats, RefusesEmptyRandomAndTrailingData) {
  EXPECT_FALSE(find_objects(Bytes{}));
  EXPECT_FALSE(find_objects(Bytes{0x13, 0x37, 0x42}));
  Bytes trailing = fixture("x509/ec-P-256.cert.der");
  trailing.push_back(0);
  auto result = find_objects(trailing);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("trailing"), std::string::npos) << result.error().message;
}

TEST(Formats, TurnsAPkcs1RsaPublicKeyIntoTheSpkiOpensslWrites) {
  testing::TempDir dir;
  const std::string pkcs1 = dir.file("rsa.pub");
  const auto written = testing::run_process({"openssl", "rsa", "-in", testing::fixture_path("keys/rsa-2048.pkcs8.pem"),
                                             "-RSAPublicKey_out", "-outform", "DER", "-out", pkcs1});
  ASSERT_EQ(written.exit_code, 0) << written.err;
  const Bytes der = testing::read_bytes(pkcs1);
  auto objects = find_objects(der);
  ASSERT_TRUE(objects) << objects.error().message;
  EXPECT_EQ(objects->front().kind, ObjectKind::rsa_public_key);
  EXPECT_EQ(rsa_public_key_to_spki(der), fixture("keys/rsa-2048.spki.der"));
}

TEST(Pkcs7, ReadsTheCertificatesOpensslPutIn) {
  for (const char* file : {"pkcs7/chain.p7b.der", "pkcs7/chain.p7b"}) {
    auto objects = find_objects(fixture(file));
    ASSERT_TRUE(objects) << objects.error().message;
    auto certificates = read_pkcs7_certificates(objects->front().der);
    ASSERT_TRUE(certificates) << certificates.error().message;
    ASSERT_EQ(certificates->size(), 3u);
    const auto leaf = pem_decode(fixture("x509/chain-leaf.pem"));
    EXPECT_EQ((*certificates)[0], Bytes(leaf->front().der.begin(), leaf->front().der.end())) << file;
  }
}

TEST(Pkcs7, ReadsBerWithIndefiniteLengths) {
  EXPECT_EQ(kind_of("pkcs7/signed-ber.p7b.der"), ObjectKind::pkcs7);
  auto certificates = read_pkcs7_certificates(fixture("pkcs7/signed-ber.p7b.der"));
  ASSERT_TRUE(certificates) << certificates.error().message;
  ASSERT_EQ(certificates->size(), 2u);
  const auto leaf = pem_decode(fixture("x509/chain-leaf.pem"));
  const auto intermediate = pem_decode(fixture("x509/chain-intermediate.pem"));
  const std::vector<Bytes> expected = {Bytes(leaf->front().der.begin(), leaf->front().der.end()),
                                       Bytes(intermediate->front().der.begin(), intermediate->front().der.end())};
  EXPECT_TRUE(std::ranges::is_permutation(*certificates, expected));
}

TEST(Pkcs7, RefusesBundlesWithoutCertificatesAndOtherContent) {
  auto empty = read_pkcs7_certificates(fixture("pkcs7/empty.p7b.der"));
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message.find("no certificates"), std::string::npos);
  auto data = read_pkcs7_certificates(fixture("pkcs7/not-signed-data.der"));
  ASSERT_FALSE(data);
  EXPECT_NE(data.error().message.find("not SignedData"), std::string::npos);
}

TEST(Pkcs7, WritesWhatOpensslWrites) {
  auto certificates = read_pkcs7_certificates(fixture("pkcs7/chain.p7b.der"));
  ASSERT_TRUE(certificates);
  EXPECT_EQ(write_pkcs7_certificates(*certificates), fixture("pkcs7/chain.p7b.der"))
      << "byte-identical to openssl crl2pkcs7 -nocrl";
  testing::TempDir dir;
  const auto printed = testing::run_process(
      {"openssl", "pkcs7", "-inform", "DER", "-in",
       dir.write("out.p7b", write_pkcs7_certificates(*certificates)), "-print_certs", "-noout"});
  EXPECT_EQ(printed.exit_code, 0) << printed.err;
  EXPECT_NE(printed.out.find("subject=O = Fixture, CN = leaf.fixture.example"), std::string::npos)
      << printed.out;
}

}  // namespace
}  // namespace polycert
