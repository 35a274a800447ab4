#include <polycert/ber.hpp>
#include <polycert/der.hpp>
#include <polycert/encrypted_key.hpp>
#include <polycert/formats.hpp>
#include <polycert/key_encoding.hpp>
#include <polycert/key_syntax.hpp>
#include <polycert/limits.hpp>
#include <polycert/pem.hpp>

#include <algorithm>
#include <array>

namespace polycert {

namespace {

constexpr std::string_view kSignedData = "1.2.840.113549.1.7.2";
constexpr std::string_view kData = "1.2.840.113549.1.7.1";

struct LabelKind {
  std::string_view label;
  ObjectKind kind;
};
// Current labels (RFC 7468) and the legacy ones real files still carry.
constexpr std::array<LabelKind, 15> kLabels = {{
    {"CERTIFICATE", ObjectKind::certificate},
    {"X509 CERTIFICATE", ObjectKind::certificate},
    {"TRUSTED CERTIFICATE", ObjectKind::certificate},
    {"CERTIFICATE REQUEST", ObjectKind::certificate_request},
    {"NEW CERTIFICATE REQUEST", ObjectKind::certificate_request},
    {"PRIVATE KEY", ObjectKind::private_key},
    {"RSA PRIVATE KEY", ObjectKind::private_key},
    {"EC PRIVATE KEY", ObjectKind::private_key},
    {"DSA PRIVATE KEY", ObjectKind::private_key},
    {"ENCRYPTED PRIVATE KEY", ObjectKind::encrypted_private_key},
    {"PUBLIC KEY", ObjectKind::public_key},
    {"RSA PUBLIC KEY", ObjectKind::rsa_public_key},
    {"PKCS7", ObjectKind::pkcs7},
    {"CMS", ObjectKind::pkcs7},
    {"X509 CRL", ObjectKind::crl},
}};

// A lenient look at the start of a possibly-BER structure: the tag and where the content
// starts, for the two containers that are BER by specification.
struct Header {
  std::uint8_t tag = 0;
  std::size_t header_size = 0;
  bool indefinite = false;
  std::size_t length = 0;
};

std::optional<Header> peek_header(ByteView data) {
  if (data.size() < 2) return std::nullopt;
  Header h;
  h.tag = data[0];
  if ((h.tag & 0x1F) == 0x1F) return std::nullopt;  // high tag numbers: not ours
  const std::uint8_t first = data[1];
  if (first < 0x80) {
    h.length = first;
    h.header_size = 2;
  } else if (first == 0x80) {
    h.indefinite = true;
    h.header_size = 2;
  } else {
    const std::size_t octets = first & 0x7F;
    if (octets > 4 || data.size() < 2 + octets) return std::nullopt;
    for (std::size_t i = 0; i < octets; ++i) h.length = (h.length << 8) | data[2 + i];
    h.header_size = 2 + octets;
  }
  if (!h.indefinite && h.header_size + h.length > data.size()) return std::nullopt;
  return h;
}

// The start of the content of an element that begins `data` (BER-lenient).
std::optional<ByteView> content_start(ByteView data, std::uint8_t tag) {
  auto h = peek_header(data);
  if (!h || h->tag != tag) return std::nullopt;
  const ByteView rest = data.subspan(h->header_size);
  return h->indefinite ? rest : rest.first(h->length);
}

// The OID that begins `data`, if it does.
std::optional<std::string> leading_oid(ByteView data) {
  auto h = peek_header(data);
  if (!h || h->tag != der::kOid || h->indefinite) return std::nullopt;
  auto oid = der::decode_oid(data.subspan(h->header_size, h->length));
  if (!oid) return std::nullopt;
  return *oid;
}

bool looks_like_pkcs12(ByteView data) {
  // PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, macData OPTIONAL }
  auto body = content_start(data, der::kSequence);
  if (!body || body->size() < 3) return false;
  if ((*body)[0] != der::kInteger || (*body)[1] != 1 || (*body)[2] != 3) return false;
  auto info = content_start(body->subspan(3), der::kSequence);
  if (!info) return false;
  auto oid = leading_oid(*info);
  return oid && (*oid == kData || *oid == kSignedData);
}

bool looks_like_pkcs7(ByteView data) {
  auto body = content_start(data, der::kSequence);
  if (!body) return false;
  auto oid = leading_oid(*body);
  return oid && oid->starts_with("1.2.840.113549.1.7.");
}

// Certificates have at least six TBS fields; a request's info exactly four, the last
// the [0] attributes; a CRL's TBSCertList has a Time after [version,] signature and issuer.
std::optional<ObjectKind> signed_object_kind(ByteView der) {
  der::Reader top(der);
  auto outer = top.expect(der::kSequence, "");
  if (!outer) return std::nullopt;
  der::Reader body(outer->content);
  auto tbs = body.expect(der::kSequence, "");
  auto algorithm = body.expect(der::kSequence, "");
  auto signature = body.expect(der::kBitString, "");
  if (!tbs || !algorithm || !signature || !body.empty()) return std::nullopt;
  der::Reader fields(tbs->content);
  std::size_t count = 0;
  std::uint8_t last = 0;
  std::array<std::uint8_t, 4> first{};
  while (!fields.empty()) {
    auto field = fields.next();
    if (!field) return std::nullopt;
    last = field->tag;
    if (count < first.size()) first[count] = field->tag;
    ++count;
  }
  auto is_time = [](std::uint8_t tag) { return tag == 0x17 || tag == 0x18; };
  const std::size_t after_version = first[0] == der::kInteger ? 1 : 0;
  if (count >= after_version + 3 && first[after_version] == der::kSequence &&
      first[after_version + 1] == der::kSequence && is_time(first[after_version + 2]))
    return ObjectKind::crl;
  if (count == 4 && last == der::context_constructed(0)) return ObjectKind::certificate_request;
  if (count >= 6) return ObjectKind::certificate;
  return std::nullopt;
}

bool looks_like_spki(ByteView der) {
  der::Reader top(der);
  auto outer = top.expect(der::kSequence, "");
  if (!outer) return false;
  der::Reader body(outer->content);
  auto algorithm = body.expect(der::kSequence, "");
  auto bits = body.expect(der::kBitString, "");
  return algorithm && bits && body.empty();
}

bool looks_like_rsa_public_key(ByteView der) {
  der::Reader top(der);
  auto outer = top.expect(der::kSequence, "");
  if (!outer) return false;
  der::Reader body(outer->content);
  auto modulus = body.expect(der::kInteger, "");
  auto exponent = body.expect(der::kInteger, "");
  return modulus && exponent && body.empty();
}

std::string hex_prefix(ByteView data) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < std::min<std::size_t>(data.size(), 8); ++i) {
    out += kHex[data[i] >> 4];
    out += kHex[data[i] & 0xF];
  }
  return out;
}

}  // namespace

