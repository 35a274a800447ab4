// PKCS#12 reading (RFC 7292); writing is pkcs12_write.cpp. The whole file goes through ber::to_der once, and
// every OCTET STRING that holds a structure (the AuthenticatedSafe, each SafeContents,
// each decrypted SafeContents) goes through it again, so everything after that is read
// with the strict DER reader. The MAC is over the authSafe content octets, which BER
// framing does not change.
#include <polycert/ber.hpp>
#include <polycert/der.hpp>
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

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::unexpected<Error> invalid(std::string what) {
  return fail(ErrorCode::invalid_input, "PKCS#12: " + what);
}

// Framing errors from the readers get the format's name; other codes pass unchanged.
Error framed(Error error) {
  if (error.code == ErrorCode::invalid_input && !error.message.starts_with("PKCS#12"))
    error.message = "PKCS#12: " + error.message;
  return error;
}

Result<std::string> read_oid(der::Reader& reader, std::string_view what) {
  auto oid = reader.expect(der::kOid, what);
  if (!oid) return std::unexpected(framed(oid.error()));
  auto text = der::decode_oid(oid->content);
  if (!text) return std::unexpected(framed(text.error()));
  return text;
}

Result<std::uint32_t> read_small_integer(der::Reader& reader, std::string_view what) {
  auto integer = reader.expect(der::kInteger, what);
  if (!integer) return std::unexpected(framed(integer.error()));
  auto value = der::decode_uint32(integer->content, what);
  if (!value) return std::unexpected(framed(value.error()));
  return value;
}


// A nested structure (the octets of an OCTET STRING) as DER.
Result<SecureBuffer> nested_der(ByteView octets, std::string_view what) {
  auto der = ber::to_der(octets);
  if (!der) return std::unexpected(framed(with_context(der.error(), what)));
  return der;
}

// A friendlyName's BMPString to UTF-8, read as UTF-16BE: Windows writes characters beyond
// the BMP as surrogate pairs there, and a lone surrogate becomes U+FFFD rather than losing
// the whole file over a label (names and request attributes, which are signed, are read
// strictly by decode_string_value).
Result<std::string> bmp_to_utf8(ByteView bmp) {
  if (bmp.size() % 2 != 0) return invalid("friendlyName is not a whole BMPString");
  std::string out;
  for (std::size_t i = 0; i < bmp.size(); i += 2) {
    char32_t cp = (char32_t(bmp[i]) << 8) | bmp[i + 1];
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < bmp.size()) {
      const char32_t low = (char32_t(bmp[i + 2]) << 8) | bmp[i + 3];
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      }
    }
    append_utf8(out, cp >= 0xD800 && cp <= 0xDFFF ? char32_t{0xFFFD} : cp);
  }
  return out;
}

bool constant_time_equal(ByteView a, ByteView b) {
  if (a.size() != b.size()) return false;
  std::uint8_t diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= a[i] ^ b[i];
  return diff == 0;
}

// ---- reading --------------------------------------------------------------------------

struct Attributes {
  std::optional<std::string> friendly_name;
  Bytes local_key_id;
};

Result<Attributes> read_attributes(der::Reader& bag) {
  Attributes out;
  if (bag.empty()) return out;
  auto set = bag.expect(der::kSet, "SafeBag attributes");
  if (!set) return std::unexpected(framed(set.error()));
  der::Reader attributes(set->content);
  while (!attributes.empty()) {
    auto attribute = attributes.expect(der::kSequence, "bag attribute");
    if (!attribute) return std::unexpected(framed(attribute.error()));
    der::Reader fields(attribute->content);
    auto oid = read_oid(fields, "bag attribute type");
    if (!oid) return std::unexpected(oid.error());
    auto values = fields.expect(der::kSet, "bag attribute values");
    if (!values) return std::unexpected(framed(values.error()));
    der::Reader value_reader(values->content);
    if (*oid == kFriendlyName) {
      auto value = value_reader.expect(kBmpString, "friendlyName BMPString");
      if (!value) return std::unexpected(framed(value.error()));
      auto name = bmp_to_utf8(value->content);
      if (!name) return std::unexpected(name.error());
      out.friendly_name = std::move(*name);
    } else if (*oid == kLocalKeyId) {
      auto value = value_reader.expect(der::kOctetString, "localKeyId OCTET STRING");
      if (!value) return std::unexpected(framed(value.error()));
      out.local_key_id.assign(value->content.begin(), value->content.end());
    }
  }
  if (!bag.empty()) return invalid("unexpected data after the SafeBag attributes");
  return out;
}

