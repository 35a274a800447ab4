// What a PKCS#12 file declares it will cost in key derivations, read before the first one
// (read_pkcs12 in pkcs12.cpp), so that a file over the KDF budget is refused at once.
// Lenient on purpose: what does not parse here is left to the walk, which reports it.
#include <polycert/ber.hpp>
#include <polycert/der.hpp>
#include <polycert/encrypted_key.hpp>
#include <polycert/limits.hpp>

#include "pkcs12_format.hpp"

#include <string>
#include <vector>

namespace polycert::pkcs12_format {

namespace {

std::optional<std::string> oid(der::Reader& reader) {
  auto element = reader.expect(der::kOid, "OID");
  if (!element) return std::nullopt;
  auto text = der::decode_oid(element->content);
  if (!text) return std::nullopt;
  return std::move(*text);
}

// The protection of the first pkcs8ShroudedKeyBag at the top of a data part's SafeContents,
// if it reads: nullopt for anything else (the walk reports what is wrong).
std::optional<KeyEncryption> first_shrouded_key(der::Reader& content) {
  auto octets = content.expect(der::kOctetString, "data OCTET STRING");
  if (!octets) return std::nullopt;
  auto der = ber::to_der(octets->content);
  if (!der) return std::nullopt;
  der::Reader outer(*der);
  auto sequence = outer.expect(der::kSequence, "SafeContents");
  if (!sequence) return std::nullopt;
  der::Reader bags(sequence->content);
  for (std::size_t seen = 0; !bags.empty() && seen < kMaxContainerEntries; ++seen) {
    auto bag = bags.expect(der::kSequence, "SafeBag");
    if (!bag) return std::nullopt;
    der::Reader fields(bag->content);
    auto type = oid(fields);
    if (!type || *type != kShroudedKeyBag) continue;
    auto wrapper = fields.expect(der::context_constructed(0), "SafeBag bagValue");
    if (!wrapper) return std::nullopt;
    auto encryption = inspect_encrypted_private_key(wrapper->content);
    if (!encryption) return std::nullopt;
    return std::move(*encryption);
  }
  return std::nullopt;
}

}  // namespace

// Each count against the cap, the sum against the input's budget, so that a file asking
// for too much is refused at once, not after seconds of work. What the retries of another
// password form and the key bags inside encrypted parts add is charged as it is done.
Result<void> check_pfx_kdf_work(std::optional<std::uint32_t> mac_iterations,
                                ByteView authsafe_octets) {
  std::uint64_t total = 0;
  if (mac_iterations) {
    if (auto under_cap = check_kdf_iterations(*mac_iterations); !under_cap)
      return std::unexpected(with_context(under_cap.error(), "PKCS#12 MAC"));
    total += *mac_iterations;
  }
  std::size_t encrypted_parts = 0;
  bool key_counted = false;
  if (auto der = ber::to_der(authsafe_octets)) {
    der::Reader outer(*der);
    auto sequence = outer.expect(der::kSequence, "AuthenticatedSafe");
    der::Reader infos(sequence ? sequence->content : ByteView{});
    for (std::size_t parts = 0; parts < kMaxPkcs12Parts && !infos.empty(); ++parts) {
      auto info = infos.expect(der::kSequence, "AuthenticatedSafe ContentInfo");
      if (!info) break;
      der::Reader fields(info->content);
      auto type = oid(fields);
      auto wrapper = fields.expect(der::context_constructed(0), "ContentInfo content");
      if (!type || !wrapper) continue;
      der::Reader content(wrapper->content);
      if (*type == kData && !key_counted) {
        // OpenSSL's shape: the shrouded key in plain view; only the first key is decrypted.
        if (auto key = first_shrouded_key(content)) {
          if (auto under_cap = check_kdf_iterations(key->iterations); !under_cap)
            return std::unexpected(with_context(under_cap.error(), "PKCS#12 private key"));
          total += kdf_iterations(*key);
          key_counted = true;
        }
        continue;
      }
      if (*type != kEncryptedData) continue;
      auto part = read_encrypted_data(content);
      if (!part) continue;
      const std::string what = "PKCS#12 encrypted part " + std::to_string(parts + 1);
      if (auto under_cap = check_kdf_iterations(part->encryption.iterations); !under_cap)
        return std::unexpected(with_context(under_cap.error(), what));
      total += kdf_iterations(part->encryption);
      ++encrypted_parts;
    }
  }
  std::vector<std::string> items;
  if (mac_iterations) items.push_back("the MAC");
  if (encrypted_parts != 0)
    items.push_back(std::to_string(encrypted_parts) + " encrypted part" + (encrypted_parts == 1 ? "" : "s"));
  if (key_counted) items.push_back("the private key");
  std::string what = "PKCS#12: the file's key derivations (";
  for (std::size_t i = 0; i < items.size(); ++i)
    what += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return check_kdf_budget(total, what + ")");
}

}  // namespace polycert::pkcs12_format
