// Every backend's random generator across fork() and threads. A forked child starts with
// a copy of its parent's generator state; a DRBG that does not notice (Mbed TLS's
// CTR_DRBG on its own) hands parent and child the same bytes, hence the same keys. The
// case that catches a naive generator is the parent having drawn before the fork, so its
// state is seeded and copied; the case with a fresh provider checks first-use seeding.
#include "backend_cases.hpp"

#include <polycert/provider.hpp>

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <thread>

namespace polycert::testing {
namespace {

// What one process or thread drew: raw random bytes and a fresh key's public half.
struct Draw {
  Bytes random;
  Bytes public_key;
  std::string error;  ///< empty when both draws worked
};

Draw draw(Provider& provider) {
  Draw out;
  auto random = provider.random_bytes(32);
  if (!random) {
    out.error = random.error().message;
    return out;
  }
  out.random.assign(random->begin(), random->end());
  auto key = provider.generate_key(KeySpec::ec(Curve::p256));
  if (!key) {
    out.error = key.error().message;
    return out;
  }
  auto spki = provider.export_public_key(**key);
  if (!spki) {
    out.error = spki.error().message;
    return out;
  }
  out.public_key = std::move(*spki);
  return out;
}

void write_all(int fd, const void* data, std::size_t size) {
  const auto* p = static_cast<const std::uint8_t*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n <= 0) return;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
}

bool read_all(int fd, void* data, std::size_t size) {
  auto* p = static_cast<std::uint8_t*>(data);
  while (size > 0) {
    const ssize_t n = ::read(fd, p, size);
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

void send_bytes(int fd, const Bytes& bytes) {
  const std::uint32_t size = static_cast<std::uint32_t>(bytes.size());
  write_all(fd, &size, sizeof size);
  write_all(fd, bytes.data(), bytes.size());
}

bool receive_bytes(int fd, Bytes& bytes) {
  std::uint32_t size = 0;
  if (!read_all(fd, &size, sizeof size) || size > 1 << 16) return false;
  bytes.resize(size);
  return read_all(fd, bytes.data(), size);
}

// Forks; the child draws from `provider` (its copy of the parent's) and sends the result
// back. The parent does not touch its generator.
Draw draw_in_child(Provider& provider) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::close(pipe_fds[0]);
    const Draw child = draw(provider);
    send_bytes(pipe_fds[1], Bytes(child.error.begin(), child.error.end()));
    send_bytes(pipe_fds[1], child.random);
    send_bytes(pipe_fds[1], child.public_key);
    ::close(pipe_fds[1]);
    ::_exit(0);  // no destructors, no gtest teardown in the child
  }
  ::close(pipe_fds[1]);
  Draw child;
  Bytes error;
  const bool received = receive_bytes(pipe_fds[0], error) &&
                        receive_bytes(pipe_fds[0], child.random) &&
                        receive_bytes(pipe_fds[0], child.public_key);
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!received || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    child.error = "the child did not report back";
  else
    child.error.assign(error.begin(), error.end());
  return child;
}

// A child's draw, then the parent's from the same state. Returns {parent, child}.
std::pair<Draw, Draw> draw_in_parent_and_child(Provider& provider) {
  Draw child = draw_in_child(provider);
  return {draw(provider), std::move(child)};
}

class ForkSafety : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    provider = make_backend(GetParam());
    ASSERT_TRUE(provider);
  }
  std::unique_ptr<Provider> provider;
};

TEST_P(ForkSafety, ParentAndChildDrawDistinctBytesAndKeysAfterTheParentDrew) {
  const Draw before = draw(*provider);  // seeds the generator: its state is what fork copies
  ASSERT_TRUE(before.error.empty()) << before.error;
  const auto [parent, child] = draw_in_parent_and_child(*provider);
  ASSERT_TRUE(parent.error.empty()) << parent.error;
  ASSERT_TRUE(child.error.empty()) << child.error;
  EXPECT_NE(parent.random, child.random) << "parent and child drew the same random bytes";
  EXPECT_NE(parent.public_key, child.public_key) << "parent and child generated the same key";
  EXPECT_NE(parent.random, before.random);
}

TEST_P(ForkSafety, ParentAndChildDrawDistinctBytesAndKeysFromAFreshProvider) {
  const auto [parent, child] = draw_in_parent_and_child(*provider);
  ASSERT_TRUE(parent.error.empty()) << parent.error;
  ASSERT_TRUE(child.error.empty()) << child.error;
  EXPECT_NE(parent.random, child.random);
  EXPECT_NE(parent.public_key, child.public_key);
}

TEST_P(ForkSafety, TwoChildrenForkedFromTheSameStateDrawDistinctBytes) {
  ASSERT_TRUE(draw(*provider).error.empty());
  const Draw first = draw_in_child(*provider);
  const Draw second = draw_in_child(*provider);  // the parent drew nothing in between
  ASSERT_TRUE(first.error.empty()) << first.error;
  ASSERT_TRUE(second.error.empty()) << second.error;
  EXPECT_NE(first.random, second.random);
  EXPECT_NE(first.public_key, second.public_key);
}

TEST_P(ForkSafety, TwoThreadsWithAProviderEachDrawDistinctBytesAndKeys) {
  Draw results[2];
  std::thread threads[2];
  for (int i = 0; i < 2; ++i)
    threads[i] = std::thread([&, i] {
      auto own = backends::make_provider(GetParam());
      if (!own) {
        results[i].error = own.error().message;
        return;
      }
      results[i] = draw(**own);
    });
  for (auto& thread : threads) thread.join();
  ASSERT_TRUE(results[0].error.empty()) << results[0].error;
  ASSERT_TRUE(results[1].error.empty()) << results[1].error;
  EXPECT_NE(results[0].random, results[1].random);
  EXPECT_NE(results[0].public_key, results[1].public_key);
}

INSTANTIATE_TEST_SUITE_P(EveryBackend, ForkSafety, ::testing::ValuesIn(backend_names()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace polycert::testing
