// Chain ordering (core build_chain) and key matching on every backend, over the
// openssl-made chains in tests/fixtures/chains/: every order of the inputs gives the same
// chain (fingerprints checked against `openssl x509 -fingerprint`), the result passes
// `openssl verify`, and every refusal names what is wrong and where.
#include "backend_cases.hpp"
#include "fixtures.hpp"
#include "openssl_oracle.hpp"
#include "process.hpp"
#include "temp_dir.hpp"
#include "x509_cases.hpp"

#include <polycert/chain.hpp>
#include <polycert/pem.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace polycert::testing {
namespace {

// Every certificate of a PEM fixture under chains/, named after the file.
std::vector<ChainInput> chain_fixture(const std::string& name) {
  auto blocks = pem_decode(fixture("chains/" + name));
  if (!blocks) throw std::runtime_error(name + ": " + blocks.error().message);
  std::vector<ChainInput> out;
  for (const auto& block : *blocks)
    out.push_back(
        ChainInput{Bytes(block.der.begin(), block.der.end()),
                   name + (blocks->size() == 1 ? "" : " #" + std::to_string(out.size() + 1))});
  return out;
}

std::vector<ChainInput> chain_fixtures(std::initializer_list<std::string> names) {
  std::vector<ChainInput> out;
  for (const auto& name : names)
    for (auto& input : chain_fixture(name)) out.push_back(std::move(input));
  return out;
}

// "AB:CD:..." as `openssl x509 -fingerprint -sha256` prints it.
std::string openssl_fingerprint(const std::string& name) {
  const auto result = run_process({"openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in",
                                   fixture_path("chains/" + name)});
  if (result.exit_code != 0) throw std::runtime_error(result.err);
  const auto equals = result.out.find('=');
  std::string fingerprint = result.out.substr(equals + 1);
  while (!fingerprint.empty() && (fingerprint.back() == '\n' || fingerprint.back() == '\r'))
    fingerprint.pop_back();
  return fingerprint;
}

std::vector<std::string> fingerprints(const Chain& chain) {
  std::vector<std::string> out;
  for (const auto& link : chain.path) out.push_back(hex_with_colons(link.info.sha256_fingerprint));
  return out;
}

std::vector<ChainFindingKind> kinds(const Chain& chain) {
  std::vector<ChainFindingKind> out;
  for (const auto& finding : chain.findings) out.push_back(finding.kind);
  return out;
}

const ChainFinding* find(const Chain& chain, ChainFindingKind kind) {
  for (const auto& finding : chain.findings)
    if (finding.kind == kind) return &finding;
  return nullptr;
}

class ChainBuilding : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    provider = make_backend(GetParam());
    ASSERT_TRUE(provider);
    // A time inside every fixture's validity, whenever the fixtures were made.
    auto leaf = provider->parse_certificate(chain_fixture("leaf.pem").front().der);
    ASSERT_TRUE(leaf) << describe(leaf);
    options.at = leaf->not_before + 86400;
  }
  Result<Chain> build(const std::vector<ChainInput>& inputs) {
    return build_chain(*provider, inputs, options);
  }

  std::unique_ptr<Provider> provider;
  ChainOptions options;
};

TEST_P(ChainBuilding, EveryOrderGivesTheSameChainAsOpensslFingerprints) {
  const std::vector<std::string> expected = {
      openssl_fingerprint("leaf.pem"), openssl_fingerprint("intermediate2.pem"),
      openssl_fingerprint("intermediate1.pem"), openssl_fingerprint("root.pem")};
  auto inputs = chain_fixtures({"root.pem", "intermediate1.pem", "intermediate2.pem", "leaf.pem"});
  std::vector<std::size_t> order = {0, 1, 2, 3};
  int orders = 0;
  do {
    std::vector<ChainInput> shuffled;
    for (auto i : order) shuffled.push_back(inputs[i]);
    auto chain = build(shuffled);
    ASSERT_TRUE(chain) << describe(chain);
    EXPECT_EQ(fingerprints(*chain), expected)
        << "order " << order[0] << order[1] << order[2] << order[3];
    EXPECT_TRUE(chain->has_root);
    EXPECT_TRUE(chain->findings.empty());
    EXPECT_FALSE(chain_error(*chain));
    ++orders;
  } while (std::ranges::next_permutation(order).found);
  EXPECT_EQ(orders, 24);
}

