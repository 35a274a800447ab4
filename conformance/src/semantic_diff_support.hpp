// What the semantic diff's files share (semantic_diff.cpp for names, requests and
// certificates, semantic_diff_private_keys.cpp for private keys): how values print, and the
// collector that stamps each Difference with its two sources. Internal to conformance/src.
#pragma once

#include <polycert/conformance/outcome.hpp>
#include <polycert/der.hpp>
#include <polycert/key_encoding.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/x509.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polycert::conformance::diff_support {

// Byte strings up to this size print as hex (serials, key identifiers, fingerprints);
// longer ones as "(n bytes)".
constexpr std::size_t kShortBytes = 32;

inline std::string plural(std::size_t n, std::string_view unit) {
  return std::to_string(n) + " " + std::string(unit) + (n == 1 ? "" : "s");
}

inline std::string bytes_text(ByteView bytes) {
  if (bytes.empty()) return "(empty)";
  if (bytes.size() <= kShortBytes) return hex_with_colons(bytes);
  return "(" + plural(bytes.size(), "byte") + ")";
}

inline bool same_bytes(ByteView a, ByteView b) { return std::ranges::equal(a, b); }

// An INTEGER's or an octet string's value without leading zero octets.
inline ByteView without_leading_zeros(ByteView bytes) {
  std::size_t i = 0;
  while (i < bytes.size() && bytes[i] == 0) ++i;
  return bytes.subspan(i);
}

// Collects differences, stamping each with the two sources.
class Differences {
 public:
  Differences(const std::string& left_source, const std::string& right_source)
      : left_source_(left_source), right_source_(right_source) {}

  void add(std::string field, std::string left, std::string right, bool matters, std::string why,
           bool capability_gap = false) {
    list_.push_back(Difference{std::move(field), left_source_, right_source_, std::move(left),
                               std::move(right), matters, std::move(why), capability_gap});
  }
  void append(std::vector<Difference> more) {
    for (auto& difference : more) list_.push_back(std::move(difference));
  }
  std::size_t size() const { return list_.size(); }
  std::vector<Difference> take() { return std::move(list_); }

 private:
  const std::string& left_source_;
  const std::string& right_source_;
  std::vector<Difference> list_;
};

inline std::string key_algorithm_name(std::string_view oid) {
  if (oid == oid::kRsaEncryption) return "rsaEncryption";
  if (oid == oid::kEcPublicKey) return "id-ecPublicKey";
  if (oid == oid::kEd25519) return "Ed25519";
  if (oid == "1.2.840.113549.1.1.10") return "RSASSA-PSS";
  if (oid == "1.3.101.110") return "X25519";
  if (oid == "1.3.101.111") return "X448";
  if (oid == "1.3.101.113") return "Ed448";
  return std::string(oid);
}

// "NULL", "absent", "namedCurve P-256", "explicit curve parameters (n bytes)".
inline std::string parameters_text(const std::optional<ByteView>& parameters) {
  if (!parameters) return "absent";
  der::Reader reader(*parameters);
  auto element = reader.next();
  if (!element) return bytes_text(*parameters);
  if (element->tag == der::kNull && element->content.empty()) return "NULL";
  if (element->tag == der::kOid) {
    auto dotted = der::decode_oid(element->content);
    if (!dotted) return bytes_text(*parameters);
    const Curve curve = curve_from_oid(*dotted);
    return "namedCurve " +
           (curve == Curve::none ? *dotted : std::string(to_string(curve)) + " (" + *dotted + ")");
  }
  if (element->tag == der::kSequence)
    return "explicit curve parameters (" + plural(parameters->size(), "byte") + ")";
  return bytes_text(*parameters);
}

inline bool same_parameters(const std::optional<ByteView>& a, const std::optional<ByteView>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || same_bytes(*a, *b);
}

}  // namespace polycert::conformance::diff_support
