// The roles a Provider holds (provider_roles.hpp), and what stands in for a missing one.
#include <polycert/provider.hpp>

namespace polycert {

namespace {

std::unexpected<Error> missing(std::string_view role) {
  return fail(ErrorCode::unsupported,
              "this provider was made without " + std::string(role) + ", so it cannot do that");
}

constexpr std::string_view kKeys = "key operations";
constexpr std::string_view kX509 = "X.509 operations";
constexpr std::string_view kPrimitives = "primitives";

// Every operation of a role the provider lacks is unsupported, as for a library that
// lacks an algorithm.
class MissingKeys final : public KeyOperations {
 public:
  Result<std::unique_ptr<PrivateKey>> do_generate_key(const KeySpec&) override { return missing(kKeys); }
  Result<std::unique_ptr<PrivateKey>> do_import_private_key(ByteView, PrivateKeyForm,
                                                            const KeyStructure&) override {
    return missing(kKeys);
  }
  Result<std::unique_ptr<PublicKey>> do_import_public_key(ByteView, const KeyStructure&) override {
    return missing(kKeys);
  }
  Result<SecureBuffer> do_export_private_key(const PrivateKey&, PrivateKeyForm) override {
    return missing(kKeys);
  }
  Result<Bytes> do_export_public_key(const PrivateKey&) override { return missing(kKeys); }
  Result<Bytes> do_export_public_key(const PublicKey&) override { return missing(kKeys); }
  Result<Bytes> do_sign(const PrivateKey&, Digest, ByteView) override { return missing(kKeys); }
};

class MissingX509 final : public X509Operations {
 public:
  Result<CsrInfo> do_parse_csr(ByteView) override { return missing(kX509); }
  Result<CertificateInfo> do_parse_certificate(ByteView) override { return missing(kX509); }
  Result<void> do_verify_signature(ByteView, const SignatureParameters&, ByteView,
                                   ByteView) override {
    return missing(kX509);
  }
  Result<PathVerdict> do_validate_path(const PathValidationRequest&) override {
    return missing(kX509);
  }
};

class MissingPrimitives final : public PrimitiveOperations {
 public:
  Result<SecureBuffer> do_random_bytes(std::size_t) override { return missing(kPrimitives); }
  Result<SecureBuffer> do_pbkdf2(Hash, ByteView, ByteView, std::uint32_t, std::size_t) override {
    return missing(kPrimitives);
  }
  Result<SecureBuffer> do_pkcs12_kdf(Hash, ByteView, ByteView, std::uint32_t, Pkcs12KeyPurpose,
                                     std::size_t) override {
    return missing(kPrimitives);
  }
  Result<SecureBuffer> do_hmac(Hash, ByteView, ByteView) override { return missing(kPrimitives); }
  Result<SecureBuffer> do_digest(Hash, ByteView) override { return missing(kPrimitives); }
  Result<Bytes> do_cbc_encrypt(Cipher, ByteView, ByteView, ByteView) override {
    return missing(kPrimitives);
  }
  Result<SecureBuffer> do_cbc_decrypt(Cipher, ByteView, ByteView, ByteView) override {
    return missing(kPrimitives);
  }
};

// Stateless, so one of each serves every provider and thread.
MissingKeys missing_keys;
MissingX509 missing_x509;
MissingPrimitives missing_primitives;

}  // namespace

Provider::Provider(ProviderRoles roles)
    : keys_(roles.keys != nullptr ? *roles.keys : missing_keys),
      x509_(roles.x509 != nullptr ? *roles.x509 : missing_x509),
      primitives_(roles.primitives != nullptr ? *roles.primitives : missing_primitives) {}

}  // namespace polycert