TEST_P(ChainBuilding, ShuffledBundleWithAndWithoutRootPassesOpensslVerify) {
  auto chain = build(chain_fixture("bundle-shuffled.pem"));
  ASSERT_TRUE(chain) << describe(chain);
  ASSERT_EQ(chain->path.size(), 4u);
  const auto with_root = chain->certificates(true);
  const auto without_root = chain->certificates(false);
  ASSERT_EQ(with_root.size(), 4u);
  ASSERT_EQ(without_root.size(), 3u);
  EXPECT_TRUE(std::equal(without_root.begin(), without_root.end(), with_root.begin()));
  EXPECT_EQ(with_root.back(), chain_fixture("root.pem").front().der);
  EXPECT_EQ(with_root.front(), chain_fixture("leaf.pem").front().der);
  const auto verdict =
      openssl_verify_chain(with_root.back(), {without_root[1], without_root[2]}, without_root[0]);
  EXPECT_TRUE(verdict.accepted) << verdict.output;
}

TEST_P(ChainBuilding, DuplicatesAreDroppedAndNoted) {
  auto chain = build(chain_fixtures({"bundle-shuffled.pem", "leaf.pem", "root.pem", "leaf.pem"}));
  ASSERT_TRUE(chain) << describe(chain);
  EXPECT_EQ(chain->path.size(), 4u);
  EXPECT_EQ(std::ranges::count(kinds(*chain), ChainFindingKind::duplicate), 3);
  EXPECT_FALSE(chain_error(*chain));
  const auto* duplicate = find(*chain, ChainFindingKind::duplicate);
  ASSERT_TRUE(duplicate);
  EXPECT_FALSE(duplicate->problem);
  EXPECT_NE(duplicate->message.find("leaf.pem"), std::string::npos) << duplicate->message;
}

TEST_P(ChainBuilding, MissingIntermediateIsNamed) {
  auto chain = build(chain_fixtures({"root.pem", "leaf.pem", "intermediate2.pem"}));
  ASSERT_TRUE(chain) << describe(chain);
  const auto* missing = find(*chain, ChainFindingKind::missing_issuer);
  ASSERT_TRUE(missing) << "findings: " << chain->findings.size();
  EXPECT_EQ(missing->depth, 1u);
  auto error = chain_error(*chain);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::invalid_input);
  EXPECT_NE(error->message.find("CN=Chain Intermediate 1"), std::string::npos) << error->message;

  // The lowest link missing: the leaf is still found (the one end entity), and its
  // issuer is named.
  chain = build(chain_fixtures({"root.pem", "leaf.pem", "intermediate1.pem"}));
  ASSERT_TRUE(chain) << describe(chain);
  error = chain_error(*chain);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::invalid_input);
  EXPECT_NE(error->message.find("CN=Chain Intermediate 2"), std::string::npos) << error->message;
  EXPECT_EQ(chain->path.size(), 1u);
}

TEST_P(ChainBuilding, AbsentRootIsANoteUnlessTheRootIsRequired) {
  const auto inputs = chain_fixtures({"intermediate1.pem", "leaf.pem", "intermediate2.pem"});
  auto chain = build(inputs);
  ASSERT_TRUE(chain) << describe(chain);
  EXPECT_FALSE(chain->has_root);
  EXPECT_EQ(chain->path.size(), 3u);
  EXPECT_EQ(kinds(*chain), std::vector{ChainFindingKind::root_absent});
  EXPECT_FALSE(chain_error(*chain));
  EXPECT_EQ(chain->certificates(true).size(), 3u);

  options.require_root = true;
  chain = build(inputs);
  ASSERT_TRUE(chain) << describe(chain);
  auto error = chain_error(*chain);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::invalid_input);
  EXPECT_NE(error->message.find("CN=Chain Root CA"), std::string::npos) << error->message;
}

TEST_P(ChainBuilding, ALoneRootIsItsOwnChain) {
  auto chain = build(chain_fixture("root.pem"));
  ASSERT_TRUE(chain) << describe(chain);
  EXPECT_TRUE(chain->has_root);
  EXPECT_TRUE(chain->findings.empty());
  EXPECT_EQ(chain->certificates(false).size(), 1u);
  EXPECT_EQ(chain->certificates(true).size(), 1u);
}

