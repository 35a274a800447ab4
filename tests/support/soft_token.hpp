// A SoftHSM2 token of its own for one test: a token folder and a softhsm2.conf in a temporary
// folder, the token initialised (label, SO PIN, user PIN) through PKCS#11 itself, so no PIN
// is ever on a command line. Processes see it through environment(); in-process code after
// use_in_this_process() (SOFTHSM2_CONF is read when the module is initialised).
#pragma once

#include "process.hpp"
#include "temp_dir.hpp"

#include <map>
#include <string>

namespace polycert::testing {

inline constexpr const char* kSoftHsmModule = "/usr/lib/softhsm/libsofthsm2.so";

class SoftToken {
 public:
  /// A token labelled `label` whose user PIN is `pin` (given to processes as $TOKEN_PIN).
  explicit SoftToken(std::string label = "gw", std::string pin = "4711-test");
  SoftToken(const SoftToken&) = delete;
  SoftToken& operator=(const SoftToken&) = delete;

  const std::string& label() const { return label_; }
  const std::string& pin() const { return pin_; }
  /// "pkcs11:token=LABEL".
  std::string uri() const { return "pkcs11:token=" + label_; }
  /// SOFTHSM2_CONF for this token and TOKEN_PIN: pass --pin env:TOKEN_PIN.
  std::map<std::string, std::string> environment() const;
  ProcessOptions options() const { return ProcessOptions{{}, environment(), {}, {}}; }
  /// Points this process's SOFTHSM2_CONF at the token.
  void use_in_this_process() const;

 private:
  TempDir dir_;
  std::string label_;
  std::string pin_;
  std::string config_;
};

}  // namespace polycert::testing
