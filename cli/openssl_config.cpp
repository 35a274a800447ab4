#include "openssl_config.hpp"

#include <polycert/file_output.hpp>

#include <charconv>
#include <map>
#include <string_view>

namespace polycert::cli {

namespace {

struct Entry {
  std::string key, value;
  std::size_t line;
};
using Sections = std::map<std::string, std::vector<Entry>, std::less<>>;

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

Result<Sections> read_sections(const std::string& path) {
  auto contents = read_file(path);
  if (!contents) return std::unexpected(contents.error());
  const std::string_view text(reinterpret_cast<const char*>(contents->data()), contents->size());
  Sections sections;
  std::string current = "default";
  std::size_t number = 0;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    ++number;
    std::string line = trimmed(text.substr(start, end - start));
    start = end + 1;
    if (const auto hash = line.find('#'); hash != std::string::npos) line = trimmed(line.substr(0, hash));
    if (line.empty()) continue;
    const std::string where = path + ":" + std::to_string(number) + ": ";
    if (line.front() == '[') {
      if (line.back() != ']') return fail(ErrorCode::invalid_input, where + "a section name without its ']'");
      current = trimmed(line.substr(1, line.size() - 2));
      continue;
    }
    if (line.starts_with(".include"))
      return fail(ErrorCode::invalid_input, where + ".include is not followed; put the sections in one file");
    const auto equals = line.find('=');
    if (equals == std::string::npos) return fail(ErrorCode::invalid_input, where + "not 'key = value'");
    Entry entry{trimmed(line.substr(0, equals)), trimmed(line.substr(equals + 1)), number};
    if (entry.value.find('$') != std::string::npos)
      return fail(ErrorCode::invalid_input, where + "variables ($NAME, $ENV::NAME) are not expanded; write the value");
    sections[current].push_back(std::move(entry));
  }
  return sections;
}

const std::vector<Entry>* section(const Sections& sections, std::string_view name) {
  const auto found = sections.find(name);
  return found == sections.end() ? nullptr : &found->second;
}

std::optional<std::string> value_of(const std::vector<Entry>& entries, std::string_view key) {
  for (const Entry& entry : entries)
    if (entry.key == key) return entry.value;
  return std::nullopt;
}

// "critical, digitalSignature, keyEncipherment" -> "digitalSignature,keyEncipherment".
std::string comma_list(std::string_view value) {
  std::string out;
  for (std::size_t start = 0; start <= value.size();) {
    const std::size_t end = std::min(value.find(',', start), value.size());
    const std::string item = trimmed(value.substr(start, end - start));
    start = end + 1;
    if (item.empty() || item == "critical") continue;
    out += (out.empty() ? "" : ",") + item;
  }
  return out;
}

// subjectAltName = DNS:a, IP:10.0.0.1 or @alt_names, whose DNS.1 = a, IP.2 = ... entries
// become "DNS:a,IP:...".
Result<std::string> subject_alt_names(const Sections& sections, const std::string& value, const std::string& path) {
  if (!value.starts_with('@')) return comma_list(value);
  const std::string name = trimmed(std::string_view(value).substr(1));
  const auto* entries = section(sections, name);
  if (entries == nullptr)
    return fail(ErrorCode::invalid_input, path + ": subjectAltName names the section [" + name + "], which is not there");
  std::string out;
  for (const Entry& entry : *entries) {
    const std::string kind = entry.key.substr(0, entry.key.find('.'));
    out += (out.empty() ? "" : ",") + kind + ":" + entry.value;
  }
  return out;
}

std::optional<std::size_t> number_of(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size()) return std::nullopt;
  return value;
}

}  // namespace

Result<OpensslReqConfig> read_openssl_req_config(const std::string& path) {
  auto sections = read_sections(path);
  if (!sections) return std::unexpected(sections.error());
  const auto* req = section(*sections, "req");
  if (req == nullptr) return fail(ErrorCode::invalid_input, path + ": no [req] section");
  OpensslReqConfig out;
  if (auto prompt = value_of(*req, "prompt"); prompt && (*prompt == "no" || *prompt == "false")) out.prompt = false;
  out.default_md = value_of(*req, "default_md");
  const std::string dn_name = value_of(*req, "distinguished_name").value_or("");
  const auto* dn = section(*sections, dn_name);
  if (dn == nullptr)
    return fail(ErrorCode::invalid_input, path + ": [req] distinguished_name names the section [" + dn_name +
                                              "], which is not there");
  for (const Entry& entry : *dn) {
    std::string key = entry.key;
    // openssl allows "0.organizationName" for a field given twice.
    if (const auto dot = key.find('.'); dot != std::string::npos && dot > 0 &&
                                        key.find_first_not_of("0123456789") == dot)
      key = key.substr(dot + 1);
    bool suffix = false;
    for (std::string_view ending : {"_default", "_min", "_max"}) {
      if (!key.ends_with(ending)) continue;
      suffix = true;
      const std::string field = key.substr(0, key.size() - ending.size());
      for (OpensslPromptField& known : out.fields) {
        if (known.type != field) continue;
        if (ending == "_default") known.default_value = entry.value;
        if (ending == "_min") known.min = number_of(entry.value);
        if (ending == "_max") known.max = number_of(entry.value);
      }
    }
    if (!suffix) out.fields.push_back({key, entry.value, std::nullopt, std::nullopt, std::nullopt});
  }
  if (auto extensions_name = value_of(*req, "req_extensions")) {
    const auto* extensions = section(*sections, *extensions_name);
    if (extensions == nullptr)
      return fail(ErrorCode::invalid_input, path + ": [req] req_extensions names the section [" + *extensions_name +
                                                "], which is not there");
    if (auto sans = value_of(*extensions, "subjectAltName")) {
      auto list = subject_alt_names(*sections, *sans, path);
      if (!list) return std::unexpected(list.error());
      out.subject_alt_names = std::move(*list);
    }
    if (auto usage = value_of(*extensions, "keyUsage")) out.key_usage = comma_list(*usage);
    if (auto usage = value_of(*extensions, "extendedKeyUsage")) out.extended_key_usage = comma_list(*usage);
  }
  return out;
}

}  // namespace polycert::cli
