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

// Issue 17: any block with these headers was taken for an encrypted key.
TEST(Formats, OnlyTraditionalKeyBlocksCarryRfc1421EncryptionHeaders) {
  auto with_headers = [](std::string_view label, std::string_view headers) {
    std::string pem = "-----BEGIN " + std::string(label) + "-----\n" + std::string(headers) +
                      "\nMAMCAQA=\n-----END " + std::string(label) + "-----\n";
    return Bytes(pem.begin(), pem.end());
  };
  auto survey = survey_objects(with_headers(
      "CERTIFICATE", "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n"));
  ASSERT_TRUE(survey) << survey.error().message;
  EXPECT_TRUE(survey->objects.empty());
  ASSERT_EQ(survey->malformed.size(), 1u);
  EXPECT_NE(survey->malformed[0].problem.find("only 'RSA PRIVATE KEY', 'EC PRIVATE KEY'"),
            std::string::npos)
      << survey->malformed[0].problem;

  survey = survey_objects(with_headers("RSA PRIVATE KEY", "Proc-Type: 4,ENCRYPTED\n"));
  ASSERT_TRUE(survey) << survey.error().message;
  ASSERT_EQ(survey->malformed.size(), 1u);
  EXPECT_NE(survey->malformed[0].problem.find("no DEK-Info header"), std::string::npos)
      << survey->malformed[0].problem;
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

std::string text_of(const Bytes& bytes) { return std::string(bytes.begin(), bytes.end()); }
std::string text_of(const SecureBuffer& bytes) { return std::string(bytes.begin(), bytes.end()); }

TEST(Formats, SurveyOfABagWithJunkSaysPerBlockWhatWasFound) {
  // Explanatory text, a good certificate, a certificate block that holds a key, a label
  // polycert does not read, a good key, and a block cut short: each named by its line.
  const std::string certificate = text_of(fixture("x509/chain-leaf.pem"));
  const std::string key = text_of(fixture("keys/ec-P-384.pkcs8.pem"));
  const auto lines = [](const std::string& text) {
    return static_cast<std::size_t>(std::ranges::count(text, '\n'));
  };
  std::string bag = "subject=/CN=leaf\n";
  const std::size_t certificate_line = 2;
  bag += certificate;
  const std::size_t lying_line = 2 + lines(certificate);
  bag += text_of(pem_encode("CERTIFICATE", fixture("keys/ec-P-256.pkcs8.der")));
  const std::size_t unread_label_line = lines(bag) + 1;
  bag += text_of(pem_encode("DH PARAMETERS", Bytes{0x30, 0x00}));
  const std::size_t key_line = lines(bag) + 1;
  bag += key;
  const std::size_t cut_line = lines(bag) + 1;
  bag += "-----BEGIN CERTIFICATE-----\nMIIB\n";

  auto survey = survey_objects(as_bytes(bag));
  ASSERT_TRUE(survey) << survey.error().message;
  ASSERT_EQ(survey->objects.size(), 2u);
  EXPECT_EQ(survey->objects[0].kind, ObjectKind::certificate);
  EXPECT_EQ(survey->objects[0].line, certificate_line);
  EXPECT_EQ(survey->objects[1].kind, ObjectKind::private_key);
  EXPECT_EQ(survey->objects[1].line, key_line);

  ASSERT_EQ(survey->malformed.size(), 3u);
  EXPECT_EQ(survey->malformed[0].line, lying_line);
  EXPECT_EQ(survey->malformed[0].problem,
            "PEM block 'CERTIFICATE' holds a private key, not a certificate");
  EXPECT_EQ(survey->malformed[1].line, unread_label_line);
  EXPECT_EQ(survey->malformed[1].problem, "PEM block 'DH PARAMETERS' is not a kind polycert reads");
  EXPECT_EQ(survey->malformed[2].line, cut_line);
  EXPECT_NE(survey->malformed[2].problem.find("has no END line"), std::string::npos);

  // find_objects is all or nothing, and names every bad block with its line.
  auto strict = find_objects(as_bytes(bag));
  ASSERT_FALSE(strict);
  EXPECT_EQ(strict.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(strict.error().message.find("line " + std::to_string(lying_line) + ": "), 0u)
      << strict.error().message;
  EXPECT_NE(strict.error().message.find("; line " + std::to_string(cut_line) + ": "), std::string::npos)
      << strict.error().message;
}

TEST(Formats, SurveyNamesContentThatIsNotDerOrHasTrailingData) {
  auto survey = survey_objects(pem_encode("CERTIFICATE", Bytes{0x30, 0x05, 0x01}));
  ASSERT_TRUE(survey) << survey.error().message;
  EXPECT_TRUE(survey->objects.empty());
  ASSERT_EQ(survey->malformed.size(), 1u);
  EXPECT_EQ(survey->malformed[0].line, 1u);
  EXPECT_TRUE(survey->malformed[0].problem.starts_with("PEM block 'CERTIFICATE' does not hold a certificate: "))
      << survey->malformed[0].problem;

  Bytes trailing = fixture("chains/leaf.der");
  trailing.push_back(0);
  survey = survey_objects(pem_encode("CERTIFICATE", trailing));
  ASSERT_TRUE(survey) << survey.error().message;
  ASSERT_EQ(survey->malformed.size(), 1u);
  EXPECT_NE(survey->malformed[0].problem.find("trailing"), std::string::npos) << survey->malformed[0].problem;
}

TEST(Formats, SurveyOfADerFileIsOneObjectOrAnError) {
  auto survey = survey_objects(fixture("chains/leaf.der"));
  ASSERT_TRUE(survey) << survey.error().message;
  ASSERT_EQ(survey->objects.size(), 1u);
  EXPECT_EQ(survey->objects[0].line, 0u);
  EXPECT_TRUE(survey->malformed.empty());
  EXPECT_FALSE(survey_objects(Bytes{0x13, 0x37, 0x42}));
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
