// Keys on OpenSSL 3.0: generation (EVP_PKEY_CTX), import (OSSL_DECODER), export
// (EC and Ed25519 private keys from their numbers, the rest through OSSL_ENCODER;
// i2d_PUBKEY). No deprecated RSA_/EC_KEY_ calls.
//
// Missing capabilities: none on a stock OpenSSL 3.0 (see provider.cpp for the probe).
// Library quirks worked around:
// - The decoders report an algorithm or curve they do not know exactly like garbage
//   ("unsupported" decoding failure). Core's key-structure inspection runs first and
//   answers unsupported for keys polycert cannot hold, so only keys whose structure is
//   sound reach the decoder, narrowed to the algorithm core found.
// - OpenSSL accepts explicit EC parameters and names the curve when they match one. Core
//   refuses explicit parameters before decoding; the key's "encoding" parameter is still
//   checked after it, and so is that the decoded key is the one core inspected.
// - Decoding does not check that an EC key's stored public point belongs to its private
//   scalar, nor that an RSA key's values belong together; checks at import keep such a key
//   from being used or exported (RSA: the arithmetic, without RSA_check_key's primality
//   tests, as the other backends check it).
//   EVP_PKEY_pairwise_check also multiplies the point by the group order, which proves
//   nothing on these cofactor-1 curves and doubles the cost, so the check is one
//   multiplication here, and EVP_PKEY_pairwise_check only words a failure.
// - OSSL_DECODER_from_data reads a prefix; the bytes left over must be zero.
// - OSSL_DECODER hides its parsers' reasons behind "unsupported"; after a failure the
//   bytes are parsed again through d2i_* only to get OpenSSL's reason for the message.
// - OpenSSL 3.0 cannot parse PKCS#8 v2 with a publicKey field (RFC 5958); core hands
//   every backend version 0 and checks the carried public key itself.
// - The OpenSSL CLI writes "openssl pkey -outform DER" keys in the traditional form, not
//   PKCS#8; the structure is named explicitly here ("PrivateKeyInfo" / "type-specific").
// - Setting up an OSSL_ENCODER_CTX costs about three P-256 keys in 3.0 (every encoder
//   of every provider is fetched and matched per call), so EC and Ed25519 private keys
//   are written from their numbers in OpenSSL's exact layout (see "Export from the key's
//   numbers" below); OpenSSL 3.0 answers the EC "include-public" parameter only in
//   EVP_PKEY_todata, not EVP_PKEY_get_params.
// - Setting up an OSSL_DECODER_CTX costs ~10x the decoding in 3.0 (no decoder cache until
//   3.2): the provider keeps one hinted context per structure and algorithm warm
//   (KeyDecoders), which makes a PKCS#8 import ~3x faster than PEM_read_bio_PrivateKey.
#include "keys.hpp"
#include "key_checks.hpp"

#include "errors.hpp"
#include "openssl_provider.hpp"

#include <polycert/der.hpp>
#include <polycert/key_encoding.hpp>
#include <polycert/key_structure.hpp>
#include <polycert/key_syntax.hpp>

#include <openssl/bn.h>
#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/params.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <utility>

