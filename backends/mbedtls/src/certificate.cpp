// X.509 v3 certificates with Mbed TLS 2.28: reading (mbedtls_x509_crt_parse_der_with_ext_cb).
// Core encodes the certificates polycert issues and signing.cpp signs them:
// mbedtls_x509write_crt takes the subject and issuer as text that
// mbedtls_x509_string_to_names re-parses (multi-valued RDNs and string types are lost), and
// adds extensions through mbedtls_x509_set_extension (CVE-2024-23775 in Debian's 2.28.3).
//
// Missing: Ed25519 (no EdDSA in 2.28): issuing with, or reading a certificate carrying or
// signed by, an Ed25519 key is unsupported (issuing one for an Ed25519 key too: this
// backend could never read it back). Compressed EC points are unsupported.
//
// Library quirks worked around here:
// - mbedtls_x509_crt_parse_der refuses a certificate with a critical extension it does not
//   implement; for reading (not path validation) the _with_ext_cb variant accepts them, so
//   they appear in all_extensions as with the other backends.
// - 2.28 keeps no subjectKeyIdentifier / authorityKeyIdentifier (3.x added them) and reads
//   only dNSName and otherName from subjectAltName: those come from the raw extensions
//   (crt.v3_ext, walked with mbedtls_asn1_get_*) and core's decode_extensions; keyUsage,
//   extendedKeyUsage and basicConstraints come from the library's typed fields.
// - crt.max_pathlen is the RFC 5280 pathLenConstraint plus one (0: absent).
// - Validity is mbedtls_x509_time (calendar fields): converted to epoch seconds with a
//   days-from-civil formula, no timegm/mktime (time zone, locale).
#include "errors.hpp"
#include "keys.hpp"
#include "x509_support.hpp"

#include <polycert/key_structure.hpp>
#include <polycert/name.hpp>

#include <mbedtls/oid.h>
#include <mbedtls/x509_crt.h>

#include <algorithm>
#include <array>
#include <cstdio>

