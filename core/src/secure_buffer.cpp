#include <polycert/secure_buffer.hpp>

#include <cstring>

namespace polycert {

void secure_zero(void* data, std::size_t size) noexcept {
  if (data != nullptr && size != 0) {
    // explicit_bzero (glibc >= 2.25) is documented not to be optimised away.
    explicit_bzero(data, size);
  }
}

}  // namespace polycert
