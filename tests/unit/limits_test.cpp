// The limits of core/include/polycert/limits.hpp and the KDF cap (primitives.hpp), where
// core enforces them without a backend: each input just inside a limit is read, one just
// over is refused with invalid_input naming the count and the limit.
#include "fixtures.hpp"
#include "hostile_inputs.hpp"
#include "temp_dir.hpp"

#include <polycert/der.hpp>
#include <polycert/file_output.hpp>
#include <polycert/formats.hpp>
#include <polycert/key_structure.hpp>
#include <polycert/limits.hpp>
#include <polycert/pem.hpp>
#include <polycert/primitives.hpp>
#include <polycert/signature_budget.hpp>

#include <gtest/gtest.h>

#include <string>

namespace polycert {
namespace {

using testing::certificate_with_spki;
using testing::fixture;
using testing::rsa_private_key_with_modulus_bits;
using testing::rsa_spki_with_modulus_bits;

template <typename T>
std::string message_of(const Result<T>& result) {
  return result ? std::string("(no error)") : result.error().message;
}

TEST(RsaModulusLimit, PublicKeysUpToTheLimitAreRead) {
  auto key = inspect_public_key(rsa_spki_with_modulus_bits(kMaxRsaModulusBits));
  ASSERT_TRUE(key) << message_of(key);
  EXPECT_EQ(key->algorithm, KeyAlgorithm::rsa);
}

TEST(RsaModulusLimit, APublicKeyOneBitOverIsRefusedNamingItsSizeAndTheLimit) {
  auto key = inspect_public_key(rsa_spki_with_modulus_bits(kMaxRsaModulusBits + 1));
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, ErrorCode::invalid_input);
  EXPECT_NE(key.error().message.find("16385 bits"), std::string::npos) << key.error().message;
  EXPECT_NE(key.error().message.find("16384"), std::string::npos) << key.error().message;
}

TEST(RsaModulusLimit, APrivateKeyOverTheLimitIsRefusedBeforeAnyBackend) {
  const Bytes key = rsa_private_key_with_modulus_bits(kMaxRsaModulusBits + 8);
  auto inspected = inspect_private_key(key, PrivateKeyForm::rsa_pkcs1);
  ASSERT_FALSE(inspected);
  EXPECT_EQ(inspected.error().code, ErrorCode::invalid_input);
  EXPECT_NE(inspected.error().message.find("16392 bits"), std::string::npos)
      << inspected.error().message;
  EXPECT_TRUE(inspect_private_key(rsa_private_key_with_modulus_bits(4096), PrivateKeyForm::rsa_pkcs1));
}

TEST(RsaExponentLimit, AboveA3072BitModulusTheExponentIsAtMost64Bits) {
  EXPECT_TRUE(inspect_public_key(rsa_spki_with_modulus_bits(4096, kMaxRsaPublicExponentBits)));
  auto over = inspect_public_key(rsa_spki_with_modulus_bits(4096, kMaxRsaPublicExponentBits + 1));
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(over.error().remedy, Remedy::built_in_limit);
  EXPECT_NE(over.error().message.find("65 bits, over polycert's limit of 64"), std::string::npos)
      << over.error().message;
  // OpenSSL's rule: a modulus of 3072 bits or fewer may take any exponent below it.
  EXPECT_TRUE(inspect_public_key(rsa_spki_with_modulus_bits(kMaxRsaSmallModulusBits, 1000)));
  // The check before a signature is made is the same rule.
  EXPECT_FALSE(check_public_key_size(rsa_spki_with_modulus_bits(4096, 1000)));
}

TEST(SignatureCheckCost, CountsInRsa2048ChecksAndGrowsWithModulusSquaredAndExponent) {
  EXPECT_EQ(signature_check_cost(rsa_spki_with_modulus_bits(2048)).value_or(0), 1u);
  EXPECT_EQ(signature_check_cost(rsa_spki_with_modulus_bits(4096)).value_or(0), 4u);
  EXPECT_EQ(signature_check_cost(rsa_spki_with_modulus_bits(16384, 64)).value_or(0), 241u);
  EXPECT_EQ(signature_check_cost(fixture("keys/ec-P-256.spki.der")).value_or(0), 8u);
  EXPECT_FALSE(signature_check_cost(rsa_spki_with_modulus_bits(kMaxRsaModulusBits + 1)));
}

TEST(SignatureCheckBudget, ChecksAddUpPerInputAndTheOneOverIsRefused) {
  EXPECT_TRUE(charge_signature_check(kMaxSignatureWorkPerInput + 1)) << "no budget open: not counted";
  {
    const SignatureCheckBudget budget;
    EXPECT_TRUE(charge_signature_check(kMaxSignatureWorkPerInput - 10));
    {
      const SignatureCheckBudget inner;  // joins the outer one
      EXPECT_TRUE(charge_signature_check(10));
    }
    auto over = charge_signature_check(1);
    ASSERT_FALSE(over);
    EXPECT_EQ(over.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(over.error().remedy, Remedy::built_in_limit);
    EXPECT_NE(over.error().message.find(std::to_string(kMaxSignatureWorkPerInput)),
              std::string::npos);
  }
  const SignatureCheckBudget next_input;
  EXPECT_TRUE(expect_signature_checks(kMaxSignatureWorkPerInput));
  EXPECT_FALSE(expect_signature_checks(kMaxSignatureWorkPerInput + 1));
}

TEST(SignatureCheckBudget, ABundleOfSelfSignedCertificatesIsCountedBeforeAnyCheck) {
  const Bytes costly = certificate_with_spki(rsa_spki_with_modulus_bits(16384, 64));
  const std::vector<Bytes> nine(9, costly);
  EXPECT_EQ(self_signature_work(nine), 9u * 241u);
  const SignatureCheckBudget budget;
  EXPECT_FALSE(expect_signature_checks(self_signature_work(nine)));
  EXPECT_TRUE(expect_signature_checks(self_signature_work(std::span(nine).first(8))));
}

TEST(RsaModulusLimit, TheKeyInsideACertificateIsChecked) {
  const Bytes big = certificate_with_spki(rsa_spki_with_modulus_bits(20000));
  ASSERT_TRUE(der::check_strict_der(big));
  auto checked = check_embedded_public_key_size(big);
  ASSERT_FALSE(checked);
  EXPECT_NE(checked.error().message.find("20000 bits"), std::string::npos) << checked.error().message;

  EXPECT_TRUE(check_embedded_public_key_size(certificate_with_spki(rsa_spki_with_modulus_bits(2048))));
  EXPECT_TRUE(check_embedded_public_key_size(fixture("x509/rsa-2048.cert.der")));
}

TEST(RsaModulusLimit, KeysOfOtherAlgorithmsAndNonKeysPass) {
  EXPECT_TRUE(check_public_key_size(fixture("keys/ec-P-256.spki.der")));
  EXPECT_TRUE(check_public_key_size(Bytes{0x30, 0x00}));
  EXPECT_TRUE(check_embedded_public_key_size(Bytes{0x30, 0x00}));
}

TEST(KdfIterationLimit, TheDefaultCapIsTwoMillionAndCanBeMoved) {
  EXPECT_EQ(max_kdf_iterations(), kDefaultMaxKdfIterations);
  EXPECT_EQ(kDefaultMaxKdfIterations, 2'000'000u);
  set_max_kdf_iterations(kMaxKdfIterations);
  EXPECT_EQ(max_kdf_iterations(), 2'147'483'647u);
  set_max_kdf_iterations(kDefaultMaxKdfIterations);
  EXPECT_EQ(max_kdf_iterations(), kDefaultMaxKdfIterations);
}

TEST(ObjectsPerFileLimit, AFileWithMoreThanTheLimitOfPemBlocksIsRefused) {
  const Bytes certificate = fixture("x509/rsa-2048.cert.der");
  const SecureBuffer block = pem_encode("CERTIFICATE", certificate);
  SecureBuffer text;
  for (std::size_t i = 0; i < kMaxObjectsPerFile; ++i) text.insert(text.end(), block.begin(), block.end());
  auto at_limit = find_objects(text);
  ASSERT_TRUE(at_limit) << message_of(at_limit);
  EXPECT_EQ(at_limit->size(), kMaxObjectsPerFile);

  text.insert(text.end(), block.begin(), block.end());
  auto over = find_objects(text);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::invalid_input);
  EXPECT_NE(over.error().message.find("1001 PEM blocks"), std::string::npos) << over.error().message;
  EXPECT_NE(over.error().message.find("1000"), std::string::npos);
}

TEST(ContainerEntriesLimit, APkcs7BundleOverTheLimitIsRefused) {
  const Bytes certificate = fixture("x509/rsa-2048.cert.der");
  std::vector<Bytes> certificates(kMaxContainerEntries, certificate);
  auto at_limit = read_pkcs7_certificates(write_pkcs7_certificates(certificates));
  ASSERT_TRUE(at_limit) << message_of(at_limit);
  EXPECT_EQ(at_limit->size(), kMaxContainerEntries);

  certificates.push_back(certificate);
  auto over = read_pkcs7_certificates(write_pkcs7_certificates(certificates));
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::invalid_input);
  EXPECT_NE(over.error().message.find("more than 1000 certificates"), std::string::npos)
      << over.error().message;
}

TEST(InputSizeLimit, AFileOverFourMebibytesIsRefusedNamingIt) {
  testing::TempDir dir;
  const std::string at_limit = dir.write("at-limit.der", Bytes(der::kMaxInputSize, 0x30));
  EXPECT_TRUE(read_file(at_limit));
  const std::string over = dir.write("over.der", Bytes(der::kMaxInputSize + 1, 0x30));
  auto read = read_file(over);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::invalid_input);
  EXPECT_NE(read.error().message.find(over), std::string::npos);
  EXPECT_NE(read.error().message.find("4194304-byte input limit"), std::string::npos)
      << read.error().message;
}

TEST(NestingLimit, DerNestedDeeperThanTheLimitIsRefused) {
  EXPECT_TRUE(der::check_strict_der(testing::nested_sequences(der::kMaxDepth)));
  auto deep = der::check_strict_der(testing::nested_sequences(der::kMaxDepth + 1));
  ASSERT_FALSE(deep);
  EXPECT_EQ(deep.error().code, ErrorCode::invalid_input);
  EXPECT_NE(deep.error().message.find("64"), std::string::npos) << deep.error().message;
}

}  // namespace
}  // namespace polycert
