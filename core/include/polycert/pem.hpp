// PEM armor (RFC 7468, with the laxness real files need): many blocks per file, text
// before, between and after them, CRLF line ends, trailing spaces, a UTF-8 BOM, and
// RFC 1421 headers (Proc-Type, DEK-Info) kept for the caller. Written at 64 columns.
#pragma once

#include <polycert/error.hpp>
#include <polycert/secure_buffer.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace polycert {

/// One -----BEGIN LABEL----- block: its label, headers and decoded bytes.
struct PemBlock {
  std::string label;  ///< "CERTIFICATE", "PRIVATE KEY", ...
  std::vector<std::pair<std::string, std::string>> headers;  ///< "Proc-Type", "4,ENCRYPTED"
  SecureBuffer der;   ///< decoded body (zeroized: it may be a key)
};

/// True if `text` contains a PEM BEGIN line.
bool looks_like_pem(ByteView data);

/// Every block in `text`, in order. A BEGIN without a matching END, a mismatched END
/// label, bad base64 or no block at all is invalid_input naming the line.
Result<std::vector<PemBlock>> pem_decode(ByteView text);

/// One block: BEGIN line, base64 at 64 columns, END line, each ending in '\n'.
SecureBuffer pem_encode(std::string_view label, ByteView der);

}  // namespace polycert
