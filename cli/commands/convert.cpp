// polycert convert IN... --to pem|der|p7b|p12 -o OUT: P7B -> PEM, PFX -> PEM, DER <-> PEM,
// PEM -> P7B, certificate + key (+ chain) -> PFX, and private keys decrypted (--passin)
// or (re-)encrypted (--passout). Every certificate
// and key passes through the selected backend on the way, so what comes out is what that
// backend reads. Nothing is written unless everything was read.
#include "../auto_backend.hpp"
#include "../command.hpp"
#include "../key_protection.hpp"
#include "../input_reader.hpp"
#include "../batch/item.hpp"

#include <polycert/password.hpp>
#include <polycert/pem.hpp>
#include <polycert/pkcs12.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>

namespace polycert::cli {

namespace {

// What convert writes: the inputs' certificates, requests and public keys, each read by
// the selected backend, and at most one private key, imported into it.
struct CollectedObjects {
  std::vector<Bytes> certificates;
  /// Per certificate, whether it is a CA: cA TRUE, or self-issued (a v1 root has no
  /// basicConstraints). Read once, with the certificate; --leaf-only and --ca-only use it.
  std::vector<bool> certificate_is_ca;
  std::vector<Bytes> requests;
  std::vector<Bytes> public_keys;  ///< SubjectPublicKeyInfo
  std::vector<Bytes> crls;
  std::unique_ptr<PrivateKey> key;
  std::vector<std::string> warnings;
};

Result<CollectedObjects> collect_objects(Provider& provider, const std::vector<std::string>& files,
                                         const std::string& passin) {
  auto inputs = read_inputs(provider, files, passin);
  if (!inputs) return std::unexpected(inputs.error());
  CollectedObjects out;
  out.warnings = std::move(inputs->warnings);
  const auto keys = inputs->private_keys();
  if (keys.size() > 1)
    return fail(ErrorCode::invalid_input, keys[1]->file + ": a second private key (the first is in " +
                                              keys[0]->file + "); give one key");
  for (const InputObject& input : inputs->objects) {
    const Bytes der(input.object.der.begin(), input.object.der.end());
    if (input.kind() == ObjectKind::certificate) {
      auto info = provider.parse_certificate(der);
      if (!info) return std::unexpected(with_context(info.error(), input.file));
      out.certificates.push_back(der);
      out.certificate_is_ca.push_back((info->extensions.basic_constraints && info->extensions.basic_constraints->ca) ||
                                      info->subject_der == info->issuer_der);
    } else if (input.kind() == ObjectKind::certificate_request) {
      auto info = provider.parse_csr(der);
      if (!info) return std::unexpected(with_context(info.error(), input.file));
      out.requests.push_back(der);
    } else if (input.is_public_key()) {
      const Bytes spki = input.public_key_info();
      auto key = provider.import_public_key(spki);
      if (!key) return std::unexpected(with_context(key.error(), input.file));
      out.public_keys.push_back(spki);
    } else if (input.kind() == ObjectKind::crl) {
      auto crl = provider.parse_crl(der, std::nullopt);
      if (!crl) return std::unexpected(with_context(crl.error(), input.file));
      out.crls.push_back(der);
    } else if (input.is_private_key()) {
      auto key = load_private_key(provider, input, passin);
      if (!key) return std::unexpected(key.error());
      out.key = std::move(*key);
    }
  }
  return out;
}

class ConvertCommand final : public Command {
 public:
  std::string_view name() const override { return "convert"; }
  std::string_view summary() const override {
    return "convert certificates, bundles and keys between PEM, DER, PKCS#7 and PKCS#12";
  }
  std::string_view synopsis() const override {
    return "convert IN... [--to pem|der|p7b|p12] -o OUT [--passin SRC] [--passout SRC] "
           "[--certs-only|--key-only] [--leaf-only|--ca-only] [--traditional] [--profile modern|compat|legacy] [--name NAME]";
  }
  std::string_view epilog() const override {
    return "Inputs: PEM files with any number of blocks, DER files, PKCS#7 bundles (.p7b/.p7c,\n"
           "PEM or DER), PKCS#12 files (.pfx/.p12, --passin), private keys (PKCS#8,\n"
           "traditional, encrypted PKCS#8 with --passin), CRLs.\n"
           "--to pem writes the certificates in input order, then requests, public keys and\n"
           "CRLs, then the key (encrypted PKCS#8 with --passout, else PKCS#8); a file with a\n"
           "key in it is 0600.\n"
           "--to der writes exactly one object. --to p7b writes a certs-only PKCS#7 bundle\n"
           "(--outform pem, the default, or der). --to p12 writes the key and the certificates\n"
           "(its own certificate first) protected by --passout, as --profile says:\n"
           "  modern  PBES2 AES-256-CBC, PBKDF2-HMAC-SHA256 (600000 iterations; OpenSSL 3.0\n"
           "          writes 2048: --iterations N), HMAC-SHA256 MAC (the default)\n"
           "  compat  3DES for key and certificates, SHA-1 MAC, 2048 iterations: Java 8,\n"
           "          Windows Server 2016, macOS Keychain (--legacy is the same)\n"
           "  legacy  certificates under RC2-40, the key under 3DES, SHA-1 MAC, 2048 iterations:\n"
           "          what openssl pkcs12 -legacy writes, for importers that need nothing newer\n"
           "          (RC2 is in the openssl backend only)\n"
           "`polycert inspect` names a PFX's profile and the importers tested to open it.\n"
           "--name sets the friendly name.\n"
           "Without --to, OUT's extension says it: .pem, .der, .p7b/.p7c, .p12/.pfx (a .crt or\n"
           ".cer may be either, so it needs --to). --leaf-only keeps the certificates that are\n"
           "not CAs and --ca-only the CA certificates (openssl pkcs12 -clcerts / -cacerts),\n"
           "for a chain.crt from a vendor's PFX or P7B. --traditional writes the key as\n"
           "RSA PRIVATE KEY or EC PRIVATE KEY (openssl -traditional), unencrypted.\n"
           "\n"
           "Text around PEM blocks is ignored. A malformed block (broken armor, bad base64,\n"
           "an unknown label, content that is not what its label says) refuses its whole\n"
           "file, named as FILE:LINE (exit 3); nothing is written (docs/pem-bags.md).\n";
  }

