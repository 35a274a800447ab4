// Core's issuance policy (polycert/issuance.hpp, docs/issuance.md): the names polycert
// writes, what `sign` copies from a request, and which CA certificates may issue.
#include <polycert/issuance.hpp>

#include <gtest/gtest.h>

#include <string>

namespace polycert {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;  // 2027-01-15
constexpr std::string_view kAnyExtendedKeyUsage = "2.5.29.37.0";
constexpr std::string_view kCodeSigning = "1.3.6.1.5.5.7.3.3";
constexpr std::string_view kTimeStamping = "1.3.6.1.5.5.7.3.8";
constexpr std::string_view kOcspSigning = "1.3.6.1.5.5.7.3.9";

TEST(DnsNames, AcceptsHostNamesAndOneLeftmostWildcard) {
  for (const char* good :
       {"api.acme.com", "localhost", "a-b.example", "xn--bcher-kva.de", "3com.example",
        "*.acme.com", "*.api.acme.com", "A.EXAMPLE", "a.b.c.d.e.f.example"})
    EXPECT_TRUE(check_dns_name(good)) << good;
  const std::string longest_label(63, 'a');
  EXPECT_TRUE(check_dns_name(longest_label + ".example"));
}

TEST(DnsNames, RefusesWhatRfc1035AndRfc5280DoNotAllowNamingTheRule) {
  const std::pair<const char*, const char*> cases[] = {
      {"*", "fewer than two labels"},
      {"*.com", "fewer than two labels"},
      {".", "empty label"},
      {"-a.com", "hyphen"},
      {"a-.com", "hyphen"},
      {"bad_host.example", "letter, digit or hyphen"},
      {"a..example", "empty label"},
      {".example", "empty label"},
      {"api.acme.com.", "ends with a dot"},
      {"a*.acme.com", "'*'"},
      {"*.*.acme.com", "'*'"},
      {"api.*.com", "'*'"},
      {"10.0.0.1", "IP:"},
      {"", "empty"},
  };
  for (const auto& [bad, rule] : cases) {
    auto checked = check_dns_name(bad);
    ASSERT_FALSE(checked) << bad;
    EXPECT_EQ(checked.error().code, ErrorCode::invalid_input);
    EXPECT_NE(checked.error().message.find(rule), std::string::npos)
        << bad << ": " << checked.error().message;
  }
  EXPECT_FALSE(check_dns_name(std::string(64, 'a') + ".example")) << "a label holds at most 63";
  std::string long_name;
  while (long_name.size() < 254) long_name += "abcdefghi.";
  long_name += "example";
  EXPECT_FALSE(check_dns_name(long_name)) << "a name holds at most 253";
  EXPECT_FALSE(check_dns_name("*.acme.com", false)) << "no wildcard where none is allowed";
}

TEST(EmailAddresses, AreADotAtomAtAHostName) {
  for (const char* good : {"ops@acme.com", "first.last+tag@mail.acme.com", "o'brien@acme.com"})
    EXPECT_TRUE(check_email_address(good)) << good;
  for (const char* bad : {"nobody", "@acme.com", "ops@", "a..b@acme.com", ".a@acme.com",
                          "a@b@acme.com", "ops@*.acme.com", "ops@bad_host.com", "\"q\"@acme.com"})
    EXPECT_FALSE(check_email_address(bad)) << bad;
  EXPECT_FALSE(check_email_address(std::string(65, 'a') + "@acme.com"));
}

TEST(Uris, AllowOnlyTheListedSchemesWithWellFormedHosts) {
  for (const char* good : {"https://acme.com/x", "http://10.0.0.1:8080/", "https://[2001:db8::1]/",
                           "ldap://ldap.acme.com/o=Acme", "ldaps://user@ldap.acme.com:636",
                           "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "mailto:ops@acme.com",
                           "spiffe://acme.com/ns/prod/sa/api", "HTTPS://acme.com"})
    EXPECT_TRUE(check_uri(good)) << good;
  for (const char* bad :
       {"javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd",
        "no-scheme", "https:", "https://", "https:///path", "https://-a.com/",
        "https://*.acme.com/", "https://acme.com:port/", "https://[::1/", "urn:x", "mailto:nobody",
        "spiffe://Acme.com/x", "1http://acme.com"})
    EXPECT_FALSE(check_uri(bad)) << bad;
  auto script = check_uri("javascript:alert(1)");
  ASSERT_FALSE(script);
  EXPECT_NE(script.error().message.find("javascript"), std::string::npos) << script.error().message;
}

TEST(GeneralNames, CheckEachKindAndRefuseFormsPolycertCannotCheck) {
  EXPECT_TRUE(check_general_name({GeneralName::Kind::ip, "2001:db8::1"}));
  EXPECT_FALSE(check_general_name({GeneralName::Kind::ip, "10.0.0.256"}));
  EXPECT_FALSE(check_general_name({GeneralName::Kind::dns, "a\x01.example"}));
  EXPECT_FALSE(check_general_name({GeneralName::Kind::dns, "bücher.de"}));
  auto other =
      check_general_name({GeneralName::Kind::other_name, "1.3.6.1.4.1.311.20.2.3;admin@acme"});
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().message.find("only DNS, IP, email and URI"), std::string::npos);
}

