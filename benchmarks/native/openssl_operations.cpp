// Native baselines for OpenSSL 3.0: every op of operations_benchmark.cpp, the way an
// OpenSSL program does it — d2i_* / PEM_read_bio_*, the X509 getters, X509V3_EXT_nconf_nid
// for extensions, X509_REQ_sign, PKCS12_parse, PEM_read_bio — reading out the same
// information polycert's CertificateInfo / CsrInfo carry.
//
// "+pair-check" baselines add EVP_PKEY_pairwise_check, OpenSSL's own check that a private
// key's halves belong together, to the key reads and the PKCS#12 read: the guarantee
// polycert's import gives (backends/openssl/src/keys.cpp checks an EC key's public point
// against its scalar, and an RSA key's values against each other). For RSA OpenSSL's
// check is RSA_check_key, which also tests p and q for primality; polycert does not.
#include "../support.hpp"

#include <benchmark/benchmark.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>
#include <string>

namespace {

// What a program reading a certificate looks at: names, serial, validity, key,
// subjectAltName, keyUsage, extendedKeyUsage, key identifiers, SHA-256 fingerprint.
bool read_certificate_fields(X509* certificate) {
  char subject[256];
  char issuer[256];
  X509_NAME_oneline(X509_get_subject_name(certificate), subject, sizeof subject);
  X509_NAME_oneline(X509_get_issuer_name(certificate), issuer, sizeof issuer);
  BIGNUM* serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate), nullptr);
  std::tm not_before{};
  std::tm not_after{};
  const bool times = ASN1_TIME_to_tm(X509_get0_notBefore(certificate), &not_before) == 1 &&
                     ASN1_TIME_to_tm(X509_get0_notAfter(certificate), &not_after) == 1;
  EVP_PKEY* key = X509_get0_pubkey(certificate);
  auto* names = static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr));
  const std::uint32_t usage = X509_get_key_usage(certificate);
  const std::uint32_t extended = X509_get_extended_key_usage(certificate);
  const ASN1_OCTET_STRING* key_id = X509_get0_subject_key_id(certificate);
  unsigned char fingerprint[EVP_MAX_MD_SIZE];
  unsigned int fingerprint_size = 0;
  const bool digested = X509_digest(certificate, EVP_sha256(), fingerprint, &fingerprint_size) == 1;
  benchmark::DoNotOptimize(subject);
  benchmark::DoNotOptimize(issuer);
  benchmark::DoNotOptimize(usage);
  benchmark::DoNotOptimize(extended);
  benchmark::DoNotOptimize(key_id);
  benchmark::DoNotOptimize(fingerprint);
  const bool read = serial != nullptr && times && key != nullptr && digested;
  GENERAL_NAMES_free(names);
  BN_free(serial);
  return read;
}

BIO* memory(const std::string& text) {
  return BIO_new_mem_buf(text.data(), static_cast<int>(text.size()));
}

EVP_PKEY* load_key(const bench::Bytes& der) {
  const unsigned char* cursor = der.data();
  return d2i_AutoPrivateKey(nullptr, &cursor, static_cast<long>(der.size()));
}

struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* context) const { EVP_PKEY_CTX_free(context); }
};

// True when `check` is none, or when OpenSSL's pairwise check passes: for EC the scalar's
// range, the point on the curve, order * point = infinity and scalar * G = point; for RSA
// RSA_check_key (primality of p and q, n = p*q, d, the CRT values).
bool pair_checked(EVP_PKEY* key, bench::KeyCheck check) {
  if (check == bench::KeyCheck::none) return true;
  const std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> context(
      EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  return context && EVP_PKEY_pairwise_check(context.get()) == 1;
}

void csr_sign(benchmark::State& state, const std::string& stem) {
  EVP_PKEY* key = load_key(bench::fixture("keys/" + stem + ".pkcs8.der"));
  if (key == nullptr) {
    state.SkipWithError("d2i_AutoPrivateKey failed");
    return;
  }
  const std::pair<const char*, const char*> subject[] = {
      {"C", "US"},   {"ST", "California"}, {"L", "Mountain View"},
      {"O", "WSO2"}, {"OU", "IT"},         {"CN", "fixture.example"}};
  const std::pair<int, const char*> extensions[] = {
      {NID_key_usage, "critical,digitalSignature"},
      {NID_ext_key_usage, "serverAuth,clientAuth"},
      {NID_subject_alt_name, "DNS:fixture.example,DNS:www.fixture.example"}};
  for (auto _ : state) {
    X509_REQ* request = X509_REQ_new();
    bool built = request != nullptr && X509_REQ_set_version(request, X509_REQ_VERSION_1) == 1;
    X509_NAME* name = X509_REQ_get_subject_name(request);
    for (const auto& [field, value] : subject)
      built = built && X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                                  reinterpret_cast<const unsigned char*>(value), -1,
                                                  -1, 0) == 1;
    built = built && X509_REQ_set_pubkey(request, key) == 1;
    STACK_OF(X509_EXTENSION)* stack = sk_X509_EXTENSION_new_null();
    for (const auto& [nid, value] : extensions) {
      X509_EXTENSION* extension = X509V3_EXT_nconf_nid(nullptr, nullptr, nid, value);
      built = built && extension != nullptr && sk_X509_EXTENSION_push(stack, extension) > 0;
    }
    built = built && X509_REQ_add_extensions(request, stack) == 1;
    sk_X509_EXTENSION_pop_free(stack, X509_EXTENSION_free);
    built = built && X509_REQ_sign(request, key, EVP_sha256()) > 0;
    unsigned char* der = nullptr;
    built = built && i2d_X509_REQ(request, &der) > 0;
    benchmark::DoNotOptimize(der);
    OPENSSL_free(der);
    X509_REQ_free(request);
    if (!built) {
      state.SkipWithError("building the request failed");
      break;
    }
  }
  EVP_PKEY_free(key);
}

