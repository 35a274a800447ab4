// PEM bags with junk, end to end on every backend (docs/pem-bags.md): a file of good
// blocks, explanatory text and malformed blocks. `inspect` shows the good objects, names
// each bad block as file:LINE on standard error and exits 3; `convert`, `chain` and `match`
// refuse the file (exit 3, nothing written), naming every bad block the same way. Text
// outside the blocks is never a problem.
#include "backend_cases.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "temp_dir.hpp"

#include <polycert/pem.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

namespace polycert::testing {
namespace {

std::string text_of(ByteView bytes) { return std::string(bytes.begin(), bytes.end()); }

std::size_t line_count(const std::string& text) {
  return static_cast<std::size_t>(std::ranges::count(text, '\n'));
}

// A bag as a CA's mail might hold it, built line by line so the test knows where each
// block begins.
struct Bag {
  std::string text;
  std::size_t add(const std::string& block) {  // the line the block begins on
    const std::size_t line = line_count(text) + 1;
    text += block;
    return line;
  }
};

// chains/intermediate2.pem with a '*' in the middle of its third line: bad base64.
std::string corrupted_intermediate() {
  std::string text = text_of(fixture("chains/intermediate2.pem"));
  const std::size_t third = text.find('\n', text.find('\n') + 1) + 1;
  text[third + 10] = '*';
  return text;
}

class PemBagCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    bag_.add("Certificates for leaf.chains.example, as the CA sent them\n\n");
    leaf_line_ = bag_.add(text_of(fixture("chains/leaf.pem")));
    bad_base64_line_ = bag_.add(corrupted_intermediate());
    bag_.add("the next one is the first intermediate\n");
    bag_.add(text_of(fixture("chains/intermediate1.pem")));
    lying_line_ = bag_.add(text_of(pem_encode("CERTIFICATE", fixture("keys/rsa-2048.pkcs8.der"))));
    bag_.add(text_of(fixture("chains/intermediate2.pem")));
    bag_.add("-- end of the bag --\n");
    path_ = dir_.write("bag.pem", as_bytes(bag_.text));
  }

  ProcessResult run(const std::string& command, std::vector<std::string> args) {
    args.insert(args.begin(), {"--backend", GetParam(), command});
    return polycert_cli(args);
  }
  std::string named(std::size_t line) const { return path_ + ":" + std::to_string(line) + ": "; }
  std::string bad_base64() const {
    return named(bad_base64_line_) + "PEM block 'CERTIFICATE' has bad base64 at line " +
           std::to_string(bad_base64_line_ + 2) + " ('*' is not a base64 character)";
  }
  std::string lying() const {
    return named(lying_line_) + "PEM block 'CERTIFICATE' holds a private key, not a certificate";
  }

  TempDir dir_;
  Bag bag_;
  std::string path_;
  std::size_t leaf_line_ = 0, bad_base64_line_ = 0, lying_line_ = 0;
};