TEST(SubjectAltNameText, IsCheckedByTheSameRulesWhenTyped) {
  for (const char* bad : {"DNS:*", "DNS:.", "DNS:-a.com", "DNS:bad_host", "URI:javascript:alert(1)",
                          "DNS:ok.example,DNS:*.com"}) {
    auto names = parse_subject_alt_names(bad);
    ASSERT_FALSE(names) << bad;
    EXPECT_EQ(names.error().code, ErrorCode::invalid_input);
    EXPECT_NE(names.error().message.find("subjectAltName"), std::string::npos)
        << names.error().message;
  }
  EXPECT_TRUE(
      parse_subject_alt_names("DNS:*.acme.com,email:ops@acme.com,URI:spiffe://acme.com/api"));
}

TEST(NameValues, ARequestsSubjectMeetsTheUpperBoundsTypedOnesDo) {
  DistinguishedName name;
  name.rdns.push_back(Rdn{{NameAttribute{"2.5.4.3", std::string(200, 'a'), StringType::utf8}}});
  auto checked = check_name_values(name);
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().code, ErrorCode::invalid_input);
  EXPECT_NE(checked.error().message.find("CN is 200 characters"), std::string::npos)
      << checked.error().message;
  EXPECT_NE(checked.error().message.find("at most 64"), std::string::npos);
  name.rdns[0].attributes[0].value = std::string(64, 'a');
  EXPECT_TRUE(check_name_values(name));
  name.rdns.push_back(Rdn{{NameAttribute{"2.5.4.6", "USA", StringType::printable}}});
  EXPECT_FALSE(check_name_values(name)) << "C is two letters";
}

CertificateInfo ca_certificate() {
  CertificateInfo ca;
  ca.subject = *parse_name("/O=Acme/CN=Acme Issuing CA");
  ca.not_before = kNow - 86400;
  ca.not_after = kNow + 365 * 86400;
  ca.extensions.basic_constraints = BasicConstraints{true, std::nullopt};
  ca.extensions.key_usage = static_cast<std::uint16_t>(kKeyCertSign | kCrlSign);
  return ca;
}

CsrInfo request_asking_for_everything() {
  CsrInfo request;
  request.subject = *parse_name("/O=Acme/CN=api.acme.com");
  request.key = KeySpec::ec(Curve::p256);
  request.extensions.subject_alt_names = *parse_subject_alt_names("DNS:api.acme.com");
  request.extensions.key_usage =
      static_cast<std::uint16_t>(kDigitalSignature | kKeyCertSign | kCrlSign);
  request.extensions.extended_key_usage = {
      std::string(oid::kServerAuth), std::string(kAnyExtendedKeyUsage), std::string(kOcspSigning),
      std::string(kCodeSigning), std::string(kTimeStamping)};
  request.extensions.basic_constraints = BasicConstraints{true, std::nullopt};
  return request;
}

IssuanceOptions leaf_options() {
  IssuanceOptions options;
  options.not_after = kNow + 90 * 86400;
  return options;
}