void csr_verify(benchmark::State& state, const std::string& stem) {
  const bench::Bytes der = bench::fixture("x509/" + stem + ".csr.der");
  for (auto _ : state) {
    const unsigned char* cursor = der.data();
    X509_REQ* request = d2i_X509_REQ(nullptr, &cursor, static_cast<long>(der.size()));
    EVP_PKEY* key = request != nullptr ? X509_REQ_get0_pubkey(request) : nullptr;
    const bool verified = key != nullptr && X509_REQ_verify(request, key) == 1;
    char subject[256];
    STACK_OF(X509_EXTENSION)* extensions = nullptr;
    if (verified) {
      X509_NAME_oneline(X509_REQ_get_subject_name(request), subject, sizeof subject);
      extensions = X509_REQ_get_extensions(request);
      benchmark::DoNotOptimize(subject);
    }
    sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);
    X509_REQ_free(request);
    if (!verified || extensions == nullptr) {
      state.SkipWithError("reading or verifying the request failed");
      break;
    }
  }
}

void cert_parse(benchmark::State& state, const std::string& stem, bool pem) {
  const bench::Bytes der = bench::fixture("x509/" + stem + ".cert.der");
  const std::string text = bench::to_pem("CERTIFICATE", der);
  for (auto _ : state) {
    X509* certificate = nullptr;
    if (pem) {
      BIO* bio = memory(text);
      certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
      BIO_free(bio);
    } else {
      const unsigned char* cursor = der.data();
      certificate = d2i_X509(nullptr, &cursor, static_cast<long>(der.size()));
    }
    const bool read = certificate != nullptr && read_certificate_fields(certificate);
    X509_free(certificate);
    if (!read) {
      state.SkipWithError("reading the certificate failed");
      break;
    }
  }
}

using bench::KeyInput;

// The encrypted variants (fixture encrypted/<stem>.<scheme>.der, 2048 iterations): PBES2
// with AES-256-CBC and PBKDF2-HMAC-SHA256 (OpenSSL 3's default), and PKCS#12
// pbeWithSHAAnd3-KeyTripleDES-CBC (the only one of the two Mbed TLS 2.28 reads natively).
const std::vector<std::pair<std::string, std::string>> kEncryptions = {
    {"pbes2-sha256", "pbes2-aes256-sha256"}, {"pkcs12-3des", "pkcs12-3des"}};

void key_parse(benchmark::State& state, const std::string& stem, KeyInput input,
               const std::string& scheme, bench::KeyCheck check) {
  const bench::Bytes der = bench::fixture("keys/" + stem + ".pkcs8.der");
  const std::string pem = bench::fixture_text("keys/" + stem + ".pkcs8.pem");
  const std::string encrypted = bench::encrypted_key_pem(stem, input, scheme);
  char password[] = "fixture-password";
  for (auto _ : state) {
    EVP_PKEY* key = nullptr;
    if (input == KeyInput::der) {
      key = load_key(der);
    } else {
      BIO* bio = memory(input == KeyInput::pem ? pem : encrypted);
      key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, password);
      BIO_free(bio);
    }
    benchmark::DoNotOptimize(key);
    const bool read = key != nullptr && pair_checked(key, check);
    EVP_PKEY_free(key);
    if (!read) {
      state.SkipWithError("reading or checking the key failed");
      break;
    }
  }
}