TEST_P(ChainBuilding, IssuerThatIsNotACaIsRefused) {
  auto chain = build(chain_fixtures({"not-ca.pem", "intermediate2.pem", "root.pem",
                                     "issued-by-not-ca.pem", "intermediate1.pem"}));
  ASSERT_TRUE(chain) << describe(chain);
  ASSERT_EQ(chain->path.size(), 5u);
  const auto* not_ca = find(*chain, ChainFindingKind::issuer_not_ca);
  ASSERT_TRUE(not_ca);
  EXPECT_EQ(not_ca->depth, 1u);
  EXPECT_NE(not_ca->message.find("not-a-ca.chains.example"), std::string::npos) << not_ca->message;
  auto error = chain_error(*chain);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::mismatch);
}

TEST_P(ChainBuilding, ExpiredLeafIsNamedWithItsDepth) {
  auto chain = build(
      chain_fixtures({"root.pem", "intermediate2.pem", "leaf-expired.pem", "intermediate1.pem"}));
  ASSERT_TRUE(chain) << describe(chain);
  EXPECT_EQ(kinds(*chain), std::vector{ChainFindingKind::expired});
  EXPECT_EQ(chain->findings[0].depth, 0u);
  auto error = chain_error(*chain);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::mismatch);
  EXPECT_NE(error->message.find("depth 0"), std::string::npos) << error->message;
  EXPECT_NE(error->message.find("expired.chains.example"), std::string::npos) << error->message;
  EXPECT_NE(error->message.find("2021-01-01T00:00:00Z"), std::string::npos) << error->message;

  // The same chain in 2020 is fine: the time is the caller's.
  options.at = *parse_utc_time("2020-06-01");
  chain = build(
      chain_fixtures({"root.pem", "intermediate2.pem", "leaf-expired.pem", "intermediate1.pem"}));
  ASSERT_TRUE(chain) << describe(chain);
  // ... except that the CA certificates were not valid yet then.
  EXPECT_EQ(std::ranges::count(kinds(*chain), ChainFindingKind::not_yet_valid), 3);
  EXPECT_FALSE(find(*chain, ChainFindingKind::expired));
}

TEST_P(ChainBuilding, NotYetValidIsNamedAtEveryDepth) {
  options.at = *parse_utc_time("2001-01-01T00:00:00Z");
  auto chain = build(chain_fixture("bundle-shuffled.pem"));
  ASSERT_TRUE(chain) << describe(chain);
  ASSERT_EQ(chain->findings.size(), 4u);
  for (std::size_t depth = 0; depth < 4; ++depth) {
    EXPECT_EQ(chain->findings[depth].kind, ChainFindingKind::not_yet_valid);
    EXPECT_EQ(chain->findings[depth].depth, depth);
  }
  EXPECT_EQ(chain_error(*chain)->code, ErrorCode::mismatch);
}

TEST_P(ChainBuilding, UnrelatedCertificateIsNotedAndLeftOut) {
  auto chain = build(chain_fixtures({"unrelated.pem", "bundle-shuffled.pem"}));
  ASSERT_TRUE(chain) << describe(chain);
  EXPECT_EQ(chain->path.size(), 4u);
  EXPECT_EQ(kinds(*chain), std::vector{ChainFindingKind::unrelated});
  EXPECT_NE(chain->findings[0].message.find("Unrelated Root CA"), std::string::npos);
  EXPECT_FALSE(chain_error(*chain));
}

TEST_P(ChainBuilding, TwoChainsSharingARootNeedTheLeafNamed) {
  const auto inputs =
      chain_fixtures({"bundle-shuffled.pem", "second-leaf.pem", "second-intermediate.pem"});
  auto chain = build(inputs);
  ASSERT_FALSE(chain);
  EXPECT_EQ(chain.error().code, ErrorCode::invalid_input);
  EXPECT_NE(chain.error().message.find("leaf.chains.example"), std::string::npos)
      << chain.error().message;
  EXPECT_NE(chain.error().message.find("second.chains.example"), std::string::npos)
      << chain.error().message;

  options.leaf = 4;  // second-leaf.pem
  chain = build(inputs);
  ASSERT_TRUE(chain) << describe(chain);
  ASSERT_EQ(chain->path.size(), 3u);
  EXPECT_EQ(chain->path[0].origin, "second-leaf.pem");
  EXPECT_EQ(chain->path[1].origin, "second-intermediate.pem");
  EXPECT_EQ(chain->path[2].origin, "bundle-shuffled.pem #3");
  EXPECT_EQ(std::ranges::count(kinds(*chain), ChainFindingKind::unrelated), 3);
  EXPECT_FALSE(chain_error(*chain));
}

