// Signing with OpenSSL 3.0: the one operation requests and certificates need from a
// private key (core encodes what is signed, x509_encoding.hpp). EVP_DigestSign with the
// key's default scheme: PKCS#1 v1.5 for RSA, a DER Ecdsa-Sig-Value for ECDSA, Ed25519 over
// the message itself (no digest).
//
// Missing: whatever algorithm this OpenSSL cannot hold (probed at creation, `missing`).
#include "errors.hpp"
#include "keys.hpp"
#include "openssl_provider.hpp"
#include "x509_support.hpp"

namespace polycert::openssl_backend {

Result<Bytes> OpenSslProvider::do_sign(const PrivateKey& key, Digest digest, ByteView data) {
  ErrorQueueScope errors;
  const auto& signer = static_cast<const OpenSslPrivateKey&>(key);
  if (auto why = missing(signer.spec().algorithm); !why.empty())
    return std::unexpected(unsupported("sign with " + to_string(signer.spec()) + " keys", why));
  auto context = signing_context(signer, digest);
  if (!context) return std::unexpected(context.error());
  std::size_t length = 0;
  if (EVP_DigestSign(context->get(), nullptr, &length, data.data(), data.size()) != 1)
    return std::unexpected(openssl_error(ErrorCode::internal, "cannot size the signature"));
  Bytes signature(length);
  if (EVP_DigestSign(context->get(), signature.data(), &length, data.data(), data.size()) != 1)
    return std::unexpected(openssl_error(ErrorCode::internal, "cannot sign"));
  signature.resize(length);
  return signature;
}

}  // namespace polycert::openssl_backend
