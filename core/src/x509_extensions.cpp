// The DER of the extensions polycert writes and reads by type (RFC 5280 4.2): subjectAltName,
// keyUsage, extendedKeyUsage, basicConstraints, certificatePolicies (checked only), and the
// GeneralName forms. Core's reading is the verdict on every backend (docs/strictness.md).
#include <polycert/x509.hpp>

#include <polycert/der.hpp>
#include <polycert/name.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace polycert {

namespace {

Bytes to_bytes(const SecureBuffer& buffer) { return Bytes(buffer.begin(), buffer.end()); }

ByteView text_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// GeneralName CHOICE tags (IMPLICIT, primitive): rfc822Name [1], dNSName [2],
// uniformResourceIdentifier [6], iPAddress [7].
constexpr std::uint8_t kEmailTag = 0x81;
constexpr std::uint8_t kDnsTag = 0x82;
constexpr std::uint8_t kUriTag = 0x86;
constexpr std::uint8_t kIpTag = 0x87;
constexpr std::uint8_t kBoolean = 0x01;

Bytes encode_alt_names(const std::vector<GeneralName>& names) {
  SecureBuffer content;
  for (const GeneralName& name : names) {
    switch (name.kind) {
      case GeneralName::Kind::dns: der::append_element(content, kDnsTag, text_bytes(name.value)); break;
      case GeneralName::Kind::email: der::append_element(content, kEmailTag, text_bytes(name.value)); break;
      case GeneralName::Kind::uri: der::append_element(content, kUriTag, text_bytes(name.value)); break;
      case GeneralName::Kind::ip: {
        auto ip = ip_address_bytes(name.value);  // validated when parsed
        der::append_element(content, kIpTag, ip ? ByteView(*ip) : ByteView());
        break;
      }
      case GeneralName::Kind::directory_name:
      case GeneralName::Kind::registered_id:
      case GeneralName::Kind::other_name:
      case GeneralName::Kind::x400_address:
      case GeneralName::Kind::edi_party_name:
        content.insert(content.end(), name.der.begin(), name.der.end());
        break;
    }
  }
  return to_bytes(der::element(der::kSequence, content));
}

Bytes encode_key_usage(std::uint16_t bits) {
  // BIT STRING, bit 0 in the most significant bit of the first octet; DER drops
  // trailing zero bits (X.690 11.2.2).
  std::uint8_t octets[2] = {0, 0};
  int highest = -1;
  for (int bit = 0; bit < 9; ++bit) {
    if (!(bits & (1u << bit))) continue;
    octets[bit / 8] |= std::uint8_t(0x80u >> (bit % 8));
    highest = bit;
  }
  Bytes content;
  if (highest < 0) {
    content.push_back(0);
  } else {
    const int length = highest / 8 + 1;
    content.push_back(std::uint8_t(7 - highest % 8));
    content.insert(content.end(), octets, octets + length);
  }
  return to_bytes(der::element(der::kBitString, content));
}

Bytes encode_extended_key_usage(const std::vector<std::string>& oids) {
  SecureBuffer content;
  for (const std::string& oid : oids) der::append_element(content, der::kOid, der::encode_oid(oid));
  return to_bytes(der::element(der::kSequence, content));
}


Bytes encode_basic_constraints(const BasicConstraints& bc) {
  SecureBuffer content;
  if (bc.ca) der::append_element(content, kBoolean, Bytes{0xFF});  // DEFAULT FALSE is omitted
  if (bc.path_length) der::append_element(content, der::kInteger, der::encode_unsigned(*bc.path_length));
  return to_bytes(der::element(der::kSequence, content));
}

Result<der::Element> only_element(ByteView value, std::uint8_t tag, std::string_view what) {
  der::Reader reader(value);
  auto element = reader.expect(tag, what);
  if (!element) return element;
  if (!reader.empty()) return fail(ErrorCode::invalid_input, std::string(what) + ": trailing data");
  return element;
}

Result<std::vector<GeneralName>> decode_alt_names(ByteView value) {
  auto sequence = only_element(value, der::kSequence, "subjectAltName");
  if (!sequence) return std::unexpected(sequence.error());
  std::vector<GeneralName> names;
  der::Reader reader(sequence->content);
  while (!reader.empty()) {
    auto entry = reader.next();
    if (!entry) return std::unexpected(entry.error());
    auto name = decode_general_name(entry->whole);
    if (!name) return std::unexpected(with_context(name.error(), "subjectAltName"));
    names.push_back(std::move(*name));
  }
  return names;
}
Result<std::uint16_t> decode_key_usage(ByteView value) {
  auto bits = only_element(value, der::kBitString, "keyUsage");
  if (!bits) return std::unexpected(bits.error());
  const ByteView content = bits->content;
  if (content.empty() || content[0] > 7 || content.size() > 3 || (content.size() == 1 && content[0] != 0))
    return fail(ErrorCode::invalid_input, "keyUsage: malformed BIT STRING");
  // The unused bits of the last octet are not part of the value (OpenSSL and Botan mask
  // them; Mbed TLS read them as usages).
  const std::size_t unused = content[0];
  std::uint16_t usage = 0;
  for (std::size_t i = 1; i < content.size(); ++i)
    for (int bit = 0; bit < 8; ++bit) {
      const bool padding = i + 1 == content.size() && bit >= 8 - int(unused);
      if (!padding && (content[i] & (0x80u >> bit))) {
        const std::size_t number = (i - 1) * 8 + std::size_t(bit);
        if (number < 9) usage = std::uint16_t(usage | (1u << number));
      }
    }
  // RFC 5280 4.2.1.3: when keyUsage appears, at least one bit MUST be set (Botan refuses
  // such a certificate; a key allowed no use at all is no key to read as valid).
  if (usage == 0) return fail(ErrorCode::invalid_input, "keyUsage: no usage bit is set (RFC 5280 4.2.1.3)");
  return usage;
}

Result<std::vector<std::string>> decode_extended_key_usage(ByteView value) {
  auto sequence = only_element(value, der::kSequence, "extendedKeyUsage");
  if (!sequence) return std::unexpected(sequence.error());
  std::vector<std::string> oids;
  der::Reader reader(sequence->content);
  while (!reader.empty()) {
    auto oid = reader.expect(der::kOid, "extendedKeyUsage");
    if (!oid) return std::unexpected(oid.error());
    auto text = der::decode_oid(oid->content);
    if (!text) return std::unexpected(text.error());
    oids.push_back(std::move(*text));
  }
  return oids;
}

Result<BasicConstraints> decode_basic_constraints(ByteView value) {
  auto sequence = only_element(value, der::kSequence, "basicConstraints");
  if (!sequence) return std::unexpected(sequence.error());
  BasicConstraints bc;
  der::Reader reader(sequence->content);
  if (reader.peek_tag() == kBoolean) {
    auto flag = reader.next();
    if (!flag) return std::unexpected(flag.error());
    if (flag->content.size() != 1) return fail(ErrorCode::invalid_input, "basicConstraints: bad BOOLEAN");
    bc.ca = flag->content[0] != 0;
  }
  if (reader.peek_tag() == der::kInteger) {
    auto length = reader.next();
    if (!length) return std::unexpected(length.error());
    auto n = der::decode_uint32(length->content, "basicConstraints: pathLenConstraint");
    if (!n) return std::unexpected(n.error());
    bc.path_length = *n;
  }
  if (!reader.empty()) return fail(ErrorCode::invalid_input, "basicConstraints: unexpected content");
  return bc;
}

}  // namespace