TEST(PlanIssuance, AnEndEntityNeverInheritsCaUsagesAndIsToldWhatWasDropped) {
  auto issued =
      plan_issuance(request_asking_for_everything(), ca_certificate(), leaf_options(), kNow);
  ASSERT_TRUE(issued) << issued.error().message;
  EXPECT_EQ(issued->extensions.basic_constraints, (BasicConstraints{false, std::nullopt}));
  EXPECT_EQ(issued->extensions.key_usage, std::uint16_t{kDigitalSignature});
  EXPECT_EQ(issued->extensions.extended_key_usage,
            std::vector<std::string>{std::string(oid::kServerAuth)});
  ASSERT_EQ(issued->warnings.size(), 1u);
  for (const char* dropped : {"keyCertSign", "cRLSign", "anyExtendedKeyUsage", "OCSPSigning",
                              "codeSigning", "timeStamping"})
    EXPECT_NE(issued->warnings[0].find(dropped), std::string::npos) << issued->warnings[0];
  // A fact for any front end; the command line's advice is the CLI's to give.
  EXPECT_TRUE(issued->usages_left_out);
  EXPECT_EQ(issued->warnings[0].find("--"), std::string::npos) << issued->warnings[0];
  auto refused = check_key_usage_for(kKeyCertSign, false);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message.find("--"), std::string::npos) << refused.error().message;
}

TEST(PlanIssuance, WhatIsLeftAfterDroppingFallsBackToTheDefaults) {
  CsrInfo request = request_asking_for_everything();
  request.key = KeySpec::rsa(2048);
  request.extensions.key_usage = static_cast<std::uint16_t>(kKeyCertSign);
  request.extensions.extended_key_usage = {std::string(kCodeSigning)};
  auto issued = plan_issuance(request, ca_certificate(), leaf_options(), kNow);
  ASSERT_TRUE(issued) << issued.error().message;
  EXPECT_EQ(issued->extensions.key_usage,
            static_cast<std::uint16_t>(kDigitalSignature | kKeyEncipherment));
  EXPECT_EQ(issued->extensions.extended_key_usage,
            std::vector<std::string>{std::string(oid::kServerAuth)});
}

TEST(PlanIssuance, TheOperatorsExplicitUsagesAreIssuedAsGiven) {
  IssuanceOptions options = leaf_options();
  options.extended_key_usage = std::vector<std::string>{std::string(kCodeSigning)};
  options.key_usage = static_cast<std::uint16_t>(kDigitalSignature | kCrlSign);
  auto issued = plan_issuance(request_asking_for_everything(), ca_certificate(), options, kNow);
  ASSERT_TRUE(issued) << issued.error().message;
  EXPECT_EQ(issued->extensions.extended_key_usage,
            std::vector<std::string>{std::string(kCodeSigning)});
  EXPECT_EQ(issued->extensions.key_usage, static_cast<std::uint16_t>(kDigitalSignature | kCrlSign));
  EXPECT_TRUE(issued->warnings.empty());
  options.key_usage = static_cast<std::uint16_t>(kKeyCertSign);
  EXPECT_FALSE(plan_issuance(request_asking_for_everything(), ca_certificate(), options, kNow))
      << "keyCertSign in a CA:FALSE certificate breaks RFC 5280 4.2.1.3, even when asked";
}

TEST(PlanIssuance, ACaGetsTheCaUsagesAndNotTheRequestsExtendedKeyUsage) {
  IssuanceOptions options = leaf_options();
  options.ca = true;
  auto issued = plan_issuance(request_asking_for_everything(), ca_certificate(), options, kNow);
  ASSERT_TRUE(issued) << issued.error().message;
  EXPECT_EQ(issued->extensions.basic_constraints, (BasicConstraints{true, std::nullopt}));
  EXPECT_EQ(issued->extensions.key_usage,
            static_cast<std::uint16_t>(kKeyCertSign | kCrlSign | kDigitalSignature));
  EXPECT_TRUE(issued->extensions.extended_key_usage.empty());
}