namespace polycert::openssl_backend {

namespace {

// Why held_spec refuses a key OpenSSL holds: never met after core's inspection, but
// generation and decoding are still checked against what polycert holds.
constexpr std::string_view kHeldCurves = "only the named curves P-256, P-384 and P-521 are held";
constexpr std::string_view kHeldAlgorithms = "only RSA, EC and Ed25519 keys are held";

// ---- Decoding and checks ----

// OSSL_DECODER tries each candidate decoder under an error mark and, when none succeeds,
// reports only "DECODER routines: unsupported": the parsers' own reasons are popped. So
// after a failure the bytes are parsed once more through the d2i functions, whose legacy
// fallback keeps the reasons, just for the text. A PKCS#1/SEC1 key goes through PKCS#8
// (wrapped by core's pure-ASN.1 helper) so that no PKCS#8 retry muddles its reasons.
std::string explain_private_key_failure(ByteView der, PrivateKeyForm form) {
  ERR_clear_error();
  ByteView pkcs8 = der;
  SecureBuffer wrapped;
  if (form != PrivateKeyForm::pkcs8) {
    auto wrapping = traditional_to_pkcs8(der, form);
    if (!wrapping) return wrapping.error().message;
    wrapped = std::move(*wrapping);
    pkcs8 = wrapped;
  }
  const unsigned char* data = pkcs8.data();
  Pkcs8InfoPtr info(d2i_PKCS8_PRIV_KEY_INFO(nullptr, &data, static_cast<long>(pkcs8.size())));
  if (info) PkeyPtr discarded(EVP_PKCS82PKEY(info.get()));
  return drain_error_queue(ERR_LIB_OSSL_DECODER);
}

std::string explain_public_key_failure(ByteView der) {
  ERR_clear_error();
  const unsigned char* data = der.data();
  PkeyPtr discarded(d2i_PUBKEY(nullptr, &data, static_cast<long>(der.size())));
  return drain_error_queue(ERR_LIB_OSSL_DECODER);
}

// Decodes exactly `der` as `structure` through the provider's warm decoders (keys.hpp),
// narrowed to `algorithm`. `explain` gives the reason of a failure when OpenSSL's
// decoder hides it.
Result<PkeyPtr> decode(KeyDecoders& decoders, ByteView der, KeyDecoders::Structure structure,
                       KeyAlgorithm algorithm, const std::string& what,
                       const std::function<std::string()>& explain) {
  const unsigned char* data = der.data();
  std::size_t left = der.size();
  bool setup_failed = false;
  PkeyPtr pkey = decoders.decode(structure, algorithm, &data, &left, &setup_failed);
  if (setup_failed)
    return std::unexpected(
        openssl_error(ErrorCode::internal, "cannot set up a decoder for " + what));
  if (!pkey) {
    const std::string decoder_reason = drain_error_queue();
    std::string reason = explain();
    if (reason.empty()) reason = decoder_reason;
    if (reason.empty()) reason = "OpenSSL gave no reason";
    return fail(ErrorCode::invalid_input, "cannot read " + what + ": " + reason);
  }
  if (left != 0)
    return fail(ErrorCode::invalid_input,
                what + " is followed by " + std::to_string(left) + " bytes of other data");
  return pkey;
}

std::optional<Curve> curve_of_group(const char* group) {
  int nid = OBJ_sn2nid(group);
  if (nid == NID_undef) nid = EC_curve_nist2nid(group);
  switch (nid) {
    case NID_X9_62_prime256v1:
      return Curve::p256;
    case NID_secp384r1:
      return Curve::p384;
    case NID_secp521r1:
      return Curve::p521;
    default:
      return std::nullopt;
  }
}

// ---- Generation ----

Result<PkeyCtxPtr> make_generation_context(const KeySpec& spec) {
  const std::string what = "cannot set up " + to_string(spec) + " key generation";
  PkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, keymgmt_name(spec.algorithm), nullptr));
  if (!context || EVP_PKEY_keygen_init(context.get()) != 1)
    return std::unexpected(openssl_error(ErrorCode::internal, what));

  std::size_t bits = spec.rsa_bits;
  unsigned exponent = 65537;
  char group[16] = {};
  char named_curve[] = OSSL_PKEY_EC_ENCODING_GROUP;
  OSSL_PARAM params[3] = {OSSL_PARAM_END, OSSL_PARAM_END, OSSL_PARAM_END};
  switch (spec.algorithm) {
    case KeyAlgorithm::rsa:
      params[0] = OSSL_PARAM_construct_size_t(OSSL_PKEY_PARAM_RSA_BITS, &bits);
      params[1] = OSSL_PARAM_construct_uint(OSSL_PKEY_PARAM_RSA_E, &exponent);
      break;
    case KeyAlgorithm::ec: {
      const std::string_view curve = to_string(spec.curve);
      curve.copy(group, sizeof group - 1);
      params[0] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0);
      params[1] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_EC_ENCODING, named_curve, 0);
      break;
    }
    case KeyAlgorithm::ed25519:
      break;
  }
  if (params[0].key != nullptr && EVP_PKEY_CTX_set_params(context.get(), params) != 1)
    return std::unexpected(openssl_error(ErrorCode::internal, what));
  return context;
}

