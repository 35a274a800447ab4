// PKCS#12 read with a fuzzed password. The input is split: the first byte is the length
// of the password that follows (0xFF: no password at all, as opposed to the empty one),
// the rest is the file. fuzz/make-seeds.sh writes the fixtures in this form.
#include "support.hpp"

#include <optional>

namespace polycert::fuzz {

void target_pkcs12_password(ByteView input) {
  if (input.empty()) return;
  const std::size_t length = input[0];
  std::optional<ByteView> password;
  ByteView rest = input.subspan(1);
  if (length != 0xFF) {
    if (rest.size() < length) return;
    password = rest.first(length);
    rest = rest.subspan(length);
  }
  read_pkcs12_everywhere(rest, password);
}

}  // namespace polycert::fuzz
