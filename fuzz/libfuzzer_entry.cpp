// The libFuzzer entry point of one target: compiled once per fuzz_<name> executable with
// POLYCERT_FUZZ_ENTRY=target_<name> (fuzz/CMakeLists.txt).
#include "support.hpp"

#include <cstddef>
#include <cstdint>

#ifndef POLYCERT_FUZZ_ENTRY
#error "POLYCERT_FUZZ_ENTRY must name the target function"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  polycert::fuzz::POLYCERT_FUZZ_ENTRY(polycert::ByteView(data, size));
  return 0;
}
