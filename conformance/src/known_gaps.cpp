#include <polycert/conformance/known_gaps.hpp>

namespace polycert::conformance {

namespace {

constexpr std::string_view kMbedtlsNoDsa = "Mbed TLS 2.28 has no DSA";
constexpr std::string_view kBotanCrlOfAnotherKey =
    "Botan looks a CRL up by the certificate's issuer name and authorityKeyIdentifier, so the CRL of "
    "a CA that rolled its key over (self-issued certificates) is not found: no revocation data";
constexpr std::string_view kBotanRevocationInRollover =
    "in a CA with two keys (self-issued key rollover) Botan does not apply the CRL that revokes the "
    "certificate, and accepts it";
constexpr std::string_view kBotanDirectoryNameConstraints =
    "Botan 2.19's directoryName name constraints depart from RFC 5280 4.2.1.10 (a name outside the "
    "subtree accepted, or one inside refused)";
constexpr std::string_view kBotanEmailConstraints =
    "Botan 2.19's rfc822Name name constraints depart from RFC 5280 4.2.1.10 (an address outside the "
    "subtree accepted, or one inside refused)";
constexpr std::string_view kBotanUriConstraints =
    "Botan 2.19's URI name constraints depart from RFC 5280 4.2.1.10";
constexpr std::string_view kMbedtlsUnreadableCrl =
    "Mbed TLS 2.28 cannot parse the CRL this test needs (x509_crl_parse: extension tag or value "
    "invalid), so the path cannot be checked for revocation";

}  // namespace

const std::vector<KnownGap>& known_gaps() {
  // Where a library claims a capability but departs from what the RFCs (or PKITS) require,
  // and polycert reports the library's own decision rather than working around it: the
  // path-validation and PKITS areas (docs/verify.md lists the same differences). Each
  // reason names the library's behaviour.
  static const std::vector<KnownGap> gaps = {
      {"path/validate/root-expired/*",
       "checks the trust anchor's own validity period; RFC 5280 6.1 takes the anchor as a name and "
       "a key (every library here does, as most deployments expect)"},
      {"path/validate/root-not-yet-valid/*",
       "checks the trust anchor's own validity period; RFC 5280 6.1 takes the anchor as a name and "
       "a key"},
      {"path/validate/authority-key-id-mismatch/openssl",
       "OpenSSL takes an issuer only when its subjectKeyIdentifier matches the child's "
       "authorityKeyIdentifier (X509_check_akid), so a mismatch leaves no path"},
      {"path/validate/authority-key-id-mismatch/botan",
       "Botan looks issuers up by name and authorityKeyIdentifier (find_cert), so a mismatch leaves "
       "no path"},
      {"path/validate/name-constraints-permitted-dns/mbedtls",
       "Mbed TLS 2.28 does not implement nameConstraints: it cannot parse a certificate carrying the "
       "(critical) extension, so every path through a name-constrained CA is refused"},
      {"path/validate/two-issuers-with-one-name/mbedtls",
       "in the presented chain Mbed TLS 2.28 takes the first certificate with the issuer's name and "
       "does not try another when its signature does not verify (it does so only among trusted CAs)"},
      {"path/validate/self-issued-intermediate/mbedtls",
       "Mbed TLS 2.28 applies the issuer's pathLenConstraint to the self-issued certificate below it "
       "while looking for that issuer, against RFC 5280 6.1.4 (l)"},
      {"path/validate/host-partial-wildcard/openssl",
       "OpenSSL matches a partial wildcard label (a*) unless X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS is "
       "set, which its defaults do not (RFC 9525 6.3 allows only a whole '*' label)"},
      {"path/validate/host-partial-wildcard/botan",
       "Botan 2 matches a partial wildcard label (a*) (RFC 9525 6.3 allows only a whole '*' label)"},
      {"path/validate/host-no-cn-fallback/botan",
       "Botan 2 matches the host against the CN when the certificate has no DNS name (RFC 9525 "
       "6.4.4 forbids it)"},
      {"path/validate/host-no-cn-fallback/mbedtls",
       "Mbed TLS 2.28 matches the host against the CN when the certificate has no subjectAltName "
       "(RFC 9525 6.4.4 forbids it)"},

      // NIST PKITS (pkits_cases.cpp), with each library's defaults.
      {"pkits/4.1/ValidDSAParameterInheritanceTest5/openssl",
       "OpenSSL 3 does not inherit DSA domain parameters from the issuer's key (RFC 5280 6.1.4 f)"},
      {"pkits/4.1/ValidDSAParameterInheritanceTest5/botan",
       "Botan 2 cannot read a DSA key whose domain parameters are inherited from its issuer"},
      {"pkits/4.1/ValidDSASignaturesTest4/botan",
       "Botan's default Path_Validation_Restrictions refuse SHA-1 signatures (minimum strength 110)"},
      {"pkits/4.4/ValidSeparateCertificateandCRLKeysTest19/openssl",
       "with its default flags OpenSSL takes only CRLs signed by the certificate issuer's own key; a CRL "
       "signed by another key of the CA needs X509_V_FLAG_EXTENDED_CRL_SUPPORT, off by default"},
      {"pkits/4.5/ValidBasicSelfIssuedCRLSigningKeyTest6/openssl",
       "with its default flags OpenSSL takes only CRLs signed by the certificate issuer's own key "
       "(X509_V_FLAG_EXTENDED_CRL_SUPPORT is off by default): different CRL scope"},
      {"pkits/4.5/ValidBasicSelfIssuedNewWithOldTest4/openssl",
       "with its default flags OpenSSL takes only CRLs signed by the certificate issuer's own key "
       "(X509_V_FLAG_EXTENDED_CRL_SUPPORT is off by default): different CRL scope"},
      {"pkits/4.4/ValidSeparateCertificateandCRLKeysTest19/botan",
       "Botan looks a CRL up by the certificate's issuer name and authorityKeyIdentifier, so a CRL signed "
       "by another key of the CA is not found: no revocation data"},
      {"pkits/4.6/ValidSelfIssuedpathLenConstraintTest1*/botan",
       "Botan looks a CRL up by the certificate's issuer name and authorityKeyIdentifier, so the CRL of "
       "a CA with a self-issued certificate is not found: no revocation data"},
      {"pkits/4.13/ValidDNnameConstraintsTest19/botan",
       "Botan looks a CRL up by the certificate's issuer name and authorityKeyIdentifier, so the CRL of "
       "a CA with a self-issued certificate is not found: no revocation data"},
      {"pkits/4.13/Valid*/mbedtls",
       "Mbed TLS 2.28 does not implement nameConstraints: it cannot parse a certificate carrying the "
       "(critical) extension, so every path through a name-constrained CA is refused"},
      {"pkits/4.3/ValidNameChainingWhitespaceTest*/mbedtls",
       "Mbed TLS 2.28 compares names byte for byte but for ASCII case; RFC 5280 7.1 also folds "
       "internal whitespace"},
      {"pkits/4.3/ValidUTF8StringCaseInsensitiveMatchTest11/mbedtls",
       "Mbed TLS 2.28 compares UTF8String names without the case folding RFC 5280 7.1 asks for"},
      {"pkits/4.3/ValidNameUIDsTest6/mbedtls",
       "Mbed TLS 2.28 cannot parse a certificate with issuerUniqueID or subjectUniqueID"},
      {"pkits/4.4/ValidSeparateCertificateandCRLKeysTest19/mbedtls",
       "Mbed TLS 2.28 checks a CRL only with the certificate issuer's own key, so a CRL signed by another "
       "key of the CA is 'not correctly signed'"},
      {"pkits/4.5/ValidBasicSelfIssuedOldWithNewTest1/mbedtls",
       "Mbed TLS 2.28 checks a CRL only with the certificate issuer's own key, so the CRL of a CA that "
       "rolled its key over is 'not correctly signed'"},
      {"pkits/4.1/ValidDSASignaturesTest4/mbedtls", kMbedtlsNoDsa},
      {"pkits/4.1/ValidDSAParameterInheritanceTest5/mbedtls", kMbedtlsNoDsa},
      {"pkits/4.5/ValidBasicSelfIssuedNewWithOldTest3/botan", kBotanCrlOfAnotherKey},
      {"pkits/4.5/ValidBasicSelfIssuedOldWithNewTest1/botan", kBotanCrlOfAnotherKey},
      {"pkits/4.5/InvalidBasicSelfIssuedCRLSigningKeyTest7/botan", kBotanRevocationInRollover},
      {"pkits/4.5/InvalidBasicSelfIssuedNewWithOldTest5/botan", kBotanRevocationInRollover},
      {"pkits/4.13/InvalidDNnameConstraintsTest10/botan", kBotanDirectoryNameConstraints},
      {"pkits/4.13/InvalidDNnameConstraintsTest20/botan", kBotanDirectoryNameConstraints},
      {"pkits/4.13/ValidDNnameConstraintsTest18/botan", kBotanDirectoryNameConstraints},
      {"pkits/4.13/InvalidRFC822nameConstraintsTest26/botan", kBotanEmailConstraints},
      {"pkits/4.13/ValidRFC822nameConstraintsTest21/botan", kBotanEmailConstraints},
      {"pkits/4.13/ValidRFC822nameConstraintsTest23/botan", kBotanEmailConstraints},
      {"pkits/4.13/InvalidDNandRFC822nameConstraintsTest29/botan", kBotanEmailConstraints},
      {"pkits/4.13/ValidDNandRFC822nameConstraintsTest27/botan", kBotanEmailConstraints},
      {"pkits/4.13/InvalidURInameConstraintsTest37/botan", kBotanUriConstraints},
      {"pkits/4.13/ValidURInameConstraintsTest34/botan", kBotanUriConstraints},
      {"pkits/4.5/ValidBasicSelfIssuedCRLSigningKeyTest6/mbedtls", kMbedtlsUnreadableCrl},
      {"pkits/4.5/ValidBasicSelfIssuedNewWithOldTest3/mbedtls", kMbedtlsUnreadableCrl},
      {"pkits/4.5/ValidBasicSelfIssuedNewWithOldTest4/mbedtls", kMbedtlsUnreadableCrl},
      {"pkits/4.6/ValidSelfIssuedpathLenConstraintTest1*/mbedtls",
       "Mbed TLS 2.28 applies the issuer's pathLenConstraint to the self-issued certificate below it "
       "while looking for that issuer, against RFC 5280 6.1.4 (l)"},
  };
  return gaps;
}

bool matches_pattern(std::string_view pattern, std::string_view text) {
  // Iterative glob with '*' only: remember the last star and retry from one further on.
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::optional<std::string> known_gap(std::string_view case_id, const std::vector<KnownGap>& gaps) {
  for (const KnownGap& gap : gaps)
    if (matches_pattern(gap.case_pattern, case_id)) return std::string(gap.reason);
  return std::nullopt;
}

}  // namespace polycert::conformance
