// The semantic diff of two readings of one distinguished name (see semantic_diff.cpp): RDN
// by RDN, attribute by attribute, in the left name's order.
#include <polycert/conformance/semantic_diff.hpp>

#include "semantic_diff_support.hpp"

#include <polycert/name.hpp>

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

namespace polycert::conformance {

using namespace diff_support;

namespace {

// ---------------------------------------------------------------- names

using AttributeKey = std::pair<std::string, std::string>;  // OID, value

// An RDN by meaning: its members' types and values as a set, whatever their string types.
std::vector<AttributeKey> rdn_meaning(const Rdn& rdn) {
  std::vector<AttributeKey> keys;
  for (const auto& attribute : rdn.attributes) keys.emplace_back(attribute.oid, attribute.value);
  std::ranges::sort(keys);
  return keys;
}

std::string rdn_text(const Rdn& rdn) { return format_rfc4514(DistinguishedName{{rdn}}); }

// "CN+O" for a multi-valued RDN, "O" for a single one.
std::string rdn_types(const Rdn& rdn) {
  std::string out;
  for (const auto& attribute : rdn.attributes) {
    if (!out.empty()) out += '+';
    out += attribute_name(attribute.oid);
  }
  return out;
}

// "RDN 3", or "RDN 3 (right: 4)" when the same RDN sits elsewhere on the right.
std::string rdn_label(std::size_t left_index, std::size_t right_index) {
  std::string label = "RDN " + std::to_string(left_index + 1);
  if (left_index != right_index) label += " (right: " + std::to_string(right_index + 1) + ")";
  return label;
}

// Several RDNs as a name fragment, in RFC 4514 order.
std::string rdns_text(const DistinguishedName& name, const std::vector<std::size_t>& indices) {
  DistinguishedName part;
  for (std::size_t i : indices) part.rdns.push_back(name.rdns[i]);
  return format_rfc4514(part) + " (" + plural(indices.size(), "RDN") + ")";
}

constexpr std::string_view kNameWhy =
    "RFC 5280 matches names RDN by RDN in order, so verifiers and issuer/subject chaining see "
    "two different names";

// String types and member order of two RDNs that mean the same.
void diff_same_rdn(Differences& out, const std::string& field, std::size_t li, const Rdn& left,
                   std::size_t ri, const Rdn& right) {
  std::vector<bool> used(right.attributes.size(), false);
  for (const auto& attribute : left.attributes) {
    for (std::size_t j = 0; j < right.attributes.size(); ++j) {
      const NameAttribute& other = right.attributes[j];
      if (used[j] || other.oid != attribute.oid || other.value != attribute.value) continue;
      used[j] = true;
      if (other.type != attribute.type)
        out.add(field + ": " + rdn_label(li, ri) + " (" + attribute_name(attribute.oid) +
                    ") string type",
                std::string(to_string(attribute.type)), std::string(to_string(other.type)), false,
                "RFC 5280 7.1 compares names after string preparation whatever the string type, "
                "so conforming verifiers match them, but byte-comparing verifiers and chaining to "
                "an issuer encoded the other way can fail");
      break;
    }
  }
  auto order = [](const Rdn& rdn) {
    std::vector<AttributeKey> keys;
    for (const auto& a : rdn.attributes) keys.emplace_back(a.oid, a.value);
    return keys;
  };
  if (order(left) != order(right))
    out.add(field + ": " + rdn_label(li, ri) + " member order", rdn_text(left), rdn_text(right),
            false,
            "a multi-valued RDN is a SET, compared as a set by RFC 5280 verifiers; DER sorts its "
            "members, so one side is not DER and byte comparisons see another name");
}

// Two RDNs at the same position that mean different things.
void diff_other_rdn(Differences& out, const std::string& field, std::size_t index, const Rdn& left,
                    const Rdn& right) {
  const std::string label = field + ": " + rdn_label(index, index);
  if (left.attributes.size() == 1 && right.attributes.size() == 1) {
    const NameAttribute& l = left.attributes.front();
    const NameAttribute& r = right.attributes.front();
    if (l.oid == r.oid) {
      out.add(label + " (" + attribute_name(l.oid) + ") value", l.value, r.value, true,
              "a different attribute value is a different name to every verifier");
      return;
    }
    out.add(label + " attribute type", rdn_text(left), rdn_text(right), true,
            "a different attribute type is a different name to every verifier");
    return;
  }
  out.add(label, rdn_text(left), rdn_text(right), true,
          "the RDNs differ in their members, so the names differ to every verifier");
}

}  // namespace

std::vector<Difference> diff_names(const std::string& field, const DistinguishedName& left,
                                   const DistinguishedName& right, const std::string& left_source,
                                   const std::string& right_source) {
  Differences out(left_source, right_source);
  if (left == right) return out.take();
  const auto& l = left.rdns;
  const auto& r = right.rdns;

  // Match RDNs by meaning: first where they stand, then anywhere.
  std::vector<std::optional<std::size_t>> match(l.size());
  std::vector<bool> right_used(r.size(), false);
  for (std::size_t i = 0; i < std::min(l.size(), r.size()); ++i)
    if (rdn_meaning(l[i]) == rdn_meaning(r[i])) {
      match[i] = i;
      right_used[i] = true;
    }
  for (std::size_t i = 0; i < l.size(); ++i) {
    if (match[i]) continue;
    const auto meaning = rdn_meaning(l[i]);
    for (std::size_t j = 0; j < r.size(); ++j)
      if (!right_used[j] && rdn_meaning(r[j]) == meaning) {
        match[i] = j;
        right_used[j] = true;
        break;
      }
  }

  // The same RDNs in another order.
  std::vector<std::size_t> matched_order;
  for (const auto& m : match)
    if (m) matched_order.push_back(*m);
  if (!std::ranges::is_sorted(matched_order))
    out.add(field + ": RDN order", format_rfc4514(left), format_rfc4514(right), true,
            std::string(kNameWhy));

  std::vector<std::size_t> left_unmatched, right_unmatched;
  for (std::size_t i = 0; i < l.size(); ++i)
    if (!match[i]) left_unmatched.push_back(i);
  for (std::size_t j = 0; j < r.size(); ++j)
    if (!right_used[j]) right_unmatched.push_back(j);

  // The same attributes grouped into RDNs differently: a multi-valued RDN split or merged.
  if (!left_unmatched.empty() && !right_unmatched.empty()) {
    std::vector<AttributeKey> left_attributes, right_attributes;
    bool multi_valued = false;
    for (std::size_t i : left_unmatched) {
      for (auto& key : rdn_meaning(l[i])) left_attributes.push_back(std::move(key));
      multi_valued = multi_valued || l[i].attributes.size() > 1;
    }
    for (std::size_t j : right_unmatched) {
      for (auto& key : rdn_meaning(r[j])) right_attributes.push_back(std::move(key));
      multi_valued = multi_valued || r[j].attributes.size() > 1;
    }
    std::ranges::sort(left_attributes);
    std::ranges::sort(right_attributes);
    if (multi_valued && left_attributes == right_attributes) {
      out.add(field + ": multi-valued RDN", rdns_text(left, left_unmatched),
              rdns_text(right, right_unmatched), true,
              "attributes joined in one RDN (CN=a+O=b) and the same attributes as separate RDNs "
              "are different names, since RFC 5280 matches names RDN by RDN");
      left_unmatched.clear();
      right_unmatched.clear();
    }
  }
  auto is_in = [](const std::vector<std::size_t>& list, std::size_t i) {
    return std::ranges::find(list, i) != list.end();
  };

  // Position by position, so the lines follow the names.
  for (std::size_t p = 0; p < std::max(l.size(), r.size()); ++p) {
    const bool left_open = p < l.size() && is_in(left_unmatched, p);
    const bool right_open = p < r.size() && is_in(right_unmatched, p);
    if (p < l.size() && match[p]) diff_same_rdn(out, field, p, l[p], *match[p], r[*match[p]]);
    if (left_open && right_open) {
      diff_other_rdn(out, field, p, l[p], r[p]);
      continue;
    }
    if (left_open)
      out.add(field + ": RDN " + std::to_string(p + 1) + " (" + rdn_types(l[p]) + ")",
              rdn_text(l[p]), "absent", true,
              "a name with an RDN more or less is a different name to every verifier");
    if (right_open)
      out.add(field + ": RDN " + std::to_string(p + 1) + " (" + rdn_types(r[p]) + ")", "absent",
              rdn_text(r[p]), true,
              "a name with an RDN more or less is a different name to every verifier");
  }
  return out.take();
}

}  // namespace polycert::conformance
