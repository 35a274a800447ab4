// The one reader of the files commands take. Each file's objects (PEM blocks or DER, see
// inputs.hpp) are flattened once: PKCS#7 bundles and PKCS#12 files are opened here, by one
// set of rules, into certificates, requests, public and private keys, each with the file
// and the container it came from, and the warnings met on the way. Commands filter the
// result (convert, chain, match) or show it (inspect); none opens a container itself.
#pragma once

#include <polycert/chain.hpp>
#include <polycert/formats.hpp>
#include <polycert/pkcs12.hpp>
#include <polycert/provider.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace polycert::cli {

/// One object read from the inputs, never a container.
struct InputObject {
  /// Its bytes and kind: a PKCS#7 or PKCS#12 part carries its container's encoding and
  /// line; a PKCS#12 key bag is a private_key in PKCS#8 form; an RSA PUBLIC KEY is kept as
  /// found (public_key_info converts it).
  FoundObject object;
  std::string file;
  std::string origin;                        ///< "file", or "file #n" among its kind's objects there
  std::string container;                     ///< "", "PKCS#7" or "PKCS#12"
  std::optional<std::string> friendly_name;  ///< a PKCS#12 bag's

  ObjectKind kind() const { return object.kind; }
  bool is_private_key() const;
  bool is_public_key() const;
  /// The SubjectPublicKeyInfo of a public key object (an RSA PUBLIC KEY converted).
  Bytes public_key_info() const;
  ChainInput chain_input() const { return ChainInput{Bytes(object.der.begin(), object.der.end()), origin}; }
};

/// What a PKCS#12 file says of itself, beside its parts.
struct Pkcs12Summary {
  std::string mac_algorithm;  ///< "" without a MAC
  std::vector<Pkcs12Protection> protections;
  std::optional<Pkcs12Profile> profile;  ///< the convert --profile it matches, if any
};

/// One object of a file, opened when it is a container.
struct ExpandedObject {
  std::vector<InputObject> parts;        ///< the object itself, or the container's contents
  std::optional<Pkcs12Summary> pkcs12;   ///< when the object was a PKCS#12 file
};

/// Opens `object` of `file`: a PKCS#7 bundle gives its certificates (their self-signature
/// work checked against the open budget, signature_budget.hpp), a PKCS#12 file (opened
/// with `passin`, or a password asked on a terminal; without either the empty and the
/// absent password are tried, as openssl does) its certificates, the key's own (same localKeyId)
/// first, then its key; anything else is itself. Origins are left to the caller.
Result<ExpandedObject> expand_object(Provider& provider, FoundObject object, const std::string& file,
                                     const std::string& passin, std::vector<std::string>& warnings);

/// Everything in a set of input files, in file order.
struct Inputs {
  std::vector<InputObject> objects;
  std::vector<std::string> warnings;  ///< "file: what", e.g. a PKCS#12 file without a MAC

  std::vector<ChainInput> certificates() const;
  std::vector<ChainInput> requests() const;
  std::vector<const InputObject*> private_keys() const;
  /// "certificate, private key": what was found, for messages that name what is missing.
  std::string kinds() const;
};

/// Reads every file, all or nothing: a file with a malformed PEM block is invalid_input
/// naming each one as file:LINE (objects_in_file; the commands using this reader write or
/// vouch for what they read, docs/pem-bags.md). Nothing is parsed by the backend here but
/// PKCS#12 files, which need it to decrypt.
Result<Inputs> read_inputs(Provider& provider, const std::vector<std::string>& files,
                           const std::string& passin);

/// Every certificate of one file (PKCS#7 and PKCS#12 opened), its warnings handed to
/// `warn`; a file without any is invalid_input naming what it holds.
Result<std::vector<ChainInput>> certificates_in_file(Provider& provider, const std::string& file,
                                                     const std::string& passin,
                                                     const std::function<void(const std::string&)>& warn);

/// Every CRL of one file (PEM "X509 CRL" blocks or DER), all or nothing; a file without
/// any is invalid_input naming what it holds.
Result<std::vector<Bytes>> crls_in_file(const std::string& file);

/// A private key object imported into `provider`: decrypted first when encrypted
/// (load_private_key in inputs.hpp), errors naming its file.
Result<std::unique_ptr<PrivateKey>> load_private_key(Provider& provider, const InputObject& key,
                                                     const std::string& passin);

}  // namespace polycert::cli
