#include "temp_dir.hpp"

#include <polycert/file_output.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <sys/stat.h>

namespace polycert {
namespace {

using testing::file_mode;
using testing::read_bytes;
using testing::TempDir;

const Bytes kData = {'k', 'e', 'y', '\n'};

std::size_t entries_in(const TempDir& dir) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir.path()),
                                                std::filesystem::directory_iterator()));
}

TEST(WriteFileAtomic, CreatesSecretFilesWithMode0600) {
  TempDir dir;
  const std::string path = dir.file("k.pem");
  ASSERT_TRUE(write_file_atomic(path, kData, FileMode::secret, false));
  EXPECT_EQ(file_mode(path), 0600u);
  EXPECT_EQ(read_bytes(path), kData);
  EXPECT_EQ(entries_in(dir), 1u) << "no temporary file may be left behind";
}

TEST(WriteFileAtomic, KeepsSecretFilesPrivateWhateverTheUmask) {
  TempDir dir;
  const mode_t old = ::umask(0);
  const auto written = write_file_atomic(dir.file("k.pem"), kData, FileMode::secret, false);
  ::umask(old);
  ASSERT_TRUE(written);
  EXPECT_EQ(file_mode(dir.file("k.pem")), 0600u);
}

TEST(WriteFileAtomic, RefusesToReplaceAnExistingFile) {
  TempDir dir;
  const std::string path = dir.write("k.pem", Bytes{'o', 'l', 'd'});
  auto result = write_file_atomic(path, kData, FileMode::secret, false);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::io);
  EXPECT_NE(result.error().message.find("file exists"), std::string::npos);
  EXPECT_EQ(result.error().remedy, Remedy::allow_overwrite);  // the CLI words it as --force
  EXPECT_EQ(read_bytes(path), (Bytes{'o', 'l', 'd'}));
  EXPECT_EQ(entries_in(dir), 1u);
}

TEST(WriteFileAtomic, ForceReplacesAndTheNewFileIsPrivate) {
  TempDir dir;
  const std::string path = dir.write("k.pem", Bytes{'o', 'l', 'd'});
  ::chmod(path.c_str(), 0644);
  ASSERT_TRUE(write_file_atomic(path, kData, FileMode::secret, true));
  EXPECT_EQ(read_bytes(path), kData);
  EXPECT_EQ(file_mode(path), 0600u);
}

TEST(WriteFileAtomic, PublicFilesAreReadable) {
  TempDir dir;
  const mode_t old = ::umask(022);
  const auto written = write_file_atomic(dir.file("c.pem"), kData, FileMode::public_, false);
  ::umask(old);
  ASSERT_TRUE(written);
  EXPECT_EQ(file_mode(dir.file("c.pem")), 0644u);
}

TEST(WriteFileAtomic, FailureInAMissingFolderNamesThePathAndLeavesNothing) {
  TempDir dir;
  const std::string path = dir.file("missing/k.pem");
  auto result = write_file_atomic(path, kData, FileMode::secret, false);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::io);
  EXPECT_NE(result.error().message.find(path), std::string::npos);
  EXPECT_EQ(entries_in(dir), 0u);
}

TEST(ReadFile, NamesAMissingFile) {
  auto data = read_file("/nonexistent/polycert/k.pem");
  ASSERT_FALSE(data);
  EXPECT_EQ(data.error().code, ErrorCode::io);
  EXPECT_NE(data.error().message.find("/nonexistent/polycert/k.pem"), std::string::npos);
}

}  // namespace
}  // namespace polycert
