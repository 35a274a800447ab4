#include "hostile_inputs.hpp"

#include <polycert/der.hpp>
#include <polycert/pem.hpp>

#include <stdexcept>

namespace polycert::testing {

namespace {

constexpr std::uint8_t kUtcTime = 0x17;
constexpr std::uint8_t kUtf8String = 0x0C;

Bytes bytes(const SecureBuffer& buffer) { return Bytes(buffer.begin(), buffer.end()); }

SecureBuffer concat(std::initializer_list<ByteView> parts) {
  SecureBuffer out;
  for (ByteView part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

SecureBuffer oid(std::string_view dotted) { return der::element(der::kOid, der::encode_oid(dotted)); }
SecureBuffer integer(std::uint64_t value) {
  return der::element(der::kInteger, der::encode_unsigned(value));
}
SecureBuffer null() { return der::element(der::kNull, {}); }
SecureBuffer sequence(std::initializer_list<ByteView> parts) {
  return der::element(der::kSequence, concat(parts));
}

// A positive INTEGER of exactly `bits` bits: 1 followed by ones, odd.
SecureBuffer integer_of_bits(unsigned bits) {
  if (bits < 9) throw std::invalid_argument("integer_of_bits: at least 9 bits");
  const std::size_t octets = (bits + 7) / 8;
  Bytes value(octets, 0xFF);
  const unsigned top_bits = bits - 8 * static_cast<unsigned>(octets - 1);
  value[0] = static_cast<std::uint8_t>((1u << top_bits) - 1);
  if (value[0] & 0x80) value.insert(value.begin(), 0x00);
  return der::element(der::kInteger, value);
}

SecureBuffer rsa_algorithm() { return sequence({oid("1.2.840.113549.1.1.1"), null()}); }

SecureBuffer name(std::string_view common_name) {
  const SecureBuffer attribute =
      sequence({oid("2.5.4.3"), der::element(kUtf8String, as_bytes(common_name))});
  return sequence({der::element(der::kSet, attribute)});
}

}  // namespace

Bytes rsa_spki_with_modulus_bits(unsigned bits, unsigned exponent_bits) {
  const SecureBuffer key = sequence(
      {integer_of_bits(bits), exponent_bits == 17 ? integer(65537) : integer_of_bits(exponent_bits)});
  SecureBuffer bit_string{0x00};
  bit_string.insert(bit_string.end(), key.begin(), key.end());
  return bytes(sequence({rsa_algorithm(), der::element(der::kBitString, bit_string)}));
}

Bytes rsa_private_key_with_modulus_bits(unsigned bits) {
  return bytes(sequence({integer(0), integer_of_bits(bits), integer(65537), integer(3), integer(5),
                         integer(7), integer(1), integer(1), integer(1)}));
}

Bytes certificate_with_spki(ByteView spki) {
  const SecureBuffer signature_algorithm = sequence({oid("1.2.840.113549.1.1.11"), null()});
  const SecureBuffer validity = sequence({der::element(kUtcTime, as_bytes("250101000000Z")),
                                          der::element(kUtcTime, as_bytes("350101000000Z"))});
  const SecureBuffer tbs =
      sequence({der::element(der::context_constructed(0), integer(2)), integer(0x1234),
                signature_algorithm, name("hostile"), validity, name("hostile"), spki});
  const Bytes junk_signature(257, 0x5A);
  SecureBuffer bits{0x00};
  bits.insert(bits.end(), junk_signature.begin(), junk_signature.end());
  return bytes(sequence({tbs, signature_algorithm, der::element(der::kBitString, bits)}));
}

Bytes encrypted_key_with_iterations(std::uint64_t iterations) {
  const Bytes salt(16, 0x11), iv(16, 0x22), ciphertext(48, 0x33);
  const SecureBuffer prf = sequence({oid("1.2.840.113549.2.9"), null()});
  const SecureBuffer kdf =
      sequence({oid("1.2.840.113549.1.5.12"),
                sequence({der::element(der::kOctetString, salt), integer(iterations), prf})});
  const SecureBuffer cipher =
      sequence({oid("2.16.840.1.101.3.4.1.42"), der::element(der::kOctetString, iv)});
  const SecureBuffer algorithm = sequence({oid("1.2.840.113549.1.5.13"), sequence({kdf, cipher})});
  return bytes(sequence({algorithm, der::element(der::kOctetString, ciphertext)}));
}

Bytes pfx_with_mac_iterations(ByteView pfx, std::uint64_t iterations) {
  der::Reader top(pfx);
  auto outer = top.expect(der::kSequence, "PFX");
  if (!outer) throw std::runtime_error(outer.error().message);
  der::Reader fields(outer->content);
  auto version = fields.expect(der::kInteger, "PFX version");
  auto auth_safe = fields.expect(der::kSequence, "PFX authSafe");
  auto mac_data = fields.expect(der::kSequence, "PFX macData");
  if (!version || !auth_safe || !mac_data) throw std::runtime_error("not a DER PFX with a MAC");
  der::Reader mac_fields(mac_data->content);
  auto digest = mac_fields.expect(der::kSequence, "DigestInfo");
  auto salt = mac_fields.expect(der::kOctetString, "macSalt");
  if (!digest || !salt) throw std::runtime_error("unexpected MacData");
  const SecureBuffer mac = sequence({digest->whole, salt->whole, integer(iterations)});
  return bytes(sequence({version->whole, auth_safe->whole, mac}));
}

Bytes pfx_with_parts(std::size_t parts) {
  const std::string_view data = "1.2.840.113549.1.7.1";
  const SecureBuffer empty_safe_contents = sequence({});
  const SecureBuffer part = sequence(
      {oid(data), der::element(der::context_constructed(0),
                               der::element(der::kOctetString, empty_safe_contents))});
  SecureBuffer infos;
  for (std::size_t i = 0; i < parts; ++i) infos.insert(infos.end(), part.begin(), part.end());
  const SecureBuffer authenticated_safe = der::element(der::kSequence, infos);
  const SecureBuffer auth_safe_info = sequence(
      {oid(data), der::element(der::context_constructed(0),
                               der::element(der::kOctetString, authenticated_safe))});
  return bytes(sequence({integer(3), auth_safe_info}));
}

Bytes pfx_with_certificates(ByteView certificate, std::size_t count) {
  const std::string_view data = "1.2.840.113549.1.7.1";
  const SecureBuffer cert_bag =
      sequence({oid("1.2.840.113549.1.9.22.1"),
                der::element(der::context_constructed(0), der::element(der::kOctetString, certificate))});
  const SecureBuffer safe_bag = sequence(
      {oid("1.2.840.113549.1.12.10.1.3"), der::element(der::context_constructed(0), cert_bag)});
  SecureBuffer bags;
  for (std::size_t i = 0; i < count; ++i) bags.insert(bags.end(), safe_bag.begin(), safe_bag.end());
  const SecureBuffer safe_contents = der::element(der::kSequence, bags);
  const SecureBuffer part = sequence(
      {oid(data), der::element(der::context_constructed(0),
                               der::element(der::kOctetString, safe_contents))});
  const SecureBuffer authenticated_safe = sequence({part});
  const SecureBuffer auth_safe_info = sequence(
      {oid(data), der::element(der::context_constructed(0),
                               der::element(der::kOctetString, authenticated_safe))});
  return bytes(sequence({integer(3), auth_safe_info}));
}

Bytes nested_sequences(unsigned depth) {
  SecureBuffer inner;
  for (unsigned i = 0; i < depth; ++i) inner = der::element(der::kSequence, inner);
  return bytes(inner);
}

std::string pem_text(std::string_view label, ByteView der) {
  const SecureBuffer text = pem_encode(label, der);
  return std::string(as_text(text));
}

}  // namespace polycert::testing
