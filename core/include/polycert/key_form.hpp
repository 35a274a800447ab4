// The forms an unencrypted private key is written in: which DER structure it is, and how
// an export is asked for. The structures themselves are read and written by
// key_syntax.hpp; key_encoding.hpp converts between the forms.
#pragma once

#include <string_view>

namespace polycert {

/// How to export a private key.
enum class PrivateKeyEncoding {
  pkcs8,        ///< PKCS#8 PrivateKeyInfo, any algorithm ("PRIVATE KEY")
  traditional,  ///< PKCS#1 for RSA ("RSA PRIVATE KEY"), SEC1 for EC ("EC PRIVATE KEY")
};

/// The concrete DER structure of an unencrypted private key. `dsa` is OpenSSL's
/// traditional DSAPrivateKey ("DSA PRIVATE KEY"): read and described, never used, as
/// polycert holds no DSA keys.
enum class PrivateKeyForm { pkcs8, rsa_pkcs1, ec_sec1, dsa };

/// "PKCS#8", "PKCS#1 RSA", "SEC1 EC", "traditional DSA".
std::string_view to_string(PrivateKeyForm form);

/// PEM label of a private key form: "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY".
std::string_view pem_label(PrivateKeyForm form);

}  // namespace polycert
