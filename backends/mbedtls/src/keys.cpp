// Keys with Mbed TLS 2.28: generation, import and export.
//
// Missing: Ed25519. Mbed TLS 2.28 has no EdDSA, so generating one or reading one (PKCS#8
// or SPKI) is unsupported; RSA and EC on P-256/P-384/P-521 work in every form.
//
// Library quirks worked around here:
// - mbedtls_pk_write_key_der / mbedtls_pk_write_pubkey_der write at the END of the buffer
//   and return the length; a buffer that is too small is retried at twice the size.
// - Mbed TLS writes no PKCS#8: its PKCS#1 / SEC1 output is wrapped with core's
//   traditional_to_pkcs8 (pure ASN.1). Its SEC1 names the curve ([0]); that is checked.
// - mbedtls_pk_parse_key tries every DER form in turn and keeps only a generic "invalid
//   key" error, so an unknown algorithm or curve would read as malformed input, and it
//   reads the key inside a PKCS#8 OCTET STRING by its own length, ignoring what follows.
//   Core's key-structure inspection runs first: it answers unsupported for keys polycert
//   cannot hold and checks the inner DER strictly, so neither quirk reaches the user.
// - mbedtls_pk_parse_public_key also takes a bare PKCS#1 RSAPublicKey; we take only
//   SubjectPublicKeyInfo (inspected by core) and parse it with mbedtls_pk_parse_subpubkey.
// - mbedtls_pk_parse_key treats a buffer whose last byte is NUL as PEM and needs PEM
//   NUL-terminated; we only pass DER, which has no "-----BEGIN" line, so it falls through
//   to the DER parsers.
// - Parsing checks each half of a private key alone (RSA public values, SEC1 point on
//   the curve), not that they belong together: mbedtls_pk_check_pair does (for EC, the
//   same multiplication is done in a warm group, see below).
// - mbedtls_ecp_gen_key and mbedtls_pk_check_pair work in a freshly loaded group, whose
//   generator table mbedtls_ecp_mul rebuilds on every call; generation and the EC pair
//   check multiply in the provider's warm groups instead (ec_groups.hpp), ~2x faster.
// - Explicit curve parameters (SpecifiedECDomain, which RFC 5480 forbids in PKIX) fail
//   in 2.28 as "invalid key" even for a known curve; core refuses them as unsupported
//   first. Compressed EC public keys are not read at all: unsupported here, not
//   invalid_input. The group of every parsed key is still checked against P-256/384/521.
#include "keys.hpp"

#include "errors.hpp"

#include <polycert/key_encoding.hpp>
#include <polycert/key_syntax.hpp>

#include <mbedtls/asn1.h>
#include <mbedtls/ecp.h>
#include <mbedtls/rsa.h>

#include <cstddef>
#include <memory>
#include <string>
#include <utility>

