// `convert --to p12 --profile modern|compat|legacy` on every backend, each file opened by
// the importers users hand PFX files to: the openssl CLI with and without -legacy, Java's
// keytool, NSS's pk12util and GnuTLS's certtool. What `inspect` says of the file (its
// profile, the importers that open it) is held to what those importers actually do, both
// ways: each it names opens the file, each it leaves out refuses it.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

namespace polycert::testing {
namespace {

const std::string kKey = fixture_path("keys/ec-P-256.pkcs8.pem");
const std::string kPassword = "pfx-pr0file pass";  // a test file's password, never a secret
const std::vector<std::string> kImporters = {"openssl", "openssl -legacy", "keytool", "pk12util", "certtool"};

class PfxProfiles : public ::testing::TestWithParam<std::tuple<std::string, std::string>> {
 protected:
  ProcessOptions with_password() const {
    ProcessOptions options;
    options.set_env["PFX_PASS"] = kPassword;
    return options;
  }
  // Whether `importer` opens `pfx` with the password.
  bool opens(const std::string& importer, const std::string& pfx) {
    ProcessResult result;
    if (importer == "openssl" || importer == "openssl -legacy") {
      std::vector<std::string> args{"openssl", "pkcs12", "-in", pfx, "-passin", "env:PFX_PASS", "-noout"};
      if (importer == "openssl -legacy") args.push_back("-legacy");
      result = run_process(args, with_password());
    } else if (importer == "keytool") {
      result = run_process({"keytool", "-list", "-storetype", "PKCS12", "-keystore", pfx, "-storepass:env",
                            "PFX_PASS"},
                           with_password());
    } else if (importer == "pk12util") {
      const std::string db = dir.file("nss-" + std::to_string(++databases));
      std::filesystem::create_directory(db);
      EXPECT_EQ(run_process({"certutil", "-N", "-d", "sql:" + db, "--empty-password"}).exit_code, 0);
      result = run_process({"pk12util", "-i", pfx, "-d", "sql:" + db, "-w", password_file});
    } else {
      result = run_process({"certtool", "--p12-info", "--inder", "--infile", pfx, "--password", kPassword});
    }
    return result.exit_code == 0;
  }

  TempDir dir;
  const std::string password_file = dir.write("password", Bytes(kPassword.begin(), kPassword.end()));
  const std::string certificate = dir.file("pfx.crt");
  int databases = 0;
};

TEST_P(PfxProfiles, InspectNamesTheProfileAndExactlyTheImportersThatOpenIt) {
  const auto& [backend, profile] = GetParam();
  ASSERT_EQ(polycert_cli({"selfsign", "--key", kKey, "--subject", "/CN=pfx.acme.example", "-o", certificate})
                .exit_code,
            0);
  const std::string pfx = dir.file(profile + ".p12");
  const auto written = polycert_cli({"--backend", backend, "convert", certificate, kKey, "--to", "p12", "--profile",
                                     profile, "--passout", "env:PFX_PASS", "-o", pfx},
                                    with_password());
  const bool has_rc2 = backend == "openssl";
  if (profile == "legacy" && !has_rc2) {
    EXPECT_EQ(written.exit_code, 5) << printed(written);
    EXPECT_NE(written.err.find("rc2-40-cbc"), std::string::npos) << written.err;
    EXPECT_FALSE(std::filesystem::exists(pfx));
    return;
  }
  ASSERT_EQ(written.exit_code, 0) << printed(written);
  EXPECT_NE(written.err.find("PFX profile " + profile + ", " + (profile == "modern" ? "600000" : "2048") +
                            " iterations"),
            std::string::npos)
      << written.err;

  // inspect reads it on the openssl backend (the one with RC2 for every profile).
  const auto shown = polycert_cli({"inspect", pfx, "--passin", "env:PFX_PASS", "--json"}, with_password());
  ASSERT_EQ(shown.exit_code, 0) << printed(shown);
  const auto document = nlohmann::json::parse(shown.out);
  const auto summary = std::find_if(document["objects"].begin(), document["objects"].end(),
                                    [](const auto& object) { return object["kind"] == "pkcs12"; });
  ASSERT_NE(summary, document["objects"].end()) << shown.out;
  EXPECT_EQ((*summary)["profile"], profile);
  // Every backend reads it but where RC2 is missing; the untested importers are labelled
  // as documented.
  std::vector<std::string> readers;
  for (const std::string& name : backend_names())
    if (profile != "legacy" || name == "openssl") readers.push_back(name);
  EXPECT_EQ((*summary)["backends_read"].get<std::vector<std::string>>(), readers);
  EXPECT_FALSE((*summary)["documented_for"].empty());
  const auto claimed = (*summary)["opens_in"].get<std::vector<std::string>>();
  for (const std::string& importer : kImporters) {
    const bool named = std::ranges::find(claimed, importer) != claimed.end();
    EXPECT_EQ(opens(importer, pfx), named) << importer << (named ? " is named but does not open " : " opens ")
                                           << profile << " written by " << backend;
  }
}

INSTANTIATE_TEST_SUITE_P(EveryBackendAndProfile, PfxProfiles,
                         ::testing::Combine(::testing::ValuesIn(backend_names()),
                                            ::testing::Values("modern", "compat", "legacy")),
                         [](const ::testing::TestParamInfo<std::tuple<std::string, std::string>>& test) {
                           return std::get<0>(test.param) + "_" + std::get<1>(test.param);
                         });

}  // namespace
}  // namespace polycert::testing
