// Native baselines for Mbed TLS 2.28: every op of operations_benchmark.cpp that Mbed TLS
// 2.28 has (no PKCS#12 and no PKCS#7 bundles, so those two have polycert figures only),
// the idiomatic way: mbedtls_x509write_csr, mbedtls_x509_csr_parse_der and a signature
// check by hand (2.28 has no CSR verify call), mbedtls_x509_crt_parse(_der),
// mbedtls_pk_parse_key, mbedtls_pem_read_buffer.
//
// "+pair-check" baselines add mbedtls_pk_check_pair(&key, &key) after the parse, Mbed TLS's
// own check that a private key's halves belong together, which polycert's import runs on
// every RSA and EC key (backends/mbedtls/src/keys.cpp; for EC the same multiplication in
// the provider's warm group): for EC mbedtls_ecp_check_pub_priv, one scalar
// multiplication in a fresh copy of the group; for RSA mbedtls_rsa_check_pub_priv.
#include "../support.hpp"

#include <benchmark/benchmark.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/md.h>
#include <mbedtls/oid.h>
#include <mbedtls/pem.h>
#include <mbedtls/pk.h>
#include <mbedtls/sha256.h>
#include <mbedtls/x509_crt.h>
#include <mbedtls/x509_csr.h>

#include <string>

namespace {

// A CTR_DRBG seeded from the entropy source, for signing.
class Drbg {
 public:
  Drbg() {
    mbedtls_entropy_init(&entropy_);
    mbedtls_ctr_drbg_init(&drbg_);
    const unsigned char personalisation[] = "polycert-bench";
    seeded_ = mbedtls_ctr_drbg_seed(&drbg_, mbedtls_entropy_func, &entropy_, personalisation,
                                    sizeof personalisation) == 0;
  }
  ~Drbg() {
    mbedtls_ctr_drbg_free(&drbg_);
    mbedtls_entropy_free(&entropy_);
  }
  Drbg(const Drbg&) = delete;
  Drbg& operator=(const Drbg&) = delete;
  bool seeded() const { return seeded_; }
  mbedtls_ctr_drbg_context* get() { return &drbg_; }

