#include <polycert/file_output.hpp>
#include <polycert/password.hpp>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace polycert {

namespace {

std::unexpected<Error> too_long(std::string_view what) {
  return fail(ErrorCode::invalid_input, "the password from " + std::string(what) +
                                            " is longer than " + std::to_string(kMaxPasswordSize) +
                                            " bytes (polycert's limit)");
}

// The first line of `data`, without its line end.
Result<SecureBuffer> first_line(const SecureBuffer& data, std::string_view what) {
  std::size_t end = 0;
  while (end < data.size() && data[end] != '\n' && data[end] != '\r') ++end;
  if (end > kMaxPasswordSize) return too_long(what);
  return SecureBuffer(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(end));
}

// Reads up to the first newline from a descriptor, byte by byte, so that nothing after
// the password is consumed (stdin may carry more input for the command).
Result<SecureBuffer> read_line_from(int fd, std::string_view what) {
  SecureBuffer line;
  for (;;) {
    std::uint8_t byte = 0;
    const ssize_t n = ::read(fd, &byte, 1);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(ErrorCode::io, "cannot read the password from " + std::string(what) + ": " +
                                     std::strerror(errno));
    }
    if (n == 0 || byte == '\n') break;
    if (line.size() > kMaxPasswordSize) return too_long(what);
    line.push_back(byte);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.size() > kMaxPasswordSize) return too_long(what);
  return line;
}

}  // namespace

bool password_on_command_line(std::string_view source) { return source.starts_with("pass:"); }

Result<void> check_password_source(std::string_view source) {
  for (std::string_view prefix : {"pass:", "env:", "file:", "fd:"})
    if (source.starts_with(prefix)) return {};
  if (source == "stdin") return {};
  // Not echoed: a user who typed the password itself instead of a source would see it
  // printed, and logged.
  return fail(ErrorCode::invalid_input,
              "unknown password source; use pass:TEXT, env:VAR, file:PATH, fd:N or stdin");
}

Result<SecureBuffer> read_password(std::string_view source) {
  if (source.starts_with("pass:")) {
    source.remove_prefix(5);
    return SecureBuffer(source.begin(), source.end());
  }
  if (source.starts_with("env:")) {
    const std::string name(source.substr(4));
    const char* value = std::getenv(name.c_str());
    if (value == nullptr)
      return fail(ErrorCode::io, "password source env:" + name + ": the variable is not set");
    const std::string_view text(value);
    return SecureBuffer(text.begin(), text.end());
  }
  if (source.starts_with("file:")) {
    auto data = read_file(std::string(source.substr(5)));
    if (!data) return std::unexpected(data.error());
    return first_line(*data, source);
  }
  if (source.starts_with("fd:")) {
    int fd = -1;
    const std::string_view number = source.substr(3);
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), fd);
    if (ec != std::errc{} || end != number.data() + number.size() || fd < 0)
      return fail(ErrorCode::invalid_input, "password source '" + std::string(source) +
                                                "': fd: needs a descriptor number");
    return read_line_from(fd, source);
  }
  if (source == "stdin") return read_line_from(STDIN_FILENO, "standard input");
  return std::unexpected(check_password_source(source).error());
}

}  // namespace polycert
