// Everything but key generation, through polycert, for every compiled-in backend; the
// native baselines are in native/<backend>_operations.cpp. Inputs are committed fixtures
// (tests/fixtures/), read once per benchmark before its timed loop.
//
// What the polycert side of each op times (the native side does the same work with the
// library directly; docs/benchmarks.md lists both):
//   csr_sign     Provider::create_csr for an imported key: subject, SANs, keyUsage,
//                extendedKeyUsage; signed, DER out.
//   csr_verify   Provider::parse_csr: read every field and check the signature.
//   cert_parse   Provider::parse_certificate (DER), or pem_decode + parse_certificate (PEM).
//   key_parse    Provider::import_private_key (PKCS#8 DER), pem_decode + import (PEM),
//                pem_decode + decrypt_private_key + import (encrypted PEM, two schemes:
//                see kEncryptions).
//   pkcs12_read  read_pkcs12 (MAC, decryption) + import the key + parse each certificate.
//   pkcs7_read   read_pkcs7_certificates + parse each certificate.
//   pem_decode   pem_decode (core: the same code whichever backend is selected).
//   path_validate Provider::validate_path: the chain fixture (leaf, two intermediates, a
//                root as the trust anchor), by the library's own validator at the current
//                time; the certificates are read from DER on every call, as by the library.
#include "support.hpp"

#include <polycert/registry.hpp>
#include <polycert/encrypted_key.hpp>
#include <polycert/formats.hpp>
#include <polycert/name.hpp>
#include <polycert/path_validation.hpp>
#include <polycert/pem.hpp>
#include <polycert/pkcs12.hpp>
#include <polycert/x509.hpp>

#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

