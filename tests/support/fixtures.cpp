#include "fixtures.hpp"

#include "temp_dir.hpp"

#include <algorithm>

namespace polycert::testing {

std::string fixture_path(const std::string& relative) {
  return std::string(POLYCERT_FIXTURES_DIR) + "/" + relative;
}

Bytes fixture(const std::string& relative) { return read_bytes(fixture_path(relative)); }

std::string fixture_stem(const KeySpec& spec) {
  std::string stem = to_string(spec);
  std::ranges::replace(stem, ':', '-');
  return stem;
}

std::string test_name(const KeySpec& spec) {
  std::string name = to_string(spec);
  std::ranges::replace(name, ':', '_');
  std::ranges::replace(name, '-', '_');
  return name;
}

}  // namespace polycert::testing
