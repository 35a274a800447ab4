// token_sign: what a key in a PKCS#11 token costs. For each backend, the csr_sign request
// signed with a SoftHSM2 token key (the backend hashes and checks, the token signs), beside
// the token's bare signature (C_SignInit + C_Sign of a digest, the floor no caller goes
// under). Compare with csr_sign/<backend>/polycert/<spec> for the same request with a key
// file (docs/benchmarks.md).
//
//   token_sign/<backend>/polycert/<spec>    Provider::create_csr with the token key
//   token_sign/softhsm2/token/<spec>-raw     the token's own signature of a digest
#include "support.hpp"

#include <polycert/registry.hpp>
#include <polycert/signer.hpp>

#if POLYCERT_WITH_PKCS11
#include <polycert/pkcs11.hpp>

#include "soft_token.hpp"

#include <filesystem>
#include <map>
#include <memory>
#endif

namespace {

#if POLYCERT_WITH_PKCS11
// The run's token: made once, kept until the process ends (the benchmarks run after
// registration).
polycert::testing::SoftToken& token() {
  static auto* made = new polycert::testing::SoftToken("bench");
  return *made;
}

polycert::pkcs11::PinSupply pin() {
  return {polycert::SecureBuffer(token().pin().begin(), token().pin().end()), {}};
}

void token_csr_sign(benchmark::State& state, const std::string& backend, const std::string& uri) {
  auto provider = polycert::backends::make_provider(backend);
  if (!provider) {
    state.SkipWithError("no such backend");
    return;
  }
  auto key = polycert::pkcs11::open_key(uri, pin());
  if (!key) {
    state.SkipWithError(key.error().message.c_str());
    return;
  }
  const polycert::CsrSpec spec = bench::csr_spec();
  for (auto _ : state) {
    auto csr = (*provider)->create_csr(**key, spec);
    if (!csr) {
      state.SkipWithError(csr.error().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(csr);
  }
}

void token_raw_sign(benchmark::State& state, const std::string& uri, std::size_t input_size) {
  auto key = polycert::pkcs11::open_key(uri, pin());
  if (!key) {
    state.SkipWithError(key.error().message.c_str());
    return;
  }
  polycert::Signer* signer = (*key)->signer();
  const polycert::Bytes input(input_size, 0x5a);
  for (auto _ : state) {
    auto signature = signer->sign_raw(input);
    if (!signature) {
      state.SkipWithError(signature.error().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(signature);
  }
}
#endif

}  // namespace

void bench::register_polycert_token_signing() {
#if POLYCERT_WITH_PKCS11
  if (!std::filesystem::exists(polycert::testing::kSoftHsmModule)) return;
  token().use_in_this_process();
  // RSA: a DigestInfo of SHA-256 (51 bytes); ECDSA: the digest (32 bytes).
  for (const auto& [spec, raw_input] :
       {std::pair{polycert::KeySpec::ec(polycert::Curve::p256), std::size_t{32}},
        std::pair{polycert::KeySpec::rsa(2048), std::size_t{51}}}) {
    const std::string variant = polycert::to_string(spec);
    auto made = polycert::pkcs11::generate_key(token().uri(), {spec, "bench-" + variant, std::nullopt, false}, pin());
    if (!made) continue;
    const std::string uri = made->uri;
    for (std::string_view name : polycert::backends::available()) {
      const std::string backend(name);
      add({"token_sign", backend, "polycert", variant,
           [=](benchmark::State& state) { token_csr_sign(state, backend, uri); }});
    }
    add({"token_sign", "softhsm2", "token", variant + "-raw",
         [=](benchmark::State& state) { token_raw_sign(state, uri, raw_input); }});
  }
#endif
}
