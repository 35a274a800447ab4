// Helpers shared by csr.cpp, certificate.cpp and the signature code: verifying, hashing,
// and the reading Mbed TLS 2.28 leaves to its callers.
//
// Library quirks worked around here:
// - mbedtls_oid_get_numeric_string in 2.28 mis-prints OIDs whose first subidentifier needs
//   more than one octet; core's der::decode_oid is used instead (pure text formatting).
// - The 2.28 x509 parsers stop at the first key or signature algorithm they do not know
//   with an error code only; parse_failure walks the DER (mbedtls_asn1_get_*) to name it.
#include "x509_support.hpp"

#include "errors.hpp"
#include "keys.hpp"

#include <polycert/der.hpp>
#include <polycert/key_encoding.hpp>
#include <polycert/key_structure.hpp>

#include <mbedtls/asn1write.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/pk.h>
#include <mbedtls/sha1.h>
#include <mbedtls/sha256.h>
#include <mbedtls/x509.h>

#include <algorithm>
#include <array>

namespace polycert::mbedtls_backend {

namespace {

std::unexpected<Error> unexpected(Error error) { return std::unexpected<Error>(std::move(error)); }

// The library's high-level error code (X509, PK, ...) without the low-level part (ASN1,
// OID, ...) that the x509 parsers add to it.
int high_level(int ret) {
  const int magnitude = -ret;
  return -(magnitude & 0xFF80);
}

}  // namespace

// ---- Signing and hashing ------------------------------------------------------------------

mbedtls_md_type_t md_type(Digest digest) {
  switch (digest) {
    case Digest::sha256:
      return MBEDTLS_MD_SHA256;
    case Digest::sha384:
      return MBEDTLS_MD_SHA384;
    case Digest::sha512:
      return MBEDTLS_MD_SHA512;
  }
  return MBEDTLS_MD_NONE;
}

int verify(const mbedtls_pk_context& pk, mbedtls_pk_type_t sig_pk, const void* sig_opts,
           mbedtls_md_type_t md, ByteView signed_data, ByteView signature) {
  const mbedtls_md_info_t* info = mbedtls_md_info_from_type(md);
  if (info == nullptr) return MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE;
  std::array<unsigned char, MBEDTLS_MD_MAX_SIZE> hash{};
  const int ret = mbedtls_md(info, signed_data.data(), signed_data.size(), hash.data());
  if (ret != 0) return ret;
  // 2.28 takes the key non-const although verifying only reads it.
  return mbedtls_pk_verify_ext(sig_pk, sig_opts, const_cast<mbedtls_pk_context*>(&pk), md,
                               hash.data(), mbedtls_md_get_size(info), signature.data(),
                               signature.size());
}

Bytes sha256(ByteView data) {
  Bytes digest(32);
  // Cannot fail for an in-memory buffer with the software implementation.
  (void)mbedtls_sha256_ret(data.data(), data.size(), digest.data(), 0);
  return digest;
}

// ---- Reading ---------------------------------------------------------------------------------

Result<std::string> oid_text(ByteView content) { return der::decode_oid(content); }

Result<std::vector<Extension>> read_extensions(ByteView sequence_of, std::string_view what) {
  // Joined only for an error: every certificate read comes through here.
  auto context = [what] { return std::string(what) + ": extensions"; };
  AsnReader top(sequence_of);
  auto list = top.take(kSequence);
  if (!list || top.p != top.end)
    return fail(ErrorCode::invalid_input, context() + ": not a SEQUENCE OF Extension");
  std::vector<Extension> extensions;
  AsnReader items(*list);
  while (items.p < items.end) {
    auto body = items.take(kSequence);
    if (!body) return fail(ErrorCode::invalid_input, context() + ": an entry is not a SEQUENCE");
    AsnReader fields(*body);
    auto oid = fields.take(MBEDTLS_ASN1_OID);
    if (!oid) return fail(ErrorCode::invalid_input, context() + ": an entry has no OID");
    Extension extension;
    auto dotted = oid_text(*oid);
    if (!dotted) return unexpected(with_context(dotted.error(), context()));
    extension.oid = std::move(*dotted);
    if (fields.at(MBEDTLS_ASN1_BOOLEAN)) {
      int critical = 0;
      const int ret = mbedtls_asn1_get_bool(&fields.p, fields.end, &critical);
      if (ret != 0)
        return unexpected(library_error(ErrorCode::invalid_input,
                                        context() + ": " + extension.oid + " critical flag", ret));
      extension.critical = critical != 0;
    }
    auto value = fields.take(MBEDTLS_ASN1_OCTET_STRING);
    if (!value || fields.p != fields.end)
      return fail(ErrorCode::invalid_input,
                  context() + ": " + extension.oid + " has no OCTET STRING value or trailing data");
    extension.value.assign(value->begin(), value->end());
    extensions.push_back(std::move(extension));
  }
  return extensions;
}


std::optional<SignedOutline> outline(ByteView der, bool certificate) {
  AsnReader top(der);
  auto outer = top.take(kSequence);
  if (!outer) return std::nullopt;
  AsnReader fields(*outer);
  auto body = fields.take(kSequence);
  auto algorithm = fields.take(kSequence);
  if (!body || !algorithm) return std::nullopt;
  AsnReader alg(*algorithm);
  auto oid = alg.take(MBEDTLS_ASN1_OID);
  if (!oid) return std::nullopt;
  auto dotted = oid_text(*oid);
  if (!dotted) return std::nullopt;

  AsnReader tbs(*body);
  std::optional<ByteView> spki;
  if (certificate) {
    constexpr int kVersionTag = MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 0;
    if (tbs.at(kVersionTag) && !tbs.take(kVersionTag)) return std::nullopt;
    if (!tbs.take(MBEDTLS_ASN1_INTEGER) || !tbs.take(kSequence) || !tbs.take(kSequence) ||
        !tbs.take(kSequence) || !tbs.take(kSequence))
      return std::nullopt;  // serial, signature, issuer, validity, subject
  } else {
    if (!tbs.take(MBEDTLS_ASN1_INTEGER) || !tbs.take(kSequence)) return std::nullopt;
  }
  spki = tbs.take_whole(kSequence);
  if (!spki) return std::nullopt;
  return SignedOutline{*spki, std::move(*dotted)};
}

Result<void> check_carried_key(const MbedtlsProvider& provider, ByteView spki,
                               std::string_view what) {
  auto structure = inspect_public_key(spki);
  if (!structure) {
    if (structure.error().code == ErrorCode::unsupported)
      return unexpected(provider.missing(
          "read " + std::string(what) + "s carrying " + structure.error().message, kReadableKeys));
    return unexpected(with_context(structure.error(), std::string(what) + ": public key"));
  }
  if (structure->algorithm == KeyAlgorithm::ed25519)
    return unexpected(
        provider.missing("read " + std::string(what) + "s carrying Ed25519 keys", kNoEd25519));
  if (structure->algorithm == KeyAlgorithm::rsa && structure->rsa_bits > kMaxRsaBits)
    return unexpected(provider.missing("read " + std::string(what) + "s carrying RSA keys over " +
                                           std::to_string(kMaxRsaBits) + " bits",
                                       kNoLargeRsa));
  if (structure->algorithm == KeyAlgorithm::ec && !structure->public_key.empty() &&
      (structure->public_key[0] == 0x02 || structure->public_key[0] == 0x03))
    return unexpected(
        provider.missing("read " + std::string(what) + "s carrying compressed EC public keys",
                         "Mbed TLS 2.28 reads uncompressed points only"));
  return {};
}

Error parse_failure(const MbedtlsProvider& provider, ByteView der, bool certificate,
                    std::string_view what, int ret) {
  if (auto parts = outline(der, certificate)) {
    if (auto key = check_carried_key(provider, parts->spki, what); !key) return key.error();
    if (high_level(ret) == MBEDTLS_ERR_X509_UNKNOWN_SIG_ALG ||
        high_level(ret) == MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE) {
      const std::string name = signature_algorithm_name(parts->signature_oid);
      return provider.missing(
          "read " + std::string(what) + "s signed with " + name +
              (name == parts->signature_oid ? "" : " (" + parts->signature_oid + ")"),
          parts->signature_oid == oid::kEd25519
              ? std::string(kNoEd25519)
              : "Mbed TLS 2.28 does not know this signature algorithm: " + error_text(ret));
    }
  }
  switch (high_level(ret)) {
    case MBEDTLS_ERR_X509_ALLOC_FAILED:
    case MBEDTLS_ERR_PK_ALLOC_FAILED:
      return library_error(ErrorCode::internal, what, ret);
    case MBEDTLS_ERR_PK_UNKNOWN_PK_ALG:
    case MBEDTLS_ERR_PK_UNKNOWN_NAMED_CURVE:
    case MBEDTLS_ERR_PK_FEATURE_UNAVAILABLE:
      return provider.missing("read " + std::string(what) + "s carrying this key", error_text(ret));
    default:
      return library_error(ErrorCode::invalid_input, what, ret);
  }
}

}  // namespace polycert::mbedtls_backend