 private:
  mbedtls_entropy_context entropy_;
  mbedtls_ctr_drbg_context drbg_;
  bool seeded_ = false;
};

// mbedtls_pk_parse_key and mbedtls_x509_crt_parse take PEM only NUL-terminated, with the
// NUL counted in the length.
const unsigned char* text_input(const std::string& text) {
  return reinterpret_cast<const unsigned char*>(text.c_str());
}

void csr_sign(benchmark::State& state, const std::string& stem) {
  Drbg drbg;
  const bench::Bytes der = bench::fixture("keys/" + stem + ".pkcs8.der");
  mbedtls_pk_context key;
  mbedtls_pk_init(&key);
  // subjectAltName and extendedKeyUsage values: 2.28 has no writer for either in a CSR,
  // so a program passes their DER to mbedtls_x509write_csr_set_extension.
  const std::string san =
      std::string("\x30\x26\x82\x0f", 4) + "fixture.example" + "\x82\x13" + "www.fixture.example";
  const std::string eku(
      "\x30\x14\x06\x08\x2b\x06\x01\x05\x05\x07\x03\x01"
      "\x06\x08\x2b\x06\x01\x05\x05\x07\x03\x02",
      22);
  if (!drbg.seeded() || mbedtls_pk_parse_key(&key, der.data(), der.size(), nullptr, 0) != 0) {
    state.SkipWithError("setting up the key or the DRBG failed");
  } else {
    unsigned char buffer[4096];
    for (auto _ : state) {
      mbedtls_x509write_csr request;
      mbedtls_x509write_csr_init(&request);
      mbedtls_x509write_csr_set_md_alg(&request, MBEDTLS_MD_SHA256);
      mbedtls_x509write_csr_set_key(&request, &key);
      int written =
          mbedtls_x509write_csr_set_subject_name(
              &request, "C=US,ST=California,L=Mountain View,O=WSO2,OU=IT,CN=fixture.example") !=
                      0 ||
                  mbedtls_x509write_csr_set_key_usage(&request,
                                                      MBEDTLS_X509_KU_DIGITAL_SIGNATURE) != 0 ||
                  mbedtls_x509write_csr_set_extension(
                      &request, MBEDTLS_OID_EXTENDED_KEY_USAGE,
                      MBEDTLS_OID_SIZE(MBEDTLS_OID_EXTENDED_KEY_USAGE),
                      reinterpret_cast<const unsigned char*>(eku.data()), eku.size()) != 0 ||
                  mbedtls_x509write_csr_set_extension(
                      &request, MBEDTLS_OID_SUBJECT_ALT_NAME,
                      MBEDTLS_OID_SIZE(MBEDTLS_OID_SUBJECT_ALT_NAME),
                      reinterpret_cast<const unsigned char*>(san.data()), san.size()) != 0
              ? -1
              : mbedtls_x509write_csr_der(&request, buffer, sizeof buffer, mbedtls_ctr_drbg_random,
                                          drbg.get());
      benchmark::DoNotOptimize(buffer);
      mbedtls_x509write_csr_free(&request);
      if (written <= 0) {
        state.SkipWithError("building the request failed");
        break;
      }
    }
  }
  mbedtls_pk_free(&key);
}

void csr_verify(benchmark::State& state, const std::string& stem) {
  const bench::Bytes der = bench::fixture("x509/" + stem + ".csr.der");
  for (auto _ : state) {
    mbedtls_x509_csr request;
    mbedtls_x509_csr_init(&request);
    unsigned char hash[MBEDTLS_MD_MAX_SIZE];
    const mbedtls_md_info_t* md = nullptr;
    const bool verified =
        mbedtls_x509_csr_parse_der(&request, der.data(), der.size()) == 0 &&
        (md = mbedtls_md_info_from_type(request.sig_md)) != nullptr &&
        mbedtls_md(md, request.cri.p, request.cri.len, hash) == 0 &&
        mbedtls_pk_verify_ext(request.sig_pk, request.sig_opts, &request.pk, request.sig_md, hash,
                              mbedtls_md_get_size(md), request.sig.p, request.sig.len) == 0;
    mbedtls_x509_csr_free(&request);
    if (!verified) {
      state.SkipWithError("reading or verifying the request failed");
      break;
    }
  }
}

void cert_parse(benchmark::State& state, const std::string& stem, bool pem) {
  const bench::Bytes der = bench::fixture("x509/" + stem + ".cert.der");
  const std::string text = bench::to_pem("CERTIFICATE", der);
  for (auto _ : state) {
    mbedtls_x509_crt certificate;
    mbedtls_x509_crt_init(&certificate);
    const int parsed = pem ? mbedtls_x509_crt_parse(&certificate, text_input(text), text.size() + 1)
                           : mbedtls_x509_crt_parse_der(&certificate, der.data(), der.size());
    // mbedtls_x509_crt_parse has read every field; the fingerprint is left to the caller.
    unsigned char fingerprint[32];
    const bool read = parsed == 0 && mbedtls_sha256_ret(certificate.raw.p, certificate.raw.len,
                                                        fingerprint, 0) == 0;
    benchmark::DoNotOptimize(fingerprint);
    mbedtls_x509_crt_free(&certificate);
    if (!read) {
      state.SkipWithError("reading the certificate failed");
      break;
    }
  }
}

using bench::KeyInput;

// The encrypted variants: Mbed TLS 2.28 reads PBES2 only with DES ciphers and
// PBKDF2-HMAC-SHA1, so its native side has no "pbes2-sha256" (AES-256, HMAC-SHA256)
// figure; polycert's mbedtls backend reads it, with Mbed TLS's own HMAC and AES.
const std::vector<std::pair<std::string, std::string>> kEncryptions = {
    {"pkcs12-3des", "pkcs12-3des"}};

void key_parse(benchmark::State& state, const std::string& stem, KeyInput input,
               const std::string& scheme, bench::KeyCheck check) {
  const bench::Bytes der = bench::fixture("keys/" + stem + ".pkcs8.der");
  const std::string pem = bench::fixture_text("keys/" + stem + ".pkcs8.pem");
  const std::string encrypted = bench::encrypted_key_pem(stem, input, scheme);
  const std::string password = bench::kFixturePassword;
  for (auto _ : state) {
    mbedtls_pk_context key;
    mbedtls_pk_init(&key);
    int parsed = 0;
    switch (input) {
      case KeyInput::der:
        parsed = mbedtls_pk_parse_key(&key, der.data(), der.size(), nullptr, 0);
        break;
      case KeyInput::pem:
        parsed = mbedtls_pk_parse_key(&key, text_input(pem), pem.size() + 1, nullptr, 0);
        break;
      case KeyInput::encrypted_pem:
        parsed = mbedtls_pk_parse_key(&key, text_input(encrypted), encrypted.size() + 1,
                                      text_input(password), password.size());
        break;
    }
    if (parsed == 0 && check == bench::KeyCheck::pair) parsed = mbedtls_pk_check_pair(&key, &key);
    benchmark::DoNotOptimize(key);
    mbedtls_pk_free(&key);
    if (parsed != 0) {
      state.SkipWithError("reading or checking the key failed");
      break;
    }
  }
}

void pem_decode(benchmark::State& state, const std::string& file, int /*blocks*/) {
  const std::string text = bench::fixture_text(file);
  for (auto _ : state) {
    const unsigned char* cursor = text_input(text);
    int blocks = 0;
    for (;;) {
      mbedtls_pem_context pem;
      mbedtls_pem_init(&pem);
      std::size_t used = 0;
      const int read =
          mbedtls_pem_read_buffer(&pem, "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----",
                                  cursor, nullptr, 0, &used);
      benchmark::DoNotOptimize(pem.buf);
      mbedtls_pem_free(&pem);
      if (read != 0) break;
      ++blocks;
      cursor += used;
    }
    if (blocks == 0) {
      state.SkipWithError("no PEM block read");
      break;
    }
  }
}

// mbedtls_x509_crt_verify_with_profile of the chain fixture (default profile), the
// certificates read from DER on every call.
void path_validate(benchmark::State& state) {
  const std::vector<bench::Bytes> chain = bench::chain_der();
  for (auto _ : state) {
    mbedtls_x509_crt presented, anchors;
    mbedtls_x509_crt_init(&presented);
    mbedtls_x509_crt_init(&anchors);
    bool read = true;
    for (std::size_t i = 0; i < 3; ++i)
      read = read && mbedtls_x509_crt_parse_der(&presented, chain[i].data(), chain[i].size()) == 0;
    read = read && mbedtls_x509_crt_parse_der(&anchors, chain[3].data(), chain[3].size()) == 0;
    std::uint32_t flags = 0;
    const bool valid = read && mbedtls_x509_crt_verify_with_profile(&presented, &anchors, nullptr,
                                                                    &mbedtls_x509_crt_profile_default,
                                                                    nullptr, &flags, nullptr, nullptr) == 0;
    mbedtls_x509_crt_free(&anchors);
    mbedtls_x509_crt_free(&presented);
    if (!valid) {
      state.SkipWithError("Mbed TLS refuses the chain fixture");
      break;
    }
  }
}

const int registered = [] {
  bench::add_native_suite({.backend = "mbedtls",
                           .csr_sign = csr_sign,
                           .csr_verify = csr_verify,
                           .cert_parse = cert_parse,
                           .key_parse = key_parse,
                           .encryptions = kEncryptions,
                           .pair_checked_keys = {"ec-P-256", "rsa-2048"},
                           .pem_decode = pem_decode});
  bench::add({"path_validate", "mbedtls", "native", "chain-4", path_validate});
  return 0;
}();

}  // namespace
