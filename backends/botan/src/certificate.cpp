// X.509 certificates with Botan 2: reading. Core encodes the certificates polycert issues
// and signing.cpp signs them (Botan's X509_CA re-encodes the names with its own string
// types and adds extensions and key identifiers of its own choosing).
//
// Missing capabilities: none (RSA, EC P-256/384/521 and Ed25519, as subject and issuer).
//
// Library quirks worked around here:
// - Botan's X509_Time refuses years after 3100, converts to time points through
//   system_clock (nanoseconds, ending in 2262) and calendar_point (refusing 2400 on), while
//   certificates run to 9999. Times are read back from X509_Time's calendar fields
//   (readable_string) with a days-from-civil count, never local time.
// - Gap: Botan's X509_Certificate cannot read a certificate valid beyond 3100 (RFC 5280's
//   99991231235959Z among them). Such a certificate is reported as unsupported (not as
//   malformed), when read, verified or used as an issuer. Issuing one works: only the
//   reading is Botan's. The capability matrix has no row for it (its rows are per key).
// - X509_Certificate fails on some keys polycert does not handle with an unrelated error
//   (RSA-PSS: "Algorithm identifier mismatch"), so the key is classified with core's
//   inspection before Botan parses (check_readable).
// - Botan 2's AlternativeName is a multimap of strings (order lost, IPv6 skipped): SANs
//   are typed with core's decode_extensions() (see x509_support.hpp).
#include "botan_provider.hpp"
#include "errors.hpp"
#include "key_types.hpp"
#include "x509_support.hpp"

#include <polycert/der.hpp>
#include <polycert/key_structure.hpp>
#include <polycert/name.hpp>

#include <botan/asn1_obj.h>
#include <botan/ber_dec.h>
#include <botan/bigint.h>
#include <botan/der_enc.h>
#include <botan/pkix_enums.h>
#include <botan/pkix_types.h>
#include <botan/x509cert.h>

#include <charconv>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace polycert::botan_backend {

