// Signing with Botan 2: the one operation requests and certificates need from a private
// key (core encodes what is signed, x509_encoding.hpp). Botan's PK_Signer with the EMSA
// that matches polycert's algorithm: EMSA3 (PKCS#1 v1.5 with the DigestInfo) for RSA,
// EMSA1 with DER_SEQUENCE output (the Ecdsa-Sig-Value SEQUENCE { r, s } X.509 wants) for
// ECDSA, "Pure" Ed25519 (no pre-hash).
//
// Missing capabilities: none.
#include "botan_provider.hpp"
#include "errors.hpp"
#include "key_types.hpp"

#include <botan/pubkey.h>

#include <memory>
#include <string>

namespace polycert::botan_backend {

namespace {

std::string hash_name(Digest digest) {
  switch (digest) {
    case Digest::sha256: return "SHA-256";
    case Digest::sha384: return "SHA-384";
    case Digest::sha512: return "SHA-512";
  }
  return "SHA-256";
}

}  // namespace

Result<Bytes> BotanProvider::do_sign(const PrivateKey& key, Digest digest, ByteView data) {
  auto generator = rng();
  if (!generator) return std::unexpected(generator.error());
  return guarded("sign", Blame::library, [&]() -> Result<Bytes> {
    const BotanPrivateKey& signing_key = native(key);
    std::unique_ptr<Botan::PK_Signer> signer;
    switch (signing_key.spec().algorithm) {
      case KeyAlgorithm::rsa:
        signer = std::make_unique<Botan::PK_Signer>(signing_key.native(), **generator,
                                                    "EMSA3(" + hash_name(digest) + ")");
        break;
      case KeyAlgorithm::ec:
        signer = std::make_unique<Botan::PK_Signer>(
            signing_key.native(), **generator, "EMSA1(" + hash_name(digest) + ")",
            Botan::DER_SEQUENCE);
        break;
      case KeyAlgorithm::ed25519:
        signer = std::make_unique<Botan::PK_Signer>(signing_key.native(), **generator, "Pure");
        break;
    }
    const std::vector<std::uint8_t> signature =
        signer->sign_message(data.data(), data.size(), **generator);
    return Bytes(signature.begin(), signature.end());
  });
}

}  // namespace polycert::botan_backend
