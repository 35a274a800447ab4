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
//   key" error, so an unknown algorithm or curve would read as malformed input. The
//   algorithm and named curve are read here first to answer unsupported instead.
// - mbedtls_pk_parse_key reads the key inside a PKCS#8 OCTET STRING by its own length
//   and ignores what follows it; the inner bytes are checked as strict DER here.
// - mbedtls_pk_parse_public_key also takes a bare PKCS#1 RSAPublicKey; we take only
//   SubjectPublicKeyInfo, checked here and parsed with mbedtls_pk_parse_subpubkey.
// - mbedtls_pk_parse_key treats a buffer whose last byte is NUL as PEM and needs PEM
//   NUL-terminated; we only pass DER, which has no "-----BEGIN" line, so it falls through
//   to the DER parsers.
// - Parsing checks each half of a private key alone (RSA public values, SEC1 point on
//   the curve), not that they belong together: mbedtls_pk_check_pair does.
// - Explicit curve parameters (SpecifiedECDomain, which RFC 5480 forbids in PKIX) fail
//   in 2.28 as "invalid key" even for a known curve with an uncompressed base point, and
//   compressed EC points are not read at all: both answer unsupported, not invalid_input.
//   The group of every parsed key is still checked against P-256/P-384/P-521.
#include "keys.hpp"

#include "errors.hpp"

#include <polycert/der.hpp>
#include <polycert/key_encoding.hpp>

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

// --- Reading: structure checks Mbed TLS does not make, or whose answer it loses ---------

// `params` is an ECParameters element: it must name a curve polycert supports.
Result<void> check_curve_parameters(const MbedtlsProvider& provider, const der::Element& params,
                                    std::string_view kind) {
  if (params.tag != der::kOid)
    return unexpected(
        provider.missing("read EC " + std::string(kind) + " keys with explicit curve parameters",
                         "only the named curves P-256, P-384 and P-521 are supported"));
  auto dotted = der::decode_oid(params.content);
  if (!dotted) return unexpected(dotted.error());
  if (curve_from_oid(*dotted) == Curve::none)
    return unexpected(provider.missing("read EC " + std::string(kind) + " keys on curve " + *dotted,
                                       kOnlyNistCurves));
  return {};
}

// `content` is the content of an AlgorithmIdentifier; `kind` is "private" or "public".
Result<void> check_algorithm(const MbedtlsProvider& provider, ByteView content,
                             std::string_view kind) {
  der::Reader alg(content);
  auto oid = alg.expect(der::kOid, "key algorithm OID");
  if (!oid) return unexpected(oid.error());
  auto dotted = der::decode_oid(oid->content);
  if (!dotted) return unexpected(dotted.error());
  if (*dotted == oid::kRsaEncryption) return {};
  if (*dotted == oid::kEcPublicKey) {
    if (alg.empty()) return {};  // no curve at all: Mbed TLS reports the malformed key
    auto params = alg.next();
    if (!params) return unexpected(params.error());
    return check_curve_parameters(provider, *params, kind);
  }
  if (*dotted == oid::kEd25519)
    return unexpected(provider.missing("read ed25519 " + std::string(kind) + " keys", kNoEd25519));
  return unexpected(provider.missing("read " + std::string(kind) + " keys of algorithm " + *dotted,
                                     "Mbed TLS 2.28 reads RSA and EC keys only"));
}

// Returns whether the key is a PKCS#8 version 1 (RFC 5958 OneAsymmetricKey).
Result<bool> precheck_private_key(const MbedtlsProvider& provider, ByteView der,
                                  PrivateKeyForm form) {
  der::Reader top(der);
  auto seq = top.expect(der::kSequence, "private key SEQUENCE");
  if (!seq) return unexpected(seq.error());
  der::Reader body(seq->content);
  auto version = body.expect(der::kInteger, "private key version");
  if (!version) return unexpected(version.error());
  switch (form) {
    case PrivateKeyForm::pkcs8: {
      auto alg = body.expect(der::kSequence, "PKCS#8 AlgorithmIdentifier");
      if (!alg) return unexpected(alg.error());
      if (auto known = check_algorithm(provider, alg->content, "private"); !known)
        return unexpected(known.error());
      auto key = body.expect(der::kOctetString, "PKCS#8 privateKey OCTET STRING");
      if (!key) return unexpected(key.error());
      if (auto strict = der::check_strict_der(key->content); !strict)
        return unexpected(with_context(strict.error(), "PKCS#8 privateKey"));
      return version->content.size() == 1 && version->content[0] == 1;
    }
    case PrivateKeyForm::ec_sec1: {
      auto key = body.expect(der::kOctetString, "ECPrivateKey privateKey");
      if (!key) return unexpected(key.error());
      if (body.peek_tag() != der::context_constructed(0)) return false;
      auto wrapper = body.next();
      if (!wrapper) return unexpected(wrapper.error());
      der::Reader inner(wrapper->content);
      auto params = inner.next();
      if (!params) return unexpected(params.error());
      if (auto named = check_curve_parameters(provider, *params, "private"); !named)
        return unexpected(named.error());
      return false;
    }
    case PrivateKeyForm::rsa_pkcs1:
      return false;
  }
  return false;
}

