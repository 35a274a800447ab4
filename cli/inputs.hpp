// Reading the files commands take: PEM (any of the usual labels, text around blocks) or
// DER. Every error names the file and what was found there.
#pragma once

#include <polycert/error.hpp>
#include <polycert/formats.hpp>
#include <polycert/provider.hpp>
#include <polycert/secure_buffer.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace polycert::cli {

/// "path:LINE: what is wrong": how every command names a PEM block it cannot use.
std::string describe_malformed(const std::string& path, const MalformedBlock& block);

/// What a file holds, block by block (survey_objects): the objects that can be used and
/// the malformed blocks. Errors (the file as a whole) name the file. For `inspect`, which
/// shows the good objects and names the bad ones (docs/pem-bags.md).
Result<ObjectSurvey> survey_file(const std::string& path);

/// Every object in a file, all or nothing: a file with a malformed block is invalid_input
/// naming each one as path:LINE, its good objects unused. The policy of the commands that
/// write or vouch for what they read: convert, chain, match, sign (docs/pem-bags.md).
Result<std::vector<FoundObject>> objects_in_file(const std::string& path);

/// The DER of the first object of `kind` in a file (find_objects: PEM with any of the
/// usual labels, or DER). invalid_input names the file and what it holds instead.
Result<SecureBuffer> read_object(const std::string& path, ObjectKind kind);

/// A private key file imported into `provider`: PKCS#8, PKCS#1, SEC1 or encrypted PKCS#8,
/// PEM or DER; or, for a pkcs11: URI, the key in that token (token_keys.hpp), its PIN from
/// --pin, else `passin`. An encrypted key takes its password from `passin` (a password source), or
/// asks for it on a terminal; without either it is bad_password, saying --passin is
/// needed. What protects the key is read before any password is asked for.
Result<std::unique_ptr<PrivateKey>> load_private_key(Provider& provider, const std::string& path,
                                                     const std::string& passin = {});
/// The same for a key already found in `path` (kind private_key, encrypted_private_key or
/// legacy_encrypted_key).
Result<std::unique_ptr<PrivateKey>> load_private_key(Provider& provider, const FoundObject& key,
                                                     const std::string& path,
                                                     const std::string& passin);

/// The password for an encrypted input: from `passin` (a password source) when given,
/// else asked on a terminal (without echo), else none (nullopt): the caller says what is
/// needed. Never a prompt when standard input is not a terminal.
Result<std::optional<SecureBuffer>> input_password(const std::string& path, const std::string& passin);

/// A password (or PIN) typed at the terminal after `prompt`, without echo.
Result<SecureBuffer> ask_password(const std::string& prompt);

}  // namespace polycert::cli
