// Writing output files so that a failure leaves nothing behind: the bytes go to a
// temporary file in the destination folder, created with its final mode from the first
// byte, fsync'ed, then renamed over the destination.
#pragma once

#include <polycert/error.hpp>
#include <polycert/secure_buffer.hpp>

#include <string>
#include <string_view>

namespace polycert {

/// The permissions a new file gets from its first byte.
enum class FileMode {
  secret,  ///< 0600: private keys and anything holding them
  public_, ///< 0644 (less the umask)
};

/// Writes `data` to `path` atomically. An existing file is refused (io error naming it)
/// unless `overwrite`; a replaced file takes the new mode. Anything at `path` that is not a
/// regular file (a device, FIFO, socket, directory or symbolic link) is never replaced.
Result<void> write_file_atomic(const std::string& path, ByteView data, FileMode mode,
                               bool overwrite);

/// io error naming `path` when something other than a regular file stands there (not
/// following a symbolic link); nothing when a regular file or nothing does.
Result<void> refuse_replacing_special_file(const std::string& path);

/// "a FIFO", "a character device", ...: what an st_mode says a file is, for messages.
std::string_view file_kind(unsigned mode);

/// Creates `path` and any missing folders above it with mode 0700 less the umask (whichever
/// is stricter), so no other user can swap the files polycert writes into them. Existing
/// folders are left as they are; something else in the way is an io error naming it.
Result<void> create_private_folders(const std::string& path);

/// Reads a whole file, refusing anything over der::kMaxInputSize. The contents may be
/// secret, so they come back zeroizing.
Result<SecureBuffer> read_file(const std::string& path);

}  // namespace polycert
