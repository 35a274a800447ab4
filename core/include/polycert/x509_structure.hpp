// The one strict reading of certificates and requests that runs in front of every backend.
//
// OpenSSL, Botan and Mbed TLS disagree on what a certificate may be (a version field of 7,
// a negative serial, inner and outer signature algorithms that differ, extensions in a v1
// certificate...). Core reads the structure once and decides by RFC 5280 and RFC 2986, so
// every backend gives the same verdict; docs/strictness.md lists each rule with its reason
// and what each library does on its own. Pure ASN.1, no crypto.
#pragma once

#include <polycert/error.hpp>
#include <polycert/secure_buffer.hpp>
#include <polycert/x509.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace polycert {

/// The parts of a Certificate (RFC 5280 4.1). Views point into the inspected bytes.
struct CertificateStructure {
  ByteView to_be_signed;               ///< the whole TBSCertificate: what the signature covers
  unsigned version = 1;                ///< 1, 2 or 3
  ByteView serial;                     ///< the INTEGER's content octets (two's complement)
  ByteView inner_signature_algorithm;  ///< TBSCertificate.signature, the whole AlgorithmIdentifier
  ByteView issuer;                     ///< the whole Name
  std::int64_t not_before = 0;         ///< seconds since the Unix epoch (UTC)
  std::int64_t not_after = 0;
  ByteView subject;                    ///< the whole Name
  ByteView subject_public_key_info;    ///< the whole SubjectPublicKeyInfo
  std::vector<Extension> extensions;   ///< in order; empty when absent
  ByteView signature_algorithm;        ///< Certificate.signatureAlgorithm, whole
  ByteView signature;                  ///< signatureValue without its unused-bits octet
  /// What RFC 5280 forbids a CA to write but asks users to read: a negative or zero serial,
  /// a serial longer than 20 octets, an empty subject without subjectAltName.
  std::vector<std::string> warnings;
};

/// Reads a certificate in strict DER and applies the rules of docs/strictness.md.
/// invalid_input names the field and the rule (with its RFC section).
Result<CertificateStructure> inspect_certificate(ByteView der);

/// The parts of a CertificationRequest (RFC 2986 4).
struct RequestStructure {
  ByteView to_be_signed;             ///< the whole CertificationRequestInfo
  ByteView subject;                  ///< the whole Name
  ByteView subject_public_key_info;  ///< the whole SubjectPublicKeyInfo
  ByteView attributes;               ///< the content of [0] attributes (may be empty)
  ByteView signature_algorithm;      ///< the whole AlgorithmIdentifier
  ByteView signature;                ///< signature without its unused-bits octet
};

/// Reads a request in strict DER (version 0, the attributes' [0] present).
Result<RequestStructure> inspect_request(ByteView der);

/// A serial number's value: the magnitude (big-endian, at least one octet: zero is "00")
/// and its sign, from the INTEGER's content octets.
struct SerialNumber {
  Bytes magnitude;
  bool negative = false;
};
SerialNumber read_serial(ByteView integer_content);

/// Every field of a CertificateInfo that needs no crypto, read by core from `structure`:
/// what a backend whose library cannot hold the certificate's key, or parse its signature
/// algorithm, shows instead of its own reading. Leaves sha256_fingerprint empty.
Result<CertificateInfo> read_certificate_fields(const CertificateStructure& structure);

/// The extensions of `structure` as core reads them, into `info`: all_extensions, the typed
/// ones (a pathLenConstraint without cA dropped, with a warning), the key identifiers.
/// invalid_input when one of them does not decode. Every backend's reading gets these, so
/// no library's extension decoder decides.
Result<void> read_extension_fields(const CertificateStructure& structure, CertificateInfo& info);

/// The same for a request: subject, key, attributes (challengePassword, unstructuredName,
/// extensionRequest). signature_status stays cannot_be_checked.
Result<CsrInfo> read_request_fields(const RequestStructure& structure);

/// A certificate's or request's Time (RFC 5280 4.1.2.5): UTCTime "YYMMDDHHMMSSZ" (years
/// 1950-2049) or GeneralizedTime "YYYYMMDDHHMMSSZ", nothing else. Seconds since the epoch.
Result<std::int64_t> read_x509_time(std::uint8_t tag, ByteView content);

/// keyIdentifier of a subjectKeyIdentifier or authorityKeyIdentifier extension value
/// (empty when the AKI has none).
Result<Bytes> read_key_identifier(const Extension& extension);

}  // namespace polycert