TEST_P(ChainBuilding, SignatureThatDoesNotVerifyIsAMismatch) {
  auto inputs = chain_fixture("bundle-shuffled.pem");
  inputs[1].der = with_corrupt_signature(inputs[1].der);  // the leaf
  auto chain = build(inputs);
  ASSERT_TRUE(chain) << describe(chain);
  const auto* bad = find(*chain, ChainFindingKind::bad_signature);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->depth, 0u);
  EXPECT_EQ(chain_error(*chain)->code, ErrorCode::mismatch);
}

TEST_P(ChainBuilding, ALoopIsRefused) {
  // A issued by B and B issued by A (cross-signed, neither self-signed): no leaf.
  if (!provider->capabilities().supports(Operation::issue_certificate, KeySpec::ec(Curve::p256)))
    GTEST_SKIP() << GetParam() << " cannot issue certificates with ec:P-256";
  auto key_a = fixture_key(*provider, KeySpec::ec(Curve::p256));
  auto key_b = fixture_key(*provider, KeySpec::ec(Curve::p384));
  ASSERT_TRUE(key_a && key_b);
  auto spki_a = provider->export_public_key(**key_a);
  auto spki_b = provider->export_public_key(**key_b);
  ASSERT_TRUE(spki_a && spki_b);
  const auto spec_a = ca_certificate_spec("Loop A", std::nullopt);
  const auto spec_b = ca_certificate_spec("Loop B", std::nullopt);
  auto self_a = provider->issue_certificate(spec_a, *spki_a, **key_a, std::nullopt);
  auto self_b = provider->issue_certificate(spec_b, *spki_b, **key_b, std::nullopt);
  ASSERT_TRUE(self_a && self_b);
  auto a_by_b = provider->issue_certificate(spec_a, *spki_a, **key_b, ByteView(*self_b));
  auto b_by_a = provider->issue_certificate(spec_b, *spki_b, **key_a, ByteView(*self_a));
  ASSERT_TRUE(a_by_b && b_by_a) << describe(a_by_b) << describe(b_by_a);
  const std::vector<ChainInput> loop = {{*a_by_b, "a"}, {*b_by_a, "b"}};
  auto chain = build(loop);
  ASSERT_FALSE(chain);
  EXPECT_EQ(chain.error().code, ErrorCode::invalid_input);
  EXPECT_NE(chain.error().message.find("loop"), std::string::npos) << chain.error().message;

  // With a leaf under A, the walk up runs into the loop.
  auto leaf = provider->issue_certificate(leaf_certificate_spec("loop.example"), *spki_b, **key_a,
                                          ByteView(*a_by_b));
  ASSERT_TRUE(leaf) << describe(leaf);
  const std::vector<ChainInput> with_leaf = {{*a_by_b, "a"}, {*leaf, "leaf"}, {*b_by_a, "b"}};
  options.at = *parse_utc_time("2030-01-01");
  chain = build(with_leaf);
  ASSERT_FALSE(chain);
  EXPECT_EQ(chain.error().code, ErrorCode::invalid_input);
  EXPECT_NE(chain.error().message.find("loop"), std::string::npos) << chain.error().message;
}

