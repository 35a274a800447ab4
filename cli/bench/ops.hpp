// The operations `polycert bench` times: what each one does, which capabilities it needs,
// the inputs a backend makes for it at set-up (outside the timed region), and the timed
// work itself. Everything goes through the Provider interface, so this code knows no
// crypto library; the command passes the registry's providers in.
#pragma once

#include <polycert/capabilities.hpp>
#include <polycert/error.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/provider.hpp>
#include <polycert/secure_buffer.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polycert::bench {

enum class OpKind {
  keygen,        ///< generate_key(spec)
  csr,           ///< create_csr with a key of spec made once per run and thread
  csr_verify,    ///< parse_csr of a request signed by a key of spec (signature checked)
  parse_cert,    ///< PEM decode + parse_certificate of a certificate for a key of spec
  parse_key,     ///< PEM decode + import_private_key of a PKCS#8 key of spec
  parse_pkcs12,  ///< read_pkcs12 (MAC, decryption) + import the key + parse the certificate
  parse_pkcs7,   ///< read a PKCS#7 bundle of two certificates + parse each
  pem,           ///< PEM decode of a file with two certificates and a key (core only)
};

/// "keygen", "csr", "csr-verify", "parse:cert", "parse:key", "parse:pkcs12",
/// "parse:pkcs7", "pem": how the kind is written in --ops.
std::string_view to_string(OpKind kind);

struct OpSpec {
  OpKind kind;
  KeySpec key;  ///< the key the operation makes or whose objects it reads
  /// Canonical name: "keygen:ec:P-256", "parse:key:rsa:2048", "pem".
  std::string name() const;
  friend bool operator==(const OpSpec&, const OpSpec&) = default;
};

/// Parses --ops: comma-separated "keygen:SPEC", "csr:SPEC", "csr-verify:SPEC", and
/// "parse:cert", "parse:key", "parse:pkcs12", "parse:pkcs7" with an optional ":SPEC", and
/// "pem". SPEC is what parse_key_spec reads. invalid_input names the bad entry and lists
/// what is accepted; an operation listed twice is invalid_input too.
Result<std::vector<OpSpec>> parse_op_list(std::string_view text);

/// The list run without --ops: every kind, fast specs, a few seconds in all.
std::string_view default_op_list();

/// Why `capabilities` cannot run `op` ("generate_key ed25519: <the matrix's note>"), or
/// nullopt when every row the operation needs says supported.
std::optional<std::string> missing_capability(const Capabilities& capabilities, const OpSpec& op);

/// Inputs one backend made for the operations: keys and the objects built from them.
/// Keys are generated once per spec and reused by every operation of the run.
class InputFactory {
 public:
  explicit InputFactory(Provider& provider) : provider_(provider) {}
  /// The bytes `op` reads (empty for keygen and csr, which read nothing), made by the
  /// provider. unsupported when the backend cannot make them.
  Result<SecureBuffer> input_for(const OpSpec& op);

 private:
  Result<const SecureBuffer*> key(const KeySpec& spec, int index);
  Result<Bytes> certificate(const KeySpec& spec, int index, const SecureBuffer* issuer_key,
                            const Bytes* issuer_certificate);

  Provider& provider_;
  std::map<std::pair<std::string, int>, SecureBuffer> keys_;  ///< PKCS#8 DER
};

/// One operation bound to one provider and its input: each call does the timed work once.
using TimedOp = std::function<Result<void>()>;

/// Where a csr operation's key comes from instead of one made for the run: a key file or a
/// key in a token (bench --key), opened for each provider.
using KeySource = std::function<Result<std::unique_ptr<PrivateKey>>(Provider&)>;

/// Binds `op` to `provider` (one per thread): whatever must exist before timing, such as
/// the key a csr operation signs with, is made here (or opened from `signing_key`, whose
/// key must be of the operation's spec). `input` must outlive the result.
Result<TimedOp> bind_op(Provider& provider, const OpSpec& op, const SecureBuffer& input,
                        const KeySource* signing_key = nullptr);

}  // namespace polycert::bench