// ---- Export from the key's numbers ----
// OSSL_ENCODER_CTX_new_for_pkey fetches and matches every encoder of every loaded provider
// on each call (OpenSSL 3.0 keeps no encoder cache): about three times the cost of making
// a P-256 key, and half of each item of a `genkey --count` batch. So EC and Ed25519 keys
// are written here from the numbers OpenSSL holds for them (the private scalar, the public
// point as OpenSSL encodes it, the Ed25519 private key) in exactly the layout OpenSSL's
// encoders give them:
//   ECPrivateKey (SEC1, RFC 5915): { 1, scalar padded to the group order's length,
//                                    [0] namedCurve (traditional form only), [1] public point }
//   PKCS#8 (RFC 5208): { 0, { id-ecPublicKey, namedCurve } | { id-Ed25519 },
//                        OCTET STRING { ECPrivateKey | OCTET STRING seed } }
// A key OpenSSL would write otherwise (an EC key read without its public point, which
// OpenSSL writes back without it) and RSA keys (whose generation costs a thousand times
// the encoder) go through OSSL_ENCODER. tests/cli/batch_cli_test.cpp checks the bytes
// against the openssl CLI's for every key spec and form.

// The order length of each curve: the private scalar's octet length in ECPrivateKey.
std::size_t scalar_size(Curve curve) {
  switch (curve) {
    case Curve::p256:
      return 32;
    case Curve::p384:
      return 48;
    case Curve::p521:
      return 66;
    case Curve::none:
      break;
  }
  return 0;
}

// Whether OpenSSL writes the public point into an EC private key: it leaves it out of a
// key it read without one. OpenSSL 3.0 lists "include-public" as gettable but answers it
// only in an export of the key's parameters, and there only when it is 0.
bool writes_public_point(EVP_PKEY* pkey) {
  OSSL_PARAM* raw = nullptr;
  if (EVP_PKEY_todata(pkey, OSSL_KEYMGMT_SELECT_ALL_PARAMETERS, &raw) != 1) return false;
  const std::unique_ptr<OSSL_PARAM, FreeWith<&OSSL_PARAM_free>> params(raw);
  const OSSL_PARAM* include = OSSL_PARAM_locate_const(raw, OSSL_PKEY_PARAM_EC_INCLUDE_PUBLIC);
  int value = 1;
  return include == nullptr || (OSSL_PARAM_get_int(include, &value) == 1 && value != 0);
}

// The EC key in `form` from its scalar and public point; nothing when OpenSSL would write
// it some other way.
std::optional<SecureBuffer> write_ec_from_numbers(EVP_PKEY* pkey, Curve curve,
                                                  PrivateKeyForm form) {
  if (!writes_public_point(pkey)) return std::nullopt;
  const std::size_t size = scalar_size(curve);
  BIGNUM* raw_scalar = nullptr;
  if (size == 0 || EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_PRIV_KEY, &raw_scalar) != 1)
    return std::nullopt;
  const std::unique_ptr<BIGNUM, BnClearFree> scalar(raw_scalar);
  SecureBuffer scalar_octets(size);
  if (BN_bn2binpad(scalar.get(), scalar_octets.data(), static_cast<int>(size)) !=
      static_cast<int>(size))
    return std::nullopt;
  // The unused-bits octet of the BIT STRING, then the point (1 + 2 * 66 octets at most).
  std::array<std::uint8_t, 2 + 2 * 66> point{};
  std::size_t point_size = 0;
  if (EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, point.data() + 1,
                                      point.size() - 1, &point_size) != 1 ||
      point_size == 0)
    return std::nullopt;

  SecureBuffer curve_element;
  der::append_element(curve_element, der::kOid, der::encode_oid(curve_oid(curve)));
  // The point after the BIT STRING's unused-bits octet (0).
  const ByteView public_key_bits(point.data(), point_size + 1);
  if (form == PrivateKeyForm::ec_sec1)
    return key_syntax::write_ec_private_key(scalar_octets, curve_element, public_key_bits);
  return key_syntax::write_private_key_info(
      key_syntax::write_algorithm_identifier(oid::kEcPublicKey, curve_element),
      key_syntax::write_ec_private_key(scalar_octets, {}, public_key_bits));
}

