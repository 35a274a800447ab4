// Bounds on what polycert reads, so that a hostile file (the inputs come from strangers)
// costs at most a second or so and a few megabytes before it is refused with a clear
// error. docs/limits.md lists every limit with its value, why, and how to raise it.
//
// Defined elsewhere, next to the code they bound: der::kMaxInputSize and der::kMaxDepth
// (der.hpp: input size and nesting), kDefaultMaxKdfIterations / max_kdf_iterations()
// (primitives.hpp: the one limit settable at run time), kMaxSubjectAltNames and the
// other name and extension bounds (x509.hpp).
#pragma once

#include <cstddef>

namespace polycert {

/// Largest RSA modulus read, written or generated: the bound OpenSSL applies when it
/// verifies; a public-key operation with a larger modulus costs quadratically more.
inline constexpr unsigned kMaxRsaModulusBits = 16384;

/// Largest RSA public exponent read with a modulus over kMaxRsaSmallModulusBits: each
/// exponent bit costs a modular squaring in every signature check. OpenSSL's rule
/// (OPENSSL_RSA_MAX_PUBEXP_BITS above OPENSSL_RSA_SMALL_MODULUS_BITS), applied on read.
inline constexpr unsigned kMaxRsaPublicExponentBits = 64;
inline constexpr unsigned kMaxRsaSmallModulusBits = 3072;

/// Most objects (PEM blocks) in one input file.
inline constexpr std::size_t kMaxObjectsPerFile = 1000;

/// Most certificates in one PKCS#7 bundle, and most safe bags (certificates, keys and
/// nested bags together) in one PKCS#12 file.
inline constexpr std::size_t kMaxContainerEntries = 1000;

/// Most ContentInfo parts in a PKCS#12 AuthenticatedSafe: each encrypted part costs a key
/// derivation, so this bounds the KDF work a file can ask for. Tools write two.
inline constexpr std::size_t kMaxPkcs12Parts = 16;

/// Most certificates build_chain takes (a system CA bundle holds about 150).
inline constexpr std::size_t kMaxChainInputs = 1000;

/// Longest path build_chain follows, leaf and root included.
inline constexpr std::size_t kMaxChainLength = 32;

/// Most certificates carrying the same name that build_chain tries, by signature, as one
/// certificate's issuer: this bounds the signature checks to length x candidates.
inline constexpr std::size_t kMaxIssuerCandidates = 16;

}  // namespace polycert
