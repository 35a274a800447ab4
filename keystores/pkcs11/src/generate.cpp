// generate_key: a key pair made inside a token (C_GenerateKeyPair).
#include "token_access.hpp"

namespace polycert::pkcs11 {

Result<GeneratedKey> generate_key(std::string_view text, const KeyGeneration& request, const PinSupply& pin) {
  if (request.label.empty()) return fail(ErrorCode::invalid_input, "a token key needs a label (--label)");
  auto opened = open_token(text);
  if (!opened) return std::unexpected(opened.error());
  const Uri* uri = &opened->uri;
  const Token* token = &opened->token;
  const std::string token_name = "token '" + token->label() + "'";
  if ((token->info.flags & CKF_WRITE_PROTECTED) != 0)
    return fail(ErrorCode::io, token_name + " is write-protected");
  auto session = Session::open(*token, true);
  if (!session) return std::unexpected(session.error());
  if (auto login = (*session)->login(*token, *uri, pin); !login) return std::unexpected(login.error());

  // A second key under the same label would make every URI by label ambiguous.
  std::vector<CK_ATTRIBUTE> same_label{{CKA_LABEL, const_cast<char*>(request.label.data()), request.label.size()}};
  auto existing = (*session)->find(same_label, 1);
  if (!existing) return std::unexpected(existing.error());
  if (!existing->empty())
    return fail(ErrorCode::io, token_name + " already holds an object labelled '" + request.label +
                                   "'; choose another --label");

  CK_FUNCTION_LIST& f = (*session)->f();
  Bytes id;
  if (request.id) {
    id = *request.id;
  } else {
    id.resize(16);
    const CK_RV rv = f.C_GenerateRandom((*session)->handle(), id.data(), id.size());
    if (rv != CKR_OK) return std::unexpected(token_error(token_name + ": cannot make a random key id", rv));
  }

  CK_BBOOL yes = CK_TRUE;
  CK_BBOOL no = CK_FALSE;
  CK_BBOOL extractable = request.extractable ? CK_TRUE : CK_FALSE;
  CK_ULONG modulus_bits = request.spec.rsa_bits;
  std::uint8_t exponent[] = {0x01, 0x00, 0x01};
  const Bytes parameters = ec_parameters(request.spec);
  char* label = const_cast<char*>(request.label.data());
  std::vector<CK_ATTRIBUTE> public_template{
      {CKA_TOKEN, &yes, sizeof yes},       {CKA_PRIVATE, &no, sizeof no},
      {CKA_VERIFY, &yes, sizeof yes},      {CKA_LABEL, label, request.label.size()},
      {CKA_ID, id.data(), id.size()},
  };
  std::vector<CK_ATTRIBUTE> private_template{
      {CKA_TOKEN, &yes, sizeof yes},
      {CKA_PRIVATE, &yes, sizeof yes},
      {CKA_SENSITIVE, &yes, sizeof yes},
      {CKA_EXTRACTABLE, &extractable, sizeof extractable},
      {CKA_SIGN, &yes, sizeof yes},
      {CKA_LABEL, label, request.label.size()},
      {CKA_ID, id.data(), id.size()},
  };
  CK_MECHANISM mechanism{CKM_RSA_PKCS_KEY_PAIR_GEN, nullptr, 0};
  switch (request.spec.algorithm) {
    case KeyAlgorithm::rsa:
      public_template.push_back({CKA_MODULUS_BITS, &modulus_bits, sizeof modulus_bits});
      public_template.push_back({CKA_PUBLIC_EXPONENT, exponent, sizeof exponent});
      break;
    case KeyAlgorithm::ec:
      mechanism.mechanism = CKM_EC_KEY_PAIR_GEN;
      public_template.push_back({CKA_EC_PARAMS, const_cast<std::uint8_t*>(parameters.data()), parameters.size()});
      break;
    case KeyAlgorithm::ed25519:
      mechanism.mechanism = CKM_EC_EDWARDS_KEY_PAIR_GEN;
      public_template.push_back({CKA_EC_PARAMS, const_cast<std::uint8_t*>(parameters.data()), parameters.size()});
      break;
  }
  CK_OBJECT_HANDLE public_key = 0;
  CK_OBJECT_HANDLE private_key = 0;
  const CK_RV rv = f.C_GenerateKeyPair((*session)->handle(), &mechanism, public_template.data(),
                                       public_template.size(), private_template.data(),
                                       private_template.size(), &public_key, &private_key);
  if (rv != CKR_OK)
    return std::unexpected(token_error(token_name + ": cannot generate a " + to_string(request.spec) + " key", rv));
  auto half = public_half(**session, private_key, public_key);
  if (!half) {
    // A key pair polycert cannot use is not left behind.
    f.C_DestroyObject((*session)->handle(), private_key);
    f.C_DestroyObject((*session)->handle(), public_key);
    return std::unexpected(with_context(half.error(), token_name + ": the generated key"));
  }
  return GeneratedKey{object_uri(*uri, *token, request.label, id, CKO_PRIVATE_KEY), std::move(half->spki)};
}

}  // namespace polycert::pkcs11
