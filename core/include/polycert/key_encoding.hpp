// Backend-neutral private key forms: recognising the DER form of a key and moving
// between PKCS#8 and the traditional forms (PKCS#1, SEC1), on key_syntax.hpp's readers
// and writers. Pure ASN.1, no crypto; a backend whose library writes only one form (Mbed
// TLS writes no PKCS#8, Botan writes SEC1 without the curve) uses these to offer both.
#pragma once

#include <polycert/oid.hpp>

#include <polycert/error.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/key_form.hpp>
#include <polycert/secure_buffer.hpp>

#include <optional>

namespace polycert {

/// Which private key structure `der` is (it must already be strict DER). invalid_input
/// if it is none of PKCS#8, PKCS#1 RSAPrivateKey or SEC1 ECPrivateKey.
Result<PrivateKeyForm> detect_private_key_form(ByteView der);

/// Wraps a PKCS#1 or SEC1 key in PKCS#8. A SEC1 key must name its curve; the curve moves
/// into the AlgorithmIdentifier and leaves the inner key, as OpenSSL writes it.
Result<SecureBuffer> traditional_to_pkcs8(ByteView der, PrivateKeyForm form);

/// Unwraps PKCS#8 to PKCS#1 (RSA) or SEC1 (EC, with the curve parameters present, so
/// the key stands alone). Ed25519 has no traditional form: invalid_input.
Result<SecureBuffer> pkcs8_to_traditional(ByteView pkcs8);

/// A PKCS#8 version 1 key (RFC 5958 OneAsymmetricKey) split into the same key as version 0
/// and the public key it carries.
struct OneAsymmetricKeyParts {
  SecureBuffer version0;  ///< PrivateKeyInfo (version 0) without the [1] publicKey
  Bytes public_key;       ///< content of the [1] publicKey BIT STRING (unused-bits octet first)
};

/// For a version 1 PKCS#8 key, its parts; for version 0, nothing. Libraries disagree on
/// version 1 (OpenSSL 3.0 and Botan 2 refuse it, Mbed TLS 2.28 too), so core hands every
/// backend version 0 and checks the carried public key itself.
Result<std::optional<OneAsymmetricKeyParts>> split_one_asymmetric_key(ByteView pkcs8);

/// Content of a SubjectPublicKeyInfo's subjectPublicKey BIT STRING (unused-bits octet first).
Result<ByteView> spki_public_key_bits(ByteView spki);

}  // namespace polycert
