#include <polycert/der.hpp>
#include <polycert/encrypted_key.hpp>
#include <polycert/text.hpp>
#include <polycert/key_encoding.hpp>

#include <algorithm>
#include <cstdio>
#include <array>

namespace polycert {

namespace {

constexpr std::string_view kPbes2 = "1.2.840.113549.1.5.13";
constexpr std::string_view kPbkdf2 = "1.2.840.113549.1.5.12";
constexpr std::string_view kPkcs12PbePrefix = "1.2.840.113549.1.12.1.";
constexpr std::string_view kPkcs12TripleDes = "1.2.840.113549.1.12.1.3";
constexpr std::string_view kPkcs12Rc2_40 = "1.2.840.113549.1.12.1.6";

struct HashOid {
  std::string_view oid;
  Hash hash;
};
constexpr std::array<HashOid, 5> kPrfs = {{
    {"1.2.840.113549.2.7", Hash::sha1},
    {"1.2.840.113549.2.8", Hash::sha224},
    {"1.2.840.113549.2.9", Hash::sha256},
    {"1.2.840.113549.2.10", Hash::sha384},
    {"1.2.840.113549.2.11", Hash::sha512},
}};

struct CipherOid {
  std::string_view oid;
  Cipher cipher;
};
constexpr std::array<CipherOid, 4> kPbes2Ciphers = {{
    {"2.16.840.1.101.3.4.1.2", Cipher::aes128_cbc},
    {"2.16.840.1.101.3.4.1.22", Cipher::aes192_cbc},
    {"2.16.840.1.101.3.4.1.42", Cipher::aes256_cbc},
    {"1.2.840.113549.3.7", Cipher::des_ede3_cbc},
}};

// Names for the schemes polycert recognises but does not read, so the error names them.
struct NamedOid {
  std::string_view oid;
  std::string_view name;
};
constexpr std::array<NamedOid, 10> kUnreadSchemes = {{
    {"1.2.840.113549.1.5.1", "PBES1 pbeWithMD2AndDES-CBC"},
    {"1.2.840.113549.1.5.3", "PBES1 pbeWithMD5AndDES-CBC"},
    {"1.2.840.113549.1.5.10", "PBES1 pbeWithSHA1AndDES-CBC"},
    {"1.2.840.113549.1.12.1.1", "pbeWithSHAAnd128BitRC4"},
    {"1.2.840.113549.1.12.1.2", "pbeWithSHAAnd40BitRC4"},
    {"1.2.840.113549.1.12.1.4", "pbeWithSHAAnd2-KeyTripleDES-CBC"},
    {"1.2.840.113549.1.12.1.5", "pbeWithSHAAnd128BitRC2-CBC"},
    {"1.3.6.1.4.1.11591.4.11", "scrypt"},
    {"1.2.840.113549.3.2", "RC2-CBC"},
    {"1.3.14.3.2.7", "DES-CBC"},
}};

Error unsupported_scheme(std::string_view what, std::string_view oid) {
  std::string name(oid);
  for (const auto& known : kUnreadSchemes)
    if (known.oid == oid) name = std::string(known.name) + " (" + std::string(oid) + ")";
  return Error{ErrorCode::unsupported,
               "encrypted private key: " + std::string(what) + " " + name +
                   " is not supported; polycert reads PBES2 (PBKDF2 with AES-CBC or "
                   "DES-EDE3-CBC) and the PKCS#12 3DES and RC2-40 schemes"};
}

Result<std::string> read_oid(der::Reader& reader, std::string_view what) {
  auto oid = reader.expect(der::kOid, what);
  if (!oid) return std::unexpected(oid.error());
  return der::decode_oid(oid->content);
}

Result<std::uint32_t> read_small_integer(der::Reader& reader, std::string_view what) {
  auto integer = reader.expect(der::kInteger, what);
  if (!integer) return std::unexpected(integer.error());
  return der::decode_uint32(integer->content, "encrypted private key: " + std::string(what));
}

Result<void> expect_end(const der::Reader& reader, std::string_view what) {
  if (!reader.empty())
    return fail(ErrorCode::invalid_input, "encrypted private key: unexpected data in " + std::string(what));
  return {};
}

Result<KeyEncryption> read_pbes2(ByteView parameters) {
  KeyEncryption out;
  out.scheme = KeyEncryption::Scheme::pbes2;
  der::Reader params(parameters);
  auto kdf = params.expect(der::kSequence, "PBES2 keyDerivationFunc");
  if (!kdf) return std::unexpected(kdf.error());
  auto scheme = params.expect(der::kSequence, "PBES2 encryptionScheme");
  if (!scheme) return std::unexpected(scheme.error());
  if (auto end = expect_end(params, "PBES2 parameters"); !end) return std::unexpected(end.error());

  der::Reader kdf_reader(kdf->content);
  auto kdf_oid = read_oid(kdf_reader, "PBES2 key derivation function");
  if (!kdf_oid) return std::unexpected(kdf_oid.error());
  if (*kdf_oid != kPbkdf2) return std::unexpected(unsupported_scheme("key derivation function", *kdf_oid));
  auto pbkdf2 = kdf_reader.expect(der::kSequence, "PBKDF2 parameters");
  if (!pbkdf2) return std::unexpected(pbkdf2.error());
  der::Reader p(pbkdf2->content);
  auto salt = p.expect(der::kOctetString, "PBKDF2 salt");  // the otherSource CHOICE is unused
  if (!salt) return std::unexpected(salt.error());
  out.salt.assign(salt->content.begin(), salt->content.end());
  auto iterations = read_small_integer(p, "PBKDF2 iteration count");
  if (!iterations) return std::unexpected(iterations.error());
  out.iterations = *iterations;
  std::optional<std::uint32_t> key_length;
  if (p.peek_tag() == der::kInteger) {
    auto length = read_small_integer(p, "PBKDF2 key length");
    if (!length) return std::unexpected(length.error());
    key_length = *length;
  }
  out.hash = Hash::sha1;  // DEFAULT algid-hmacWithSHA1
  if (p.peek_tag() == der::kSequence) {
    auto prf = p.next();
    der::Reader prf_reader(prf->content);
    auto prf_oid = read_oid(prf_reader, "PBKDF2 PRF");
    if (!prf_oid) return std::unexpected(prf_oid.error());
    auto known = std::ranges::find(kPrfs, *prf_oid, &HashOid::oid);
    if (known == kPrfs.end()) return std::unexpected(unsupported_scheme("PBKDF2 PRF", *prf_oid));
    out.hash = known->hash;
  }
  if (auto end = expect_end(p, "PBKDF2 parameters"); !end) return std::unexpected(end.error());

  der::Reader scheme_reader(scheme->content);
  auto cipher_oid = read_oid(scheme_reader, "PBES2 cipher");
  if (!cipher_oid) return std::unexpected(cipher_oid.error());
  auto cipher = std::ranges::find(kPbes2Ciphers, *cipher_oid, &CipherOid::oid);
  if (cipher == kPbes2Ciphers.end()) return std::unexpected(unsupported_scheme("cipher", *cipher_oid));
  out.cipher = cipher->cipher;
  auto iv = scheme_reader.expect(der::kOctetString, "cipher IV");
  if (!iv) return std::unexpected(iv.error());
  if (iv->content.size() != block_size(out.cipher))
    return fail(ErrorCode::invalid_input, "encrypted private key: the IV does not fit " +
                                              std::string(to_string(out.cipher)));
  out.iv.assign(iv->content.begin(), iv->content.end());
  if (key_length && *key_length != key_size(out.cipher))
    return fail(ErrorCode::invalid_input, "encrypted private key: PBKDF2 key length " +
                                              std::to_string(*key_length) + " does not fit " +
                                              std::string(to_string(out.cipher)));
  return out;
}

Result<KeyEncryption> read_pkcs12_pbe(std::string_view oid, ByteView parameters) {
  KeyEncryption out;
  out.scheme = KeyEncryption::Scheme::pkcs12_pbe;
  out.hash = Hash::sha1;
  if (oid == "1.2.840.113549.1.12.1.3") out.cipher = Cipher::des_ede3_cbc;
  else if (oid == kPkcs12Rc2_40) out.cipher = Cipher::rc2_40_cbc;
  else return std::unexpected(unsupported_scheme("scheme", oid));
  der::Reader p(parameters);
  auto salt = p.expect(der::kOctetString, "PKCS#12 salt");
  if (!salt) return std::unexpected(salt.error());
  out.salt.assign(salt->content.begin(), salt->content.end());
  auto iterations = read_small_integer(p, "PKCS#12 iteration count");
  if (!iterations) return std::unexpected(iterations.error());
  out.iterations = *iterations;
  if (auto end = expect_end(p, "PKCS#12 PBE parameters"); !end) return std::unexpected(end.error());
  return out;
}

// The content of a password-based encryption AlgorithmIdentifier: PBES2 or a PKCS#12 PBE.
Result<KeyEncryption> read_algorithm(ByteView algorithm_content) {
  der::Reader algorithm_reader(algorithm_content);
  auto oid = read_oid(algorithm_reader, "encryption algorithm");
  if (!oid) return std::unexpected(oid.error());
  auto parameters = algorithm_reader.expect(der::kSequence, "encryption parameters");
  if (!parameters) {
    if (*oid == kPbes2 || oid->starts_with(kPkcs12PbePrefix)) return std::unexpected(parameters.error());
    return std::unexpected(unsupported_scheme("scheme", *oid));
  }
  if (auto end = expect_end(algorithm_reader, "encryption algorithm"); !end) return std::unexpected(end.error());
  Result<KeyEncryption> encryption =
      *oid == kPbes2 ? read_pbes2(parameters->content)
      : oid->starts_with(kPkcs12PbePrefix) ? read_pkcs12_pbe(*oid, parameters->content)
                                           : Result<KeyEncryption>(std::unexpected(unsupported_scheme("scheme", *oid)));
  if (!encryption) return std::unexpected(encryption.error());
  if (encryption->iterations == 0)
    return fail(ErrorCode::invalid_input, "encrypted private key: zero iterations");
  return encryption;
}

Result<void> check_ciphertext(const KeyEncryption& encryption, ByteView ciphertext) {
  if (ciphertext.empty() || ciphertext.size() % block_size(encryption.cipher) != 0)
    return fail(ErrorCode::invalid_input,
                "encrypted private key: the encrypted data is not a whole number of " +
                    std::string(to_string(encryption.cipher)) + " blocks");
  return {};
}

// Messages name "encrypted private key" where the caller's context is something else.
Error in_context(Error error, std::string_view context) {
  constexpr std::string_view kDefault = "encrypted private key";
  if (context != kDefault && error.message.starts_with(kDefault))
    error.message = std::string(context) + error.message.substr(kDefault.size());
  return error;
}

struct Parts {
  KeyEncryption encryption;
  ByteView ciphertext;
};

Result<Parts> split(ByteView der) {
  der::Reader outer(der);
  auto info = outer.expect(der::kSequence, "EncryptedPrivateKeyInfo");
  if (!info) return std::unexpected(info.error());
  der::Reader fields(info->content);
  auto algorithm = fields.expect(der::kSequence, "encryptionAlgorithm");
  if (!algorithm) return std::unexpected(algorithm.error());
  auto data = fields.expect(der::kOctetString, "encryptedData");
  if (!data) return std::unexpected(data.error());
  if (auto end = expect_end(fields, "EncryptedPrivateKeyInfo"); !end) return std::unexpected(end.error());
  auto encryption = read_algorithm(algorithm->content);
  if (!encryption) return std::unexpected(encryption.error());
  if (auto fits = check_ciphertext(*encryption, data->content); !fits) return std::unexpected(fits.error());
  return Parts{std::move(*encryption), data->content};
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}


}  // namespace

std::string describe(const KeyEncryption& encryption) {
  const std::string iterations = std::to_string(encryption.iterations) + " iterations";
  if (encryption.scheme == KeyEncryption::Scheme::pkcs12_pbe)
    return "PKCS#12 PBE (SHA-1, " + iterations + ", " + upper(to_string(encryption.cipher)) + ")";
  return "PBES2 (PBKDF2-HMAC-" + upper(to_string(encryption.hash)) + ", " + iterations + ", " +
         upper(to_string(encryption.cipher)) + ")";
}

bool looks_like_encrypted_private_key(ByteView der) {
  der::Reader outer(der);
  auto info = outer.expect(der::kSequence, "");
  if (!info || !outer.empty()) return false;
  der::Reader fields(info->content);
  auto algorithm = fields.expect(der::kSequence, "");
  auto data = fields.expect(der::kOctetString, "");
  return algorithm && data && fields.empty();
}

Result<KeyEncryption> inspect_encrypted_private_key(ByteView der) {
  auto parts = split(der);
  if (!parts) return std::unexpected(parts.error());
  return std::move(parts->encryption);
}

Result<SecureBuffer> bmp_password(ByteView utf8) {
  // Characters beyond the BMP as surrogate pairs, as OpenSSL 3 (OPENSSL_utf82uni) derives
  // the key, so that a password such as an emoji opens the files it writes.
  auto bmp = utf8_to_utf16be(utf8, "password", BeyondBmp::surrogate_pairs);
  if (!bmp) return bmp;
  bmp->push_back(0);  // RFC 7292 B.1: the password's BMPString ends in two zero octets
  bmp->push_back(0);
  return bmp;
}

Result<KeyEncryption> read_pbe_algorithm(ByteView algorithm_identifier, std::string_view context) {
  der::Reader outer(algorithm_identifier);
  auto algorithm = outer.expect(der::kSequence, "encryption AlgorithmIdentifier");
  if (!algorithm) return std::unexpected(in_context(algorithm.error(), context));
  if (!outer.empty())
    return fail(ErrorCode::invalid_input, std::string(context) + ": unexpected data after the encryption algorithm");
  auto encryption = read_algorithm(algorithm->content);
  if (!encryption) return std::unexpected(in_context(encryption.error(), context));
  return encryption;
}

Result<SecureBuffer> pbe_decrypt(Provider& provider, const KeyEncryption& e, ByteView ciphertext,
                                 const PbePassword& password) {
  if (auto fits = check_ciphertext(e, ciphertext); !fits) return std::unexpected(fits.error());
  SecureBuffer key, iv;
  if (e.scheme == KeyEncryption::Scheme::pbes2) {
    auto derived = provider.pbkdf2(e.hash, password.utf8, e.salt, e.iterations, key_size(e.cipher));
    if (!derived) return std::unexpected(derived.error());
    key = std::move(*derived);
    iv.assign(e.iv.begin(), e.iv.end());
  } else {
    auto derived_key = provider.pkcs12_kdf(e.hash, password.bmp, e.salt, e.iterations,
                                           Pkcs12KeyPurpose::key, key_size(e.cipher));
    if (!derived_key) return std::unexpected(derived_key.error());
    auto derived_iv = provider.pkcs12_kdf(e.hash, password.bmp, e.salt, e.iterations,
                                          Pkcs12KeyPurpose::iv, block_size(e.cipher));
    if (!derived_iv) return std::unexpected(derived_iv.error());
    key = std::move(*derived_key);
    iv = std::move(*derived_iv);
  }
  return provider.cbc_decrypt(e.cipher, key, iv, ciphertext);
}

std::uint64_t kdf_iterations(const KeyEncryption& encryption) {
  const std::uint64_t derivations = encryption.scheme == KeyEncryption::Scheme::pkcs12_pbe ? 2 : 1;
  return derivations * encryption.iterations;
}

Result<void> check_declared_kdf_work(const KeyEncryption& encryption, std::string_view what) {
  if (auto under_cap = check_kdf_iterations(encryption.iterations); !under_cap)
    return std::unexpected(with_context(under_cap.error(), what));
  return check_kdf_budget(kdf_iterations(encryption), std::string(what) + "'s key derivations");
}

Result<SecureBuffer> decrypt_private_key(Provider& provider, ByteView der, const PbePassword& password) {
  auto parts = split(der);
  if (!parts) return std::unexpected(parts.error());
  // An input of its own, unless a PKCS#12 file being read holds this key.
  KdfInputScope input;
  if (auto fits = check_declared_kdf_work(parts->encryption, "the encrypted private key"); !fits)
    return std::unexpected(fits.error());
  auto plaintext = pbe_decrypt(provider, parts->encryption, parts->ciphertext, password);
  if (!plaintext) return std::unexpected(plaintext.error());

  // Padding passes by chance for about one wrong password in 256: what comes out must
  // also be a private key.
  const bool is_key = der::check_strict_der(*plaintext).has_value() &&
                      detect_private_key_form(*plaintext) == PrivateKeyForm::pkcs8;
  if (!is_key)
    return fail(ErrorCode::bad_password,
                "wrong password: the decrypted data is not a private key");
  return plaintext;
}

Result<SecureBuffer> decrypt_private_key(Provider& provider, ByteView der, ByteView password) {
  auto parts = split(der);  // malformed input is invalid_input before the password's form matters
  if (!parts) return std::unexpected(parts.error());
  SecureBuffer bmp;
  if (parts->encryption.scheme == KeyEncryption::Scheme::pkcs12_pbe) {
    auto converted = bmp_password(password);
    if (!converted) return std::unexpected(converted.error());
    bmp = std::move(*converted);
  }
  return decrypt_private_key(provider, der, PbePassword{password, bmp});
}

Result<PbeCiphertext> pbe_encrypt(Provider& provider, ByteView plaintext, ByteView password,
                                  const KeyEncryptionOptions& options) {
  const bool pkcs12 = options.scheme == KeyEncryption::Scheme::pkcs12_pbe;
  // RC2-40 is broken: written only for the certificates of a legacy-profile PFX (what
  // `openssl pkcs12 -legacy` writes), never for a key.
  if (options.cipher == Cipher::rc2_40_cbc && !pkcs12)
    return fail(ErrorCode::invalid_input, "RC2-40 is broken; polycert does not write it");
  if (pkcs12 && options.cipher != Cipher::des_ede3_cbc && options.cipher != Cipher::rc2_40_cbc)
    return fail(ErrorCode::invalid_input,
                "the PKCS#12 PBE schemes polycert writes are pbeWithSHAAnd3-KeyTripleDES-CBC and, "
                "for a legacy PFX's certificates, pbeWithSHAAnd40BitRC2-CBC");
  auto salt = provider.random_bytes(pkcs12 ? 8 : 16);  // 8: what OpenSSL writes for PKCS#12
  if (!salt) return std::unexpected(salt.error());

  SecureBuffer algorithm;
  Result<Bytes> ciphertext = Bytes{};
  if (pkcs12) {
    auto bmp = bmp_password(password);
    if (!bmp) return std::unexpected(bmp.error());
    auto key = provider.pkcs12_kdf(Hash::sha1, *bmp, *salt, options.iterations,
                                   Pkcs12KeyPurpose::key, key_size(options.cipher));
    if (!key) return std::unexpected(key.error());
    auto iv = provider.pkcs12_kdf(Hash::sha1, *bmp, *salt, options.iterations,
                                  Pkcs12KeyPurpose::iv, block_size(options.cipher));
    if (!iv) return std::unexpected(iv.error());
    ciphertext = provider.cbc_encrypt(options.cipher, *key, *iv, plaintext);
    if (!ciphertext) return std::unexpected(ciphertext.error());

    SecureBuffer params;
    der::append_element(params, der::kOctetString, *salt);
    der::append_element(params, der::kInteger, der::encode_unsigned(options.iterations));
    der::append_element(algorithm, der::kOid,
                        der::encode_oid(options.cipher == Cipher::rc2_40_cbc ? kPkcs12Rc2_40 : kPkcs12TripleDes));
    der::append_element(algorithm, der::kSequence, params);
  } else {
    auto cipher = std::ranges::find(kPbes2Ciphers, options.cipher, &CipherOid::cipher);
    auto prf = std::ranges::find(kPrfs, options.prf, &HashOid::hash);
    auto iv = provider.random_bytes(block_size(options.cipher));
    if (!iv) return std::unexpected(iv.error());
    auto key = provider.pbkdf2(options.prf, password, *salt, options.iterations, key_size(options.cipher));
    if (!key) return std::unexpected(key.error());
    ciphertext = provider.cbc_encrypt(options.cipher, *key, *iv, plaintext);
    if (!ciphertext) return std::unexpected(ciphertext.error());

    SecureBuffer prf_id, pbkdf2_params, kdf, scheme, pbes2_params;
    der::append_element(prf_id, der::kOid, der::encode_oid(prf->oid));
    der::append_element(prf_id, der::kNull, {});
    der::append_element(pbkdf2_params, der::kOctetString, *salt);
    der::append_element(pbkdf2_params, der::kInteger, der::encode_unsigned(options.iterations));
    if (options.prf != Hash::sha1)  // DEFAULT hmacWithSHA1 is omitted in DER
      der::append_element(pbkdf2_params, der::kSequence, prf_id);
    der::append_element(kdf, der::kOid, der::encode_oid(kPbkdf2));
    der::append_element(kdf, der::kSequence, pbkdf2_params);
    der::append_element(scheme, der::kOid, der::encode_oid(cipher->oid));
    der::append_element(scheme, der::kOctetString, *iv);
    der::append_element(pbes2_params, der::kSequence, kdf);
    der::append_element(pbes2_params, der::kSequence, scheme);
    der::append_element(algorithm, der::kOid, der::encode_oid(kPbes2));
    der::append_element(algorithm, der::kSequence, pbes2_params);
  }
  const SecureBuffer whole = der::element(der::kSequence, algorithm);
  return PbeCiphertext{Bytes(whole.begin(), whole.end()), std::move(*ciphertext)};
}

Result<Bytes> encrypt_private_key(Provider& provider, ByteView pkcs8, ByteView password,
                                  const KeyEncryptionOptions& options) {
  if (options.cipher == Cipher::rc2_40_cbc)
    return fail(ErrorCode::invalid_input, "RC2-40 is broken; polycert does not write keys with it");
  auto encrypted = pbe_encrypt(provider, pkcs8, password, options);
  if (!encrypted) return std::unexpected(encrypted.error());
  SecureBuffer info(encrypted->algorithm.begin(), encrypted->algorithm.end());
  der::append_element(info, der::kOctetString, encrypted->ciphertext);
  const SecureBuffer whole = der::element(der::kSequence, info);
  return Bytes(whole.begin(), whole.end());
}

Result<SecureBuffer> decrypt_legacy_pem_key(Provider& provider, std::string_view dek_info,
                                            ByteView encrypted, ByteView password) {
  const auto comma = dek_info.find(',');
  const std::string name = upper(dek_info.substr(0, comma));
  std::optional<Cipher> cipher;
  for (Cipher c : {Cipher::aes128_cbc, Cipher::aes192_cbc, Cipher::aes256_cbc, Cipher::des_ede3_cbc})
    if (upper(to_string(c)) == name) cipher = c;
  if (!cipher)
    return fail(ErrorCode::unsupported, "legacy PEM encryption with " + name +
                                            " is not supported; polycert reads AES-128/192/256-CBC "
                                            "and DES-EDE3-CBC");
  const std::string_view iv_hex = comma == std::string_view::npos ? "" : dek_info.substr(comma + 1);
  Bytes iv;
  for (std::size_t i = 0; i + 1 < iv_hex.size(); i += 2) {
    unsigned value = 0;
    if (std::sscanf(std::string(iv_hex.substr(i, 2)).c_str(), "%2x", &value) != 1)
      return fail(ErrorCode::invalid_input, "DEK-Info: the IV is not hex");
    iv.push_back(static_cast<std::uint8_t>(value));
  }
  if (iv.size() != block_size(*cipher) || iv_hex.size() != 2 * iv.size())
    return fail(ErrorCode::invalid_input, "DEK-Info: the IV does not fit " + name);
  if (encrypted.empty() || encrypted.size() % block_size(*cipher) != 0)
    return fail(ErrorCode::invalid_input, "legacy encrypted PEM: the data is not whole " + name + " blocks");

  // EVP_BytesToKey: D_1 = MD5(password || salt), D_i = MD5(D_(i-1) || password || salt).
  const ByteView salt = ByteView(iv).first(8);
  SecureBuffer derived, previous;
  while (derived.size() < key_size(*cipher)) {
    SecureBuffer input = previous;
    input.insert(input.end(), password.begin(), password.end());
    input.insert(input.end(), salt.begin(), salt.end());
    auto block = provider.digest(Hash::md5, input);
    if (!block) return std::unexpected(block.error());
    previous = std::move(*block);
    derived.insert(derived.end(), previous.begin(), previous.end());
  }
  derived.resize(key_size(*cipher));
  auto plaintext = provider.cbc_decrypt(*cipher, derived, iv, encrypted);
  if (!plaintext) return std::unexpected(plaintext.error());
  const bool is_key = der::check_strict_der(*plaintext).has_value() &&
                      detect_private_key_form(*plaintext).has_value();
  if (!is_key)
    return fail(ErrorCode::bad_password, "wrong password: the decrypted data is not a private key");
  return plaintext;
}

}  // namespace polycert