namespace {

using polycert::Provider;

// The benchmark's provider, or null after SkipWithError.
std::unique_ptr<Provider> provider_for(benchmark::State& state, const std::string& backend) {
  auto provider = polycert::backends::make_provider(backend);
  if (!provider) {
    state.SkipWithError(provider.error().message.c_str());
    return nullptr;
  }
  return std::move(*provider);
}

// Stops the benchmark when a polycert call fails; true when it succeeded.
template <typename T>
bool ok(benchmark::State& state, const polycert::Result<T>& result) {
  if (result) return true;
  state.SkipWithError(result.error().message.c_str());
  return false;
}

void csr_sign(benchmark::State& state, const std::string& backend, const std::string& stem) {
  auto provider = provider_for(state, backend);
  if (!provider) return;
  auto key = provider->import_private_key(bench::fixture("keys/" + stem + ".pkcs8.der"));
  if (!ok(state, key)) return;
  const polycert::CsrSpec spec = bench::csr_spec();
  for (auto _ : state) {
    auto csr = provider->create_csr(**key, spec);
    if (!ok(state, csr)) return;
    benchmark::DoNotOptimize(csr);
  }
}

void csr_verify(benchmark::State& state, const std::string& backend, const std::string& stem) {
  auto provider = provider_for(state, backend);
  if (!provider) return;
  const bench::Bytes der = bench::fixture("x509/" + stem + ".csr.der");
  for (auto _ : state) {
    auto info = provider->parse_csr(der);
    if (!ok(state, info)) return;
    if (info->signature_status != polycert::SignatureStatus::verifies) {
      state.SkipWithError("the fixture request's signature does not verify");
      return;
    }
    benchmark::DoNotOptimize(info);
  }
}

void cert_parse(benchmark::State& state, const std::string& backend, const std::string& stem,
                bool pem) {
  auto provider = provider_for(state, backend);
  if (!provider) return;
  const bench::Bytes der = bench::fixture("x509/" + stem + ".cert.der");
  const std::string text = bench::to_pem("CERTIFICATE", der);
  for (auto _ : state) {
    if (pem) {
      auto blocks = polycert::pem_decode(polycert::as_bytes(text));
      if (!ok(state, blocks)) return;
      auto info = provider->parse_certificate(blocks->front().der);
      if (!ok(state, info)) return;
      benchmark::DoNotOptimize(info);
    } else {
      auto info = provider->parse_certificate(der);
      if (!ok(state, info)) return;
      benchmark::DoNotOptimize(info);
    }
  }
}

using bench::KeyInput;

// The encrypted variants (fixture encrypted/<stem>.<scheme>.der, 2048 iterations): PBES2
// with AES-256-CBC and PBKDF2-HMAC-SHA256 (OpenSSL 3's default), and PKCS#12
// pbeWithSHAAnd3-KeyTripleDES-CBC (the only one of the two Mbed TLS 2.28 reads natively).
constexpr std::pair<const char*, const char*> kEncryptions[] = {
    {"pbes2-sha256", "pbes2-aes256-sha256"}, {"pkcs12-3des", "pkcs12-3des"}};

void key_parse(benchmark::State& state, const std::string& backend, const std::string& stem,
               KeyInput input, const std::string& scheme = "") {
  auto provider = provider_for(state, backend);
  if (!provider) return;
  const bench::Bytes der = bench::fixture("keys/" + stem + ".pkcs8.der");
  const std::string pem = bench::fixture_text("keys/" + stem + ".pkcs8.pem");
  const std::string encrypted = bench::encrypted_key_pem(stem, input, scheme);
  const std::string_view password = bench::kFixturePassword;
  for (auto _ : state) {
    switch (input) {
      case KeyInput::der: {
        auto key = provider->import_private_key(der);
        if (!ok(state, key)) return;
        benchmark::DoNotOptimize(key);
        break;
      }
      case KeyInput::pem: {
        auto blocks = polycert::pem_decode(polycert::as_bytes(pem));
        if (!ok(state, blocks)) return;
        auto key = provider->import_private_key(blocks->front().der);
        if (!ok(state, key)) return;
        benchmark::DoNotOptimize(key);
        break;
      }
      case KeyInput::encrypted_pem: {
        auto blocks = polycert::pem_decode(polycert::as_bytes(encrypted));
        if (!ok(state, blocks)) return;
        auto pkcs8 = polycert::decrypt_private_key(*provider, blocks->front().der,
                                                   polycert::as_bytes(password));
        if (!ok(state, pkcs8)) return;
        auto key = provider->import_private_key(*pkcs8);
        if (!ok(state, key)) return;
        benchmark::DoNotOptimize(key);
        break;
      }
    }
  }
}

void pkcs12_read(benchmark::State& state, const std::string& backend, const std::string& file) {
  auto provider = provider_for(state, backend);
  if (!provider) return;
  const bench::Bytes pfx = bench::fixture("pkcs12/" + file + ".p12");
  const std::string_view password = bench::kFixturePassword;
  std::vector<std::string> warnings;
  for (auto _ : state) {
    warnings.clear();
    auto contents = polycert::read_pkcs12(*provider, pfx, polycert::as_bytes(password), &warnings);
    if (!ok(state, contents)) return;
    if (!contents->key) {
      state.SkipWithError("the fixture PKCS#12 file has no key");
      return;
    }
    auto key = provider->import_private_key(contents->key->pkcs8);
    if (!ok(state, key)) return;
    benchmark::DoNotOptimize(key);
    for (const polycert::Pkcs12Certificate& certificate : contents->certificates) {
      auto info = provider->parse_certificate(certificate.der);
      if (!ok(state, info)) return;
      benchmark::DoNotOptimize(info);
    }
  }
}

void pkcs7_read(benchmark::State& state, const std::string& backend) {
  auto provider = provider_for(state, backend);
  if (!provider) return;
  const bench::Bytes bundle = bench::fixture("pkcs7/chain.p7b.der");
  for (auto _ : state) {
    auto certificates = polycert::read_pkcs7_certificates(bundle);
    if (!ok(state, certificates)) return;
    for (const polycert::Bytes& certificate : *certificates) {
      auto info = provider->parse_certificate(certificate);
      if (!ok(state, info)) return;
      benchmark::DoNotOptimize(info);
    }
  }
}

void path_validate(benchmark::State& state, const std::string& backend) {
  auto provider = provider_for(state, backend);
  if (!provider) return;
  const std::vector<bench::Bytes> chain = bench::chain_der();
  polycert::PathValidationRequest request;
  request.leaf = chain[0];
  request.untrusted = {chain[1], chain[2]};
  request.trusted = {chain[3]};
  for (auto _ : state) {
    auto verdict = provider->validate_path(request);
    if (!ok(state, verdict)) return;
    if (!verdict->valid) {
      state.SkipWithError(("the chain fixture is refused: " + verdict->library_message).c_str());
      return;
    }
    benchmark::DoNotOptimize(verdict);
  }
}

void pem_decode(benchmark::State& state, const std::string& file) {
  const std::string text = bench::fixture_text(file);
  for (auto _ : state) {
    auto blocks = polycert::pem_decode(polycert::as_bytes(text));
    if (!ok(state, blocks)) return;
    benchmark::DoNotOptimize(blocks);
  }
}

}  // namespace

