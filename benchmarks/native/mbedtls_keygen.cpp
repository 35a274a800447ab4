// Native baseline: P-256 key generation the idiomatic Mbed TLS 2.28 way (a fresh pk
// context per key, one seeded CTR_DRBG).
#include <benchmark/benchmark.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/pk.h>

namespace {

void mbedtls_native_p256(benchmark::State& state) {
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
      if (mbedtls_pk_setup(&key, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY)) != 0 ||
          mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(key), mbedtls_ctr_drbg_random,
                              &drbg) != 0) {
        state.SkipWithError("mbedtls_ecp_gen_key failed");
      }
      benchmark::DoNotOptimize(key);
      mbedtls_pk_free(&key);
    }
  }
  mbedtls_ctr_drbg_free(&drbg);
  mbedtls_entropy_free(&entropy);
}

}  // namespace

BENCHMARK(mbedtls_native_p256)->Name("keygen/mbedtls/native/ec:P-256")->Unit(benchmark::kMicrosecond)->MeasureProcessCPUTime();
