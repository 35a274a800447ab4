#include "signed_object_parts.hpp"

#include <polycert/signature.hpp>

namespace polycert {

namespace signed_object_parts {

std::unexpected<Error> refuse(std::string_view what, std::string message) {
  return fail(ErrorCode::invalid_input, std::string(what) + ": " + std::move(message));
}

namespace {

constexpr std::uint8_t kBoolean = 0x01;

// The content of a signature BIT STRING: whole octets (every signature algorithm polycert
// reads makes octet strings), at least one.
Result<ByteView> signature_bits(const der::Element& element, std::string_view what) {
  const ByteView c = element.content;
  if (c.size() < 2) return refuse(what, "the signature BIT STRING is empty");
  if (c[0] != 0)
    return refuse(what, "the signature BIT STRING has " + std::to_string(c[0]) +
                            " unused bits; signatures are whole octets");
  return c.subspan(1);
}

}  // namespace

// "sha256WithRSAEncryption (NULL parameters)": enough to tell two AlgorithmIdentifiers apart.
std::string algorithm_text(ByteView identifier) {
  der::Reader top(identifier);
  auto sequence = top.next();
  if (!sequence) return "unreadable";
  der::Reader fields(sequence->content);
  auto oid = fields.next();
  if (!oid || oid->tag != der::kOid) return "unreadable";
  auto dotted = der::decode_oid(oid->content);
  std::string out = dotted ? signature_algorithm_name(*dotted) : "unreadable";
  if (fields.empty()) return out + ", no parameters";
  auto parameters = fields.next();
  if (parameters && parameters->tag == der::kNull) return out + ", NULL parameters";
  return out + ", " + std::to_string(parameters ? parameters->whole.size() : 0) + " bytes of parameters";
}

// The dotted OID of a whole AlgorithmIdentifier (already walked by split_signed).
Result<std::string> algorithm_oid(ByteView identifier) {
  der::Reader top(identifier);
  auto sequence = top.expect(der::kSequence, "signatureAlgorithm");
  if (!sequence) return std::unexpected(sequence.error());
  der::Reader fields(sequence->content);
  auto oid = fields.expect(der::kOid, "signature algorithm");
  if (!oid) return std::unexpected(oid.error());
  return der::decode_oid(oid->content);
}

// Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension (RFC 5280 4.1).
Result<std::vector<Extension>> read_extension_list(ByteView sequence_content, std::string_view what) {
  std::vector<Extension> out;
  der::Reader entries(sequence_content);
  if (entries.empty()) return refuse(what, "an empty extensions SEQUENCE (RFC 5280 4.1: SIZE (1..MAX))");
  while (!entries.empty()) {
    auto entry = entries.expect(der::kSequence, "Extension");
    if (!entry) return std::unexpected(entry.error());
    der::Reader fields(entry->content);
    auto oid = fields.expect(der::kOid, "extnID");
    if (!oid) return std::unexpected(oid.error());
    auto dotted = der::decode_oid(oid->content);
    if (!dotted) return std::unexpected(with_context(dotted.error(), what));
    Extension extension{std::move(*dotted), false, {}};
    if (fields.peek_tag() == kBoolean) {
      auto critical = fields.next();
      if (!critical) return std::unexpected(critical.error());
      if (critical->content.size() != 1 || (critical->content[0] != 0 && critical->content[0] != 0xFF))
        return refuse(what, "extension " + extension.oid + ": critical is not a DER BOOLEAN");
      if (critical->content[0] == 0)
        return refuse(what, "extension " + extension.oid +
                                " encodes critical FALSE, which DER omits (X.690 11.5: a DEFAULT value is not encoded)");
      extension.critical = true;
    }
    auto value = fields.expect(der::kOctetString, "extnValue");
    if (!value) return std::unexpected(value.error());
    if (!fields.empty()) return refuse(what, "extension " + extension.oid + " has data after its value");
    extension.value.assign(value->content.begin(), value->content.end());
    for (const Extension& earlier : out)
      if (earlier.oid == extension.oid)
        return refuse(what, "extension " + extension.oid + " appears twice (RFC 5280 4.2)");
    out.push_back(std::move(extension));
  }
  return out;
}


Result<SignedParts> split_signed(ByteView der, std::string_view what) {
  der::Reader top(der);
  auto outer = top.expect(der::kSequence, what);
  if (!outer) return std::unexpected(outer.error());
  if (!top.empty()) return refuse(what, "trailing data after the structure");
  der::Reader parts(outer->content);
  auto tbs = parts.expect(der::kSequence, "the signed part");
  if (!tbs) return std::unexpected(tbs.error());
  auto algorithm = parts.expect(der::kSequence, "signatureAlgorithm");
  if (!algorithm) return std::unexpected(algorithm.error());
  auto bits = parts.expect(der::kBitString, "signature");
  if (!bits) return std::unexpected(bits.error());
  if (!parts.empty()) return refuse(what, "data after the signature");
  auto signature = signature_bits(*bits, what);
  if (!signature) return std::unexpected(signature.error());
  return SignedParts{*tbs, *algorithm, *signature};
}

}  // namespace signed_object_parts

}  // namespace polycert
