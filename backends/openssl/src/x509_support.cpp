// Shared X.509 helpers of the OpenSSL backend (see x509_support.hpp).
//
// Library quirks worked around:
// - X509V3_get_d2i reports "absent", "repeated" and "malformed" through one out-parameter
//   (-1, -2, or a criticality with a null result); all three are told apart here.
// - X509_PUBKEY_get0 fails alike for an algorithm OpenSSL lacks and for a broken key;
//   the algorithm OID is looked at first, so unknown algorithms are named as unsupported.
// - OBJ_obj2txt needs a second call when the OID's text is longer than the buffer.
#include "x509_support.hpp"

#include "errors.hpp"
#include "openssl_provider.hpp"

#include <polycert/key_encoding.hpp>

#include <openssl/evp.h>
#include <openssl/objects.h>

#include <climits>
#include <ctime>

namespace polycert::openssl_backend {

namespace {

constexpr std::string_view kHeldKeys =
    "polycert holds RSA, EC (P-256, P-384, P-521) and Ed25519 keys";

// "ED448 (1.3.101.113)", or just the dotted OID when OpenSSL has no name for it.
std::string describe_object(const ASN1_OBJECT* object) {
  const std::string dotted = object_text(object);
  const int nid = OBJ_obj2nid(object);
  const char* name = nid != NID_undef ? OBJ_nid2sn(nid) : nullptr;
  return name != nullptr ? std::string(name) + " (" + dotted + ")" : dotted;
}

std::string ia5_text(const ASN1_STRING* text) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)),
                     static_cast<std::size_t>(ASN1_STRING_length(text)));
}

Result<std::vector<GeneralName>> read_alt_names(const GENERAL_NAMES* names, std::string_view what) {
  std::vector<GeneralName> out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    int type = -1;
    const auto* value = static_cast<const ASN1_STRING*>(
        GENERAL_NAME_get0_value(sk_GENERAL_NAME_value(names, i), &type));
    switch (type) {
      case GEN_DNS:
        out.push_back({GeneralName::Kind::dns, ia5_text(value)});
        break;
      case GEN_EMAIL:
        out.push_back({GeneralName::Kind::email, ia5_text(value)});
        break;
      case GEN_URI:
        out.push_back({GeneralName::Kind::uri, ia5_text(value)});
        break;
      case GEN_IPADD: {
        // Text form only: core's formatter, so every backend prints addresses alike.
        auto ip = ip_address_text(ByteView(ASN1_STRING_get0_data(value),
                                           static_cast<std::size_t>(ASN1_STRING_length(value))));
        if (!ip)
          return std::unexpected(with_context(ip.error(), std::string(what) + ": subjectAltName"));
        out.push_back({GeneralName::Kind::ip, std::move(*ip)});
        break;
      }
      default: {
        // otherName, directoryName, x400Address, ediPartyName, registeredID: core reads
        // the element as OpenSSL encodes it, so every backend shows these forms alike.
        unsigned char* der = nullptr;
        const int length = i2d_GENERAL_NAME(sk_GENERAL_NAME_value(names, i), &der);
        const OpensslBytes owned(der);
        if (length <= 0)
          return std::unexpected(openssl_error(ErrorCode::invalid_input,
                                               std::string(what) + ": subjectAltName entry"));
        auto name = decode_general_name(ByteView(der, static_cast<std::size_t>(length)));
        if (!name)
          return std::unexpected(with_context(name.error(), std::string(what) + ": subjectAltName"));
        out.push_back(std::move(*name));
        break;
      }
    }
  }
  return out;
}

}  // namespace

std::string object_text(const ASN1_OBJECT* object) {
  char buffer[128];
  const int length = OBJ_obj2txt(buffer, sizeof buffer, object, 1);
  if (length <= 0) return {};
  if (static_cast<std::size_t>(length) < sizeof buffer)
    return std::string(buffer, static_cast<std::size_t>(length));
  std::string text(static_cast<std::size_t>(length) + 1, '\0');
  OBJ_obj2txt(text.data(), length + 1, object, 1);
  text.resize(static_cast<std::size_t>(length));
  return text;
}

Result<X509NamePtr> name_from_der(ByteView der) {
  const unsigned char* cursor = der.data();
  X509NamePtr name(d2i_X509_NAME(nullptr, &cursor, static_cast<long>(der.size())));
  if (!name)
    return std::unexpected(openssl_error(ErrorCode::internal, "OpenSSL cannot read a Name"));
  if (cursor != der.data() + der.size())
    return fail(ErrorCode::internal, "OpenSSL read only part of a Name");
  return name;
}

Result<Bytes> name_to_der(const X509_NAME* name) {
  return encode_with(i2d_X509_NAME, name, "Name");
}