TEST_P(ChainBuilding, PathLengthConstraintCountsTheCasBelow) {
  // root (pathLen 0 or 1) -> intermediate CA -> leaf: pathLen 0 allows no CA below the root.
  if (!provider->capabilities().supports(Operation::issue_certificate, KeySpec::ec(Curve::p256)))
    GTEST_SKIP() << GetParam() << " cannot issue certificates with ec:P-256";
  auto root_key = fixture_key(*provider, KeySpec::ec(Curve::p256));
  auto intermediate_key = fixture_key(*provider, KeySpec::ec(Curve::p384));
  ASSERT_TRUE(root_key && intermediate_key);
  auto root_spki = provider->export_public_key(**root_key);
  auto intermediate_spki = provider->export_public_key(**intermediate_key);
  ASSERT_TRUE(root_spki && intermediate_spki);
  options.at = *parse_utc_time("2030-01-01");
  for (const unsigned allowed : {0u, 1u}) {
    auto root = provider->issue_certificate(ca_certificate_spec("PathLen Root", allowed), *root_spki,
                                            **root_key, std::nullopt);
    ASSERT_TRUE(root) << describe(root);
    auto intermediate = provider->issue_certificate(ca_certificate_spec("PathLen Intermediate", std::nullopt),
                                                    *intermediate_spki, **root_key, ByteView(*root));
    ASSERT_TRUE(intermediate) << describe(intermediate);
    auto leaf = provider->issue_certificate(leaf_certificate_spec("pathlen.example"), *root_spki,
                                            **intermediate_key, ByteView(*intermediate));
    ASSERT_TRUE(leaf) << describe(leaf);
    auto chain = build({{*leaf, "leaf"}, {*intermediate, "intermediate"}, {*root, "root"}});
    ASSERT_TRUE(chain) << describe(chain);
    const ChainFinding* too_long = find(*chain, ChainFindingKind::path_too_long);
    if (allowed == 0) {
      ASSERT_NE(too_long, nullptr) << "pathLenConstraint 0 with a CA below it";
      EXPECT_EQ(too_long->depth, std::optional<std::size_t>(2));
      EXPECT_TRUE(too_long->problem);
      EXPECT_EQ(too_long->code, ErrorCode::mismatch);
    } else {
      EXPECT_EQ(too_long, nullptr) << too_long->message;
    }
  }
}

// A leaf under chains/intermediate2.pem with the extensions of an openssl extfile, made by
// the openssl CLI (no backend writes extensions it does not know).
Bytes leaf_with_extensions(const std::string& extensions) {
  TempDir dir;
  const std::string csr = dir.file("leaf.csr");
  const std::string out = dir.file("leaf.der");
  auto made = run_process({"openssl", "req", "-new", "-key", fixture_path("keys/ec-P-256.pkcs8.pem"),
                           "-subj", "/O=Fixture Chains/CN=extensions.chains.example", "-out", csr});
  if (made.exit_code != 0) throw std::runtime_error(made.err);
  made = run_process({"openssl", "x509", "-req", "-in", csr, "-CA", fixture_path("chains/intermediate2.pem"),
                      "-CAkey", fixture_path("keys/ec-P-521.pkcs8.pem"), "-extfile",
                      dir.write("leaf.ext", as_bytes(extensions)), "-set_serial", "4343", "-days",
                      "6000", "-outform", "DER", "-out", out});
  if (made.exit_code != 0) throw std::runtime_error(made.err);
  return read_bytes(out);
}

TEST_P(ChainBuilding, EveryUnrecognisedCriticalExtensionIsAMismatchAtItsDepth) {
  const Bytes leaf = leaf_with_extensions(
      "basicConstraints=CA:FALSE\n"
      "authorityInfoAccess=critical,caIssuers;URI:http://ca.chains.example/i2.crt\n"
      "1.3.6.1.4.1.11129.2.4.3=critical,ASN1:NULL\n"
      "1.2.3.4.5=ASN1:NULL\n");  // not critical: ignored
  auto inputs = chain_fixtures({"intermediate2.pem", "intermediate1.pem", "root.pem"});
  inputs.push_back(ChainInput{leaf, "leaf.der"});
  options.at = *parse_utc_time("2030-06-01");
  auto chain = build(inputs);
  ASSERT_TRUE(chain) << describe(chain);
  std::vector<const ChainFinding*> refused;
  for (const auto& finding : chain->findings)
    if (finding.kind == ChainFindingKind::unrecognised_critical_extension) refused.push_back(&finding);
  ASSERT_EQ(refused.size(), 2u) << chain_error(*chain)->message;
  for (const ChainFinding* finding : refused) {
    EXPECT_EQ(finding->depth, std::optional<std::size_t>(0));
    EXPECT_TRUE(finding->problem);
  }
  EXPECT_NE(refused[0]->message.find("authorityInfoAccess extension (1.3.6.1.5.5.7.1.1)"), std::string::npos)
      << refused[0]->message;
  EXPECT_NE(refused[1]->message.find("does not recognise, 1.3.6.1.4.1.11129.2.4.3"), std::string::npos)
      << refused[1]->message;
  EXPECT_EQ(refused[1]->message.find("1.2.3.4.5"), std::string::npos);
  const auto error = chain_error(*chain);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::mismatch);
}

