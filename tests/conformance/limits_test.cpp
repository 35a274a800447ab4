// Limits that need a backend, on every backend: the KDF iteration cap (Provider::pbkdf2,
// pkcs12_kdf, and the hostile encrypted key and PFX that ask for 2^31 iterations), the
// RSA modulus cap on generation and on certificates, the number of PKCS#12 parts and
// bags, and build_chain's inputs, length and issuer candidates. Each refusal comes before
// any expensive work: these tests would hang, not fail slowly, if it did not.
#include "backend_cases.hpp"
#include "fixtures.hpp"
#include "hostile_inputs.hpp"
#include "kdf_cap.hpp"
#include "x509_cases.hpp"

#include <polycert/chain.hpp>
#include <polycert/encrypted_key.hpp>
#include <polycert/capabilities.hpp>
#include <polycert/limits.hpp>
#include <polycert/pkcs12.hpp>
#include <polycert/primitives.hpp>

#include <gtest/gtest.h>

#include <string>

namespace polycert::testing {
namespace {

ByteView text(std::string_view s) { return as_bytes(s); }

void expect_names(const Error& error, std::initializer_list<std::string_view> parts) {
  for (std::string_view part : parts)
    EXPECT_NE(error.message.find(part), std::string::npos) << "'" << part << "' not in: " << error.message;
}

class Limits : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    provider = make_backend(GetParam());
    ASSERT_TRUE(provider);
  }
  std::unique_ptr<Provider> provider;
};

TEST_P(Limits, KdfsRefuseCountsOverTheCapAndTakeThemOnceRaised) {
  const Bytes salt(16, 0x42);
  KdfCap cap(1000);
  auto over = provider->pbkdf2(Hash::sha256, text("pw"), salt, 1001, 32);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::invalid_input);
  expect_names(over.error(), {"1001 iterations", "limit of 1000"});
  // The library states that the limit may be raised; the CLI names its option for it.
  EXPECT_EQ(over.error().remedy, Remedy::raise_kdf_limit);
  const Bytes bmp = {0, 'p', 0, 'w', 0, 0};
  auto pkcs12_over = provider->pkcs12_kdf(Hash::sha256, bmp, salt, 1001, Pkcs12KeyPurpose::key, 24);
  ASSERT_FALSE(pkcs12_over);
  expect_names(pkcs12_over.error(), {"1001 iterations", "limit of 1000"});

  EXPECT_TRUE(provider->pbkdf2(Hash::sha256, text("pw"), salt, 1000, 32));
  set_max_kdf_iterations(1001);
  EXPECT_TRUE(provider->pbkdf2(Hash::sha256, text("pw"), salt, 1001, 32));
}

TEST_P(Limits, AnEncryptedKeyAskingFor2To31IterationsIsRefusedBeforeAnyWork) {
  const Bytes hostile = encrypted_key_with_iterations(std::uint64_t{1} << 31);
  auto encryption = inspect_encrypted_private_key(hostile);
  ASSERT_TRUE(encryption) << describe(encryption);
  EXPECT_EQ(encryption->iterations, 2147483648u);
  auto decrypted = decrypt_private_key(*provider, hostile, text("pw"));
  ASSERT_FALSE(decrypted);
  EXPECT_EQ(decrypted.error().code, ErrorCode::invalid_input);
  expect_names(decrypted.error(), {"2147483648 iterations", "limit of 2000000"});
}

TEST_P(Limits, APfxWhoseMacAsksFor2To31IterationsIsRefusedBeforeAnyWork) {
  const Bytes hostile = pfx_with_mac_iterations(fixture("pkcs12/modern.p12"), 2147483647);
  auto read = read_pkcs12(*provider, hostile, text("fixture-password"), nullptr);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::invalid_input);
  expect_names(read.error(), {"PKCS#12 MAC", "2147483647 iterations", "limit of 2000000"});
}

TEST_P(Limits, APfxWithMorePartsThanTheLimitIsRefused) {
  std::vector<std::string> warnings;
  auto at_limit = read_pkcs12(*provider, pfx_with_parts(kMaxPkcs12Parts), std::nullopt, &warnings);
  EXPECT_TRUE(at_limit) << describe(at_limit);
  auto over = read_pkcs12(*provider, pfx_with_parts(kMaxPkcs12Parts + 1), std::nullopt, &warnings);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::invalid_input);
  expect_names(over.error(), {"more than 16 parts"});
}