polycert::CsrSpec bench::csr_spec() {
  polycert::CsrSpec spec;
  spec.subject = polycert::parse_name(bench::kSubject).value();
  spec.extensions.subject_alt_names =
      polycert::parse_subject_alt_names(bench::kSubjectAltNames).value();
  spec.extensions.key_usage = polycert::kDigitalSignature;
  spec.extensions.extended_key_usage = {std::string(polycert::oid::kServerAuth),
                                        std::string(polycert::oid::kClientAuth)};
  return spec;
}

// The variants, shared with the native side through their names.
void bench::register_polycert_operations() {
  for (std::string_view name : polycert::backends::available()) {
    const std::string backend(name);
    auto provider = polycert::backends::make_provider(backend);
    if (!provider) continue;
    const polycert::Capabilities& capabilities = (*provider)->capabilities();
    for (const auto& [spec, stem] :
         {std::pair{polycert::KeySpec::ec(polycert::Curve::p256), "ec-P-256"},
          std::pair{polycert::KeySpec::rsa(2048), "rsa-2048"}}) {
      const std::string variant = polycert::to_string(spec);
      const std::string file = stem;
      if (capabilities.supports(polycert::Operation::create_csr, spec))
        add({"csr_sign", backend, "polycert", variant,
             [=](benchmark::State& state) { csr_sign(state, backend, file); }});
      if (capabilities.supports(polycert::Operation::read_csr, spec))
        add({"csr_verify", backend, "polycert", variant,
             [=](benchmark::State& state) { csr_verify(state, backend, file); }});
      if (capabilities.supports(polycert::Operation::read_certificate, spec)) {
        add({"cert_parse", backend, "polycert", variant + "-der",
             [=](benchmark::State& state) { cert_parse(state, backend, file, false); }});
        add({"cert_parse", backend, "polycert", variant + "-pem",
             [=](benchmark::State& state) { cert_parse(state, backend, file, true); }});
      }
      if (capabilities.supports(polycert::Operation::import_pkcs8, spec)) {
        add({"key_parse", backend, "polycert", variant + "-pkcs8-der",
             [=](benchmark::State& state) { key_parse(state, backend, file, KeyInput::der); }});
        add({"key_parse", backend, "polycert", variant + "-pkcs8-pem",
             [=](benchmark::State& state) { key_parse(state, backend, file, KeyInput::pem); }});
        for (const auto& [encryption, scheme] : kEncryptions)
          add({"key_parse", backend, "polycert", variant + "-pkcs8-pem-" + encryption,
               [=, scheme = std::string(scheme)](benchmark::State& state) {
                 key_parse(state, backend, file, KeyInput::encrypted_pem, scheme);
               }});
      }
    }
    // modern.p12: a P-384 key and its certificate, PBES2 AES-256-CBC, HMAC-SHA256 MAC.
    add({"pkcs12_read", backend, "polycert", "modern",
         [=](benchmark::State& state) { pkcs12_read(state, backend, "modern"); }});
    // chain.p7b.der: root, intermediate and leaf (P-256, RSA-2048, P-384).
    add({"pkcs7_read", backend, "polycert", "chain",
         [=](benchmark::State& state) { pkcs7_read(state, backend); }});
    add({"path_validate", backend, "polycert", "chain-4",
         [=](benchmark::State& state) { path_validate(state, backend); }});
    add({"pem_decode", backend, "polycert", "certificate",
         [](benchmark::State& state) { pem_decode(state, "x509/chain-leaf.pem"); }});
    add({"pem_decode", backend, "polycert", "bundle-4",
         [](benchmark::State& state) { pem_decode(state, "chains/bundle-shuffled.pem"); }});
  }
}