TEST(ChainExtensions, RecognisesSixOfTheSeventeenExtensionsOfRfc5280) {
  std::vector<std::string_view> oids, recognised;
  for (const PathExtension& extension : path_extensions()) {
    oids.push_back(extension.oid);
    if (extension.recognised) recognised.push_back(extension.name);
    EXPECT_FALSE(extension.why.empty()) << extension.name;
  }
  EXPECT_EQ(oids.size(), 17u);
  std::ranges::sort(oids);
  EXPECT_EQ(std::ranges::adjacent_find(oids), oids.end()) << "an OID listed twice";
  const std::vector<std::string_view> expected = {"authorityKeyIdentifier", "subjectKeyIdentifier",
                                                  "keyUsage",        "subjectAltName",
                                                  "basicConstraints", "extKeyUsage"};
  EXPECT_EQ(recognised, expected);
}

TEST_P(ChainBuilding, InputThatIsNotACertificateNamesItsOrigin) {
  auto chain = build({ChainInput{fixture("keys/ec-P-256.pkcs8.der"), "key.der"}});
  ASSERT_FALSE(chain);
  EXPECT_EQ(chain.error().code, ErrorCode::invalid_input);
  EXPECT_NE(chain.error().message.find("key.der"), std::string::npos) << chain.error().message;
  EXPECT_FALSE(build({}));
}

TEST_P(ChainBuilding, KeysMatchTheirCertificatesAndRequests) {
  auto leaf = provider->parse_certificate(chain_fixture("leaf.pem").front().der);
  ASSERT_TRUE(leaf) << describe(leaf);
  auto right = fixture_key(*provider, KeySpec::ec(Curve::p256));
  auto wrong = fixture_key(*provider, KeySpec::rsa(2048));
  ASSERT_TRUE(right && wrong);
  EXPECT_EQ(key_matches(*provider, **right, leaf->public_key), true);
  EXPECT_EQ(key_matches(*provider, **wrong, leaf->public_key), false);

  auto request = provider->parse_csr(fixture("x509/ec-P-384.csr.der"));
  ASSERT_TRUE(request) << describe(request);
  auto p384 = fixture_key(*provider, KeySpec::ec(Curve::p384));
  ASSERT_TRUE(p384);
  EXPECT_EQ(key_matches(*provider, **p384, request->public_key), true);
  EXPECT_EQ(key_matches(*provider, **right, request->public_key), false);
  // Same curve, other key; and something that is not a key at all.
  EXPECT_EQ(key_matches(*provider, **right, fixture("keys/ec-P-384.spki.der")), false);
  const Bytes junk = {0x30, 0x03, 0x02, 0x01, 0x01};
  EXPECT_EQ(key_matches(*provider, **right, junk), false);
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, ChainBuilding, ::testing::ValuesIn(backend_names()),
                         [](const auto& param_info) { return param_info.param; });

TEST(ChainTime, ParsesTheDocumentedForms) {
  EXPECT_EQ(parse_utc_time("1970-01-01"), 0);
  EXPECT_EQ(parse_utc_time("2000-03-01T00:00:00Z"), 951868800);
  EXPECT_EQ(parse_utc_time("2030-01-31T12:34:56Z"), 1896093296);
  EXPECT_EQ(parse_utc_time("2030-01-31T12:34:56"), 1896093296);
  EXPECT_EQ(parse_utc_time("@1896093296"), 1896093296);
  EXPECT_EQ(parse_utc_time("2024-02-29"), 1709164800);
  for (const char* bad :
       {"", "now", "2023-02-29", "2030-13-01", "2030-01-32", "2030-1-1", "2030-01-31T25:00:00Z",
        "2030-01-31X12:00:00Z", "@", "@12x", "2030-01-31T12:00Z"}) {
    auto parsed = parse_utc_time(bad);
    EXPECT_FALSE(parsed) << bad;
    if (!parsed) {
      EXPECT_EQ(parsed.error().code, ErrorCode::invalid_input);
    }
  }
}

}  // namespace
}  // namespace polycert::testing
