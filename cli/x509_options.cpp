#include "x509_options.hpp"

#include <polycert/pem.hpp>

namespace polycert::cli {

void X509Options::add_to(po::options_description& options) {
  options.add_options()
      ("subject", po::value<std::string>()->value_name("DN"),
       "subject: /C=US/ST=California/O=Acme/CN=api.acme.com or CN=api.acme.com,O=Acme,C=US")
      ("san", po::value<std::string>(&subject_alt_names)->value_name("LIST"),
       "subjectAltName: DNS:a.example,IP:10.0.0.1,email:x@y,URI:https://...")
      ("key-usage", po::value<std::string>(&key_usage)->value_name("LIST"),
       "keyUsage: digitalSignature,keyEncipherment,...")
      ("ext-key-usage", po::value<std::string>(&extended_key_usage)->value_name("LIST"),
       "extendedKeyUsage: serverAuth,clientAuth,... or dotted OIDs")
      ("string-type", po::value<std::string>(&string_type)->default_value("utf8")->value_name("utf8|printable"),
       "string type of name values: UTF8String, or PrintableString where the value allows")
      ("digest", po::value<std::string>(&digest)->default_value("sha256")->value_name("sha256|sha384|sha512"),
       "signature digest (Ed25519 signs without one)");
}

void X509Options::take(const po::variables_map& values) {
  if (values.count("subject")) subject = values["subject"].as<std::string>();
}

Result<StringPolicy> X509Options::policy() const {
  if (string_type == "utf8") return StringPolicy::utf8;
  if (string_type == "printable") return StringPolicy::printable;
  return fail(ErrorCode::invalid_input, "--string-type must be utf8 or printable, not '" + string_type + "'");
}

Result<Digest> X509Options::parsed_digest() const { return parse_digest(digest); }

Result<ExtensionSet> X509Options::extensions() const {
  ExtensionSet set;
  if (!subject_alt_names.empty()) {
    auto names = parse_subject_alt_names(subject_alt_names);
    if (!names) return std::unexpected(names.error());
    set.subject_alt_names = std::move(*names);
  }
  if (!key_usage.empty()) {
    auto bits = parse_key_usage(key_usage);
    if (!bits) return std::unexpected(bits.error());
    set.key_usage = *bits;
  }
  if (!extended_key_usage.empty()) {
    auto oids = parse_extended_key_usage(extended_key_usage);
    if (!oids) return std::unexpected(oids.error());
    set.extended_key_usage = std::move(*oids);
  }
  return set;
}

Result<DistinguishedName> X509Options::parsed_subject() const {
  auto string_policy = policy();
  if (!string_policy) return std::unexpected(string_policy.error());
  const std::string text = subject.value_or("");
  auto name = parse_name(text, *string_policy);
  // "C=US/ST=California/...": the slash form without its leading '/' reads as one RFC 4514
  // value with slashes in it. Say what was probably meant.
  if (!name && !text.starts_with('/') && text.find('/') != std::string::npos &&
      text.find('/') < text.find(',') && text.find('=') < text.find('/')) {
    Error error = name.error();
    error.message += "; the slash form starts with '/': /" + text;
    return std::unexpected(error);
  }
  return name;
}

SecureBuffer encode_document(std::string_view label, ByteView der, bool pem) {
  return pem ? pem_encode(label, der) : SecureBuffer(der.begin(), der.end());
}

}  // namespace polycert::cli
