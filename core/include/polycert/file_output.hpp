// Writing output files so that a failure leaves nothing behind: the bytes go to a
// temporary file in the destination folder, created with its final mode from the first
// byte, fsync'ed, then renamed over the destination.
#pragma once

#include <polycert/error.hpp>
#include <polycert/secure_buffer.hpp>

#include <string>

namespace polycert {

/// The permissions a new file gets from its first byte.
enum class FileMode {
  secret,  ///< 0600: private keys and anything holding them
  public_, ///< 0644 (less the umask)
};

/// Writes `data` to `path` atomically. An existing file is refused (io error naming it)
/// unless `overwrite`; a replaced file takes the new mode.
Result<void> write_file_atomic(const std::string& path, ByteView data, FileMode mode,
                               bool overwrite);

/// Reads a whole file, refusing anything over der::kMaxInputSize. The contents may be
/// secret, so they come back zeroizing.
Result<SecureBuffer> read_file(const std::string& path);

}  // namespace polycert
