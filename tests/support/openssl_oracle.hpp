// The openssl CLI as an independent oracle: what it says about bytes a backend wrote.
#pragma once

#include <polycert/key_spec.hpp>
#include <polycert/secure_buffer.hpp>

#include <optional>
#include <string>
#include <vector>

namespace polycert::testing {

struct OracleKeyVerdict {
  bool accepted = false;        ///< `openssl pkey -check` succeeded
  std::string diagnostics;      ///< what openssl printed when it did not
  std::optional<KeySpec> spec;  ///< type and size as openssl reads them
  Bytes spki;                   ///< `openssl pkey -pubout -outform DER`
};

/// Checks a DER private key (PKCS#8 or traditional) with `openssl pkey`.
OracleKeyVerdict openssl_check_private_key(ByteView der);

/// Type and size of a public key (SPKI DER) as `openssl pkey -pubin -text` reads it.
std::optional<KeySpec> openssl_public_key_spec(ByteView spki);

struct OracleVerdict {
  bool accepted = false;
  std::string output;  ///< everything openssl printed
};

/// `openssl req -verify -text` on a DER request: accepted when the signature verifies.
OracleVerdict openssl_verify_csr(ByteView der);

/// `openssl x509 -text` on a DER certificate: accepted when openssl can read it.
OracleVerdict openssl_certificate_text(ByteView der);

/// `openssl verify -x509_strict -CAfile root -untrusted <intermediates> leaf`, all DER.
OracleVerdict openssl_verify_chain(ByteView root, const std::vector<Bytes>& intermediates,
                                   ByteView leaf);

/// `openssl crl -verify -CAfile issuer` on a DER CRL: accepted when openssl reads it and
/// its signature verifies with the issuer's key ("verify OK").
OracleVerdict openssl_verify_crl(ByteView crl, ByteView issuer);

/// `openssl verify -crl_check` (or `-crl_check_all` with `whole_chain`) `-CRLfile crls
/// -CAfile root -untrusted <intermediates> leaf`, all DER.
OracleVerdict openssl_verify_with_crls(ByteView root, const std::vector<Bytes>& intermediates,
                                       ByteView leaf, const std::vector<Bytes>& crls,
                                       bool whole_chain);

}  // namespace polycert::testing