TEST(PlanIssuance, RefusesACaThatChainWouldRefuseAsAnIssuer) {
  const auto refused_with = [](const CertificateInfo& ca, bool issuing_ca, std::string_view why) {
    IssuanceOptions options = leaf_options();
    options.ca = issuing_ca;
    auto issued = plan_issuance(request_asking_for_everything(), ca, options, kNow);
    ASSERT_FALSE(issued) << why;
    EXPECT_EQ(issued.error().code, ErrorCode::mismatch) << issued.error().message;
    EXPECT_NE(issued.error().message.find(why), std::string::npos) << issued.error().message;
  };
  CertificateInfo not_ca = ca_certificate();
  not_ca.extensions.basic_constraints = BasicConstraints{false, std::nullopt};
  refused_with(not_ca, false, "not a CA");
  CertificateInfo no_cert_sign = ca_certificate();
  no_cert_sign.extensions.key_usage = static_cast<std::uint16_t>(kCrlSign | kDigitalSignature);
  refused_with(no_cert_sign, false, "lacks keyCertSign");
  CertificateInfo expired = ca_certificate();
  expired.not_after = kNow - 1;
  refused_with(expired, false, "expired");
  CertificateInfo not_yet = ca_certificate();
  not_yet.not_before = kNow + 1;
  refused_with(not_yet, false, "not valid before");
  CertificateInfo last_ca = ca_certificate();
  last_ca.extensions.basic_constraints->path_length = 0;
  refused_with(last_ca, true, "pathLenConstraint 0");
  EXPECT_TRUE(plan_issuance(request_asking_for_everything(), last_ca, leaf_options(), kNow))
      << "pathLenConstraint 0 still issues end entities";
  CertificateInfo no_key_usage = ca_certificate();
  no_key_usage.extensions.key_usage.reset();
  EXPECT_TRUE(plan_issuance(request_asking_for_everything(), no_key_usage, leaf_options(), kNow))
      << "a CA without keyUsage may sign (RFC 5280 4.2.1.3 binds only a present keyUsage)";
}

TEST(PlanIssuance, ASelfIssuedCaUnderPathLengthZeroIsAllowedAsChainCountsIt) {
  CertificateInfo last_ca = ca_certificate();
  last_ca.extensions.basic_constraints->path_length = 0;
  CsrInfo rollover = request_asking_for_everything();
  rollover.subject = last_ca.subject;
  IssuanceOptions options = leaf_options();
  options.ca = true;
  EXPECT_TRUE(plan_issuance(rollover, last_ca, options, kNow));
}

TEST(PlanIssuance, RefusesARequestWithBadNamesAsInvalidInput) {
  CsrInfo long_cn = request_asking_for_everything();
  long_cn.subject.rdns.back().attributes[0].value = std::string(200, 'a');
  auto issued = plan_issuance(long_cn, ca_certificate(), leaf_options(), kNow);
  ASSERT_FALSE(issued);
  EXPECT_EQ(issued.error().code, ErrorCode::invalid_input);
  EXPECT_NE(issued.error().message.find("CN is 200 characters"), std::string::npos)
      << issued.error().message;

  for (const char* bad : {"*", ".", "-a.com", "bad_host"}) {
    CsrInfo request = request_asking_for_everything();
    request.extensions.subject_alt_names = {{GeneralName::Kind::dns, bad}};
    auto refused = plan_issuance(request, ca_certificate(), leaf_options(), kNow);
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
    EXPECT_NE(refused.error().message.find(std::string("DNS:") + bad), std::string::npos)
        << refused.error().message;
  }
  CsrInfo script = request_asking_for_everything();
  script.extensions.subject_alt_names = {{GeneralName::Kind::uri, "javascript:alert(1)"}};
  EXPECT_FALSE(plan_issuance(script, ca_certificate(), leaf_options(), kNow));

  CsrInfo nothing = request_asking_for_everything();
  nothing.subject = {};
  nothing.extensions.subject_alt_names.clear();
  EXPECT_FALSE(plan_issuance(nothing, ca_certificate(), leaf_options(), kNow));
}

TEST(PlanIssuance, WarnsWhenTheCertificateOutlivesItsCa) {
  IssuanceOptions options = leaf_options();
  options.not_after = ca_certificate().not_after + 1;
  CsrInfo request = request_asking_for_everything();
  request.extensions.key_usage.reset();
  request.extensions.extended_key_usage.clear();
  auto issued = plan_issuance(request, ca_certificate(), options, kNow);
  ASSERT_TRUE(issued);
  ASSERT_EQ(issued->warnings.size(), 1u);
  EXPECT_NE(issued->warnings[0].find("outlives its CA"), std::string::npos);
}

}  // namespace
}  // namespace polycert
