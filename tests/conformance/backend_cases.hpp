// What the conformance tests iterate over: every compiled-in backend (from the registry,
// never an #ifdef), every key spec, every (producer, consumer) pair, and a cache so each
// backend generates each key spec once per test run.
#pragma once

#include <polycert/registry.hpp>
#include <polycert/provider.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <tuple>
#include <vector>

namespace polycert::testing {

/// Names of the compiled-in backends.
std::vector<std::string> backend_names();

/// A fresh provider for a compiled-in backend (fails the test if the registry refuses).
std::unique_ptr<Provider> make_backend(const std::string& name);

/// PKCS#8 DER of a key that `provider` generated for `spec` in this test run, generated
/// now if no test did it yet. Generation also checks that the key reports `spec`.
/// The cache is a folder shared by the test processes of one ctest run
/// ($POLYCERT_TEST_KEY_CACHE, cleared by the run's setup test), or memory when unset.
Result<SecureBuffer> generated_key(Provider& provider, const KeySpec& spec);

/// "ok" or the error's code and message, for assertion output.
template <typename T>
std::string describe(const Result<T>& result) {
  if (result) return "ok";
  return std::string(to_string(result.error().code)) + ": " + result.error().message;
}

using BackendAndSpec = std::tuple<std::string, KeySpec>;
/// The backends that issue a root, an intermediate and a leaf, in that order.
using BackendTriple = std::tuple<std::string, std::string, std::string>;

/// Every backend × generatable spec, named "openssl_rsa_2048".
::testing::internal::ParamGenerator<BackendAndSpec> every_backend_and_spec();
/// The same, only the specs `applies` holds for: a case that does not apply to a spec is
/// not instantiated for it (rather than instantiated and skipped).
::testing::internal::ParamGenerator<BackendAndSpec> every_backend_and_spec_where(bool (*applies)(const KeySpec&));
std::string backend_and_spec_name(const ::testing::TestParamInfo<BackendAndSpec>& info);

/// Every backend at every step of a chain, named "openssl_then_botan_then_mbedtls".
::testing::internal::ParamGenerator<BackendTriple> every_backend_triple();
std::string backend_triple_name(const ::testing::TestParamInfo<BackendTriple>& info);

}  // namespace polycert::testing
