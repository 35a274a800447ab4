#include <polycert/der.hpp>
#include <polycert/key_encoding.hpp>
#include <polycert/key_structure.hpp>
#include <polycert/limits.hpp>
#include <polycert/provider.hpp>
#include <polycert/signature_budget.hpp>
#include <polycert/signer.hpp>
#include <polycert/name.hpp>
#include <polycert/x509_encoding.hpp>
#include <polycert/x509_structure.hpp>

#include "provider_checks.hpp"

#include <algorithm>
#include <optional>

namespace polycert {

namespace {

// Bounds every request and certificate passes before a backend builds it.
Result<void> check_extension_bounds(const ExtensionSet& set) {
  if (set.subject_alt_names.size() > kMaxSubjectAltNames)
    return fail(ErrorCode::invalid_input, "subjectAltName: more than " +
                                              std::to_string(kMaxSubjectAltNames) + " names");
  for (const GeneralName& name : set.subject_alt_names)
    if (name.value.empty() || name.value.size() > kMaxGeneralNameLength)
      return fail(ErrorCode::invalid_input,
                  "subjectAltName: " + std::string(name.value.empty() ? "empty entry" : "entry longer than " + std::to_string(kMaxGeneralNameLength) + " bytes"));
  for (const Extension& e : encode_extensions(set, false))
    if (e.value.size() > kMaxExtensionValueSize)
      return fail(ErrorCode::invalid_input, "extension " + e.oid + " is larger than " +
                                                std::to_string(kMaxExtensionValueSize) + " bytes");
  return {};
}

Result<void> check_attribute(std::string_view what, std::size_t length) {
  if (length == 0 || length > kMaxAttributeLength)
    return fail(ErrorCode::invalid_input, std::string(what) + " must be 1 to " +
                                              std::to_string(kMaxAttributeLength) + " bytes");
  return {};
}

Result<void> check_validity(std::int64_t not_before, std::int64_t not_after) {
  constexpr std::int64_t kYear10000 = 253402300800;  // 10000-01-01T00:00:00Z
  if (not_before < 0 || not_after >= kYear10000)
    return fail(ErrorCode::invalid_input, "validity: outside 1970..9999");
  if (not_after <= not_before)
    return fail(ErrorCode::invalid_input, "validity: notAfter is not after notBefore");
  return {};
}

}  // namespace

namespace provider_checks {

Result<void> check_serial(ByteView serial) {
  if (serial.empty() || serial[0] == 0)
    return fail(ErrorCode::invalid_input, "serial number: empty, zero or with a leading zero octet");
  // RFC 5280 4.1.2.2: at most 20 octets as encoded (a sign octet counts).
  const std::size_t encoded = serial.size() + ((serial[0] & 0x80) ? 1 : 0);
  if (encoded > 20) return fail(ErrorCode::invalid_input, "serial number: longer than 20 octets");
  return {};
}

Result<void> check_strict(ByteView der, std::string_view what) {
  if (auto strict = der::check_strict_der(der); !strict)
    return std::unexpected(with_context(strict.error(), what));
  return {};
}

// A certificate or request: strict DER, and no key a backend would spend minutes on.
Result<void> check_signed_object(ByteView der, std::string_view what) {
  if (auto strict = check_strict(der, what); !strict) return strict;
  if (auto size = check_embedded_public_key_size(der); !size)
    return std::unexpected(with_context(size.error(), what));
  return {};
}

}  // namespace provider_checks

using namespace provider_checks;

Error Provider::unsupported(std::string_view what, std::string_view why) const {
  return Error{ErrorCode::unsupported, std::string(name()) + " backend (" + library_version() +
                                           ") cannot " + std::string(what) + ": " +
                                           std::string(why)};
}

Result<std::unique_ptr<PrivateKey>> Provider::generate_key(const KeySpec& spec) {
  if (spec.algorithm == KeyAlgorithm::rsa && spec.rsa_bits > kMaxRsaModulusBits)
    return fail(ErrorCode::invalid_input, "cannot generate " + to_string(spec) +
                                              ": over polycert's limit of " +
                                              std::to_string(kMaxRsaModulusBits) +
                                              " bits for RSA keys");
  if (std::ranges::find(kGeneratableKeySpecs, spec) == kGeneratableKeySpecs.end())
    return fail(ErrorCode::invalid_input, "cannot generate " + to_string(spec) +
                                              ": not one of the supported key specs");
  return keys_.do_generate_key(spec);
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
  auto key = keys_.do_import_private_key(input, *form, *structure);
  if (!key || !version1 || version1->public_key.empty()) return key;

  // Hold the carried public key to the one the backend derives, so an inconsistent file
  // is refused rather than half believed.
  auto spki = keys_.do_export_public_key(**key);
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
  return keys_.do_import_public_key(spki_der, *structure);
}

Result<SecureBuffer> Provider::export_private_key(const PrivateKey& key,
                                                  PrivateKeyEncoding encoding) {
  if (auto owner = check_owner(*this, key); !owner) return std::unexpected(owner.error());
  if (const Signer* signer = key.signer())
    return fail(ErrorCode::unsupported, signer->why_not_exportable());
  if (encoding == PrivateKeyEncoding::pkcs8) return keys_.do_export_private_key(key, PrivateKeyForm::pkcs8);
  switch (key.spec().algorithm) {
    case KeyAlgorithm::rsa: return keys_.do_export_private_key(key, PrivateKeyForm::rsa_pkcs1);
    case KeyAlgorithm::ec: return keys_.do_export_private_key(key, PrivateKeyForm::ec_sec1);
    case KeyAlgorithm::ed25519:
      return fail(ErrorCode::invalid_input,
                  "Ed25519 keys have no traditional form; PKCS#8 is their only encoding");
  }
  return fail(ErrorCode::internal, "unknown key algorithm");
}

Result<Bytes> Provider::export_public_key(const PrivateKey& key) {
  if (auto owner = check_owner(*this, key); !owner) return std::unexpected(owner.error());
  return public_key_of(key);
}

Result<Bytes> Provider::export_public_key(const PublicKey& key) {
  if (auto owner = check_owner(*this, key); !owner) return std::unexpected(owner.error());
  return keys_.do_export_public_key(key);
}

Result<Bytes> Provider::create_csr(const PrivateKey& key, const CsrSpec& spec) {
  if (auto owner = check_owner(*this, key); !owner) return std::unexpected(owner.error());
  // An empty subject is a request for names in subjectAltName only (a device named by
  // DNS, as `req --san` without --subject asks); with neither there is nothing to certify.
  if (spec.subject.empty() && spec.extensions.subject_alt_names.empty())
    return fail(ErrorCode::invalid_input,
                "certificate request: an empty subject needs a subjectAltName");
  if (auto bounds = check_extension_bounds(spec.extensions); !bounds)
    return std::unexpected(bounds.error());
  if (spec.challenge_password)
    if (auto ok = check_attribute("challengePassword", spec.challenge_password->size()); !ok)
      return std::unexpected(ok.error());
  if (spec.unstructured_name)
    if (auto ok = check_attribute("unstructuredName", spec.unstructured_name->size()); !ok)
      return std::unexpected(ok.error());
  auto spki = public_key_of(key);
  if (!spki) return std::unexpected(spki.error());
  const SecureBuffer info = encode_request_info(spec, *spki);
  const KeyAlgorithm algorithm = key.spec().algorithm;
  auto signature = sign_with(key, spec.digest, info);
  if (!signature) return std::unexpected(with_context(signature.error(), "certificate request"));
  return encode_signed(info, signature_algorithm_identifier(algorithm, spec.digest), *signature);
}

Result<Bytes> Provider::sign(const PrivateKey& key, Digest digest, ByteView data) {
  if (auto owner = check_owner(*this, key); !owner) return std::unexpected(owner.error());
  return sign_with(key, digest, data);
}

namespace {

// Whether the libraries parse a certificate or request signed this way. Mbed TLS refuses
// at parse any signature OID it has no entry for (the OIW spellings, DSA, Ed448); core
// reads those instead. Ed25519 stays with the library: a backend without it (Mbed TLS)
// says so, the documented gap of its capability matrix.
bool library_parses(const SignatureAlgorithm& algorithm) {
  if (algorithm.oid.starts_with("1.3.14.3.2.")) return false;
  switch (algorithm.parameters.scheme) {
    case SignatureScheme::rsa_pkcs1:
    case SignatureScheme::rsa_pss:
    case SignatureScheme::ecdsa:
    case SignatureScheme::ed25519: return true;
    case SignatureScheme::dsa:
    case SignatureScheme::ed448: return false;
  }
  return false;
}

// A Name holding a value some library refuses though RFC 5280 readers take it: a value
// that is no string (an x500UniqueIdentifier BIT STRING) makes Botan's X509_DN refuse the
// whole certificate; a NumericString or VisibleString (Russian INN/OGRN attributes) makes
// Mbed TLS 2.28's name parser refuse it. Core reads such a certificate on every backend.
// Only the value tags are looked at (no string is decoded: this runs for every
// certificate read); a malformed Name is left to the reader that follows.
bool has_value_a_library_refuses(ByteView name) {
  der::Reader top(name);
  auto sequence = top.next();
  if (!sequence) return false;
  der::Reader rdns(sequence->content);
  while (!rdns.empty()) {
    auto set = rdns.next();
    if (!set) return false;
    der::Reader members(set->content);
    while (!members.empty()) {
      auto atv = members.next();
      if (!atv) return false;
      der::Reader fields(atv->content);
      if (!fields.next()) return false;  // the attribute type
      const std::uint8_t tag = fields.peek_tag();
      if (!is_name_string_tag(tag) || tag == std::uint8_t(StringType::numeric) ||
          tag == std::uint8_t(StringType::visible))
        return true;
    }
  }
  return false;
}

// An OID Botan 2 cannot hold: it keeps arcs in 32 bits (a wider one refuses the whole
// object, "OID component overflow"), reads the first subidentifier from one octet
// (2.100.3 becomes another OID) and refuses a one-octet encoding other than 0.0 ("OID
// encoding is too short", though 0.1 or 2.5 is one octet: found by differential fuzzing in
// an extendedKeyUsage). Core reads a certificate or request holding one, as RFC 5280 readers
// take any OID.
bool botan_cannot_hold(ByteView oid) {
  if (oid.size() == 1 && oid[0] != 0) return true;
  if (!oid.empty() && (oid[0] & 0x80) != 0) return true;
  std::uint64_t arc = 0;
  for (std::uint8_t byte : oid) {
    arc = (arc << 7) | (byte & 0x7Fu);
    if (arc > 0xFFFFFFFFu) return true;
    if ((byte & 0x80) == 0) arc = 0;
  }
  return false;
}

// Whether any OID in `der` is one botan_cannot_hold: walks every element, and the
// extension values held in OCTET STRINGs, as Botan decodes them. Malformed DER is left to
// the strict readers (false).
bool has_oid_botan_cannot_hold(ByteView der, int depth = 0) {
  if (depth > 16) return false;
  der::Reader reader(der);
  while (!reader.empty()) {
    auto element = reader.next();
    if (!element) return false;
    const bool found =
        element->tag == der::kOid ? botan_cannot_hold(element->content)
        : element->constructed() || element->tag == der::kOctetString
            ? has_oid_botan_cannot_hold(element->content, depth + 1)
            : false;
    if (found) return true;
  }
  return false;
}

// The library reads what it holds; core reads the rest, so "read what you cannot use"
// holds on every backend and the verdict never depends on a library's OID table.
bool read_by_library(const PublicKeyDescription& key, ByteView signature_algorithm) {
  if (!key.usable) return false;
  auto algorithm = read_signature_algorithm(signature_algorithm);
  return algorithm && library_parses(*algorithm);
}

// A critical certificatePolicies naming a policy other than anyPolicy: Mbed TLS 2.28
// enforces no policy, so it refuses the certificate ("feature unavailable"), where RFC 5280
// leaves policy processing to path validation.
bool has_critical_policy(const std::vector<Extension>& extensions) {
  for (const Extension& extension : extensions) {
    if (extension.oid != oid::kCertificatePolicies || !extension.critical) continue;
    auto policies = decode_certificate_policies(extension.value);
    return policies && std::ranges::any_of(*policies, [](const std::string& policy) {
             return policy != oid::kAnyPolicy;
           });
  }
  return false;
}

// What some library refuses in a certificate that RFC 5280 asks users to read: a negative
// serial (Botan), a name value that is no string (Botan) or a string type Mbed TLS lacks,
// an OID Botan cannot hold, a critical policy (Mbed TLS).
bool library_refuses(const CertificateStructure& structure,
                     const std::vector<Extension>& extensions) {
  return read_serial(structure.serial).negative || has_value_a_library_refuses(structure.issuer) ||
         has_value_a_library_refuses(structure.subject) ||
         has_oid_botan_cannot_hold(structure.to_be_signed) || has_critical_policy(extensions);
}

}  // namespace

Result<void> Provider::verify_signature(ByteView spki, const SignatureParameters& parameters,
                                        ByteView data, ByteView signature) {
  if (auto strict = check_strict(spki, "public key"); !strict) return strict;
  // Core, not the library, says which key makes which signatures: Botan read a key whose
  // algorithm was ecdsa-with-SHA1 as an EC key, which OpenSSL and Mbed TLS could not read
  // (found by differential fuzzing).
  auto key = describe_public_key(spki);
  if (!key) return std::unexpected(inspection_error(key.error(), "public key"));
  if (!key_makes_signatures_of(key->algorithm_oid, parameters.scheme)) {
    if (!is_public_key_algorithm(key->algorithm_oid))
      return fail(ErrorCode::unsupported, "the public key's algorithm " + key->algorithm_oid +
                                              " is no public-key algorithm polycert knows");
    return fail(ErrorCode::mismatch, "the public key (" + key->algorithm + ") makes no " +
                                         std::string(to_string(parameters.scheme)) + " signatures");
  }
  auto cost = signature_check_cost(spki);
  if (!cost) return std::unexpected(with_context(cost.error(), "public key"));
  if (signature.empty()) return fail(ErrorCode::mismatch, "the signature is empty");
  if (auto charged = charge_signature_check(*cost); !charged) return charged;
  return x509_.do_verify_signature(spki, parameters, data, signature);
}

Result<CsrInfo> Provider::parse_csr(ByteView der) {
  constexpr std::string_view kWhat = "certificate request";
  if (auto strict = check_signed_object(der, kWhat); !strict)
    return std::unexpected(strict.error());
  auto structure = inspect_request(der);
  if (!structure) return std::unexpected(with_context(structure.error(), kWhat));
  auto key = describe_public_key(structure->subject_public_key_info);
  if (!key) return std::unexpected(inspection_error(key.error(), kWhat));
  // Core's reading is the verdict on the attributes and requested extensions, so no
  // library's leniency decides; the library then reads what it can hold.
  auto core_reading = read_request_fields(*structure);
  if (!core_reading) return core_reading;
  // An empty subject (a request named by its subjectAltName alone) is core's to read too:
  // Mbed TLS 2.28 parses a request's Name without checking for an empty one ("out of data").
  const bool empty_subject = structure->subject.size() == 2;  // SEQUENCE {}
  const bool by_library =
      read_by_library(*key, structure->signature_algorithm) && !empty_subject &&
      !has_value_a_library_refuses(structure->subject) &&
      !has_oid_botan_cannot_hold(structure->to_be_signed);
  auto info = by_library ? x509_.do_parse_csr(der) : std::move(core_reading);
  if (!info) return info;
  if (by_library) {
    // The attributes are core's reading on every backend: the libraries decode OIDs,
    // string types and extension values each their own way (Botan misreads an OID whose
    // first subidentifier takes two octets; OpenSSL turns Latin-1 into UTF-8).
    info->requested_extensions = std::move(core_reading->requested_extensions);
    info->extensions = std::move(core_reading->extensions);
    info->challenge_password = std::move(core_reading->challenge_password);
    info->unstructured_name = std::move(core_reading->unstructured_name);
  }
  info->key_description = std::move(*key);
  auto check = check_signature(structure->subject_public_key_info, structure->signature_algorithm,
                               structure->to_be_signed, structure->signature);
  if (!check) return std::unexpected(check.error());
  info->signature_status = check->status;
  info->signature_note = check->note;
  return info;
}

Result<Provider::SignatureCheck> Provider::check_signature(ByteView spki,
                                                           ByteView algorithm_identifier,
                                                           ByteView to_be_signed,
                                                           ByteView signature) {
  auto algorithm = read_signature_algorithm(algorithm_identifier);
  if (!algorithm)
    return SignatureCheck{SignatureStatus::cannot_be_checked,
                          "polycert cannot check " + algorithm.error().message};
  auto verified = verify_signature(spki, algorithm->parameters, to_be_signed, signature);
  if (verified) return SignatureCheck{SignatureStatus::verifies, ""};
  if (verified.error().remedy == Remedy::built_in_limit) return std::unexpected(verified.error());
  if (verified.error().code == ErrorCode::unsupported)
    return SignatureCheck{SignatureStatus::cannot_be_checked, verified.error().message};
  return SignatureCheck{SignatureStatus::does_not_verify, verified.error().message};
}

Result<Bytes> Provider::issue_certificate(const CertificateSpec& spec, ByteView subject_spki,
                                          const PrivateKey& issuer_key,
                                          std::optional<ByteView> issuer_certificate) {
  if (auto owner = check_owner(*this, issuer_key); !owner) return std::unexpected(owner.error());
  if (auto strict = check_strict(subject_spki, "subject public key"); !strict)
    return std::unexpected(strict.error());
  auto subject_structure = inspect_public_key(subject_spki);
  if (!subject_structure)
    return std::unexpected(inspection_error(subject_structure.error(), "subject public key"));
  // A backend issues no certificate it could not read back (Mbed TLS for an Ed25519 key).
  const KeySpec subject_spec{subject_structure->algorithm, subject_structure->rsa_bits,
                             subject_structure->curve};
  if (const Capability* row = capabilities().find(Operation::read_certificate, to_string(subject_spec));
      row != nullptr && !row->supported)
    return std::unexpected(
        unsupported("issue certificates for " + to_string(subject_spec) + " keys", row->note));
  if (spec.subject.empty() && spec.extensions.subject_alt_names.empty())
    return fail(ErrorCode::invalid_input,
                "certificate: an empty subject needs a subjectAltName (RFC 5280 4.1.2.6)");
  if (auto bounds = check_extension_bounds(spec.extensions); !bounds)
    return std::unexpected(bounds.error());
  if (auto serial = check_serial(spec.serial); !serial) return std::unexpected(serial.error());
  if (auto validity = check_validity(spec.not_before, spec.not_after); !validity)
    return std::unexpected(validity.error());

  auto issuer_public = public_key_of(issuer_key);
  if (!issuer_public) return std::unexpected(issuer_public.error());
  const Bytes subject_name = encode_name(spec.subject);
  TbsCertificateParts parts;
  parts.subject_spki = subject_spki;
  parts.extensions = encode_extensions(spec.extensions, spec.subject.empty());
  auto subject_key_id = key_identifier(subject_spki);
  if (!subject_key_id) return std::unexpected(subject_key_id.error());
  parts.extensions.push_back(subject_key_identifier_extension(*subject_key_id));
  std::optional<CertificateInfo> issuer;
  if (!issuer_certificate) {
    if (!std::ranges::equal(*issuer_public, subject_spki))
      return fail(ErrorCode::mismatch,
                  "self-signed certificate: the signing key is not the subject's key");
    parts.issuer_name = subject_name;
  } else {
    if (auto strict = check_signed_object(*issuer_certificate, "issuer certificate"); !strict)
      return std::unexpected(strict.error());
    auto parsed = x509_.do_parse_certificate(*issuer_certificate);
    if (!parsed) return std::unexpected(with_context(parsed.error(), "issuer certificate"));
    issuer = std::move(*parsed);
    if (!std::ranges::equal(*issuer_public, issuer->public_key))
      return fail(ErrorCode::mismatch, "the signing key does not belong to the issuer certificate");
    parts.issuer_name = issuer->subject_der;
    Bytes authority = issuer->subject_key_id;
    if (authority.empty()) {
      auto computed = key_identifier(issuer->public_key);
      if (!computed) return std::unexpected(computed.error());
      authority = std::move(*computed);
    }
    parts.extensions.push_back(authority_key_identifier_extension(authority));
  }
  const Bytes algorithm = signature_algorithm_identifier(issuer_key.spec().algorithm, spec.digest);
  parts.signature_algorithm = algorithm;
  const Bytes tbs = encode_tbs_certificate(spec, parts);
  auto signature = sign_with(issuer_key, spec.digest, tbs);
  if (!signature) return std::unexpected(with_context(signature.error(), "certificate"));
  return encode_signed(tbs, algorithm, *signature);
}

Result<Bytes> Provider::key_identifier(ByteView spki) {
  auto bits = spki_public_key_bits(spki);
  if (!bits) return std::unexpected(bits.error());
  if (bits->empty())
    return fail(ErrorCode::invalid_input, "subjectPublicKeyInfo: empty public key BIT STRING");
  auto digest = primitives_.do_digest(Hash::sha1, bits->subspan(1));
  if (!digest) return std::unexpected(digest.error());
  return Bytes(digest->begin(), digest->end());
}

Result<CertificateInfo> Provider::parse_certificate(ByteView der) {
  constexpr std::string_view kWhat = "certificate";
  if (auto strict = check_signed_object(der, kWhat); !strict)
    return std::unexpected(strict.error());
  auto structure = inspect_certificate(der);
  if (!structure) return std::unexpected(structure.error());
  auto key = describe_public_key(structure->subject_public_key_info);
  if (!key) return std::unexpected(inspection_error(key.error(), kWhat));

  // Core's reading of the extensions is the verdict on them (a keyUsage with trailing
  // zero bits, a malformed SAN or AKI), whichever reader fills the rest.
  CertificateInfo core_extensions;
  if (auto read = read_extension_fields(*structure, core_extensions); !read)
    return std::unexpected(read.error());

  Result<CertificateInfo> info = fail(ErrorCode::internal, "certificate not read");
  if (!library_refuses(*structure, core_extensions.all_extensions) &&
      read_by_library(*key, structure->signature_algorithm)) {
    info = x509_.do_parse_certificate(der);
    if (!info) return info;
  } else {
    info = read_certificate_fields(*structure);
    if (!info) return info;
    auto fingerprint = primitives_.do_digest(Hash::sha256, der);
    if (!fingerprint) return std::unexpected(fingerprint.error());
    info->sha256_fingerprint.assign(fingerprint->begin(), fingerprint->end());
  }
  // The extensions as core reads them, on every backend: the libraries' decoders differ
  // (Botan misreads an OID whose first subidentifier takes two octets, Mbed TLS reads
  // keyUsage bits past the named ones, OpenSSL refuses an AKI Botan passes over).
  info->all_extensions = std::move(core_extensions.all_extensions);
  info->extensions = std::move(core_extensions.extensions);
  info->subject_key_id = std::move(core_extensions.subject_key_id);
  info->authority_key_id = std::move(core_extensions.authority_key_id);
  SerialNumber serial = read_serial(structure->serial);
  info->serial = std::move(serial.magnitude);
  info->serial_negative = serial.negative;
  info->version = structure->version;
  info->key_description = std::move(*key);
  info->warnings = std::move(structure->warnings);
  info->warnings.insert(info->warnings.end(), core_extensions.warnings.begin(),
                        core_extensions.warnings.end());
  if (info->subject.empty() && info->extensions.subject_alt_names.empty())
    info->warnings.push_back("the subject is empty and there is no subjectAltName (RFC 5280 4.1.2.6)");
  return info;
}

Result<void> Provider::verify_certificate_signature(ByteView certificate, ByteView issuer) {
  if (auto strict = check_signed_object(certificate, "certificate"); !strict)
    return std::unexpected(strict.error());
  if (auto strict = check_signed_object(issuer, "issuer certificate"); !strict)
    return std::unexpected(strict.error());
  auto subject = inspect_certificate(certificate);
  if (!subject) return std::unexpected(subject.error());
  auto signer = inspect_certificate(issuer);
  if (!signer) return std::unexpected(with_context(signer.error(), "issuer certificate"));
  auto issuer_name = decode_name(subject->issuer);
  if (!issuer_name) return std::unexpected(with_context(issuer_name.error(), "certificate: issuer"));
  auto signer_name = decode_name(signer->subject);
  if (!signer_name)
    return std::unexpected(with_context(signer_name.error(), "issuer certificate: subject"));
  if (!std::ranges::equal(subject->issuer, signer->subject) && !names_match(*issuer_name, *signer_name))
    return fail(ErrorCode::mismatch, "certificate issuer " + format_slash(*issuer_name) +
                                         " is not the issuer certificate's subject " +
                                         format_slash(*signer_name));
  auto check = check_signature(signer->subject_public_key_info, subject->signature_algorithm,
                               subject->to_be_signed, subject->signature);
  if (!check) return std::unexpected(check.error());
  switch (check->status) {
    case SignatureStatus::verifies: return {};
    case SignatureStatus::cannot_be_checked:
      return fail(ErrorCode::unsupported,
                  "the signature of the certificate cannot be checked: " + check->note);
    case SignatureStatus::does_not_verify: break;
  }
  return fail(ErrorCode::mismatch, "certificate signature does not verify with " +
                                       format_slash(*signer_name) + " (" + check->note + ")");
}

}  // namespace polycert