std::optional<SecureBuffer> write_ed25519_from_numbers(EVP_PKEY* pkey) {
  SecureBuffer seed(32);
  std::size_t size = seed.size();
  if (EVP_PKEY_get_raw_private_key(pkey, seed.data(), &size) != 1 || size != seed.size())
    return std::nullopt;
  return key_syntax::write_private_key_info(key_syntax::write_algorithm_identifier(oid::kEd25519, {}),
                                            der::element(der::kOctetString, seed));
}

// `key` in `form` written from its numbers, or nothing: then OSSL_ENCODER writes it.
std::optional<SecureBuffer> write_from_numbers(const OpenSslPrivateKey& key, PrivateKeyForm form) {
  switch (key.spec().algorithm) {
    case KeyAlgorithm::ec:
      return write_ec_from_numbers(key.native(), key.spec().curve, form);
    case KeyAlgorithm::ed25519:
      if (form == PrivateKeyForm::pkcs8) return write_ed25519_from_numbers(key.native());
      break;
    case KeyAlgorithm::rsa:
      break;
  }
  return std::nullopt;
}

int curve_nid(Curve curve) {
  switch (curve) {
    case Curve::p256:
      return NID_X9_62_prime256v1;
    case Curve::p384:
      return NID_secp384r1;
    case Curve::p521:
      return NID_secp521r1;
    case Curve::none:
      break;
  }
  return NID_undef;
}

// The public key octets a SubjectPublicKeyInfo carries for an EC or Ed25519 key (the
// point as OpenSSL encodes it, the raw Ed25519 key), in OpenSSL's memory as
// X509_PUBKEY_set0_param takes it; null if OpenSSL does not give them.
std::pair<unsigned char*, std::size_t> public_octets(EVP_PKEY* pkey, KeyAlgorithm algorithm) {
  std::array<unsigned char, 1 + 2 * 66> octets{};
  std::size_t size = 0;
  const bool got =
      algorithm == KeyAlgorithm::ec
          ? EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, octets.data(),
                                            octets.size(), &size) == 1
          : EVP_PKEY_get_raw_public_key(pkey, octets.data(), &size) == 1;
  if (!got || size == 0 || size > octets.size()) return {nullptr, 0};
  auto* copy = static_cast<unsigned char*>(OPENSSL_memdup(octets.data(), size));
  return {copy, copy != nullptr ? size : 0};
}

}  // namespace

// ---- key_types.hpp ----

const char* keymgmt_name(KeyAlgorithm algorithm) {
  switch (algorithm) {
    case KeyAlgorithm::rsa:
      return "RSA";
    case KeyAlgorithm::ec:
      return "EC";
    case KeyAlgorithm::ed25519:
      return "ED25519";
  }
  return "?";
}

