#include "ca_options.hpp"

#include "auto_backend.hpp"

namespace polycert::cli {

void CaOptions::add_to(po::options_description& options) {
  options.add_options()
      ("ca-cert", po::value<std::string>(&certificate)->required()->value_name("FILE"),
       "the issuing CA's certificate")
      ("ca-key", po::value<std::string>(&key)->required()->value_name("FILE"),
       "the issuing CA's private key")
      ("passin", po::value<std::string>(&passin)->value_name("SRC"),
       "password of an encrypted --ca-key, from a password source");
}

std::string CaOptions::backend_operation() const {
  const auto spec = private_key_spec(key);
  return spec ? "csr:" + to_string(*spec) : std::string("parse:cert");
}

}  // namespace polycert::cli
