#include "backend_cases.hpp"

#include "fixtures.hpp"

#include <polycert/file_output.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>

namespace polycert::testing {

std::vector<std::string> backend_names() {
  std::vector<std::string> names;
  for (auto name : backends::available()) names.emplace_back(name);
  return names;
}

std::unique_ptr<Provider> make_backend(const std::string& name) {
  auto provider = backends::make_provider(name);
  if (!provider) {
    ADD_FAILURE() << "registry cannot make " << name << ": " << provider.error().message;
    return nullptr;
  }
  return std::move(*provider);
}

Result<SecureBuffer> generated_key(Provider& provider, const KeySpec& spec) {
  static std::map<std::string, SecureBuffer> memory;
  const std::string id = std::string(provider.name()) + "-" + fixture_stem(spec);
  const char* folder = std::getenv("POLYCERT_TEST_KEY_CACHE");
  const std::string path = folder ? std::string(folder) + "/" + id + ".pkcs8.der" : "";

  if (auto it = memory.find(id); it != memory.end()) return it->second;
  if (!path.empty() && std::filesystem::exists(path)) return read_file(path);

  auto key = provider.generate_key(spec);
  if (!key) return std::unexpected(key.error());
  if ((*key)->spec() != spec)
    return fail(ErrorCode::internal, "generated key reports " + to_string((*key)->spec()) +
                                         ", asked for " + to_string(spec));
  auto der = provider.export_private_key(**key, PrivateKeyEncoding::pkcs8);
  if (!der) return std::unexpected(der.error());
  if (!path.empty()) {
    std::filesystem::create_directories(folder);
    if (auto stored = write_file_atomic(path, *der, FileMode::secret, true); !stored)
      return std::unexpected(stored.error());
  }
  memory.emplace(id, *der);
  return der;
}

::testing::internal::ParamGenerator<BackendAndSpec> every_backend_and_spec() {
  return ::testing::Combine(::testing::ValuesIn(backend_names()),
                            ::testing::ValuesIn(kGeneratableKeySpecs));
}

::testing::internal::ParamGenerator<BackendAndSpec> every_backend_and_spec_where(bool (*applies)(const KeySpec&)) {
  std::vector<KeySpec> specs;
  for (const KeySpec& spec : kGeneratableKeySpecs)
    if (applies(spec)) specs.push_back(spec);
  return ::testing::Combine(::testing::ValuesIn(backend_names()), ::testing::ValuesIn(specs));
}

std::string backend_and_spec_name(const ::testing::TestParamInfo<BackendAndSpec>& info) {
  return std::get<0>(info.param) + "_" + test_name(std::get<1>(info.param));
}

::testing::internal::ParamGenerator<BackendTriple> every_backend_triple() {
  return ::testing::Combine(::testing::ValuesIn(backend_names()),
                            ::testing::ValuesIn(backend_names()),
                            ::testing::ValuesIn(backend_names()));
}

std::string backend_triple_name(const ::testing::TestParamInfo<BackendTriple>& info) {
  return std::get<0>(info.param) + "_then_" + std::get<1>(info.param) + "_then_" +
         std::get<2>(info.param);
}

}  // namespace polycert::testing
