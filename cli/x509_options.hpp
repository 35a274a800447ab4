// Options shared by the commands that write CSRs and certificates: subject, SANs, key
// usages, string type and digest, parsed the same way everywhere.
#pragma once

#include "command.hpp"

#include <polycert/name.hpp>
#include <polycert/x509.hpp>

#include <optional>
#include <string>

namespace polycert::cli {

struct X509Options {
  std::optional<std::string> subject;
  std::string subject_alt_names;
  std::string key_usage;
  std::string extended_key_usage;
  std::string string_type = "utf8";
  std::string digest = "sha256";

  /// Adds --subject, --san, --key-usage, --ext-key-usage, --string-type, --digest.
  void add_to(po::options_description& options);
  /// Reads --subject after parsing (it is optional, so it is not bound directly).
  void take(const po::variables_map& values);

  /// The string-type policy; invalid_input for anything but utf8 or printable.
  Result<StringPolicy> policy() const;
  Result<Digest> parsed_digest() const;
  /// SANs, keyUsage and extendedKeyUsage as given (empty when not given).
  Result<ExtensionSet> extensions() const;
  /// The parsed --subject (which must be given).
  Result<DistinguishedName> parsed_subject() const;
};

/// The file's text for a CSR or certificate: PEM under `label`, or DER.
SecureBuffer encode_document(std::string_view label, ByteView der, bool pem);

}  // namespace polycert::cli
