#include "process.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace polycert::testing {

namespace {

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  int in[2], out[2], err[2];
  if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");

  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(in[0], STDIN_FILENO);
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(err[1], STDERR_FILENO);
    for (const auto& name : options.unset_env) ::unsetenv(name.c_str());
    for (const auto& [name, value] : options.set_env) ::setenv(name.c_str(), value.c_str(), 1);
    if (!options.working_directory.empty() && ::chdir(options.working_directory.c_str()) != 0)
      ::_exit(126);
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);

  // Feed stdin and drain both outputs together, so no pipe fills up and blocks.
  ::signal(SIGPIPE, SIG_IGN);
  ProcessResult result;
  std::size_t written = 0;
  int in_fd = in[1], out_fd = out[0], err_fd = err[0];
  if (options.input.empty()) close_fd(in_fd);
  while (out_fd >= 0 || err_fd >= 0) {
    pollfd fds[3] = {{in_fd, POLLOUT, 0}, {out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    if (::poll(fds, 3, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (in_fd >= 0 && (fds[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t n = ::write(in_fd, options.input.data() + written, options.input.size() - written);
      if (n <= 0 || (written += static_cast<std::size_t>(n)) == options.input.size()) close_fd(in_fd);
    }
    char buffer[8192];
    if (out_fd >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
      const ssize_t n = ::read(out_fd, buffer, sizeof buffer);
      if (n <= 0) close_fd(out_fd); else result.out.append(buffer, static_cast<std::size_t>(n));
    }
    if (err_fd >= 0 && (fds[2].revents & (POLLIN | POLLHUP | POLLERR))) {
      const ssize_t n = ::read(err_fd, buffer, sizeof buffer);
      if (n <= 0) close_fd(err_fd); else result.err.append(buffer, static_cast<std::size_t>(n));
    }
  }
  close_fd(in_fd);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace polycert::testing
