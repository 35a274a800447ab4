#include "config.hpp"

#include "prompt_settings.hpp"

#include <polycert/file_output.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace polycert::cli {

namespace {

constexpr std::string_view kDefaultSection = "default";
constexpr std::string_view kGlobalKeys[] = {"backend", "quiet", "max-kdf-iterations"};

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

std::string where(const Config& config, int line) {
  return config.path + ":" + std::to_string(line);
}

std::unexpected<Error> config_error(const Config& config, int line, const std::string& what) {
  return fail(ErrorCode::invalid_input, where(config, line) + ": " + what);
}

Result<Config> parse(std::string path, std::string_view text) {
  Config config{std::move(path), {}};
  ConfigSection* section = nullptr;
  int number = 0;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = trim(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
    ++number;
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      if (line.back() != ']' || line.size() < 3)
        return config_error(config, number, "a section header is [name]");
      std::string name(trim(line.substr(1, line.size() - 2)));
      auto existing = std::find_if(config.sections.begin(), config.sections.end(),
                                   [&](const ConfigSection& s) { return s.name == name; });
      section = existing != config.sections.end()
                    ? &*existing
                    : &config.sections.emplace_back(ConfigSection{std::move(name), number, {}});
      continue;
    }
    const std::size_t equals = line.find('=');
    if (equals == std::string_view::npos)
      return config_error(config, number, "expected 'key = value', [section] or a # comment");
    if (section == nullptr)
      return config_error(config, number, "'" + std::string(trim(line.substr(0, equals))) +
                                              "' comes before any [section]");
    std::string key(trim(line.substr(0, equals)));
    std::string_view raw = trim(line.substr(equals + 1));
    if (key.empty()) return config_error(config, number, "a key is missing before '='");
    std::string value;
    if (raw.size() >= 2 && raw.front() == '"') {
      // Quoted: kept as written, '#' included; a comment may follow the closing quote.
      const std::size_t close = raw.find('"', 1);
      const std::string_view after = close == std::string_view::npos ? "" : trim(raw.substr(close + 1));
      if (close == std::string_view::npos || !(after.empty() || after.front() == '#'))
        return config_error(config, number, "a quoted value ends with '\"' (then at most a # comment)");
      value = std::string(raw.substr(1, close - 1));
    } else {
      // Unquoted: a '#' after a blank starts a comment.
      for (std::size_t i = 1; i < raw.size(); ++i)
        if (raw[i] == '#' && (raw[i - 1] == ' ' || raw[i - 1] == '\t')) {
          raw = trim(raw.substr(0, i));
          break;
        }
      value = std::string(raw);
    }
    section->entries.push_back({std::move(key), std::move(value), number});
  }
  return config;
}

Result<bool> parse_switch(const Config& config, const ConfigEntry& entry) {
  if (auto on = switch_value(entry.value)) return *on;
  return config_error(config, entry.line,
                      entry.key + " is a switch: true or false, not '" + entry.value + "'");
}

bool given_on_command_line(const po::variables_map& values, std::string_view option) {
  auto it = values.find(std::string(option));
  return it != values.end() && !it->second.defaulted();
}

}  // namespace

const ConfigSection* Config::find(std::string_view section) const {
  for (const auto& s : sections)
    if (s.name == section) return &s;
  return nullptr;
}

std::string config_path(const std::optional<std::string>& explicit_path) {
  if (explicit_path) return *explicit_path;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg == '/')
    return std::string(xdg) + "/polycert/config";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    return std::string(home) + "/.config/polycert/config";
  return {};
}

Result<std::optional<Config>> load_config(const std::optional<std::string>& explicit_path) {
  const std::string path = config_path(explicit_path);
  if (path.empty()) return std::nullopt;
  std::error_code ec;
  if (!explicit_path && !std::filesystem::exists(path, ec)) return std::nullopt;
  auto bytes = read_file(path);
  if (!bytes) {
    Error error = bytes.error();
    error.message = "config: " + error.message;
    return std::unexpected(error);
  }
  auto config = parse(path, as_text(*bytes));
  if (!config) return std::unexpected(config.error());
  return std::optional<Config>(std::move(*config));
}

