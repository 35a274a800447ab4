// CSRs and certificates with Mbed TLS 2.28 (csr.cpp, certificate.cpp) and the helpers they
// share (x509_support.cpp): a C++ face for the backwards-writing mbedtls_asn1_write_*
// functions, signing with mbedtls_md + mbedtls_pk_sign, and reading the parts of the DER
// that the 2.28 parsers skip.
#pragma once

#include "key_types.hpp"
#include "mbedtls_provider.hpp"

#include <polycert/x509.hpp>

#include <mbedtls/asn1.h>
#include <mbedtls/md.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace polycert::mbedtls_backend {

// ---- Entry points (MbedtlsProvider's do_* forward here) -------------------------------

Result<Bytes> create_csr(MbedtlsProvider& provider, const MbedtlsPrivateKey& key,
                         const CsrSpec& spec);
Result<Bytes> issue_certificate(MbedtlsProvider& provider, const CertificateSpec& spec,
                                ByteView subject_spki, const MbedtlsPrivateKey& issuer_key,
                                const CertificateInfo* issuer);
Result<CertificateInfo> read_certificate(const MbedtlsProvider& provider, ByteView der);
Result<CsrInfo> read_csr(const MbedtlsProvider& provider, ByteView der);

// ---- Writing DER backwards --------------------------------------------------------------

/// Wraps the mbedtls_asn1_write_* functions, which write each element just before the
/// cursor, from the end of a buffer towards its start: a structure is written last field
/// first, and its header after its content. Every call returns the bytes it wrote; the
/// first failure (usually MBEDTLS_ERR_ASN1_BUF_TOO_SMALL) sticks and makes every later
/// call a no-op, so callers check error() once at the end.
class AsnWriter {
 public:
  AsnWriter(unsigned char* start, std::size_t size) : start_(start), p_(start + size) {}

  /// Bytes as they are (already DER).
  std::size_t raw(ByteView bytes);
  /// Length and tag for `content_length` bytes already written.
  std::size_t header(std::size_t content_length, unsigned char tag);
  /// A TLV whose content `body` writes (backwards); returns the whole element's size.
  template <typename Body>
  std::size_t element(unsigned char tag, Body&& body) {
    const std::size_t length = std::forward<Body>(body)();
    return length + header(length, tag);
  }
  /// A primitive TLV with `content`.
  std::size_t primitive(unsigned char tag, ByteView content);
  std::size_t oid(std::string_view dotted);
  std::size_t small_int(int value);
  std::size_t boolean_true();
  std::size_t null();
  /// A positive INTEGER from a big-endian magnitude without leading zeros.
  std::size_t unsigned_integer(ByteView magnitude);
  /// A BIT STRING of whole bytes (no unused bits).
  std::size_t bit_string(ByteView bytes);
  /// Extensions ::= SEQUENCE OF Extension, in the given order.
  std::size_t extensions(const std::vector<Extension>& extensions);
  /// AlgorithmIdentifier of a signature: parameters NULL for RSA, absent for ECDSA.
  std::size_t signature_algorithm(KeyAlgorithm algorithm, std::string_view dotted_oid);

  int error() const { return error_; }

 private:
  std::size_t track(int ret);

  unsigned char* start_;
  unsigned char* p_;
  int error_ = 0;
};

/// Runs `write(AsnWriter&)` into a scratch buffer, doubling it while it is too small, and
/// returns what was written. The scratch buffer is wiped (a request may carry a password).
Result<SecureBuffer> write_asn1(const std::function<std::size_t(AsnWriter&)>& write,
                                std::string_view what);

// ---- Signing and hashing ------------------------------------------------------------------

/// The Mbed TLS digest for a polycert digest.
mbedtls_md_type_t md_type(Digest digest);

/// Hashes `data` with `md` (mbedtls_md) and signs the hash with `key` (mbedtls_pk_sign):
/// PKCS#1 v1.5 for RSA, DER SEQUENCE{r, s} for ECDSA (deterministic, RFC 6979, in 2.28).
Result<Bytes> sign(MbedtlsProvider& provider, const MbedtlsPrivateKey& key, Digest digest,
                   ByteView data);

/// Hashes `signed_data` with `md` and verifies `signature` with `pk` (mbedtls_pk_verify_ext,
/// so RSASSA-PSS parameters parsed by the library are honoured). 0 or the library's error.
int verify(const mbedtls_pk_context& pk, mbedtls_pk_type_t sig_pk, const void* sig_opts,
           mbedtls_md_type_t md, ByteView signed_data, ByteView signature);

/// SHA-1 of a SubjectPublicKeyInfo's subjectPublicKey bits, without the unused-bits octet
/// (RFC 5280 4.2.1.2 method 1), with mbedtls_sha1_ret.
Result<Bytes> key_identifier(ByteView spki);

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

/// A DirectoryString-like value (UTF8String, PrintableString, IA5String, NumericString,
/// TeletexString as Latin-1, BMPString, UniversalString) as UTF-8.
Result<std::string> read_string(int tag, ByteView content, std::string_view what);

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
