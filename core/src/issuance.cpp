#include <polycert/issuance.hpp>

#include <algorithm>
#include <cctype>

namespace polycert {

namespace {

constexpr std::size_t kMaxDnsNameLength = 253;  // RFC 1035 2.3.4: 255 octets on the wire
constexpr std::size_t kMaxLabelLength = 63;
constexpr std::size_t kMaxLocalPartLength = 64;  // RFC 5321 4.5.3.1.1

constexpr std::string_view kAnyExtendedKeyUsage = "2.5.29.37.0";
constexpr std::string_view kEmailProtection = "1.3.6.1.5.5.7.3.4";

bool is_letter_or_digit(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool is_printable_ascii(std::string_view s) {
  return std::ranges::all_of(s, [](char c) { return c > 0x20 && c < 0x7F; });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Result<void> refuse(std::string_view value, std::string_view rule) {
  // Appended rather than "'" + ...: g++ 12 warns falsely (-Wrestrict, GCC PR 105329) there.
  std::string message;
  message.reserve(value.size() + rule.size() + 3);
  message.append(1, '\'').append(value).append("' ").append(rule);
  return fail(ErrorCode::invalid_input, std::move(message));
}

// RFC 1035 2.3.1 as relaxed by RFC 1123 2.1 (a label may begin with a digit).
Result<void> check_label(std::string_view name, std::string_view label) {
  if (label.empty()) return refuse(name, "has an empty label (two dots, or a dot first or last)");
  if (label.size() > kMaxLabelLength)
    return refuse(name, "has a label of " + std::to_string(label.size()) +
                            " characters; a DNS label holds at most 63");
  if (!std::ranges::all_of(label, [](char c) { return is_letter_or_digit(c) || c == '-'; }))
    return refuse(name,
                  "has a label with a character other than a letter, digit or hyphen "
                  "(RFC 1035; write IDNs as xn-- labels)");
  if (label.front() == '-' || label.back() == '-')
    return refuse(name, "has a label that begins or ends with a hyphen (RFC 1035)");
  return {};
}

bool all_digits(std::string_view s) {
  return std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string_view> split_labels(std::string_view name) {
  std::vector<std::string_view> labels;
  for (;;) {
    const auto dot = name.find('.');
    labels.push_back(name.substr(0, dot));
    if (dot == std::string_view::npos) break;
    name.remove_prefix(dot + 1);
  }
  return labels;
}

// RFC 5321 4.1.2 dot-atom: atext runs joined by single dots.
bool is_dot_atom(std::string_view local) {
  constexpr std::string_view kSpecials = "!#$%&'*+/=?^_`{|}~-";
  if (local.empty() || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos)
    return false;
  return std::ranges::all_of(local, [&](char c) {
    return is_letter_or_digit(c) || c == '.' || kSpecials.find(c) != std::string_view::npos;
  });
}

// host[:port] after "//" and any "user@": a DNS name, an IPv4 address or "[IPv6]".
Result<void> check_uri_host(std::string_view uri, std::string_view authority) {
  if (const auto at = authority.rfind('@'); at != std::string_view::npos)
    authority.remove_prefix(at + 1);
  std::string_view host = authority;
  std::string_view port;
  if (host.starts_with('[')) {
    const auto close = host.find(']');
    if (close == std::string_view::npos) return refuse(uri, "has an IPv6 host without ']'");
    port = host.substr(close + 1);
    host = host.substr(1, close - 1);
    if (!ip_address_bytes(host) || host.find(':') == std::string_view::npos)
      return refuse(uri, "has a bracketed host that is not an IPv6 address");
  } else {
    const auto colon = host.find(':');
    if (colon != std::string_view::npos) {
      port = host.substr(colon);
      host = host.substr(0, colon);
    }
    if (host.empty()) return refuse(uri, "has no host (RFC 5280 4.2.1.6)");
    const bool ipv4 =
        std::ranges::all_of(host, [](char c) { return c == '.' || (c >= '0' && c <= '9'); });
    if (ipv4) {
      if (!ip_address_bytes(host)) return refuse(uri, "has a host that is not an IPv4 address");
    } else if (auto dns = check_dns_name(host, false); !dns) {
      return fail(ErrorCode::invalid_input,
                  "URI '" + std::string(uri) + "': host " + dns.error().message);
    }
  }
  if (!port.empty() && (port.front() != ':' || port.size() > 6 || !all_digits(port.substr(1))))
    return refuse(uri, "has a port that is not a number after ':'");
  return {};
}

}  // namespace

Result<void> check_dns_name(std::string_view name, bool allow_wildcard) {
  if (name.empty()) return fail(ErrorCode::invalid_input, "an empty DNS name");
  if (name.size() > kMaxDnsNameLength)
    return refuse(name.substr(0, 40), "... is " + std::to_string(name.size()) +
                                          " characters; a DNS name holds at most 253");
  if (name.back() == '.' && name.size() > 1)
    return refuse(name, "ends with a dot; certificates carry names without the root's dot");
  auto labels = split_labels(name);
  const bool wildcard = labels.front() == "*";
  if (wildcard) {
    if (!allow_wildcard) return refuse(name, "is a wildcard, which is not allowed here");
    if (labels.size() < 3)
      return refuse(name,
                    "is a wildcard over fewer than two labels ('*.acme.com' is the "
                    "narrowest allowed)");
    labels.erase(labels.begin());
  }
  if (name.find('*', wildcard ? 1 : 0) != std::string_view::npos)
    return refuse(name,
                  "has a '*' that is not a whole leftmost label (only '*.' first is a wildcard)");
  for (std::string_view label : labels)
    if (auto checked = check_label(name, label); !checked) return checked;
  if (all_digits(labels.back()))
    return refuse(name,
                  "ends in an all-digit label, which no top-level domain is; "
                  "an IP address goes in IP:");
  return {};
}

Result<void> check_email_address(std::string_view address) {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos)
    return refuse(address, "is not an email address (local@domain)");
  const std::string_view local = address.substr(0, at);
  const std::string_view domain = address.substr(at + 1);
  if (local.size() > kMaxLocalPartLength)
    return refuse(address, "has a local part over 64 characters (RFC 5321)");
  if (!is_dot_atom(local))
    return refuse(address,
                  "has a local part that is not a dot-atom (RFC 5321 4.1.2; quoted "
                  "local parts are not issued)");
  if (auto checked = check_dns_name(domain, false); !checked)
    return fail(ErrorCode::invalid_input,
                "email '" + std::string(address) + "': domain " + checked.error().message);
  return {};
}

Result<void> check_uri(std::string_view uri) {
  const auto colon = uri.find(':');
  if (colon == std::string_view::npos || colon == 0) return refuse(uri, "has no scheme");
  const std::string_view scheme_text = uri.substr(0, colon);
  // RFC 3986 3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), case-insensitive.
  if (!std::isalpha(static_cast<unsigned char>(scheme_text.front())) ||
      !std::ranges::all_of(scheme_text, [](char c) {
        return is_letter_or_digit(c) || c == '+' || c == '-' || c == '.';
      }))
    return refuse(uri, "has no valid scheme (RFC 3986 3.1)");
  const std::string scheme = lower(scheme_text);
  if (std::ranges::find(kAllowedUriSchemes, scheme) == kAllowedUriSchemes.end())
    return refuse(uri,
                  "has the scheme '" + scheme +
                      "'; polycert issues http, https, ldap, ldaps, mailto, spiffe and urn URIs");
  const std::string_view rest = uri.substr(colon + 1);
  if (rest.empty()) return refuse(uri, "has nothing after its scheme");
  if (scheme == "mailto") return check_email_address(rest.substr(0, rest.find('?')));
  if (scheme == "urn") {
    // RFC 8141: urn:NID:NSS, NID 2 to 32 letters, digits and hyphens.
    const auto nid_end = rest.find(':');
    const std::string_view nid = rest.substr(0, nid_end);
    if (nid_end == std::string_view::npos || nid_end + 1 == rest.size() || nid.size() < 2 ||
        nid.size() > 32 ||
        !std::ranges::all_of(nid, [](char c) { return is_letter_or_digit(c) || c == '-'; }))
      return refuse(uri, "is not urn:NID:NSS (RFC 8141)");
    return {};
  }
  if (!rest.starts_with("//")) return refuse(uri, "has no '//' authority after its scheme");
  const std::string_view after = rest.substr(2);
  const std::string_view authority = after.substr(0, after.find_first_of("/?#"));
  if (scheme == "spiffe") {
    // SPIFFE ID: spiffe://trust-domain/path, the trust domain [a-z0-9._-] only.
    if (authority.empty() || !std::ranges::all_of(authority, [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                 c == '-';
        }))
      return refuse(uri,
                    "has a trust domain that is not lower-case letters, digits, '.', '_', '-'");
    return {};
  }
  return check_uri_host(uri, authority);
}

Result<void> check_general_name(const GeneralName& name) {
  const auto in_context = [&](Result<void> checked) -> Result<void> {
    if (checked) return checked;
    return std::unexpected(with_context(checked.error(), "subjectAltName " + to_string(name)));
  };
  switch (name.kind) {
    case GeneralName::Kind::ip:
      return in_context(ip_address_bytes(name.value) ? Result<void>{}
                                                     : refuse(name.value, "is not an IP address"));
    case GeneralName::Kind::dns:
    case GeneralName::Kind::email:
    case GeneralName::Kind::uri:
      if (!is_printable_ascii(name.value))
        return in_context(refuse(name.value,
                                 "must be ASCII without spaces (IA5String; write "
                                 "IDNs as xn-- labels)"));
      if (name.kind == GeneralName::Kind::dns) return in_context(check_dns_name(name.value));
      if (name.kind == GeneralName::Kind::email) return in_context(check_email_address(name.value));
      return in_context(check_uri(name.value));
    default:
      return fail(ErrorCode::invalid_input,
                  "subjectAltName " + to_string(name) +
                      ": polycert issues only DNS, IP, email and URI names, which it can check");
  }
}

Result<void> check_key_usage_for(std::uint16_t bits, bool ca) {
  if (!ca && (bits & kKeyCertSign) != 0)
    return fail(ErrorCode::invalid_input,
                "keyUsage keyCertSign is for CA certificates only (RFC 5280 4.2.1.3)");
  return {};
}

Result<ExtensionSet> complete_extensions(ExtensionSet requested, bool ca,
                                         const KeySpec& subject_key) {
  requested.basic_constraints = BasicConstraints{ca, std::nullopt};
  if (ca) {
    requested.key_usage = static_cast<std::uint16_t>(kKeyCertSign | kCrlSign | kDigitalSignature);
    return requested;
  }
  if (requested.key_usage) {
    if (auto checked = check_key_usage_for(*requested.key_usage, ca); !checked)
      return std::unexpected(checked.error());
  } else {
    std::uint16_t bits = kDigitalSignature;
    if (subject_key.algorithm == KeyAlgorithm::rsa) bits |= kKeyEncipherment;
    requested.key_usage = bits;
  }
  if (requested.extended_key_usage.empty())
    requested.extended_key_usage.emplace_back(oid::kServerAuth);
  return requested;
}

bool copied_extended_key_usage(std::string_view oid) {
  return oid == oid::kServerAuth || oid == oid::kClientAuth || oid == kEmailProtection;
}

Result<void> check_issuer(const CertificateInfo& issuer, bool issuing_ca,
                          const DistinguishedName& subject, std::int64_t now) {
  const auto refuse_issuer = [](std::string message) {
    return fail(ErrorCode::mismatch, "the CA certificate " + std::move(message));
  };
  if (!issuer.extensions.basic_constraints || !issuer.extensions.basic_constraints->ca)
    return refuse_issuer(
        "is not a CA certificate (basicConstraints CA:TRUE is missing); it cannot issue");
  if (issuer.extensions.key_usage && (*issuer.extensions.key_usage & kKeyCertSign) == 0)
    return refuse_issuer("may not sign certificates: its keyUsage (" +
                         key_usage_names(*issuer.extensions.key_usage) +
                         ") lacks keyCertSign (RFC 5280 4.2.1.3)");
  if (issuer.not_after < now)
    return refuse_issuer("expired on " + format_time(issuer.not_after) + "; it cannot issue");
  if (issuer.not_before > now)
    return refuse_issuer("is not valid before " + format_time(issuer.not_before) +
                         "; it cannot issue yet");
  // pathLenConstraint counts the CA certificates below this one that are not self-issued
  // (RFC 5280 4.2.1.9, as `chain` counts them): 0 leaves room for end entities only.
  const auto& path_length = issuer.extensions.basic_constraints->path_length;
  if (issuing_ca && path_length && *path_length == 0 && !names_match(subject, issuer.subject))
    return refuse_issuer(
        "has pathLenConstraint 0: it may issue end-entity certificates only, "
        "not a CA certificate (RFC 5280 4.2.1.9)");
  return {};
}

Result<Issuance> plan_issuance(const CsrInfo& request, const CertificateInfo& issuer,
                               const IssuanceOptions& options, std::int64_t now) {
  if (auto checked = check_issuer(issuer, options.ca, request.subject, now); !checked)
    return std::unexpected(checked.error());
  const auto request_error = [](const Error& error) {
    return std::unexpected(with_context(error, "the request"));
  };
  if (auto checked = check_name_values(request.subject); !checked)
    return request_error(checked.error());
  for (const auto& name : request.extensions.subject_alt_names)
    if (auto checked = check_general_name(name); !checked) return request_error(checked.error());
  if (request.subject.empty() && request.extensions.subject_alt_names.empty())
    return fail(ErrorCode::invalid_input,
                "the request has an empty subject and no subjectAltName: nothing to certify");

  Issuance issuance;
  issuance.subject = request.subject;
  ExtensionSet wanted;
  wanted.subject_alt_names = request.extensions.subject_alt_names;

  std::vector<std::string> not_copied;
  if (options.key_usage) {
    wanted.key_usage = options.key_usage;
  } else if (!options.ca && request.extensions.key_usage) {
    const std::uint16_t asked = *request.extensions.key_usage;
    if ((asked & ~kCopiedKeyUsage) != 0)
      not_copied.push_back("keyUsage " + key_usage_names(asked & ~kCopiedKeyUsage));
    if ((asked & kCopiedKeyUsage) != 0)
      wanted.key_usage = static_cast<std::uint16_t>(asked & kCopiedKeyUsage);
  }
  if (options.extended_key_usage) {
    wanted.extended_key_usage = *options.extended_key_usage;
  } else {
    std::string dropped;
    for (const auto& usage : request.extensions.extended_key_usage) {
      if (!options.ca && copied_extended_key_usage(usage)) {
        wanted.extended_key_usage.push_back(usage);
        continue;
      }
      if (!dropped.empty()) dropped += ',';
      dropped +=
          usage == kAnyExtendedKeyUsage ? "anyExtendedKeyUsage" : extended_key_usage_name(usage);
    }
    if (!dropped.empty()) not_copied.push_back("extendedKeyUsage " + dropped);
  }
  if (!not_copied.empty()) {
    std::string list;
    for (const auto& item : not_copied) list += (list.empty() ? "" : "; ") + item;
    issuance.warnings.push_back(
        "warning: not copied from the request: " + list +
        (options.ca ? " (a CA certificate gets the CA usages)"
                    : " (an end-entity certificate gets neither CA usages nor uncommon extended usages "
                      "unless they are asked for)"));
    issuance.usages_left_out = true;
  }
  auto extensions = complete_extensions(std::move(wanted), options.ca, request.key);
  if (!extensions) return std::unexpected(extensions.error());
  issuance.extensions = std::move(*extensions);
  if (options.not_after > issuer.not_after)
    issuance.warnings.push_back("warning: the certificate outlives its CA (until " +
                                format_time(issuer.not_after) +
                                "); clients will reject it after that");
  return issuance;
}

}  // namespace polycert
