// The checks an imported OpenSSL key passes before polycert holds it (keys.cpp calls them):
// that OpenSSL read the key core's inspection found, that an EC key's public point is its
// scalar's, and that an RSA key's values belong together. See key_checks.hpp.
#include "keys.hpp"

#include "errors.hpp"
#include "openssl_provider.hpp"

#include <polycert/der.hpp>
#include <polycert/key_encoding.hpp>
#include <polycert/key_structure.hpp>

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

#include "key_checks.hpp"

namespace polycert::openssl_backend {

namespace {

// OpenSSL's decoders take the public point of an EC private key on trust; this checks
// that it is on the curve and is the private scalar's (and the scalar's range), with
// OpenSSL's own check and its reason when it fails.
Result<void> full_ec_pair_check(EVP_PKEY* pkey, const std::string& what) {
  PkeyCtxPtr context(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
  if (!context) return std::unexpected(openssl_error(ErrorCode::internal, "cannot check " + what));
  if (EVP_PKEY_pairwise_check(context.get()) != 1)
    return std::unexpected(
        openssl_error(ErrorCode::invalid_input,
                      what + " fails the check of its private scalar against its public point"));
  return {};
}

// The part of EVP_PKEY_pairwise_check that can fail for a key the decoder accepted: the
// scalar is in [1, n-1] and scalar * G is the stored point. OpenSSL's full check also
// multiplies the stored point by the group order n, which for P-256/384/521 (cofactor 1)
// holds for every point on the curve, and the decoder has already checked that; it costs
// as much as the rest. True when the key passes.
bool ec_pair_matches(EcGroups& groups, const EVP_PKEY* pkey, Curve curve) {
  const EC_GROUP* group = groups.get(curve);
  BIGNUM* raw_scalar = nullptr;
  if (group == nullptr || EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_PRIV_KEY, &raw_scalar) != 1)
    return false;
  const std::unique_ptr<BIGNUM, BnClearFree> scalar(raw_scalar);
  unsigned char stored_octets[1 + 2 * 66];  // an uncompressed P-521 point
  std::size_t stored_size = 0;
  if (EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, stored_octets,
                                      sizeof stored_octets, &stored_size) != 1)
    return false;
  const std::unique_ptr<BN_CTX, BnCtxFree> context(BN_CTX_new());
  const std::unique_ptr<EC_POINT, PointFree> stored(EC_POINT_new(group));
  const std::unique_ptr<EC_POINT, PointFree> derived(EC_POINT_new(group));
  return context && stored && derived && !BN_is_zero(scalar.get()) &&
         !BN_is_negative(scalar.get()) && BN_cmp(scalar.get(), EC_GROUP_get0_order(group)) < 0 &&
         EC_POINT_oct2point(group, stored.get(), stored_octets, stored_size, context.get()) == 1 &&
         EC_POINT_mul(group, derived.get(), scalar.get(), nullptr, nullptr, context.get()) == 1 &&
         EC_POINT_cmp(group, derived.get(), stored.get(), context.get()) == 0;
}


struct ParamsClearFree {
  void operator()(OSSL_PARAM* params) const {
    for (OSSL_PARAM* param = params; param->key != nullptr; ++param)
      if (param->data != nullptr) OPENSSL_cleanse(param->data, param->data_size);
    OSSL_PARAM_free(params);
  }
};

}  // namespace

// The import check of an EC private key: the fast check above, and OpenSSL's full one
// (with its reason) only when the fast one does not pass.
Result<void> check_ec_pair(EcGroups& groups, EVP_PKEY* pkey, Curve curve, const std::string& what) {
  if (ec_pair_matches(groups, pkey, curve)) return {};
  ERR_clear_error();
  return full_ec_pair_check(pkey, what);
}

