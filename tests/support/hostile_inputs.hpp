// Inputs that stay within every framing rule but ask for more than polycert allows: huge
// RSA moduli, KDF iteration counts of 2^31, PKCS#12 files with too many parts, deep
// nesting. Built with core's DER writer, so each test says exactly what it sends.
#pragma once

#include <polycert/secure_buffer.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace polycert::testing {

/// A SubjectPublicKeyInfo (rsaEncryption) whose modulus is exactly `bits` bits (>= 9).
/// The exponent is 65537 (17 bits), or all ones in `exponent_bits` (at least 9) bits.
Bytes rsa_spki_with_modulus_bits(unsigned bits, unsigned exponent_bits = 17);
/// A PKCS#1 RSAPrivateKey whose modulus is exactly `bits` bits (not a working key: the
/// other numbers are small, the structure is well-formed).
Bytes rsa_private_key_with_modulus_bits(unsigned bits);
/// A certificate (v3, sha256WithRSAEncryption, CN=hostile) carrying `spki`, with a junk
/// signature: well-formed DER that no backend should need to verify.
Bytes certificate_with_spki(ByteView spki);

/// An EncryptedPrivateKeyInfo (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC) asking for
/// `iterations` rounds; the ciphertext is junk.
Bytes encrypted_key_with_iterations(std::uint64_t iterations);
/// `pfx` (a DER PFX with MacData) with its MAC iteration count replaced.
Bytes pfx_with_mac_iterations(ByteView pfx, std::uint64_t iterations);
/// A PFX without a MAC whose AuthenticatedSafe has `parts` data parts, each an empty
/// SafeContents.
Bytes pfx_with_parts(std::size_t parts);

/// A PFX without a MAC or encryption: one data part holding `count` certBags of
/// `certificate`.
Bytes pfx_with_certificates(ByteView certificate, std::size_t count);

/// `depth` SEQUENCEs, each inside the previous (depth 1 is an empty SEQUENCE).
Bytes nested_sequences(unsigned depth);

/// PEM text of `der` under `label`.
std::string pem_text(std::string_view label, ByteView der);

}  // namespace polycert::testing
