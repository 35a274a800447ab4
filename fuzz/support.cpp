#include "support.hpp"

#include <polycert/registry.hpp>
#include <polycert/primitives.hpp>

#include <cstdio>
#include <cstdlib>

namespace polycert::fuzz {

std::vector<std::unique_ptr<Provider>>& providers() {
  static std::vector<std::unique_ptr<Provider>> all = [] {
    set_max_kdf_iterations(kFuzzMaxKdfIterations);
    std::vector<std::unique_ptr<Provider>> made;
    for (std::string_view name : backends::available()) {
      auto provider = backends::make_provider(name);
      check(provider.has_value(), "a compiled-in backend cannot be made");
      made.push_back(std::move(*provider));
    }
    return made;
  }();
  return all;
}

void check(bool condition, std::string_view what) {
  if (condition) return;
  std::fprintf(stderr, "polycert fuzz: invariant broken: %.*s\n", int(what.size()), what.data());
  std::abort();
}

}  // namespace polycert::fuzz
