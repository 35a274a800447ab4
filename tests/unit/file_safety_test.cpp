// write_file_atomic when things go wrong: a folder it cannot write to, a write that fails
// half way (RLIMIT_FSIZE), a process killed in the middle of writing. In every case an
// existing file is byte-identical afterwards and no temporary file is left, except after
// SIGKILL, where the one left is the hidden temporary file, already 0600 when the data
// is secret: the mode is set by open(O_CREAT | O_EXCL, mode), never by chmod afterwards.
#include "temp_dir.hpp"

#include <polycert/file_output.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

namespace polycert {
namespace {

using testing::file_mode;
using testing::read_bytes;
using testing::TempDir;

const Bytes kOld = {'o', 'l', 'd', ' ', 'k', 'e', 'y', '\n'};

std::vector<std::string> names_in(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    names.push_back(entry.path().filename().string());
  std::ranges::sort(names);
  return names;
}

// Runs write_file_atomic in a child whose file size limit is `limit` bytes, with
// SIGXFSZ ignored (write fails with EFBIG) or left to kill the child. Returns the
// child's exit status (0: written, 1: error returned) or 128 + signal.
int write_in_child(const std::string& path, ByteView data, FileMode mode, bool overwrite,
                   rlim_t limit, bool survive_the_limit) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::umask(0);  // the mode must not depend on the umask being strict
    if (survive_the_limit) std::signal(SIGXFSZ, SIG_IGN);
    const rlimit fsize{limit, limit};
    ::setrlimit(RLIMIT_FSIZE, &fsize);
    const bool ok = write_file_atomic(path, data, mode, overwrite).has_value();
    ::_exit(ok ? 0 : 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

TEST(WriteFileFailure, AFailedWriteLeavesTheExistingFileByteIdenticalAndNoTemporaryFile) {
  TempDir dir;
  const std::string path = dir.write("k.pem", kOld);
  const Bytes big(64 * 1024, 'N');
  EXPECT_EQ(write_in_child(path, big, FileMode::secret, true, 4096, true), 1);
  EXPECT_EQ(read_bytes(path), kOld);
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"k.pem"});
}

TEST(WriteFileFailure, AFailedWriteOfANewFileLeavesNothing) {
  TempDir dir;
  const Bytes big(64 * 1024, 'N');
  EXPECT_EQ(write_in_child(dir.file("k.pem"), big, FileMode::secret, false, 4096, true), 1);
  EXPECT_TRUE(names_in(dir.path()).empty());
}

TEST(WriteFileFailure, KilledMidWriteTheDestinationIsUntouchedAndThePartialFileIs0600) {
  TempDir dir;
  const std::string path = dir.write("k.pem", kOld);
  const Bytes big(64 * 1024, 'N');
  EXPECT_EQ(write_in_child(path, big, FileMode::secret, true, 4096, false), 128 + SIGXFSZ);
  EXPECT_EQ(read_bytes(path), kOld);
  const auto names = names_in(dir.path());
  ASSERT_EQ(names.size(), 2u) << "the killed writer's temporary file";
  const std::string& temporary = names[0] == "k.pem" ? names[1] : names[0];
  EXPECT_TRUE(temporary.starts_with(".polycert-") && temporary.ends_with(".tmp")) << temporary;
  EXPECT_EQ(file_mode(dir.file(temporary)), 0600u) << "secret bytes were written under a wider mode";
  EXPECT_EQ(read_bytes(dir.file(temporary)).size(), 4096u);
}

TEST(WriteFileFailure, AFolderThatCannotBeWrittenNamesThePathAndLeavesNothing) {
  TempDir dir;
  // A regular file where the folder should be: unwritable whatever the user (even root).
  const std::string not_a_folder = dir.write("file", kOld);
  const std::string path = not_a_folder + "/k.pem";
  auto result = write_file_atomic(path, kOld, FileMode::secret, false);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::io);
  EXPECT_NE(result.error().message.find(path), std::string::npos) << result.error().message;
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"file"});
}

TEST(WriteFileFailure, AReadOnlyFolderIsRefusedForOrdinaryUsers) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes to read-only folders";
  TempDir dir;
  const std::string folder = dir.file("locked");
  ASSERT_EQ(::mkdir(folder.c_str(), 0500), 0);
  auto result = write_file_atomic(folder + "/k.pem", kOld, FileMode::secret, false);
  ::chmod(folder.c_str(), 0700);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::io);
  EXPECT_TRUE(names_in(folder).empty());
}

