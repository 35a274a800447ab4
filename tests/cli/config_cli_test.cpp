// The config file: its defaults change what `polycert req` writes, the command line and
// the environment override them, and a mistake in it is a clear usage error naming
// file:line with nothing written. The openssl CLI reads what was written.
#include "cli_runner.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace polycert::testing {
namespace {

// `openssl req -text` of a request: subject, signature algorithm, key.
std::string request_text(const std::string& csr) {
  const auto text = run_process({"openssl", "req", "-in", csr, "-noout", "-text", "-nameopt", "RFC2253"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  return text.out;
}

// The ASN.1 string type of each name value, as openssl's -nameopt show_type prints it.
std::string subject_types(const std::string& csr) {
  return run_process({"openssl", "req", "-in", csr, "-noout", "-subject", "-nameopt",
                      "RFC2253,show_type"})
      .out;
}

class ConfigFile : public ::testing::Test {
 protected:
  std::string write_config(const std::string& text, const std::string& name = "config") {
    const auto path = dir_.file(name);
    std::ofstream(path) << text;
    return path;
  }
  ProcessResult polycert(std::vector<std::string> args, ProcessOptions options = {}) {
    return polycert_cli(std::move(args), std::move(options));
  }

  TempDir dir_;
};

constexpr const char* kReqDefaults =
    "# what this team always asks for\n"
    "[default]\n"
    "backend = mbedtls\n"
    "\n"
    "[req]\n"
    "subject = /C=US/O=Acme/CN=from-config.acme.com\n"
    "digest = sha384\n"
    "new-key = ec:P-384\n"
    "string-type = printable\n";

TEST_F(ConfigFile, ReqDefaultsChangeWhatIsWritten) {
  const auto config = write_config(kReqDefaults);
  const auto csr = dir_.file("r.csr");
  const auto result = polycert({"--config", config, "req", "--key-out", dir_.file("k.pem"), "-o", csr});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_NE(result.err.find("[mbedtls]"), std::string::npos) << result.err;

  const auto text = request_text(csr);
  EXPECT_NE(text.find("Subject: CN=from-config.acme.com,O=Acme,C=US"), std::string::npos) << text;
  EXPECT_NE(text.find("ecdsa-with-SHA384"), std::string::npos) << text;
  EXPECT_NE(text.find("NIST CURVE: P-384"), std::string::npos) << text;
  EXPECT_NE(subject_types(csr).find("CN=PRINTABLESTRING:from-config.acme.com"), std::string::npos)
      << subject_types(csr);
}

TEST_F(ConfigFile, CommandLineOverridesTheConfig) {
  const auto config = write_config(kReqDefaults);
  const auto csr = dir_.file("r.csr");
  const auto result = polycert({"--config", config, "--backend", "openssl", "req", "--key-out",
                                dir_.file("k.pem"), "-o", csr, "--subject", "/CN=typed.acme.com",
                                "--digest", "sha256", "--new-key", "ec:P-256", "--string-type", "utf8"});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_NE(result.err.find("[openssl]"), std::string::npos) << result.err;
  const auto text = request_text(csr);
  EXPECT_NE(text.find("Subject: CN=typed.acme.com"), std::string::npos) << text;
  EXPECT_NE(text.find("ecdsa-with-SHA256"), std::string::npos) << text;
  EXPECT_NE(text.find("NIST CURVE: P-256"), std::string::npos) << text;
  EXPECT_NE(subject_types(csr).find("CN=UTF8STRING:typed.acme.com"), std::string::npos);
}

TEST_F(ConfigFile, AnExistingKeyOnTheCommandLineWinsOverTheConfigsNewKey) {
  const auto config = write_config(kReqDefaults);
  const auto key = dir_.file("existing.pem");
  ASSERT_EQ(polycert({"genkey", "ec:P-256", "-o", key}).exit_code, 0);
  const auto csr = dir_.file("r.csr");
  const auto result = polycert({"--config", config, "req", "--key", key, "-o", csr});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_NE(request_text(csr).find("NIST CURVE: P-256"), std::string::npos);
}

TEST_F(ConfigFile, EnvironmentBackendComesBeforeTheConfigs) {
  const auto config = write_config(kReqDefaults);
  ProcessOptions options;
  options.set_env["POLYCERT_BACKEND"] = "botan";
  const auto result = polycert({"req", "--config", config, "--key-out", dir_.file("k.pem"), "-o",
                                dir_.file("r.csr")},
                               options);
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_NE(result.err.find("[botan]"), std::string::npos) << result.err;
}

TEST_F(ConfigFile, IsFoundUnderXdgConfigHomeWithoutConfigOption) {
  std::filesystem::create_directories(dir_.path() / "xdg" / "polycert");
  write_config("[genkey]\nformat = der\ntraditional = true\n", "xdg/polycert/config");
  ProcessOptions options;
  options.set_env["XDG_CONFIG_HOME"] = (dir_.path() / "xdg").string();
  const auto key = dir_.file("k.der");
  const auto result = polycert({"genkey", "ec:P-256", "-o", key}, options);
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  // A traditional (SEC1) EC key in DER: openssl reads it as such.
  const auto check = run_process({"openssl", "ec", "-inform", "DER", "-in", key, "-noout", "-check"});
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

TEST_F(ConfigFile, IsFoundUnderHomeWhenXdgConfigHomeIsUnset) {
  std::filesystem::create_directories(dir_.path() / ".config" / "polycert");
  write_config("[default]\nbackend = botan\n", ".config/polycert/config");
  ProcessOptions options;
  options.unset_env = {"XDG_CONFIG_HOME"};
  options.set_env["HOME"] = dir_.path().string();
  const auto result = polycert({"genkey", "ec:P-256", "-o", dir_.file("k.pem")}, options);
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_NE(result.err.find("[botan]"), std::string::npos) << result.err;
}

TEST_F(ConfigFile, CommentsEndAValueUnlessItIsQuoted) {
  const auto config = write_config(
      "; a comment\n"
      "[req]   \n"
      "subject = \"/O=Hash#Tag/CN=quoted.acme.com\"   # the team's name has a '#'\n"
      "new-key = ec:P-256 # a comment after a blank\n");
  const auto csr = dir_.file("r.csr");
  const auto result = polycert({"--config", config, "req", "--key-out", dir_.file("k.pem"), "-o", csr});
  ASSERT_EQ(result.exit_code, 0) << printed(result);
  EXPECT_NE(request_text(csr).find("Subject: CN=quoted.acme.com,O=Hash#Tag"), std::string::npos)
      << request_text(csr);
}

struct BadConfig {
  const char* name;
  const char* text;
  const char* message;
};

class BadConfigFile : public ConfigFile, public ::testing::WithParamInterface<BadConfig> {};

TEST_P(BadConfigFile, IsAUsageErrorNamingFileAndLineWithNothingWritten) {
  const auto config = write_config(GetParam().text);
  const auto key = dir_.file("k.pem");
  const auto result = polycert({"--config", config, "genkey", "ec:P-256", "-o", key});
  EXPECT_EQ(result.exit_code, 2) << printed(result);
  EXPECT_NE(result.err.find(config + ":" + GetParam().message), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(key));
}

INSTANTIATE_TEST_SUITE_P(
    Mistakes, BadConfigFile,
    ::testing::Values(
        BadConfig{"unknown_section", "[genkey]\nformat = pem\n\n[genkeys]\nformat = der\n",
                  "4: [genkeys] is not a polycert command"},
        BadConfig{"unknown_option", "[genkey]\nfromat = der\n",
                  "2: [genkey] 'fromat' is not an option of polycert genkey"},
        BadConfig{"bad_switch", "[genkey]\ntraditional = maybe\n",
                  "2: traditional is a switch: true or false, not 'maybe'"},
        BadConfig{"no_equals", "[genkey]\nformat der\n",
                  "2: expected 'key = value', [section] or a # comment"},
        BadConfig{"before_section", "format = der\n", "1: 'format' comes before any [section]"},
        BadConfig{"command_option_in_default", "[default]\nformat = der\n",
                  "2: [default] holds backend, quiet and max-kdf-iterations"},
        BadConfig{"bad_default_quiet", "[default]\nquiet = quietly\n",
                  "2: quiet is a switch: true or false, not 'quietly'"}),
    [](const auto& test) { return std::string(test.param.name); });

TEST_F(ConfigFile, DefaultQuietTakesEverySwitchSpelling) {
  for (const std::string on : {"true", "yes", "on", "1"}) {
    const auto config = write_config("[default]\nquiet = " + on + "\n");
    const auto key = dir_.file("quiet-" + on + ".pem");
    const auto result = polycert({"--config", config, "genkey", "ec:P-256", "-o", key});
    EXPECT_EQ(result.exit_code, 0) << printed(result);
    EXPECT_EQ(result.err, "") << "quiet = " << on;
  }
  const auto config = write_config("[default]\nquiet = off\n");
  const auto result = polycert({"--config", config, "genkey", "ec:P-256", "-o", dir_.file("loud.pem")});
  EXPECT_NE(result.err.find("Wrote"), std::string::npos) << printed(result);
}

TEST_F(ConfigFile, AMissingConfigOptionFileIsAnError) {
  const auto result = polycert({"--config", dir_.file("absent"), "genkey", "ec:P-256"});
  EXPECT_EQ(result.exit_code, 2) << printed(result);
  EXPECT_NE(result.err.find("absent"), std::string::npos) << result.err;
  EXPECT_EQ(result.out, "");
}

TEST_F(ConfigFile, AValueTheOptionRefusesIsReportedWithTheConfigFile) {
  const auto config = write_config("[genkey]\nformat = pem\nformat = der\n");
  const auto result = polycert({"--config", config, "genkey", "ec:P-256"});
  EXPECT_EQ(result.exit_code, 2) << printed(result);
  EXPECT_NE(result.err.find(config + ": [genkey]"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace polycert::testing