std::vector<Extension> encode_extensions(const ExtensionSet& set, bool subject_empty) {
  std::vector<Extension> out;
  if (set.basic_constraints)
    out.push_back({std::string(oid::kBasicConstraints), set.basic_constraints->ca,
                   encode_basic_constraints(*set.basic_constraints)});
  if (set.key_usage)
    out.push_back({std::string(oid::kKeyUsage), true, encode_key_usage(*set.key_usage)});
  if (!set.extended_key_usage.empty())
    out.push_back({std::string(oid::kExtendedKeyUsage), false,
                   encode_extended_key_usage(set.extended_key_usage)});
  if (!set.subject_alt_names.empty())
    out.push_back({std::string(oid::kSubjectAltName), subject_empty,
                   encode_alt_names(set.subject_alt_names)});
  return out;
}

Result<std::vector<std::string>> decode_certificate_policies(ByteView value) {
  auto sequence = only_element(value, der::kSequence, "certificatePolicies");
  if (!sequence) return std::unexpected(sequence.error());
  if (sequence->content.empty())
    return fail(ErrorCode::invalid_input, "certificatePolicies: no policy (RFC 5280 4.2.1.4)");
  std::vector<std::string> policies;
  der::Reader reader(sequence->content);
  while (!reader.empty()) {
    auto information = reader.expect(der::kSequence, "certificatePolicies: PolicyInformation");
    if (!information) return std::unexpected(information.error());
    der::Reader fields(information->content);
    auto identifier = fields.expect(der::kOid, "certificatePolicies: policyIdentifier");
    if (!identifier) return std::unexpected(identifier.error());
    auto dotted = der::decode_oid(identifier->content);
    if (!dotted) return std::unexpected(with_context(dotted.error(), "certificatePolicies"));
    if (!fields.empty()) {
      auto qualifiers = fields.expect(der::kSequence, "certificatePolicies: policyQualifiers");
      if (!qualifiers) return std::unexpected(qualifiers.error());
      if (qualifiers->content.empty() || !fields.empty())
        return fail(ErrorCode::invalid_input,
                    "certificatePolicies: policyQualifiers empty or followed by more data");
      der::Reader qualifier_reader(qualifiers->content);
      while (!qualifier_reader.empty()) {
        auto qualifier = qualifier_reader.expect(der::kSequence, "certificatePolicies: qualifier");
        if (!qualifier) return std::unexpected(qualifier.error());
        der::Reader parts(qualifier->content);
        auto kind = parts.expect(der::kOid, "certificatePolicies: policyQualifierId");
        if (!kind) return std::unexpected(kind.error());
        if (!parts.empty()) {
          auto qualifier_value = parts.next();
          if (!qualifier_value) return std::unexpected(qualifier_value.error());
        }
        if (!parts.empty())
          return fail(ErrorCode::invalid_input, "certificatePolicies: trailing data in a qualifier");
      }
    }
    policies.push_back(std::move(*dotted));
  }
  return policies;
}