// The bag count is core's codec, the same whatever the backend: one backend suffices, and
// a thousand bags are slow to walk in a debug build.
TEST(PfxBagLimit, APfxWithMoreBagsThanTheLimitIsRefused) {
  auto provider = make_backend(backend_names().front());
  ASSERT_TRUE(provider);
  const Bytes certificate = fixture("x509/ec-P-256.cert.der");
  std::vector<std::string> warnings;
  auto at_limit = read_pkcs12(*provider, pfx_with_certificates(certificate, kMaxContainerEntries),
                              std::nullopt, &warnings);
  ASSERT_TRUE(at_limit) << describe(at_limit);
  EXPECT_EQ(at_limit->certificates.size(), kMaxContainerEntries);

  auto over = read_pkcs12(*provider, pfx_with_certificates(certificate, kMaxContainerEntries + 1),
                          std::nullopt, &warnings);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::invalid_input);
  expect_names(over.error(), {"more than 1000 safe bags"});
}

TEST(PfxBagLimit, AnEncryptedPfxOverTheBagLimitIsRefusedToo) {
  auto provider = make_backend(backend_names().front());
  ASSERT_TRUE(provider);
  Pkcs12WriteOptions options;
  options.iterations = 1000;
  const std::vector<Bytes> certificates(kMaxContainerEntries + 1, fixture("x509/ec-P-256.cert.der"));
  auto written = write_pkcs12(*provider, std::nullopt, certificates, text("pw"), options);
  ASSERT_TRUE(written) << describe(written);
  auto refused = read_pkcs12(*provider, *written, text("pw"), nullptr);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  expect_names(refused.error(), {"more than 1000 safe bags"});
}

TEST_P(Limits, RsaKeysOverTheLimitAreNeitherGeneratedNorRead) {
  auto generated = provider->generate_key(KeySpec::rsa(kMaxRsaModulusBits + 1));
  ASSERT_FALSE(generated);
  EXPECT_EQ(generated.error().code, ErrorCode::invalid_input);
  expect_names(generated.error(), {"rsa:16385", "16384 bits"});

  auto public_key = provider->import_public_key(rsa_spki_with_modulus_bits(kMaxRsaModulusBits + 1));
  ASSERT_FALSE(public_key);
  EXPECT_EQ(public_key.error().code, ErrorCode::invalid_input);
  expect_names(public_key.error(), {"16385 bits"});

  const Bytes certificate = certificate_with_spki(rsa_spki_with_modulus_bits(30000));
  auto parsed = provider->parse_certificate(certificate);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::invalid_input);
  expect_names(parsed.error(), {"certificate", "30000 bits", "16384"});
  auto verified = provider->verify_certificate_signature(fixture("x509/rsa-2048.cert.der"), certificate);
  ASSERT_FALSE(verified);
  expect_names(verified.error(), {"issuer certificate", "30000 bits"});
}

// Certificates signed with one key: `count` CAs named CN=<name> (distinct serials), each
// self-signed, or a path root -> ... where certificate i is CN=<name> i issued by i-1.
class CertificateFactory {
 public:
  explicit CertificateFactory(Provider& provider) : provider_(provider) {
    auto key = fixture_key(provider, KeySpec::ec(Curve::p256));
    if (!key) throw std::runtime_error(key.error().message);
    key_ = std::move(*key);
    auto spki = provider.export_public_key(*key_);
    if (!spki) throw std::runtime_error(spki.error().message);
    spki_ = std::move(*spki);
  }

  Bytes issue(std::string_view common_name, std::uint8_t serial, const Bytes* issuer) {
    CertificateSpec spec = ca_certificate_spec(common_name, std::nullopt);
    spec.serial.back() = serial;
    std::optional<ByteView> issuer_view;
    if (issuer) issuer_view = ByteView(*issuer);
    auto issued = provider_.issue_certificate(spec, spki_, *key_, issuer_view);
    if (!issued) throw std::runtime_error(issued.error().message);
    return std::move(*issued);
  }

