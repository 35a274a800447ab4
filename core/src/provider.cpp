#include <polycert/der.hpp>
#include <polycert/key_encoding.hpp>
#include <polycert/key_structure.hpp>
#include <polycert/provider.hpp>

#include <algorithm>
#include <optional>

namespace polycert {

namespace {

template <typename Key>
Result<void> check_owner(const Provider& provider, const Key& key) {
  if (key.backend() != provider.name())
    return fail(ErrorCode::invalid_input,
                "key belongs to the " + std::string(key.backend()) + " backend, not " +
                    std::string(provider.name()) + "; move it by exporting and importing DER");
  return {};
}

}  // namespace

Error Provider::unsupported(std::string_view what, std::string_view why) const {
  return Error{ErrorCode::unsupported, std::string(name()) + " backend (" + library_version() +
                                           ") cannot " + std::string(what) + ": " +
                                           std::string(why)};
}

Result<std::unique_ptr<PrivateKey>> Provider::generate_key(const KeySpec& spec) {
  if (std::ranges::find(kGeneratableKeySpecs, spec) == kGeneratableKeySpecs.end())
    return fail(ErrorCode::invalid_input, "cannot generate " + to_string(spec) +
                                              ": not one of the supported key specs");
  return do_generate_key(spec);
}

Error Provider::inspection_error(const Error& error, std::string_view context) const {
  if (error.code == ErrorCode::unsupported)
    return unsupported("read " + error.message, kReadableKeys);
  return with_context(error, context);
}

Result<std::unique_ptr<PrivateKey>> Provider::import_private_key(ByteView der) {
  if (auto strict = der::check_strict_der(der); !strict)
    return std::unexpected(with_context(strict.error(), "private key"));
  auto form = detect_private_key_form(der);
  if (!form) return std::unexpected(form.error());

  // RFC 5958 version 1 is read as version 0; the public key it carries is checked below.
  std::optional<OneAsymmetricKeyParts> version1;
  if (*form == PrivateKeyForm::pkcs8) {
    auto parts = split_one_asymmetric_key(der);
    if (!parts) return std::unexpected(parts.error());
    version1 = std::move(*parts);
  }
  const ByteView input = version1 ? ByteView(version1->version0) : der;
  auto structure = inspect_private_key(input, *form);
  if (!structure) return std::unexpected(inspection_error(structure.error(), "private key"));
  auto key = do_import_private_key(input, *form, *structure);
  if (!key || !version1 || version1->public_key.empty()) return key;

  // Hold the carried public key to the one the backend derives, so an inconsistent file
  // is refused rather than half believed.
  auto spki = do_export_public_key(**key);
  if (!spki) return std::unexpected(spki.error());
  auto derived = spki_public_key_bits(*spki);
  if (!derived) return std::unexpected(derived.error());
  if (!std::ranges::equal(*derived, version1->public_key))
    return fail(ErrorCode::invalid_input,
                "private key: the public key carried in the PKCS#8 (version 1) file does not "
                "match the private key");
  return key;
}

Result<std::unique_ptr<PublicKey>> Provider::import_public_key(ByteView spki_der) {
  if (auto strict = der::check_strict_der(spki_der); !strict)
    return std::unexpected(with_context(strict.error(), "public key"));
  auto structure = inspect_public_key(spki_der);
  if (!structure) return std::unexpected(inspection_error(structure.error(), "public key"));
  return do_import_public_key(spki_der, *structure);
}

Result<SecureBuffer> Provider::export_private_key(const PrivateKey& key,
                                                  PrivateKeyEncoding encoding) {
  if (auto owner = check_owner(*this, key); !owner) return std::unexpected(owner.error());
  if (encoding == PrivateKeyEncoding::pkcs8) return do_export_private_key(key, PrivateKeyForm::pkcs8);
  switch (key.spec().algorithm) {
    case KeyAlgorithm::rsa: return do_export_private_key(key, PrivateKeyForm::rsa_pkcs1);
    case KeyAlgorithm::ec: return do_export_private_key(key, PrivateKeyForm::ec_sec1);
    case KeyAlgorithm::ed25519:
      return fail(ErrorCode::invalid_input,
                  "Ed25519 keys have no traditional form; PKCS#8 is their only encoding");
  }
  return fail(ErrorCode::internal, "unknown key algorithm");
}

Result<Bytes> Provider::export_public_key(const PrivateKey& key) {
  if (auto owner = check_owner(*this, key); !owner) return std::unexpected(owner.error());
  return do_export_public_key(key);
}

Result<Bytes> Provider::export_public_key(const PublicKey& key) {
  if (auto owner = check_owner(*this, key); !owner) return std::unexpected(owner.error());
  return do_export_public_key(key);
}

}  // namespace polycert
