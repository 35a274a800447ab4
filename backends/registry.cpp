// The one table of compiled-in backends. Adding a backend: a factory header in its
// folder, one POLYCERT_WITH_* guarded row here, and its target in backends/CMakeLists.txt.
#include <polycert/registry.hpp>

#if POLYCERT_WITH_OPENSSL
#include <polycert/backends/openssl.hpp>
#endif
#if POLYCERT_WITH_BOTAN
#include <polycert/backends/botan.hpp>
#endif
#if POLYCERT_WITH_MBEDTLS
#include <polycert/backends/mbedtls.hpp>
#endif

#include <array>
#include <cstdlib>

namespace polycert::backends {

namespace {

struct Entry {
  std::string_view name;
  std::unique_ptr<Provider> (*make)();
  std::string (*library_version)();
};

constexpr Entry kBackends[] = {
#if POLYCERT_WITH_OPENSSL
    {"openssl", &make_openssl_provider, &openssl_library_version},
#endif
#if POLYCERT_WITH_BOTAN
    {"botan", &make_botan_provider, &botan_library_version},
#endif
#if POLYCERT_WITH_MBEDTLS
    {"mbedtls", &make_mbedtls_provider, &mbedtls_library_version},
#endif
};

constexpr auto kNames = [] {
  std::array<std::string_view, std::size(kBackends)> names{};
  for (std::size_t i = 0; i < names.size(); ++i) names[i] = kBackends[i].name;
  return names;
}();

std::string name_list() {
  std::string list;
  for (auto name : kNames) list += (list.empty() ? "" : ", ") + std::string(name);
  return list;
}

}  // namespace

std::span<const std::string_view> available() { return kNames; }

std::optional<std::string> library_version(std::string_view name) {
  for (const Entry& entry : kBackends)
    if (entry.name == name) return entry.library_version();
  return std::nullopt;
}

Result<std::unique_ptr<Provider>> make_provider(std::string_view name) {
  for (const Entry& entry : kBackends)
    if (entry.name == name) return entry.make();
  return fail(ErrorCode::invalid_input, "unknown backend '" + std::string(name) +
                                            "'; available: " + name_list());
}

Result<std::string> resolve_name(std::optional<std::string_view> requested) {
  std::string_view name;
  std::string_view source;
  if (requested) {
    name = *requested;
    source = "--backend";
  } else if (const char* env = std::getenv("POLYCERT_BACKEND"); env != nullptr && *env != '\0') {
    name = env;
    source = "POLYCERT_BACKEND";
  } else {
    return std::string(kNames.front());
  }
  for (auto known : kNames)
    if (known == name) return std::string(name);
  return fail(ErrorCode::invalid_input, "unknown backend '" + std::string(name) + "' (from " +
                                            std::string(source) + "); available: " + name_list());
}

}  // namespace polycert::backends
