// Password sources, spelled as OpenSSL spells them: pass:TEXT, env:VAR, file:PATH,
// fd:N, stdin. The password is read once into a zeroizing buffer; for file:, fd: and
// stdin only the first line counts (a trailing CR/LF is not part of it).
#pragma once

#include <polycert/error.hpp>
#include <polycert/secure_buffer.hpp>

#include <cstddef>
#include <string_view>

namespace polycert {

/// Longest password read from file:, fd: or stdin (its first line, line end excluded): a
/// source that is really a large file is a mistake, refused rather than tried.
inline constexpr std::size_t kMaxPasswordSize = 64 * 1024;

/// Reads the password a source names. invalid_input for an unknown source form or a
/// password over kMaxPasswordSize (naming the source and the limit); io when the variable
/// is unset or the file or descriptor cannot be read.
Result<SecureBuffer> read_password(std::string_view source);

/// Whether `source` has the form of a password source (pass:TEXT, env:VAR, file:PATH, fd:N
/// or stdin), before anything is read; invalid_input listing the forms otherwise. The CLI
/// checks its options with it, so a password typed in place of a source is a usage error.
Result<void> check_password_source(std::string_view source);

/// True for pass:TEXT, whose password other users of the machine can read in the process
/// list: the CLI warns about it.
bool password_on_command_line(std::string_view source);

}  // namespace polycert
