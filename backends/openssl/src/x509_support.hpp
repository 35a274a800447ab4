// Pieces shared by csr.cpp and certificate.cpp: names, extensions, keys and signing
// contexts moved between polycert's types and OpenSSL's X509 structures.
#pragma once

#include "errors.hpp"
#include "handles.hpp"
#include "key_types.hpp"

#include <polycert/error.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/x509.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace polycert::openssl_backend {

class OpenSslProvider;

/// Dotted text of an OID ("2.5.29.17"), never a name.
std::string object_text(const ASN1_OBJECT* object);

/// `der` (a DER Name, e.g. encode_name() output) as an X509_NAME that OpenSSL writes back
/// byte for byte: d2i keeps the bytes it read and i2d returns them while unmodified.
Result<X509NamePtr> name_from_der(ByteView der);
/// The DER of a Name as it is encoded.
Result<Bytes> name_to_der(const X509_NAME* name);

/// One X509_EXTENSION with exactly the OID, criticality and value DER given.
Result<X509ExtensionPtr> make_extension(const Extension& extension);
/// An extension that OpenSSL encodes from its own structure (SKI, AKI).
Result<X509ExtensionPtr> make_extension(int nid, void* value);

/// Every extension of a stack (may be null), as encoded, in order.
std::vector<Extension> raw_extensions(const STACK_OF(X509_EXTENSION) * extensions);
/// The typed extensions, read with OpenSSL's typed decoders (X509V3_get_d2i): GENERAL_NAMES,
/// ASN1_BIT_STRING keyUsage, EXTENDED_KEY_USAGE, BASIC_CONSTRAINTS. `what` prefixes errors
/// ("certificate request"); a repeated or malformed extension is invalid_input.
Result<ExtensionSet> typed_extensions(const STACK_OF(X509_EXTENSION) * extensions,
                                      std::string_view what);

/// One extension of `extensions` (may be null) through OpenSSL's typed decoder for `nid`,
/// or a null Ptr when absent. Repeated or malformed: invalid_input naming `name`.
/// (X509V3_get_d2i says absent, repeated and malformed through one out-parameter.)
template <typename Ptr>
Result<Ptr> read_extension(const STACK_OF(X509_EXTENSION) * extensions, int nid,
                           std::string_view name, std::string_view what) {
  int critical = -1;
  Ptr value(static_cast<typename Ptr::element_type*>(
      X509V3_get_d2i(extensions, nid, &critical, nullptr)));
  if (critical == -2)
    return fail(ErrorCode::invalid_input,
                std::string(what) + ": the " + std::string(name) + " extension appears twice");
  if (!value && critical >= 0)
    return std::unexpected(
        openssl_error(ErrorCode::invalid_input,
                      std::string(what) + ": malformed " + std::string(name) + " extension"));
  return value;
}

/// The public key a request or certificate carries.
struct CarriedKey {
  Bytes spki;  ///< SubjectPublicKeyInfo DER
  KeySpec spec;
  EVP_PKEY* pkey = nullptr;  ///< owned by the X509_PUBKEY it came from
};
/// Reads the key of `pubkey` through OpenSSL. A key polycert does not hold (DSA, Ed448,
/// RSA-PSS, another curve) is the provider's unsupported error naming it, with `action`
/// ("read a certificate request"); a broken key of a held algorithm is invalid_input.
Result<CarriedKey> carried_key(const OpenSslProvider& provider, X509_PUBKEY* pubkey,
                               std::string_view action, std::string_view what);

/// An EVP_MD_CTX set up to sign with `key`: PKCS#1 v1.5 for RSA, ECDSA, or pure Ed25519
/// (no digest); X509_sign_ctx / X509_REQ_sign_ctx take the AlgorithmIdentifier from it.
Result<MdCtxPtr> signing_context(const OpenSslPrivateKey& key, Digest digest);
/// Checks that OpenSSL signed with the AlgorithmIdentifier polycert promises:
/// signature_algorithm_oid(), NULL parameters for RSA, absent for ECDSA and Ed25519.
Result<void> check_signature_algorithm(const X509_ALGOR* algorithm, KeyAlgorithm key,
                                       Digest digest);

/// Digest of `data` with OpenSSL's "SHA1" or "SHA256".
Result<Bytes> digest_of(const char* name, ByteView data);
/// RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's bits (without
/// the unused-bits octet) of a SubjectPublicKeyInfo.
Result<Bytes> key_identifier(ByteView spki);

/// `value` as DER via an i2d function, into a buffer polycert owns (nothing for OpenSSL
/// to free, so nothing secret is left in an unwiped OpenSSL allocation).
template <typename T, typename I2d>
Result<Bytes> encode_with(I2d i2d, T* value, std::string_view what) {
  const int size = i2d(value, nullptr);
  if (size <= 0) return fail(ErrorCode::internal, "cannot encode the " + std::string(what));
  Bytes out(static_cast<std::size_t>(size));
  unsigned char* cursor = out.data();
  if (i2d(value, &cursor) != size)
    return fail(ErrorCode::internal, "cannot encode the " + std::string(what));
  return out;
}

/// Seconds since the epoch (UTC) of an ASN1_TIME, or invalid_input naming `what`.
Result<std::int64_t> epoch_seconds(const ASN1_TIME* time, std::string_view what);

}  // namespace polycert::openssl_backend
