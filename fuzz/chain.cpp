// Chain building on every compiled-in backend. The input is split into certificates: PEM
// text goes through find_objects (certificates and PKCS#7 bundles), anything else is cut
// into consecutive DER elements by their headers (fuzz/make-seeds.sh writes the chain
// fixtures that way). At most kMaxCertificates, so one input stays fast.
#include "support.hpp"

#include <polycert/chain.hpp>
#include <polycert/der.hpp>
#include <polycert/formats.hpp>
#include <polycert/pem.hpp>

namespace polycert::fuzz {

namespace {

constexpr std::size_t kMaxCertificates = 8;
constexpr std::int64_t kCheckTime =
    1'830'000'000;  // 2027-12-27, inside the chain fixtures' validity

std::vector<ChainInput> split(ByteView input) {
  std::vector<ChainInput> inputs;
  auto add = [&](ByteView der) {
    if (inputs.size() < kMaxCertificates)
      inputs.push_back(
          {Bytes(der.begin(), der.end()), "input #" + std::to_string(inputs.size() + 1)});
  };
  if (looks_like_pem(input)) {
    auto objects = find_objects(input);
    if (!objects) return inputs;
    for (const FoundObject& object : *objects) {
      if (object.kind == ObjectKind::certificate) add(object.der);
      if (object.kind != ObjectKind::pkcs7) continue;
      if (auto bundle = read_pkcs7_certificates(object.der))
        for (const Bytes& certificate : *bundle) add(certificate);
    }
    return inputs;
  }
  der::Reader reader(input);
  while (!reader.empty()) {
    auto element = reader.next();
    if (!element) break;
    add(element->whole);
  }
  return inputs;
}

}  // namespace

void target_chain(ByteView input) {
  const std::vector<ChainInput> inputs = split(input);
  if (inputs.empty()) return;
  // Signature checks make this the slowest target: require_root comes from the input's
  // length rather than a second run.
  const ChainOptions options{kCheckTime, std::nullopt, input.size() % 2 == 1};
  for (auto& provider : providers()) {
    auto chain = build_chain(*provider, inputs, options);
    if (!chain) continue;
    check(!chain->path.empty(), "a chain without a path");
    check(chain->path.size() <= inputs.size(), "a path longer than the input");
    for (const ChainFinding& finding : chain->findings) (void)to_string(finding.kind);
    (void)chain_error(*chain);
    const auto with_root = chain->certificates(true);
    const auto without_root = chain->certificates(false);
    check(with_root.size() >= without_root.size() && !with_root.empty(),
          "certificates(with_root) shorter than without");
  }
}

}  // namespace polycert::fuzz
