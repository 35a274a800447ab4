// Everything in a set of input files, read through the selected backend: certificates
// (from PEM, DER and PKCS#7 bundles), requests, one private key (decrypted with --passin
// when encrypted) and public keys. Shared by convert and inspect-like commands, so every
// command reads files the same way and names the file in every error.
#pragma once

#include <polycert/formats.hpp>
#include <polycert/pkcs12.hpp>
#include <polycert/provider.hpp>
#include <polycert/secure_buffer.hpp>

#include <memory>
#include <string>
#include <vector>

namespace polycert::cli {

struct SourcedDer {
  Bytes der;
  std::string file;
};

struct CollectedObjects {
  std::vector<SourcedDer> certificates;  ///< in input order; each read by the backend
  std::vector<SourcedDer> requests;
  std::vector<SourcedDer> public_keys;   ///< SubjectPublicKeyInfo
  std::unique_ptr<PrivateKey> key;       ///< at most one
  std::string key_file;
  std::vector<std::string> warnings;     ///< e.g. a PKCS#12 file without a MAC
};

/// Reads a PKCS#12 file's contents with the password from `passin` (or asked on a
/// terminal; without either, the empty and the absent password are tried, as openssl
/// does, and a file that needs a password says so). An unsupported cipher names a
/// compiled-in backend that has it.
Result<Pkcs12Contents> open_pkcs12(Provider& provider, ByteView der, const std::string& path,
                                   const std::string& passin, std::vector<std::string>& warnings);

/// Reads every file. Each certificate, request and key is parsed by `provider`, so what
/// is collected is what this backend reads. A second private key is invalid_input, and so
/// is a file with a malformed PEM block, each named as file:LINE (objects_in_file: what
/// `convert` writes never silently lacks a block of its input).
Result<CollectedObjects> collect_objects(Provider& provider, const std::vector<std::string>& files,
                                         const std::string& passin);

}  // namespace polycert::cli
