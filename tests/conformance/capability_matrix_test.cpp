// The capability matrix is honest both ways: every row a backend claims works, and
// every row it denies fails with ErrorCode::unsupported and a message naming the backend.
#include "backend_cases.hpp"
#include "fixtures.hpp"

#include <polycert/name.hpp>
#include <polycert/primitives.hpp>
#include <polycert/x509.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

namespace polycert::testing {
namespace {

using Row = std::tuple<std::string, Operation, KeySpec>;

std::vector<Row> every_row() {
  std::vector<Row> rows;
  for (const auto& backend : backend_names())
    for (Operation operation : kKeySpecOperations)
      for (const KeySpec& spec : kGeneratableKeySpecs)
        if (operation_applies(operation, spec)) rows.emplace_back(backend, operation, spec);
  return rows;
}

std::string row_name(const ::testing::TestParamInfo<Row>& test) {
  const auto& [backend, operation, spec] = test.param;
  return backend + "_" + std::string(to_string(operation)) + "_" + test_name(spec);
}

// Runs the operation a row describes, on the committed openssl fixtures.
Result<void> attempt(Provider& provider, Operation operation, const KeySpec& spec,
                     bool claimed) {
  const std::string stem = fixture_stem(spec);
  const std::string key_file = "keys/" + stem + ".pkcs8.der";
  auto done = [](const auto& result) -> Result<void> {
    if (!result) return std::unexpected(result.error());
    return {};
  };
  switch (operation) {
    case Operation::generate_key:
      // A claimed row reuses the run's generated key: every size is generated once.
      return claimed ? done(generated_key(provider, spec)) : done(provider.generate_key(spec));
    case Operation::import_pkcs8: return done(provider.import_private_key(fixture(key_file)));
    case Operation::import_traditional:
      return done(provider.import_private_key(fixture("keys/" + stem + ".traditional.der")));
    case Operation::import_spki: return done(provider.import_public_key(fixture("keys/" + stem + ".spki.der")));
    case Operation::read_csr: return done(provider.parse_csr(fixture("x509/" + stem + ".csr.der")));
    case Operation::read_certificate:
      return done(provider.parse_certificate(fixture("x509/" + stem + ".cert.der")));
    default: break;
  }
  // The rest need a key held by this backend; one it cannot hold it cannot use either.
  auto key = provider.import_private_key(fixture(key_file));
  if (!key) return std::unexpected(key.error());
  switch (operation) {
    case Operation::export_spki: return done(provider.export_public_key(**key));
    case Operation::export_pkcs8:
      return done(provider.export_private_key(**key, PrivateKeyEncoding::pkcs8));
    case Operation::export_traditional:
      return done(provider.export_private_key(**key, PrivateKeyEncoding::traditional));
    case Operation::create_csr: {
      CsrSpec request;
      request.subject = *parse_name("/CN=capability.example");
      return done(provider.create_csr(**key, request));
    }
    case Operation::issue_certificate: {
      CertificateSpec certificate;
      certificate.subject = *parse_name("/CN=capability.example");
      certificate.serial = {0x01, 0x02};
      certificate.not_before = 1700000000;
      certificate.not_after = 1700000000 + 86400;
      return done(provider.issue_certificate(certificate, fixture("keys/" + stem + ".spki.der"), **key,
                                             std::nullopt));
    }
    default: return fail(ErrorCode::internal, "no attempt written for " + std::string(to_string(operation)));
  }
}

class CapabilityMatrix : public ::testing::TestWithParam<Row> {};

TEST_P(CapabilityMatrix, RowTellsTheTruth) {
  const auto& [backend, operation, spec] = GetParam();
  auto provider = make_backend(backend);
  ASSERT_TRUE(provider);
  const Capability* row = provider->capabilities().find(operation, to_string(spec));
  ASSERT_NE(row, nullptr) << backend << "'s matrix has no row for " << describe(operation)
                          << " " << to_string(spec);

  const Result<void> outcome = attempt(*provider, operation, spec, row->supported);
  if (row->supported) {
    EXPECT_TRUE(outcome) << "claimed but fails: " << describe(outcome);
    return;
  }
  EXPECT_FALSE(row->note.empty()) << "a denied row must say why";
  ASSERT_FALSE(outcome) << "denied (" << row->note << ") but the operation works";
  EXPECT_EQ(outcome.error().code, ErrorCode::unsupported) << outcome.error().message;
  EXPECT_NE(outcome.error().message.find(backend), std::string::npos)
      << "the error must name the backend: " << outcome.error().message;
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, CapabilityMatrix, ::testing::ValuesIn(every_row()),
                         row_name);

// ---- primitive rows: derive_key, cipher, mac ----------------------------------------

using PrimitiveCase = std::tuple<std::string, std::string>;  // backend, row subject

Hash hash_named(std::string_view subject) {
  for (Hash hash : {Hash::sha1, Hash::sha224, Hash::sha256, Hash::sha384, Hash::sha512, Hash::md5})
    if (subject == to_string(hash) || subject.ends_with("-" + std::string(to_string(hash)))) return hash;
  throw std::runtime_error("no hash in " + std::string(subject));
}

Result<void> attempt_primitive(Provider& provider, const PrimitiveRow& row) {
  const Bytes salt = {1, 2, 3, 4, 5, 6, 7, 8};
  const Bytes password = {'p', 'w'};
  auto done = [](const auto& result) -> Result<void> {
    if (!result) return std::unexpected(result.error());
    return {};
  };
  switch (row.operation) {
    case Operation::derive_key:
      if (row.subject.starts_with("pbkdf2"))
        return done(provider.pbkdf2(hash_named(row.subject), password, salt, 1, 16));
      return done(provider.pkcs12_kdf(hash_named(row.subject), Bytes{0, 'p', 0, 'w', 0, 0}, salt, 1,
                                      Pkcs12KeyPurpose::key, 16));
    case Operation::mac: return done(provider.hmac(hash_named(row.subject), salt, password));
    case Operation::digest:
      return done(provider.digest(hash_named(row.subject), password));
    case Operation::cipher:
      for (Cipher cipher : {Cipher::aes128_cbc, Cipher::aes192_cbc, Cipher::aes256_cbc,
                            Cipher::des_ede3_cbc, Cipher::rc2_40_cbc}) {
        if (to_string(cipher) != row.subject) continue;
        const Bytes key(key_size(cipher), 0x42), iv(block_size(cipher), 0x24);
        auto encrypted = provider.cbc_encrypt(cipher, key, iv, password);
        if (!encrypted) return std::unexpected(encrypted.error());
        return done(provider.cbc_decrypt(cipher, key, iv, *encrypted));
      }
      break;
    default: break;
  }
  return fail(ErrorCode::internal, "no attempt written for " + std::string(row.subject));
}

class PrimitiveCapability : public ::testing::TestWithParam<PrimitiveCase> {};

TEST_P(PrimitiveCapability, RowTellsTheTruth) {
  const auto& [backend, subject] = GetParam();
  auto provider = make_backend(backend);
  ASSERT_TRUE(provider);
  auto row = std::ranges::find(kPrimitiveRows, subject, &PrimitiveRow::subject);
  ASSERT_NE(row, kPrimitiveRows.end());
  const Capability* claim = provider->capabilities().find(row->operation, subject);
  ASSERT_NE(claim, nullptr) << subject;
  const Result<void> outcome = attempt_primitive(*provider, *row);
  if (claim->supported) {
    EXPECT_TRUE(outcome) << "claimed but fails: " << describe(outcome);
    return;
  }
  EXPECT_FALSE(claim->note.empty()) << "a denied row must say why";
  ASSERT_FALSE(outcome) << "denied (" << claim->note << ") but the primitive works";
  EXPECT_EQ(outcome.error().code, ErrorCode::unsupported) << outcome.error().message;
  EXPECT_NE(outcome.error().message.find(backend), std::string::npos) << outcome.error().message;
}

std::vector<std::string> primitive_subjects() {
  std::vector<std::string> subjects;
  for (const PrimitiveRow& row : kPrimitiveRows) subjects.emplace_back(row.subject);
  return subjects;
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, PrimitiveCapability,
                         ::testing::Combine(::testing::ValuesIn(backend_names()),
                                            ::testing::ValuesIn(primitive_subjects())),
                         [](const ::testing::TestParamInfo<PrimitiveCase>& test) {
                           std::string name = std::get<0>(test.param) + "_" + std::get<1>(test.param);
                           std::ranges::replace(name, '-', '_');
                           return name;
                         });

class CapabilityMatrixShape : public ::testing::TestWithParam<std::string> {};

TEST_P(CapabilityMatrixShape, HasExactlyOneRowPerApplicableOperationAndSpec) {
  auto provider = make_backend(GetParam());
  ASSERT_TRUE(provider);
  std::size_t expected = 0;
  for (Operation operation : kKeySpecOperations)
    for (const KeySpec& spec : kGeneratableKeySpecs)
      if (operation_applies(operation, spec)) {
        ++expected;
        EXPECT_NE(provider->capabilities().find(operation, to_string(spec)), nullptr)
            << describe(operation) << " " << to_string(spec);
      }
  for (Operation operation : kLargeKeyReadOperations) {
    ++expected;
    EXPECT_NE(provider->capabilities().find(operation, to_string(kLargestReadRsaKey)), nullptr)
        << describe(operation) << " " << to_string(kLargestReadRsaKey);
  }
  for (const PrimitiveRow& row : kPrimitiveRows) {
    ++expected;
    EXPECT_NE(provider->capabilities().find(row.operation, row.subject), nullptr) << row.subject;
  }
  // sign_in_token rows: held to the truth by tests/conformance/token_test.cpp (a token).
  for (const KeySpec& spec : kGeneratableKeySpecs) {
    ++expected;
    EXPECT_NE(provider->capabilities().find(Operation::sign_in_token, to_string(spec)), nullptr)
        << to_string(spec);
  }
  for (std::string_view check : kPathValidationChecks) {
    ++expected;
    EXPECT_NE(provider->capabilities().find(Operation::validate_path, check), nullptr) << check;
  }
  EXPECT_EQ(provider->capabilities().rows().size(), expected);
}

TEST_P(CapabilityMatrixShape, NamesItselfAndItsLibraryVersion) {
  auto provider = make_backend(GetParam());
  ASSERT_TRUE(provider);
  EXPECT_EQ(provider->name(), GetParam());
  EXPECT_NE(provider->library_version().find_first_of("0123456789"), std::string::npos)
      << provider->library_version();
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, CapabilityMatrixShape, ::testing::ValuesIn(backend_names()),
                         [](const auto& test) { return test.param; });

}  // namespace
}  // namespace polycert::testing
