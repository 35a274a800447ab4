#include "soft_token.hpp"

#include <p11-kit/p11-kit.h>
#include <p11-kit/pkcs11.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace polycert::testing {

namespace {

void check(CK_RV rv, const char* what) {
  if (rv != CKR_OK) throw std::runtime_error(std::string("SoftHSM2 token setup: ") + what + " failed, rv " + std::to_string(rv));
}

// C_InitToken on the free slot, then the user PIN, as softhsm2-util --init-token would.
void initialise(const std::string& label, const std::string& pin) {
  CK_FUNCTION_LIST* module = p11_kit_module_load(kSoftHsmModule, 0);
  if (module == nullptr) throw std::runtime_error(std::string("cannot load ") + kSoftHsmModule + " (install softhsm2)");
  check(p11_kit_module_initialize(module), "C_Initialize");
  CK_ULONG count = 0;
  check(module->C_GetSlotList(CK_FALSE, nullptr, &count), "C_GetSlotList");
  std::vector<CK_SLOT_ID> slots(count);
  check(module->C_GetSlotList(CK_FALSE, slots.data(), &count), "C_GetSlotList");
  if (count == 0) throw std::runtime_error("SoftHSM2 shows no slot");
  const std::string so_pin = pin + "-so";
  unsigned char padded[32];
  std::memset(padded, ' ', sizeof padded);
  std::memcpy(padded, label.data(), std::min(label.size(), sizeof padded));
  check(module->C_InitToken(slots[0], reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(so_pin.data())),
                            so_pin.size(), padded),
        "C_InitToken");
  // The token moves to a new slot once initialised: find it by its label.
  check(module->C_GetSlotList(CK_TRUE, nullptr, &count), "C_GetSlotList");
  slots.resize(count);
  check(module->C_GetSlotList(CK_TRUE, slots.data(), &count), "C_GetSlotList");
  CK_SLOT_ID slot = 0;
  bool found = false;
  for (CK_ULONG i = 0; i < count && !found; ++i) {
    CK_TOKEN_INFO info{};
    if (module->C_GetTokenInfo(slots[i], &info) == CKR_OK && std::memcmp(info.label, padded, sizeof padded) == 0 &&
        (info.flags & CKF_TOKEN_INITIALIZED) != 0) {
      slot = slots[i];
      found = true;
    }
  }
  if (!found) throw std::runtime_error("the initialised SoftHSM2 token is not found");
  CK_SESSION_HANDLE session = 0;
  check(module->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &session), "C_OpenSession");
  check(module->C_Login(session, CKU_SO, reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(so_pin.data())),
                        so_pin.size()),
        "C_Login (SO)");
  check(module->C_InitPIN(session, reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(pin.data())), pin.size()),
        "C_InitPIN");
  module->C_Logout(session);
  module->C_CloseSession(session);
  p11_kit_module_finalize(module);
  p11_kit_module_release(module);
}

}  // namespace

SoftToken::SoftToken(std::string label, std::string pin)
    : label_(std::move(label)), pin_(std::move(pin)), config_(dir_.file("softhsm2.conf")) {
  std::filesystem::create_directory(dir_.path() / "tokens");
  std::ofstream(config_) << "directories.tokendir = " << (dir_.path() / "tokens").string()
                         << "\nobjectstore.backend = file\nlog.level = ERROR\n";
  const char* saved = std::getenv("SOFTHSM2_CONF");
  const std::string previous = saved != nullptr ? saved : "";
  ::setenv("SOFTHSM2_CONF", config_.c_str(), 1);
  initialise(label_, pin_);
  if (saved != nullptr) ::setenv("SOFTHSM2_CONF", previous.c_str(), 1);
  else ::unsetenv("SOFTHSM2_CONF");
}

std::map<std::string, std::string> SoftToken::environment() const {
  return {{"SOFTHSM2_CONF", config_}, {"TOKEN_PIN", pin_}};
}

void SoftToken::use_in_this_process() const { ::setenv("SOFTHSM2_CONF", config_.c_str(), 1); }

}  // namespace polycert::testing
