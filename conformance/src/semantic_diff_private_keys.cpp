// The semantic diff of two encodings of one private key (see semantic_diff.cpp): PKCS#8
// wrapping, RSA and EC values compared by meaning; secrets are compared, never printed.
#include <polycert/conformance/semantic_diff.hpp>

#include "semantic_diff_support.hpp"

#include <polycert/der.hpp>
#include <polycert/key_syntax.hpp>
#include <polycert/key_spec.hpp>

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

namespace polycert::conformance {

using namespace diff_support;

namespace {

// ---------------------------------------------------------------- private keys

// A PKCS#8 key read far enough to compare encodings; the views point into the caller's
// bytes.
struct Pkcs8Reading {
  unsigned version = 0;  // the INTEGER: 0 is v1 (PrivateKeyInfo), 1 is v2 (OneAsymmetricKey)
  ByteView public_key;   // v2 [1] publicKey content, if any
  std::string algorithm_oid;
  std::optional<ByteView> parameters;
  ByteView private_key;  // the privateKey OCTET STRING's content
  std::optional<ByteView> attributes;
};

Result<Pkcs8Reading> read_pkcs8(ByteView der) {
  if (auto strict = der::check_strict_der(der); !strict) return std::unexpected(strict.error());
  auto info = key_syntax::read_private_key_info(der);
  if (!info) return std::unexpected(info.error());
  const ByteView version = info->version.content;
  if (version.size() != 1 || version[0] > 1)
    return fail(ErrorCode::invalid_input, "PKCS#8 version is not 0 or 1");
  Pkcs8Reading reading;
  reading.version = version[0];
  if (info->public_key) reading.public_key = info->public_key->content;
  reading.algorithm_oid = info->algorithm.oid;
  if (info->algorithm.parameters) reading.parameters = info->algorithm.parameters->whole;
  reading.private_key = info->private_key.content;
  if (info->attributes) reading.attributes = info->attributes->whole;
  return reading;
}

struct Sec1Reading {
  ByteView scalar;
  std::optional<ByteView> parameters;  // the ECParameters inside [0]
  std::optional<ByteView> public_key;  // the [1] BIT STRING's content
};

Result<Sec1Reading> read_sec1(ByteView der) {
  auto key = key_syntax::read_ec_private_key(der);
  if (!key) return std::unexpected(key.error());
  Sec1Reading reading{key->private_key.content, std::nullopt, std::nullopt};
  if (key->parameters) reading.parameters = key->parameters->whole;
  if (key->public_key) reading.public_key = key->public_key->content;
  return reading;
}

// The INTEGERs of an RSAPrivateKey (version, n, e, d, p, q, dp, dq, qinv) and what follows.
struct RsaReading {
  std::vector<ByteView> integers;
  ByteView rest;  // otherPrimeInfos, if any (whole)
};

Result<RsaReading> read_rsa(ByteView der) {
  auto key = key_syntax::read_rsa_private_key(der);
  if (!key) return std::unexpected(key.error());
  RsaReading reading;
  for (const der::Element* integer :
       {&key->version, &key->modulus, &key->public_exponent, &key->private_exponent, &key->prime1,
        &key->prime2, &key->exponent1, &key->exponent2, &key->coefficient})
    reading.integers.push_back(integer->content);
  if (key->other_prime_infos) reading.rest = key->other_prime_infos->whole;
  return reading;
}

// "present (65 bytes)" for a BIT STRING's content (unused-bits octet first).
std::string bit_string_presence(ByteView content) {
  return "present (" + plural(content.empty() ? 0 : content.size() - 1, "byte") + ")";
}

// A secret value as it may be printed: that it differs, and its length.
std::string secret_length(ByteView value) {
  return "differs (" + plural(value.size(), "byte") + ")";
}

// An RSA INTEGER's length as a number (without the sign octet).
std::string secret_number_length(ByteView integer) {
  return secret_length(without_leading_zeros(integer));
}

constexpr std::string_view kDifferentKeysWhy =
    "these are different keys: signatures made with one do not verify with the other's public key";

void diff_rsa_private_key(Differences& out, ByteView left, ByteView right) {
  auto l = read_rsa(left);
  auto r = read_rsa(right);
  if (!l || !r) {
    out.add("private key", l ? "readable" : "unreadable: " + l.error().message,
            r ? "readable" : "unreadable: " + r.error().message, true,
            "one side's RSAPrivateKey does not read as DER");
    return;
  }
  const auto& li = l->integers;
  const auto& ri = r->integers;
  enum { kVersion, kN, kE, kD, kP, kQ, kDp, kDq, kQinv };
  auto same = [](ByteView a, ByteView b) {
    return same_bytes(without_leading_zeros(a), without_leading_zeros(b));
  };
  if (!same(li[kN], ri[kN]) || !same(li[kE], ri[kE])) {
    // n and e are public: their sizes may be printed; the private values are not.
    out.add("private key",
            "RSA, modulus " + plural(without_leading_zeros(li[kN]).size(), "byte") + ", differs",
            "RSA, modulus " + plural(without_leading_zeros(ri[kN]).size(), "byte") + ", differs",
            true, std::string(kDifferentKeysWhy));
    return;
  }
  const bool primes_same = same(li[kP], ri[kP]) && same(li[kQ], ri[kQ]);
  const bool primes_swapped = same(li[kP], ri[kQ]) && same(li[kQ], ri[kP]);
  if (!primes_same && !primes_swapped) {
    out.add("private key: RSA primes", secret_number_length(li[kP]), secret_number_length(ri[kP]),
            true, "the same public key with other primes: one side is not a consistent RSA key");
    return;
  }
  const bool swapped = !primes_same;
  if (swapped)
    out.add("private key: RSA prime order", "p, q", "q, p", false,
            "the same primes in the other order (and the CRT values that follow from it) make the "
            "same key");
  if (!same(li[kD], ri[kD]))
    out.add("private key: RSA private exponent", secret_number_length(li[kD]),
            secret_number_length(ri[kD]), false,
            "n, e, p, q and dP, dQ are the same, as for one key written with d modulo lambda(n) "
            "by one library and modulo phi(n) by another (d itself is not checked arithmetically)");
  // dP and dQ follow from d and the primes whatever d's form; qInv from the primes' order
  // (with the primes swapped, it cannot be checked without arithmetic).
  const bool crt_consistent =
      swapped ? same(li[kDp], ri[kDq]) && same(li[kDq], ri[kDp])
              : same(li[kDp], ri[kDp]) && same(li[kDq], ri[kDq]) && same(li[kQinv], ri[kQinv]);
  if (!crt_consistent)
    out.add("private key: RSA CRT values", "differs", "differs", true,
            "the same n, e, p and q with other CRT values: one side is not a consistent RSA key, "
            "and CRT signing with it gives wrong signatures");
  if (!same(li[kVersion], ri[kVersion]) || !same_bytes(l->rest, r->rest))
    out.add("private key: RSA other primes", l->rest.empty() ? "absent" : "present",
            r->rest.empty() ? "absent" : "present", true,
            "multi-prime keys differ in their further primes, so the keys differ");
}

void diff_ec_private_key(Differences& out, ByteView left, ByteView right) {
  auto l = read_sec1(left);
  auto r = read_sec1(right);
  if (!l || !r) {
    out.add("private key", l ? "readable" : "unreadable: " + l.error().message,
            r ? "readable" : "unreadable: " + r.error().message, true,
            "one side's ECPrivateKey does not read as DER");
    return;
  }
  if (!same_bytes(without_leading_zeros(l->scalar), without_leading_zeros(r->scalar))) {
    out.add("private key", secret_length(l->scalar), secret_length(r->scalar), true,
            std::string(kDifferentKeysWhy));
    return;
  }
  if (l->scalar.size() != r->scalar.size())
    out.add("private key: scalar length", plural(l->scalar.size(), "byte"),
            plural(r->scalar.size(), "byte"), false,
            "the same scalar padded to another length; RFC 5915 asks for the curve's size");
  if (l->parameters.has_value() != r->parameters.has_value())
    out.add("private key: SEC1 parameters",
            l->parameters ? parameters_text(*l->parameters) : "absent",
            r->parameters ? parameters_text(*r->parameters) : "absent", false,
            "PKCS#8 names the curve in its AlgorithmIdentifier, so the copy inside ECPrivateKey "
            "is optional (RFC 5915)");
  else if (l->parameters && !same_bytes(*l->parameters, *r->parameters))
    out.add("private key: SEC1 parameters", parameters_text(*l->parameters),
            parameters_text(*r->parameters), true,
            "the parameters inside ECPrivateKey name different curves, so the keys differ");
  if (l->public_key.has_value() != r->public_key.has_value())
    out.add("private key: SEC1 publicKey",
            l->public_key ? bit_string_presence(*l->public_key) : "absent",
            r->public_key ? bit_string_presence(*r->public_key) : "absent", false,
            "RFC 5915 makes the public key optional: it follows from the private scalar");
  else if (l->public_key && !same_bytes(*l->public_key, *r->public_key))
    out.add("private key: SEC1 publicKey", bytes_text(*l->public_key), bytes_text(*r->public_key),
            true,
            "the same scalar with different public keys: one of them does not belong to the key");
}

// Ed25519 (RFC 8410): the privateKey OCTET STRING holds an OCTET STRING of 32 bytes.
void diff_opaque_private_key(Differences& out, ByteView left, ByteView right) {
  if (same_bytes(left, right)) return;
  auto inner = [](ByteView der) -> ByteView {
    der::Reader reader(der);
    auto element = reader.next();
    if (element && element->tag == der::kOctetString && reader.empty()) return element->content;
    return der;
  };
  const ByteView l = inner(left), r = inner(right);
  if (same_bytes(l, r)) {
    out.add("private key: encoding", plural(left.size(), "byte"), plural(right.size(), "byte"),
            false, "the same private key bytes wrapped differently");
    return;
  }
  out.add("private key", secret_length(l), secret_length(r), true, std::string(kDifferentKeysWhy));
}

std::string private_parameters_why(std::string_view algorithm, const std::string& left,
                                   const std::string& right, bool& matters) {
  matters = true;
  if (algorithm == oid::kRsaEncryption && (left == "NULL" || left == "absent") &&
      (right == "NULL" || right == "absent")) {
    matters = false;
    return "the same key; RFC 8017 asks for NULL, and strict importers may refuse the absent "
           "form";
  }
  if (algorithm == oid::kEcPublicKey) {
    if (left.starts_with("namedCurve") && right.starts_with("namedCurve"))
      return "the keys name different curves, so they are different keys";
    return "RFC 5915 and RFC 5480 ask for a named curve; libraries (polycert among them) refuse "
           "explicit or missing curve parameters";
  }
  if (algorithm == oid::kEd25519) {
    matters = false;
    return "RFC 8410 requires the parameters to be absent; the key is the same";
  }
  return "the key's algorithm parameters differ, and importers read the key with them";
}

std::string key_form_text(const Pkcs8Reading& reading) {
  return reading.version == 0 ? "v1 (PrivateKeyInfo)" : "v2 (OneAsymmetricKey)";
}

}  // namespace

std::vector<Difference> diff_private_key_encoding(ByteView left_pkcs8, ByteView right_pkcs8,
                                                  const std::string& left_source,
                                                  const std::string& right_source) {
  Differences out(left_source, right_source);
  if (same_bytes(left_pkcs8, right_pkcs8)) return out.take();
  auto l_read = read_pkcs8(left_pkcs8);
  auto r_read = read_pkcs8(right_pkcs8);
  if (!l_read || !r_read) {
    // The reader's messages name structure (tags, lengths), never content.
    out.add("private key encoding",
            l_read ? "PKCS#8 " + key_form_text(*l_read) : "unreadable: " + l_read.error().message,
            r_read ? "PKCS#8 " + key_form_text(*r_read) : "unreadable: " + r_read.error().message,
            true, "one side is not a PKCS#8 key polycert can read, so nothing else can be compared");
    return out.take();
  }
  const Pkcs8Reading& l = *l_read;
  const Pkcs8Reading& r = *r_read;
  if (l.version != r.version)
    out.add("PKCS#8 version", key_form_text(l), key_form_text(r), false,
            "RFC 5958 version 2 only adds an optional public key to the same private key, though "
            "OpenSSL 3.0, Botan 2 and Mbed TLS 2.28 refuse it");
  if (l.algorithm_oid != r.algorithm_oid) {
    out.add("private key algorithm", key_algorithm_name(l.algorithm_oid),
            key_algorithm_name(r.algorithm_oid), true,
            "a different key algorithm is a different key");
    return out.take();
  }
  if (!same_parameters(l.parameters, r.parameters)) {
    const std::string lp = parameters_text(l.parameters), rp = parameters_text(r.parameters);
    bool matters = true;
    std::string why = private_parameters_why(l.algorithm_oid, lp, rp, matters);
    out.add("private key algorithm parameters", lp, rp, matters, std::move(why));
  }

  if (l.algorithm_oid == oid::kRsaEncryption)
    diff_rsa_private_key(out, l.private_key, r.private_key);
  else if (l.algorithm_oid == oid::kEcPublicKey)
    diff_ec_private_key(out, l.private_key, r.private_key);
  else
    diff_opaque_private_key(out, l.private_key, r.private_key);

  if (l.attributes.has_value() != r.attributes.has_value() ||
      (l.attributes && !same_bytes(*l.attributes, *r.attributes)))
    out.add("PKCS#8 attributes",
            l.attributes ? "present (" + plural(l.attributes->size(), "byte") + ")" : "absent",
            r.attributes ? "present (" + plural(r.attributes->size(), "byte") + ")" : "absent",
            false,
            "attributes (a friendly name, a key usage hint) describe the key, not change it");
  if (l.public_key.empty() != r.public_key.empty())
    out.add("PKCS#8 publicKey", l.public_key.empty() ? "absent" : bit_string_presence(l.public_key),
            r.public_key.empty() ? "absent" : bit_string_presence(r.public_key), false,
            "RFC 5958 makes the public key optional: it follows from the private key");
  else if (!same_bytes(l.public_key, r.public_key))
    out.add("PKCS#8 publicKey", bytes_text(l.public_key), bytes_text(r.public_key), true,
            "the carried public keys differ: one of them does not belong to the private key");
  return out.take();
}

}  // namespace polycert::conformance
