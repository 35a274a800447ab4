// What `chain` and `match` read from files: certificates, requests and whether a file
// holds a private key, from anything core's find_objects() recognises: PEM (any number of
// blocks), DER, PKCS#7 bundles and (for chain) PKCS#12 files. Only the framing is decided
// here; the selected backend reads every object afterwards.
#pragma once

#include <polycert/chain.hpp>
#include <polycert/error.hpp>
#include <polycert/provider.hpp>
#include <polycert/secure_buffer.hpp>

#include <string>
#include <vector>

namespace polycert::cli {

/// Every certificate in a file: certificate blocks of a PEM file (good blocks of other
/// kinds skipped), a DER certificate, the certificates of a PKCS#7 bundle or of a PKCS#12
/// file (opened with `passin`, see open_pkcs12). Origins name the file, with "#n" when it
/// holds several. invalid_input when there is none, naming what the file holds, and when
/// any PEM block is malformed, naming each as file:LINE (objects_in_file: `chain` does not
/// build a chain from a file it could read only in part).
Result<std::vector<ChainInput>> read_certificates(const std::string& path, Provider& provider,
                                                  const std::string& passin);

/// The objects of one file that `match` pairs up.
struct FileObjects {
  std::vector<ChainInput> certificates;
  std::vector<ChainInput> requests;
  bool has_private_key = false;  ///< a key block, or a DER file that is neither of the others
};

/// Sorts a file's contents (find_objects) into certificates (PKCS#7 bundles included),
/// requests and whether it holds a private key. invalid_input when the file holds none,
/// and when any PEM block is malformed, naming each as file:LINE (objects_in_file:
/// `match` vouches for nothing in a file it could read only in part).
Result<FileObjects> read_file_objects(const std::string& path);

}  // namespace polycert::cli