Result<void> check_name_constraints(ByteView value) {
  auto sequence = only_element(value, der::kSequence, "nameConstraints");
  if (!sequence) return std::unexpected(sequence.error());
  if (sequence->content.empty())
    return fail(ErrorCode::invalid_input,
                "nameConstraints: neither permittedSubtrees nor excludedSubtrees (RFC 5280 "
                "4.2.1.10: it must not be empty)");
  der::Reader reader(sequence->content);
  unsigned next_field = 0;  // [0] permittedSubtrees, then [1] excludedSubtrees
  while (!reader.empty()) {
    auto subtrees = reader.next();
    if (!subtrees) return std::unexpected(with_context(subtrees.error(), "nameConstraints"));
    const bool permitted = subtrees->tag == der::context_constructed(0);
    const bool excluded = subtrees->tag == der::context_constructed(1);
    if ((!permitted && !excluded) || (permitted && next_field > 0) || (excluded && next_field > 1))
      return fail(ErrorCode::invalid_input,
                  "nameConstraints: expected permittedSubtrees [0] then excludedSubtrees [1]");
    next_field = permitted ? 1 : 2;
    const std::string what = permitted ? "nameConstraints: permittedSubtrees"
                                       : "nameConstraints: excludedSubtrees";
    if (subtrees->content.empty())
      return fail(ErrorCode::invalid_input, what + " is empty (GeneralSubtrees is SIZE (1..MAX))");
    der::Reader list(subtrees->content);
    while (!list.empty()) {
      auto subtree = list.expect(der::kSequence, what + ": GeneralSubtree");
      if (!subtree) return std::unexpected(subtree.error());
      der::Reader fields(subtree->content);
      auto base = fields.next();
      if (!base) return std::unexpected(with_context(base.error(), what));
      // An iPAddress base is an address and its mask, passed whatever its octet count:
      // polycert enforces no constraints, and every library reads other counts too.
      if (base->tag != kIpTag) {
        if (auto name = decode_general_name(base->whole); !name)
          return std::unexpected(with_context(name.error(), what));
      }
      for (unsigned distance = 0; distance < 2 && !fields.empty(); ++distance) {
        // minimum [0] and maximum [1], BaseDistance ::= INTEGER (0..MAX), implicitly tagged
        const std::uint8_t tag = std::uint8_t(0x80 | distance);
        if (fields.peek_tag() != tag) continue;
        auto bound = fields.next();
        if (!bound) return std::unexpected(with_context(bound.error(), what));
        const std::string broken = der::universal_rule_broken(der::kInteger, bound->content);
        if (!broken.empty() || (bound->content[0] & 0x80) != 0)
          return fail(ErrorCode::invalid_input,
                      what + ": a minimum or maximum that is no BaseDistance (INTEGER 0..MAX)");
      }
      if (!fields.empty())
        return fail(ErrorCode::invalid_input, what + ": data after a GeneralSubtree's fields");
    }
  }
  return {};
}

