// The folder a batch writes into. Every file appears whole or not at all: its bytes go to
// an unnamed O_TMPFILE file created with the final mode, which linkat then names
// (refusing an existing name), so not even a kill -9 leaves a temporary file. With
// overwrite, or where the filesystem has no O_TMPFILE, a named temporary file
// (".polycert-PID-WORKER.tmp", one per worker thread) is renamed or linked into place. Unlike
// write_file_atomic there is no fsync per file, which costs two journal commits (~2 ms on ext4) and
// would dominate a batch of fast keys; sync() makes the whole batch durable once, at the end.
#pragma once

#include <polycert/error.hpp>
#include <polycert/file_output.hpp>
#include <polycert/secure_buffer.hpp>

#include <sys/types.h>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace polycert::cli {

class OutputDir {
 public:
  /// Opens `path`, creating it (mode 0755 less the umask, and any missing parents) if it
  /// does not exist. io error naming the path if it is not a writable folder.
  static Result<OutputDir> open(const std::string& path);

  OutputDir(OutputDir&& other) noexcept;
  OutputDir& operator=(OutputDir&&) = delete;
  OutputDir(const OutputDir&) = delete;
  ~OutputDir();

  const std::string& path() const { return path_; }
  /// "DIR/name", for messages.
  std::string path_of(std::string_view name) const;
  bool exists(const std::string& name) const;
  /// True when the folder holds nothing at all (one directory read, however many names a
  /// batch would check with exists()); false when it holds anything or cannot be read.
  bool empty() const;

  /// Writes `data` to `name` in the folder through worker `worker`'s temporary file.
  /// An existing file is refused unless `overwrite`. On failure nothing is left behind.
  Result<void> write(const std::string& name, ByteView data, FileMode mode, bool overwrite,
                     unsigned worker) const;
  /// Removes `name` (a file this batch wrote); errors are ignored.
  void remove(const std::string& name) const;
  /// Flushes what the batch wrote to disk (syncfs of the folder's filesystem, then the
  /// folder itself).
  Result<void> sync() const;

 private:
  OutputDir(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string temp_name(unsigned worker) const;
  enum class Linked { yes, unavailable };
  Result<Linked> write_unnamed(const std::string& name, ByteView data, mode_t permissions) const;

  std::string path_;
  int fd_ = -1;
  mutable std::atomic<bool> unnamed_available_{true};
  mutable std::atomic<bool> empty_path_link_{true};  // linkat(AT_EMPTY_PATH) allowed
};

}  // namespace polycert::cli
