// Keys with Botan 2: generation, and import/export as PKCS#8, PKCS#1, SEC1 and SPKI.
//
// Missing capabilities: none. Every key row is supported; the #error below makes a Botan
// built without its rsa, ecdsa or ed25519 module a build failure rather than a gap.
// Keys polycert does not hold (multi-prime RSA, other curves and algorithms) are refused
// by core's key-structure inspection before Botan sees them, and RFC 5958 version 1 keys,
// which Botan 2 cannot read, reach it as version 0 (core splits them).
//
// Library quirks worked around here:
// - EC_PrivateKey::private_key_bits() writes SEC1 without the curve and strips leading
//   zero bytes from the private scalar (SEC1 wants the order's byte length). SEC1 is
//   therefore written here, and PKCS#8 for EC is made from it with core's helper.
// - Botan decodes key contents with lenient BER: trailing data after the inner key,
//   non-minimal or negative INTEGERs and BIT STRING unused bits pass, a SEC1 [0] curve
//   inside PKCS#8 is ignored, a one-byte point decodes as the point at infinity, and an
//   unknown algorithm OID is a decoding error rather than unsupported. Core's inspection
//   settles all of these first. Botan also checks little after decoding: an EC private
//   scalar is not range-checked, a SEC1 [1] public point is not compared with the
//   scalar, and an RSA key is not checked; the post-load checks below do that.
// - Botan decodes compressed points but re-encodes uncompressed unless told: the point
//   format read is kept so that an exported SPKI equals the imported one.
#include "keys.hpp"
#include "errors.hpp"

#include <polycert/der.hpp>
#include <polycert/key_encoding.hpp>
#include <polycert/key_structure.hpp>

#include <botan/build.h>

#if !defined(BOTAN_HAS_RSA) || !defined(BOTAN_HAS_ECDSA) || !defined(BOTAN_HAS_ED25519) || \
    !defined(BOTAN_HAS_AUTO_SEEDING_RNG)
#error \
    "polycert's Botan backend needs Botan 2 built with the rsa, ecdsa, ed25519 and auto_rng modules"
#endif

#include <botan/bigint.h>
#include <botan/ber_dec.h>
#include <botan/data_src.h>
#include <botan/pk_algs.h>
#include <botan/divide.h>
#include <botan/ec_group.h>
#include <botan/ecc_key.h>
#include <botan/ecdsa.h>
#include <botan/ed25519.h>
#include <botan/pkcs8.h>
#include <botan/rsa.h>
#include <botan/x509_key.h>

#include <utility>
#include <vector>