Result<EncryptedContent> encrypted_data_of(der::Reader& content) {
  auto encrypted_data = content.expect(der::kSequence, "EncryptedData");
  if (!encrypted_data) return std::unexpected(framed(encrypted_data.error()));
  der::Reader data_fields(encrypted_data->content);
  if (auto version = read_small_integer(data_fields, "EncryptedData version"); !version)
    return std::unexpected(version.error());
  auto content_info = data_fields.expect(der::kSequence, "EncryptedContentInfo");
  if (!content_info) return std::unexpected(framed(content_info.error()));
  der::Reader eci(content_info->content);
  auto inner_type = read_oid(eci, "EncryptedContentInfo contentType");
  if (!inner_type) return std::unexpected(inner_type.error());
  if (*inner_type != kData)
    return invalid("encrypted content of type " + *inner_type + ", not data");
  auto algorithm = eci.expect(der::kSequence, "contentEncryptionAlgorithm");
  if (!algorithm) return std::unexpected(framed(algorithm.error()));
  auto encryption = read_pbe_algorithm(algorithm->whole, "PKCS#12 encrypted content");
  if (!encryption) return std::unexpected(encryption.error());
  // [0] IMPLICIT OCTET STRING: primitive from OpenSSL, constructed pieces from Windows.
  if (eci.peek_tag() != kImplicitContent && eci.peek_tag() != der::context_constructed(0))
    return invalid("EncryptedContentInfo without its encryptedContent");
  auto encrypted = eci.next();
  if (!encrypted) return std::unexpected(framed(encrypted.error()));
  auto ciphertext = ber::string_content(
      ber::Element{encrypted->tag, false, encrypted->content, encrypted->whole});
  if (!ciphertext) return std::unexpected(framed(ciphertext.error()));
  if (!eci.empty()) return invalid("unexpected data after encryptedContent");
  return EncryptedContent{std::move(*encryption), std::move(*ciphertext)};
}

class Walker {
 public:
  Walker(Provider& provider, const PbePassword& password)
      : provider_(provider), password_(password) {}

  Result<void> authenticated_safe(ByteView octets);

  Pkcs12Contents contents;
  std::vector<std::string> warnings;

 private:
  Result<void> content_info(const der::Element& info);
  Result<void> safe_contents(ByteView der, unsigned depth);
  Result<void> safe_bag(const der::Element& bag, unsigned depth);
  Error cipher_error(Error error, const KeyEncryption& encryption, std::string_view part) const;

  Provider& provider_;
  PbePassword password_;  // views into read_pkcs12's locals
  std::size_t keys_seen_ = 0;
  std::size_t certificates_seen_ = 0;
  std::size_t bags_seen_ = 0;
};

std::string scheme_name(const KeyEncryption& encryption) {
  if (encryption.scheme == KeyEncryption::Scheme::pkcs12_pbe &&
      encryption.cipher == Cipher::rc2_40_cbc)
    return "pbeWithSHAAnd40BitRC2-CBC (RC2-40)";
  if (encryption.scheme == KeyEncryption::Scheme::pkcs12_pbe)
    return "pbeWithSHAAnd3-KeyTripleDES-CBC (3DES)";
  return describe(encryption);
}

Error Walker::cipher_error(Error error, const KeyEncryption& encryption,
                           std::string_view part) const {
  if (error.code == ErrorCode::bad_password) {
    error.message = "wrong password: the " + std::string(part) + " do not decrypt";
    return error;
  }
  if (error.code != ErrorCode::unsupported) return error;
  error.message = "PKCS#12: the " + std::string(part) + " are encrypted with " +
                  scheme_name(encryption) + ": " + error.message;
  error.remedy = Remedy::other_backend;
  error.subject = std::string(to_string(encryption.cipher));
  return error;
}