std::string_view describe(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::certificate: return "certificate";
    case ObjectKind::certificate_request: return "certificate request";
    case ObjectKind::private_key: return "private key";
    case ObjectKind::encrypted_private_key: return "encrypted private key";
    case ObjectKind::legacy_encrypted_key: return "private key (legacy PEM encryption)";
    case ObjectKind::public_key: return "public key";
    case ObjectKind::rsa_public_key: return "RSA public key (PKCS#1)";
    case ObjectKind::pkcs7: return "PKCS#7 bundle";
    case ObjectKind::pkcs12: return "PKCS#12 file";
    case ObjectKind::crl: return "certificate revocation list";
  }
  return "?";
}

std::string_view to_string(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::certificate: return "certificate";
    case ObjectKind::certificate_request: return "certificate_request";
    case ObjectKind::private_key: return "private_key";
    case ObjectKind::encrypted_private_key: return "encrypted_private_key";
    case ObjectKind::legacy_encrypted_key: return "legacy_encrypted_key";
    case ObjectKind::public_key: return "public_key";
    case ObjectKind::rsa_public_key: return "rsa_public_key";
    case ObjectKind::pkcs7: return "pkcs7";
    case ObjectKind::pkcs12: return "pkcs12";
    case ObjectKind::crl: return "crl";
  }
  return "?";
}

