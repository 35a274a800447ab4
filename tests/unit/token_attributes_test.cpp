// What tokens say about a key's public half, in each of the spellings tokens use, gives the
// same SubjectPublicKeyInfo: EC parameters as a named curve's OID; EdDSA parameters as the
// OID or as the PrintableString "edwards25519" (PKCS#11 3.0 allows both); CKA_EC_POINT as
// a DER OCTET STRING (the standard) or raw (what some tokens give).
#include "fixtures.hpp"
#include "token_access.hpp"

#include <polycert/der.hpp>
#include <polycert/key_encoding.hpp>

#include <gtest/gtest.h>

namespace polycert::testing {
namespace {

Bytes oid(std::string_view dotted) {
  const SecureBuffer element = der::element(der::kOid, der::encode_oid(dotted));
  return Bytes(element.begin(), element.end());
}

Bytes octet_string(ByteView content) {
  const SecureBuffer element = der::element(der::kOctetString, content);
  return Bytes(element.begin(), element.end());
}

// The public key bits of a committed SPKI fixture: the point a token would hold.
Bytes point_of(const Bytes& spki) {
  auto bits = spki_public_key_bits(spki);
  EXPECT_TRUE(bits);
  return Bytes(bits->begin() + 1, bits->end());
}

TEST(TokenKeyAttributes, AnEcPointWrappedOrRawGivesTheSameSpki) {
  for (const auto& [stem, curve] : {std::pair{"ec-P-256", "1.2.840.10045.3.1.7"}, std::pair{"ec-P-384", "1.3.132.0.34"},
                                    std::pair{"ec-P-521", "1.3.132.0.35"}}) {
    const Bytes spki = fixture(std::string("keys/") + stem + ".spki.der");
    const Bytes point = point_of(spki);
    auto wrapped = pkcs11::ec_spki(oid(curve), octet_string(point));
    auto raw = pkcs11::ec_spki(oid(curve), point);
    ASSERT_TRUE(wrapped) << stem << ": " << wrapped.error().message;
    ASSERT_TRUE(raw) << stem << ": " << raw.error().message;
    EXPECT_EQ(*wrapped, spki) << stem;
    EXPECT_EQ(*raw, spki) << stem;
  }
}

TEST(TokenKeyAttributes, EdDsaParametersAsOidOrPrintableStringGiveTheSameSpki) {
  const Bytes spki = fixture("keys/ed25519.spki.der");
  const Bytes point = point_of(spki);
  const std::string name = "edwards25519";
  SecureBuffer printable = der::element(0x13, ByteView(reinterpret_cast<const std::uint8_t*>(name.data()), name.size()));
  for (const Bytes& parameters : {oid("1.3.101.112"), Bytes(printable.begin(), printable.end())}) {
    for (const Bytes& held : {octet_string(point), point}) {
      auto made = pkcs11::ec_spki(parameters, held);
      ASSERT_TRUE(made) << made.error().message;
      EXPECT_EQ(*made, spki);
    }
  }
}

TEST(TokenKeyAttributes, Ed448AndGarbageAreRefusedSayingWhat) {
  const std::string name = "edwards448";
  SecureBuffer printable = der::element(0x13, ByteView(reinterpret_cast<const std::uint8_t*>(name.data()), name.size()));
  auto ed448 = pkcs11::ec_spki(Bytes(printable.begin(), printable.end()), Bytes(57, 1));
  ASSERT_FALSE(ed448);
  EXPECT_EQ(ed448.error().code, ErrorCode::unsupported);
  EXPECT_NE(ed448.error().message.find("edwards448"), std::string::npos);
  auto garbage = pkcs11::ec_spki(oid("1.2.840.10045.3.1.7"), Bytes{0x04, 0x01, 0x02});
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code, ErrorCode::invalid_input);
}

}  // namespace
}  // namespace polycert::testing
