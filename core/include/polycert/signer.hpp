// A private key that polycert never holds: a key in a token (PKCS#11), reached through a
// handle that can only sign. Every backend accepts one wherever it takes a private key to
// sign with (requests, certificates, CRLs): core encodes what is signed (x509_encoding.hpp),
// the backend's library hashes it and checks the token's signature with the key's public
// half, and the token makes the signature. So no backend needs a key object of its own for
// it (docs/pkcs11.md).
#pragma once

#include <polycert/error.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/provider.hpp>
#include <polycert/secure_buffer.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace polycert {

/// The one operation a key store's key offers: its raw signature primitive.
class Signer {
 public:
  virtual ~Signer() = default;
  /// Where the key lives, for messages: "pkcs11:token=gw;object=api;type=private".
  virtual const std::string& location() const = 0;
  /// The kind of key store: "pkcs11".
  virtual std::string_view store() const = 0;
  virtual KeySpec spec() const = 0;
  /// The key's SubjectPublicKeyInfo (DER).
  virtual ByteView public_key() const = 0;
  /// The raw signature over `input`, with no hashing: RSA PKCS#1 v1.5 over a DigestInfo;
  /// ECDSA over a digest, returned as r‖s (each as long as the group order); Ed25519 over
  /// the message itself.
  virtual Result<Bytes> sign_raw(ByteView input) = 0;
  /// Why the key cannot be exported (it is not extractable, or polycert does not unwrap
  /// token keys): the message of the unsupported error export_private_key gives.
  virtual std::string why_not_exportable() const = 0;
};

/// A PrivateKey made of a Signer: what Provider's signing operations take.
class SignerKey final : public PrivateKey {
 public:
  explicit SignerKey(std::unique_ptr<Signer> signer) : signer_(std::move(signer)) {}
  std::string_view backend() const override { return signer_->store(); }
  KeySpec spec() const override { return signer_->spec(); }
  Signer* signer() const override { return signer_.get(); }

 private:
  std::unique_ptr<Signer> signer_;
};

/// The DigestInfo (RFC 8017 9.2) that PKCS#1 v1.5 signs: `digest`'s OID and `hashed`.
Bytes encode_digest_info(Digest digest, ByteView hashed);
/// An ECDSA r‖s pair (equal halves) as a DER Ecdsa-Sig-Value; invalid_input when `raw`
/// is empty or of odd length.
Result<Bytes> ecdsa_raw_to_der(ByteView raw);

}  // namespace polycert
