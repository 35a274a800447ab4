// Native baselines for Botan 2.19: every op of operations_benchmark.cpp that Botan 2 has
// (it has no PKCS#12 and no PKCS#7 bundles, so those two have polycert figures only),
// the idiomatic way: X509::create_cert_req, PKCS10_Request (which verifies the signature
// while it parses), X509_Certificate, PKCS8::load_key, PEM_Code::decode.
//
// "+pair-check" baselines add Botan's own key check after PKCS8::load_key, the cheapest
// Private_Key::check_key call that proves what polycert's import proves
// (backends/botan/src/keys.cpp):
// - ECDSA: check_key(rng, true). check_key(rng, false) only asks whether the public point
//   is on the curve, which loading already made sure of; "strong" adds a signature
//   consistency check (sign a random message with the scalar, verify it with the point),
//   the one Botan call that fails when the point is not the scalar's. polycert does one
//   blinded scalar multiplication and compares the points.
// - RSA: check_key(rng, false): n = p*q, the ranges, d mod (p-1), d mod (q-1), q^-1 mod p,
//   and Miller-Rabin on p and q. polycert runs the same arithmetic without the primality
//   tests, so this baseline does more than polycert does; Botan has no cheaper call.
#include "../support.hpp"

#include <benchmark/benchmark.h>
#include <botan/auto_rng.h>
#include <botan/data_src.h>
#include <botan/pem.h>
#include <botan/pkcs10.h>
#include <botan/pkcs8.h>
#include <botan/x509cert.h>
#include <botan/x509self.h>
#include <botan/certstor.h>
#include <botan/x509path.h>

#include <exception>
#include <memory>
#include <string>

