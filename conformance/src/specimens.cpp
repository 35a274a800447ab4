#include <polycert/conformance/specimens.hpp>
#include <polycert/der.hpp>
#include <polycert/name.hpp>

namespace polycert::conformance {

namespace {
constexpr std::int64_t kNotBefore = 1700000000;    // 2023-11-14T22:13:20Z
constexpr std::int64_t kNotAfter = 2556144000;     // 2051-01-01T00:00:00Z
constexpr std::int64_t kLastUtcTime = 2524607999;  // 2049-12-31T23:59:59Z, UTCTime's last second
}  // namespace

CsrSpec full_csr_spec() {
  CsrSpec spec;
  spec.subject = *parse_name(
      "/C=US/ST=California/L=Mountain View/O=Acme Straße GmbH/OU=IT+OU=Platform/"
      "CN=api.acme.com/emailAddress=ops@acme.com/2.5.4.5=SN-123");
  spec.extensions.subject_alt_names = *parse_subject_alt_names(
      "DNS:api.acme.com,DNS:*.api.acme.com,IP:10.0.0.1,IP:2001:db8::7,email:ops@acme.com,"
      "URI:https://api.acme.com/");
  spec.extensions.key_usage = kDigitalSignature | kKeyEncipherment;
  spec.extensions.extended_key_usage = *parse_extended_key_usage("serverAuth,clientAuth");
  spec.extensions.basic_constraints = BasicConstraints{false, std::nullopt};
  const std::string_view password = "correct horse battery";
  spec.challenge_password = SecureBuffer(password.begin(), password.end());
  spec.unstructured_name = "Acme Inc.";
  return spec;
}

CertificateSpec ca_certificate_spec(std::string_view common_name,
                                    std::optional<unsigned> path_length) {
  CertificateSpec spec;
  spec.subject = *parse_name("/C=US/O=Acme/CN=" + std::string(common_name));
  spec.extensions.basic_constraints = BasicConstraints{true, path_length};
  spec.extensions.key_usage = kKeyCertSign | kCrlSign | kDigitalSignature;
  spec.serial = {0x4A, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F};
  spec.not_before = kNotBefore;
  spec.not_after = kNotAfter;
  return spec;
}

CertificateSpec leaf_certificate_spec(std::string_view dns_name) {
  CertificateSpec spec;
  spec.subject = *parse_name("/C=US/O=Acme/CN=" + std::string(dns_name));
  spec.extensions.subject_alt_names =
      *parse_subject_alt_names("DNS:" + std::string(dns_name) + ",IP:192.0.2.10");
  spec.extensions.basic_constraints = BasicConstraints{false, std::nullopt};
  spec.extensions.key_usage = kDigitalSignature;
  spec.extensions.extended_key_usage = {std::string(oid::kServerAuth)};
  spec.serial = {0x80, 0x11, 0x22};
  spec.not_before = kNotBefore;
  spec.not_after = kLastUtcTime;
  return spec;
}

Result<Bytes> signed_part(ByteView der) {
  der::Reader outer(der);
  auto whole = outer.expect(der::kSequence, "signed object");
  if (!whole) return std::unexpected(whole.error());
  der::Reader inner(whole->content);
  auto part = inner.expect(der::kSequence, "signed part");
  if (!part) return std::unexpected(part.error());
  return Bytes(part->whole.begin(), part->whole.end());
}

Bytes with_corrupt_signature(ByteView der) {
  Bytes copy(der.begin(), der.end());
  if (!copy.empty()) copy.back() ^= 0x01;  // the signature BIT STRING is the last element
  return copy;
}

}  // namespace polycert::conformance