// SEQUENCE { AlgorithmIdentifier, BIT STRING } and nothing else, of an algorithm we hold.
Result<void> precheck_spki(const MbedtlsProvider& provider, ByteView der) {
  der::Reader top(der);
  auto seq = top.expect(der::kSequence, "SubjectPublicKeyInfo SEQUENCE");
  if (!seq) return unexpected(seq.error());
  der::Reader body(seq->content);
  auto alg = body.expect(der::kSequence, "SubjectPublicKeyInfo AlgorithmIdentifier");
  if (!alg) return unexpected(alg.error());
  if (auto known = check_algorithm(provider, alg->content, "public"); !known) return known;
  auto key = body.expect(der::kBitString, "SubjectPublicKeyInfo subjectPublicKey BIT STRING");
  if (!key) return unexpected(key.error());
  if (!body.empty())
    return fail(ErrorCode::invalid_input, "unexpected element after subjectPublicKey");
  // BIT STRING content: unused-bits byte, then for EC the point's format byte.
  const ByteView bits = key->content;
  if (bits.size() >= 2 && (bits[1] == 0x02 || bits[1] == 0x03)) {
    der::Reader alg_reader(alg->content);
    auto oid = alg_reader.expect(der::kOid, "key algorithm OID");
    if (oid && der::decode_oid(oid->content).value_or("") == oid::kEcPublicKey)
      return unexpected(provider.missing("read compressed EC public keys",
                                         "Mbed TLS 2.28 reads uncompressed points only"));
  }
  return {};
}

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

// The algorithm and size of a parsed or generated key; unsupported for key types and
// curves polycert does not handle.
Result<KeySpec> spec_of(const MbedtlsProvider& provider, const mbedtls_pk_context& pk,
                        std::string_view kind) {
  switch (mbedtls_pk_get_type(&pk)) {
    case MBEDTLS_PK_RSA:
      return KeySpec::rsa(static_cast<unsigned>(mbedtls_pk_get_bitlen(&pk)));
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
  der::Reader top(der);
  auto seq = top.expect(der::kSequence, "ECPrivateKey");
  if (!seq) return false;
  der::Reader body(seq->content);
  if (!body.expect(der::kInteger, "version") || !body.expect(der::kOctetString, "privateKey"))
    return false;
  return body.peek_tag() == der::context_constructed(0);
}

}  // namespace

std::string missing_key_capability(Operation /*operation*/, const KeySpec& spec) {
  if (spec.algorithm == KeyAlgorithm::ed25519) return std::string(kNoEd25519);
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
    ret = mbedtls_ecp_gen_key(group, mbedtls_pk_ec(*pk.get()), &Rng::random, rng.context());
  }
  if (ret != 0)
    return unexpected(
        library_error(ErrorCode::internal, "cannot generate " + to_string(spec), ret));

  auto actual = spec_of(provider, *pk.get(), "private");
  if (!actual) return unexpected(actual.error());
  return std::make_unique<MbedtlsPrivateKey>(std::move(pk), *actual);
}

Result<std::unique_ptr<PrivateKey>> parse_private_key(const MbedtlsProvider& provider, ByteView der,
                                                      PrivateKeyForm form) {
  const std::string what = "read " + std::string(to_string(form)) + " private key";
  auto version_1 = precheck_private_key(provider, der, form);
  if (!version_1)
    return unexpected(version_1.error().code == ErrorCode::unsupported
                          ? version_1.error()
                          : with_context(version_1.error(), "cannot " + what));

  // Mbed TLS 2.28 reads PKCS#8 version 0 only. Version 1 (RFC 5958, which may add the
  // public key) is unwrapped by core and read in its traditional form.
  SecureBuffer unwrapped;
  ByteView input = der;
  if (*version_1) {
    auto traditional = pkcs8_to_traditional(der);
    if (!traditional) return unexpected(with_context(traditional.error(), "cannot " + what));
    unwrapped = std::move(*traditional);
    input = unwrapped;
  }

  PkContext pk;
  // 2.28 signature: no RNG argument (3.x added one). The input is DER, never PEM.
  int ret = mbedtls_pk_parse_key(pk.get(), input.data(), input.size(), nullptr, 0);
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

  ret = mbedtls_pk_check_pair(pk.get(), pk.get());
  if (ret != 0)
    return unexpected(library_error(
        ErrorCode::invalid_input,
        "cannot " + what + ": its public and private values do not belong together", ret));
  return std::make_unique<MbedtlsPrivateKey>(std::move(pk), *spec);
}

Result<std::unique_ptr<PublicKey>> parse_public_key(const MbedtlsProvider& provider,
                                                    ByteView spki_der) {
  const std::string what = "read SubjectPublicKeyInfo";
  if (auto pre = precheck_spki(provider, spki_der); !pre)
    return unexpected(pre.error().code == ErrorCode::unsupported
                          ? pre.error()
                          : with_context(pre.error(), "cannot " + what));

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