Result<ObjectKind> detect_der(ByteView der) {
  if (der.empty()) return fail(ErrorCode::invalid_input, "empty input");
  if (der.size() > der::kMaxInputSize)
    return fail(ErrorCode::invalid_input, "input of " + std::to_string(der.size()) +
                                              " bytes exceeds the " +
                                              std::to_string(der::kMaxInputSize) + "-byte limit");
  // The two BER containers first: they need not be strict DER.
  if (looks_like_pkcs12(der)) return ObjectKind::pkcs12;
  if (looks_like_pkcs7(der)) return ObjectKind::pkcs7;
  if (auto strict = der::check_strict_der(der); !strict)
    return std::unexpected(with_context(strict.error(), "not DER, PEM, PKCS#7 or PKCS#12 (starts " +
                                                            hex_prefix(der) + ")"));
  if (auto kind = signed_object_kind(der)) return *kind;
  // Two INTEGERs only: an RSAPublicKey (an RSAPrivateKey has nine).
  if (looks_like_rsa_public_key(der)) return ObjectKind::rsa_public_key;
  if (detect_private_key_form(der)) return ObjectKind::private_key;
  if (looks_like_encrypted_private_key(der)) return ObjectKind::encrypted_private_key;
  if (looks_like_spki(der)) return ObjectKind::public_key;
  return fail(ErrorCode::invalid_input,
              "well-formed DER, but not a certificate, request, CRL, key, PKCS#7 or PKCS#12 structure");
}

// OpenSSL's "TRUSTED CERTIFICATE" is a certificate followed by its trust settings
// (X509_CERT_AUX, a SEQUENCE no other library reads). The settings must be one strict DER
// SEQUENCE; they are set aside and the certificate is read as any other.
namespace {

Result<SecureBuffer> without_trust_settings(ByteView der) {
  der::Reader reader(der);
  auto certificate = reader.next();
  if (!certificate)
    return std::unexpected(with_context(certificate.error(), "PEM block 'TRUSTED CERTIFICATE'"));
  const ByteView rest = der.subspan(certificate->whole.size());
  if (!rest.empty()) {
    if (rest[0] != der::kSequence || !der::check_strict_der(rest))
      return fail(ErrorCode::invalid_input,
                  "PEM block 'TRUSTED CERTIFICATE': what follows the certificate is not one DER "
                  "SEQUENCE of trust settings");
  }
  return SecureBuffer(certificate->whole.begin(), certificate->whole.end());
}

}  // namespace

