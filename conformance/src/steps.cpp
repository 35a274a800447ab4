#include <polycert/conformance/steps.hpp>

#include <polycert/conformance/semantic_diff.hpp>

namespace polycert::conformance::steps {

void fail(std::string reason, std::vector<Difference> differences) {
  throw Verdict{CaseResult{Outcome::fail, std::move(reason), std::move(differences), {}}};
}

void skip(std::string reason) { throw Verdict{CaseResult{Outcome::skip, std::move(reason), {}, {}}}; }

std::string describe(const Error& error) {
  return std::string(to_string(error.code)) + ": " + error.message;
}

void judge(Provider& provider, Operation operation, std::string_view subject, std::string_view what,
           const Error* error) {
  const Capability* row = provider.capabilities().find(operation, subject);
  const std::string capability =
      std::string(provider.name()) + " " + std::string(polycert::describe(operation)) + " " +
      std::string(subject);
  if (row == nullptr || row->supported) {
    if (error != nullptr)
      fail(std::string(what) + ": " + capability + " is claimed but failed: " + describe(*error));
    return;
  }
  if (error == nullptr)
    fail(std::string(what) + ": " + capability + " is denied (" + row->note +
         ") but it works: the matrix must claim it");
  if (error->code != ErrorCode::unsupported)
    fail(std::string(what) + ": " + capability + " is denied, but the refusal is " +
         describe(*error) + " instead of unsupported");
  skip(capability + ": unsupported (" + row->note + ")");
}

void judge_differences(std::vector<Difference> differences, std::vector<Difference>& collected,
                       std::string_view what) {
  const bool matters = any_matters(differences);
  for (Difference& difference : differences) collected.push_back(std::move(difference));
  if (matters) fail(std::string(what) + ": the results differ in a way verifiers see", collected);
}

std::string hex(ByteView bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  text.reserve(bytes.size() * 2);
  for (std::uint8_t byte : bytes) {
    text.push_back(kDigits[byte >> 4]);
    text.push_back(kDigits[byte & 0x0f]);
  }
  return text;
}

Bytes from_hex(std::string_view text) {
  auto digit = [](char c) -> std::uint8_t {
    if (c >= '0' && c <= '9') return static_cast<std::uint8_t>(c - '0');
    return static_cast<std::uint8_t>(c - 'a' + 10);
  };
  Bytes bytes;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2)
    bytes.push_back(static_cast<std::uint8_t>(digit(text[i]) << 4 | digit(text[i + 1])));
  return bytes;
}

}  // namespace polycert::conformance::steps
