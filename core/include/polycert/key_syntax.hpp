// The ASN.1 syntax of key structures, read and written in one place: PKCS#8 (RFC 5208
// PrivateKeyInfo and RFC 5958 OneAsymmetricKey), SEC1 ECPrivateKey (RFC 5915), PKCS#1
// RSAPrivateKey and RSAPublicKey (RFC 8017) and SubjectPublicKeyInfo (RFC 5280).
//
// A reader checks shape only: the tags, their order, optional fields where the syntax
// allows them, nothing after the last field and nothing after the structure. It hands out
// views of every field, pointing into the caller's bytes. What a field's value must be (a
// version, minimal INTEGERs, sizes, a named curve) is policy: key_structure.hpp adds it,
// and the conformance diff compares the fields by meaning. Strict DER framing is the
// caller's to check first (der::check_strict_der), as for any other DER.
#pragma once

#include <polycert/der.hpp>
#include <polycert/error.hpp>
#include <polycert/secure_buffer.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace polycert::key_syntax {

/// RFC 5280 AlgorithmIdentifier.
struct AlgorithmIdentifier {
  std::string oid;                         ///< dotted
  std::optional<der::Element> parameters;  ///< the element after the OID, if any
  ByteView whole;                          ///< the whole SEQUENCE
};

/// RFC 5958 OneAsymmetricKey; version 0 is RFC 5208's PrivateKeyInfo.
struct PrivateKeyInfo {
  der::Element version;  ///< the INTEGER (0 or 1 by policy)
  AlgorithmIdentifier algorithm;
  der::Element private_key;                ///< the privateKey OCTET STRING
  std::optional<der::Element> attributes;  ///< [0] IMPLICIT SET OF Attribute
  std::optional<der::Element> public_key;  ///< [1] IMPLICIT BIT STRING (version 1 only)
};

/// RFC 5915 ECPrivateKey.
struct EcPrivateKey {
  der::Element version;                    ///< the INTEGER (1 by policy)
  der::Element private_key;                ///< the privateKey OCTET STRING
  std::optional<der::Element> parameters;  ///< the ECParameters inside [0]
  std::optional<der::Element> public_key;  ///< the BIT STRING inside [1]
};

/// RFC 8017 A.1.2 RSAPrivateKey.
struct RsaPrivateKey {
  der::Element version, modulus, public_exponent, private_exponent, prime1, prime2, exponent1,
      exponent2, coefficient;
  std::optional<der::Element> other_prime_infos;  ///< the SEQUENCE (version 1 by policy)
};

/// RFC 8017 A.1.1 RSAPublicKey.
struct RsaPublicKey {
  der::Element modulus, public_exponent;
};

/// RFC 5280 SubjectPublicKeyInfo.
struct SubjectPublicKeyInfo {
  AlgorithmIdentifier algorithm;
  der::Element public_key;  ///< the subjectPublicKey BIT STRING
};

/// The next element of `body` as an AlgorithmIdentifier; `what` names its holder in errors
/// ("PKCS#8" gives "PKCS#8 AlgorithmIdentifier", "PKCS#8 algorithm OID").
Result<AlgorithmIdentifier> read_algorithm_identifier(der::Reader& body, std::string_view what);

Result<PrivateKeyInfo> read_private_key_info(ByteView der);
Result<EcPrivateKey> read_ec_private_key(ByteView der);
Result<RsaPrivateKey> read_rsa_private_key(ByteView der);
Result<RsaPublicKey> read_rsa_public_key(ByteView der);
Result<SubjectPublicKeyInfo> read_subject_public_key_info(ByteView der);

/// SEQUENCE { OID, parameters }; `parameters_element` is a whole element or empty.
SecureBuffer write_algorithm_identifier(std::string_view oid, ByteView parameters_element);

/// A version 0 PrivateKeyInfo around `private_key` (the privateKey OCTET STRING's content).
/// `algorithm_identifier` is a whole AlgorithmIdentifier (write_algorithm_identifier, or one
/// read); `attributes_element` a whole [0] element or empty.
SecureBuffer write_private_key_info(ByteView algorithm_identifier, ByteView private_key,
                                    ByteView attributes_element = {});

/// A version 1 ECPrivateKey. `parameters_element` (the ECParameters, put inside [0]) and
/// `public_key_bits` (the BIT STRING's content, unused-bits octet first, put inside [1])
/// are left out when empty.
SecureBuffer write_ec_private_key(ByteView private_key, ByteView parameters_element,
                                  ByteView public_key_bits);

/// SEQUENCE { AlgorithmIdentifier, BIT STRING }; `public_key_bits` is the BIT STRING's
/// content, unused-bits octet first.
Bytes write_subject_public_key_info(std::string_view algorithm_oid, ByteView parameters_element,
                                    ByteView public_key_bits);

}  // namespace polycert::key_syntax