namespace {

// One decoded PEM block as the object it is: its label must be one polycert reads, and
// its content what the label says.
Result<FoundObject> read_block(PemBlock& block) {
  auto known = std::ranges::find(kLabels, block.label, &LabelKind::label);
  if (known == kLabels.end())
    return fail(ErrorCode::invalid_input, "PEM block '" + block.label + "' is not a kind polycert reads");
  FoundObject object{known->kind, std::move(block.der), "PEM", block.label, {}, "", "", block.line};
  const bool legacy = std::ranges::any_of(block.headers, [](const auto& header) {
    return header.first == "Proc-Type" && header.second.find("ENCRYPTED") != std::string::npos;
  });
  if (legacy) {
    // RFC 1421 encryption is OpenSSL's traditional key encryption: only the traditional
    // key labels carry it (a CERTIFICATE block with these headers was taken for a key).
    constexpr std::array<std::string_view, 3> kTraditionalKeyLabels = {
        "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY"};
    if (std::ranges::find(kTraditionalKeyLabels, block.label) == kTraditionalKeyLabels.end())
      return fail(ErrorCode::invalid_input,
                  "PEM block '" + block.label +
                      "' has the headers of an encrypted traditional key (Proc-Type: "
                      "4,ENCRYPTED), which only 'RSA PRIVATE KEY', 'EC PRIVATE KEY' and "
                      "'DSA PRIVATE KEY' blocks carry");
    object.kind = ObjectKind::legacy_encrypted_key;
    for (const auto& [name, value] : block.headers)
      if (name == "DEK-Info") {
        object.legacy_cipher = value.substr(0, value.find(','));
        object.dek_info = value;
      }
    if (object.legacy_cipher.empty())
      return fail(ErrorCode::invalid_input,
                  "PEM block '" + block.label +
                      "' says it is encrypted (Proc-Type: 4,ENCRYPTED) but has no DEK-Info "
                      "header naming its cipher");
    return object;
  }
  if (block.label == "TRUSTED CERTIFICATE") {
    auto certificate = without_trust_settings(object.der);
    if (!certificate) return std::unexpected(certificate.error());
    object.der = std::move(*certificate);
  }
  // The label says what it should be; the structure must agree.
  auto kind = detect_der(object.der);
  if (!kind) {
    // detect_der speaks of whole files ("not DER, PEM, ..."); a block is said to hold
    // something else, with what is wrong in its DER when that is the reason.
    auto strict = der::check_strict_der(object.der);
    return fail(ErrorCode::invalid_input,
                "PEM block '" + block.label + "' does not hold a " + std::string(describe(object.kind)) +
                    ": " + (strict ? kind.error().message : strict.error().message));
  }
  if (*kind != object.kind)
    return fail(ErrorCode::invalid_input, "PEM block '" + block.label + "' holds a " +
                                              std::string(describe(*kind)) + ", not a " +
                                              std::string(describe(object.kind)));
  if (object.kind == ObjectKind::private_key) {
    object.key_form = *detect_private_key_form(object.der);
    const std::string_view expected = pem_label(*object.key_form);
    if (block.label != expected)
      return fail(ErrorCode::invalid_input, "PEM block '" + block.label + "' holds a " +
                                                std::string(to_string(*object.key_form)) + " key ('" +
                                                std::string(expected) + "')");
  }
  return object;
}

}  // namespace

Result<ObjectSurvey> survey_objects(ByteView contents) {
  if (contents.empty()) return fail(ErrorCode::invalid_input, "empty file");
  ObjectSurvey survey;
  if (!looks_like_pem(contents)) {
    auto kind = detect_der(contents);
    if (!kind) return std::unexpected(kind.error());
    FoundObject object{*kind, SecureBuffer(contents.begin(), contents.end()), "DER", "", {}, "", "", 0};
    if (*kind == ObjectKind::private_key) object.key_form = *detect_private_key_form(contents);
    survey.objects.push_back(std::move(object));
    return survey;
  }
  auto scan = pem_scan(contents);
  if (!scan) return std::unexpected(scan.error());
  const std::size_t blocks = scan->blocks.size() + scan->malformed.size();
  if (blocks > kMaxObjectsPerFile)
    return fail(ErrorCode::invalid_input, std::to_string(blocks) +
                                              " PEM blocks, over polycert's limit of " +
                                              std::to_string(kMaxObjectsPerFile) + " per file");
  survey.malformed = std::move(scan->malformed);
  for (PemBlock& block : scan->blocks) {
    auto object = read_block(block);
    if (object)
      survey.objects.push_back(std::move(*object));
    else
      survey.malformed.push_back(MalformedBlock{block.line, block.label, object.error().message});
  }
  // The armor's problems and the contents' were found in two passes: file order again.
  std::ranges::stable_sort(survey.malformed, {}, &MalformedBlock::line);
  return survey;
}

Result<std::vector<FoundObject>> find_objects(ByteView contents) {
  auto survey = survey_objects(contents);
  if (!survey) return std::unexpected(survey.error());
  if (!survey->malformed.empty()) {
    std::string message;
    for (const MalformedBlock& block : survey->malformed)
      message += (message.empty() ? "" : "; ") + std::string("line ") + std::to_string(block.line) +
                 ": " + block.problem;
    return fail(ErrorCode::invalid_input, std::move(message));
  }
  return std::move(survey->objects);
}

Bytes rsa_public_key_to_spki(ByteView pkcs1) {
  Bytes bits = {0};  // no unused bits
  bits.insert(bits.end(), pkcs1.begin(), pkcs1.end());
  return key_syntax::write_subject_public_key_info(oid::kRsaEncryption, der::element(der::kNull, {}),
                                                   bits);
}