  std::string_view examples() const override {
    return "# P7B to PEM, PFX to PEM, DER to PEM (the format from the output's extension)\n"
           "polycert convert ca.p7b -o ca.pem\n"
           "polycert convert vendor.pfx --passin env:PFXPASS --to pem -o everything.pem\n"
           "polycert convert api.cer -o api.pem\n"
           "# A vendor's PFX taken apart: key, leaf, CA certificates\n"
           "polycert convert vendor.pfx --passin env:PFXPASS --key-only --to pem -o server.key\n"
           "polycert convert vendor.pfx --passin env:PFXPASS --leaf-only -o server.pem\n"
           "polycert convert vendor.pfx --passin env:PFXPASS --ca-only -o ca.pem\n"
           "# Key and chain into a PFX; a PKCS#8 key as RSA PRIVATE KEY\n"
           "polycert convert api.key chain.crt --to p12 --passout env:PFXPASS -o api.p12\n"
           "polycert convert api.key --traditional --to pem -o api-rsa.key";
  }

  void add_options(po::options_description& options) override {
    options.add_options()
        ("in", po::value<std::vector<std::string>>(&inputs_)->required()->value_name("FILE"),
         "input files (also the arguments)")
        ("to", po::value<std::string>(&to_)->value_name("pem|der|p7b|p12"),
         "output format (default: from OUT's extension)")
        ("out,o", po::value<std::string>(&out_)->required()->value_name("FILE"), "output file")
        ("outform", po::value<std::string>(&outform_)->default_value("pem")->value_name("pem|der"),
         "encoding of a --to p7b bundle")
        ("passin", po::value<std::string>(&passin_)->value_name("SRC"), "password of an encrypted input key")
        ("certs-only", po::bool_switch(&certs_only_), "leave keys and requests out")
        ("key-only", po::bool_switch(&key_only_), "only the private key")
        ("leaf-only", po::bool_switch(&leaf_only_), "only the certificates that are not CAs")
        ("ca-only", po::bool_switch(&ca_only_), "only the CA certificates")
        ("traditional", po::bool_switch(&traditional_),
         "the key as RSA PRIVATE KEY / EC PRIVATE KEY instead of PKCS#8")
        ("profile", po::value<std::string>(&profile_)->value_name("modern|compat|legacy"),
         "--to p12: the protections, for the importer at hand (default modern)")
        ("legacy", po::bool_switch(&legacy_), "--to p12: --profile compat (3DES, SHA-1 MAC)")
        ("name", po::value<std::string>(&name_)->value_name("NAME"), "--to p12: friendly name")
        ("force", po::bool_switch(&force_), "replace OUT if it exists");
    protection_.add_to(options);
  }
  void add_positionals(po::positional_options_description& positionals) override {
    positionals.add("in", -1);
  }