Result<ExtensionSet> decode_extensions(const std::vector<Extension>& extensions) {
  ExtensionSet set;
  for (std::size_t i = 0; i < extensions.size(); ++i) {
    const Extension& e = extensions[i];
    for (std::size_t j = 0; j < i; ++j)
      if (extensions[j].oid == e.oid)
        return fail(ErrorCode::invalid_input, "extension " + e.oid + " appears twice");
    if (e.oid == oid::kSubjectAltName) {
      auto names = decode_alt_names(e.value);
      if (!names) return std::unexpected(names.error());
      set.subject_alt_names = std::move(*names);
    } else if (e.oid == oid::kKeyUsage) {
      auto usage = decode_key_usage(e.value);
      if (!usage) return std::unexpected(usage.error());
      set.key_usage = *usage;
    } else if (e.oid == oid::kExtendedKeyUsage) {
      auto usages = decode_extended_key_usage(e.value);
      if (!usages) return std::unexpected(usages.error());
      set.extended_key_usage = std::move(*usages);
    } else if (e.oid == oid::kBasicConstraints) {
      auto bc = decode_basic_constraints(e.value);
      if (!bc) return std::unexpected(bc.error());
      set.basic_constraints = *bc;
    } else if (e.oid == oid::kNameConstraints) {
      // Checked, not kept (polycert enforces no name constraints): Botan refused an empty
      // one that OpenSSL and Mbed TLS read (found by differential fuzzing).
      if (auto constraints = check_name_constraints(e.value); !constraints)
        return std::unexpected(constraints.error());
    } else if (e.oid == oid::kCertificatePolicies) {
      // Checked, not kept: Mbed TLS decodes them and refused a malformed value that OpenSSL
      // and Botan passed over (found by differential fuzzing).
      if (auto policies = decode_certificate_policies(e.value); !policies)
        return std::unexpected(policies.error());
    }
  }
  return set;
}

namespace {

// EDIPartyName ::= SEQUENCE { nameAssigner [0] DirectoryString OPTIONAL, partyName [1]
// DirectoryString }, tagged explicitly (DirectoryString is a CHOICE). Checked, though kept
// as its bytes: OpenSSL refused a malformed one that Botan and Mbed TLS passed over (found
// by differential fuzzing).
Result<void> check_edi_party_name(ByteView content) {
  der::Reader fields(content);
  for (unsigned field = 0; field < 2; ++field) {
    const bool name_assigner = field == 0;
    if (name_assigner && fields.peek_tag() != der::context_constructed(0)) continue;
    const std::string what = name_assigner ? "ediPartyName nameAssigner [0]" : "ediPartyName partyName [1]";
    auto wrapped = fields.expect(der::context_constructed(field), what);
    if (!wrapped) return std::unexpected(wrapped.error());
    der::Reader inner(wrapped->content);
    auto value = inner.next();
    if (!value) return std::unexpected(with_context(value.error(), what));
    constexpr std::array<std::uint8_t, 5> kDirectoryString = {0x14, 0x13, 0x1C, 0x0C, 0x1E};
    if (std::ranges::find(kDirectoryString, value->tag) == kDirectoryString.end() || !inner.empty())
      return fail(ErrorCode::invalid_input, what + ": not one DirectoryString");
    if (auto text = decode_string_value(value->tag, value->content); !text)
      return std::unexpected(with_context(text.error(), what));
  }
  if (!fields.empty()) return fail(ErrorCode::invalid_input, "ediPartyName: data after partyName");
  return {};
}

}  // namespace

