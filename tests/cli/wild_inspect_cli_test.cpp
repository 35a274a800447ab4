// `polycert inspect` on what exists in the wild (tests/fixtures/wild, docs/strictness.md):
// every backend gives the same verdict and the same document, a signature is "verifies",
// "does not verify" or "cannot be checked" (never a guess), and weak ones say so.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"

#include <nlohmann/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

namespace polycert::testing {
namespace {

using json = nlohmann::json;

json inspect_json(const std::string& backend, const std::string& wild_file, int expected_exit = 0) {
  const auto result =
      polycert_cli({"--backend", backend, "inspect", "--json", fixture_path("wild/" + wild_file)});
  EXPECT_EQ(result.exit_code, expected_exit) << printed(result);
  return result.exit_code == expected_exit && !result.out.empty() ? json::parse(result.out)["objects"][0]
                                                                  : json();
}

class WildInspect : public ::testing::TestWithParam<std::string> {};

TEST_P(WildInspect, RefusesWhatRfc5280ForbidsWithExit3NamingTheRule) {
  for (const auto& [file, says] : {std::pair{"version-7.der", "4.1.2.1"}, std::pair{"algorithm-mismatch.der", "4.1.1.2"},
                                   std::pair{"v1-with-extensions.der", "4.1.2.9"},
                                   std::pair{"extension-twice.der", "4.2"}}) {
    const auto result = polycert_cli({"--backend", GetParam(), "inspect", fixture_path(std::string("wild/") + file)});
    EXPECT_EQ(result.exit_code, 3) << file << "\n" << printed(result);
    EXPECT_NE(result.err.find(says), std::string::npos) << file << ": " << result.err;
  }
}

TEST_P(WildInspect, ReadsOddSerialsWithAWarning) {
  const json negative = inspect_json(GetParam(), "serial-negative.der");
  EXPECT_EQ(negative["serial"], "-01");
  ASSERT_EQ(negative["warnings"].size(), 1u);
  EXPECT_EQ(inspect_json(GetParam(), "serial-zero.der")["serial"], "00");
}

TEST_P(WildInspect, ReadsKeysItCannotUseAndSaysSo) {
  const json dsa = inspect_json(GetParam(), "dsa.der");
  EXPECT_EQ(dsa["public_key"]["spec"], "dsa");
  EXPECT_EQ(dsa["public_key"]["bits"], 2048);
  EXPECT_EQ(dsa["public_key"]["usable"], false);
  const json x25519 = inspect_json(GetParam(), "x25519-issued.der");
  EXPECT_EQ(x25519["public_key"]["spec"], "x25519");
}

TEST_P(WildInspect, ShowsEveryNameForm) {
  const json names = inspect_json(GetParam(), "san-all-forms.der")["extensions"]["subject_alt_names"];
  ASSERT_EQ(names.size(), 6u) << names.dump();
  EXPECT_EQ(names[1], "othername:1.3.6.1.4.1.311.20.2.3;upn@wild.example");
  EXPECT_EQ(names[3], "DirName:/CN=dir");
  EXPECT_EQ(names[5], "RID:1.2.3.4");
  EXPECT_EQ(inspect_json(GetParam(), "dn-bit-string.der")["subject"],
            "/O=Polycert Wild/CN=base.wild.example/2.5.4.45=#030400010203");
}

TEST_P(WildInspect, ASignatureTheBackendCannotCheckIsSaidSoAndNamesOneThatCan) {
  // MD4: only Mbed TLS checks it (OpenSSL 3.0 has a wrong MD4 DigestInfo, Botan none).
  const json md4 = inspect_json(GetParam(), "md4-rsa.der");
  EXPECT_EQ(md4["weak"], true);
  EXPECT_EQ(md4["weaknesses"][0], "MD4 signature");
  if (GetParam() == "mbedtls") {
    EXPECT_EQ(md4["signature_status"], "verifies");
  } else {
    EXPECT_EQ(md4["signature_status"], "cannot be checked");
    EXPECT_TRUE(md4["signature_valid"].is_null());
    const std::string note = md4["signature_note"];
    const auto backends = backend_names();
    if (std::ranges::find(backends, "mbedtls") != backends.end()) {
      EXPECT_NE(note.find("the mbedtls backend can check it"), std::string::npos) << note;
    }
  }
}

TEST_P(WildInspect, ACorruptSignatureDoesNotVerifyAndIsExit6) {
  const json corrupt = inspect_json(GetParam(), "ca-corrupt-signature.der", 6);
  EXPECT_EQ(corrupt["signature_status"], "does not verify");
  EXPECT_EQ(corrupt["signature_valid"], false);
}

TEST(WildInspect, EveryBackendWritesTheSameDocument) {
  for (const char* file : {"base.der", "serial-negative.der", "serial-zero.der", "dn-bit-string.der",
                           "san-all-forms.der", "dsa.der", "ed448.der", "rsa-pss.der",
                           "x25519-issued.der", "sha1-rsa-oiw.der", "md5-rsa.der"}) {
    json first;
    for (const std::string& backend : backend_names()) {
      json object = inspect_json(backend, file);
      for (const char* checked_by_each : {"signature_status", "signature_valid", "signature_note"})
        object.erase(checked_by_each);
      if (first.is_null()) first = object;
      EXPECT_EQ(object, first) << file << " on " << backend;
    }
  }
}

// Debian's ca-certificates (scripts/setup.sh installs it): every Mozilla root, read by every
// backend, gives one document: names, serials (nine are 0), keys, extensions, fingerprints
// and the signature status.
TEST(CaCertificates, EveryRootReadsTheSameOnEveryBackend) {
  const std::filesystem::path roots = "/usr/share/ca-certificates/mozilla";
  if (!std::filesystem::is_directory(roots)) GTEST_SKIP() << roots << " is missing: install ca-certificates";
  // Every root in one inspect per backend (a process each would be ~430 starts, minutes
  // under ASan); each object names its file, so the documents compare root by root.
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(roots))
    if (entry.path().extension() == ".crt") files.push_back(entry.path().string());
  std::ranges::sort(files);
  ASSERT_GT(files.size(), 100u);
  json first;
  std::string first_backend;
  for (const std::string& backend : backend_names()) {
    std::vector<std::string> args = {"--backend", backend, "inspect", "--json"};
    args.insert(args.end(), files.begin(), files.end());
    const auto result = polycert_cli(args);
    ASSERT_EQ(result.exit_code, 0) << backend << "\n" << printed(result);
    const json objects = json::parse(result.out)["objects"];
    ASSERT_EQ(objects.size(), files.size()) << backend;
    if (first.is_null()) {
      first = objects;
      first_backend = backend;
      continue;
    }
    for (std::size_t i = 0; i < files.size(); ++i)
      EXPECT_EQ(objects[i], first[i]) << files[i] << " on " << backend << " and " << first_backend;
  }
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, WildInspect, ::testing::ValuesIn(backend_names()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace polycert::testing