Result<void> Walker::authenticated_safe(ByteView octets) {
  auto der = nested_der(octets, "AuthenticatedSafe");
  if (!der) return std::unexpected(der.error());
  der::Reader outer(*der);
  auto sequence = outer.expect(der::kSequence, "AuthenticatedSafe");
  if (!sequence) return std::unexpected(framed(sequence.error()));
  der::Reader infos(sequence->content);
  for (std::size_t parts = 0; !infos.empty(); ++parts) {
    // Before any decryption: each encrypted part costs a key derivation.
    if (parts == kMaxPkcs12Parts)
      return invalid("the AuthenticatedSafe has more than " + std::to_string(kMaxPkcs12Parts) +
                     " parts (polycert's limit)");
    auto info = infos.expect(der::kSequence, "AuthenticatedSafe ContentInfo");
    if (!info) return std::unexpected(framed(info.error()));
    if (auto read = content_info(*info); !read) return read;
  }
  return {};
}

Result<void> Walker::content_info(const der::Element& info) {
  der::Reader fields(info.content);
  auto type = read_oid(fields, "ContentInfo contentType");
  if (!type) return std::unexpected(type.error());
  auto wrapper = fields.expect(der::context_constructed(0), "ContentInfo content");
  if (!wrapper) return std::unexpected(framed(wrapper.error()));
  if (!fields.empty()) return invalid("unexpected data after a ContentInfo");
  der::Reader content(wrapper->content);

  if (*type == kData) {
    auto octets = content.expect(der::kOctetString, "data OCTET STRING");
    if (!octets) return std::unexpected(framed(octets.error()));
    auto der = nested_der(octets->content, "SafeContents");
    if (!der) return std::unexpected(der.error());
    const std::size_t certificates_before = certificates_seen_;
    if (auto read = safe_contents(*der, 0); !read) return read;
    if (certificates_seen_ != certificates_before)
      contents.protections.push_back({"certificates", std::nullopt, "none"});
    return {};
  }
  if (*type == kEnvelopedData)
    return fail(ErrorCode::unsupported,
                "PKCS#12: public-key encrypted content (envelopedData) is not supported; "
                "polycert reads password-protected files");
  if (*type != kEncryptedData)
    return invalid("unexpected ContentInfo type " + *type + " in the AuthenticatedSafe");

  auto part = encrypted_data_of(content);
  if (!part) return std::unexpected(part.error());
  const KeyEncryption& encryption = part->encryption;
  auto plain = pbe_decrypt(provider_, encryption, part->ciphertext, password_);
  if (!plain) return std::unexpected(cipher_error(plain.error(), encryption, "certificates"));
  auto der = ber::to_der(*plain);
  if (!der || (*der)[0] != der::kSequence)  // padding passed by chance: about 1 in 256
    return fail(ErrorCode::bad_password,
                "wrong password: the decrypted content is not SafeContents");
  contents.protections.push_back({"certificates", encryption, describe(encryption)});
  return safe_contents(*der, 0);
}

Result<void> Walker::safe_contents(ByteView der, unsigned depth) {
  if (depth > kMaxBagNesting) return invalid("safeContentsBag nesting too deep");
  der::Reader outer(der);
  auto sequence = outer.expect(der::kSequence, "SafeContents");
  if (!sequence) return std::unexpected(framed(sequence.error()));
  if (!outer.empty()) return invalid("unexpected data after SafeContents");
  der::Reader bags(sequence->content);
  while (!bags.empty()) {
    if (++bags_seen_ > kMaxContainerEntries)
      return invalid("more than " + std::to_string(kMaxContainerEntries) +
                     " safe bags (polycert's limit)");
    auto bag = bags.expect(der::kSequence, "SafeBag");
    if (!bag) return std::unexpected(framed(bag.error()));
    if (auto read = safe_bag(*bag, depth); !read) return read;
  }
  return {};
}

