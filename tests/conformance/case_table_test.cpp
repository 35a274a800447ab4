// The conformance case table (conformance/): exactly the cases `polycert conformance`
// runs — built-in and the committed fixtures as a corpus (fixtures/manifest.tsv) — one
// test each. A FAIL fails the test; a SKIP skips it with the missing capability; an XFAIL
// passes with the known gap's reason printed.
#include "backend_cases.hpp"
#include "fixtures.hpp"

#include <polycert/conformance/cases.hpp>
#include <polycert/conformance/corpus.hpp>

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <stdexcept>

namespace polycert::testing {
namespace {

namespace conf = polycert::conformance;

const std::vector<conf::Case>& table() {
  static const std::vector<conf::Case> cases = [] {
    std::vector<conf::Case> all = conf::builtin_cases(backend_names());
    auto corpus = conf::read_corpus_manifest(fixture_path(""));
    if (!corpus) throw std::runtime_error("fixtures/manifest.tsv: " + corpus.error().message);
    for (conf::Case& c : conf::corpus_cases(*corpus, backend_names())) all.push_back(std::move(c));
    return all;
  }();
  return cases;
}

conf::Workspace& workspace() {
  static const std::unique_ptr<conf::Workspace> shared = [] {
    auto opened = conf::Workspace::open(backend_names());
    if (!opened) throw std::runtime_error(opened.error().message);
    // Key generation cases use the run's shared cache: each backend generates each spec once.
    (*opened)->set_generator(generated_key);
    return std::move(*opened);
  }();
  return *shared;
}

std::string printed(const conf::CaseRecord& record) {
  std::string text = record.result.reason;
  for (const conf::Difference& d : record.result.differences)
    text += "\n  " + d.field + (d.matters ? " (matters): " : " (cosmetic): ") + d.left_source +
            " " + d.left + " | " + d.right_source + " " + d.right + " — " + d.why;
  return text;
}

class ConformanceCase : public ::testing::TestWithParam<std::size_t> {};

TEST_P(ConformanceCase, DoesNotFail) {
  const conf::Case& test_case = table().at(GetParam());
  const conf::CaseRecord record = conf::run_case(test_case, workspace());
  switch (record.result.outcome) {
    case conf::Outcome::pass:
      break;
    case conf::Outcome::skip:
      GTEST_SKIP() << record.result.reason;
    case conf::Outcome::xfail:
      std::cout << "XFAIL " << test_case.id << ": " << record.result.reason << "\n";
      break;
    case conf::Outcome::fail:
      ADD_FAILURE() << test_case.id << ": " << printed(record);
      break;
  }
}

// "keys/pkcs8/ec:P-256/openssl->botan" -> "keys_pkcs8_ec_P_256_openssl_to_botan".
std::string case_name(const ::testing::TestParamInfo<std::size_t>& info) {
  const std::string& id = table().at(info.param).id;
  std::string name;
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (id.compare(i, 2, "->") == 0) {
      name += "_to_";
      ++i;
    } else {
      name += std::isalnum(static_cast<unsigned char>(id[i])) ? id[i] : '_';
    }
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Table, ConformanceCase, ::testing::Range<std::size_t>(0, table().size()),
                         case_name);

TEST(ConformanceTable, CaseIdsAreUnique) {
  std::set<std::string> ids;
  for (const conf::Case& c : table()) EXPECT_TRUE(ids.insert(c.id).second) << c.id << " twice";
}

TEST(ConformanceTable, CoversEveryKindAndEveryPair) {
  std::set<std::pair<std::string, std::string>> pairs;
  std::set<conf::CaseKind> kinds;
  for (const conf::Case& c : table()) {
    kinds.insert(c.kind);
    if (c.kind == conf::CaseKind::pairwise) pairs.emplace(c.backends.at(0), c.backends.at(1));
  }
  EXPECT_EQ(pairs.size(), backend_names().size() * backend_names().size());
  EXPECT_TRUE(kinds.contains(conf::CaseKind::single));
  EXPECT_TRUE(kinds.contains(conf::CaseKind::pairwise));
  EXPECT_TRUE(kinds.contains(conf::CaseKind::corpus));
  if (backend_names().size() > 1) {
    EXPECT_TRUE(kinds.contains(conf::CaseKind::differential));
  }
}

}  // namespace
}  // namespace polycert::testing
