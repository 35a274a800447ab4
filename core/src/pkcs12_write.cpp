// PKCS#12 writing (RFC 7292): key and certificates in their bags, encrypted with the
// backend's primitives (PBES2 AES-256-CBC or the PKCS#12 3DES scheme), under one MAC.
#include <polycert/der.hpp>
#include <polycert/encrypted_key.hpp>
#include <polycert/key_encoding.hpp>
#include <polycert/limits.hpp>
#include <polycert/pkcs12.hpp>
#include <polycert/text.hpp>

#include "pkcs12_format.hpp"

#include <algorithm>
#include <array>

namespace polycert {

using namespace pkcs12_format;

namespace {

// ---- writing --------------------------------------------------------------------------

// DER SET OF: elements in ascending order of their encodings (X.690 11.6).
SecureBuffer der_set(std::vector<SecureBuffer> elements) {
  std::ranges::sort(elements, [](const SecureBuffer& a, const SecureBuffer& b) {
    const std::size_t n = std::max(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint8_t x = i < a.size() ? a[i] : 0, y = i < b.size() ? b[i] : 0;
      if (x != y) return x < y;
    }
    return false;
  });
  SecureBuffer content;
  for (const auto& element : elements)
    content.insert(content.end(), element.begin(), element.end());
  return der::element(der::kSet, content);
}

Result<SecureBuffer> bag_attributes(const std::optional<std::string>& friendly_name,
                                    ByteView local_key_id) {
  std::vector<SecureBuffer> attributes;
  if (friendly_name) {
    auto bmp = utf8_to_utf16be(as_bytes(*friendly_name), "friendly name", BeyondBmp::refuse);
    if (!bmp) return std::unexpected(bmp.error());
    SecureBuffer attribute;
    der::append_element(attribute, der::kOid, der::encode_oid(kFriendlyName));
    der::append_element(attribute, der::kSet, der::element(kBmpString, *bmp));
    attributes.push_back(der::element(der::kSequence, attribute));
  }
  if (!local_key_id.empty()) {
    SecureBuffer attribute;
    der::append_element(attribute, der::kOid, der::encode_oid(kLocalKeyId));
    der::append_element(attribute, der::kSet, der::element(der::kOctetString, local_key_id));
    attributes.push_back(der::element(der::kSequence, attribute));
  }
  if (attributes.empty()) return SecureBuffer{};
  return der_set(std::move(attributes));
}

SecureBuffer safe_bag(std::string_view type, ByteView value, ByteView attributes) {
  SecureBuffer bag;
  der::append_element(bag, der::kOid, der::encode_oid(type));
  der::append_element(bag, der::context_constructed(0), value);
  bag.insert(bag.end(), attributes.begin(), attributes.end());
  return der::element(der::kSequence, bag);
}

SecureBuffer content_info(std::string_view type, ByteView explicit_content) {
  SecureBuffer info;
  der::append_element(info, der::kOid, der::encode_oid(type));
  der::append_element(info, der::context_constructed(0), explicit_content);
  return der::element(der::kSequence, info);
}

}  // namespace

std::uint32_t pkcs12_iterations(const Pkcs12WriteOptions& options) {
  if (options.iterations) return *options.iterations;
  return options.profile == Pkcs12Profile::modern ? KeyEncryptionOptions{}.iterations : 2048;
}

std::string_view to_string(Pkcs12Profile profile) {
  switch (profile) {
    case Pkcs12Profile::modern: return "modern";
    case Pkcs12Profile::compat: return "compat";
    case Pkcs12Profile::legacy: return "legacy";
  }
  return "modern";
}

Result<Pkcs12Profile> parse_pkcs12_profile(std::string_view text) {
  for (Pkcs12Profile profile : {Pkcs12Profile::modern, Pkcs12Profile::compat, Pkcs12Profile::legacy})
    if (text == to_string(profile)) return profile;
  return fail(ErrorCode::invalid_input,
              "PFX profile '" + std::string(text) + "': modern, compat or legacy");
}

std::optional<Pkcs12Profile> pkcs12_profile_of(const Pkcs12Contents& contents) {
  if (!contents.mac_present || contents.protections.empty()) return std::nullopt;
  auto all = [&](auto&& predicate) {
    return std::ranges::all_of(contents.protections, [&](const Pkcs12Protection& part) {
      return part.encryption && predicate(part);
    });
  };
  auto is = [](const Pkcs12Protection& part, KeyEncryption::Scheme scheme, Cipher cipher) {
    return part.encryption->scheme == scheme && part.encryption->cipher == cipher;
  };
  using Scheme = KeyEncryption::Scheme;
  if (contents.mac_hash == Hash::sha256 &&
      all([&](const auto& part) { return is(part, Scheme::pbes2, Cipher::aes256_cbc) && part.encryption->hash == Hash::sha256; }))
    return Pkcs12Profile::modern;
  if (contents.mac_hash != Hash::sha1) return std::nullopt;
  if (all([&](const auto& part) { return is(part, Scheme::pkcs12_pbe, Cipher::des_ede3_cbc); }))
    return Pkcs12Profile::compat;
  if (all([&](const auto& part) {
        return part.part == "key" ? is(part, Scheme::pkcs12_pbe, Cipher::des_ede3_cbc)
                                  : is(part, Scheme::pkcs12_pbe, Cipher::rc2_40_cbc);
      }))
    return Pkcs12Profile::legacy;
  return std::nullopt;
}

Result<Bytes> write_pkcs12(Provider& provider, std::optional<ByteView> pkcs8_key,
                           std::span<const Bytes> certificates, ByteView password_utf8,
                           const Pkcs12WriteOptions& options) {
  if (!pkcs8_key && certificates.empty())
    return fail(ErrorCode::invalid_input, "PKCS#12: nothing to write (no key, no certificate)");
  for (const Bytes& certificate : certificates)
    if (auto strict = der::check_strict_der(certificate); !strict)
      return std::unexpected(with_context(strict.error(), "certificate"));
  auto bmp = bmp_password(password_utf8);
  if (!bmp) return std::unexpected(bmp.error());

  // The key and its certificate share a localKeyId; the key must belong to that certificate.
  Bytes local_key_id;
  if (pkcs8_key) {
    if (auto strict = der::check_strict_der(*pkcs8_key); !strict)
      return std::unexpected(with_context(strict.error(), "private key"));
    auto form = detect_private_key_form(*pkcs8_key);
    if (!form || *form != PrivateKeyForm::pkcs8)
      return fail(ErrorCode::invalid_input, "private key: PKCS#12 takes a PKCS#8 PrivateKeyInfo");
    if (!certificates.empty()) {
      auto info = provider.parse_certificate(certificates.front());
      if (!info) return std::unexpected(with_context(info.error(), "certificate"));
      auto key = provider.import_private_key(*pkcs8_key);
      if (!key) return std::unexpected(with_context(key.error(), "private key"));
      auto spki = provider.export_public_key(**key);
      if (!spki) return std::unexpected(spki.error());
      if (*spki != info->public_key)
        return fail(ErrorCode::mismatch,
                    "the private key does not belong to the first certificate");
      local_key_id.assign(info->sha256_fingerprint.begin(), info->sha256_fingerprint.begin() + 20);
    }
  }

  const bool pkcs12_pbe = options.profile != Pkcs12Profile::modern;
  KeyEncryptionOptions encryption;
  if (pkcs12_pbe) {
    encryption.scheme = KeyEncryption::Scheme::pkcs12_pbe;
    encryption.cipher = Cipher::des_ede3_cbc;
    encryption.prf = Hash::sha1;
  }
  encryption.iterations = pkcs12_iterations(options);
  KeyEncryptionOptions certificate_encryption = encryption;
  if (options.profile == Pkcs12Profile::legacy) certificate_encryption.cipher = Cipher::rc2_40_cbc;
  // polycert writes nothing it would refuse to read: the file's derivations together must
  // fit one input's budget (read_pkcs12 checks the same sum before its first derivation).
  KeyEncryption written;
  written.scheme = encryption.scheme;
  written.iterations = encryption.iterations;
  const std::uint64_t per_part = kdf_iterations(written);
  const std::uint64_t total = options.mac_iterations + (certificates.empty() ? 0 : per_part) +
                              (pkcs8_key ? per_part : 0);
  const std::uint64_t cap = max_kdf_iterations();
  if (const std::uint64_t limit = cap * kKdfInputBudgetInCaps; total > limit)
    return std::unexpected(Error{
        ErrorCode::invalid_input,
        "PKCS#12: the file's key derivations would ask for " + std::to_string(total) +
            " iterations in all, over the limit of " + std::to_string(limit) + " (" +
            std::to_string(kKdfInputBudgetInCaps) + " x " + std::to_string(cap) +
            ") for one input (polycert writes nothing it would refuse to read)",
        Remedy::raise_kdf_limit, std::to_string(total)});

  SecureBuffer safes;  // the AuthenticatedSafe's ContentInfos: certificates, then the key
  if (!certificates.empty()) {
    SecureBuffer bags;
    for (std::size_t i = 0; i < certificates.size(); ++i) {
      SecureBuffer cert_bag;
      der::append_element(cert_bag, der::kOid, der::encode_oid(kX509Certificate));
      der::append_element(cert_bag, der::context_constructed(0),
                          der::element(der::kOctetString, certificates[i]));
      auto attributes =
          i == 0 ? bag_attributes(options.friendly_name, local_key_id) : SecureBuffer{};
      if (!attributes) return std::unexpected(attributes.error());
      const SecureBuffer bag =
          safe_bag(kCertBag, der::element(der::kSequence, cert_bag), *attributes);
      bags.insert(bags.end(), bag.begin(), bag.end());
    }
    const SecureBuffer safe_contents = der::element(der::kSequence, bags);
    auto encrypted = pbe_encrypt(provider, safe_contents, password_utf8, certificate_encryption);
    if (!encrypted) return std::unexpected(encrypted.error());
    SecureBuffer eci, data;
    der::append_element(eci, der::kOid, der::encode_oid(kData));
    eci.insert(eci.end(), encrypted->algorithm.begin(), encrypted->algorithm.end());
    der::append_element(eci, kImplicitContent, encrypted->ciphertext);
    der::append_element(data, der::kInteger, der::encode_unsigned(0));
    der::append_element(data, der::kSequence, eci);
    const SecureBuffer info = content_info(kEncryptedData, der::element(der::kSequence, data));
    safes.insert(safes.end(), info.begin(), info.end());
  }
  if (pkcs8_key) {
    auto encrypted = encrypt_private_key(provider, *pkcs8_key, password_utf8, encryption);
    if (!encrypted) return std::unexpected(encrypted.error());
    auto attributes = bag_attributes(options.friendly_name, local_key_id);
    if (!attributes) return std::unexpected(attributes.error());
    const SecureBuffer bag = safe_bag(kShroudedKeyBag, *encrypted, *attributes);
    const SecureBuffer info =
        content_info(kData, der::element(der::kOctetString, der::element(der::kSequence, bag)));
    safes.insert(safes.end(), info.begin(), info.end());
  }
  const SecureBuffer authenticated_safe = der::element(der::kSequence, safes);

  const Hash mac_hash = pkcs12_pbe ? Hash::sha1 : Hash::sha256;
  auto salt = provider.random_bytes(8);
  if (!salt) return std::unexpected(salt.error());
  auto mac_key = provider.pkcs12_kdf(mac_hash, *bmp, *salt, options.mac_iterations,
                                     Pkcs12KeyPurpose::mac, digest_size(mac_hash));
  if (!mac_key) return std::unexpected(mac_key.error());
  auto mac = provider.hmac(mac_hash, *mac_key, authenticated_safe);
  if (!mac) return std::unexpected(mac.error());
  const auto digest = std::ranges::find(kDigestOids, mac_hash, &DigestOid::hash);
  SecureBuffer algorithm, digest_info, mac_data, pfx;
  der::append_element(algorithm, der::kOid, der::encode_oid(digest->oid));
  der::append_element(algorithm, der::kNull, {});
  der::append_element(digest_info, der::kSequence, algorithm);
  der::append_element(digest_info, der::kOctetString, *mac);
  der::append_element(mac_data, der::kSequence, digest_info);
  der::append_element(mac_data, der::kOctetString, *salt);
  der::append_element(mac_data, der::kInteger, der::encode_unsigned(options.mac_iterations));
  der::append_element(pfx, der::kInteger, der::encode_unsigned(3));
  const SecureBuffer auth_safe_info =
      content_info(kData, der::element(der::kOctetString, authenticated_safe));
  pfx.insert(pfx.end(), auth_safe_info.begin(), auth_safe_info.end());
  der::append_element(pfx, der::kSequence, mac_data);
  const SecureBuffer whole = der::element(der::kSequence, pfx);
  return Bytes(whole.begin(), whole.end());
}

}  // namespace polycert
