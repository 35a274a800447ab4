// The three renderings of a `polycert conformance` run, from hand-built reports: the
// terminal text (totals, every FAIL reason, colour only when asked, hostile text made
// harmless), the JSON document (its keys and values) and the HTML page (well-formed,
// self-contained, every string from the data escaped, readable without colour).
#include "conformance_sample_report.hpp"

#include <polycert/conformance/outcome.hpp>
#include <polycert/conformance/report.hpp>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace polycert::conformance {
namespace {

using polycert::testing::kHostileReason;
using polycert::testing::sample_conformance_report;

CaseRecord record(std::string id, CaseKind kind, std::string area,
                  std::vector<std::string> backends, Outcome outcome, std::string reason = {},
                  std::vector<Difference> differences = {}) {
  CaseRecord r;
  r.id = std::move(id);
  r.kind = kind;
  r.area = std::move(area);
  r.operation = "create + read";
  r.subject = "ec:P-256";
  r.backends = std::move(backends);
  r.result = {outcome, std::move(reason), std::move(differences), {}};
  r.milliseconds = 2.5;
  return r;
}

// Two backends, five cases: one of each outcome and a passing case with a cosmetic
// difference.
Report small_report() {
  Report report;
  report.environment.date = "2026-11-27T12:00:00Z";
  report.environment.host = "Linux 6.1.0 x86_64";
  report.environment.cpu_model = "Test CPU";
  report.environment.polycert_version = "0.1.0";
  report.environment.seconds = 3.25;
  Capabilities openssl, mbedtls;
  openssl.add(Operation::generate_key, "ed25519", true);
  mbedtls.add(Operation::generate_key, "ed25519", false, "Mbed TLS 2.28 has no Ed25519");
  report.environment.backends = {{"openssl", "OpenSSL 3.0.15", openssl},
                                 {"mbedtls", "Mbed TLS 2.28.3", mbedtls}};
  report.cases = {
      record("keys/single/ec:P-256/openssl", CaseKind::single, "keys", {"openssl"}, Outcome::pass),
      record("csr/pairwise/ec:P-256/openssl->mbedtls", CaseKind::pairwise, "csr",
             {"openssl", "mbedtls"}, Outcome::fail,
             "mbedtls read a different subject than openssl wrote",
             {{"subject: RDN 2 (O) value", "openssl", "mbedtls", "Acme", "Acme Inc", true,
               "a verifier matching the name sees two different organisations"}}),
      record("keys/single/ed25519/mbedtls", CaseKind::single, "keys", {"mbedtls"}, Outcome::skip,
             "mbedtls: generate_key ed25519 unsupported"),
      record("certificate/differential/x509-label", CaseKind::differential, "certificate",
             {"openssl", "mbedtls"}, Outcome::xfail,
             "known gap: Mbed TLS 2.28 rejects the X509 CERTIFICATE label"),
      record("csr/pairwise/ec:P-256/mbedtls->openssl", CaseKind::pairwise, "csr",
             {"mbedtls", "openssl"}, Outcome::pass, "",
             {{"subject: RDN 1 (CN) string type", "mbedtls", "openssl", "UTF8String",
               "PrintableString", false, "RFC 5280 verifiers compare the text, not the type"}}),
  };
  return report;
}

std::string text_of(const Report& report, bool colour, bool verbose) {
  std::ostringstream out;
  print_text(out, report, colour, verbose);
  return out.str();
}

// ---------------------------------------------------------------------------------------
// Counting and names

TEST(ConformanceOutcome, NamesAreTheDocumentedWords) {
  EXPECT_EQ(to_string(Outcome::pass), "PASS");
  EXPECT_EQ(to_string(Outcome::fail), "FAIL");
  EXPECT_EQ(to_string(Outcome::skip), "SKIP");
  EXPECT_EQ(to_string(Outcome::xfail), "XFAIL");
  EXPECT_EQ(to_string(CaseKind::single), "single");
  EXPECT_EQ(to_string(CaseKind::pairwise), "pairwise");
  EXPECT_EQ(to_string(CaseKind::differential), "differential");
  EXPECT_EQ(to_string(CaseKind::corpus), "corpus");
}

TEST(ConformanceTotals, CountEachOutcome) {
  Totals totals;
  for (Outcome o :
       {Outcome::pass, Outcome::pass, Outcome::fail, Outcome::skip, Outcome::xfail, Outcome::xfail})
    totals.add(o);
  EXPECT_EQ(totals.pass, 2u);
  EXPECT_EQ(totals.fail, 1u);
  EXPECT_EQ(totals.skip, 1u);
  EXPECT_EQ(totals.xfail, 2u);
  EXPECT_EQ(totals.all(), 6u);
}

TEST(ConformanceTotals, ACaseCountsForEveryBackendItNamesOnce) {
  Report report = small_report();
  report.cases.push_back(record("keys/pairwise/ec:P-256/openssl->openssl", CaseKind::pairwise,
                                "keys", {"openssl", "openssl"}, Outcome::pass));
  report.environment.backends.push_back({"botan", "Botan 2.19.3", {}});

  const Totals all = report.totals();
  EXPECT_EQ(all.pass, 3u);
  EXPECT_EQ(all.fail, 1u);
  EXPECT_EQ(all.skip, 1u);
  EXPECT_EQ(all.xfail, 1u);
  EXPECT_TRUE(report.any_failed());

  const auto per_backend = report.totals_per_backend();
  ASSERT_EQ(per_backend.size(), 3u);
  const Totals& openssl = per_backend.at("openssl");
  EXPECT_EQ(openssl.pass, 3u) << "single, pairwise as consumer, openssl->openssl once";
  EXPECT_EQ(openssl.fail, 1u);
  EXPECT_EQ(openssl.skip, 0u);
  EXPECT_EQ(openssl.xfail, 1u);
  const Totals& mbedtls = per_backend.at("mbedtls");
  EXPECT_EQ(mbedtls.pass, 1u);
  EXPECT_EQ(mbedtls.fail, 1u);
  EXPECT_EQ(mbedtls.skip, 1u);
  EXPECT_EQ(mbedtls.xfail, 1u);
  EXPECT_EQ(per_backend.at("botan").all(), 0u) << "a backend asked for but in no case";
}

TEST(ConformanceTotals, NoFailNoFailure) {
  Report report = small_report();
  std::erase_if(report.cases,
                [](const CaseRecord& r) { return r.result.outcome == Outcome::fail; });
  EXPECT_FALSE(report.any_failed());
}

// ---------------------------------------------------------------------------------------
// Text

TEST(ConformanceText, HasTotalsEveryFailReasonAndItsDifferences) {
  const std::string text = text_of(small_report(), false, false);
  EXPECT_NE(text.find("Totals: 5 cases in 3.2 s: 2 PASS, 1 FAIL, 1 SKIP, 1 XFAIL"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("openssl  2 PASS, 1 FAIL, 0 SKIP, 1 XFAIL"), std::string::npos) << text;
  EXPECT_NE(text.find("mbedtls  1 PASS, 1 FAIL, 1 SKIP, 1 XFAIL"), std::string::npos) << text;
  EXPECT_NE(text.find("FAIL   csr/pairwise/ec:P-256/openssl->mbedtls"), std::string::npos) << text;
  EXPECT_NE(text.find("mbedtls read a different subject than openssl wrote"), std::string::npos);
  EXPECT_NE(text.find("subject: RDN 2 (O) value: matters"), std::string::npos) << text;
  EXPECT_NE(text.find("Acme Inc"), std::string::npos);
  EXPECT_NE(text.find("XFAIL  certificate/differential/x509-label"), std::string::npos) << text;
  EXPECT_NE(text.find("known gap: Mbed TLS 2.28 rejects the X509 CERTIFICATE label"),
            std::string::npos);
  EXPECT_NE(text.find("1 x mbedtls: generate_key ed25519 unsupported"), std::string::npos)
      << "SKIPs grouped by reason\n"
      << text;
  EXPECT_NE(text.find("1 x subject: RDN 1 (CN) string type"), std::string::npos)
      << "cosmetic differences of passing cases summed up by field\n"
      << text;
  EXPECT_NE(text.find("FAILED: 1 case failed"), std::string::npos) << text;
}

TEST(ConformanceText, AreaTableAndPairwiseGridCountOutcomes) {
  const std::string text = text_of(small_report(), false, false);
  // keys: openssl one PASS, mbedtls one SKIP; csr: both 1 PASS and 1 FAIL.
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(\n  keys +1P +1S\n)"))) << text;
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(\n  csr +1P 1F +1P 1F\n)"))) << text;
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(\n  all +2P 1F 1X +1P 1F 1S 1X\n)"))) << text;
  // Pairwise grid: producer rows, consumer columns.
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(\n  csr +openssl +- +1F\n)"))) << text;
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(\n +mbedtls +1P +-\n)"))) << text;
}

TEST(ConformanceText, VerboseListsEveryCase) {
  const std::string quiet = text_of(small_report(), false, false);
  const std::string verbose = text_of(small_report(), false, true);
  EXPECT_EQ(quiet.find("keys/single/ec:P-256/openssl"), std::string::npos);
  EXPECT_NE(verbose.find("PASS   keys/single/ec:P-256/openssl"), std::string::npos) << verbose;
  EXPECT_NE(verbose.find("SKIP   keys/single/ed25519/mbedtls"), std::string::npos);
  EXPECT_NE(verbose.find("subject: RDN 1 (CN) string type: cosmetic"), std::string::npos);
}

TEST(ConformanceText, ColourOnlyWhenAsked) {
  const std::string plain = text_of(small_report(), false, true);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  const std::string coloured = text_of(small_report(), true, true);
  EXPECT_NE(coloured.find("\x1b[1;31mFAIL"), std::string::npos) << "FAIL in bold red";
  EXPECT_NE(coloured.find("\x1b[0m"), std::string::npos);
  // The same words, without the escapes.
  EXPECT_EQ(std::regex_replace(coloured, std::regex("\x1b\\[[0-9;]*m"), ""), plain);
}

TEST(ConformanceText, ControlCharactersFromTheDataAreShownNotSent) {
  Report report = small_report();
  report.cases[1].result.reason = "bad\x1b]0;owned\x07 name\x9b";
  report.cases[1].result.differences[0].right =
      "tab\there \xc2\x9b"
      "31m";
  const std::string text = text_of(report, false, true);
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(text.find('\x07'), std::string::npos);
  EXPECT_EQ(text.find("\xc2\x9b"), std::string::npos) << "the C1 control CSI";
  EXPECT_NE(text.find("bad\\x1b]0;owned\\x07 name\xEF\xBF\xBD"), std::string::npos) << text;
  EXPECT_NE(text.find("tab\\x09here \\u009b31m"), std::string::npos) << text;
}

TEST(ConformanceText, ReasonsOnSeveralLinesStayIndented) {
  Report report = small_report();
  report.cases[1].result.reason = "first line\nsecond line";
  const std::string text = text_of(report, false, false);
  EXPECT_NE(text.find("        first line\n        second line\n"), std::string::npos) << text;
}

TEST(ConformanceText, LongValuesAreShortenedToOneLine) {
  Report report = small_report();
  report.cases[1].result.differences[0].right = std::string(300, 'a');
  const std::string text = text_of(report, false, false);
  EXPECT_NE(text.find("mbedtls: " + std::string(159, 'a') + "…\n"), std::string::npos) << text;
  EXPECT_EQ(text.find(std::string(160, 'a')), std::string::npos);
  EXPECT_EQ(to_json(report).at("cases")[1].at("differences")[0].at("right"), std::string(300, 'a'))
      << "the JSON document has the whole value";
}

TEST(ConformanceText, NothingFailedSaysSo) {
  Report report = small_report();
  report.cases.erase(report.cases.begin() + 1);
  const std::string text = text_of(report, false, false);
  EXPECT_NE(text.find("OK: no case failed"), std::string::npos) << text;
  EXPECT_EQ(text.find("FAILED"), std::string::npos);
}

TEST(ConformanceText, AnEmptyRunSaysNoCaseRan) {
  Report report;
  const std::string text = text_of(report, false, false);
  EXPECT_NE(text.find("No case ran."), std::string::npos) << text;
  EXPECT_NE(text.find("Totals: 0 cases"), std::string::npos) << text;
}

// ---------------------------------------------------------------------------------------
// JSON

TEST(ConformanceJson, EnvironmentBackendsAndTotals) {
  const nlohmann::json doc = to_json(small_report());
  EXPECT_EQ(doc.at("format"), "polycert-conformance");
  EXPECT_EQ(doc.at("version"), 1);
  EXPECT_EQ(doc.at("any_failed"), true);
  const auto& env = doc.at("environment");
  EXPECT_EQ(env.at("date"), "2026-11-27T12:00:00Z");
  EXPECT_EQ(env.at("host"), "Linux 6.1.0 x86_64");
  EXPECT_EQ(env.at("cpu_model"), "Test CPU");
  EXPECT_EQ(env.at("polycert_version"), "0.1.0");
  EXPECT_TRUE(env.at("corpus").is_null());
  EXPECT_DOUBLE_EQ(env.at("seconds").get<double>(), 3.25);

  const auto& backends = doc.at("backends");
  ASSERT_EQ(backends.size(), 2u);
  EXPECT_EQ(backends[0].at("name"), "openssl");
  EXPECT_EQ(backends[0].at("library_version"), "OpenSSL 3.0.15");
  const auto& row = backends[1].at("capabilities").at(0);
  EXPECT_EQ(row.at("operation"), "generate_key");
  EXPECT_EQ(row.at("subject"), "ed25519");
  EXPECT_EQ(row.at("supported"), false);
  EXPECT_EQ(row.at("note"), "Mbed TLS 2.28 has no Ed25519");
  EXPECT_EQ(backends[0].at("capabilities").at(0).at("supported"), true);

  EXPECT_EQ(doc.at("totals"),
            nlohmann::json({{"pass", 2}, {"fail", 1}, {"skip", 1}, {"xfail", 1}, {"all", 5}}));
  EXPECT_EQ(doc.at("totals_per_backend").at("mbedtls"),
            nlohmann::json({{"pass", 1}, {"fail", 1}, {"skip", 1}, {"xfail", 1}, {"all", 4}}));
  EXPECT_EQ(doc.at("totals_per_backend").at("openssl").at("all"), 4);
}

TEST(ConformanceJson, EveryCaseWithOutcomeReasonAndDifferences) {
  const nlohmann::json doc = to_json(small_report());
  const auto& cases = doc.at("cases");
  ASSERT_EQ(cases.size(), 5u);
  const auto& fail = cases[1];
  EXPECT_EQ(fail.at("id"), "csr/pairwise/ec:P-256/openssl->mbedtls");
  EXPECT_EQ(fail.at("kind"), "pairwise");
  EXPECT_EQ(fail.at("area"), "csr");
  EXPECT_EQ(fail.at("operation"), "create + read");
  EXPECT_EQ(fail.at("subject"), "ec:P-256");
  EXPECT_EQ(fail.at("backends"), nlohmann::json({"openssl", "mbedtls"}));
  EXPECT_EQ(fail.at("outcome"), "FAIL");
  EXPECT_EQ(fail.at("reason"), "mbedtls read a different subject than openssl wrote");
  EXPECT_DOUBLE_EQ(fail.at("milliseconds").get<double>(), 2.5);
  ASSERT_EQ(fail.at("differences").size(), 1u);
  EXPECT_EQ(fail.at("differences")[0],
            nlohmann::json({{"field", "subject: RDN 2 (O) value"},
                            {"left_source", "openssl"},
                            {"left", "Acme"},
                            {"right_source", "mbedtls"},
                            {"right", "Acme Inc"},
                            {"matters", true},
                            {"why",
                             "a verifier matching the name sees two different "
                             "organisations"}}));
  EXPECT_EQ(cases[0].at("outcome"), "PASS");
  EXPECT_EQ(cases[0].at("reason"), "");
  EXPECT_TRUE(cases[0].at("differences").empty());
  EXPECT_EQ(cases[2].at("outcome"), "SKIP");
  EXPECT_EQ(cases[3].at("outcome"), "XFAIL");
  EXPECT_EQ(cases[3].at("kind"), "differential");
  EXPECT_EQ(cases[4].at("differences")[0].at("matters"), false);
}

TEST(ConformanceJson, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  Report report = small_report();
  report.environment.corpus = "/corpus";
  report.cases[0].subject = "corpus/\xff\xfe-latin1-\xe9.pem";
  report.cases[1].result.differences[0].left = "O=\xc3\x28";     // bad continuation
  report.cases[1].result.differences[0].right = "\xed\xa0\x80";  // a UTF-16 surrogate
  const nlohmann::json doc = to_json(report);
  EXPECT_NO_THROW((void)doc.dump());
  EXPECT_EQ(doc.at("environment").at("corpus"), "/corpus");
  EXPECT_EQ(doc.at("cases")[0].at("subject"),
            "corpus/\xEF\xBF\xBD\xEF\xBF\xBD-latin1-\xEF\xBF\xBD.pem");
  EXPECT_EQ(doc.at("cases")[1].at("differences")[0].at("left"), "O=\xEF\xBF\xBD(");
  EXPECT_EQ(doc.at("cases")[1].at("differences")[0].at("right"),
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  // Valid UTF-8 is kept as it is.
  report.cases[0].subject = "Müller €𝄞";
  EXPECT_EQ(to_json(report).at("cases")[0].at("subject"), "Müller €𝄞");
}

// ---------------------------------------------------------------------------------------
// HTML

// Checks that every opened element is closed, in order. Void elements (meta, br, ...) need
// no end tag; `<x />` is accepted only for them, as HTML ignores the slash elsewhere.
// Returns "" when balanced, else what is wrong.
std::string tag_balance_error(const std::string& html) {
  static const std::set<std::string> kVoid = {"area",   "base",  "br",    "col",  "embed",
                                              "hr",     "img",   "input", "link", "meta",
                                              "source", "track", "wbr"};
  std::vector<std::string> open;
  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string::npos) {
    if (html.compare(i, 4, "<!--") == 0) {
      const std::size_t end = html.find("-->", i);
      if (end == std::string::npos) return "an unterminated comment";
      i = end + 3;
      continue;
    }
    const std::size_t end = html.find('>', i);
    if (end == std::string::npos) return "a tag without '>' at offset " + std::to_string(i);
    std::string tag = html.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.starts_with("!")) continue;  // <!DOCTYPE html>
    const bool closing = tag.starts_with("/");
    const bool self_closing = tag.ends_with("/");
    std::string name;
    for (char c : tag.substr(closing ? 1 : 0)) {
      if (!std::isalnum(static_cast<unsigned char>(c))) break;
      name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (name.empty()) return "a '<' that starts no tag: <" + tag + ">";
    if (closing) {
      if (open.empty()) return "</" + name + "> closes nothing";
      if (open.back() != name) return "</" + name + "> closes <" + open.back() + ">";
      open.pop_back();
      continue;
    }
    if (kVoid.contains(name)) continue;
    if (self_closing) return "<" + name + " /> is not a void element";
    open.push_back(name);
    if (name == "style" || name == "script") {  // raw text up to the end tag
      const std::size_t close = html.find("</" + name, i);
      if (close == std::string::npos) return "<" + name + "> never closed";
      i = close;
    }
  }
  if (!open.empty()) return "<" + open.back() + "> never closed";
  return "";
}

TEST(ConformanceHtml, TheBalanceCheckerFindsUnclosedAndMisnestedTags) {
  EXPECT_EQ(tag_balance_error("<p>a<br>b<img src=x /></p>"), "");
  EXPECT_EQ(tag_balance_error("<div><p>text</div>"), "</div> closes <p>");
  EXPECT_EQ(tag_balance_error("<table><tr><td>x</td></tr>"), "<table> never closed");
  EXPECT_EQ(tag_balance_error("</span>"), "</span> closes nothing");
  EXPECT_EQ(tag_balance_error("<div />"), "<div /> is not a void element");
  EXPECT_EQ(tag_balance_error("a < b"), "a tag without '>' at offset 2");
}

TEST(ConformanceHtml, EveryOpenedTagIsClosed) {
  EXPECT_EQ(tag_balance_error(to_html(sample_conformance_report())), "");
  EXPECT_EQ(tag_balance_error(to_html(small_report())), "");
  EXPECT_EQ(tag_balance_error(to_html(Report{})), "") << "an empty run";
}

TEST(ConformanceHtml, SelfContainedNoScriptNoExternalResource) {
  const std::string html = to_html(sample_conformance_report());
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  // Every src= and href= points inside the page.
  const std::regex reference(R"re(\b(src|href)\s*=\s*"([^"]*)")re");
  std::size_t links = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), reference);
       it != std::sregex_iterator(); ++it, ++links)
    EXPECT_TRUE((*it)[2].str().starts_with("#")) << (*it)[0].str();
  EXPECT_GT(links, 0u) << "the navigation links to the sections";
  EXPECT_NE(html.find("<meta charset=\"utf-8\" />"), std::string::npos);
  EXPECT_NE(html.find("<style>"), std::string::npos);
}

TEST(ConformanceHtml, TextFromTheDataIsEscaped) {
  const std::string html = to_html(sample_conformance_report());
  EXPECT_EQ(html.find(kHostileReason), std::string::npos);
  EXPECT_NE(html.find("consumer said: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
                      "&quot;quoted&quot; &#39;text&#39;"),
            std::string::npos);

  Report report = small_report();
  report.environment.backends[1].capabilities = {};
  report.environment.backends[1].capabilities.add(Operation::generate_key, "ed25519", false,
                                                  "no \"EdDSA\" <here>");
  report.cases[2].id = "keys/<b>bold</b>";
  report.environment.host = "host & <i>";
  const std::string page = to_html(report);
  EXPECT_NE(page.find("title=\"no &quot;EdDSA&quot; &lt;here&gt;\""), std::string::npos)
      << "an attribute value";
  EXPECT_NE(page.find("keys/&lt;b&gt;bold&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(page.find("host &amp; &lt;i&gt;"), std::string::npos);
  EXPECT_EQ(page.find("<b>"), std::string::npos);
  EXPECT_EQ(page.find("<i>"), std::string::npos);
  EXPECT_EQ(tag_balance_error(page), "");

  // Control characters and bytes that are not UTF-8 do not reach the page.
  report.cases[1].result.reason = "bell\x07 escape\x1b[31m latin1 \xe9";
  const std::string controls = to_html(report);
  EXPECT_EQ(controls.find('\x07'), std::string::npos);
  EXPECT_EQ(controls.find('\x1b'), std::string::npos);
  EXPECT_NE(controls.find("bell\xEF\xBF\xBD escape\xEF\xBF\xBD[31m latin1 \xEF\xBF\xBD"),
            std::string::npos);
}

TEST(ConformanceHtml, HeaderShowsVersionsHostDateAndTotalsInWords) {
  const std::string html = to_html(small_report());
  EXPECT_NE(html.find("<title>polycert conformance, 2026-11-27T12:00:00Z</title>"),
            std::string::npos);
  EXPECT_NE(html.find("FAIL: 1 of 5 cases failed"), std::string::npos);
  EXPECT_NE(html.find("OpenSSL 3.0.15"), std::string::npos);
  EXPECT_NE(html.find("Mbed TLS 2.28.3"), std::string::npos);
  EXPECT_NE(html.find("Linux 6.1.0 x86_64"), std::string::npos);
  EXPECT_NE(html.find("Test CPU"), std::string::npos);
  // The mbedtls card: 1 of each outcome, each count with its word.
  const std::size_t card = html.find("<h3>mbedtls</h3>");
  ASSERT_NE(card, std::string::npos);
  const std::string counts = html.substr(card, html.find("</div>\n</div>", card) - card);
  for (const char* word : {"PASS", "FAIL", "SKIP", "XFAIL"})
    EXPECT_NE(counts.find("<span class=\"n\">1</span><span class=\"w\">" + std::string(word)),
              std::string::npos)
        << word << " in " << counts;

  Report passing = small_report();
  passing.cases.erase(passing.cases.begin() + 1);
  EXPECT_NE(to_html(passing).find("PASS: no case failed (4 cases)"), std::string::npos);
}

TEST(ConformanceHtml, CapabilityMatrixShowsEachBackendAndTheNote) {
  const std::string html = to_html(small_report());
  const std::size_t table = html.find("<table id=\"capability-matrix\">");
  ASSERT_NE(table, std::string::npos);
  const std::string matrix = html.substr(table, html.find("</table>", table) - table);
  EXPECT_NE(matrix.find("generate key<span class=\"sub\">generate_key</span>"), std::string::npos);
  EXPECT_NE(matrix.find("<td>ed25519</td><td class=\"cap yes\">supported</td>"
                        "<td class=\"cap no\" title=\"Mbed TLS 2.28 has no Ed25519\">unsupported"
                        "<span class=\"note\">Mbed TLS 2.28 has no Ed25519</span></td>"),
            std::string::npos)
      << matrix;
  EXPECT_NE(matrix.find("openssl<span class=\"sub\">1 of 1 supported</span>"), std::string::npos);
  EXPECT_NE(matrix.find("mbedtls<span class=\"sub\">0 of 1 supported</span>"), std::string::npos);
}

TEST(ConformanceHtml, SampleMatrixHasARowPerOperationAndSubject) {
  const Report report = sample_conformance_report();
  const std::string html = to_html(report);
  const std::size_t table = html.find("<table id=\"capability-matrix\">");
  ASSERT_NE(table, std::string::npos);
  const std::string matrix = html.substr(table, html.find("</table>", table) - table);
  std::size_t rows = 0;
  for (std::size_t at = 0; (at = matrix.find("<tr>", at)) != std::string::npos; ++at) ++rows;
  EXPECT_EQ(rows, 1 + report.environment.backends[0].capabilities.rows().size());
  EXPECT_NE(matrix.find("title=\"Mbed TLS 2.28 has no RC2 cipher\""), std::string::npos);
}

TEST(ConformanceHtml, PairwiseGridCellsShowWorstOutcomeAndCountsInWords) {
  const std::string html = to_html(small_report());
  const std::size_t table = html.find("<table class=\"grid\" id=\"pairwise-1\">");
  ASSERT_NE(table, std::string::npos);
  const std::string grid = html.substr(table, html.find("</table>", table) - table);
  EXPECT_NE(grid.find("<caption>csr</caption>"), std::string::npos);
  EXPECT_NE(grid.find("<tr><th>openssl</th><td class=\"empty\">none</td><td class=\"cell "
                      "o-fail\" title=\"FAIL csr/pairwise/ec:P-256/openssl-&gt;mbedtls\">"
                      "<span>1 FAIL</span></td></tr>"),
            std::string::npos)
      << grid;
  EXPECT_NE(grid.find("<tr><th>mbedtls</th><td class=\"cell o-pass\"><span>1 PASS</span></td>"
                      "<td class=\"empty\">none</td></tr>"),
            std::string::npos)
      << grid;
}

TEST(ConformanceHtml, SampleHasAGridPerAreaWithPairwiseCases) {
  const std::string html = to_html(sample_conformance_report());
  for (const char* area : {"keys", "csr", "certificate", "encrypted-key", "pkcs7", "pkcs12"})
    EXPECT_NE(html.find("<caption>" + std::string(area) + "</caption>"), std::string::npos) << area;
  EXPECT_NE(html.find("<table class=\"grid\" id=\"pairwise-6\">"), std::string::npos);
  EXPECT_EQ(html.find("id=\"pairwise-7\""), std::string::npos);
  // The pkcs12 cell openssl -> mbedtls holds an XFAIL and a SKIP: XFAIL is the worse.
  EXPECT_NE(html.find("<span>1 XFAIL</span><span>1 SKIP</span>"), std::string::npos);
}

TEST(ConformanceHtml, DisagreementsListEveryDifferenceWithItsVerdict) {
  const std::string html = to_html(small_report());
  const std::size_t section = html.find("<section id=\"disagreements\">");
  ASSERT_NE(section, std::string::npos);
  const std::string part = html.substr(section, html.find("</section>", section) - section);
  EXPECT_NE(part.find("2 cases where results differ by meaning; in 1 of them"), std::string::npos);
  // The one that matters comes first.
  const std::size_t matters = part.find("subject: RDN 2 (O) value");
  const std::size_t cosmetic = part.find("subject: RDN 1 (CN) string type");
  ASSERT_NE(matters, std::string::npos);
  ASSERT_NE(cosmetic, std::string::npos);
  EXPECT_LT(matters, cosmetic);
  EXPECT_NE(part.find("<span class=\"src\">openssl</span><code>Acme</code>"), std::string::npos);
  EXPECT_NE(part.find("<span class=\"src\">mbedtls</span><code>Acme Inc</code>"),
            std::string::npos);
  EXPECT_NE(part.find("<span class=\"badge matters\">matters</span></td><td class=\"reason\">a "
                      "verifier matching the name sees two different organisations"),
            std::string::npos)
      << part;
  EXPECT_NE(part.find("<span class=\"badge cosmetic\">cosmetic</span></td><td class=\"reason\">"
                      "RFC 5280 verifiers compare the text, not the type"),
            std::string::npos);
}

TEST(ConformanceHtml, DisagreementsThatAreAllCosmeticSaySo) {
  Report report = small_report();
  report.cases.erase(report.cases.begin() + 1);  // the FAIL, whose difference matters
  const std::string html = to_html(report);
  EXPECT_NE(html.find("1 case where results differ by meaning; every difference is "
                      "<span class=\"badge cosmetic\">cosmetic</span>"),
            std::string::npos);
  EXPECT_EQ(html.find("<div class=\"case matters\">"), std::string::npos);
}

TEST(ConformanceHtml, EveryCaseThatDidNotPassIsListedWithItsReason) {
  const Report report = sample_conformance_report();
  const std::string html = to_html(report);
  const std::size_t table = html.find("<table id=\"not-passing-cases\">");
  ASSERT_NE(table, std::string::npos);
  const std::string listed = html.substr(table, html.find("</table>", table) - table);
  std::size_t expected = 0;
  for (const auto& r : report.cases) {
    if (r.result.outcome == Outcome::pass) {
      EXPECT_EQ(listed.find("<code>" + r.id + "</code>"), std::string::npos) << r.id;
      continue;
    }
    ++expected;
    std::string id = r.id;  // ids hold "->", escaped in the page
    for (std::size_t at; (at = id.find('>')) != std::string::npos;) id.replace(at, 1, "&gt;");
    EXPECT_NE(listed.find("<code>" + id + "</code>"), std::string::npos) << r.id;
  }
  std::size_t rows = 0;
  for (std::size_t at = 0; (at = listed.find("<tr>", at)) != std::string::npos; ++at) ++rows;
  EXPECT_EQ(rows, 1 + expected);
  // FAIL first.
  EXPECT_LT(listed.find(">FAIL</td>"), listed.find(">XFAIL</td>"));
  EXPECT_LT(listed.find(">XFAIL</td>"), listed.find(">SKIP</td>"));
}

TEST(ConformanceHtml, AllCasesAreInACollapsedDetailsTable) {
  const Report report = sample_conformance_report();
  const std::string html = to_html(report);
  const std::size_t details = html.find("<details>");
  ASSERT_NE(details, std::string::npos);
  EXPECT_NE(html.find("<summary>All " + std::to_string(report.cases.size()) +
                          " cases, in table order</summary>",
                      details),
            std::string::npos);
  const std::size_t table = html.find("<table id=\"all-cases\">", details);
  ASSERT_NE(table, std::string::npos);
  const std::string all = html.substr(table, html.find("</table>", table) - table);
  std::size_t rows = 0;
  for (std::size_t at = 0; (at = all.find("<tr>", at)) != std::string::npos; ++at) ++rows;
  EXPECT_EQ(rows, 1 + report.cases.size());
}

TEST(ConformanceHtml, AnEmptyRunStillRendersEverySection) {
  const std::string html = to_html(Report{});
  for (const char* text :
       {"PASS: no case failed (0 cases)", "No backend reported a capability",
        "No pairwise case ran.", "No two backends' results differed.", "Every case passed."})
    EXPECT_NE(html.find(text), std::string::npos) << text;
}

}  // namespace
}  // namespace polycert::conformance
