// The committed fixtures made by tests/fixtures/make-fixtures.sh with the openssl CLI.
#pragma once

#include <polycert/key_spec.hpp>
#include <polycert/secure_buffer.hpp>

#include <string>

namespace polycert::testing {

/// Absolute path of a file under tests/fixtures/.
std::string fixture_path(const std::string& relative);
/// Contents of a file under tests/fixtures/.
Bytes fixture(const std::string& relative);

/// File stem of a key spec's fixtures: "rsa-2048", "ec-P-256", "ed25519".
std::string fixture_stem(const KeySpec& spec);

/// Identifier-safe name of a spec for test names: "rsa_2048", "ec_P_256", "ed25519".
std::string test_name(const KeySpec& spec);

}  // namespace polycert::testing