void pkcs12_read(benchmark::State& state, const std::string& file, bench::KeyCheck check) {
  const bench::Bytes pfx = bench::fixture("pkcs12/" + file + ".p12");
  for (auto _ : state) {
    const unsigned char* cursor = pfx.data();
    PKCS12* pkcs12 = d2i_PKCS12(nullptr, &cursor, static_cast<long>(pfx.size()));
    EVP_PKEY* key = nullptr;
    X509* certificate = nullptr;
    STACK_OF(X509)* chain = nullptr;
    const bool read =
        pkcs12 != nullptr &&
        PKCS12_parse(pkcs12, bench::kFixturePassword, &key, &certificate, &chain) == 1 &&
        key != nullptr && pair_checked(key, check) && certificate != nullptr &&
        read_certificate_fields(certificate);
    for (int i = 0; read && i < sk_X509_num(chain); ++i)
      read_certificate_fields(sk_X509_value(chain, i));
    sk_X509_pop_free(chain, X509_free);
    X509_free(certificate);
    EVP_PKEY_free(key);
    PKCS12_free(pkcs12);
    if (!read) {
      state.SkipWithError("reading the PKCS#12 file failed");
      break;
    }
  }
}

void pkcs7_read(benchmark::State& state) {
  const bench::Bytes bundle = bench::fixture("pkcs7/chain.p7b.der");
  for (auto _ : state) {
    const unsigned char* cursor = bundle.data();
    PKCS7* pkcs7 = d2i_PKCS7(nullptr, &cursor, static_cast<long>(bundle.size()));
    STACK_OF(X509)* certificates =
        pkcs7 != nullptr && PKCS7_type_is_signed(pkcs7) ? pkcs7->d.sign->cert : nullptr;
    bool read = sk_X509_num(certificates) > 0;
    for (int i = 0; read && i < sk_X509_num(certificates); ++i)
      read = read_certificate_fields(sk_X509_value(certificates, i));
    PKCS7_free(pkcs7);
    if (!read) {
      state.SkipWithError("reading the PKCS#7 bundle failed");
      break;
    }
  }
}

void pem_decode(benchmark::State& state, const std::string& file, int /*blocks*/) {
  const std::string text = bench::fixture_text(file);
  for (auto _ : state) {
    BIO* bio = memory(text);
    int blocks = 0;
    char* label = nullptr;
    char* header = nullptr;
    unsigned char* data = nullptr;
    long length = 0;
    while (PEM_read_bio(bio, &label, &header, &data, &length) == 1) {
      ++blocks;
      benchmark::DoNotOptimize(data);
      OPENSSL_free(label);
      OPENSSL_free(header);
      OPENSSL_free(data);
    }
    ERR_clear_error();  // the end of the input is reported as "no start line"
    BIO_free(bio);
    if (blocks == 0) {
      state.SkipWithError("no PEM block read");
      break;
    }
  }
}

// X509_verify_cert of the chain fixture, the certificates read from DER on every call.
void path_validate(benchmark::State& state) {
  const std::vector<bench::Bytes> chain = bench::chain_der();
  auto read = [](const bench::Bytes& der) {
    const unsigned char* cursor = der.data();
    return d2i_X509(nullptr, &cursor, static_cast<long>(der.size()));
  };
  for (auto _ : state) {
    X509* leaf = read(chain[0]);
    X509* root = read(chain[3]);
    STACK_OF(X509)* untrusted = sk_X509_new_null();
    sk_X509_push(untrusted, read(chain[1]));
    sk_X509_push(untrusted, read(chain[2]));
    X509_STORE* store = X509_STORE_new();
    X509_STORE_add_cert(store, root);
    X509_STORE_CTX* context = X509_STORE_CTX_new();
    const bool valid = X509_STORE_CTX_init(context, store, leaf, untrusted) == 1 &&
                       X509_verify_cert(context) == 1;
    X509_STORE_CTX_free(context);
    X509_STORE_free(store);
    sk_X509_pop_free(untrusted, X509_free);
    X509_free(root);
    X509_free(leaf);
    if (!valid) {
      state.SkipWithError("OpenSSL refuses the chain fixture");
      break;
    }
  }
}

const int registered = [] {
  bench::add_native_suite({.backend = "openssl",
                           .csr_sign = csr_sign,
                           .csr_verify = csr_verify,
                           .cert_parse = cert_parse,
                           .key_parse = key_parse,
                           .encryptions = kEncryptions,
                           .pair_checked_keys = {"ec-P-256", "rsa-2048"},
                           .pem_decode = pem_decode});
  // modern.p12 holds a P-384 key, which polycert's import checks.
  for (const bench::KeyCheck check : {bench::KeyCheck::none, bench::KeyCheck::pair})
    bench::add({"pkcs12_read", "openssl", "native", bench::checked_variant("modern", check),
                [=](benchmark::State& state) { pkcs12_read(state, "modern", check); }});
  bench::add({"pkcs7_read", "openssl", "native", "chain", pkcs7_read});
  bench::add({"path_validate", "openssl", "native", "chain-4", path_validate});
  return 0;
}();

}  // namespace
