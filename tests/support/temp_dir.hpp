// A fresh folder for one test, removed with everything in it afterwards.
#pragma once

#include <polycert/secure_buffer.hpp>

#include <filesystem>
#include <string>

namespace polycert::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  /// Path of `name` inside the folder.
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  /// Writes `data` to `name` inside the folder and returns its path.
  std::string write(const std::string& name, ByteView data) const;

 private:
  std::filesystem::path path_;
};

/// The whole contents of a file (throws if unreadable).
Bytes read_bytes(const std::string& path);
/// Permission bits of a file (e.g. 0600).
unsigned file_mode(const std::string& path);

}  // namespace polycert::testing
