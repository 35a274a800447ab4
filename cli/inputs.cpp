#include "inputs.hpp"

#include <polycert/file_output.hpp>
#include <polycert/pem.hpp>

#include <algorithm>

namespace polycert::cli {

namespace {

constexpr std::array<std::string_view, 3> kPrivateKeyLabels = {"PRIVATE KEY", "RSA PRIVATE KEY",
                                                               "EC PRIVATE KEY"};

bool is_encrypted(const PemBlock& block) {
  return block.label == "ENCRYPTED PRIVATE KEY" ||
         std::ranges::any_of(block.headers, [](const auto& header) {
           return header.first == "Proc-Type" && header.second.find("ENCRYPTED") != std::string::npos;
         });
}

std::string labels_found(const std::vector<PemBlock>& blocks) {
  std::string found;
  for (const auto& block : blocks) found += (found.empty() ? "" : ", ") + block.label;
  return found;
}

}  // namespace

Result<SecureBuffer> read_der_document(const std::string& path, std::string_view what,
                                       std::span<const std::string_view> labels) {
  auto data = read_file(path);
  if (!data) return std::unexpected(data.error());
  if (data->empty()) return fail(ErrorCode::invalid_input, path + ": empty file");
  if (!looks_like_pem(*data)) return std::move(*data);

  auto blocks = pem_decode(*data);
  if (!blocks) return std::unexpected(with_context(blocks.error(), path));
  for (auto& block : *blocks) {
    if (std::ranges::find(labels, block.label) != labels.end()) return std::move(block.der);
    if (is_encrypted(block) && std::ranges::find(labels, "PRIVATE KEY") != labels.end())
      return fail(ErrorCode::unsupported,
                  path + ": the private key is encrypted (" + block.label +
                      "); polycert cannot decrypt keys yet: decrypt it with "
                      "'openssl pkey -in " + path + " -out plain.key'");
  }
  return fail(ErrorCode::invalid_input, path + ": no " + std::string(what) +
                                            " in this PEM file (found: " +
                                            labels_found(*blocks) + ")");
}

Result<std::unique_ptr<PrivateKey>> load_private_key(Provider& provider, const std::string& path) {
  auto der = read_der_document(path, "private key", kPrivateKeyLabels);
  if (!der) return std::unexpected(der.error());
  auto key = provider.import_private_key(*der);
  if (!key) return std::unexpected(with_context(key.error(), path));
  return key;
}

}  // namespace polycert::cli
