// Names and file names are strangers' bytes: whatever a certificate's subject, issuer,
// subjectAltName or a PKCS#12 friendly name holds, and whatever a file is called, the text
// output of inspect, chain, sign and match shows ESC, BEL, CR and LF as \x1b-style escapes
// (terminal_text), on every backend, and --json still carries them as they are. The hostile
// files are made by the openssl CLI, which writes such names without complaint.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

namespace polycert::testing {
namespace {

namespace fs = std::filesystem;

// ESC ] ... BEL sets the terminal's title; CR LF would forge a line of output.
const std::string kSubject = "/CN=evil\x1b]0;owned\x07/O=line\r\nforged: ok";
const std::string kShownCommonName = "CN=evil\\x1b]0;owned\\x07";
const std::string kShownOrganisation = "O=line\\x0d\\x0aforged: ok";
const std::string kSan = "subjectAltName=DNS:a\x1b[2Jb.example";  // ESC [ 2 J clears the screen
const std::string kShownSan = "DNS:a\\x1b[2Jb.example";
const std::string kFriendlyName = "name\x1b[31mred";
const std::string kShownFriendlyName = "name\\x1b[31mred";
const std::string kFileName = "evil\x1b[2J.pem";
const std::string kShownFileName = "evil\\x1b[2J.pem";

// A byte a terminal acts on: any control character but the line feeds polycert itself ends
// its lines with.
bool drives_the_terminal(std::string_view text) {
  for (unsigned char c : text)
    if ((c < 0x20 && c != '\n') || c == 0x7F) return true;
  return false;
}

void openssl(std::vector<std::string> args) {
  args.insert(args.begin(), "openssl");
  const auto made = run_process(args);
  ASSERT_EQ(made.exit_code, 0) << made.err;
}

class TerminalTextCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    openssl({"genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key_});
    openssl({"req", "-x509", "-new", "-key", key_, "-utf8", "-subj", kSubject, "-addext", kSan,
             "-days", "30", "-out", certificate_});
    openssl({"pkcs12", "-export", "-name", kFriendlyName, "-in", certificate_, "-inkey", key_,
             "-passout", "pass:p12-password", "-out", pfx_});
  }
  ProcessResult polycert(std::vector<std::string> args) {
    args.insert(args.begin(), {"--backend", GetParam()});
    return polycert_cli(std::move(args));
  }

  TempDir dir_;
  const std::string key_ = dir_.file("key.pem");
  const std::string certificate_ = dir_.file(kFileName);
  const std::string pfx_ = dir_.file("named.p12");
};

TEST_P(TerminalTextCli, InspectShowsNamesSansFriendlyNamesAndFileNamesEscaped) {
  const auto result = polycert({"inspect", certificate_, pfx_, "--passin", "pass:p12-password"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_FALSE(drives_the_terminal(result.out)) << result.out;
  for (const std::string& shown : {kShownCommonName, kShownOrganisation, kShownSan,
                                   kShownFriendlyName, kShownFileName})
    EXPECT_NE(result.out.find(shown), std::string::npos) << shown << "\n" << result.out;
  EXPECT_EQ(result.out.find("\nforged"), std::string::npos) << "a line was forged";
}

TEST_P(TerminalTextCli, InspectJsonStillCarriesTheNamesAsTheyAre) {
  const auto result = polycert({"inspect", certificate_, "--json"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  const auto document = nlohmann::json::parse(result.out);
  const auto& object = document["objects"][0];
  EXPECT_EQ(object["file"], certificate_);
  EXPECT_NE(object["subject"].get<std::string>().find("evil\x1b]0;owned\x07"), std::string::npos);
}

TEST_P(TerminalTextCli, ChainShowsNamesAndFileNamesEscaped) {
  const auto result = polycert({"chain", certificate_});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_FALSE(drives_the_terminal(result.err)) << result.err;
  for (const std::string& shown : {kShownCommonName, kShownOrganisation, kShownFileName})
    EXPECT_NE(result.err.find(shown), std::string::npos) << shown << "\n" << result.err;
}

TEST_P(TerminalTextCli, SignShowsTheRequestsSubjectEscapedWhateverItDecides) {
  const std::string request = dir_.file("request.csr");
  openssl({"req", "-new", "-key", key_, "-utf8", "-subj", kSubject, "-out", request});
  const auto result = polycert({"sign", "--csr", request, "--ca-cert", certificate_, "--ca-key",
                                key_, "-o", dir_.file("issued.pem")});
  // Whether such a subject is issued is issuance policy; what is printed is escaped either way.
  EXPECT_FALSE(drives_the_terminal(result.err)) << result.err;
  EXPECT_NE(result.err.find(kShownCommonName), std::string::npos) << printed(result);
}

TEST_P(TerminalTextCli, MatchDirShowsFileNamesAndSubjectsEscaped) {
  const fs::path folder = dir_.path() / "pairs";
  fs::create_directory(folder);
  fs::copy_file(certificate_, folder / kFileName);
  fs::copy_file(key_, folder / "key\x07.key");
  for (const bool json : {false, true}) {
    std::vector<std::string> args = {"match", "--dir", folder.string()};
    if (json) args.push_back("--json");
    const auto result = polycert(args);
    ASSERT_EQ(result.exit_code, 0) << printed(result);
    if (json) {
      EXPECT_NO_THROW(nlohmann::json::parse(result.out)) << result.out;
      continue;
    }
    EXPECT_FALSE(drives_the_terminal(result.out)) << result.out;
    EXPECT_NE(result.out.find("key\\x07.key: matches " + (folder / kShownFileName).string()),
              std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find(kShownCommonName), std::string::npos) << result.out;
  }
}

TEST_P(TerminalTextCli, AnErrorNamingAFileShowsTheNameEscaped) {
  const auto result = polycert({"inspect", dir_.file("missing\x1b[31m\r.pem")});
  EXPECT_EQ(result.exit_code, 1) << printed(result);
  EXPECT_FALSE(drives_the_terminal(result.err)) << result.err;
  EXPECT_NE(result.err.find("missing\\x1b[31m\\x0d.pem: cannot open"), std::string::npos)
      << result.err;
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, TerminalTextCli, ::testing::ValuesIn(backend_names()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace polycert::testing
