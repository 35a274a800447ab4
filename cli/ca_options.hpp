// The issuing CA of `sign` and `crl`: --ca-cert, --ca-key and --passin for an encrypted
// key, declared once so both commands spell and explain them alike.
#pragma once

#include "command.hpp"

#include <string>

namespace polycert::cli {

struct CaOptions {
  std::string certificate;  ///< --ca-cert FILE
  std::string key;          ///< --ca-key FILE
  std::string passin;       ///< --passin SRC

  /// Adds --ca-cert, --ca-key, --passin.
  void add_to(po::options_description& options);
  /// The operation `--backend auto` times for issuing with this CA: signing with its key
  /// (csr:SPEC), or reading a certificate when the key's spec cannot be told.
  std::string backend_operation() const;
};

}  // namespace polycert::cli
