// What goes into and comes out of CSRs and certificates, backend-neutral. Backends build
// and read the DER with their own libraries; these types are how they agree.
#pragma once

#include <polycert/oid.hpp>

#include <polycert/error.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/name.hpp>
#include <polycert/secure_buffer.hpp>
#include <polycert/signature.hpp>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace polycert {

/// One subjectAltName entry. IP addresses are kept as text ("10.0.0.1", "2001:db8::1"),
/// normalised; emails and DNS names as given (IA5String, so ASCII only). The other forms
/// are read, shown and copied, never typed by users: a directoryName as its slash form,
/// a registeredID as its OID, an otherName as "OID;value" (a string value as text, else
/// "#hex"), an x400Address or ediPartyName as "#hex" of the whole element.
struct GeneralName {
  enum class Kind {
    dns, ip, email, uri,
    directory_name, registered_id, other_name, x400_address, edi_party_name,
  };
  Kind kind = Kind::dns;
  std::string value;
  /// The whole GeneralName element as encoded, for the forms after uri (so that a copy is
  /// exact); empty for the four text forms, which are encoded from `value`.
  Bytes der{};
  friend bool operator==(const GeneralName&, const GeneralName&) = default;
};
/// Reads one GeneralName element (the whole TLV) of any form.
Result<GeneralName> decode_general_name(ByteView element);

/// "DNS:a.example,IP:10.0.0.1,email:x@y,URI:https://..." (openssl's spelling; the type
/// names are case-insensitive). IPs are validated and normalised, DNS names and emails
/// checked to be ASCII. invalid_input names the bad entry.
Result<std::vector<GeneralName>> parse_subject_alt_names(std::string_view text);
/// "DNS:a.example" etc.
std::string to_string(const GeneralName& name);
/// IPv4 or IPv6 text to its 4 or 16 bytes; invalid_input when it is neither.
Result<Bytes> ip_address_bytes(std::string_view text);
/// 4 or 16 bytes back to normalised text (RFC 5952 for IPv6).
Result<std::string> ip_address_text(ByteView bytes);

/// keyUsage bits, numbered as in RFC 5280 (bit 0 = digitalSignature).
enum KeyUsage : std::uint16_t {
  kDigitalSignature = 1u << 0,
  kContentCommitment = 1u << 1,  ///< formerly nonRepudiation
  kKeyEncipherment = 1u << 2,
  kDataEncipherment = 1u << 3,
  kKeyAgreement = 1u << 4,
  kKeyCertSign = 1u << 5,
  kCrlSign = 1u << 6,
  kEncipherOnly = 1u << 7,
  kDecipherOnly = 1u << 8,
};
/// "digitalSignature,keyEncipherment" (openssl's names; nonRepudiation accepted).
Result<std::uint16_t> parse_key_usage(std::string_view text);
/// Names of the set bits, comma-separated, in bit order.
std::string key_usage_names(std::uint16_t bits);

/// "serverAuth,clientAuth" or dotted OIDs; returns dotted OIDs.
Result<std::vector<std::string>> parse_extended_key_usage(std::string_view text);
/// Short name of an extended key usage OID ("serverAuth"), or the OID.
std::string extended_key_usage_name(std::string_view oid);

struct BasicConstraints {
  bool ca = false;
  std::optional<unsigned> path_length;
  friend bool operator==(const BasicConstraints&, const BasicConstraints&) = default;
};

enum class Digest { sha256, sha384, sha512 };
/// "sha256", "sha384", "sha512" (also "SHA-256" etc.).
Result<Digest> parse_digest(std::string_view text);
std::string_view to_string(Digest digest);

/// An extension as it is encoded: for reports and for comparing what the typed fields do
/// not cover.
struct Extension {
  std::string oid;
  bool critical = false;
  Bytes value;  ///< the content of extnValue (the extension's own DER)
  friend bool operator==(const Extension&, const Extension&) = default;
};

/// The typed extensions polycert writes and reads in CSRs and certificates.
struct ExtensionSet {
  std::vector<GeneralName> subject_alt_names;
  std::optional<std::uint16_t> key_usage;
  std::vector<std::string> extended_key_usage;  ///< dotted OIDs, in order
  std::optional<BasicConstraints> basic_constraints;
  friend bool operator==(const ExtensionSet&, const ExtensionSet&) = default;
};

