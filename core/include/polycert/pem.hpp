// PEM armor (RFC 7468, with the laxness real files need): many blocks per file, text
// before, between and after them, CRLF line ends, trailing spaces, a UTF-8 BOM, and
// RFC 1421 headers (Proc-Type, DEK-Info) kept for the caller. Written at 64 columns.
#pragma once

#include <polycert/error.hpp>
#include <polycert/secure_buffer.hpp>

#include <cstddef>
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
  std::size_t line = 0;  ///< the line of its BEGIN line, counted from 1
};

/// A block that cannot be used, where it is and why. Shared by pem_scan (the armor) and
/// survey_objects (formats.hpp: what the armor holds).
struct MalformedBlock {
  std::size_t line = 0;  ///< the block's BEGIN line (for an END line without BEGIN: that line)
  std::string label;     ///< the BEGIN label; empty for an END line without BEGIN
  /// One phrase naming the block and what is wrong, without the line of the block itself:
  /// "PEM block 'CERTIFICATE' has bad base64 at line 17 ('*' is not a base64 character)".
  std::string problem;
};

/// Every block of a PEM text, usable or not, each in file order. Text outside blocks is
/// allowed and ignored (RFC 7468 section 2, explanatory text).
struct PemScan {
  std::vector<PemBlock> blocks;
  std::vector<MalformedBlock> malformed;
};

/// True if `text` contains a PEM BEGIN line.
bool looks_like_pem(ByteView data);

/// Reads every block of `text` and keeps going past a malformed one, so a caller can use
/// the good blocks and name the bad ones. Malformed: a BEGIN without END (the scan picks
/// up again at the next BEGIN line), an END label that is not the BEGIN label, bad or
/// empty base64, an END line without BEGIN. invalid_input only for the text as a whole:
/// over the input size limit, or no BEGIN or END line at all ("no PEM block found").
Result<PemScan> pem_scan(ByteView text);

/// Every block in `text`, in order, all or nothing: the first malformed block (pem_scan)
/// is invalid_input naming its line; so is text without any block.
Result<std::vector<PemBlock>> pem_decode(ByteView text);

/// One block: BEGIN line, base64 at 64 columns, END line, each ending in '\n'.
SecureBuffer pem_encode(std::string_view label, ByteView der);

}  // namespace polycert