Result<GeneralName> decode_general_name(ByteView element) {
  der::Reader reader(element);
  auto entry = reader.next();
  if (!entry) return std::unexpected(entry.error());
  const auto text = [&] { return std::string(entry->content.begin(), entry->content.end()); };
  const auto kept = [&](GeneralName::Kind kind, std::string value) {
    return GeneralName{kind, std::move(value), Bytes(element.begin(), element.end())};
  };
  const auto hex = [](ByteView bytes) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out = "#";
    for (std::uint8_t b : bytes) (out += kDigits[b >> 4]) += kDigits[b & 0x0F];
    return out;
  };
  switch (entry->tag) {
    case kDnsTag: return GeneralName{GeneralName::Kind::dns, text(), {}};
    case kEmailTag: return GeneralName{GeneralName::Kind::email, text(), {}};
    case kUriTag: return GeneralName{GeneralName::Kind::uri, text(), {}};
    case kIpTag: {
      auto ip = ip_address_text(entry->content);
      if (!ip) return std::unexpected(ip.error());
      return GeneralName{GeneralName::Kind::ip, std::move(*ip), {}};
    }
    case 0xA4: {  // directoryName [4] EXPLICIT Name
      auto name = decode_name(entry->content);
      if (!name) return std::unexpected(with_context(name.error(), "directoryName"));
      return kept(GeneralName::Kind::directory_name, format_slash(*name));
    }
    case 0x88: {  // registeredID [8] IMPLICIT OBJECT IDENTIFIER
      auto dotted = der::decode_oid(entry->content);
      if (!dotted) return std::unexpected(with_context(dotted.error(), "registeredID"));
      return kept(GeneralName::Kind::registered_id, std::move(*dotted));
    }
    case 0xA0: {  // otherName [0] IMPLICIT SEQUENCE { type-id OID, value [0] EXPLICIT ANY }
      der::Reader fields(entry->content);
      auto type = fields.expect(der::kOid, "otherName type-id");
      if (!type) return std::unexpected(type.error());
      auto dotted = der::decode_oid(type->content);
      if (!dotted) return std::unexpected(with_context(dotted.error(), "otherName"));
      auto wrapped = fields.expect(der::context_constructed(0), "otherName value [0]");
      if (!wrapped) return std::unexpected(wrapped.error());
      if (!fields.empty()) return fail(ErrorCode::invalid_input, "otherName: data after its value");
      der::Reader inner(wrapped->content);
      auto value = inner.next();
      if (!value) return std::unexpected(value.error());
      if (!inner.empty()) return fail(ErrorCode::invalid_input, "otherName: data after its value");
      auto as_text = decode_string_value(value->tag, value->content);
      return kept(GeneralName::Kind::other_name,
                  *dotted + ";" + (as_text ? *as_text : hex(value->whole)));
    }
    case 0xA3:  // x400Address [3] ORAddress
      return kept(GeneralName::Kind::x400_address, hex(element));
    case 0xA5:  // ediPartyName [5] EDIPartyName
      if (auto checked = check_edi_party_name(entry->content); !checked)
        return std::unexpected(checked.error());
      return kept(GeneralName::Kind::edi_party_name, hex(element));
    default: {
      char tag[8];
      std::snprintf(tag, sizeof tag, "0x%02x", entry->tag);
      return fail(ErrorCode::invalid_input, std::string("a GeneralName with tag ") + tag +
                                                ", which is none of the nine forms of RFC 5280 4.2.1.6");
    }
  }
}

}  // namespace polycert
