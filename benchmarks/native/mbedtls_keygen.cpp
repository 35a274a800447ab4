// Native baseline: key generation the idiomatic Mbed TLS 2.28 way: one CTR_DRBG seeded
// from the entropy source, a fresh pk context per key (mbedtls_ecp_gen_key loads the
// group every time). Mbed TLS 2.28 has no Ed25519.
#include "../support.hpp"

#include <benchmark/benchmark.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>

#include <functional>
#include <string>

namespace {

// Runs `generate` once per iteration on a fresh pk context of `type`.
void run(benchmark::State& state, mbedtls_pk_type_t type,
         const std::function<int(mbedtls_pk_context&, mbedtls_ctr_drbg_context&)>& generate) {
  mbedtls_entropy_context entropy;
  mbedtls_ctr_drbg_context drbg;
  mbedtls_entropy_init(&entropy);
  mbedtls_ctr_drbg_init(&drbg);
  const unsigned char personalisation[] = "polycert-bench";
  if (mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, personalisation,
                            sizeof personalisation) != 0) {
    state.SkipWithError("mbedtls_ctr_drbg_seed failed");
  } else {
    for (auto _ : state) {
      mbedtls_pk_context key;
      mbedtls_pk_init(&key);
      if (mbedtls_pk_setup(&key, mbedtls_pk_info_from_type(type)) != 0 || generate(key, drbg) != 0)
        state.SkipWithError("Mbed TLS key generation failed");
      benchmark::DoNotOptimize(key);
      mbedtls_pk_free(&key);
    }
  }
  mbedtls_ctr_drbg_free(&drbg);
  mbedtls_entropy_free(&entropy);
}

void rsa(benchmark::State& state, unsigned bits) {
  run(state, MBEDTLS_PK_RSA, [bits](mbedtls_pk_context& key, mbedtls_ctr_drbg_context& drbg) {
    return mbedtls_rsa_gen_key(mbedtls_pk_rsa(key), mbedtls_ctr_drbg_random, &drbg, bits, 65537);
  });
}

void ec(benchmark::State& state, mbedtls_ecp_group_id group) {
  run(state, MBEDTLS_PK_ECKEY, [group](mbedtls_pk_context& key, mbedtls_ctr_drbg_context& drbg) {
    return mbedtls_ecp_gen_key(group, mbedtls_pk_ec(key), mbedtls_ctr_drbg_random, &drbg);
  });
}

const int registered = [] {
  for (unsigned bits : {2048u, 3072u, 4096u})
    bench::add({"keygen", "mbedtls", "native", "rsa:" + std::to_string(bits),
                [bits](benchmark::State& state) { rsa(state, bits); },
                bench::rsa_keygen_samples(bits)});
  const std::pair<const char*, mbedtls_ecp_group_id> curves[] = {
      {"P-256", MBEDTLS_ECP_DP_SECP256R1},
      {"P-384", MBEDTLS_ECP_DP_SECP384R1},
      {"P-521", MBEDTLS_ECP_DP_SECP521R1}};
  for (const auto& [spec, group] : curves)
    bench::add({"keygen", "mbedtls", "native", std::string("ec:") + spec,
                [group](benchmark::State& state) { ec(state, group); }});
  return 0;
}();

}  // namespace
