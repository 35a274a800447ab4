#include <polycert/registry.hpp>
#include <polycert/conformance/cases.hpp>

namespace polycert::conformance {

Result<std::unique_ptr<Workspace>> Workspace::open(const std::vector<std::string>& backend_names) {
  std::unique_ptr<Workspace> workspace(new Workspace());
  for (const std::string& name : backend_names) {
    if (workspace->providers_.contains(name)) continue;
    auto provider = backends::make_provider(name);
    if (!provider) return std::unexpected(provider.error());
    workspace->names_.push_back(name);
    workspace->providers_.emplace(name, std::move(*provider));
  }
  workspace->key_source_ = default_key_source;
  workspace->generator_ = generate_pkcs8;
  return workspace;
}

Provider& Workspace::provider(std::string_view backend) {
  auto found = providers_.find(backend);
  // Cases name only the workspace's backends: builtin_cases and corpus_cases are given them.
  if (found == providers_.end()) std::abort();
  return *found->second;
}

Result<SecureBuffer> Workspace::key(std::string_view backend, const KeySpec& spec) {
  auto slot = std::make_pair(std::string(backend), to_string(spec));
  auto found = keys_.find(slot);
  if (found == keys_.end())
    found = keys_.emplace(std::move(slot), key_source_(provider(backend), spec)).first;
  return found->second;
}

Result<SecureBuffer> Workspace::generated_key(std::string_view backend, const KeySpec& spec) {
  auto slot = std::make_pair(std::string(backend), to_string(spec));
  auto found = generated_.find(slot);
  if (found == generated_.end())
    found = generated_.emplace(std::move(slot), generator_(provider(backend), spec)).first;
  return found->second;
}

Result<SecureBuffer> generate_pkcs8(Provider& provider, const KeySpec& spec) {
  auto key = provider.generate_key(spec);
  if (!key) return std::unexpected(key.error());
  return provider.export_private_key(**key, PrivateKeyEncoding::pkcs8);
}

Result<SecureBuffer> default_key_source(Provider& provider, const KeySpec& spec) {
  if (const Bytes* fixture = builtin_rsa_key(spec)) {
    auto key = provider.import_private_key(*fixture);
    if (!key) return std::unexpected(key.error());
    return provider.export_private_key(**key, PrivateKeyEncoding::pkcs8);
  }
  return generate_pkcs8(provider, spec);
}

}  // namespace polycert::conformance