Result<void> Walker::safe_bag(const der::Element& bag, unsigned depth) {
  der::Reader fields(bag.content);
  auto type = read_oid(fields, "SafeBag bagId");
  if (!type) return std::unexpected(type.error());
  auto wrapper = fields.expect(der::context_constructed(0), "SafeBag bagValue");
  if (!wrapper) return std::unexpected(framed(wrapper.error()));
  auto attributes = read_attributes(fields);
  if (!attributes) return std::unexpected(attributes.error());
  der::Reader value_reader(wrapper->content);
  auto value = value_reader.next();
  if (!value) return std::unexpected(framed(with_context(value.error(), "SafeBag bagValue")));
  if (!value_reader.empty()) return invalid("unexpected data in a SafeBag value");

  if (*type == kKeyBag || *type == kShroudedKeyBag) {
    ++keys_seen_;
    if (contents.key) {
      if (keys_seen_ == 2)
        warnings.push_back("the file holds more than one private key; using the first");
      return {};
    }
    SecureBuffer key;
    if (*type == kKeyBag) {
      const bool is_key = der::check_strict_der(value->whole).has_value() &&
                          detect_private_key_form(value->whole) == PrivateKeyForm::pkcs8;
      if (!is_key) return invalid("a keyBag that is not a PKCS#8 private key");
      key.assign(value->whole.begin(), value->whole.end());
      contents.protections.push_back({"key", std::nullopt, "none"});
    } else {
      auto encryption = inspect_encrypted_private_key(value->whole);
      if (!encryption) return std::unexpected(framed(encryption.error()));
      auto plain = decrypt_private_key(provider_, value->whole, password_);
      if (!plain) {
        Error error = cipher_error(plain.error(), *encryption, "private key");
        if (error.code == ErrorCode::bad_password)
          error.message = "wrong password: the private key does not decrypt";
        return std::unexpected(std::move(error));
      }
      key = std::move(*plain);
      contents.protections.push_back({"key", *encryption, describe(*encryption)});
    }
    contents.key = Pkcs12Key{std::move(key), attributes->friendly_name, attributes->local_key_id};
    return {};
  }
  if (*type == kCertBag) {
    if (value->tag != der::kSequence) return invalid("a certBag that is not a SEQUENCE");
    der::Reader cert_fields(value->content);
    auto cert_type = read_oid(cert_fields, "CertBag certId");
    if (!cert_type) return std::unexpected(cert_type.error());
    if (*cert_type != kX509Certificate) {
      warnings.push_back("skipped a certificate of type " + *cert_type + " (not X.509)");
      return {};
    }
    auto cert_wrapper = cert_fields.expect(der::context_constructed(0), "CertBag certValue");
    if (!cert_wrapper) return std::unexpected(framed(cert_wrapper.error()));
    der::Reader cert_reader(cert_wrapper->content);
    auto octets = cert_reader.expect(der::kOctetString, "certValue OCTET STRING");
    if (!octets) return std::unexpected(framed(octets.error()));
    if (auto strict = der::check_strict_der(octets->content); !strict)
      return std::unexpected(framed(with_context(strict.error(), "certificate")));
    ++certificates_seen_;
    contents.certificates.push_back(
        Pkcs12Certificate{Bytes(octets->content.begin(), octets->content.end()),
                          attributes->friendly_name, attributes->local_key_id, false});
    return {};
  }
  if (*type == kSafeContentsBag) return safe_contents(value->whole, depth + 1);
  if (*type == kCrlBag)
    warnings.push_back("skipped a CRL (crlBag)");
  else if (*type == kSecretBag)
    warnings.push_back("skipped a secretBag");
  else
    warnings.push_back("skipped a SafeBag of unknown type " + *type);
  return {};
}

struct Pfx {
  SecureBuffer der;  // the whole file as DER: views below point into it
  ByteView authsafe_octets;
  bool mac_present = false;
  Hash mac_hash = Hash::sha1;
  ByteView mac;
  ByteView mac_salt;
  std::uint32_t mac_iterations = 1;
};