Result<X509ExtensionPtr> make_extension(const Extension& extension) {
  Asn1ObjectPtr object(OBJ_txt2obj(extension.oid.c_str(), 1));
  Asn1OctetStringPtr value(ASN1_OCTET_STRING_new());
  if (!object || !value ||
      ASN1_OCTET_STRING_set(value.get(), extension.value.data(),
                            static_cast<int>(extension.value.size())) != 1)
    return std::unexpected(
        openssl_error(ErrorCode::internal, "cannot prepare extension " + extension.oid));
  // Criticality FALSE is left out of the encoding (DER DEFAULT), as polycert writes it.
  X509ExtensionPtr made(
      X509_EXTENSION_create_by_OBJ(nullptr, object.get(), extension.critical ? 1 : 0, value.get()));
  if (!made)
    return std::unexpected(
        openssl_error(ErrorCode::internal, "cannot make extension " + extension.oid));
  return made;
}

Result<X509ExtensionPtr> make_extension(int nid, void* value) {
  X509ExtensionPtr made(X509V3_EXT_i2d(nid, 0, value));
  if (!made)
    return std::unexpected(openssl_error(ErrorCode::internal,
                                         std::string("cannot make extension ") + OBJ_nid2sn(nid)));
  return made;
}

std::vector<Extension> raw_extensions(const STACK_OF(X509_EXTENSION) * extensions) {
  std::vector<Extension> out;
  for (int i = 0; i < sk_X509_EXTENSION_num(extensions); ++i) {
    // OpenSSL 3.0's X509_EXTENSION_get_object/get_data take non-const pointers but only read.
    auto* extension = const_cast<X509_EXTENSION*>(sk_X509_EXTENSION_value(extensions, i));
    const ASN1_OCTET_STRING* value = X509_EXTENSION_get_data(extension);
    const unsigned char* data = ASN1_STRING_get0_data(value);
    out.push_back({object_text(X509_EXTENSION_get_object(extension)),
                   X509_EXTENSION_get_critical(extension) > 0,
                   Bytes(data, data + ASN1_STRING_length(value))});
  }
  return out;
}

Result<ExtensionSet> typed_extensions(const STACK_OF(X509_EXTENSION) * extensions,
                                      std::string_view what) {
  ExtensionSet set;
  auto names =
      read_extension<GeneralNamesPtr>(extensions, NID_subject_alt_name, "subjectAltName", what);
  if (!names) return std::unexpected(names.error());
  if (*names) {
    auto read = read_alt_names(names->get(), what);
    if (!read) return std::unexpected(read.error());
    set.subject_alt_names = std::move(*read);
  }

  auto usage = read_extension<Asn1BitStringPtr>(extensions, NID_key_usage, "keyUsage", what);
  if (!usage) return std::unexpected(usage.error());
  if (*usage) {
    std::uint16_t bits = 0;
    for (int bit = 0; bit < 9; ++bit)
      if (ASN1_BIT_STRING_get_bit(usage->get(), bit))
        bits = static_cast<std::uint16_t>(bits | (1u << bit));
    set.key_usage = bits;
  }

  auto extended =
      read_extension<ExtendedKeyUsagePtr>(extensions, NID_ext_key_usage, "extendedKeyUsage", what);
  if (!extended) return std::unexpected(extended.error());
  if (*extended)
    for (int i = 0; i < sk_ASN1_OBJECT_num(extended->get()); ++i)
      set.extended_key_usage.push_back(object_text(sk_ASN1_OBJECT_value(extended->get(), i)));

  auto basic = read_extension<BasicConstraintsPtr>(extensions, NID_basic_constraints,
                                                   "basicConstraints", what);
  if (!basic) return std::unexpected(basic.error());
  if (*basic) {
    BasicConstraints constraints;
    constraints.ca = (*basic)->ca != 0;
    if ((*basic)->pathlen != nullptr) {
      std::uint64_t length = 0;
      if (ASN1_INTEGER_get_uint64(&length, (*basic)->pathlen) != 1 || length > UINT_MAX)
        return std::unexpected(openssl_error(
            ErrorCode::invalid_input,
            std::string(what) + ": basicConstraints pathLenConstraint is negative or too large"));
      constraints.path_length = static_cast<unsigned>(length);
    }
    set.basic_constraints = constraints;
  }
  return set;
}

