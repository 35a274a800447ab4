#include "output_dir.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>

namespace polycert::cli {

namespace {

std::string errno_text(int err) { return std::strerror(err); }

}  // namespace

Result<OutputDir> OutputDir::open(const std::string& path) {
  // 0700 (less the umask): under umask 000 a 0777 folder would let any local user swap
  // the keys written into it.
  if (auto created = create_private_folders(path); !created) return std::unexpected(created.error());
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return fail(ErrorCode::io, path + ": cannot open the folder: " + errno_text(errno));
  OutputDir dir(path, fd);
  if (::faccessat(fd, ".", W_OK | X_OK, AT_EACCESS) != 0)
    return fail(ErrorCode::io, path + ": cannot write in the folder: " + errno_text(errno));
  return dir;
}

OutputDir::OutputDir(OutputDir&& other) noexcept
    : path_(std::move(other.path_)),
      fd_(other.fd_),
      unnamed_available_(other.unnamed_available_.load()),
      empty_path_link_(other.empty_path_link_.load()) {
  other.fd_ = -1;
}

OutputDir::~OutputDir() {
  if (fd_ >= 0) ::close(fd_);
}

std::string OutputDir::path_of(std::string_view name) const {
  std::string out = path_;
  if (!out.ends_with('/')) out += '/';
  return out.append(name);
}

bool OutputDir::empty() const {
  // A directory stream of its own: reading through fd_ would move fd_'s offset.
  const int fd = ::openat(fd_, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  DIR* stream = ::fdopendir(fd);
  if (stream == nullptr) {
    ::close(fd);
    return false;
  }
  bool nothing = true;
  while (const dirent* entry = ::readdir(stream)) {
    const std::string_view name = entry->d_name;
    if (name != "." && name != "..") {
      nothing = false;
      break;
    }
  }
  ::closedir(stream);  // closes fd
  return nothing;
}

bool OutputDir::exists(const std::string& name) const {
  struct stat info {};
  return ::fstatat(fd_, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0;
}

std::string OutputDir::temp_name(unsigned worker) const {
  return ".polycert-" + std::to_string(::getpid()) + "-" + std::to_string(worker) + ".tmp";
}

namespace {

Result<void> write_all(int fd, ByteView data, const std::string& path) {
  std::size_t written = 0;
  while (written < data.size()) {
    const ssize_t n = ::write(fd, data.data() + written, data.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(ErrorCode::io, path + ": write failed: " + errno_text(errno));
    }
    written += static_cast<std::size_t>(n);
  }
  return {};
}

}  // namespace

Result<OutputDir::Linked> OutputDir::write_unnamed(const std::string& name, ByteView data,
                                                   mode_t permissions) const {
  // An O_TMPFILE file has no name until linkat gives it one, so a crash or a kill at any
  // moment leaves nothing behind. linkat(fd, "", AT_EMPTY_PATH) names it directly; Linux
  // allows that to the opener of the file since 6.10 and to holders of
  // CAP_DAC_READ_SEARCH before, and refuses it with ENOENT otherwise. Linking through
  // /proc/self/fd needs no privilege, but resolving that path costs more than the link
  // itself, so it is the fallback, remembered for the rest of the batch.
  const int fd = ::openat(fd_, ".", O_WRONLY | O_TMPFILE | O_CLOEXEC, permissions);
  if (fd < 0) return Linked::unavailable;  // the filesystem has no O_TMPFILE
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  if (auto written = write_all(fd, data, path_of(name)); !written)
    return std::unexpected(written.error());
  if (empty_path_link_.load(std::memory_order_relaxed)) {
    if (::linkat(fd, "", fd_, name.c_str(), AT_EMPTY_PATH) == 0) return Linked::yes;
    if (errno == EEXIST)
      return fail(ErrorCode::io, path_of(name) + ": file exists; use --force to replace it");
    // ENOENT or EPERM: not allowed here; anything else is reported by the call below.
    empty_path_link_.store(false, std::memory_order_relaxed);
  }
  const std::string proc = "/proc/self/fd/" + std::to_string(fd);
  if (::linkat(AT_FDCWD, proc.c_str(), fd_, name.c_str(), AT_SYMLINK_FOLLOW) == 0)
    return Linked::yes;
  if (errno == EEXIST)
    return fail(ErrorCode::io, path_of(name) + ": file exists; use --force to replace it");
  if (errno == ENOENT) return Linked::unavailable;  // no /proc
  return fail(ErrorCode::io, path_of(name) + ": cannot create: " + errno_text(errno));
}

Result<void> OutputDir::write(const std::string& name, ByteView data, FileMode mode, bool overwrite,
                              unsigned worker) const {
  const mode_t permissions = mode == FileMode::secret ? 0600 : 0644;
  if (!overwrite && unnamed_available_.load(std::memory_order_relaxed)) {
    auto linked = write_unnamed(name, data, permissions);
    if (!linked) return std::unexpected(linked.error());
    if (*linked == Linked::yes) return {};
    unnamed_available_.store(false, std::memory_order_relaxed);
  }
  // A named temporary file, linked (refusing an existing name) or renamed into place.
  const std::string temp = temp_name(worker);
  // O_EXCL with the final mode: a key file is never readable by others, not even briefly.
  // A leftover of a killed run with the same pid and worker is not ours to keep.
  int fd = ::openat(fd_, temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions);
  if (fd < 0 && errno == EEXIST && ::unlinkat(fd_, temp.c_str(), 0) == 0)
    fd = ::openat(fd_, temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions);
  if (fd < 0)
    return fail(ErrorCode::io,
                path_of(name) + ": cannot create a file in " + path_ + ": " + errno_text(errno));
  // Removes the temporary file on every path that does not end in commit().
  struct Temporary {
    int dir, fd;
    const std::string& name;
    bool committed = false;
    ~Temporary() {
      if (fd >= 0) ::close(fd);
      if (!committed) ::unlinkat(dir, name.c_str(), 0);
    }
  } temporary{fd_, fd, temp};

  if (auto written = write_all(fd, data, path_of(name)); !written) return written;
  temporary.fd = -1;
  if (::close(fd) != 0)
    return fail(ErrorCode::io, path_of(name) + ": close failed: " + errno_text(errno));

  if (overwrite) {
    // A device, FIFO, folder or link of that name is never replaced, even with --force.
    if (auto regular = refuse_replacing_special_file(path_of(name)); !regular) return regular;
    if (::renameat(fd_, temp.c_str(), fd_, name.c_str()) != 0)
      return fail(ErrorCode::io,
                  path_of(name) + ": cannot rename into place: " + errno_text(errno));
  } else {
    // linkat fails if the name exists: never replace a file by accident.
    if (::linkat(fd_, temp.c_str(), fd_, name.c_str(), 0) != 0) {
      if (errno == EEXIST)
        return fail(ErrorCode::io, path_of(name) + ": file exists; use --force to replace it");
      return fail(ErrorCode::io, path_of(name) + ": cannot create: " + errno_text(errno));
    }
    ::unlinkat(fd_, temp.c_str(), 0);
  }
  temporary.committed = true;
  return {};
}

void OutputDir::remove(const std::string& name) const { ::unlinkat(fd_, name.c_str(), 0); }

Result<void> OutputDir::sync() const {
  if (::syncfs(fd_) != 0)
    return fail(ErrorCode::io, path_ + ": syncfs failed: " + errno_text(errno));
  if (::fsync(fd_) != 0) return fail(ErrorCode::io, path_ + ": fsync failed: " + errno_text(errno));
  return {};
}

}  // namespace polycert::cli
