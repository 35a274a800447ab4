// Key generation, import and export (keys.cpp), called by the provider's do_* overrides.
#pragma once

#include "handles.hpp"
#include "key_types.hpp"

#include <polycert/error.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/key_structure.hpp>
#include <polycert/provider.hpp>

#include <openssl/ec.h>
#include <openssl/x509.h>

#include <array>
#include <cstddef>
#include <memory>
#include <string>

namespace polycert::openssl_backend {

class OpenSslProvider;

/// Generates keys from one warm EVP_PKEY_CTX per spec: fetching the key manager and
/// setting bits or group on every call costs about as much as a P-256 key itself.
/// Not thread-safe, like the provider that owns it.
class KeyGenerator {
 public:
  /// A fresh key; `spec` must be one of kGeneratableKeySpecs.
  Result<PkeyPtr> generate(const KeySpec& spec);

 private:
  std::array<PkeyCtxPtr, kGeneratableKeySpecs.size()> contexts_;
};

/// Hinted OSSL_DECODER contexts kept warm, one per (structure, key algorithm). Setting up
/// a decoder context (fetching every decoder and key manager and chaining them) costs
/// about ten times the decoding itself in OpenSSL 3.0, which has no decoder cache of its
/// own; a context decodes any number of inputs. A context that failed is dropped: OpenSSL
/// 3.0 can report success without a key on the next call through it. Not thread-safe,
/// like the provider that owns it.
class KeyDecoders {
 public:
  enum class Structure { private_key_info, type_specific, subject_public_key_info };

  KeyDecoders() = default;
  KeyDecoders(const KeyDecoders&) = delete;  // OpenSSL holds the address of each slot
  KeyDecoders& operator=(const KeyDecoders&) = delete;

  /// Decodes the start of `*data` (`*left` bytes; both advance past what was read) as
  /// `structure` holding a key of `algorithm` (the private key pair, or the public key for
  /// SubjectPublicKeyInfo). Null on failure, with OpenSSL's error queue holding the reason
  /// (or no context: `*setup_failed`).
  PkeyPtr decode(Structure structure, KeyAlgorithm algorithm, const unsigned char** data,
                 std::size_t* left, bool* setup_failed);

 private:
  struct Slot {
    DecoderCtxPtr context;
    EVP_PKEY* decoded = nullptr;  // where the context puts each key it constructs
  };
  std::array<Slot, 9> slots_;  // [structure * 3 + algorithm]
};

/// The curves' EC_GROUPs, made once per provider for the EC import check (keys.cpp):
/// EC_GROUP_new_by_curve_name costs about as much as the check's multiplication.
class EcGroups {
 public:
  /// The group of `curve` (P-256, P-384 or P-521), or null if OpenSSL cannot make it.
  const EC_GROUP* get(Curve curve);

 private:
  struct GroupFree {
    void operator()(EC_GROUP* group) const { EC_GROUP_free(group); }
  };
  std::array<std::unique_ptr<EC_GROUP, GroupFree>, 3> groups_;  // P-256, P-384, P-521
};

/// Why the linked OpenSSL cannot hold keys of `algorithm` (no key manager in the loaded
/// providers), or "" if it can.
std::string probe_algorithm(KeyAlgorithm algorithm);

Result<std::unique_ptr<PrivateKey>> generate_private_key(OpenSslProvider& provider,
                                                         const KeySpec& spec);
/// `der` and `spki_der` passed core's inspection, which found `structure`.
Result<std::unique_ptr<PrivateKey>> read_private_key(OpenSslProvider& provider, ByteView der,
                                                     PrivateKeyForm form,
                                                     const KeyStructure& structure);
Result<std::unique_ptr<PublicKey>> read_public_key(OpenSslProvider& provider, ByteView spki_der,
                                                   const KeyStructure& structure);
Result<SecureBuffer> write_private_key(const OpenSslPrivateKey& key, PrivateKeyForm form);
/// SubjectPublicKeyInfo DER of a key's public half (private or public key).
Result<Bytes> write_public_key(const EVP_PKEY* pkey);
/// Sets `pubkey` (e.g. a request's) to the public half of an EC or Ed25519 `key` from the
/// numbers OpenSSL holds: the bytes OpenSSL's SubjectPublicKeyInfo encoder writes, without
/// X509_PUBKEY_set's round trip through an OSSL_ENCODER and an OSSL_DECODER (which is
/// two thirds of making a P-256 request). False for RSA keys, or when OpenSSL does not give
/// the numbers: then use X509_PUBKEY_set. `pubkey` holds no EVP_PKEY afterwards, only the
/// encoding, which is all that signing and writing a request use.
bool set_public_key_from_numbers(X509_PUBKEY* pubkey, const OpenSslPrivateKey& key);

}  // namespace polycert::openssl_backend
