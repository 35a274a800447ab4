// Signing with Mbed TLS 2.28: the one operation requests and certificates need from a
// private key (core encodes what is signed, x509_encoding.hpp). The data is hashed with
// mbedtls_md and the hash signed with mbedtls_pk_sign: PKCS#1 v1.5 for RSA, a DER
// Ecdsa-Sig-Value for ECDSA (deterministic, RFC 6979, in stock 2.28 builds).
//
// Missing: Ed25519 (no EdDSA in 2.28).
//
// Library quirks worked around here:
// - mbedtls_pk_sign in 2.28 takes no output size; the buffer is MBEDTLS_PK_SIGNATURE_MAX_SIZE.
// - mbedtls_pk_sign copies an EC key's group for every signature, so the comb table of the
//   generator is rebuilt each time; EC keys sign here with the provider's warm group
//   (ec_groups.hpp) through the same deterministic ECDSA (RFC 6979) that mbedtls_pk_sign
//   runs, so the signature bytes are the same, about twice as fast.
#include "errors.hpp"
#include "keys.hpp"
#include "x509_support.hpp"

#include <mbedtls/asn1write.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/pk.h>

#include <algorithm>
#include <array>

namespace polycert::mbedtls_backend {

namespace {

std::unexpected<Error> unexpected(Error error) { return std::unexpected<Error>(std::move(error)); }

}  // namespace

namespace {

// mbedtls_ecdsa_write_signature (what mbedtls_pk_sign runs for EC keys, deterministic
// when MBEDTLS_ECDSA_DETERMINISTIC is set, as in every stock build) with the
// multiplication in `group`, a warm copy of the key's curve; the result is the same
// Ecdsa-Sig-Value DER. Returns an Mbed TLS error code.
int sign_ecdsa(mbedtls_ecp_group& group, const mbedtls_ecp_keypair& key, mbedtls_md_type_t md,
               const unsigned char* hash, std::size_t hash_length, unsigned char* signature,
               std::size_t* length, Rng& rng) {
  Mpi r;
  Mpi s;
#if defined(MBEDTLS_ECDSA_DETERMINISTIC)
  int ret = mbedtls_ecdsa_sign_det_ext(&group, r.get(), s.get(), &key.d, hash, hash_length, md,
                                       &Rng::random, rng.context());
#else
  int ret = mbedtls_ecdsa_sign(&group, r.get(), s.get(), &key.d, hash, hash_length, &Rng::random,
                               rng.context());
#endif
  if (ret == 0) {
    // SEQUENCE { r INTEGER, s INTEGER }, written backwards.
    std::array<unsigned char, MBEDTLS_ECDSA_MAX_LEN> buffer{};
    unsigned char* start = buffer.data();
    unsigned char* cursor = buffer.data() + buffer.size();
    int written = 0;
    std::size_t total = 0;
    for (const mbedtls_mpi* value : {s.get(), r.get()}) {
      if ((written = mbedtls_asn1_write_mpi(&cursor, start, value)) < 0) break;
      total += static_cast<std::size_t>(written);
    }
    if (written >= 0 && (written = mbedtls_asn1_write_len(&cursor, start, total)) >= 0) {
      total += static_cast<std::size_t>(written);
      written =
          mbedtls_asn1_write_tag(&cursor, start, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE);
      total += static_cast<std::size_t>(written);
    }
    if (written < 0) {
      ret = written;
    } else {
      std::copy(cursor, cursor + total, signature);
      *length = total;
    }
  }
  return ret;
}

}  // namespace

Result<Bytes> MbedtlsProvider::do_sign(const PrivateKey& signing_key, Digest digest,
                                       ByteView data) {
  const MbedtlsPrivateKey& key = native(signing_key);
  if (key.spec().algorithm == KeyAlgorithm::ed25519)
    return unexpected(missing("sign with ed25519 keys", kNoEd25519));
  const mbedtls_md_type_t md = md_type(digest);
  const mbedtls_md_info_t* info = mbedtls_md_info_from_type(md);
  if (info == nullptr)
    return fail(ErrorCode::internal, "Mbed TLS has no " + std::string(to_string(digest)));
  std::array<unsigned char, MBEDTLS_MD_MAX_SIZE> hash{};
  int ret = mbedtls_md(info, data.data(), data.size(), hash.data());
  if (ret != 0) return unexpected(library_error(ErrorCode::internal, "cannot hash", ret));

  Rng& rng = this->rng();
  if (auto ready = rng.ready(); !ready) return unexpected(ready.error());
  std::array<unsigned char, MBEDTLS_PK_SIGNATURE_MAX_SIZE> signature{};
  std::size_t length = 0;
  mbedtls_pk_context* pk = key.pk().get_for_read();
  mbedtls_ecp_group* warm = mbedtls_pk_get_type(pk) == MBEDTLS_PK_ECKEY
                                ? ec_groups().get(mbedtls_pk_ec(*pk)->grp.id)
                                : nullptr;
  if (warm != nullptr)
    ret = sign_ecdsa(*warm, *mbedtls_pk_ec(*pk), md, hash.data(), mbedtls_md_get_size(info),
                     signature.data(), &length, rng);
  else
    ret = mbedtls_pk_sign(pk, md, hash.data(), mbedtls_md_get_size(info), signature.data(), &length,
                          &Rng::random, rng.context());
  if (ret != 0) return unexpected(library_error(ErrorCode::internal, "cannot sign", ret));
  return Bytes(signature.begin(), signature.begin() + static_cast<std::ptrdiff_t>(length));
}

}  // namespace polycert::mbedtls_backend