namespace polycert::mbedtls_backend {

namespace {

constexpr std::string_view kCertificate = "certificate";

std::unexpected<Error> unexpected(Error error) { return std::unexpected<Error>(std::move(error)); }

// Accepts every extension Mbed TLS does not implement, critical or not: we read
// certificates here, we do not validate paths with them.
int accept_extension(void* /*context*/, mbedtls_x509_crt const* /*crt*/,
                     mbedtls_x509_buf const* /*oid*/, int /*critical*/, const unsigned char* /*p*/,
                     const unsigned char* /*end*/) {
  return 0;
}

// Parses one certificate into `crt`; `what` names it in errors.
Result<void> parse(const MbedtlsProvider& provider, X509Crt& crt, ByteView der,
                   std::string_view what) {
  const int ret = mbedtls_x509_crt_parse_der_with_ext_cb(crt.get(), der.data(), der.size(), 1,
                                                         &accept_extension, nullptr);
  if (ret != 0) return unexpected(parse_failure(provider, der, true, what, ret));
  if (crt.get()->raw.len != der.size())
    return fail(ErrorCode::invalid_input, std::string(what) + ": trailing data");
  return check_carried_key(provider, view(crt.get()->pk_raw), what);
}

std::int64_t to_epoch(const mbedtls_x509_time& t) {
  return unix_seconds(CivilTime{t.year, t.mon, t.day, t.hour, t.min, t.sec});
}

// Mbed TLS keyUsage flags (first octet as is, the ninth bit as 0x8000) to RFC 5280 bits.
std::uint16_t key_usage_bits(unsigned int flags) {
  std::uint16_t bits = 0;
  for (unsigned bit = 0; bit < 8; ++bit)
    if ((flags & (0x80u >> bit)) != 0) bits = static_cast<std::uint16_t>(bits | (1u << bit));
  if ((flags & MBEDTLS_X509_KU_DECIPHER_ONLY) != 0) bits |= kDecipherOnly;
  return bits;
}

// The keyIdentifier of subjectKeyIdentifier (OCTET STRING) or authorityKeyIdentifier
// (SEQUENCE { [0] IMPLICIT OCTET STRING, ... }).
Result<Bytes> key_id_of(const Extension& extension) {
  const std::string context = std::string(kCertificate) + ": " + extension.oid;
  AsnReader reader(extension.value);
  if (extension.oid == oid::kSubjectKeyIdentifier) {
    auto id = reader.take(MBEDTLS_ASN1_OCTET_STRING);
    if (!id || !reader.done())
      return fail(ErrorCode::invalid_input,
                  context + ": subjectKeyIdentifier is not an OCTET STRING");
    return Bytes(id->begin(), id->end());
  }
  auto sequence = reader.take(kSequence);
  if (!sequence || !reader.done())
    return fail(ErrorCode::invalid_input, context + ": authorityKeyIdentifier is not a SEQUENCE");
  AsnReader fields(*sequence);
  if (!fields.at(MBEDTLS_ASN1_CONTEXT_SPECIFIC | 0)) return Bytes{};  // no keyIdentifier
  auto id = fields.take(MBEDTLS_ASN1_CONTEXT_SPECIFIC | 0);
  if (!id) return fail(ErrorCode::invalid_input, context + ": bad keyIdentifier");
  return Bytes(id->begin(), id->end());
}

}  // namespace

Result<CertificateInfo> read_certificate(const MbedtlsProvider& provider, ByteView der) {
  X509Crt crt;
  if (auto parsed = parse(provider, crt, der, kCertificate); !parsed)
    return unexpected(parsed.error());
  const mbedtls_x509_crt& c = *crt.get();

  CertificateInfo info;
  info.subject_der.assign(c.subject_raw.p, c.subject_raw.p + c.subject_raw.len);
  info.issuer_der.assign(c.issuer_raw.p, c.issuer_raw.p + c.issuer_raw.len);
  auto subject = decode_name(info.subject_der);
  if (!subject) return unexpected(with_context(subject.error(), "certificate: subject"));
  auto issuer = decode_name(info.issuer_der);
  if (!issuer) return unexpected(with_context(issuer.error(), "certificate: issuer"));
  info.subject = std::move(*subject);
  info.issuer = std::move(*issuer);

  // crt.serial is the INTEGER's content: drop the sign octet(s) for the magnitude.
  ByteView serial = view(c.serial);
  while (serial.size() > 1 && serial[0] == 0) serial = serial.subspan(1);
  info.serial.assign(serial.begin(), serial.end());
  info.not_before = to_epoch(c.valid_from);
  info.not_after = to_epoch(c.valid_to);

  info.public_key.assign(c.pk_raw.p, c.pk_raw.p + c.pk_raw.len);
  auto key = spec_of(provider, c.pk, "public");
  if (!key) return unexpected(key.error());
  info.key = *key;

  // crt.v3_ext is the content of [3]: the Extensions SEQUENCE OF (absent: length 0).
  if (c.v3_ext.len != 0) {
    auto extensions = read_extensions(view(c.v3_ext), kCertificate);
    if (!extensions) return unexpected(extensions.error());
    info.all_extensions = std::move(*extensions);
  }
  auto typed = decode_extensions(info.all_extensions);
  if (!typed) return unexpected(with_context(typed.error(), kCertificate));
  info.extensions = std::move(*typed);
  // What the library reads itself replaces core's reading of the same extensions.
  if ((c.ext_types & MBEDTLS_X509_EXT_KEY_USAGE) != 0)
    info.extensions.key_usage = key_usage_bits(c.key_usage);
  if ((c.ext_types & MBEDTLS_X509_EXT_BASIC_CONSTRAINTS) != 0) {
    BasicConstraints constraints;
    constraints.ca = c.ca_istrue != 0;
    if (c.max_pathlen > 0) constraints.path_length = static_cast<unsigned>(c.max_pathlen - 1);
    info.extensions.basic_constraints = constraints;
  }
  if ((c.ext_types & MBEDTLS_X509_EXT_EXTENDED_KEY_USAGE) != 0) {
    info.extensions.extended_key_usage.clear();
    for (const mbedtls_x509_sequence* entry = &c.ext_key_usage; entry != nullptr;
         entry = entry->next) {
      auto dotted = oid_text(view(entry->buf));
      if (!dotted) return unexpected(with_context(dotted.error(), "certificate: extendedKeyUsage"));
      info.extensions.extended_key_usage.push_back(std::move(*dotted));
    }
  }
  for (const Extension& extension : info.all_extensions) {
    if (extension.oid != oid::kSubjectKeyIdentifier &&
        extension.oid != oid::kAuthorityKeyIdentifier)
      continue;
    auto id = key_id_of(extension);
    if (!id) return unexpected(id.error());
    (extension.oid == oid::kSubjectKeyIdentifier ? info.subject_key_id : info.authority_key_id) =
        std::move(*id);
  }

  auto signature_oid = oid_text(view(c.sig_oid));
  if (!signature_oid) return unexpected(with_context(signature_oid.error(), kCertificate));
  info.signature_algorithm_oid = std::move(*signature_oid);
  info.sha256_fingerprint = sha256(der);
  return info;
}

}  // namespace polycert::mbedtls_backend
