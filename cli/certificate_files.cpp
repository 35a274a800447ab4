#include "certificate_files.hpp"

#include "inputs.hpp"
#include "objects.hpp"

#include <polycert/formats.hpp>

namespace polycert::cli {

namespace {

// Names objects "file" when the file holds one of a kind, "file #n" otherwise.
void name_origins(std::vector<ChainInput>& inputs, const std::string& path) {
  for (std::size_t i = 0; i < inputs.size(); ++i)
    inputs[i].origin = inputs.size() == 1 ? path : path + " #" + std::to_string(i + 1);
}

std::string kinds_of(const std::vector<FoundObject>& objects) {
  std::string out;
  for (const auto& object : objects) out += (out.empty() ? "" : ", ") + std::string(describe(object.kind));
  return out;
}

Result<void> add_bundle(std::vector<ChainInput>& out, ByteView bundle, const std::string& path) {
  auto certificates = read_pkcs7_certificates(bundle);
  if (!certificates) return std::unexpected(with_context(certificates.error(), path));
  for (Bytes& der : *certificates) out.push_back(ChainInput{std::move(der), path});
  return {};
}

}  // namespace

Result<FileObjects> read_file_objects(const std::string& path) {
  auto objects = objects_in_file(path);
  if (!objects) return std::unexpected(objects.error());
  FileObjects out;
  for (const FoundObject& object : *objects) {
    switch (object.kind) {
      case ObjectKind::certificate:
        out.certificates.push_back(ChainInput{Bytes(object.der.begin(), object.der.end()), path});
        break;
      case ObjectKind::pkcs7:
        if (auto added = add_bundle(out.certificates, object.der, path); !added)
          return std::unexpected(added.error());
        break;
      case ObjectKind::certificate_request:
        out.requests.push_back(ChainInput{Bytes(object.der.begin(), object.der.end()), path});
        break;
      case ObjectKind::private_key:
      case ObjectKind::encrypted_private_key:
      case ObjectKind::legacy_encrypted_key: out.has_private_key = true; break;
      default: break;
    }
  }
  if (out.certificates.empty() && out.requests.empty() && !out.has_private_key)
    return fail(ErrorCode::invalid_input, path + ": no certificate, certificate request or private "
                                                 "key in this file (found: " + kinds_of(*objects) + ")");
  name_origins(out.certificates, path);
  name_origins(out.requests, path);
  return out;
}

Result<std::vector<ChainInput>> read_certificates(const std::string& path, Provider& provider,
                                                  const std::string& passin) {
  auto objects = objects_in_file(path);
  if (!objects) return std::unexpected(objects.error());
  std::vector<ChainInput> certificates;
  for (const FoundObject& object : *objects) {
    if (object.kind == ObjectKind::certificate) {
      certificates.push_back(ChainInput{Bytes(object.der.begin(), object.der.end()), path});
    } else if (object.kind == ObjectKind::pkcs7) {
      if (auto added = add_bundle(certificates, object.der, path); !added) return std::unexpected(added.error());
    } else if (object.kind == ObjectKind::pkcs12) {
      std::vector<std::string> warnings;  // a chain needs the certificates, not the MAC story
      auto pfx = open_pkcs12(provider, object.der, path, passin, warnings);
      if (!pfx) return std::unexpected(pfx.error());
      for (auto& certificate : pfx->certificates) certificates.push_back(ChainInput{std::move(certificate.der), path});
    }
  }
  if (certificates.empty())
    return fail(ErrorCode::invalid_input, path + ": no certificate in this file (found: " + kinds_of(*objects) + ")");
  name_origins(certificates, path);
  return certificates;
}

}  // namespace polycert::cli