namespace {

// The spec of a key OpenSSL holds. The type comes from EVP_PKEY_get_id (a field OpenSSL
// sets once per key) before the EVP_PKEY_is_a name lookups, which cost a provider name-map
// search each; together with skipping the encoding query for a key generated here, that
// is ~5% of a P-256 key generation. `ask_encoding`: whether to refuse explicit curve
// parameters (a generated key was made from a named curve).
std::expected<KeySpec, std::string> spec_of_key(const EVP_PKEY* pkey, bool ask_encoding) {
  const int id = EVP_PKEY_get_id(pkey);
  const bool known = id == EVP_PKEY_RSA || id == EVP_PKEY_EC || id == EVP_PKEY_ED25519;
  const auto is = [&](int wanted, const char* name) {
    return known ? id == wanted : EVP_PKEY_is_a(pkey, name) == 1;
  };
  if (is(EVP_PKEY_RSA, "RSA")) {
    const int bits = EVP_PKEY_get_bits(pkey);
    if (bits <= 0) return std::unexpected("RSA key of unknown size");
    return KeySpec::rsa(static_cast<unsigned>(bits));
  }
  if (is(EVP_PKEY_ED25519, "ED25519")) return KeySpec::ed25519();
  if (is(EVP_PKEY_EC, "EC")) {
    char text[64] = {};
    std::size_t length = 0;
    if (ask_encoding &&
        EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_EC_ENCODING, text, sizeof text,
                                       &length) == 1 &&
        std::string_view(text, length) != OSSL_PKEY_EC_ENCODING_GROUP)
      return std::unexpected("explicit EC curve parameters (" + std::string(kHeldCurves) + ")");
    if (EVP_PKEY_get_group_name(pkey, text, sizeof text, &length) != 1)
      return std::unexpected("EC key without a named curve (" + std::string(kHeldCurves) + ")");
    if (auto curve = curve_of_group(text)) return KeySpec::ec(*curve);
    return std::unexpected("EC curve " + std::string(text) + " (" + std::string(kHeldCurves) + ")");
  }
  const char* type = EVP_PKEY_get0_type_name(pkey);
  return std::unexpected("key algorithm " + std::string(type != nullptr ? type : "unknown") + " (" +
                         std::string(kHeldAlgorithms) + ")");
}

}  // namespace

std::expected<KeySpec, std::string> held_spec(const EVP_PKEY* pkey) {
  return spec_of_key(pkey, true);
}

// ---- keys.hpp ----

const EC_GROUP* EcGroups::get(Curve curve) {
  int nid = NID_undef;
  std::size_t index = 0;
  switch (curve) {
    case Curve::p256:
      nid = NID_X9_62_prime256v1;
      index = 0;
      break;
    case Curve::p384:
      nid = NID_secp384r1;
      index = 1;
      break;
    case Curve::p521:
      nid = NID_secp521r1;
      index = 2;
      break;
    case Curve::none:
      return nullptr;
  }
  auto& group = groups_[index];
  if (!group) group.reset(EC_GROUP_new_by_curve_name_ex(nullptr, nullptr, nid));
  return group.get();
}

PkeyPtr KeyDecoders::decode(Structure structure, KeyAlgorithm algorithm, const unsigned char** data,
                            std::size_t* left, bool* setup_failed) {
  Slot& slot =
      slots_[static_cast<std::size_t>(structure) * 3 + static_cast<std::size_t>(algorithm)];
  if (!slot.context) {
    const bool public_key = structure == Structure::subject_public_key_info;
    const char* layout = public_key                                 ? "SubjectPublicKeyInfo"
                         : structure == Structure::private_key_info ? "PrivateKeyInfo"
                                                                    : "type-specific";
    slot.context.reset(OSSL_DECODER_CTX_new_for_pkey(
        &slot.decoded, "DER", layout, keymgmt_name(algorithm),
        public_key ? EVP_PKEY_PUBLIC_KEY : EVP_PKEY_KEYPAIR, nullptr, nullptr));
    if (!slot.context) {
      *setup_failed = true;
      return nullptr;
    }
  }
  slot.decoded = nullptr;
  const int decoded = OSSL_DECODER_from_data(slot.context.get(), data, left);
  PkeyPtr pkey(slot.decoded);
  slot.decoded = nullptr;
  if (decoded != 1 || !pkey) {
    slot.context.reset();  // set up afresh next time (see keys.hpp)
    return nullptr;
  }
  return pkey;
}