TEST(WriteFileFailure, ADirectoryInTheWayIsNotReplacedEvenWithForce) {
  TempDir dir;
  const std::string folder = dir.file("k.pem");
  ASSERT_EQ(::mkdir(folder.c_str(), 0700), 0);
  auto result = write_file_atomic(folder, kOld, FileMode::secret, true);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::io);
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"k.pem"});
  EXPECT_TRUE(std::filesystem::is_directory(folder));
}

TEST(WriteFileFailure, ADanglingSymlinkAtTheDestinationIsNotFollowed) {
  TempDir dir;
  const std::string target = dir.file("elsewhere.pem");
  const std::string path = dir.file("k.pem");
  ASSERT_EQ(::symlink(target.c_str(), path.c_str()), 0);
  auto result = write_file_atomic(path, kOld, FileMode::secret, false);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::io);
  EXPECT_FALSE(std::filesystem::exists(target)) << "the key went where the link pointed";
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"k.pem"});
}

TEST(WriteFileFailure, AFifoInTheWayIsNotReplacedEvenWithForce) {
  TempDir dir;
  const std::string fifo = dir.file("k.pem");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto result = write_file_atomic(fifo, kOld, FileMode::secret, true);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::io);
  EXPECT_NE(result.error().message.find(fifo + ": is a FIFO"), std::string::npos)
      << result.error().message;
  struct stat info {};
  ASSERT_EQ(::lstat(fifo.c_str(), &info), 0);
  EXPECT_TRUE(S_ISFIFO(info.st_mode));
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"k.pem"});
}

TEST(WriteFileFailure, ADeviceInTheWayIsNotReplacedEvenWithForce) {
  TempDir dir;
  const std::string device = dir.file("null");
  if (::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0)
    GTEST_SKIP() << "cannot make a device node here (no CAP_MKNOD)";
  auto result = write_file_atomic(device, kOld, FileMode::secret, true);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("is a character device"), std::string::npos)
      << result.error().message;
  struct stat info {};
  ASSERT_EQ(::lstat(device.c_str(), &info), 0);
  EXPECT_TRUE(S_ISCHR(info.st_mode));
}

TEST(WriteFileFailure, ALinkToARegularFileIsNotReplacedEvenWithForce) {
  TempDir dir;
  const std::string target = dir.write("real.pem", kOld);
  const std::string link = dir.file("k.pem");
  ASSERT_EQ(::symlink(target.c_str(), link.c_str()), 0);
  auto result = write_file_atomic(link, Bytes{'n', 'e', 'w'}, FileMode::secret, true);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("is a symbolic link"), std::string::npos);
  EXPECT_TRUE(std::filesystem::is_symlink(link));
  EXPECT_EQ(read_bytes(target), kOld);
}

// Runs create_private_folders under `mask` in a child (the umask is the process's).
bool create_folders_under(const std::string& path, mode_t mask) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::umask(mask);
    ::_exit(create_private_folders(path).has_value() ? 0 : 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

TEST(CreatePrivateFolders, Are0700UnderAnOpenUmaskAndStricterUnderAStricterOne) {
  TempDir dir;
  const std::string nested = dir.file("a/b/c");
  ASSERT_TRUE(create_folders_under(nested, 0));
  for (const std::string& folder : {dir.file("a"), dir.file("a/b"), nested})
    EXPECT_EQ(file_mode(folder), 0700u) << folder;
  ASSERT_TRUE(create_folders_under(dir.file("strict"), 0270));
  EXPECT_EQ(file_mode(dir.file("strict")), 0500u);
}

TEST(CreatePrivateFolders, LeavesExistingFoldersAsTheyAreAndRefusesAFileInTheWay) {
  TempDir dir;
  const std::string shared = dir.file("shared");
  ASSERT_EQ(::mkdir(shared.c_str(), 0755), 0);
  ::chmod(shared.c_str(), 0755);
  ASSERT_TRUE(create_folders_under(shared + "/mine/", 0));
  EXPECT_EQ(file_mode(shared), 0755u);
  EXPECT_EQ(file_mode(shared + "/mine"), 0700u);
  const std::string file = dir.write("file", kOld);
  auto result = create_private_folders(file + "/below");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::io);
  EXPECT_NE(result.error().message.find(file + ": is not a folder (a regular file)"),
            std::string::npos)
      << result.error().message;
}

}  // namespace
}  // namespace polycert
