// Signing with a key in a token (signer.hpp): the backend's library hashes and checks, the
// token signs.
#include <polycert/der.hpp>
#include <polycert/signature.hpp>
#include <polycert/signer.hpp>
#include <polycert/x509_encoding.hpp>

#include "digest_oids.hpp"
#include "provider_checks.hpp"

#include <algorithm>

namespace polycert {

namespace {

Hash hash_of(Digest digest) {
  switch (digest) {
    case Digest::sha256: return Hash::sha256;
    case Digest::sha384: return Hash::sha384;
    case Digest::sha512: return Hash::sha512;
  }
  return Hash::sha256;
}

}  // namespace

Bytes encode_digest_info(Digest digest, ByteView hashed) {
  const auto known = std::ranges::find(kDigestOids, hash_of(digest), &DigestOid::hash);
  SecureBuffer algorithm = der::element(der::kOid, der::encode_oid(known->oid));
  der::append_element(algorithm, der::kNull, {});
  SecureBuffer fields = der::element(der::kSequence, algorithm);
  der::append_element(fields, der::kOctetString, hashed);
  const SecureBuffer info = der::element(der::kSequence, fields);
  return Bytes(info.begin(), info.end());
}

Result<Bytes> ecdsa_raw_to_der(ByteView raw) {
  if (raw.empty() || raw.size() % 2 != 0)
    return fail(ErrorCode::invalid_input, "ECDSA signature from the token: " +
                                              std::to_string(raw.size()) +
                                              " bytes, not two halves r and s of one size");
  const std::size_t half = raw.size() / 2;
  SecureBuffer fields = positive_integer(raw.first(half));
  const SecureBuffer s = positive_integer(raw.subspan(half));
  fields.insert(fields.end(), s.begin(), s.end());
  const SecureBuffer value = der::element(der::kSequence, fields);
  return Bytes(value.begin(), value.end());
}

Result<Bytes> Provider::public_key_of(const PrivateKey& key) {
  if (const Signer* signer = key.signer()) {
    const ByteView spki = signer->public_key();
    return Bytes(spki.begin(), spki.end());
  }
  return keys_.do_export_public_key(key);
}

Result<Bytes> Provider::sign_with(const PrivateKey& key, Digest digest, ByteView data) {
  if (Signer* signer = key.signer()) return sign_in_token(*signer, digest, data);
  return keys_.do_sign(key, digest, data);
}

Result<Bytes> Provider::sign_in_token(Signer& signer, Digest digest, ByteView data) {
  const KeySpec spec = signer.spec();
  // What the library must check afterwards is asked first: a backend that cannot verify
  // the algorithm (Mbed TLS and Ed25519) has the token sign nothing.
  auto algorithm = read_signature_algorithm(signature_algorithm_identifier(spec.algorithm, digest));
  if (!algorithm) return std::unexpected(algorithm.error());
  if (const Capability* row = capabilities().find(Operation::sign_in_token, to_string(spec));
      row != nullptr && !row->supported)
    return std::unexpected(unsupported("sign with " + to_string(spec) + " keys in a token", row->note));

  Bytes input;
  if (spec.algorithm == KeyAlgorithm::ed25519) {
    input.assign(data.begin(), data.end());
  } else {
    auto hashed = primitives_.do_digest(hash_of(digest), data);
    if (!hashed) return std::unexpected(hashed.error());
    if (spec.algorithm == KeyAlgorithm::rsa)
      input = encode_digest_info(digest, *hashed);
    else
      input.assign(hashed->begin(), hashed->end());
  }
  auto raw = signer.sign_raw(input);
  if (!raw) return std::unexpected(raw.error());
  Bytes signature;
  if (spec.algorithm == KeyAlgorithm::ec) {
    auto encoded = ecdsa_raw_to_der(*raw);
    if (!encoded) return std::unexpected(with_context(encoded.error(), signer.location()));
    signature = std::move(*encoded);
  } else {
    signature = std::move(*raw);
  }
  // A token whose public key object is not its private key's twin would sign requests and
  // certificates that verify nowhere: the library checks before anything is written.
  auto checked = x509_.do_verify_signature(signer.public_key(), algorithm->parameters, data, signature);
  if (!checked) {
    if (checked.error().code == ErrorCode::unsupported) return std::unexpected(checked.error());
    return fail(ErrorCode::integrity_failure,
                signer.location() + ": the token's signature does not verify with the key's public "
                                    "key (" + checked.error().message + ")");
  }
  return signature;
}

}  // namespace polycert