namespace {

constexpr std::string_view kWhat = "certificate";

// What is looked at before Botan parses a certificate, with core's DER reader: its
// validity times and its SubjectPublicKeyInfo. A structure this walk does not expect is
// left for Botan to judge.
struct TbsFields {
  std::vector<der::Element> times;
  ByteView spki;
};

std::optional<TbsFields> tbs_fields(ByteView der) {
  der::Reader outer(der);
  auto certificate = outer.expect(der::kSequence, "certificate");
  if (!certificate) return std::nullopt;
  der::Reader fields(certificate->content);
  auto tbs = fields.expect(der::kSequence, "tbsCertificate");
  if (!tbs) return std::nullopt;
  der::Reader reader(tbs->content);
  if (reader.peek_tag() == der::context_constructed(0) && !reader.next()) return std::nullopt;
  for (std::uint8_t tag : {der::kInteger, der::kSequence, der::kSequence})  // serial, alg, issuer
    if (!reader.expect(tag, "tbsCertificate")) return std::nullopt;
  auto validity = reader.expect(der::kSequence, "validity");
  if (!validity || !reader.expect(der::kSequence, "subject")) return std::nullopt;
  auto spki = reader.expect(der::kSequence, "subjectPublicKeyInfo");
  if (!spki) return std::nullopt;
  TbsFields out{{}, spki->whole};
  der::Reader times(validity->content);
  while (!times.empty()) {
    auto time = times.next();
    if (!time) return std::nullopt;
    out.times.push_back(*time);
  }
  return out;
}

// What Botan 2 cannot read in a certificate, found before it tries, so that it is
// reported as the gap it is, not as malformed input:
// - X509_Time refuses any year after 3100, so X509_Certificate cannot read a certificate
//   valid beyond it (RFC 5280's 99991231235959Z "no expiration" among them);
// - a key polycert does not handle (X509_Certificate fails on some, e.g. RSA-PSS, with
//   an unrelated "Algorithm identifier mismatch").
Result<void> check_readable(BotanProvider& provider, ByteView der, std::string_view what) {
  constexpr std::uint8_t kGeneralizedTime = 0x18;
  const auto fields = tbs_fields(der);
  if (!fields) return {};
  for (const der::Element& time : fields->times) {
    if (time.tag != kGeneralizedTime || time.content.size() < 4) continue;  // UTCTime ends in 2049
    const std::string text(as_text(time.content));
    unsigned year = 0;
    if (std::from_chars(text.data(), text.data() + 4, year).ptr == text.data() + 4 && year > 3100)
      return std::unexpected(provider.missing(
          "read a " + std::string(what) + " valid beyond the year 3100 (" + text + ")",
          "Botan 2's X509_Time refuses years after 3100"));
  }
  if (auto structure = inspect_public_key(fields->spki);
      !structure && structure.error().code == ErrorCode::unsupported)
    return std::unexpected(provider.missing(
        "read a " + std::string(what) + " carrying " + structure.error().message, kReadableKeys));
  return {};
}

// Seconds since the epoch of a time Botan decoded, from its "YYYY/MM/DD HH:MM:SS UTC".
Result<std::int64_t> epoch_seconds(const Botan::X509_Time& time, std::string_view field) {
  const std::string text = time.readable_string();
  unsigned value[6] = {};
  const std::size_t offsets[6] = {0, 5, 8, 11, 14, 17};
  const std::size_t widths[6] = {4, 2, 2, 2, 2, 2};
  for (int i = 0; i < 6; ++i) {
    const char* first = text.data() + offsets[i];
    if (text.size() < offsets[i] + widths[i] ||
        std::from_chars(first, first + widths[i], value[i]).ptr != first + widths[i])
      return fail(ErrorCode::internal, "Botan gave " + std::string(field) + " as \"" + text + "\"");
  }
  auto field_value = [&](int i) { return static_cast<int>(value[i]); };
  return unix_seconds(CivilTime{value[0], field_value(1), field_value(2), field_value(3),
                                field_value(4), field_value(5)});
}

// Reads the certificate. May throw (Botan's decoding errors are about the input).
Result<CertificateInfo> read_certificate(BotanProvider& provider, ByteView der) {
  if (auto readable = check_readable(provider, der, kWhat); !readable)
    return std::unexpected(readable.error());
  // decode_from, not the constructor: its load_data takes DER holding "-----BEGIN " for PEM.
  Botan::X509_Certificate certificate;
  Botan::BER_Decoder decoder(der.data(), der.size());
  certificate.decode_from(decoder);
  decoder.verify_end();
  CertificateInfo info;
  info.subject_der = certificate.raw_subject_dn();
  info.issuer_der = certificate.raw_issuer_dn();
  auto subject = decode_name(info.subject_der);
  if (!subject) return std::unexpected(with_context(subject.error(), "certificate: subject"));
  info.subject = std::move(*subject);
  auto issuer = decode_name(info.issuer_der);
  if (!issuer) return std::unexpected(with_context(issuer.error(), "certificate: issuer"));
  info.issuer = std::move(*issuer);

  if (certificate.is_serial_negative())
    return fail(ErrorCode::invalid_input, "certificate: negative serial number");
  info.serial = certificate.serial_number();
  auto not_before = epoch_seconds(certificate.not_before(), "notBefore");
  if (!not_before) return std::unexpected(not_before.error());
  auto not_after = epoch_seconds(certificate.not_after(), "notAfter");
  if (!not_after) return std::unexpected(not_after.error());
  info.not_before = *not_before;
  info.not_after = *not_after;

  info.public_key = certificate.subject_public_key_info();
  auto key = carried_key(provider, info.public_key, kWhat);
  if (!key) return std::unexpected(key.error());
  info.key = (*key)->spec();

  const Botan::Extensions& extensions = certificate.v3_extensions();
  info.all_extensions = raw_extensions(extensions);
  auto typed = typed_extensions(extensions, info.all_extensions, kWhat);
  if (!typed) return std::unexpected(typed.error());
  info.extensions = std::move(*typed);
  info.subject_key_id = certificate.subject_key_id();
  info.authority_key_id = certificate.authority_key_id();

  info.signature_algorithm_oid = certificate.signature_algorithm().get_oid().to_string();
  info.sha256_fingerprint = hash_of("SHA-256", der);
  return info;
}

}  // namespace

Result<CertificateInfo> BotanProvider::do_parse_certificate(ByteView der) {
  return guarded(kWhat, Blame::input, [&] { return read_certificate(*this, der); });
}

}  // namespace polycert::botan_backend
