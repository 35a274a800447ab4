// open_key: the private key a URI names, as a Signer that signs in the token.
#include "token_access.hpp"

#include <polycert/signer.hpp>

#include <cstring>

namespace polycert::pkcs11 {

namespace {

// C_SignInit alone, by name: SoftHSM 2.6.1 leaks an ASN1 string each time it starts an
// EdDSA signature (inside the module), and the sanitizer runs of the token tests suppress
// leaks under this frame only (tests/token-lsan.supp).
[[gnu::noinline]] CK_RV start_token_signature(CK_FUNCTION_LIST& f, CK_SESSION_HANDLE session,
                                              CK_MECHANISM& mechanism, CK_OBJECT_HANDLE key) {
  return f.C_SignInit(session, &mechanism, key);
}

class TokenSigner final : public Signer {
 public:
  TokenSigner(std::shared_ptr<ModuleSet> modules, std::unique_ptr<Session> session, CK_OBJECT_HANDLE key,
              PublicHalf half, std::string location, std::string token, bool always_authenticate,
              std::optional<SecureBuffer> pin, bool extractable)
      : modules_(std::move(modules)),
        session_(std::move(session)),
        key_(key),
        half_(std::move(half)),
        location_(std::move(location)),
        token_(std::move(token)),
        always_authenticate_(always_authenticate),
        pin_(std::move(pin)),
        extractable_(extractable) {}

  const std::string& location() const override { return location_; }
  std::string_view store() const override { return "pkcs11"; }
  KeySpec spec() const override { return half_.spec; }
  ByteView public_key() const override { return half_.spki; }

  Result<Bytes> sign_raw(ByteView input) override {
    CK_MECHANISM mechanism{CKM_RSA_PKCS, nullptr, 0};
    if (half_.spec.algorithm == KeyAlgorithm::ec) mechanism.mechanism = CKM_ECDSA;
    if (half_.spec.algorithm == KeyAlgorithm::ed25519) mechanism.mechanism = CKM_EDDSA;
    CK_FUNCTION_LIST& f = session_->f();
    const CK_SESSION_HANDLE handle = session_->handle();
    CK_RV rv = start_token_signature(f, handle, mechanism, key_);
    if (rv != CKR_OK) return std::unexpected(token_error(location_ + ": the token refused to start signing", rv));
    if (always_authenticate_) {
      // CKA_ALWAYS_AUTHENTICATE: the PIN again for this one signature (PKCS#11 5.2).
      rv = f.C_Login(handle, CKU_CONTEXT_SPECIFIC, pin_ ? pin_->data() : nullptr, pin_ ? pin_->size() : 0);
      if (rv != CKR_OK) return std::unexpected(token_error(location_ + ": the key's own PIN check failed", rv));
    }
    Bytes data(input.begin(), input.end());
    CK_ULONG size = 0;
    rv = f.C_Sign(handle, data.data(), data.size(), nullptr, &size);
    if (rv != CKR_OK) return std::unexpected(token_error(location_ + ": the token did not sign", rv));
    Bytes signature(size);
    rv = f.C_Sign(handle, data.data(), data.size(), signature.data(), &size);
    if (rv != CKR_OK) return std::unexpected(token_error(location_ + ": the token did not sign", rv));
    signature.resize(size);
    return signature;
  }

  std::string why_not_exportable() const override {
    if (!extractable_)
      return "the key is not extractable from token '" + token_ + "' (CKA_EXTRACTABLE false): it signs "
             "there and never leaves it";
    return "the key in token '" + token_ + "' is sensitive: a token gives it out only wrapped under "
           "another of its keys (C_WrapKey), which polycert does not do";
  }