/// Whether a signature checks out, told truthfully: "does not verify" never means "could
/// not be computed".
enum class SignatureStatus {
  verifies,
  does_not_verify,
  cannot_be_checked,  ///< the backend lacks the algorithm, or the key is not one it holds
};
/// "verifies", "does not verify", "cannot be checked".
std::string_view to_string(SignatureStatus status);

/// What a certificate signing request asks for.
struct CsrSpec {
  DistinguishedName subject;
  ExtensionSet extensions;
  std::optional<SecureBuffer> challenge_password;  ///< PKCS#9 challengePassword (UTF-8)
  std::optional<std::string> unstructured_name;    ///< PKCS#9 "optional company name"
  /// String type of both attributes: choose_string_type(value, string_policy).
  StringPolicy string_policy = StringPolicy::utf8;
  Digest digest = Digest::sha256;                  ///< ignored for Ed25519
};

/// What a backend read from a CSR.
struct CsrInfo {
  DistinguishedName subject;
  Bytes subject_der;  ///< the Name exactly as encoded
  Bytes public_key;   ///< SubjectPublicKeyInfo DER
  KeySpec key;
  ExtensionSet extensions;
  std::vector<Extension> requested_extensions;  ///< every requested extension, as encoded
  std::optional<SecureBuffer> challenge_password;
  std::optional<std::string> unstructured_name;
  std::string signature_algorithm_oid;  ///< dotted; signature_algorithm_name() names it
  /// Whether the request is signed by the key it carries; set by Provider::parse_csr.
  SignatureStatus signature_status = SignatureStatus::cannot_be_checked;
  std::string signature_note;  ///< why it does not verify or cannot be checked
  PublicKeyDescription key_description;  ///< the key whatever its algorithm (core's reading)
};

/// What an issued or self-signed certificate says. Serial and validity are chosen by
/// the caller (core), so every backend issues the same certificate for the same input.
struct CertificateSpec {
  DistinguishedName subject;
  ExtensionSet extensions;       ///< SANs, keyUsage, extendedKeyUsage, basicConstraints
  Bytes serial;                  ///< big-endian magnitude, positive, at most 20 bytes
  std::int64_t not_before = 0;   ///< seconds since the Unix epoch (UTC)
  std::int64_t not_after = 0;
  Digest digest = Digest::sha256;
  // The backend adds subjectKeyIdentifier (SHA-1 of the subject public key bits,
  // RFC 5280 method 1) and, unless self-signed, authorityKeyIdentifier (the issuer's SKI).
};

/// What a backend read from a certificate.
struct CertificateInfo {
  DistinguishedName subject;
  DistinguishedName issuer;
  Bytes subject_der;
  Bytes issuer_der;
  Bytes serial;                ///< big-endian magnitude
  std::int64_t not_before = 0; ///< seconds since the Unix epoch (UTC)
  std::int64_t not_after = 0;
  Bytes public_key;            ///< SubjectPublicKeyInfo DER
  KeySpec key;
  ExtensionSet extensions;
  Bytes subject_key_id;        ///< empty if absent
  Bytes authority_key_id;      ///< keyIdentifier of authorityKeyIdentifier; empty if absent
  std::vector<Extension> all_extensions;
  std::string signature_algorithm_oid;
  Bytes sha256_fingerprint;    ///< SHA-256 of the whole DER
  // Set by Provider::parse_certificate from core's reading (x509_structure.hpp), the same
  // on every backend:
  unsigned version = 3;        ///< 1, 2 or 3
  bool serial_negative = false;  ///< `serial` is then the magnitude of a negative number
  PublicKeyDescription key_description;  ///< the key whatever its algorithm
  std::vector<std::string> warnings;     ///< what RFC 5280 forbids CAs but lets users read
};

/// Why a certificate's or request's signature or key proves little, decided the same for
/// every backend: an MD2, MD4, MD5 or SHA-1 signature ("SHA-1 signature"), an RSA or DSA
/// key under 2048 bits ("RSA key of 1024 bits"). Empty when nothing is weak.
std::vector<std::string> weaknesses(std::string_view signature_algorithm_oid,
                                    const PublicKeyDescription& key);