namespace polycert::mbedtls_backend {

namespace {

constexpr std::string_view kOnlyNistCurves = "only P-256, P-384 and P-521 are supported";
constexpr int kRsaPublicExponent = 65537;

struct CurveGroup {
  Curve curve;
  mbedtls_ecp_group_id group;
};

constexpr CurveGroup kCurveGroups[] = {
    {Curve::p256, MBEDTLS_ECP_DP_SECP256R1},
    {Curve::p384, MBEDTLS_ECP_DP_SECP384R1},
    {Curve::p521, MBEDTLS_ECP_DP_SECP521R1},
};

mbedtls_ecp_group_id group_of(Curve curve) {
  for (const auto& entry : kCurveGroups)
    if (entry.curve == curve) return entry.group;
  return MBEDTLS_ECP_DP_NONE;
}

Curve curve_of(mbedtls_ecp_group_id group) {
  for (const auto& entry : kCurveGroups)
    if (entry.group == group) return entry.curve;
  return Curve::none;
}

std::unexpected<Error> unexpected(Error error) { return std::unexpected<Error>(std::move(error)); }

// --- Reading ---------------------------------------------------------------------------

// A parse failure: unsupported when Mbed TLS says it lacks the algorithm, curve or point
// format (e.g. compressed points), invalid_input otherwise.
Error parse_error(const MbedtlsProvider& provider, int ret, const std::string& what) {
  switch (ret) {
    case MBEDTLS_ERR_PK_UNKNOWN_PK_ALG:
    case MBEDTLS_ERR_PK_UNKNOWN_NAMED_CURVE:
    case MBEDTLS_ERR_PK_FEATURE_UNAVAILABLE:
    case MBEDTLS_ERR_ECP_FEATURE_UNAVAILABLE:
      return provider.missing(what, error_text(ret));
    case MBEDTLS_ERR_PK_ALLOC_FAILED:
      return library_error(ErrorCode::internal, "cannot " + what, ret);
    default:
      return library_error(ErrorCode::invalid_input, "cannot " + what, ret);
  }
}

}  // namespace

// The algorithm and size of a parsed or generated key; unsupported for key types and
// curves polycert does not handle.
Result<KeySpec> spec_of(const MbedtlsProvider& provider, const mbedtls_pk_context& pk,
                        std::string_view kind) {
  switch (mbedtls_pk_get_type(&pk)) {
    case MBEDTLS_PK_RSA:
      // The modulus's bit length: mbedtls_pk_get_bitlen gives its octets times 8, so a
      // 2055-bit modulus would read as rsa:2056 here and rsa:2055 on the other backends.
      return KeySpec::rsa(static_cast<unsigned>(mbedtls_mpi_bitlen(&mbedtls_pk_rsa(pk)->N)));
    case MBEDTLS_PK_ECKEY: {
      const mbedtls_ecp_group_id group = mbedtls_pk_ec(pk)->grp.id;
      if (const Curve curve = curve_of(group); curve != Curve::none) return KeySpec::ec(curve);
      const mbedtls_ecp_curve_info* info = mbedtls_ecp_curve_info_from_grp_id(group);
      return unexpected(provider.missing("read EC " + std::string(kind) + " keys on curve " +
                                             (info != nullptr ? info->name : "(unnamed)"),
                                         kOnlyNistCurves));
    }
    default:
      return unexpected(provider.missing(
          "read " + std::string(kind) + " keys of type " + mbedtls_pk_get_name(&pk),
          "polycert's mbedtls backend handles RSA and EC keys only"));
  }
}

namespace {

// --- Writing ---------------------------------------------------------------------------

using WriteDer = int (*)(mbedtls_pk_context*, unsigned char*, std::size_t);

// Runs one of the mbedtls_pk_write_*_der functions, which write at the end of the buffer
// and return the length. The scratch buffer is wiped whatever happens.
Result<SecureBuffer> write_der(const PkContext& pk, WriteDer write, std::string_view what) {
  constexpr std::size_t kMaxSize = std::size_t{64} * 1024;
  for (std::size_t size = 4096; size <= kMaxSize; size *= 2) {
    WipedBuffer scratch(size);
    const int ret = write(pk.get_for_read(), scratch.data(), scratch.size());
    if (ret == MBEDTLS_ERR_ASN1_BUF_TOO_SMALL) continue;
    if (ret < 0) return unexpected(library_error(ErrorCode::internal, what, ret));
    if (ret == 0 || static_cast<std::size_t>(ret) > size)
      return fail(ErrorCode::internal, std::string(what) + ": Mbed TLS returned no DER");
    const unsigned char* end = scratch.data() + size;
    return SecureBuffer(end - ret, end);
  }
  return fail(ErrorCode::internal, std::string(what) + ": the DER is larger than 64 KiB");
}

// Whether an ECPrivateKey carries its [0] parameters (the curve).
bool sec1_names_curve(ByteView der) {
  auto key = key_syntax::read_ec_private_key(der);
  return key && key->parameters;
}

// mbedtls_pk_check_pair(pk, pk): for EC that is mbedtls_ecp_check_pub_priv, which
// multiplies the private scalar (range-checked by mbedtls_ecp_mul) in a fresh copy of the
// group; this does the same multiplication in the provider's warm group, ~2x faster, with
// the same results and error codes. RSA goes to mbedtls_pk_check_pair as it is.
int check_pair(const MbedtlsProvider& provider, mbedtls_pk_context& pk) {
  if (mbedtls_pk_get_type(&pk) != MBEDTLS_PK_ECKEY) return mbedtls_pk_check_pair(&pk, &pk);
  const mbedtls_ecp_keypair* keypair = mbedtls_pk_ec(pk);
  mbedtls_ecp_group* warm = provider.ec_groups().get(keypair->grp.id);
  if (warm == nullptr) return mbedtls_pk_check_pair(&pk, &pk);
  mbedtls_ecp_point derived;
  mbedtls_ecp_point_init(&derived);
  // No RNG, as in mbedtls_ecp_check_pub_priv: Mbed TLS blinds with its internal one.
  int ret = mbedtls_ecp_mul(warm, &derived, &keypair->d, &warm->G, nullptr, nullptr);
  if (ret == 0 && mbedtls_ecp_point_cmp(&derived, &keypair->Q) != 0)
    ret = MBEDTLS_ERR_ECP_BAD_INPUT_DATA;
  mbedtls_ecp_point_free(&derived);
  return ret;
}

}  // namespace

std::string missing_key_capability(Operation /*operation*/, const KeySpec& spec) {
  if (spec.algorithm == KeyAlgorithm::ed25519) return std::string(kNoEd25519);
  if (spec.algorithm == KeyAlgorithm::rsa && spec.rsa_bits > kMaxRsaBits)
    return std::string(kNoLargeRsa);
  return {};
}

Result<std::unique_ptr<PrivateKey>> generate_private_key(MbedtlsProvider& provider,
                                                         const KeySpec& spec) {
  if (spec.algorithm == KeyAlgorithm::ed25519)
    return unexpected(provider.missing("generate ed25519 keys", kNoEd25519));
  Rng& rng = provider.rng();
  if (auto ready = rng.ready(); !ready) return unexpected(ready.error());

  const bool rsa = spec.algorithm == KeyAlgorithm::rsa;
  PkContext pk;
  int ret = mbedtls_pk_setup(pk.get(),
                             mbedtls_pk_info_from_type(rsa ? MBEDTLS_PK_RSA : MBEDTLS_PK_ECKEY));
  if (ret != 0) return unexpected(library_error(ErrorCode::internal, "cannot set up a key", ret));
  if (rsa) {
    ret = mbedtls_rsa_gen_key(mbedtls_pk_rsa(*pk.get()), &Rng::random, rng.context(), spec.rsa_bits,
                              kRsaPublicExponent);
  } else {
    const mbedtls_ecp_group_id group = group_of(spec.curve);
    if (group == MBEDTLS_ECP_DP_NONE)
      return fail(ErrorCode::invalid_input, "cannot generate " + to_string(spec) + ": no curve");
    // mbedtls_ecp_gen_key's two steps, with the multiplication done in the provider's warm
    // group (ec_groups.hpp); the key gets its own plain copy of the curve's constants.
    mbedtls_ecp_group* warm = provider.ec_groups().get(group);
    mbedtls_ecp_keypair* keypair = mbedtls_pk_ec(*pk.get());
    if (warm == nullptr) {
      ret = MBEDTLS_ERR_ECP_FEATURE_UNAVAILABLE;
    } else {
      ret = mbedtls_ecp_group_load(&keypair->grp, group);
      if (ret == 0)
        ret = mbedtls_ecp_gen_keypair(warm, &keypair->d, &keypair->Q, &Rng::random, rng.context());
    }
  }
  if (ret != 0)
    return unexpected(
        library_error(ErrorCode::internal, "cannot generate " + to_string(spec), ret));

  auto actual = spec_of(provider, *pk.get(), "private");
  if (!actual) return unexpected(actual.error());
  return std::make_unique<MbedtlsPrivateKey>(std::move(pk), *actual);
}

Result<std::unique_ptr<PrivateKey>> parse_private_key(const MbedtlsProvider& provider, ByteView der,
                                                      PrivateKeyForm form,
                                                      const KeyStructure& structure) {
  const std::string what = "read " + std::string(to_string(form)) + " private key";
  if (structure.algorithm == KeyAlgorithm::ed25519)
    return unexpected(provider.missing("read ed25519 private keys", kNoEd25519));
  if (structure.algorithm == KeyAlgorithm::rsa && structure.rsa_bits > kMaxRsaBits)
    return unexpected(provider.missing("read RSA private keys over " + std::to_string(kMaxRsaBits) + " bits", kNoLargeRsa));

  PkContext pk;
  // 2.28 signature: no RNG argument (3.x added one). The input is DER, never PEM.
  int ret = mbedtls_pk_parse_key(pk.get(), der.data(), der.size(), nullptr, 0);
  if (ret != 0) return unexpected(parse_error(provider, ret, what));

  // The core detected the form; Mbed TLS tried them all. They are structurally disjoint,
  // so this only guards against a surprise.
  const mbedtls_pk_type_t type = mbedtls_pk_get_type(pk.get());
  if ((form == PrivateKeyForm::rsa_pkcs1 && type != MBEDTLS_PK_RSA) ||
      (form == PrivateKeyForm::ec_sec1 && type != MBEDTLS_PK_ECKEY))
    return fail(ErrorCode::invalid_input, "cannot " + what + ": Mbed TLS read it as a " +
                                              mbedtls_pk_get_name(pk.get()) +
                                              " key of another form");

  auto spec = spec_of(provider, *pk.get(), "private");
  if (!spec) return unexpected(spec.error());

  ret = check_pair(provider, *pk.get());
  if (ret != 0)
    return unexpected(library_error(
        ErrorCode::invalid_input,
        "cannot " + what + ": its public and private values do not belong together", ret));
  return std::make_unique<MbedtlsPrivateKey>(std::move(pk), *spec);
}

Result<std::unique_ptr<PublicKey>> parse_public_key(const MbedtlsProvider& provider,
                                                    ByteView spki_der,
                                                    const KeyStructure& structure) {
  const std::string what = "read SubjectPublicKeyInfo";
  if (structure.algorithm == KeyAlgorithm::ed25519)
    return unexpected(provider.missing("read ed25519 public keys", kNoEd25519));
  if (structure.algorithm == KeyAlgorithm::rsa && structure.rsa_bits > kMaxRsaBits)
    return unexpected(provider.missing("read RSA public keys over " + std::to_string(kMaxRsaBits) + " bits", kNoLargeRsa));
  if (structure.algorithm == KeyAlgorithm::ec &&
      (structure.public_key[0] == 0x02 || structure.public_key[0] == 0x03))
    return unexpected(provider.missing("read compressed EC public keys",
                                       "Mbed TLS 2.28 reads uncompressed points only"));

  PkContext pk;
  // The 2.28 cursor is non-const, but parsing only reads through it.
  auto* cursor = const_cast<unsigned char*>(spki_der.data());
  const unsigned char* const end = cursor + spki_der.size();
  const int ret = mbedtls_pk_parse_subpubkey(&cursor, end, pk.get());
  if (ret != 0) return unexpected(parse_error(provider, ret, what));
  if (cursor != end)
    return fail(ErrorCode::invalid_input, "cannot " + what + ": trailing data after the key");

  auto spec = spec_of(provider, *pk.get(), "public");
  if (!spec) return unexpected(spec.error());
  return std::make_unique<MbedtlsPublicKey>(std::move(pk), *spec);
}

Result<SecureBuffer> write_private_key(const MbedtlsProvider& provider,
                                       const MbedtlsPrivateKey& key, PrivateKeyForm form) {
  PrivateKeyForm traditional_form = PrivateKeyForm::rsa_pkcs1;
  switch (key.spec().algorithm) {
    case KeyAlgorithm::rsa:
      traditional_form = PrivateKeyForm::rsa_pkcs1;
      break;
    case KeyAlgorithm::ec:
      traditional_form = PrivateKeyForm::ec_sec1;
      break;
    case KeyAlgorithm::ed25519:
      return unexpected(provider.missing("write ed25519 private keys", kNoEd25519));
  }
  if (form != PrivateKeyForm::pkcs8 && form != traditional_form)
    return fail(ErrorCode::invalid_input, "cannot write a " + to_string(key.spec()) + " key as " +
                                              std::string(to_string(form)));

  // PKCS#1 for RSA, SEC1 for EC: the only private key forms Mbed TLS writes.
  auto traditional = write_der(key.pk(), &mbedtls_pk_write_key_der, "cannot write the private key");
  if (!traditional) return unexpected(traditional.error());
  if (traditional_form == PrivateKeyForm::ec_sec1 && !sec1_names_curve(*traditional))
    return fail(ErrorCode::internal, "Mbed TLS wrote a SEC1 EC private key that names no curve");
  if (form == PrivateKeyForm::pkcs8) return traditional_to_pkcs8(*traditional, traditional_form);
  return traditional;
}

Result<Bytes> write_public_key(const PkContext& pk) {
  auto der = write_der(pk, &mbedtls_pk_write_pubkey_der, "cannot write the public key");
  if (!der) return unexpected(der.error());
  return Bytes(der->begin(), der->end());
}

}  // namespace polycert::mbedtls_backend