Result<void> apply_config(const Config& config, Command& command,
                          const po::options_description& options, po::variables_map& values) {
  if (const ConfigSection* defaults = config.find(kDefaultSection))
    for (const auto& entry : defaults->entries) {
      if (std::find(std::begin(kGlobalKeys), std::end(kGlobalKeys), entry.key) == std::end(kGlobalKeys))
        return config_error(config, entry.line,
                            "[default] holds backend, quiet and max-kdf-iterations; '" + entry.key +
                                "' belongs in a command's section");
      if (entry.key == "quiet")
        if (auto on = parse_switch(config, entry); !on) return std::unexpected(on.error());
    }
  // A section that names no command is a typo that would silently change nothing.
  const auto commands = all_commands();
  for (const auto& known : config.sections) {
    if (known.name == kDefaultSection) continue;
    const bool found = std::any_of(commands.begin(), commands.end(),
                                   [&](const auto& c) { return c->name() == known.name; });
    if (!found) {
      return config_error(config, known.line, "[" + known.name + "] is not a polycert command");
    }
  }
  const ConfigSection* section = config.find(command.name());
  if (section == nullptr) return {};

  const auto alternatives = command.alternatives();
  std::vector<std::string> args;
  for (const auto& entry : section->entries) {
    // req's prompt settings (countryName_default...) are read by the prompts themselves.
    if (command.name() == "req" && is_prompt_setting(entry.key)) continue;
    const po::option_description* option = options.find_nothrow(entry.key, false, false, false);
    if (option == nullptr || entry.key == "help")
      return config_error(config, entry.line,
                          "[" + section->name + "] '" + entry.key + "' is not an option of polycert " +
                              std::string(command.name()));
    if (entry.key == "backend") continue;  // config_backend(): the environment comes first
    if (given_on_command_line(values, entry.key)) continue;
    bool excluded = false;
    for (const auto& group : alternatives)
      if (std::find(group.begin(), group.end(), entry.key) != group.end())
        for (auto other : group)
          if (other != entry.key && given_on_command_line(values, other)) excluded = true;
    if (excluded) continue;
    if (option->semantic()->max_tokens() == 0) {
      auto on = parse_switch(config, entry);
      if (!on) return std::unexpected(on.error());
      if (*on) args.push_back("--" + entry.key);
    } else {
      args.push_back("--" + entry.key + "=" + entry.value);
    }
  }
  if (args.empty()) return {};
  try {
    const auto style = po::command_line_style::default_style &
                       ~po::command_line_style::allow_guessing;
    po::store(po::command_line_parser(args).options(options).style(style).run(), values);
  } catch (const po::error& e) {
    return fail(ErrorCode::invalid_input, config.path + ": [" + section->name + "] " + e.what());
  }
  return {};
}

std::optional<std::string> config_backend(const Config& config, std::string_view command) {
  for (std::string_view name : {command, kDefaultSection})
    if (const ConfigSection* section = config.find(name))
      for (auto it = section->entries.rbegin(); it != section->entries.rend(); ++it)
        if (it->key == "backend") return it->value;
  return std::nullopt;
}

std::optional<bool> switch_value(std::string_view v) {
  if (v == "true" || v == "yes" || v == "on" || v == "1") return true;
  if (v == "false" || v == "no" || v == "off" || v == "0") return false;
  return std::nullopt;
}

std::optional<std::string> config_global(const Config& config, std::string_view key) {
  if (const ConfigSection* section = config.find(kDefaultSection))
    for (auto it = section->entries.rbegin(); it != section->entries.rend(); ++it)
      if (it->key == key) return it->value;
  return std::nullopt;
}

}  // namespace polycert::cli