/// "-01:02" for a negative serial, "01:02" otherwise (hex_with_colons of the magnitude).
std::string serial_text(const CertificateInfo& info);

/// Random positive serial of 16 bytes, as the issue asks: top bit clear, not zero.
Bytes make_serial(ByteView random16);

/// "2026-11-23T19:40:00Z" (RFC 3339, UTC) for seconds since the Unix epoch.
std::string format_time(std::int64_t unix_seconds);

/// A UTC calendar time (proleptic Gregorian), without time zones or locale: what backends
/// convert their libraries' time fields through (timegm/mktime would bring both).
struct CivilTime {
  std::int64_t year;
  int month, day, hour, minute, second;
};
/// Seconds since the Unix epoch, and back (H. Hinnant's days_from_civil/civil_from_days).
std::int64_t unix_seconds(const CivilTime& time);
CivilTime civil_time(std::int64_t unix_seconds);

/// A certificate's Time (RFC 5280 4.1.2.5): UTCTime "YYMMDDHHMMSSZ" through 2049,
/// GeneralizedTime "YYYYMMDDHHMMSSZ" from 2050. The DER tag (0x17 or 0x18) and the text.
struct X509Time {
  std::uint8_t tag;
  std::string text;
};
X509Time x509_time(std::int64_t unix_seconds);

/// Colon-separated upper-case hex, as openssl prints fingerprints and serials ("AB:01").
std::string hex_with_colons(ByteView bytes);


/// The signature algorithm every backend uses for a key and digest: RSA PKCS#1 v1.5
/// (parameters NULL), ECDSA (no parameters), Ed25519 (digest ignored). Dotted OID.
std::string_view signature_algorithm_oid(KeyAlgorithm algorithm, Digest digest);

/// The extensions polycert writes, in the order and with the criticality every backend
/// uses, each value in DER: basicConstraints (critical when CA), keyUsage (critical),
/// extendedKeyUsage, subjectAltName (critical only when the subject is empty, RFC 5280
/// 4.2.1.6). Backends must put exactly these values into what they build; the
/// conformance tests compare them byte for byte.
std::vector<Extension> encode_extensions(const ExtensionSet& set, bool subject_empty);

/// The typed fields of extensions as encoded. Unknown OIDs are skipped (they stay in the
/// raw list); a malformed or repeated known extension is invalid_input. Backends whose
/// library cannot read an extension (Mbed TLS 2.28 reads no CSR extensions) use this.
Result<ExtensionSet> decode_extensions(const std::vector<Extension>& extensions);

/// The policy OIDs of a certificatePolicies value (RFC 5280 4.2.1.4), checked as DER:
/// one PolicyInformation at least, each an OID and optionally a non-empty list of
/// qualifiers (OID and value). Malformed is invalid_input; decode_extensions refuses it.
Result<std::vector<std::string>> decode_certificate_policies(ByteView value);

/// Checks a nameConstraints value (RFC 5280 4.2.1.10) as DER: permittedSubtrees [0] and
/// excludedSubtrees [1] in that order, at least one of them, each a non-empty list of
/// GeneralSubtree (a GeneralName base, an iPAddress base being octets of any count, then
/// optional minimum [0] and maximum [1]). Malformed is invalid_input; decode_extensions
/// refuses it.
Result<void> check_name_constraints(ByteView value);

/// Bounds applied before any backend builds a request or certificate, so no library sees
/// input its writer mishandles (Mbed TLS 2.28.3 lacks the CVE-2024-23775 fix).
inline constexpr std::size_t kMaxSubjectAltNames = 256;
inline constexpr std::size_t kMaxGeneralNameLength = 1024;
inline constexpr std::size_t kMaxExtensionValueSize = 16 * 1024;
inline constexpr std::size_t kMaxAttributeLength = 255;  ///< PKCS#9 ub-challenge-password etc.

inline void PrintTo(const GeneralName& name, std::ostream* os) { *os << to_string(name); }

}  // namespace polycert
