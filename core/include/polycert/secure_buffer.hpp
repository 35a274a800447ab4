// Zeroizing containers for secrets: private key bytes, PEM text of private keys,
// passwords. Memory is wiped before it is returned to the allocator, including the
// old block when a vector grows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace polycert {

/// Overwrites `size` bytes at `data` with zeros in a way the compiler cannot elide.
void secure_zero(void* data, std::size_t size) noexcept;

/// An allocator that wipes every block before freeing it (SecureBuffer's).
template <typename T>
struct ZeroizingAllocator {
  using value_type = T;
  ZeroizingAllocator() noexcept = default;
  template <typename U>
  ZeroizingAllocator(const ZeroizingAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) { return std::allocator<T>{}.allocate(n); }
  void deallocate(T* p, std::size_t n) noexcept {
    secure_zero(p, n * sizeof(T));
    std::allocator<T>{}.deallocate(p, n);
  }
  template <typename U>
  bool operator==(const ZeroizingAllocator<U>&) const noexcept {
    return true;
  }
};

/// Bytes that are secret. Never use std::string for these: its small-string buffer
/// lives inline and is not wiped.
using SecureBuffer = std::vector<std::uint8_t, ZeroizingAllocator<std::uint8_t>>;

/// Public bytes (certificates, public keys).
using Bytes = std::vector<std::uint8_t>;

/// A read-only view of bytes, secret or not.
using ByteView = std::span<const std::uint8_t>;

inline ByteView as_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}
inline std::string_view as_text(ByteView bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

}  // namespace polycert
