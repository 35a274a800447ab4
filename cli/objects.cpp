#include "objects.hpp"

#include "inputs.hpp"

#include <polycert/registry.hpp>
#include <polycert/encrypted_key.hpp>

#include <algorithm>

namespace polycert::cli {

namespace {

Result<void> add_certificate(Provider& provider, CollectedObjects& out, ByteView der,
                             const std::string& file) {
  auto info = provider.parse_certificate(der);
  if (!info) return std::unexpected(with_context(info.error(), file));
  out.certificates.push_back({Bytes(der.begin(), der.end()), file});
  return {};
}

}  // namespace

Result<Pkcs12Contents> open_pkcs12(Provider& provider, ByteView der, const std::string& path,
                                   const std::string& passin, std::vector<std::string>& warnings) {
  auto password = input_password(path, passin);
  if (!password) return std::unexpected(password.error());
  std::optional<ByteView> given;
  if (*password) given = ByteView(**password);
  std::vector<std::string> found;
  auto contents = read_pkcs12(provider, der, given, &found);
  for (const auto& warning : found) warnings.push_back(path + ": " + warning);
  if (!contents && !*password && contents.error().code == ErrorCode::bad_password)
    return fail(ErrorCode::bad_password, path + ": the PKCS#12 file needs a password; give it with --passin SRC");
  if (!contents) return std::unexpected(with_context(contents.error(), path));
  return contents;
}

Result<CollectedObjects> collect_objects(Provider& provider, const std::vector<std::string>& files,
                                         const std::string& passin) {
  CollectedObjects out;
  for (const std::string& file : files) {
    auto objects = objects_in_file(file);
    if (!objects) return std::unexpected(objects.error());
    for (FoundObject& object : *objects) {
      switch (object.kind) {
        case ObjectKind::certificate:
          if (auto added = add_certificate(provider, out, object.der, file); !added)
            return std::unexpected(added.error());
          break;
        case ObjectKind::pkcs7: {
          auto certificates = read_pkcs7_certificates(object.der);
          if (!certificates) return std::unexpected(with_context(certificates.error(), file));
          for (const Bytes& der : *certificates)
            if (auto added = add_certificate(provider, out, der, file); !added)
              return std::unexpected(added.error());
          break;
        }
        case ObjectKind::certificate_request: {
          auto info = provider.parse_csr(object.der);
          if (!info) return std::unexpected(with_context(info.error(), file));
          out.requests.push_back({Bytes(object.der.begin(), object.der.end()), file});
          break;
        }
        case ObjectKind::public_key:
        case ObjectKind::rsa_public_key: {
          const Bytes spki = object.kind == ObjectKind::public_key
                                 ? Bytes(object.der.begin(), object.der.end())
                                 : rsa_public_key_to_spki(object.der);
          auto key = provider.import_public_key(spki);
          if (!key) return std::unexpected(with_context(key.error(), file));
          out.public_keys.push_back({spki, file});
          break;
        }
        case ObjectKind::private_key:
        case ObjectKind::encrypted_private_key:
        case ObjectKind::legacy_encrypted_key: {
          if (out.key)
            return fail(ErrorCode::invalid_input, file + ": a second private key (the first is in " +
                                                      out.key_file + "); give one key");
          auto key = load_private_key(provider, object, file, passin);
          if (!key) return std::unexpected(key.error());
          out.key = std::move(*key);
          out.key_file = file;
          break;
        }
        case ObjectKind::pkcs12: {
          auto pfx = open_pkcs12(provider, object.der, file, passin, out.warnings);
          if (!pfx) return std::unexpected(pfx.error());
          // The key's own certificate (same localKeyId) first, as the leaf of what follows.
          std::stable_partition(pfx->certificates.begin(), pfx->certificates.end(),
                                [](const Pkcs12Certificate& c) { return c.matches_key; });
          for (const auto& certificate : pfx->certificates)
            if (auto added = add_certificate(provider, out, certificate.der, file); !added)
              return std::unexpected(added.error());
          if (pfx->key) {
            if (out.key)
              return fail(ErrorCode::invalid_input, file + ": a second private key (the first is in " +
                                                        out.key_file + "); give one key");
            auto key = provider.import_private_key(pfx->key->pkcs8);
            if (!key) return std::unexpected(with_context(key.error(), file));
            out.key = std::move(*key);
            out.key_file = file;
          }
          break;
        }
      }
    }
  }
  return out;
}

}  // namespace polycert::cli