 private:
  // Declared first, destroyed last: the session closes before the module is finalized.
  std::shared_ptr<ModuleSet> modules_;
  std::unique_ptr<Session> session_;
  CK_OBJECT_HANDLE key_;
  PublicHalf half_;
  std::string location_;
  std::string token_;
  bool always_authenticate_;
  std::optional<SecureBuffer> pin_;
  bool extractable_;
};

}  // namespace

Result<std::unique_ptr<PrivateKey>> open_key(std::string_view text, const PinSupply& pin) {
  auto opened = open_token(text);
  if (!opened) return std::unexpected(opened.error());
  const Uri* uri = &opened->uri;
  const Token* token = &opened->token;
  auto& modules = opened->modules;
  auto session = Session::open(*token, false);
  if (!session) return std::unexpected(session.error());
  auto used_pin = (*session)->login(*token, *uri, pin);
  if (!used_pin) return std::unexpected(used_pin.error());

  // The private key the URI names, whatever type= it gave: the key of that certificate
  // or public key is what signs.
  CK_OBJECT_CLASS private_class = CKO_PRIVATE_KEY;
  std::vector<CK_ATTRIBUTE> wanted{{CKA_CLASS, &private_class, sizeof private_class}};
  const auto label = uri->attribute(CKA_LABEL);
  const auto id = uri->attribute(CKA_ID);
  if (label) wanted.push_back({CKA_LABEL, const_cast<char*>(label->data()), label->size()});
  if (id) wanted.push_back({CKA_ID, const_cast<char*>(id->data()), id->size()});
  auto found = (*session)->find(wanted);
  if (!found) return std::unexpected(found.error());
  const std::string token_name = "token '" + token->label() + "'";
  if (found->empty())
    return fail(ErrorCode::invalid_input,
                uri->shown() + ": no private key in " + token_name + " matches" +
                    ((*session)->logged_in() || (token->info.flags & CKF_LOGIN_REQUIRED) == 0
                         ? ""
                         : " (not logged in: private keys are hidden)") +
                    "; polycert tokens '" + token_uri(*uri, *token) + "' lists its objects");
  if (found->size() > 1) {
    std::string listed;
    for (CK_OBJECT_HANDLE object : *found) {
      auto object_label = (*session)->attribute(object, CKA_LABEL);
      auto object_id = (*session)->attribute(object, CKA_ID);
      const std::string shown_label = object_label && *object_label ? std::string((*object_label)->begin(), (*object_label)->end()) : "";
      listed += "\n  object=" + shown_label + " id=" + (object_id && *object_id ? hex_id(**object_id) : "");
    }
    return fail(ErrorCode::invalid_input, uri->shown() + ": matches " + std::to_string(found->size()) +
                                              " private keys in " + token_name +
                                              "; name one with object= or id=:" + listed);
  }
  const CK_OBJECT_HANDLE key = found->front();

  // Its public twin gives the EC point and checks the token's signatures.
  auto key_id = (*session)->attribute(key, CKA_ID);
  auto key_label = (*session)->attribute(key, CKA_LABEL);
  if (!key_id) return std::unexpected(key_id.error());
  if (!key_label) return std::unexpected(key_label.error());
  auto public_key = public_twin(**session, key);
  if (!public_key) return std::unexpected(public_key.error());
  auto half = public_half(**session, key, *public_key);
  if (!half) return std::unexpected(with_context(half.error(), uri->shown()));
  if ((*session)->bool_attribute(key, CKA_SIGN) == false)
    return fail(ErrorCode::invalid_input, uri->shown() + ": the key may not sign (CKA_SIGN false)");

  const std::string shown_label = *key_label ? std::string((*key_label)->begin(), (*key_label)->end()) : "";
  const std::string location = object_uri(*uri, *token, shown_label, *key_id ? ByteView(**key_id) : ByteView{},
                                          CKO_PRIVATE_KEY);
  const bool always = (*session)->bool_attribute(key, CKA_ALWAYS_AUTHENTICATE).value_or(false);
  const bool extractable = (*session)->bool_attribute(key, CKA_EXTRACTABLE).value_or(false);
  auto signer = std::make_unique<TokenSigner>(modules, std::move(*session), key, std::move(*half), location,
                                              token->label(), always,
                                              always ? std::move(*used_pin) : std::optional<SecureBuffer>(),
                                              extractable);
  return std::unique_ptr<PrivateKey>(std::make_unique<SignerKey>(std::move(signer)));
}

}  // namespace polycert::pkcs11