TEST_P(PemBagCli, InspectShowsTheGoodObjectsNamesEachBadBlockAndExits3) {
  const auto result = run("inspect", {path_});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  EXPECT_EQ(leaf_line_, 3u);
  // The three good certificates, in file order (a subject line is followed by the issuer's).
  const auto leaf = result.out.find("CN=leaf.chains.example\n  issuer:");
  const auto first = result.out.find("CN=Chain Intermediate 1\n  issuer:");
  const auto second = result.out.find("CN=Chain Intermediate 2\n  issuer:");
  EXPECT_TRUE(leaf < first && first < second && second != std::string::npos) << result.out;
  // Each bad block on its own line of standard error, with the file, its line and the fault.
  EXPECT_NE(result.err.find(bad_base64() + "\n"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(lying() + "\n"), std::string::npos) << result.err;
  EXPECT_LT(result.err.find(bad_base64()), result.err.find(lying())) << "in file order";
}

TEST_P(PemBagCli, InspectJsonHoldsTheGoodObjectsAndStillExits3) {
  const auto result = run("inspect", {"--json", path_});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  const auto document = nlohmann::json::parse(result.out);
  ASSERT_EQ(document["objects"].size(), 3u) << result.out;
  for (const auto& object : document["objects"]) EXPECT_EQ(object["kind"], "certificate");
  EXPECT_NE(result.err.find(bad_base64()), std::string::npos) << result.err;
}

TEST_P(PemBagCli, ConvertRefusesTheBagAndWritesNothing) {
  const std::string out = dir_.file("out.pem");
  const auto result = run("convert", {path_, "--to", "pem", "-o", out});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  EXPECT_NE(result.err.find(bad_base64()), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(lying()), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("the file is refused whole, its 3 readable objects too"), std::string::npos)
      << result.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_P(PemBagCli, ChainRefusesTheBagAndWritesNothing) {
  const std::string out = dir_.file("chain.pem");
  const auto result =
      run("chain", {"--at", "2030-06-01", path_, fixture_path("chains/root.pem"), "-o", out});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  EXPECT_NE(result.err.find(bad_base64()), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_P(PemBagCli, MatchRefusesTheBagAndADirectoryRunSkipsIt) {
  const std::string key = fixture_path("keys/ec-P-256.pkcs8.pem");  // the leaf's key
  const auto result = run("match", {path_, key});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  EXPECT_NE(result.err.find(bad_base64()), std::string::npos) << result.err;
  EXPECT_EQ(result.out.find("matches"), std::string::npos) << "no verdict on a refused file";

  // In a folder, the bag is one of the files that cannot be read: named and skipped.
  TempDir folder;
  folder.write("bag.pem", as_bytes(bag_.text));
  folder.write("leaf.key", fixture("keys/ec-P-256.pkcs8.pem"));
  const auto listed = run("match", {"--dir", folder.path().string()});
  EXPECT_EQ(listed.exit_code, 0) << printed(listed);
  EXPECT_NE(listed.err.find("skipped " + folder.file("bag.pem")), std::string::npos) << listed.err;
  EXPECT_NE(listed.err.find("has bad base64"), std::string::npos) << listed.err;
  EXPECT_NE(listed.out.find("leaf.key: no certificate or request"), std::string::npos) << listed.out;
}

TEST_P(PemBagCli, TextAroundGoodBlocksIsNeverAProblem) {
  Bag clean;
  clean.add("Your certificate:\n");
  clean.add(text_of(fixture("chains/leaf.pem")));
  clean.add("\nIntermediate certificates (install both):\n  subject=/CN=Chain Intermediate 2\n");
  clean.add(text_of(fixture("chains/intermediate2.pem")));
  clean.add(text_of(fixture("chains/intermediate1.pem")));
  clean.add("Thank you for your order.\n");
  const std::string bag = dir_.write("clean.pem", as_bytes(clean.text));

  auto result = run("inspect", {bag});
  EXPECT_EQ(result.exit_code, 0) << printed(result);
  const std::string out = dir_.file("chain.pem");
  result = run("chain", {"--at", "2030-06-01", bag, "-o", out});
  EXPECT_EQ(result.exit_code, 0) << printed(result);
  result = run("convert", {bag, "--to", "p7b", "-o", dir_.file("bag.p7b")});
  EXPECT_EQ(result.exit_code, 0) << printed(result);
  result = run("match", {bag, fixture_path("keys/ec-P-256.pkcs8.pem")});
  EXPECT_EQ(result.exit_code, 0) << printed(result);
}

TEST_P(PemBagCli, EveryKindOfBrokenArmorIsNamedWithItsLine) {
  const std::string leaf = text_of(fixture("chains/leaf.pem"));
  std::string no_end = leaf.substr(0, leaf.find("-----END"));
  std::string mismatched = leaf;
  mismatched.replace(mismatched.find("-----END CERTIFICATE-----"), 25, "-----END X509 CRL-----");
  Bag bag;
  const std::size_t cut = bag.add(no_end);
  const std::size_t good = bag.add(leaf);
  const std::size_t wrong_end = bag.add(mismatched);
  const std::size_t stray = bag.add("-----END CERTIFICATE-----\n");
  const std::string path = dir_.write("broken.pem", as_bytes(bag.text));

  const auto result = run("inspect", {path});
  EXPECT_EQ(result.exit_code, 3) << printed(result);
  EXPECT_NE(result.out.find("CN=leaf.chains.example"), std::string::npos) << "the good one is shown";
  const auto at = [&](std::size_t line) { return path + ":" + std::to_string(line) + ": "; };
  EXPECT_NE(result.err.find(at(cut) + "PEM block 'CERTIFICATE' has no END line (another BEGIN line "
                                      "follows at line " + std::to_string(good) + ")"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find(at(wrong_end) + "PEM block 'CERTIFICATE' ends with '-----END X509 CRL-----'"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find(at(stray) + "an END line ('-----END CERTIFICATE-----') without a BEGIN line"),
            std::string::npos)
      << result.err;
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, PemBagCli, ::testing::ValuesIn(backend_names()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace polycert::testing