 private:
  Provider& provider_;
  std::unique_ptr<PrivateKey> key_;
  Bytes spki_;
};

ChainOptions at_fixture_time() {
  ChainOptions options;
  options.at = 1800000000;  // 2027, inside ca_certificate_spec's validity
  return options;
}

// The largest RSA key polycert reads is read, or refused as unsupported exactly where the
// capability matrix says the library cannot hold it (Mbed TLS 2.28: 8192 bits at most).
TEST_P(Limits, TheLargestRsaKeyIsReadOrRefusedAsTheMatrixSays) {
  const Bytes certificate = certificate_with_spki(rsa_spki_with_modulus_bits(kMaxRsaModulusBits));
  auto info = provider->parse_certificate(certificate);
  const Capability* row =
      provider->capabilities().find(Operation::read_certificate, to_string(kLargestReadRsaKey));
  ASSERT_NE(row, nullptr);
  if (row->supported) {
    EXPECT_TRUE(info) << info.error().message;
  } else {
    ASSERT_FALSE(info);
    EXPECT_EQ(info.error().code, ErrorCode::unsupported) << info.error().message;
    EXPECT_NE(info.error().message.find(row->note), std::string::npos) << info.error().message;
  }
}

TEST_P(Limits, BuildChainRefusesMoreInputsThanTheLimit) {
  const Bytes certificate = fixture("x509/ec-P-256.cert.der");
  std::vector<ChainInput> inputs(kMaxChainInputs + 1, ChainInput{certificate, "bag"});
  auto chain = build_chain(*provider, inputs, at_fixture_time());
  ASSERT_FALSE(chain);
  EXPECT_EQ(chain.error().code, ErrorCode::invalid_input);
  expect_names(chain.error(), {"1001 certificates", "limit of 1000"});
}

TEST_P(Limits, BuildChainStopsAtTheLengthLimit) {
  CertificateFactory factory(*provider);
  auto path_of = [&](std::size_t length) {
    std::vector<ChainInput> inputs;
    Bytes issuer = factory.issue("level 0", 1, nullptr);
    inputs.push_back({issuer, "level 0"});
    for (std::size_t i = 1; i < length; ++i) {
      Bytes next = factory.issue("level " + std::to_string(i), 1, &issuer);
      inputs.push_back({next, "level " + std::to_string(i)});
      issuer = std::move(next);
    }
    return inputs;
  };
  auto inputs = path_of(kMaxChainLength + 1);
  ChainOptions options = at_fixture_time();
  options.leaf = inputs.size() - 1;
  auto over = build_chain(*provider, inputs, options);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::invalid_input);
  expect_names(over.error(), {"longer than 32 certificates"});

  inputs.pop_back();
  options.leaf = inputs.size() - 1;
  auto at_limit = build_chain(*provider, inputs, options);
  ASSERT_TRUE(at_limit) << describe(at_limit);
  EXPECT_EQ(at_limit->path.size(), kMaxChainLength);
  EXPECT_TRUE(at_limit->has_root);
}

TEST_P(Limits, BuildChainRefusesMoreSameNamedIssuersThanItTries) {
  CertificateFactory factory(*provider);
  std::vector<ChainInput> inputs;
  for (std::uint8_t i = 1; i <= kMaxIssuerCandidates + 1; ++i)
    inputs.push_back({factory.issue("twin", i, nullptr), "twin " + std::to_string(i)});
  const Bytes leaf = factory.issue("child", 1, &inputs.front().der);
  inputs.push_back({leaf, "child"});
  ChainOptions options = at_fixture_time();
  options.leaf = inputs.size() - 1;
  auto over = build_chain(*provider, inputs, options);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::invalid_input);
  expect_names(over.error(), {"17 certificates could be the issuer", "limit of 16"});

  inputs.erase(inputs.begin() + 1);  // 16 twins
  options.leaf = inputs.size() - 1;
  auto at_limit = build_chain(*provider, inputs, options);
  ASSERT_TRUE(at_limit) << describe(at_limit);
  EXPECT_EQ(at_limit->path.size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, Limits, ::testing::ValuesIn(backend_names()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace polycert::testing