Result<CarriedKey> carried_key(const OpenSslProvider& provider, X509_PUBKEY* pubkey,
                               std::string_view action, std::string_view what) {
  ASN1_OBJECT* algorithm = nullptr;
  X509_ALGOR* parameters = nullptr;
  if (pubkey == nullptr ||
      X509_PUBKEY_get0_param(&algorithm, nullptr, nullptr, &parameters, pubkey) != 1)
    return std::unexpected(
        openssl_error(ErrorCode::invalid_input, std::string(what) + ": no public key"));

  KeyAlgorithm held{};
  switch (OBJ_obj2nid(algorithm)) {
    case NID_rsaEncryption:
      held = KeyAlgorithm::rsa;
      break;
    case NID_X9_62_id_ecPublicKey:
      held = KeyAlgorithm::ec;
      break;
    case NID_ED25519:
      held = KeyAlgorithm::ed25519;
      break;
    default:
      return std::unexpected(provider.unsupported_error(
          action,
          "key algorithm " + describe_object(algorithm) + " (" + std::string(kHeldKeys) + ")"));
  }
  if (held == KeyAlgorithm::ec) {
    int type = V_ASN1_UNDEF;
    const void* value = nullptr;
    X509_ALGOR_get0(nullptr, &type, &value, parameters);
    if (type != V_ASN1_OBJECT)
      return std::unexpected(provider.unsupported_error(
          action, "EC key without a named curve (" + std::string(kHeldKeys) + ")"));
    const auto* curve = static_cast<const ASN1_OBJECT*>(value);
    if (curve_from_oid(object_text(curve)) == Curve::none)
      return std::unexpected(provider.unsupported_error(
          action, "EC curve " + describe_object(curve) + " (" + std::string(kHeldKeys) + ")"));
  }
  if (auto why = provider.missing(held); !why.empty())
    return std::unexpected(provider.unsupported_error(action, why));

  CarriedKey key;
  auto spki =
      encode_with(i2d_X509_PUBKEY, static_cast<const X509_PUBKEY*>(pubkey), "SubjectPublicKeyInfo");
  if (!spki) return std::unexpected(spki.error());
  key.spki = std::move(*spki);
  key.pkey = X509_PUBKEY_get0(pubkey);
  if (key.pkey == nullptr)
    return std::unexpected(openssl_error(ErrorCode::invalid_input,
                                         std::string(what) + ": cannot read its public key"));
  auto spec = held_spec(key.pkey);
  if (!spec) return std::unexpected(provider.unsupported_error(action, spec.error()));
  key.spec = *spec;
  return key;
}

Result<MdCtxPtr> signing_context(const OpenSslPrivateKey& key, Digest digest) {
  const char* md = nullptr;  // Ed25519 signs the message itself
  if (key.spec().algorithm != KeyAlgorithm::ed25519) {
    switch (digest) {
      case Digest::sha256:
        md = "SHA256";
        break;
      case Digest::sha384:
        md = "SHA384";
        break;
      case Digest::sha512:
        md = "SHA512";
        break;
    }
  }
  MdCtxPtr context(EVP_MD_CTX_new());
  // RSA keys sign with PKCS#1 v1.5 padding by default (not PSS).
  if (!context || EVP_DigestSignInit_ex(context.get(), nullptr, md, nullptr, nullptr, key.native(),
                                        nullptr) != 1)
    return std::unexpected(openssl_error(
        ErrorCode::internal, "cannot set up signing with a " + to_string(key.spec()) + " key"));
  return context;
}

Result<void> check_signature_algorithm(const X509_ALGOR* algorithm, KeyAlgorithm key,
                                       Digest digest) {
  const ASN1_OBJECT* object = nullptr;
  int type = V_ASN1_UNDEF;
  X509_ALGOR_get0(&object, &type, nullptr, algorithm);
  const std::string_view expected = signature_algorithm_oid(key, digest);
  const int expected_type = key == KeyAlgorithm::rsa ? V_ASN1_NULL : V_ASN1_UNDEF;
  if (object == nullptr || object_text(object) != expected || type != expected_type)
    return fail(ErrorCode::internal,
                "OpenSSL signed with " + (object ? object_text(object) : std::string("nothing")) +
                    ", not " + std::string(expected) + " as polycert writes it");
  return {};
}

Result<Bytes> digest_of(const char* name, ByteView data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  std::size_t length = 0;
  if (EVP_Q_digest(nullptr, name, nullptr, data.data(), data.size(), md, &length) != 1)
    return std::unexpected(
        openssl_error(ErrorCode::internal, std::string("cannot compute ") + name));
  return Bytes(md, md + length);
}

Result<Bytes> key_identifier(ByteView spki) {
  auto bits = spki_public_key_bits(spki);
  if (!bits) return std::unexpected(bits.error());
  if (bits->empty()) return fail(ErrorCode::invalid_input, "public key: empty BIT STRING");
  return digest_of("SHA1", bits->subspan(1));  // skip the unused-bits octet
}

Result<std::int64_t> epoch_seconds(const ASN1_TIME* time, std::string_view what) {
  std::tm utc{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &utc) != 1)
    return std::unexpected(
        openssl_error(ErrorCode::invalid_input, std::string(what) + " is not a valid time"));
  // timegm reads the fields as UTC; mktime would apply the local zone.
  return static_cast<std::int64_t>(::timegm(&utc));
}

}  // namespace polycert::openssl_backend
