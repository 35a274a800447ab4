#include "x509_cases.hpp"

#include "fixtures.hpp"

namespace polycert::testing {

Result<std::unique_ptr<PrivateKey>> fixture_key(Provider& provider, const KeySpec& spec) {
  return provider.import_private_key(fixture("keys/" + fixture_stem(spec) + ".pkcs8.der"));
}

}  // namespace polycert::testing
