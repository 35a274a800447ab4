// polycert crl: issue a certificate revocation list with a CA certificate and key, as
// `openssl ca -gencrl` does without its database: the revoked certificates are given on
// the command line (--revoke) or carried over from the CA's previous CRL (--update), whose
// number the new one follows. Core encodes the TBSCertList and the backend signs it
// (Provider::issue_crl), so every backend, Mbed TLS included, issues the same list.
#include "../auto_backend.hpp"
#include "../ca_options.hpp"
#include "../command.hpp"
#include "../inputs.hpp"
#include "../x509_options.hpp"
#include "../input_reader.hpp"

#include <polycert/crl.hpp>
#include <polycert/pem.hpp>
#include <polycert/x509_structure.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>

namespace polycert::cli {

namespace {

constexpr std::int64_t kDay = 86400;

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class CrlCommand final : public Command {
 public:
  std::string_view name() const override { return "crl"; }
  std::string_view summary() const override { return "issue a certificate revocation list with a CA"; }
  std::string_view synopsis() const override {
    return "crl --ca-cert FILE --ca-key FILE [--revoke SERIAL|CERT[:REASON]]... [--update OLD]\n"
           "       [--next-update DAYS] [--number N] -o FILE";
  }
  std::string_view epilog() const override {
    return "Each --revoke names a certificate by its serial number in hexadecimal, as\n"
           "inspect and openssl print it (0A:1B:2C, 0A1B2C or 0x0A1B2C), or by its file,\n"
           "which must be issued by this CA. REASON is one of RFC 5280's: keyCompromise,\n"
           "cACompromise, affiliationChanged, superseded, cessationOfOperation,\n"
           "certificateHold, privilegeWithdrawn, aACompromise, unspecified (not written, as\n"
           "the RFC asks); any case, or with hyphens (key-compromise). The revocation date is\n"
           "now.\n"
           "\n"
           "--update OLD carries over every entry of the CA's previous CRL (its signature must\n"
           "verify with --ca-cert) with its date and reason, and numbers the new CRL one\n"
           "above it. Without --update the number is 1 unless --number gives it (decimal).\n"
           "\n"
           "The CRL is v2 with cRLNumber and authorityKeyIdentifier, thisUpdate now and\n"
           "nextUpdate DAYS later (default 30). The CA certificate must be a CA whose\n"
           "keyUsage, when present, has cRLSign; else exit 6. verify --crl checks a path\n"
           "against CRLs; inspect shows them.\n";
  }

  std::string_view examples() const override {
    return "# Revoke a certificate, then add another to the next CRL\n"
           "polycert crl --ca-cert ca.crt --ca-key ca.key --revoke server.crt:keyCompromise -o ca.crl\n"
           "polycert crl --ca-cert ca.crt --ca-key ca.key --update ca.crl --revoke 0A:1B:2C:superseded -o ca.crl --force";
  }

  void add_options(po::options_description& options) override {
    issuer_.add_to(options);
    options.add_options()
        ("revoke", po::value<std::vector<std::string>>(&revoke_)->value_name("SERIAL|CERT[:REASON]"),
         "a certificate to list as revoked (repeatable)")
        ("update", po::value<std::string>(&update_)->value_name("OLD"),
         "the CA's previous CRL: its entries carried over, its number plus one")
        ("next-update", po::value<unsigned>(&next_update_days_)->default_value(30)->value_name("DAYS"),
         "days until the next CRL is due")
        ("number", po::value<std::string>(&number_)->value_name("N"), "the cRLNumber, decimal")
        ("digest", po::value<std::string>(&digest_)->default_value("sha256")->value_name("sha256|sha384|sha512"),
         "signature digest (an Ed25519 CA signs without one)")
        ("out,o", po::value<std::string>(&out_)->required()->value_name("FILE"), "the CRL")
        ("format", po::value<std::string>(&format_)->default_value("pem")->value_name("pem|der"),
         "output encoding")
        ("force", po::bool_switch(&force_), "replace FILE if it exists");
  }

  int run(Session& session, const po::variables_map&) override {
    if (next_update_days_ == 0 || next_update_days_ > 36500)
      return session.usage_error("--next-update must be 1 to 36500 days");
    if (format_ != "pem" && format_ != "der")
      return session.usage_error("--format must be pem or der, not '" + format_ + "'");
    auto digest = parse_digest(digest_);
    if (!digest) return session.usage_error(digest.error().message);
    std::optional<Bytes> number;
    if (!number_.empty()) {
      auto parsed = decimal_number(number_);
      if (!parsed) return session.usage_error("--number: " + parsed.error().message);
      number = std::move(*parsed);
    }
    if (auto free = check_output_path(out_, force_); !free) return session.report(free.error());

    auto provider = session.provider([&] { return issuer_.backend_operation(); });
    if (!provider) return kExitUsage;
    auto ca_der = read_object(issuer_.certificate, ObjectKind::certificate);
    if (!ca_der) return session.report(ca_der.error());
    auto ca = provider->parse_certificate(*ca_der);
    if (!ca) return session.report(ca.error(), issuer_.certificate);

    const std::int64_t now = now_seconds();
    CrlSpec spec;
    spec.this_update = now;
    spec.next_update = now + static_cast<std::int64_t>(next_update_days_) * kDay;
    spec.digest = *digest;
    spec.number = Bytes{1};
    if (!update_.empty()) {
      auto old_der = read_object(update_, ObjectKind::crl);
      if (!old_der) return session.report(old_der.error());
      auto old = provider->parse_crl(*old_der, ByteView(*ca_der));
      if (!old) return session.report(old.error(), update_);
      if (old->signature_status != SignatureStatus::verifies)
        return session.report(Error{ErrorCode::mismatch, "not a CRL of " + format_slash(ca->subject) +
                                                             ": " + old->signature_note},
                              update_);
      spec.revoked = old->revoked;
      spec.number = next_crl_number(old->number.value_or(Bytes{0}));
    }
    if (number) spec.number = *number;
    for (const std::string& entry : revoke_) {
      auto revoked = revoked_entry(*provider, *ca, entry, now);
      if (!revoked) return session.report(revoked.error());
      const bool listed = std::ranges::any_of(spec.revoked, [&](const RevokedCertificate& earlier) {
        return earlier.serial == revoked->serial;
      });
      if (listed) {
        session.inform("serial " + hex_with_colons(revoked->serial) + " is already listed; its entry is kept");
        continue;
      }
      spec.revoked.push_back(std::move(*revoked));
    }

    auto ca_key = load_private_key(*provider, issuer_.key, issuer_.passin);
    if (!ca_key) return session.report(ca_key.error());
    auto crl = provider->issue_crl(spec, **ca_key, ByteView(*ca_der));
    if (!crl) return session.report(crl.error(), crl.error().code == ErrorCode::mismatch ? issuer_.certificate : "");
    const bool pem = format_ == "pem";
    if (auto written = write_output(out_, encode_document("X509 CRL", *crl, pem), FileMode::public_,
                                    force_, !pem);
        !written)
      return session.report(written.error());
    session.inform("Wrote CRL number " + hex_with_colons(spec.number) + " of " + format_slash(ca->subject) +
                   " listing " + std::to_string(spec.revoked.size()) + " revoked certificate" +
                   (spec.revoked.size() == 1 ? "" : "s") + ", next update " +
                   format_time(spec.next_update) + ", to " + out_ + " [" + session.backend_label() + "]");
    return kExitOk;
  }

 private:
  // "SERIAL|FILE[:REASON]": a file when one exists by that name (or by the part before the
  // last colon, when what follows is a reason), else a hexadecimal serial.
  Result<RevokedCertificate> revoked_entry(Provider& provider, const CertificateInfo& ca,
                                           const std::string& entry, std::int64_t now) const {
    std::string subject = entry;
    RevokedCertificate revoked;
    revoked.revoked_at = now;
    if (const auto colon = entry.rfind(':');
        colon != std::string::npos && !std::filesystem::exists(entry)) {
      if (auto reason = parse_revocation_reason(entry.substr(colon + 1))) {
        revoked.reason = *reason;
        subject = entry.substr(0, colon);
      } else if (std::filesystem::exists(entry.substr(0, colon))) {
        return std::unexpected(with_context(reason.error(), "--revoke " + entry));
      }
    }
    if (std::filesystem::exists(subject)) {
      auto der = read_object(subject, ObjectKind::certificate);
      if (!der) return std::unexpected(der.error());
      auto certificate = provider.parse_certificate(*der);
      if (!certificate) return std::unexpected(with_context(certificate.error(), subject));
      if (!names_match(certificate->issuer, ca.subject))
        return fail(ErrorCode::mismatch, subject + ": issued by " + format_slash(certificate->issuer) +
                                             ", not by " + format_slash(ca.subject) +
                                             ", whose CRL cannot revoke it");
      revoked.serial = certificate->serial;
      return revoked;
    }
    auto serial = parse_serial_text(subject);
    if (!serial)
      return fail(ErrorCode::invalid_input, "--revoke " + entry + ": no such file, and " + serial.error().message);
    revoked.serial = std::move(*serial);
    return revoked;
  }

  // A decimal number as a big-endian magnitude, at most 20 octets.
  static Result<Bytes> decimal_number(const std::string& text) {
    if (text.empty() || text.size() > 48 || !std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; }))
      return fail(ErrorCode::invalid_input, "'" + text + "' is not a decimal number");
    Bytes value{0};
    for (char c : text) {  // value = value * 10 + digit
      unsigned carry = static_cast<unsigned>(c - '0');
      for (auto it = value.rbegin(); it != value.rend(); ++it) {
        const unsigned product = *it * 10u + carry;
        *it = static_cast<std::uint8_t>(product & 0xFF);
        carry = product >> 8;
      }
      if (carry != 0) value.insert(value.begin(), static_cast<std::uint8_t>(carry));
    }
    while (value.size() > 1 && value[0] == 0) value.erase(value.begin());
    if (value.size() > 20) return fail(ErrorCode::invalid_input, "longer than 20 octets (RFC 5280 5.2.3)");
    return value;
  }

  std::string update_, number_, digest_, out_, format_;
  CaOptions issuer_;
  std::vector<std::string> revoke_;
  unsigned next_update_days_ = 30;
  bool force_ = false;
};

}  // namespace

std::unique_ptr<Command> make_crl_command() { return std::make_unique<CrlCommand>(); }

}  // namespace polycert::cli