Result<std::vector<Bytes>> read_pkcs7_certificates(ByteView data) {
  // ContentInfo { contentType, [0] EXPLICIT SignedData }; SignedData { version,
  // digestAlgorithms, encapContentInfo, [0] IMPLICIT certificates, [1] crls, signerInfos }.
  // BER (indefinite lengths) becomes DER framing first; certificates keep their bytes.
  auto normalised = ber::to_der(data);
  if (!normalised) return std::unexpected(with_context(normalised.error(), "PKCS#7"));
  der::Reader top(*normalised);
  auto info = top.expect(der::kSequence, "PKCS#7 ContentInfo");
  if (!info) return std::unexpected(info.error());
  if (!top.empty()) return fail(ErrorCode::invalid_input, "PKCS#7: trailing data");
  der::Reader info_reader(info->content);
  auto type = info_reader.expect(der::kOid, "PKCS#7 content type");
  if (!type) return std::unexpected(type.error());
  auto oid = der::decode_oid(type->content);
  if (!oid) return std::unexpected(oid.error());
  if (*oid != kSignedData)
    return fail(ErrorCode::invalid_input, "PKCS#7: content type " + *oid + " is not SignedData");
  auto explicit_content = info_reader.expect(der::context_constructed(0), "PKCS#7 content");
  if (!explicit_content) return std::unexpected(explicit_content.error());
  der::Reader content_reader(explicit_content->content);
  auto signed_data = content_reader.expect(der::kSequence, "SignedData");
  if (!signed_data) return std::unexpected(signed_data.error());
  der::Reader fields(signed_data->content);
  if (auto version = fields.expect(der::kInteger, "SignedData version"); !version)
    return std::unexpected(version.error());
  if (auto digests = fields.expect(der::kSet, "SignedData digestAlgorithms"); !digests)
    return std::unexpected(digests.error());
  if (auto encapsulated = fields.expect(der::kSequence, "SignedData contentInfo"); !encapsulated)
    return std::unexpected(encapsulated.error());
  std::vector<Bytes> certificates;
  if (fields.peek_tag() == der::context_constructed(0)) {
    auto set = fields.next();
    der::Reader certs(set->content);
    while (!certs.empty()) {
      auto certificate = certs.next();
      if (!certificate) return std::unexpected(certificate.error());
      if (certificate->tag != der::kSequence)
        continue;  // [0]/[1]/[2]/[3] other certificate formats: not X.509, skipped
      if (certificates.size() == kMaxContainerEntries)
        return fail(ErrorCode::invalid_input, "PKCS#7: the bundle holds more than " +
                                                  std::to_string(kMaxContainerEntries) +
                                                  " certificates (polycert's limit)");
      certificates.emplace_back(certificate->whole.begin(), certificate->whole.end());
    }
  }
  if (certificates.empty())
    return fail(ErrorCode::invalid_input, "PKCS#7: the bundle holds no certificates");
  return certificates;
}

Bytes write_pkcs7_certificates(const std::vector<Bytes>& certificates) {
  SecureBuffer certs, encapsulated, signed_fields, explicit_content, info;
  for (const Bytes& certificate : certificates) certs.insert(certs.end(), certificate.begin(), certificate.end());
  der::append_element(encapsulated, der::kOid, der::encode_oid(kData));
  der::append_element(signed_fields, der::kInteger, Bytes{1});
  der::append_element(signed_fields, der::kSet, {});
  der::append_element(signed_fields, der::kSequence, encapsulated);
  der::append_element(signed_fields, der::context_constructed(0), certs);
  der::append_element(signed_fields, der::kSet, {});  // no signerInfos: certs-only
  der::append_element(explicit_content, der::kSequence, signed_fields);
  der::append_element(info, der::kOid, der::encode_oid(kSignedData));
  der::append_element(info, der::context_constructed(0), explicit_content);
  const SecureBuffer whole = der::element(der::kSequence, info);
  return Bytes(whole.begin(), whole.end());
}

}  // namespace polycert
