#include <polycert/key_spec.hpp>

#include <algorithm>
#include <cctype>
#include <string>

namespace polycert {

namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

struct CurveName {
  Curve curve;
  std::string_view nist;
  std::string_view oid;
  std::array<std::string_view, 4> aliases;  // lower case, compared after lowering input
};

constexpr std::array<CurveName, 3> kCurves = {{
    {Curve::p256, "P-256", "1.2.840.10045.3.1.7", {"p-256", "p256", "prime256v1", "secp256r1"}},
    {Curve::p384, "P-384", "1.3.132.0.34", {"p-384", "p384", "secp384r1", ""}},
    {Curve::p521, "P-521", "1.3.132.0.35", {"p-521", "p521", "secp521r1", ""}},
}};

const CurveName* find_curve(Curve curve) {
  for (const auto& c : kCurves)
    if (c.curve == curve) return &c;
  return nullptr;
}

Curve curve_from_alias(std::string_view lowered) {
  for (const auto& c : kCurves)
    for (auto alias : c.aliases)
      if (!alias.empty() && alias == lowered) return c.curve;
  return Curve::none;
}

}  // namespace

unsigned KeySpec::bits() const {
  switch (algorithm) {
    case KeyAlgorithm::rsa: return rsa_bits;
    case KeyAlgorithm::ed25519: return 256;
    case KeyAlgorithm::ec:
      switch (curve) {
        case Curve::p256: return 256;
        case Curve::p384: return 384;
        case Curve::p521: return 521;
        case Curve::none: return 0;
      }
  }
  return 0;
}

std::string_view to_string(KeyAlgorithm algorithm) {
  switch (algorithm) {
    case KeyAlgorithm::rsa: return "rsa";
    case KeyAlgorithm::ec: return "ec";
    case KeyAlgorithm::ed25519: return "ed25519";
  }
  return "?";
}

std::string_view to_string(Curve curve) {
  const CurveName* c = find_curve(curve);
  return c ? c->nist : "none";
}

std::string_view curve_oid(Curve curve) {
  const CurveName* c = find_curve(curve);
  return c ? c->oid : "";
}

Curve curve_from_oid(std::string_view dotted_oid) {
  for (const auto& c : kCurves)
    if (c.oid == dotted_oid) return c.curve;
  return Curve::none;
}

std::string to_string(const KeySpec& spec) {
  switch (spec.algorithm) {
    case KeyAlgorithm::rsa: return "rsa:" + std::to_string(spec.rsa_bits);
    case KeyAlgorithm::ec: return "ec:" + std::string(to_string(spec.curve));
    case KeyAlgorithm::ed25519: return "ed25519";
  }
  return "?";
}

Result<KeySpec> parse_key_spec(std::string_view text) {
  const std::string lowered = lowercase(text);
  auto bad = [&](std::string_view why) {
    return fail(ErrorCode::invalid_input,
                "unknown key spec '" + std::string(text) + "'" + std::string(why) +
                    "; use one of rsa:2048, rsa:3072, rsa:4096, ec:P-256, ec:P-384, "
                    "ec:P-521, ed25519 (aliases: rsa, ec, prime256v1/secp256r1, "
                    "secp384r1, secp521r1)");
  };
  if (lowered == "ed25519") return KeySpec::ed25519();
  if (lowered == "rsa") return KeySpec::rsa(2048);
  if (lowered == "ec") return KeySpec::ec(Curve::p256);
  if (lowered.starts_with("rsa:")) {
    const std::string_view bits = std::string_view(lowered).substr(4);
    for (unsigned allowed : {2048u, 3072u, 4096u})
      if (bits == std::to_string(allowed)) return KeySpec::rsa(allowed);
    return bad(" (RSA sizes are 2048, 3072 and 4096 bits)");
  }
  std::string_view curve_name = lowered;
  if (curve_name.starts_with("ec:")) curve_name.remove_prefix(3);
  if (Curve curve = curve_from_alias(curve_name); curve != Curve::none) return KeySpec::ec(curve);
  return bad("");
}

}  // namespace polycert
