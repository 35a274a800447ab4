// Provider::verify_signature with Botan 2: the key from its SubjectPublicKeyInfo
// (Botan's load_public_key: RSA, EC, DSA, Ed25519), checked with PK_Verifier and the padding the
// scheme names.
//
// Missing: MD2 (Botan 2 has no MD2), PKCS#1 v1.5 with MD4 (no DigestInfo prefix for it),
// Ed448 and RSA-PSS whose MGF1 hash differs from the
// message hash (Botan 2's EMSA4 takes MGF1 with the message hash only); each is refused
// as unsupported before any check.
#include "botan_provider.hpp"
#include "errors.hpp"
#include "keys.hpp"

#include <botan/hash.h>
#include <botan/pk_keys.h>
#include <botan/pubkey.h>

namespace polycert::botan_backend {

namespace {

// Botan's hash names are the ones core prints ("SHA-256", "MD5").
std::string hash_name(SignatureHash hash) { return std::string(to_string(hash)); }

// Botan's algorithm name of the keys a scheme signs with.
std::string_view key_algorithm(SignatureScheme scheme) {
  switch (scheme) {
    case SignatureScheme::rsa_pkcs1:
    case SignatureScheme::rsa_pss: return "RSA";
    case SignatureScheme::ecdsa: return "ECDSA";
    case SignatureScheme::dsa: return "DSA";
    case SignatureScheme::ed25519: return "Ed25519";
    case SignatureScheme::ed448: return "Ed448";
  }
  return "";
}

}  // namespace

Result<void> BotanProvider::do_verify_signature(ByteView spki, const SignatureParameters& parameters,
                                                ByteView data, ByteView signature) {
  const std::string scheme = describe(parameters);
  if (parameters.scheme == SignatureScheme::ed448)
    return std::unexpected(unsupported("check Ed448 signatures", "Botan 2 has no Ed448"));
  if (parameters.hash && !Botan::HashFunction::create(hash_name(*parameters.hash)))
    return std::unexpected(unsupported("check " + scheme + " signatures",
                                       "Botan 2 has no " + std::string(to_string(*parameters.hash))));
  if (parameters.scheme == SignatureScheme::rsa_pss && parameters.mgf1_hash != parameters.hash)
    return std::unexpected(unsupported("check " + scheme + " signatures",
                                       "Botan 2's RSA-PSS uses the message hash for MGF1"));
  // The key the request or certificate being read was read with, or read now.
  std::shared_ptr<const Botan::Public_Key> key = remembered(spki);
  if (!key) {
    try {
      key = public_key_from_der(spki);
    } catch (const std::exception& e) {
      return std::unexpected(unsupported("check signatures made with this key",
                                         std::string("Botan cannot read it (") + e.what() + ")"));
    }
  }
  if (key->algo_name() != key_algorithm(parameters.scheme))
    return fail(ErrorCode::mismatch, "the signer's key is " + key->algo_name() +
                                         ", which does not make " + scheme + " signatures");
  std::string padding = "Pure";
  auto format = Botan::IEEE_1363;
  switch (parameters.scheme) {
    case SignatureScheme::rsa_pkcs1: padding = "EMSA3(" + hash_name(*parameters.hash) + ")"; break;
    case SignatureScheme::rsa_pss:
      padding = "EMSA4(" + hash_name(*parameters.hash) + ",MGF1," +
                std::to_string(parameters.salt_length) + ")";
      break;
    case SignatureScheme::ecdsa:
    case SignatureScheme::dsa:
      padding = "EMSA1(" + hash_name(*parameters.hash) + ")";
      format = Botan::DER_SEQUENCE;
      break;
    case SignatureScheme::ed25519:
    case SignatureScheme::ed448: break;
  }
  std::unique_ptr<Botan::PK_Verifier> verifier;
  try {  // Botan refuses here what it cannot check ("No PKCS #1 identifier for MD4")
    verifier = std::make_unique<Botan::PK_Verifier>(*key, padding, format);
  } catch (const std::exception& e) {
    return std::unexpected(unsupported("check " + scheme + " signatures", std::string("Botan: ") + e.what()));
  }
  return guarded("check a " + scheme + " signature", Blame::input, [&]() -> Result<void> {
    if (!verifier->verify_message(data.data(), data.size(), signature.data(), signature.size()))
      return fail(ErrorCode::mismatch, "the " + scheme + " signature does not verify");
    return {};
  });
}

}  // namespace polycert::botan_backend
