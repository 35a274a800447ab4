// Single-backend known-answer cases for every primitive row of the capability matrix
// (derive_key, cipher, mac, digest). The answers were computed with the openssl command
// line (openssl kdf / enc / dgst), an implementation independent of polycert's code, and
// several are the published vectors: RFC 6070 (PBKDF2-HMAC-SHA1), RFC 4231 and RFC 2202
// (HMAC "Jefe"), NIST SP 800-38A F.2.5 (AES-256-CBC, first block), FIPS 180 and RFC 1321
// ("abc").
#include "case_tables.hpp"
#include <polycert/conformance/steps.hpp>

#include <polycert/encrypted_key.hpp>
#include <polycert/primitives.hpp>

namespace polycert::conformance {

namespace {

using steps::capable;
using steps::expect;
using steps::from_hex;
using steps::hex;

struct KnownAnswer {
  std::string_view subject;  ///< the capability row
  std::string_view answer;   ///< lower-case hex
};

const KnownAnswer kAnswers[] = {
    {"pbkdf2-hmac-sha1", "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957cae93136266537a8d7bf4b76"},
    {"pbkdf2-hmac-sha256", "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"},
    {"pbkdf2-hmac-sha512", "e1d9c16aa681708a45f5c7c4e215ceb66e011a2e9f0040713f18aefdb866d53c"},
    {"pkcs12-kdf-sha1", "2a3a9c95b6ac4c49ebbf7a65976b1bbd5f0ffa69a1be2427"},
    {"pkcs12-kdf-sha256", "d8fb52dd9042c1031f9a18e5957a3be69ead00cf867836e8"},
    {"aes-128-cbc", "a12b0386d815a2c18e9c23b63a7adbf2e6530da51c023ed3ad600f53bb1898ff"},
    {"aes-192-cbc", "17701a9d29c91a94ceed723c34e87abe72cab80e7032dac8c6de2df56fdb3233"},
    {"aes-256-cbc", "f58c4c04d6e5f1ba779eabfb5f7bfbd6485a5c81519cf378fa36d42b8547edc0"},
    {"des-ede3-cbc", "9d50047a85efb2057a51e45711dae039705fa1bc72b943f5"},
    {"rc2-40-cbc", "b5ce908aa542a858e2cc2c572ad033e8c29a39b7782860d0"},
    {"hmac-sha1", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
    {"hmac-sha256", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
    {"md5", "900150983cd24fb0d6963f7d28e17f72"},
    {"sha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
};

// SP 800-38A's first plaintext block and AES-256 key; shorter keys are its prefixes.
constexpr std::string_view kPlaintext = "6bc1bee22e409f96e93d7e117393172a";
constexpr std::string_view kAesKey =
    "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4";
constexpr std::string_view kAesIv = "000102030405060708090a0b0c0d0e0f";
constexpr std::string_view kDes3Key = "0123456789abcdef23456789abcdef01456789abcdef0123";
constexpr std::string_view kRc2Key = "0102030405";
constexpr std::string_view kDesIv = "1234567890abcdef";

struct CipherInput {
  Cipher cipher;
  std::string_view key, iv;
};

CipherInput cipher_input(std::string_view subject) {
  if (subject == "aes-128-cbc") return {Cipher::aes128_cbc, kAesKey.substr(0, 32), kAesIv};
  if (subject == "aes-192-cbc") return {Cipher::aes192_cbc, kAesKey.substr(0, 48), kAesIv};
  if (subject == "aes-256-cbc") return {Cipher::aes256_cbc, kAesKey, kAesIv};
  if (subject == "des-ede3-cbc") return {Cipher::des_ede3_cbc, kDes3Key, kDesIv};
  return {Cipher::rc2_40_cbc, kRc2Key, kDesIv};
}

Hash hash_of(std::string_view name) {
  if (name.ends_with("sha1")) return Hash::sha1;
  if (name.ends_with("sha512")) return Hash::sha512;
  if (name.ends_with("md5")) return Hash::md5;
  return Hash::sha256;
}

// The primitive's output on the fixed input, judged against the capability row.
Bytes compute(Provider& provider, Operation operation, std::string_view subject) {
  const std::string what = "known answer of " + std::string(subject);
  const ByteView password = as_bytes("password");
  switch (operation) {
    case Operation::derive_key:
      if (subject.starts_with("pbkdf2")) {
        auto key = capable(provider, operation, subject, what,
                           provider.pbkdf2(hash_of(subject), password, as_bytes("salt"), 2, 32));
        return Bytes(key.begin(), key.end());
      } else {
        auto bmp = steps::require("BMPString of the password", bmp_password(password));
        auto key = capable(provider, operation, subject, what,
                           provider.pkcs12_kdf(hash_of(subject), bmp, from_hex("0102030405060708"),
                                               2048, Pkcs12KeyPurpose::key, 24));
        return Bytes(key.begin(), key.end());
      }
    case Operation::cipher: {
      const CipherInput input = cipher_input(subject);
      const Bytes key = from_hex(input.key), iv = from_hex(input.iv);
      const Bytes plaintext = from_hex(kPlaintext);
      Bytes ciphertext = capable(provider, operation, subject, what,
                                 provider.cbc_encrypt(input.cipher, key, iv, plaintext));
      auto back = capable(provider, operation, subject, "decrypting the " + what,
                          provider.cbc_decrypt(input.cipher, key, iv, ciphertext));
      expect(Bytes(back.begin(), back.end()) == plaintext,
             std::string(subject) + " decrypts its own ciphertext to something else");
      return ciphertext;
    }
    case Operation::mac: {
      auto mac = capable(provider, operation, subject, what,
                         provider.hmac(hash_of(subject), as_bytes("Jefe"),
                                       as_bytes("what do ya want for nothing?")));
      return Bytes(mac.begin(), mac.end());
    }
    default: {
      auto digest = capable(provider, operation, subject, what,
                            provider.digest(hash_of(subject), as_bytes("abc")));
      return Bytes(digest.begin(), digest.end());
    }
  }
}

}  // namespace

void add_primitive_cases(std::vector<Case>& cases, const std::vector<std::string>& backends) {
  for (const PrimitiveRow& row : kPrimitiveRows) {
    std::string_view answer;
    for (const KnownAnswer& known : kAnswers)
      if (known.subject == row.subject) answer = known.answer;
    for (const std::string& backend : backends) {
      Case c;
      c.id = "primitives/known-answer/" + std::string(row.subject) + "/" + backend;
      c.kind = CaseKind::single;
      c.area = "primitives";
      c.operation = std::string(describe(row.operation)) + " (known answer)";
      c.subject = std::string(row.subject);
      c.backends = {backend};
      c.run = [backend, row, answer](Workspace& workspace) {
        if (answer.empty())
          steps::fail("no known answer for " + std::string(row.subject) + " in the case table");
        Provider& provider = workspace.provider(backend);
        const Bytes output = compute(provider, row.operation, row.subject);
        if (hex(output) != answer)
          steps::fail(std::string(row.subject) + " on " + backend + " gives " + hex(output) +
                      ", the known answer is " + std::string(answer));
        return CaseResult{};
      };
      cases.push_back(std::move(c));
    }
  }
}

}  // namespace polycert::conformance
