// What a file holds, decided once in core from its structure, before any backend sees it:
// PEM (any number of blocks, legacy labels) or DER; certificates, requests, private keys
// (PKCS#8, traditional, encrypted), public keys (SPKI, PKCS#1), PKCS#7 bundles and
// PKCS#12 files. A backend's leniency never decides what an input is.
#pragma once

#include <polycert/error.hpp>
#include <polycert/pem.hpp>
#include <polycert/provider.hpp>
#include <polycert/secure_buffer.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polycert {

/// What format detection found in a file: one entry per object.
enum class ObjectKind {
  certificate,
  certificate_request,
  private_key,            ///< PKCS#8, PKCS#1 or SEC1, unencrypted
  encrypted_private_key,  ///< EncryptedPrivateKeyInfo
  legacy_encrypted_key,   ///< OpenSSL's Proc-Type/DEK-Info PEM encryption
  public_key,             ///< SubjectPublicKeyInfo
  rsa_public_key,         ///< PKCS#1 RSAPublicKey ("RSA PUBLIC KEY")
  pkcs7,                  ///< PKCS#7 / CMS ContentInfo (a .p7b bundle)
  pkcs12,                 ///< PFX (.p12 / .pfx)
  crl,                    ///< CertificateList (RFC 5280 5.1)
};
/// "certificate", "certificate request", "private key", ...
std::string_view describe(ObjectKind kind);
/// Stable name for JSON: "certificate", "certificate_request", "private_key", ...
/// A short name of the kind ("certificate", "pkcs12").
std::string_view to_string(ObjectKind kind);

/// One object of a file and where its bytes are.
struct FoundObject {
  ObjectKind kind;
  SecureBuffer der;          ///< the object's bytes (BER for PKCS#7/#12 as found)
  std::string encoding;      ///< "PEM" or "DER"
  std::string pem_label;     ///< the PEM label, when PEM
  std::optional<PrivateKeyForm> key_form;  ///< private_key only
  std::string legacy_cipher; ///< legacy_encrypted_key only: the DEK-Info cipher
  std::string dek_info;      ///< legacy_encrypted_key only: the whole DEK-Info value
  std::size_t line = 0;      ///< PEM: the line of the block's BEGIN line; DER: 0
};

/// What a file holds, block by block: the objects that can be used and the PEM blocks
/// that cannot (MalformedBlock, pem.hpp), each in file order.
struct ObjectSurvey {
  std::vector<FoundObject> objects;
  std::vector<MalformedBlock> malformed;
};

/// Every object in a file's contents, and every PEM block that cannot be used with the
/// line it begins on and why: broken armor (pem_scan: no END line, mismatched labels, bad
/// base64, an END line without BEGIN), a label polycert does not read, or content that
/// is not what its label says (not DER, another kind of object, trailing data). Text
/// outside blocks is allowed (RFC 7468). A DER file is one object, recognised by
/// structure; PKCS#7 and PKCS#12 may be BER (indefinite lengths), everything else must be
/// strict DER. invalid_input only for the file as a whole: empty, over a limit (size,
/// blocks per file), DER that is none of these kinds, PEM text without any block.
Result<ObjectSurvey> survey_objects(ByteView contents);

/// Every object in a file's contents, all or nothing: survey_objects, and any malformed
/// block is invalid_input naming each one as "line N: what is wrong".
Result<std::vector<FoundObject>> find_objects(ByteView contents);

/// The kind of one DER (or, for PKCS#7/#12, BER) object, by structure alone.
Result<ObjectKind> detect_der(ByteView der);

/// A PKCS#1 RSAPublicKey ("RSA PUBLIC KEY") as the SubjectPublicKeyInfo every backend
/// reads (rsaEncryption, NULL parameters). The key itself is checked when imported.
Bytes rsa_public_key_to_spki(ByteView pkcs1);

// ---- PKCS#7 certificate bundles (certs-only SignedData) --------------------------------

/// The certificates of a PKCS#7 SignedData bundle, in file order, each as DER. BER is
/// accepted (Windows writes indefinite lengths). Content that is not SignedData, or a
/// bundle without certificates, is invalid_input.
Result<std::vector<Bytes>> read_pkcs7_certificates(ByteView ber);

/// A certs-only SignedData bundle (DER) with the certificates in the given order, as
/// `openssl crl2pkcs7 -nocrl` writes them.
Bytes write_pkcs7_certificates(const std::vector<Bytes>& certificates);

}  // namespace polycert
