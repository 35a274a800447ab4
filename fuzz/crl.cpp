// CRL reading on every compiled-in backend: core's strict reading (Provider::parse_crl),
// everything inspect prints from it, and then the library's own CRL parser and revocation
// check (OpenSSL d2i_X509_CRL, Botan X509_CRL, mbedtls_x509_crl_parse), reached through
// validate_path with the CRL against a small PKI each backend issues once.
#include "support.hpp"

#include <polycert/crl.hpp>
#include <polycert/name.hpp>
#include <polycert/path_validation.hpp>

#include <map>

namespace polycert::fuzz {

namespace {

struct SmallPki {
  Bytes root, leaf;
};

// A CA and a leaf issued by `provider` with a key it generates: made once per backend.
const SmallPki& small_pki(Provider& provider) {
  static std::map<std::string, SmallPki, std::less<>> made;
  if (auto found = made.find(provider.name()); found != made.end()) return found->second;
  auto key = provider.generate_key(KeySpec::ec(Curve::p256));
  check_ok(key, "generating the fuzz PKI's key");
  auto spki = provider.export_public_key(**key);
  check_ok(spki, "exporting the fuzz PKI's key");
  CertificateSpec ca;
  ca.subject = *parse_name("/CN=Fuzz CRL CA");
  ca.extensions.basic_constraints = BasicConstraints{true, std::nullopt};
  ca.extensions.key_usage = kKeyCertSign | kCrlSign;
  ca.serial = {0x01};
  ca.not_before = 1'700'000'000;
  ca.not_after = 4'000'000'000;
  auto root = provider.issue_certificate(ca, *spki, **key, std::nullopt);
  check_ok(root, "issuing the fuzz PKI's CA");
  CertificateSpec leaf = ca;
  leaf.subject = *parse_name("/CN=fuzz.example");
  leaf.extensions.basic_constraints = BasicConstraints{false, std::nullopt};
  leaf.extensions.key_usage = kDigitalSignature;
  leaf.serial = {0x02};
  auto issued = provider.issue_certificate(leaf, *spki, **key, ByteView(*root));
  check_ok(issued, "issuing the fuzz PKI's leaf");
  return made.emplace(std::string(provider.name()), SmallPki{*root, *issued}).first->second;
}

void print_like_inspect(const CrlInfo& crl) {
  (void)format_slash(crl.issuer);
  (void)format_time(crl.this_update);
  if (crl.next_update) (void)format_time(*crl.next_update);
  if (crl.number) (void)hex_with_colons(*crl.number);
  (void)hex_with_colons(crl.authority_key_id);
  for (const RevokedCertificate& entry : crl.revoked) {
    (void)hex_with_colons(entry.serial);
    (void)format_time(entry.revoked_at);
    if (entry.reason) (void)to_string(*entry.reason);
  }
}

}  // namespace

void target_crl(ByteView input) {
  for (auto& provider : providers()) {
    auto crl = provider->parse_crl(input, std::nullopt);
    if (!crl) continue;
    print_like_inspect(*crl);
    for (const RevokedCertificate& entry : crl->revoked)
      check(entry.serial_negative || find_revoked(*crl, entry.serial) != nullptr,
            "a listed serial is not found as revoked");
    const SmallPki& pki = small_pki(*provider);
    (void)provider->parse_crl(input, ByteView(pki.root));
    PathValidationRequest request;
    request.leaf = pki.leaf;
    request.trusted = {pki.root};
    request.crls = {Bytes(input.begin(), input.end())};
    request.revocation = RevocationScope::leaf;
    (void)provider->validate_path(request);
  }
}

}  // namespace polycert::fuzz