  int run(Session& session, const po::variables_map&) override {
    std::ranges::transform(to_, to_.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (to_.empty()) {
      auto inferred = format_of_extension(out_);
      if (!inferred)
        return session.usage_error("--to is needed: " + out_ + "'s extension does not say the format (.pem, "
                                   ".der, .p7b or .p12; a .crt or .cer may be PEM or DER)");
      to_ = *inferred;
      session.inform("writing " + to_ + ", from " + out_ + "'s extension");
    }
    if (to_ != "pem" && to_ != "der" && to_ != "p7b" && to_ != "p12")
      return session.usage_error("--to must be pem, der, p7b or p12, not '" + to_ + "'");
    if (leaf_only_ && ca_only_) return session.usage_error("--leaf-only and --ca-only exclude each other");
    if (traditional_ && to_ != "pem" && to_ != "der")
      return session.usage_error("--traditional goes with --to pem or der");
    if (traditional_ && protection_.enabled())
      return session.usage_error("--traditional keys are written unencrypted; an encrypted key is "
                                 "PKCS#8 (leave --traditional out)");
    if (to_ != "p12" && (legacy_ || !name_.empty() || !profile_.empty()))
      return session.usage_error("--profile, --legacy and --name go with --to p12");
    if (legacy_ && !profile_.empty() && profile_ != "compat")
      return session.usage_error("--legacy is --profile compat; give one of them");
    if (!profile_.empty())
      if (auto profile = parse_pkcs12_profile(profile_); !profile) return session.usage_error(profile.error().message);
    if (to_ == "p12" && !protection_.enabled())
      return session.usage_error("--to p12 needs --passout SRC (pass: gives an empty password)");
    if (outform_ != "pem" && outform_ != "der")
      return session.usage_error("--outform must be pem or der, not '" + outform_ + "'");
    if (certs_only_ && key_only_) return session.usage_error("--certs-only and --key-only exclude each other");
    if (protection_.enabled())
      if (auto options = protection_.options(); !options) return session.usage_error(options.error().message);

    auto provider = session.provider([&] { return reading_operation(inputs_, "parse:cert"); });
    if (!provider) return kExitUsage;
    auto collected = collect_objects(*provider, inputs_, passin_);
    if (!collected) return session.report(collected.error());
    for (const auto& warning : collected->warnings) session.inform("warning: " + warning);
    if (certs_only_) {
      collected->key.reset();
      collected->requests.clear();
      collected->public_keys.clear();
      collected->crls.clear();
    }
    if (leaf_only_ || ca_only_) {
      std::vector<Bytes> kept;
      for (std::size_t i = 0; i < collected->certificates.size(); ++i)
        if (collected->certificate_is_ca[i] == ca_only_) kept.push_back(std::move(collected->certificates[i]));
      if (kept.empty())
        return session.report(Error{ErrorCode::invalid_input, std::string(ca_only_ ? "--ca-only: no CA certificate"
                                                                                     : "--leaf-only: no certificate that is not a CA") +
                                                                  " in the input"});
      collected->certificates = std::move(kept);
    }
    if (key_only_) {
      if (!collected->key) return session.report(Error{ErrorCode::invalid_input, "--key-only: no private key in the input"});
      collected->certificates.clear();
      collected->requests.clear();
      collected->public_keys.clear();
      collected->crls.clear();
    }
    if (protection_.enabled() && !collected->key && to_ != "p12")
      return session.usage_error("--passout encrypts a private key, and the input has none");

    SecureBuffer output;
    bool secret = false;
    bool binary = false;
    if (to_ == "p12") {
      if (!collected->requests.empty() || !collected->public_keys.empty() || !collected->crls.empty())
        return session.report(Error{ErrorCode::invalid_input,
                                    "a PKCS#12 file holds a key and certificates; add --certs-only "
                                    "or leave requests, public keys and CRLs out"});
      auto written = write_p12(session, *provider, *collected);
      if (!written) return session.report(written.error());
      output = std::move(*written);
      secret = collected->key != nullptr;
      binary = true;
    } else if (to_ == "p7b") {
      if (collected->key || !collected->requests.empty() || !collected->public_keys.empty() ||
          !collected->crls.empty())
        return session.report(Error{ErrorCode::invalid_input,
                                    "a PKCS#7 bundle holds certificates only; add --certs-only to "
                                    "leave the rest out"});
      if (collected->certificates.empty())
        return session.report(Error{ErrorCode::invalid_input, "no certificates in the input"});
      const std::vector<Bytes>& certificates = collected->certificates;
      const Bytes bundle = write_pkcs7_certificates(certificates);
      binary = outform_ == "der";
      output = binary ? SecureBuffer(bundle.begin(), bundle.end()) : pem_encode("PKCS7", bundle);
    } else {
      std::vector<std::pair<std::string_view, SecureBuffer>> blocks;
      for (const auto& certificate : collected->certificates)
        blocks.emplace_back("CERTIFICATE", SecureBuffer(certificate.begin(), certificate.end()));
      for (const auto& request : collected->requests)
        blocks.emplace_back("CERTIFICATE REQUEST", SecureBuffer(request.begin(), request.end()));
      for (const auto& key : collected->public_keys)
        blocks.emplace_back("PUBLIC KEY", SecureBuffer(key.begin(), key.end()));
      for (const auto& crl : collected->crls)
        blocks.emplace_back("X509 CRL", SecureBuffer(crl.begin(), crl.end()));
      if (collected->key) {
        auto pkcs8 = provider->export_private_key(
            *collected->key, traditional_ ? PrivateKeyEncoding::traditional : PrivateKeyEncoding::pkcs8);
        if (!pkcs8) return session.report(pkcs8.error());
        if (traditional_) {
          KeyFileFormat format;
          format.traditional = true;
          blocks.emplace_back(pem_label(format.form(collected->key->spec())), std::move(*pkcs8));
        } else if (protection_.enabled()) {
          auto encrypted = protect_private_key(session, *provider, protection_, *pkcs8);
          if (!encrypted) return session.report(encrypted.error());
          blocks.emplace_back("ENCRYPTED PRIVATE KEY", SecureBuffer(encrypted->begin(), encrypted->end()));
        } else {
          blocks.emplace_back("PRIVATE KEY", std::move(*pkcs8));
        }
        secret = true;
      }
      if (blocks.empty()) return session.report(Error{ErrorCode::invalid_input, "nothing to write"});
      if (to_ == "der") {
        if (blocks.size() != 1) {
          // Only what would help: --certs-only when it is not given and there is a key...
          std::vector<std::string> ways = {"--to pem", "--to p7b"};
          if (!certs_only_ && (collected->key || !collected->requests.empty())) ways.push_back("--certs-only");
          if (!key_only_ && collected->key) ways.push_back("--key-only");
          if (!leaf_only_ && !ca_only_ && collected->certificates.size() > 1) ways.push_back("--leaf-only");
          std::string listed;
          for (std::size_t i = 0; i < ways.size(); ++i)
            listed += (i == 0 ? "" : i + 1 == ways.size() ? " or " : ", ") + ways[i];
          return session.report(Error{ErrorCode::invalid_input, "DER holds one object and the input has " +
                                                                    std::to_string(blocks.size()) + "; use " + listed});
        }
        output = std::move(blocks.front().second);
        binary = true;
      } else {
        for (const auto& [label, der] : blocks) {
          const SecureBuffer pem = pem_encode(label, der);
          output.insert(output.end(), pem.begin(), pem.end());
        }
      }
    }
    if (auto written = write_output(out_, output, secret ? FileMode::secret : FileMode::public_, force_, binary);
        !written)
      return session.report(written.error());
    std::vector<std::string> parts;
    auto count = [&](std::size_t n, std::string_view what) {
      if (n != 0) parts.push_back(std::to_string(n) + " " + std::string(what) + (n == 1 ? "" : "s"));
    };
    count(collected->certificates.size(), "certificate");
    count(collected->requests.size(), "request");
    count(collected->public_keys.size(), "public key");
    count(collected->crls.size(), "CRL");
    if (collected->key) parts.emplace_back(protection_.enabled() ? "an encrypted private key" : "a private key");
    std::string summary;
    for (std::size_t i = 0; i < parts.size(); ++i)
      summary += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
    if (written_profile_)
      summary += " (PFX profile " + std::string(to_string(*written_profile_)) + ", " +
                 std::to_string(written_iterations_) + " iterations)";
    session.inform("Wrote " + summary + " to " + out_ + " [" + session.backend_label() + "]");
    return kExitOk;
  }

 private:
  Result<SecureBuffer> write_p12(const Session& session, Provider& provider, const CollectedObjects& in) {
    std::optional<SecureBuffer> pkcs8;
    if (in.key) {
      auto exported = provider.export_private_key(*in.key, PrivateKeyEncoding::pkcs8);
      if (!exported) return std::unexpected(exported.error());
      pkcs8 = std::move(*exported);
    }
    const std::vector<Bytes>& certificates = in.certificates;
    warn_if_password_on_command_line("--passout", protection_.passout, &session);
    auto password = read_password(protection_.passout);
    if (!password) return std::unexpected(with_context(password.error(), "--passout"));
    Pkcs12WriteOptions options;
    options.profile = legacy_ ? Pkcs12Profile::compat
                              : profile_.empty() ? Pkcs12Profile::modern : *parse_pkcs12_profile(profile_);
    if (!name_.empty()) options.friendly_name = name_;
    // --iterations is PBKDF2's; the PKCS#12 schemes keep OpenSSL's 2048 unless it is given.
    if (options.profile == Pkcs12Profile::modern || protection_.iterations != KeyEncryptionOptions{}.iterations)
      options.iterations = protection_.iterations;
    written_profile_ = options.profile;
    written_iterations_ = pkcs12_iterations(options);
    std::optional<ByteView> key;
    if (pkcs8) key = ByteView(*pkcs8);
    auto file = write_pkcs12(provider, key, certificates, *password, options);
    if (!file) return std::unexpected(file.error());
    return SecureBuffer(file->begin(), file->end());
  }

  std::vector<std::string> inputs_;
  // --to from OUT's extension, when it says one format only.
  static std::optional<std::string> format_of_extension(const std::string& path) {
    std::string extension = std::filesystem::path(path).extension().string();
    std::ranges::transform(extension, extension.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extension == ".pem") return "pem";
    if (extension == ".der") return "der";
    if (extension == ".p7b" || extension == ".p7c") return "p7b";
    if (extension == ".p12" || extension == ".pfx") return "p12";
    return std::nullopt;
  }

  std::string to_, out_, outform_, passin_, name_, profile_;
  std::optional<Pkcs12Profile> written_profile_;
  std::uint32_t written_iterations_ = 0;
  bool leaf_only_ = false, ca_only_ = false, traditional_ = false;
  bool certs_only_ = false, key_only_ = false, force_ = false, legacy_ = false;
  KeyProtection protection_;
};

}  // namespace

std::unique_ptr<Command> make_convert_command() { return std::make_unique<ConvertCommand>(); }

}  // namespace polycert::cli
