#include "input_reader.hpp"

#include "inputs.hpp"

#include <polycert/signature_budget.hpp>

#include <algorithm>
#include <map>

namespace polycert::cli {

bool InputObject::is_private_key() const {
  return object.kind == ObjectKind::private_key || object.kind == ObjectKind::encrypted_private_key ||
         object.kind == ObjectKind::legacy_encrypted_key;
}

bool InputObject::is_public_key() const {
  return object.kind == ObjectKind::public_key || object.kind == ObjectKind::rsa_public_key;
}

Bytes InputObject::public_key_info() const {
  if (object.kind == ObjectKind::rsa_public_key) return rsa_public_key_to_spki(object.der);
  return Bytes(object.der.begin(), object.der.end());
}

namespace {

// A PKCS#12 file's contents, opened with the password from `passin` (or asked on a
// terminal); a file that needs a password none gave says so.
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

// A part of a container: the container's framing, its own bytes and kind.
InputObject part_of(const FoundObject& container, ObjectKind kind, ByteView der, const std::string& file,
                    std::string_view container_name) {
  InputObject part;
  part.object.kind = kind;
  part.object.der = SecureBuffer(der.begin(), der.end());
  part.object.encoding = container.encoding;
  part.object.pem_label = container.pem_label;
  part.object.line = container.line;
  part.file = file;
  part.container = container_name;
  return part;
}

}  // namespace

Result<ExpandedObject> expand_object(Provider& provider, FoundObject object, const std::string& file,
                                     const std::string& passin, std::vector<std::string>& warnings) {
  ExpandedObject out;
  if (object.kind == ObjectKind::pkcs7) {
    auto certificates = read_pkcs7_certificates(object.der);
    if (!certificates) return std::unexpected(with_context(certificates.error(), file));
    if (auto fits = expect_signature_checks(self_signature_work(*certificates)); !fits)
      return std::unexpected(with_context(fits.error(), file));
    for (const Bytes& der : *certificates)
      out.parts.push_back(part_of(object, ObjectKind::certificate, der, file, "PKCS#7"));
    return out;
  }
  if (object.kind == ObjectKind::pkcs12) {
    auto pfx = open_pkcs12(provider, object.der, file, passin, warnings);
    if (!pfx) return std::unexpected(pfx.error());
    // The key's own certificate (same localKeyId) first, as the leaf of what follows.
    std::ranges::stable_partition(pfx->certificates, [](const Pkcs12Certificate& c) { return c.matches_key; });
    for (const auto& certificate : pfx->certificates) {
      InputObject part = part_of(object, ObjectKind::certificate, certificate.der, file, "PKCS#12");
      part.friendly_name = certificate.friendly_name;
      out.parts.push_back(std::move(part));
    }
    if (pfx->key) {
      InputObject part = part_of(object, ObjectKind::private_key, pfx->key->pkcs8, file, "PKCS#12");
      part.object.key_form = PrivateKeyForm::pkcs8;
      part.friendly_name = pfx->key->friendly_name;
      out.parts.push_back(std::move(part));
    }
    out.pkcs12 = Pkcs12Summary{pfx->mac_algorithm, pfx->protections, pkcs12_profile_of(*pfx)};
    return out;
  }
  InputObject itself;
  itself.object = std::move(object);
  itself.file = file;
  out.parts.push_back(std::move(itself));
  return out;
}

std::vector<ChainInput> Inputs::certificates() const {
  std::vector<ChainInput> out;
  for (const InputObject& input : objects)
    if (input.kind() == ObjectKind::certificate) out.push_back(input.chain_input());
  return out;
}

std::vector<ChainInput> Inputs::requests() const {
  std::vector<ChainInput> out;
  for (const InputObject& input : objects)
    if (input.kind() == ObjectKind::certificate_request) out.push_back(input.chain_input());
  return out;
}

std::vector<const InputObject*> Inputs::private_keys() const {
  std::vector<const InputObject*> out;
  for (const InputObject& input : objects)
    if (input.is_private_key()) out.push_back(&input);
  return out;
}

std::string Inputs::kinds() const {
  std::vector<std::string_view> seen;
  for (const InputObject& input : objects)
    if (std::ranges::find(seen, describe(input.kind())) == seen.end()) seen.push_back(describe(input.kind()));
  std::string out;
  for (std::string_view kind : seen) out += (out.empty() ? "" : ", ") + std::string(kind);
  return out.empty() ? "nothing" : out;
}

Result<Inputs> read_inputs(Provider& provider, const std::vector<std::string>& files,
                           const std::string& passin) {
  Inputs out;
  for (const std::string& file : files) {
    auto found = objects_in_file(file);
    if (!found) return std::unexpected(found.error());
    const std::size_t first = out.objects.size();
    for (FoundObject& object : *found) {
      auto expanded = expand_object(provider, std::move(object), file, passin, out.warnings);
      if (!expanded) return std::unexpected(expanded.error());
      for (InputObject& part : expanded->parts) out.objects.push_back(std::move(part));
    }
    // "file" when the file holds one object of a kind, "file #n" otherwise.
    std::map<ObjectKind, std::size_t> count;
    for (std::size_t i = first; i < out.objects.size(); ++i) ++count[out.objects[i].kind()];
    std::map<ObjectKind, std::size_t> seen;
    for (std::size_t i = first; i < out.objects.size(); ++i) {
      InputObject& input = out.objects[i];
      const std::size_t n = ++seen[input.kind()];
      input.origin = count[input.kind()] == 1 ? file : file + " #" + std::to_string(n);
    }
  }
  return out;
}

Result<std::unique_ptr<PrivateKey>> load_private_key(Provider& provider, const InputObject& key,
                                                     const std::string& passin) {
  return load_private_key(provider, key.object, key.file, passin);
}

Result<std::vector<ChainInput>> certificates_in_file(Provider& provider, const std::string& file,
                                                     const std::string& passin,
                                                     const std::function<void(const std::string&)>& warn) {
  auto read = read_inputs(provider, {file}, passin);
  if (!read) return std::unexpected(read.error());
  for (const auto& warning : read->warnings) warn(warning);
  auto certificates = read->certificates();
  if (certificates.empty())
    return fail(ErrorCode::invalid_input,
                file + ": no certificate in this file (found: " + read->kinds() + ")");
  return certificates;
}

Result<std::vector<Bytes>> crls_in_file(const std::string& file) {
  auto objects = objects_in_file(file);
  if (!objects) return std::unexpected(objects.error());
  std::vector<Bytes> crls;
  std::string found;
  for (const FoundObject& object : *objects) {
    if (object.kind == ObjectKind::crl)
      crls.emplace_back(object.der.begin(), object.der.end());
    else
      found += (found.empty() ? "" : ", ") + std::string(describe(object.kind));
  }
  if (crls.empty())
    return fail(ErrorCode::invalid_input, file + ": no certificate revocation list in this file (found: " + found + ")");
  return crls;
}

}  // namespace polycert::cli