Result<PkeyPtr> KeyGenerator::generate(const KeySpec& spec) {
  const auto found = std::ranges::find(kGeneratableKeySpecs, spec);
  if (found == kGeneratableKeySpecs.end())
    return fail(ErrorCode::invalid_input,
                "cannot generate " + to_string(spec) + ": not one of the supported key specs");
  PkeyCtxPtr& context = contexts_[static_cast<std::size_t>(found - kGeneratableKeySpecs.begin())];
  if (!context) {
    auto made = make_generation_context(spec);
    if (!made) return std::unexpected(made.error());
    context = std::move(*made);
  }
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_generate(context.get(), &raw) != 1) {
    EVP_PKEY_free(raw);
    context.reset();  // start over next time rather than reuse a context that failed
    return std::unexpected(
        openssl_error(ErrorCode::internal, "cannot generate a " + to_string(spec) + " key"));
  }
  return PkeyPtr(raw);
}

std::string probe_algorithm(KeyAlgorithm algorithm) {
  ErrorQueueScope errors;
  KeymgmtPtr keymgmt(EVP_KEYMGMT_fetch(nullptr, keymgmt_name(algorithm), nullptr));
  if (keymgmt) return {};
  return "the loaded OpenSSL providers have no " + std::string(keymgmt_name(algorithm)) +
         " key manager (" + drain_error_queue() + ")";
}

Result<std::unique_ptr<PrivateKey>> generate_private_key(OpenSslProvider& provider,
                                                         const KeySpec& spec) {
  ErrorQueueScope errors;
  if (auto why = provider.missing(spec.algorithm); !why.empty())
    return std::unexpected(
        provider.unsupported_error("generate " + to_string(spec) + " keys", why));
  auto pkey = provider.key_generator().generate(spec);
  if (!pkey) return std::unexpected(pkey.error());
  auto held = spec_of_key(pkey->get(), false);
  if (!held || *held != spec)
    return fail(ErrorCode::internal, "OpenSSL generated a key other than " + to_string(spec));
  return std::make_unique<OpenSslPrivateKey>(std::move(*pkey), *held);
}

Result<std::unique_ptr<PrivateKey>> read_private_key(OpenSslProvider& provider, ByteView der,
                                                     PrivateKeyForm form,
                                                     const KeyStructure& structure) {
  ErrorQueueScope errors;
  const std::string what = std::string(to_string(form)) + " private key";
  const std::string action = "read this " + what;
  if (auto why = provider.missing(structure.algorithm); !why.empty())
    return std::unexpected(provider.unsupported_error(action, why));

  const auto layout = form == PrivateKeyForm::pkcs8 ? KeyDecoders::Structure::private_key_info
                                                    : KeyDecoders::Structure::type_specific;
  auto pkey = decode(provider.key_decoders(), der, layout, structure.algorithm, what,
                     [&] { return explain_private_key_failure(der, form); });
  if (!pkey) return std::unexpected(pkey.error());
  auto held = held_spec(pkey->get());
  if (!held) return std::unexpected(provider.unsupported_error(action, held.error()));
  if (auto same = check_inspected(*held, structure, what); !same)
    return std::unexpected(same.error());
  if (held->algorithm == KeyAlgorithm::ec) {
    if (auto pair = check_ec_pair(provider.ec_groups(), pkey->get(), held->curve, what); !pair)
      return std::unexpected(pair.error());
  }
  if (held->algorithm == KeyAlgorithm::rsa && !rsa_values_consistent(pkey->get()))
    return fail(ErrorCode::invalid_input,
                what + " is inconsistent: its values do not belong together (n is not p*q, or "
                       "d, its CRT exponents or coefficient do not match)");
  return std::make_unique<OpenSslPrivateKey>(std::move(*pkey), *held);
}

Result<std::unique_ptr<PublicKey>> read_public_key(OpenSslProvider& provider, ByteView spki_der,
                                                   const KeyStructure& structure) {
  ErrorQueueScope errors;
  const std::string what = "SubjectPublicKeyInfo";
  const std::string action = "read this public key";
  if (auto why = provider.missing(structure.algorithm); !why.empty())
    return std::unexpected(provider.unsupported_error(action, why));

  auto pkey =
      decode(provider.key_decoders(), spki_der, KeyDecoders::Structure::subject_public_key_info,
             structure.algorithm, what, [&] { return explain_public_key_failure(spki_der); });
  if (!pkey) return std::unexpected(pkey.error());
  auto held = held_spec(pkey->get());
  if (!held) return std::unexpected(provider.unsupported_error(action, held.error()));
  if (auto same = check_inspected(*held, structure, what); !same)
    return std::unexpected(same.error());
  return std::make_unique<OpenSslPublicKey>(std::move(*pkey), *held);
}

