// Reading CSRs and certificates with Mbed TLS 2.28 (csr.cpp, certificate.cpp) and the
// helpers they share (x509_support.cpp): hashing and verifying with mbedtls_md and
// mbedtls_pk_verify_ext, and reading the parts of the DER that the 2.28 parsers skip.
#pragma once

#include "key_types.hpp"
#include "mbedtls_provider.hpp"

#include <polycert/x509.hpp>

#include <mbedtls/asn1.h>
#include <mbedtls/md.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace polycert::mbedtls_backend {

// ---- Entry points (MbedtlsProvider's do_* forward here) -------------------------------

Result<CertificateInfo> read_certificate(const MbedtlsProvider& provider, ByteView der);
Result<CsrInfo> read_csr(const MbedtlsProvider& provider, ByteView der);

// ---- Signing and hashing ------------------------------------------------------------------

/// The Mbed TLS digest for a polycert digest.
mbedtls_md_type_t md_type(Digest digest);

/// Hashes `signed_data` with `md` and verifies `signature` with `pk` (mbedtls_pk_verify_ext,
/// so RSASSA-PSS parameters parsed by the library are honoured). 0 or the library's error.
int verify(const mbedtls_pk_context& pk, mbedtls_pk_type_t sig_pk, const void* sig_opts,
           mbedtls_md_type_t md, ByteView signed_data, ByteView signature);

/// SHA-256 of `data` with mbedtls_sha256_ret.
Bytes sha256(ByteView data);

// ---- Reading ---------------------------------------------------------------------------------

inline constexpr int kSequence = MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE;
inline constexpr int kSet = MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SET;
/// [n] constructed, context-specific (EXPLICIT tags, and IMPLICIT SET/SEQUENCE OF).
constexpr int context_tag(int n) {
  return MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | n;
}

/// A read cursor over DER, on mbedtls_asn1_get_tag (whose 2.28 cursor is non-const but
/// only reads through it).
struct AsnReader {
  unsigned char* p;
  const unsigned char* end;

  explicit AsnReader(ByteView bytes)
      : p(const_cast<unsigned char*>(bytes.data())), end(bytes.data() + bytes.size()) {}

  bool done() const { return p >= end; }
  bool at(int tag) const { return p < end && *p == tag; }
  /// The next element, which must have `tag`: its content, or nothing.
  std::optional<ByteView> take(int tag) {
    std::size_t length = 0;
    if (mbedtls_asn1_get_tag(&p, end, &length, tag) != 0) return std::nullopt;
    ByteView content(p, length);
    p += length;
    return content;
  }
  /// Like take, but the whole element (tag and length included).
  std::optional<ByteView> take_whole(int tag) {
    const unsigned char* start = p;
    if (!take(tag)) return std::nullopt;
    return ByteView(start, static_cast<std::size_t>(p - start));
  }
  /// The next element whatever its tag: tag and content.
  std::optional<std::pair<int, ByteView>> next() {
    if (done()) return std::nullopt;
    const int tag = *p;
    auto content = take(tag);
    if (!content) return std::nullopt;
    return std::pair<int, ByteView>(tag, *content);
  }
};

/// View of an mbedtls_x509_buf / mbedtls_asn1_buf.
inline ByteView view(const mbedtls_asn1_buf& buf) { return {buf.p, buf.len}; }

/// Dotted text of OID content octets. Core's decoder, not mbedtls_oid_get_numeric_string:
/// 2.28 mis-prints OIDs whose first subidentifier takes more than one octet (2.999...).
Result<std::string> oid_text(ByteView content);

/// Extensions ::= SEQUENCE OF Extension, read with mbedtls_asn1_get_*; `what` names the
/// structure in errors ("certificate", "certificate request").
Result<std::vector<Extension>> read_extensions(ByteView sequence_of, std::string_view what);


/// The pieces of a signed structure (Certificate or CertificationRequest) that we need to
/// classify a key or signature algorithm Mbed TLS refused: the SubjectPublicKeyInfo and the
/// outer signature AlgorithmIdentifier OID. Read with mbedtls_asn1_get_*.
struct SignedOutline {
  ByteView spki;
  std::string signature_oid;
};
/// `certificate`: true for a Certificate, false for a CertificationRequest.
std::optional<SignedOutline> outline(ByteView der, bool certificate);

/// Checks a SubjectPublicKeyInfo carried in a request or certificate the way core checks
/// any public key (inspect_public_key), so every backend classifies it the same way:
/// unsupported names the key (Ed25519 included, which 2.28 lacks), invalid_input says
/// what is malformed. `what` is "certificate request" or "certificate".
Result<void> check_carried_key(const MbedtlsProvider& provider, ByteView spki,
                               std::string_view what);

/// The error for DER the library refused (`ret`): unsupported when the structure carries
/// a key or signature algorithm polycert or Mbed TLS 2.28 does not handle, else
/// invalid_input "<what>: <library reason>".
Error parse_failure(const MbedtlsProvider& provider, ByteView der, bool certificate,
                    std::string_view what, int ret);


}  // namespace polycert::mbedtls_backend