Result<Pfx> read_pfx(ByteView file) {
  Pfx pfx;
  auto der = ber::to_der(file);
  if (!der) return std::unexpected(framed(der.error()));
  pfx.der = std::move(*der);
  der::Reader top(pfx.der);
  auto sequence = top.expect(der::kSequence, "PFX");
  if (!sequence) return std::unexpected(framed(sequence.error()));
  der::Reader fields(sequence->content);
  auto version = read_small_integer(fields, "PFX version");
  if (!version) return std::unexpected(version.error());
  if (*version != 3) return invalid("version " + std::to_string(*version) + ", expected 3");
  auto auth_safe = fields.expect(der::kSequence, "authSafe ContentInfo");
  if (!auth_safe) return std::unexpected(framed(auth_safe.error()));
  der::Reader info(auth_safe->content);
  auto type = read_oid(info, "authSafe contentType");
  if (!type) return std::unexpected(type.error());
  if (*type == kSignedData)
    return fail(ErrorCode::unsupported,
                "PKCS#12: public-key integrity mode (signedData authSafe) "
                "is not supported; polycert reads password-protected files");
  if (*type != kData) return invalid("authSafe of type " + *type + ", expected data");
  auto wrapper = info.expect(der::context_constructed(0), "authSafe content");
  if (!wrapper) return std::unexpected(framed(wrapper.error()));
  der::Reader wrapped(wrapper->content);
  auto octets = wrapped.expect(der::kOctetString, "authSafe OCTET STRING");
  if (!octets) return std::unexpected(framed(octets.error()));
  pfx.authsafe_octets = octets->content;

  if (fields.empty()) return pfx;
  auto mac_data = fields.expect(der::kSequence, "MacData");
  if (!mac_data) return std::unexpected(framed(mac_data.error()));
  if (!fields.empty()) return invalid("unexpected data after MacData");
  pfx.mac_present = true;
  der::Reader mac_fields(mac_data->content);
  auto digest_info = mac_fields.expect(der::kSequence, "MacData DigestInfo");
  if (!digest_info) return std::unexpected(framed(digest_info.error()));
  der::Reader digest_fields(digest_info->content);
  auto algorithm = digest_fields.expect(der::kSequence, "MAC digest algorithm");
  if (!algorithm) return std::unexpected(framed(algorithm.error()));
  der::Reader algorithm_fields(algorithm->content);
  auto oid = read_oid(algorithm_fields, "MAC digest algorithm");
  if (!oid) return std::unexpected(oid.error());
  if (*oid == kPbmac1)
    return fail(ErrorCode::unsupported, "PKCS#12: the PBMAC1 MAC (RFC 9579) is not supported");
  auto known = std::ranges::find(kDigestOids, *oid, &DigestOid::oid);
  if (known == kDigestOids.end())
    return fail(ErrorCode::unsupported, "PKCS#12: MAC digest " + *oid +
                                            " is not supported; "
                                            "polycert reads HMAC with SHA-1 and SHA-2");
  pfx.mac_hash = known->hash;
  auto digest = digest_fields.expect(der::kOctetString, "MAC value");
  if (!digest) return std::unexpected(framed(digest.error()));
  if (digest->content.size() != digest_size(pfx.mac_hash))
    return invalid("the MAC is " + std::to_string(digest->content.size()) + " bytes, not the " +
                   std::to_string(digest_size(pfx.mac_hash)) + " of HMAC-" +
                   upper(to_string(pfx.mac_hash)));
  pfx.mac = digest->content;
  auto salt = mac_fields.expect(der::kOctetString, "MAC salt");
  if (!salt) return std::unexpected(framed(salt.error()));
  pfx.mac_salt = salt->content;
  if (!mac_fields.empty()) {  // iterations INTEGER DEFAULT 1
    auto iterations = read_small_integer(mac_fields, "MAC iteration count");
    if (!iterations) return std::unexpected(iterations.error());
    if (*iterations == 0) return invalid("zero MAC iterations");
    pfx.mac_iterations = *iterations;
  }
  if (!mac_fields.empty()) return invalid("unexpected data in MacData");
  return pfx;
}

Result<bool> mac_verifies(Provider& provider, const Pfx& pfx, ByteView bmp) {
  auto key = provider.pkcs12_kdf(pfx.mac_hash, bmp, pfx.mac_salt, pfx.mac_iterations,
                                 Pkcs12KeyPurpose::mac, digest_size(pfx.mac_hash));
  if (!key) return std::unexpected(with_context(key.error(), "PKCS#12 MAC"));
  auto mac = provider.hmac(pfx.mac_hash, *key, pfx.authsafe_octets);
  if (!mac) return std::unexpected(mac.error());
  return constant_time_equal(*mac, pfx.mac);
}

}  // namespace

Result<EncryptedContent> pkcs12_format::read_encrypted_data(der::Reader& content) {
  return encrypted_data_of(content);
}