namespace polycert::botan_backend {

namespace {

SecureBuffer to_secure(const Botan::secure_vector<std::uint8_t>& bytes) {
  return SecureBuffer(bytes.begin(), bytes.end());
}

// The spec of a key Botan made or loaded; for RSA the real modulus size.
Result<KeySpec> spec_of(const Botan::Public_Key& key) {
  const std::string algorithm = key.algo_name();
  if (algorithm == "RSA") return KeySpec::rsa(static_cast<unsigned>(key.key_length()));
  if (algorithm == "Ed25519") return KeySpec::ed25519();
  if (algorithm == "ECDSA") {
    const auto* ec = dynamic_cast<const Botan::EC_PublicKey*>(&key);
    const Curve curve =
        ec != nullptr ? curve_from_oid(ec->domain().get_curve_oid().to_string()) : Curve::none;
    if (curve != Curve::none) return KeySpec::ec(curve);
  }
  return fail(ErrorCode::internal, "Botan produced an unexpected " + algorithm + " key");
}

// Botan's point format for the SEC1 octet string `point`: core's inspection admits only
// 02/03 (compressed) and 04 (uncompressed), as RFC 5480 asks.
Botan::PointGFp::Compression_Type point_format(ByteView point) {
  const bool compressed = !point.empty() && (point[0] == 0x02 || point[0] == 0x03);
  return compressed ? Botan::PointGFp::COMPRESSED : Botan::PointGFp::UNCOMPRESSED;
}

// SEC1 ECPrivateKey naming its curve, as OpenSSL writes it: the scalar at the order's
// byte length, [0] namedCurve, [1] public point (in the format the key was read with).
SecureBuffer sec1_private_key(const Botan::EC_PrivateKey& key, Curve curve) {
  const Botan::secure_vector<std::uint8_t> scalar =
      Botan::BigInt::encode_1363(key.private_value(), key.domain().get_order_bytes());
  Bytes point_bits{0x00};  // no unused bits
  const std::vector<std::uint8_t> point = key.public_point().encode(key.point_encoding());
  point_bits.insert(point_bits.end(), point.begin(), point.end());

  const std::uint8_t version[] = {0x01};
  SecureBuffer body;
  der::append_element(body, der::kInteger, version);
  der::append_element(body, der::kOctetString, scalar);
  der::append_element(body, der::context_constructed(0),
                      der::element(der::kOid, der::encode_oid(curve_oid(curve))));
  der::append_element(body, der::context_constructed(1), der::element(der::kBitString, point_bits));
  return der::element(der::kSequence, body);
}

// The arithmetic part of Botan's RSA_PrivateKey::check_key (n = p*q, odd n, e and d in
// range, the CRT values d mod (p-1), d mod (q-1) and q^-1 mod p), without the
// Miller-Rabin and Lucas tests on p and q that check_key runs even when not "strong":
// those cost ~40x the whole import (~35 ms for RSA-2048) and no other backend runs them
// on import (OpenSSL's decoder and Mbed TLS's check_pair do not).
bool rsa_values_consistent(const Botan::RSA_PrivateKey& key) {
  const Botan::BigInt& n = key.get_n();
  const Botan::BigInt& p = key.get_p();
  const Botan::BigInt& q = key.get_q();
  const Botan::BigInt& d = key.get_d();
  if (n < 35 || n.is_even() || key.get_e() < 2 || d < 2 || p < 3 || q < 3 || p * q != n)
    return false;
  // c = q^-1 mod p, checked as c < p and c*q = 1 (mod p): the inverse is unique, and a
  // multiplication costs a fraction of Botan's constant-time inverse_mod. The reductions
  // of secret values are Botan's constant-time ones, as in check_key.
  // e*d = 1 (mod p-1) and (mod q-1), as Mbed TLS checks: with a d that does not invert e,
  // every signature the key makes fails to verify.
  const Botan::BigInt& c = key.get_c();
  return key.get_d1() == Botan::ct_modulo(d, p - 1) && key.get_d2() == Botan::ct_modulo(d, q - 1) &&
         Botan::ct_modulo(key.get_e() * key.get_d1(), p - 1) == 1 &&
         Botan::ct_modulo(key.get_e() * key.get_d2(), q - 1) == 1 && c < p &&
         Botan::ct_modulo(c * q, p) == 1;
}

// What Botan does not check when it loads an EC private key: the scalar's range, and
// that a stored public point is the scalar's.
Result<void> check_loaded_ec_key(Botan::Private_Key& key, const KeyStructure& structure,
                                 Botan::RandomNumberGenerator& rng) {
  auto& ec = dynamic_cast<Botan::EC_PrivateKey&>(key);
  const ByteView octets = structure.ec_private_key;
  const Botan::BigInt scalar(octets.data(), octets.size());
  if (scalar.is_zero() || scalar >= ec.domain().get_order())
    return fail(ErrorCode::invalid_input, "EC private key is out of range for its curve");
  if (!structure.public_key.empty()) {
    std::vector<Botan::BigInt> workspace;
    if (ec.domain().blinded_base_point_multiply(scalar, rng, workspace) != ec.public_point())
      return fail(ErrorCode::invalid_input,
                  "EC private key's public point does not belong to its private scalar");
    ec.set_point_encoding(point_format(structure.public_key));
  }
  return {};
}

// The generation itself; may throw (run inside guarded()).
Result<std::unique_ptr<PrivateKey>> make_key(const KeySpec& spec,
                                             Botan::RandomNumberGenerator& rng) {
  std::unique_ptr<Botan::Private_Key> key;
  switch (spec.algorithm) {
    case KeyAlgorithm::rsa:
      key = std::make_unique<Botan::RSA_PrivateKey>(rng, spec.rsa_bits, 65537);
      break;
    case KeyAlgorithm::ec: {
      const Botan::EC_Group group(Botan::OID::from_string(std::string(curve_oid(spec.curve))));
      key = std::make_unique<Botan::ECDSA_PrivateKey>(rng, group);
      break;
    }
    case KeyAlgorithm::ed25519:
      key = std::make_unique<Botan::Ed25519_PrivateKey>(rng);
      break;
  }
  if (!key) return fail(ErrorCode::internal, "unknown key algorithm");
  auto made = spec_of(*key);
  if (!made) return std::unexpected(made.error());
  if (*made != spec)
    return fail(ErrorCode::internal,
                "Botan generated " + to_string(*made) + " instead of " + to_string(spec));
  return std::make_unique<BotanPrivateKey>(std::move(key), *made);
}

}  // namespace

std::unique_ptr<Botan::Public_Key> public_key_from_der(ByteView spki) {
  Botan::AlgorithmIdentifier algorithm;
  std::vector<std::uint8_t> key_bits;
  Botan::BER_Decoder(spki.data(), spki.size())
      .start_cons(Botan::SEQUENCE)
      .decode(algorithm)
      .decode(key_bits, Botan::BIT_STRING)
      .end_cons()
      .verify_end();
  return Botan::load_public_key(algorithm, key_bits);
}

std::unique_ptr<Botan::Private_Key> private_key_from_pkcs8_der(ByteView pkcs8) {
  // PrivateKeyInfo: version, AlgorithmIdentifier, OCTET STRING key, then attributes and
  // (RFC 5958) the public key, which core's inspection has read already.
  Botan::AlgorithmIdentifier algorithm;
  Botan::secure_vector<std::uint8_t> key_bits;
  std::size_t version = 0;
  Botan::BER_Decoder(pkcs8.data(), pkcs8.size())
      .start_cons(Botan::SEQUENCE)
      .decode(version)
      .decode(algorithm)
      .decode(key_bits, Botan::OCTET_STRING)
      .discard_remaining()
      .end_cons()
      .verify_end();
  return Botan::load_private_key(algorithm, key_bits);
}

namespace {

// The spec of a loaded key, which must be what its AlgorithmIdentifier promised.
Result<KeySpec> loaded_spec(const Botan::Public_Key& key, const KeySpec& expected) {
  auto loaded = spec_of(key);
  if (!loaded) return std::unexpected(loaded.error());
  if (loaded->algorithm != expected.algorithm || loaded->curve != expected.curve)
    return fail(ErrorCode::internal, "Botan read a " + to_string(*loaded) + " key where " +
                                         to_string(expected) + " was expected");
  return loaded;
}

// Botan's part of reading an inspected PKCS#8 key, and the checks Botan leaves out. May throw.
Result<std::unique_ptr<PrivateKey>> load_private_key(ByteView pkcs8, const KeyStructure& structure,
                                                     Botan::RandomNumberGenerator& rng) {
  const KeySpec expected{structure.algorithm, 0, structure.curve};
  std::unique_ptr<Botan::Private_Key> key = private_key_from_pkcs8_der(pkcs8);
  auto spec = loaded_spec(*key, expected);
  if (!spec) return std::unexpected(spec.error());
  switch (spec->algorithm) {
    case KeyAlgorithm::rsa:
      if (!rsa_values_consistent(dynamic_cast<const Botan::RSA_PrivateKey&>(*key)))
        return fail(ErrorCode::invalid_input,
                    "RSA private key is inconsistent (Botan's key check failed)");
      break;
    case KeyAlgorithm::ec:
      if (auto ok = check_loaded_ec_key(*key, structure, rng); !ok)
        return std::unexpected(ok.error());
      break;
    case KeyAlgorithm::ed25519:
      break;
  }
  return std::make_unique<BotanPrivateKey>(std::move(key), *spec);
}

// Botan's part of reading an inspected SubjectPublicKeyInfo, and what Botan leaves out.
Result<std::unique_ptr<PublicKey>> load_public_key(ByteView spki_der, const KeyStructure& structure,
                                                   Botan::RandomNumberGenerator& rng) {
  const KeySpec expected{structure.algorithm, 0, structure.curve};
  std::unique_ptr<Botan::Public_Key> key = public_key_from_der(spki_der);
  if (!key) return fail(ErrorCode::internal, "Botan returned no public key");
  auto spec = loaded_spec(*key, expected);
  if (!spec) return std::unexpected(spec.error());
  switch (spec->algorithm) {
    case KeyAlgorithm::rsa:
      if (!key->check_key(rng, false))
        return fail(ErrorCode::invalid_input,
                    "RSA public key is invalid (Botan's key check failed: even or tiny "
                    "modulus or exponent)");
      break;
    case KeyAlgorithm::ec: {
      auto& ec = dynamic_cast<Botan::EC_PublicKey&>(*key);
      // OS2ECP checked that the point is on the curve; these curves have cofactor 1, so
      // any such point other than infinity has the full order.
      if (ec.public_point().is_zero())
        return fail(ErrorCode::invalid_input, "EC public key is the point at infinity");
      ec.set_point_encoding(point_format(structure.public_key));
      break;
    }
    case KeyAlgorithm::ed25519:
      break;
  }
  return std::make_unique<BotanPublicKey>(std::shared_ptr<const Botan::Public_Key>(std::move(key)),
                                          *spec);
}

// Botan's part of writing a private key. May throw.
Result<SecureBuffer> encode_private_key(const BotanPrivateKey& key, PrivateKeyForm form) {
  const KeySpec spec = key.spec();
  const Botan::Private_Key& native_key = key.native();
  switch (spec.algorithm) {
    case KeyAlgorithm::rsa:
      if (form == PrivateKeyForm::pkcs8) return to_secure(Botan::PKCS8::BER_encode(native_key));
      if (form == PrivateKeyForm::rsa_pkcs1) return to_secure(native_key.private_key_bits());
      break;
    case KeyAlgorithm::ec: {
      const SecureBuffer sec1 =
          sec1_private_key(dynamic_cast<const Botan::EC_PrivateKey&>(native_key), spec.curve);
      if (form == PrivateKeyForm::ec_sec1) return sec1;
      if (form == PrivateKeyForm::pkcs8) return traditional_to_pkcs8(sec1, PrivateKeyForm::ec_sec1);
      break;
    }
    case KeyAlgorithm::ed25519:
      if (form == PrivateKeyForm::pkcs8) return to_secure(Botan::PKCS8::BER_encode(native_key));
      break;
  }
  return fail(ErrorCode::internal,
              "no " + std::string(to_string(form)) + " form for " + to_string(spec) + " keys");
}

}  // namespace

std::string missing_key_capability(Operation, const KeySpec&) {
  // Botan 2.19 with the modules required above does every key operation polycert has,
  // and builds, reads and issues CSRs and certificates for every key spec (csr.cpp and
  // certificate.cpp assemble the DER with Botan's DER_Encoder where its writers cannot).
  return {};
}

Result<std::unique_ptr<PrivateKey>> generate_key(BotanProvider& provider, const KeySpec& spec) {
  auto rng = provider.rng();
  if (!rng) return std::unexpected(rng.error());
  return guarded("generate " + to_string(spec) + " key", Blame::library,
                 [&] { return make_key(spec, **rng); });
}

Result<std::unique_ptr<PrivateKey>> import_private_key(BotanProvider& provider, ByteView der,
                                                       PrivateKeyForm form,
                                                       const KeyStructure& structure) {
  // Botan reads traditional keys only inside PKCS#8, so wrap them (pure ASN.1).
  SecureBuffer wrapped;
  ByteView pkcs8 = der;
  if (form != PrivateKeyForm::pkcs8) {
    auto converted = traditional_to_pkcs8(der, form);
    if (!converted) return std::unexpected(converted.error());
    wrapped = std::move(*converted);
    pkcs8 = wrapped;
  }
  auto rng = provider.rng();
  if (!rng) return std::unexpected(rng.error());
  return guarded("read " + std::string(to_string(form)) + " private key", Blame::input,
                 [&] { return load_private_key(pkcs8, structure, **rng); });
}

Result<std::unique_ptr<PublicKey>> import_public_key(BotanProvider& provider, ByteView spki_der,
                                                     const KeyStructure& structure) {
  auto rng = provider.rng();
  if (!rng) return std::unexpected(rng.error());
  auto key = guarded("read SubjectPublicKeyInfo", Blame::input,
                     [&] { return load_public_key(spki_der, structure, **rng); });
  if (key) provider.remember(spki_der, static_cast<const BotanPublicKey&>(**key).shared());
  return key;
}

Result<SecureBuffer> export_private_key(const BotanPrivateKey& key, PrivateKeyForm form) {
  return guarded("write " + to_string(key.spec()) + " key as " + std::string(to_string(form)),
                 Blame::library, [&] { return encode_private_key(key, form); });
}

Result<Bytes> export_public_key(const Botan::Public_Key& key) {
  return guarded("write SubjectPublicKeyInfo", Blame::library,
                 [&]() -> Result<Bytes> { return Botan::X509::BER_encode(key); });
}

}  // namespace polycert::botan_backend