Result<SecureBuffer> write_private_key(const OpenSslPrivateKey& key, PrivateKeyForm form) {
  ErrorQueueScope errors;
  const KeyAlgorithm algorithm = key.spec().algorithm;
  if ((form == PrivateKeyForm::rsa_pkcs1 && algorithm != KeyAlgorithm::rsa) ||
      (form == PrivateKeyForm::ec_sec1 && algorithm != KeyAlgorithm::ec))
    return fail(ErrorCode::invalid_input, "a " + std::string(to_string(algorithm)) +
                                              " key has no " + std::string(to_string(form)) +
                                              " form");
  if (auto written = write_from_numbers(key, form)) return std::move(*written);
  ERR_clear_error();
  const std::string what = std::string(to_string(form)) + " private key";
  // "type-specific" is RSAPrivateKey for RSA and ECPrivateKey for EC; OpenSSL writes
  // the latter with its [0] named curve and [1] public key, like "EC PRIVATE KEY".
  const char* structure = form == PrivateKeyForm::pkcs8 ? "PrivateKeyInfo" : "type-specific";
  EncoderCtxPtr context(
      OSSL_ENCODER_CTX_new_for_pkey(key.native(), EVP_PKEY_KEYPAIR, "DER", structure, nullptr));
  if (!context || OSSL_ENCODER_CTX_get_num_encoders(context.get()) == 0)
    return std::unexpected(
        openssl_error(ErrorCode::internal, "OpenSSL has no encoder for a " + what));
  OpensslSecretBytes encoded;
  if (OSSL_ENCODER_to_data(context.get(), encoded.data_out(), encoded.size_out()) != 1 ||
      encoded.data() == nullptr)
    return std::unexpected(openssl_error(ErrorCode::internal, "cannot write a " + what));
  return SecureBuffer(encoded.data(), encoded.data() + encoded.size());
}

bool set_public_key_from_numbers(X509_PUBKEY* pubkey, const OpenSslPrivateKey& key) {
  const KeySpec spec = key.spec();
  if (spec.algorithm == KeyAlgorithm::rsa) return false;
  const int curve = curve_nid(spec.curve);
  if (spec.algorithm == KeyAlgorithm::ec && curve == NID_undef) return false;
  const auto [octets, size] = public_octets(key.native(), spec.algorithm);
  if (octets == nullptr) return false;
  const bool ec = spec.algorithm == KeyAlgorithm::ec;
  // OBJ_nid2obj gives OpenSSL's static objects, which the X509_ALGOR may own (freeing
  // them does nothing). On failure X509_PUBKEY_set0_param has not taken the octets.
  if (X509_PUBKEY_set0_param(pubkey, OBJ_nid2obj(ec ? NID_X9_62_id_ecPublicKey : NID_ED25519),
                             ec ? V_ASN1_OBJECT : V_ASN1_UNDEF,
                             ec ? OBJ_nid2obj(curve) : nullptr, octets,
                             static_cast<int>(size)) != 1) {
    OPENSSL_free(octets);
    return false;
  }
  return true;
}

Result<Bytes> write_public_key(const EVP_PKEY* pkey) {
  ErrorQueueScope errors;
  unsigned char* raw = nullptr;
  const int size = i2d_PUBKEY(pkey, &raw);
  OpensslBytes encoded(raw);
  if (size <= 0 || !encoded)
    return std::unexpected(
        openssl_error(ErrorCode::internal, "cannot write a SubjectPublicKeyInfo"));
  return Bytes(encoded.get(), encoded.get() + size);
}

}  // namespace polycert::openssl_backend
