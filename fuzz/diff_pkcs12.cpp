// Differential: one PKCS#12 file read by core's codec with each compiled-in backend's KDF,
// cipher and MAC (read_pkcs12, password "fixture-password" as pkcs12.cpp uses). The verdict
// and everything read (certificates with their friendly names and key ids, the key by
// meaning, the MAC and how each part was protected, the warnings) must be the same; then
// the key and each certificate read are compared across backends as diff_private_key and
// diff_certificate compare them. Gaps: the cipher, KDF and MAC rows of the matrix (RC2-40
// on botan and mbedtls).
#include "differential.hpp"

#include <polycert/conformance/semantic_diff.hpp>
#include <polycert/pkcs12.hpp>
#include <polycert/x509.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <utility>

namespace polycert::fuzz {

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

std::string bytes_text(ByteView bytes) { return bytes.empty() ? "(none)" : hex_with_colons(bytes); }

// A certificate's bytes in a line: its size and FNV-1a 64 (no backend hash, so that the
// text compared does not itself depend on a backend).
std::string digest_text(ByteView bytes) {
  std::uint64_t hash = 0xcbf29ce484222325u;
  for (std::uint8_t byte : bytes) hash = (hash ^ byte) * 0x100000001b3u;
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return std::to_string(bytes.size()) + " bytes, FNV-1a " + text;
}

// Everything public read_pkcs12 returns, as (field, text), in file order.
Fields public_fields(const Pkcs12Contents& contents, const std::vector<std::string>& warnings) {
  Fields fields;
  fields.emplace_back("certificate count", std::to_string(contents.certificates.size()));
  for (std::size_t i = 0; i < contents.certificates.size(); ++i) {
    const Pkcs12Certificate& certificate = contents.certificates[i];
    const std::string prefix = "certificate " + std::to_string(i + 1) + " ";
    fields.emplace_back(prefix + "DER", digest_text(certificate.der));
    fields.emplace_back(prefix + "friendlyName", certificate.friendly_name.value_or("(none)"));
    fields.emplace_back(prefix + "localKeyId", bytes_text(certificate.local_key_id));
    fields.emplace_back(prefix + "matches key", certificate.matches_key ? "yes" : "no");
  }
  fields.emplace_back("key", contents.key ? "present" : "absent");
  if (contents.key) {
    fields.emplace_back("key friendlyName", contents.key->friendly_name.value_or("(none)"));
    fields.emplace_back("key localKeyId", bytes_text(contents.key->local_key_id));
  }
  fields.emplace_back("MAC", contents.mac_present ? contents.mac_algorithm : "(none)");
  fields.emplace_back("protection count", std::to_string(contents.protections.size()));
  for (std::size_t i = 0; i < contents.protections.size(); ++i)
    fields.emplace_back("protection " + std::to_string(i + 1),
                        contents.protections[i].part + ": " + contents.protections[i].description);
  fields.emplace_back("absent password", contents.absent_password ? "yes" : "no");
  fields.emplace_back("warning count", std::to_string(warnings.size()));
  for (std::size_t i = 0; i < warnings.size(); ++i)
    fields.emplace_back("warning " + std::to_string(i + 1), warnings[i]);
  return fields;
}

struct Reading {
  Result<Pkcs12Contents> contents;
  std::vector<std::string> warnings;
};

}  // namespace

void target_diff_pkcs12(ByteView input) {
  static constexpr Operation kGaps[] = {Operation::cipher, Operation::derive_key, Operation::mac};
  auto& all = providers();
  std::vector<Reading> readings;
  for (auto& provider : all) {
    Reading reading{Pkcs12Contents{}, {}};
    reading.contents =
        read_pkcs12(*provider, input, bytes_of("fixture-password"), &reading.warnings);
    readings.push_back(std::move(reading));
  }
  Divergences divergences;
  std::vector<BackendVerdict> verdicts;
  for (std::size_t i = 0; i < all.size(); ++i) {
    BackendVerdict verdict{std::string(all[i]->name()), std::nullopt, false};
    if (!readings[i].contents) {
      verdict.error = readings[i].contents.error();
      verdict.gap = verdict.error->code == ErrorCode::unsupported &&
                    documented_gap(*all[i], kGaps);
    }
    verdicts.push_back(std::move(verdict));
  }
  divergences.verdicts("pkcs12", "verdict", verdicts);

  std::optional<std::size_t> reference;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!readings[i].contents) continue;
    if (!reference) {
      reference = i;
      continue;
    }
    const Pkcs12Contents& left = *readings[*reference].contents;
    const Pkcs12Contents& right = *readings[i].contents;
    const std::string left_name(all[*reference]->name()), right_name(all[i]->name());
    const Fields left_fields = public_fields(left, readings[*reference].warnings);
    const Fields right_fields = public_fields(right, readings[i].warnings);
    for (std::size_t f = 0; f < std::min(left_fields.size(), right_fields.size()); ++f) {
      const auto& [field, left_text] = left_fields[f];
      const auto& right_text = right_fields[f].second;
      if (field != right_fields[f].first) break;  // a count differed just before
      if (left_text != right_text)
        divergences.add("pkcs12:field:" + field,
                        field + ": " + left_name + " " + left_text + " | " + right_name + " " +
                            right_text);
    }
    // The key by meaning (never printed); certificates compare by their DER's digest above.
    if (left.key && right.key) {
      auto differences = conformance::diff_private_key_encoding(left.key->pkcs8, right.key->pkcs8,
                                                                left_name, right_name);
      if (differences.empty() && !std::ranges::equal(left.key->pkcs8, right.key->pkcs8))
        divergences.add("pkcs12:field:key bytes",
                        "key: same meaning, different PKCS#8 bytes (" + left_name + " " +
                            std::to_string(left.key->pkcs8.size()) + ", " + right_name + " " +
                            std::to_string(right.key->pkcs8.size()) + " bytes)");
      divergences.differences("pkcs12", differences);
    }
  }

  // What the CLI does next with what was read: the same across backends too.
  if (reference) {
    const Pkcs12Contents& contents = *readings[*reference].contents;
    if (contents.key) compare_private_key(contents.key->pkcs8, divergences);
    for (const Pkcs12Certificate& certificate : contents.certificates)
      compare_certificate(certificate.der, divergences);
  }
  divergences.settle("diff_pkcs12");
}

}  // namespace polycert::fuzz