// The arithmetic an RSA private key's values must satisfy, as the Botan backend checks
// them and mbedtls_pk_check_pair does (n = p*q, odd n, e and d in range, d mod (p-1),
// d mod (q-1), e*d = 1 modulo both, and q^-1 mod p), so that a key whose values do not belong together is
// refused on every backend. Not EVP_PKEY_pairwise_check: for RSA that is RSA_check_key,
// whose Miller-Rabin tests on p and q cost ~100x the import. The reductions of secret
// values run with BN_FLG_CONSTTIME. True when the key passes.
bool rsa_values_consistent(const EVP_PKEY* pkey) {
  using Number = std::unique_ptr<BIGNUM, BnClearFree>;
  // One export of every value: EVP_PKEY_get_bn_param exports the whole key per value,
  // which made eight of them cost 3x the decoding. OSSL_PARAM_free clears only what sits in
  // the secure heap, so the exported values are cleansed first.
  OSSL_PARAM* raw = nullptr;
  if (EVP_PKEY_todata(pkey, EVP_PKEY_KEYPAIR, &raw) != 1) return false;
  const std::unique_ptr<OSSL_PARAM, ParamsClearFree> params(raw);
  auto get = [&params](const char* name) {
    BIGNUM* value = nullptr;
    const OSSL_PARAM* found = OSSL_PARAM_locate_const(params.get(), name);
    if (found == nullptr || OSSL_PARAM_get_BN(found, &value) != 1) value = nullptr;
    return Number(value);
  };
  const Number n = get(OSSL_PKEY_PARAM_RSA_N), e = get(OSSL_PKEY_PARAM_RSA_E),
               d = get(OSSL_PKEY_PARAM_RSA_D), p = get(OSSL_PKEY_PARAM_RSA_FACTOR1),
               q = get(OSSL_PKEY_PARAM_RSA_FACTOR2), dp = get(OSSL_PKEY_PARAM_RSA_EXPONENT1),
               dq = get(OSSL_PKEY_PARAM_RSA_EXPONENT2),
               qinv = get(OSSL_PKEY_PARAM_RSA_COEFFICIENT1);
  const std::unique_ptr<BN_CTX, BnCtxFree> context(BN_CTX_secure_new());
  const Number product(BN_new()), p_minus_1(BN_new()), q_minus_1(BN_new()), reduced(BN_new());
  if (!n || !e || !d || !p || !q || !dp || !dq || !qinv || !context || !product || !p_minus_1 ||
      !q_minus_1 || !reduced)
    return false;
  for (BIGNUM* secret : {d.get(), p.get(), q.get(), dp.get(), dq.get(), qinv.get(),
                         p_minus_1.get(), q_minus_1.get(), reduced.get()})
    BN_set_flags(secret, BN_FLG_CONSTTIME);
  const auto at_least = [](const BIGNUM* value, BN_ULONG floor) {
    return !BN_is_negative(value) && (BN_num_bits(value) > 16 || BN_get_word(value) >= floor);
  };
  if (!BN_is_odd(n.get()) || !at_least(e.get(), 2) || !at_least(d.get(), 2) ||
      !at_least(p.get(), 3) || !at_least(q.get(), 3))
    return false;
  if (BN_mul(product.get(), p.get(), q.get(), context.get()) != 1 ||
      BN_cmp(product.get(), n.get()) != 0)
    return false;
  if (BN_sub(p_minus_1.get(), p.get(), BN_value_one()) != 1 ||
      BN_sub(q_minus_1.get(), q.get(), BN_value_one()) != 1)
    return false;
  if (BN_mod(reduced.get(), d.get(), p_minus_1.get(), context.get()) != 1 ||
      BN_cmp(reduced.get(), dp.get()) != 0)
    return false;
  if (BN_mod(reduced.get(), d.get(), q_minus_1.get(), context.get()) != 1 ||
      BN_cmp(reduced.get(), dq.get()) != 0)
    return false;
  // e*d = 1 (mod p-1) and (mod q-1), as mbedtls_rsa_validate_params checks: with a d that
  // does not invert e, every signature the key makes fails to verify.
  for (auto [exponent, modulus] : {std::pair(dp.get(), p_minus_1.get()), std::pair(dq.get(), q_minus_1.get())})
    if (BN_mod_mul(reduced.get(), e.get(), exponent, modulus, context.get()) != 1 ||
        !BN_is_one(reduced.get()))
      return false;
  // q^-1 mod p, checked as qinv < p and qinv*q = 1 (mod p): the inverse is unique.
  return BN_cmp(qinv.get(), p.get()) < 0 &&
         BN_mod_mul(reduced.get(), qinv.get(), q.get(), p.get(), context.get()) == 1 &&
         BN_is_one(reduced.get());
}

// OpenSSL read the key that core's inspection found; anything else is a surprise.
Result<void> check_inspected(const KeySpec& held, const KeyStructure& structure,
                             const std::string& what) {
  if (held.algorithm != structure.algorithm || held.curve != structure.curve)
    return fail(ErrorCode::internal, "OpenSSL read the " + what + " as a " + to_string(held) +
                                         " key, not the " +
                                         std::string(to_string(structure.algorithm)) +
                                         " key its structure describes");
  return {};
}

}  // namespace polycert::openssl_backend
