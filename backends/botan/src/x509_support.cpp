// Shared pieces of reading CSRs and certificates with Botan 2 (see x509_support.hpp).
#include "x509_support.hpp"
#include "errors.hpp"
#include "keys.hpp"

#include <polycert/key_encoding.hpp>
#include <polycert/key_structure.hpp>

#include <botan/build.h>

#if !defined(BOTAN_HAS_X509_CERTIFICATES) || !defined(BOTAN_HAS_EMSA_PKCS1) ||              \
    !defined(BOTAN_HAS_EMSA1) || !defined(BOTAN_HAS_SHA1) || !defined(BOTAN_HAS_SHA2_32) || \
    !defined(BOTAN_HAS_SHA2_64)
#error \
    "polycert's Botan backend needs Botan 2 built with the x509, emsa_pkcs1, emsa1, sha1 and sha2 modules"
#endif

#include <botan/hash.h>
#include <botan/pubkey.h>
#include <botan/x509_ext.h>
#include <botan/x509_obj.h>

#include <algorithm>
#include <string>

namespace polycert::botan_backend {

namespace {

// polycert's keyUsage bit n (RFC 5280 numbering) is Botan's Key_Constraints bit 15 - n.
std::uint16_t key_usage_bits(Botan::Key_Constraints constraints) {
  std::uint16_t bits = 0;
  for (unsigned n = 0; n < 9; ++n)
    if (static_cast<unsigned>(constraints) & (1u << (15 - n)))
      bits = std::uint16_t(bits | (1u << n));
  return bits;
}

bool has_extension(const std::vector<Extension>& raw, std::string_view oid) {
  return std::ranges::any_of(raw, [&](const Extension& e) { return e.oid == oid; });
}

// Botan quietly keeps a known extension it cannot decode as an Unknown_Extension, for
// which get_extension_object_as() answers null: that is malformed input, not absence.
Error undecodable(std::string_view what, std::string_view oid) {
  return Error{ErrorCode::invalid_input,
               std::string(what) + ": Botan cannot decode extension " + std::string(oid)};
}

}  // namespace

std::vector<Extension> raw_extensions(const Botan::Extensions& extensions) {
  const auto raw = extensions.extensions_raw();  // keyed by OID: the order comes from below
  std::vector<Extension> out;
  for (const Botan::OID& oid : extensions.get_extension_oids()) {
    const auto found = raw.find(oid);
    if (found == raw.end()) continue;
    out.push_back({oid.to_string(), found->second.second, found->second.first});
  }
  return out;
}

Result<ExtensionSet> typed_extensions(const Botan::Extensions& extensions,
                                      const std::vector<Extension>& raw, std::string_view what) {
  // decode_extensions() also refuses a repeated or malformed known extension, which
  // Botan's readers would let through.
  auto decoded = decode_extensions(raw);
  if (!decoded) return std::unexpected(with_context(decoded.error(), what));
  ExtensionSet set;
  set.subject_alt_names = std::move(decoded->subject_alt_names);

  if (has_extension(raw, oid::kKeyUsage)) {
    const auto* usage = extensions.get_extension_object_as<Botan::Cert_Extension::Key_Usage>();
    if (usage == nullptr) return std::unexpected(undecodable(what, oid::kKeyUsage));
    set.key_usage = key_usage_bits(usage->get_constraints());
  }
  if (has_extension(raw, oid::kExtendedKeyUsage)) {
    const auto* usage =
        extensions.get_extension_object_as<Botan::Cert_Extension::Extended_Key_Usage>();
    if (usage == nullptr) return std::unexpected(undecodable(what, oid::kExtendedKeyUsage));
    for (const Botan::OID& purpose : usage->get_oids())
      set.extended_key_usage.push_back(purpose.to_string());
  }
  if (has_extension(raw, oid::kBasicConstraints)) {
    const auto* constraints =
        extensions.get_extension_object_as<Botan::Cert_Extension::Basic_Constraints>();
    if (constraints == nullptr) return std::unexpected(undecodable(what, oid::kBasicConstraints));
    BasicConstraints bc;
    bc.ca = constraints->get_is_ca();
    // Botan keeps a path length only for a CA (get_path_limit() throws otherwise) and
    // says NO_CERT_PATH_LIMIT when there is none.
    if (bc.ca && constraints->get_path_limit() != Botan::Cert_Extension::NO_CERT_PATH_LIMIT)
      bc.path_length = static_cast<unsigned>(constraints->get_path_limit());
    set.basic_constraints = bc;
  }
  return set;
}

Result<std::unique_ptr<PublicKey>> carried_key(BotanProvider& provider, ByteView spki,
                                               std::string_view what) {
  auto structure = inspect_public_key(spki);
  if (!structure) {
    if (structure.error().code == ErrorCode::unsupported)
      return std::unexpected(provider.missing(
          "read a " + std::string(what) + " carrying " + structure.error().message, kReadableKeys));
    return std::unexpected(with_context(structure.error(), std::string(what) + ": public key"));
  }
  auto key = import_public_key(provider, spki, *structure);
  if (!key) return std::unexpected(with_context(key.error(), what));
  return key;
}

Bytes hash_of(std::string_view hash, ByteView data) {
  auto function = Botan::HashFunction::create_or_throw(std::string(hash));
  function->update(data.data(), data.size());
  return to_bytes(function->final());
}

}  // namespace polycert::botan_backend
