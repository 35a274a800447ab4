// Certificate revocation lists (RFC 5280 section 5): what `polycert crl` issues and what
// `inspect` and `verify --crl` read. Like certificates, a CRL's TBSCertList is encoded
// once here and only signed by a backend (Provider::sign), so every backend issues the
// same bytes and Mbed TLS, which has no CRL writer, issues them too. The reading is core's
// strict one, in front of every library's own.
#pragma once

#include <polycert/error.hpp>
#include <polycert/secure_buffer.hpp>
#include <polycert/x509.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polycert {

/// CRLReason (RFC 5280 5.3.1); 7 is unused.
enum class RevocationReason : std::uint8_t {
  unspecified = 0,
  key_compromise = 1,
  ca_compromise = 2,
  affiliation_changed = 3,
  superseded = 4,
  cessation_of_operation = 5,
  certificate_hold = 6,
  remove_from_crl = 8,
  privilege_withdrawn = 9,
  aa_compromise = 10,
};

/// The RFC's name: "keyCompromise", "cessationOfOperation"...
std::string_view to_string(RevocationReason reason);
/// The RFC's name in any case, or with hyphens ("key-compromise"); invalid_input listing
/// the names otherwise.
Result<RevocationReason> parse_revocation_reason(std::string_view text);

struct RevokedCertificate {
  Bytes serial;                 ///< big-endian magnitude
  bool serial_negative = false; ///< read from a CRL that lists a negative serial
  std::int64_t revoked_at = 0;  ///< revocationDate, seconds since the Unix epoch (UTC)
  std::optional<RevocationReason> reason;  ///< the reasonCode entry extension
};

/// What `polycert crl` issues: a v2 CRL with cRLNumber and authorityKeyIdentifier.
struct CrlSpec {
  std::int64_t this_update = 0;
  std::int64_t next_update = 0;
  Bytes number;                 ///< cRLNumber, big-endian magnitude, at most 20 octets
  std::vector<RevokedCertificate> revoked;
  Digest digest = Digest::sha256;  ///< ignored for Ed25519
};

/// A CRL as read. Views of the signed parts are copied, so it outlives the input.
struct CrlInfo {
  unsigned version = 1;                   ///< 1 or 2
  Bytes issuer_der;                       ///< the whole issuer Name
  DistinguishedName issuer;
  std::int64_t this_update = 0;
  std::optional<std::int64_t> next_update;
  std::optional<Bytes> number;            ///< cRLNumber (magnitude)
  Bytes authority_key_id;                 ///< empty when absent
  std::vector<RevokedCertificate> revoked;
  std::vector<Extension> extensions;      ///< crlExtensions, in order
  std::string signature_algorithm;        ///< its name ("sha256WithRSAEncryption")
  Bytes to_be_signed;                     ///< the whole TBSCertList
  Bytes signature_algorithm_der;          ///< the whole AlgorithmIdentifier
  Bytes signature;                        ///< without the unused-bits octet
  SignatureStatus signature_status = SignatureStatus::cannot_be_checked;
  std::string signature_note;             ///< which certificate checked it, or why not
  /// What RFC 5280 forbids a CRL issuer to write but lets users read (an empty
  /// revokedCertificates list, a reasonCode of unspecified).
  std::vector<std::string> warnings;
};

/// Reads a CRL in strict DER by RFC 5280 5.1 (version, the inner and outer signature
/// algorithms equal, times, entries, extensions only in v2, reasonCode and cRLNumber
/// values). invalid_input names the field and the rule. Pure ASN.1, no crypto: an unknown
/// critical extension is read, and left to the validator that must not use the CRL.
Result<CrlInfo> inspect_crl(ByteView der);

/// A serial number as openssl prints it, hexadecimal: "0A1B2C", "0a:1b:2c" or "0x0A1B2C".
/// The magnitude without leading zero octets; invalid_input saying the form otherwise.
Result<Bytes> parse_serial_text(std::string_view text);

/// `number` + 1 (big-endian magnitudes): the next cRLNumber.
Bytes next_crl_number(ByteView number);

/// Whether `serial` (magnitude) is among `crl`'s revoked entries.
const RevokedCertificate* find_revoked(const CrlInfo& crl, ByteView serial);

}  // namespace polycert