namespace {

std::unique_ptr<Botan::Private_Key> load_key(const bench::Bytes& der) {
  Botan::DataSource_Memory source(der.data(), der.size());
  return Botan::PKCS8::load_key(source);
}

// What a program reading a certificate looks at (X509_Certificate decodes the rest while
// it is constructed): names, the key, the SHA-256 fingerprint.
void read_certificate_fields(const Botan::X509_Certificate& certificate) {
  benchmark::DoNotOptimize(certificate.subject_dn());
  benchmark::DoNotOptimize(certificate.issuer_dn());
  std::unique_ptr<Botan::Public_Key> key(certificate.subject_public_key());
  benchmark::DoNotOptimize(key);
  benchmark::DoNotOptimize(certificate.fingerprint("SHA-256"));
}

void csr_sign(benchmark::State& state, const std::string& stem) {
  try {
    Botan::AutoSeeded_RNG rng;
    const std::unique_ptr<Botan::Private_Key> key =
        load_key(bench::fixture("keys/" + stem + ".pkcs8.der"));
    Botan::X509_Cert_Options options;
    options.country = "US";
    options.state = "California";
    options.locality = "Mountain View";
    options.organization = "WSO2";
    options.org_unit = "IT";
    options.common_name = "fixture.example";
    options.dns = "fixture.example";
    options.more_dns = {"www.fixture.example"};
    options.constraints = Botan::Key_Constraints(Botan::DIGITAL_SIGNATURE);
    options.add_ex_constraint("PKIX.ServerAuth");
    options.add_ex_constraint("PKIX.ClientAuth");
    for (auto _ : state) {
      const Botan::PKCS10_Request request =
          Botan::X509::create_cert_req(options, *key, "SHA-256", rng);
      benchmark::DoNotOptimize(request.BER_encode());
    }
  } catch (const std::exception& error) {
    state.SkipWithError(error.what());
  }
}

void csr_verify(benchmark::State& state, const std::string& stem) {
  try {
    const bench::Bytes der = bench::fixture("x509/" + stem + ".csr.der");
    for (auto _ : state) {
      const Botan::PKCS10_Request request(der);  // throws when the signature does not verify
      benchmark::DoNotOptimize(request.subject_dn());
      benchmark::DoNotOptimize(request.extensions());
      benchmark::DoNotOptimize(request.challenge_password());
    }
  } catch (const std::exception& error) {
    state.SkipWithError(error.what());
  }
}

void cert_parse(benchmark::State& state, const std::string& stem, bool pem) {
  try {
    const bench::Bytes der = bench::fixture("x509/" + stem + ".cert.der");
    const std::string text = bench::to_pem("CERTIFICATE", der);
    for (auto _ : state) {
      if (pem) {
        Botan::DataSource_Memory source(text);  // X509_Certificate reads PEM or DER
        read_certificate_fields(Botan::X509_Certificate(source));
      } else {
        read_certificate_fields(Botan::X509_Certificate(der));
      }
    }
  } catch (const std::exception& error) {
    state.SkipWithError(error.what());
  }
}

using bench::KeyInput;

// The encrypted variant: PBES2 with AES-256-CBC and PBKDF2-HMAC-SHA256 (OpenSSL 3's
// default). Botan 2 reads no PKCS#12 PBE scheme, so "pkcs12-3des" has no native figure
// here (polycert's botan backend reads it, with Botan's 3DES and SHA-1).
const std::vector<std::pair<std::string, std::string>> kEncryptions = {
    {"pbes2-sha256", "pbes2-aes256-sha256"}};

void key_parse(benchmark::State& state, const std::string& stem, KeyInput input,
               const std::string& scheme, bench::KeyCheck check) {
  try {
    const bench::Bytes der = bench::fixture("keys/" + stem + ".pkcs8.der");
    const std::string pem = bench::fixture_text("keys/" + stem + ".pkcs8.pem");
    const std::string encrypted = bench::encrypted_key_pem(stem, input, scheme);
    const std::string password = bench::kFixturePassword;
    Botan::AutoSeeded_RNG rng;
    for (auto _ : state) {
      std::unique_ptr<Botan::Private_Key> key;
      if (input == KeyInput::der) {
        key = load_key(der);
      } else if (input == KeyInput::pem) {
        Botan::DataSource_Memory source(pem);
        key = Botan::PKCS8::load_key(source);
      } else {
        Botan::DataSource_Memory source(encrypted);
        key = Botan::PKCS8::load_key(source, password);
      }
      benchmark::DoNotOptimize(key);
      if (check == bench::KeyCheck::pair) {
        // ECDSA needs "strong" to compare the point with the scalar; RSA does not (above).
        const bool strong = key->algo_name() == "ECDSA";
        if (!key->check_key(rng, strong)) {
          state.SkipWithError("Botan's key check failed");
          break;
        }
      }
    }
  } catch (const std::exception& error) {
    state.SkipWithError(error.what());
  }
}

void pem_decode(benchmark::State& state, const std::string& file, int blocks) {
  try {
    const std::string text = bench::fixture_text(file);
    for (auto _ : state) {
      Botan::DataSource_Memory source(text);
      for (int i = 0; i < blocks; ++i) {
        std::string label;
        benchmark::DoNotOptimize(Botan::PEM_Code::decode(source, label));
      }
    }
  } catch (const std::exception& error) {
    state.SkipWithError(error.what());
  }
}

// x509_path_validate of the chain fixture with the default restrictions, the certificates
// read from DER on every call.
void path_validate(benchmark::State& state) {
  const std::vector<bench::Bytes> chain = bench::chain_der();
  try {
    for (auto _ : state) {
      std::vector<Botan::X509_Certificate> end_certificates{Botan::X509_Certificate(chain[0]),
                                                            Botan::X509_Certificate(chain[1]),
                                                            Botan::X509_Certificate(chain[2])};
      Botan::Certificate_Store_In_Memory anchors;
      anchors.add_certificate(Botan::X509_Certificate(chain[3]));
      const Botan::Path_Validation_Restrictions restrictions;
      const auto result = Botan::x509_path_validate(end_certificates, restrictions, anchors);
      if (!result.successful_validation()) {
        state.SkipWithError("Botan refuses the chain fixture");
        break;
      }
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}

const int registered = [] {
  bench::add_native_suite({.backend = "botan",
                           .csr_sign = csr_sign,
                           .csr_verify = csr_verify,
                           .cert_parse = cert_parse,
                           .key_parse = key_parse,
                           .encryptions = kEncryptions,
                           .pair_checked_keys = {"ec-P-256", "rsa-2048"},
                           .pem_decode = pem_decode});
  bench::add({"path_validate", "botan", "native", "chain-4", path_validate});
  return 0;
}();

}  // namespace