Result<Pkcs12Contents> read_pkcs12(Provider& provider, ByteView file,
                                   std::optional<ByteView> password_utf8,
                                   std::vector<std::string>* warnings) {
  auto pfx = read_pfx(file);
  if (!pfx) return std::unexpected(pfx.error());
  // One input: every derivation below, password retries included, shares one budget.
  KdfInputScope input;
  if (auto fits = check_pfx_kdf_work(
          pfx->mac_present ? std::optional(pfx->mac_iterations) : std::nullopt, pfx->authsafe_octets);
      !fits) return std::unexpected(fits.error());

  // The password forms to try, in order: the BMPString of a given password; for "" and
  // for no password both the empty BMPString (00 00) and no bytes, as OpenSSL does.
  struct Candidate {
    SecureBuffer bmp;
    bool absent;
  };
  std::vector<Candidate> candidates;
  const ByteView utf8 = password_utf8.value_or(ByteView{});
  if (!password_utf8 || password_utf8->empty()) {
    Candidate empty{SecureBuffer{0, 0}, false}, absent{SecureBuffer{}, true};
    if (password_utf8) {
      candidates.push_back(std::move(empty));
      candidates.push_back(std::move(absent));
    } else {
      candidates.push_back(std::move(absent));
      candidates.push_back(std::move(empty));
    }
  } else {
    auto bmp = bmp_password(*password_utf8);
    if (!bmp) return std::unexpected(bmp.error());
    candidates.push_back({std::move(*bmp), false});
  }

  std::vector<std::string> notes;
  if (pfx->mac_present) {
    std::optional<std::size_t> opened;
    for (std::size_t i = 0; i < candidates.size() && !opened; ++i) {
      auto verifies = mac_verifies(provider, *pfx, candidates[i].bmp);
      if (!verifies) return std::unexpected(verifies.error());
      if (*verifies) opened = i;
    }
    if (!opened) {
      if (!password_utf8)
        return fail(ErrorCode::bad_password,
                    "PKCS#12: a password is needed (the MAC does not verify without one)");
      return fail(ErrorCode::bad_password, "wrong password (the MAC does not verify)");
    }
    if (*opened != 0)
      candidates.erase(candidates.begin(), candidates.begin() + std::ptrdiff_t(*opened));
    candidates.resize(1);
  } else {
    notes.push_back("no MAC: integrity not checked");
  }

  for (std::size_t i = 0;; ++i) {
    const Candidate& candidate = candidates[i];
    Walker walker(provider, PbePassword{utf8, candidate.bmp});
    auto walked = walker.authenticated_safe(pfx->authsafe_octets);
    if (!walked) {
      if (walked.error().code == ErrorCode::bad_password && i + 1 < candidates.size()) continue;
      if (walked.error().code == ErrorCode::bad_password && !password_utf8)
        return fail(ErrorCode::bad_password,
                    "PKCS#12: a password is needed (" + walked.error().message + " without one)");
      return std::unexpected(walked.error());
    }
    Pkcs12Contents contents = std::move(walker.contents);
    contents.mac_present = pfx->mac_present;
    if (pfx->mac_present) {
      contents.mac_hash = pfx->mac_hash;
      contents.mac_iterations = pfx->mac_iterations;
      contents.mac_algorithm = "HMAC-" + upper(to_string(pfx->mac_hash)) + " (" +
                               std::to_string(pfx->mac_iterations) + " iterations)";
    }
    contents.absent_password = candidate.absent;
    if (password_utf8 && password_utf8->empty() && candidate.absent)
      notes.push_back("the file was made without a password, not with an empty one; read as such");
    if (!password_utf8 && !candidate.absent)
      notes.push_back("the file was made with an empty password; read with it");
    if (contents.key && !contents.key->local_key_id.empty())
      for (auto& certificate : contents.certificates)
        certificate.matches_key = certificate.local_key_id == contents.key->local_key_id;
    if (!contents.key && contents.certificates.empty())
      notes.push_back("the file holds no certificate and no private key");
    notes.insert(notes.end(), walker.warnings.begin(), walker.warnings.end());
    if (warnings) warnings->insert(warnings->end(), notes.begin(), notes.end());
    return contents;
  }
}

}  // namespace polycert
