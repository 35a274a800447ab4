#include <polycert/der.hpp>
#include <polycert/file_output.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace polycert {

namespace {

std::string errno_text(int err) { return std::strerror(err); }

std::string folder_of(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// Owns a temporary file until it is committed: the destructor removes it on any
// failure path, so an interrupted write leaves nothing behind.
class TemporaryFile {
 public:
  explicit TemporaryFile(std::string path) : path_(std::move(path)) {}
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(path_.c_str());
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  int& fd() { return fd_; }
  const std::string& path() const { return path_; }
  void committed() { committed_ = true; }

 private:
  std::string path_;
  int fd_ = -1;
  bool committed_ = false;
};

}  // namespace

namespace {

std::unexpected<Error> file_exists(const std::string& path) {
  return std::unexpected(Error{ErrorCode::io, path + ": file exists", Remedy::allow_overwrite, path});
}

// What stands at `path`, not following a symbolic link: "" when nothing does.
std::string_view kind_at(const std::string& path) {
  struct stat existing {};
  if (::lstat(path.c_str(), &existing) != 0) return {};
  return file_kind(existing.st_mode);
}

}  // namespace

std::string_view file_kind(unsigned mode) {
  if (S_ISREG(mode)) return "a regular file";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

Result<void> refuse_replacing_special_file(const std::string& path) {
  const std::string_view kind = kind_at(path);
  if (kind.empty() || kind == file_kind(S_IFREG)) return {};
  return fail(ErrorCode::io, path + ": is " + std::string(kind) +
                                 "; polycert replaces only regular files, even when told to overwrite");
}

Result<void> write_file_atomic(const std::string& path, ByteView data, FileMode mode,
                               bool overwrite) {
  const mode_t permissions = mode == FileMode::secret ? 0600 : 0644;
  // A device, FIFO, directory or link in the way is never replaced: as root, -o /dev/null
  // --force would otherwise swap the system's /dev/null for a key file.
  if (!kind_at(path).empty()) {
    if (!overwrite) return file_exists(path);
    if (auto regular = refuse_replacing_special_file(path); !regular) return regular;
  }

  const std::string folder = folder_of(path);
  std::string name;
  std::unique_ptr<TemporaryFile> temp;
  // O_EXCL with the final mode: the file is never readable by others, not even briefly.
  for (int attempt = 0; attempt < 100 && !temp; ++attempt) {
    name = folder + "/.polycert-" + std::to_string(::getpid()) + "-" + std::to_string(attempt) +
           ".tmp";
    const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions);
    if (fd >= 0) {
      temp = std::make_unique<TemporaryFile>(name);
      temp->fd() = fd;
    } else if (errno != EEXIST) {
      return fail(ErrorCode::io, path + ": cannot create a file in " + folder + ": " +
                                     errno_text(errno));
    }
  }
  if (!temp) return fail(ErrorCode::io, path + ": cannot create a temporary file in " + folder);

  std::size_t written = 0;
  while (written < data.size()) {
    const ssize_t n = ::write(temp->fd(), data.data() + written, data.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(ErrorCode::io, path + ": write failed: " + errno_text(errno));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(temp->fd()) != 0)
    return fail(ErrorCode::io, path + ": fsync failed: " + errno_text(errno));
  if (::close(temp->fd()) != 0) {
    temp->fd() = -1;
    return fail(ErrorCode::io, path + ": close failed: " + errno_text(errno));
  }
  temp->fd() = -1;

  if (overwrite) {
    // Again just before the rename, which is what would replace it.
    if (auto regular = refuse_replacing_special_file(path); !regular) return regular;
    if (::rename(temp->path().c_str(), path.c_str()) != 0)
      return fail(ErrorCode::io, path + ": cannot rename into place: " + errno_text(errno));
  } else {
    // link() fails if the destination appeared meanwhile: never replace a file by accident.
    if (::link(temp->path().c_str(), path.c_str()) != 0) {
      if (errno == EEXIST) return file_exists(path);
      return fail(ErrorCode::io, path + ": cannot create: " + errno_text(errno));
    }
    ::unlink(temp->path().c_str());
  }
  temp->committed();

  // Make the rename durable too.
  if (const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return {};
}

Result<void> create_private_folders(const std::string& path) {
  if (path.empty()) return {};
  // Each missing folder from the top down, 0700 less the umask: whichever is stricter.
  for (std::size_t end = path.find('/', 1);; end = path.find('/', end + 1)) {
    const std::string folder = path.substr(0, end);
    if (!folder.empty() && folder.back() != '/' && ::mkdir(folder.c_str(), 0700) != 0) {
      const int err = errno;
      struct stat existing {};
      if (err != EEXIST)
        return fail(ErrorCode::io, folder + ": cannot create the folder: " + errno_text(err));
      if (::stat(folder.c_str(), &existing) != 0 || !S_ISDIR(existing.st_mode)) {
        const std::string_view kind = kind_at(folder);
        return fail(ErrorCode::io, folder + ": is not a folder" +
                                       (kind.empty() ? "" : " (" + std::string(kind) + ")"));
      }
    }
    if (end == std::string::npos) return {};
  }
}

Result<SecureBuffer> read_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(ErrorCode::io, path + ": cannot open: " + errno_text(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  SecureBuffer data;
  std::uint8_t chunk[16384];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      secure_zero(chunk, sizeof chunk);
      return fail(ErrorCode::io, path + ": read failed: " + errno_text(err));
    }
    if (n == 0) break;
    if (data.size() + static_cast<std::size_t>(n) > der::kMaxInputSize) {
      secure_zero(chunk, sizeof chunk);
      return fail(ErrorCode::invalid_input, path + ": larger than the " +
                                                std::to_string(der::kMaxInputSize) +
                                                "-byte input limit");
    }
    data.insert(data.end(), chunk, chunk + n);
  }
  secure_zero(chunk, sizeof chunk);
  return data;
}

}  // namespace polycert
