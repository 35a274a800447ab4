#include "command.hpp"
#include "token_keys.hpp"

#include "auto_backend.hpp"
#include "config.hpp"

#include <polycert/registry.hpp>
#include <polycert/password.hpp>

#include <sys/ioctl.h>
#include <unistd.h>

#include "openssl_spellings.hpp"
#include <polycert/primitives.hpp>
#include <polycert/text.hpp>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <cstdlib>
#include <cstdio>
#include <iostream>
#include <set>
#include <sstream>
#include <unistd.h>

namespace polycert::cli {

namespace {

// Exact long options only: "--forc" must not silently mean "--force".
constexpr int kStyle = po::command_line_style::default_style &
                       ~po::command_line_style::allow_guessing;

// The session of the command that runs, for warnings from code that has none at hand.
const Session* running_session = nullptr;

void add_common_options(po::options_description& options) {
  options.add_options()
      ("backend", po::value<std::string>()->value_name("NAME"),
       "crypto backend, or auto: the fastest for the operation by 'polycert bench --save' "
       "(else $POLYCERT_BACKEND, else the default)")
      ("max-kdf-iterations", po::value<std::string>()->value_name("N"),
       ("refuse password-protected inputs asking for more than N key derivation iterations "
        "(default " + std::to_string(kDefaultMaxKdfIterations) + ")").c_str())
      ("config", po::value<std::string>()->value_name("FILE"),
       "read defaults from FILE (else $XDG_CONFIG_HOME/polycert/config)")
      ("pin", po::value<std::string>()->value_name("SRC"),
       "PIN of the token a pkcs11: URI names (pass:, env:, file:, fd: or stdin; else the URI's "
       "pin-source, else asked on a terminal)")
      ("quiet,q", po::bool_switch(), "no informational messages")
      ("help,h", "show this help");
}

// The width help is laid out for: $COLUMNS, else the terminal's, else 80 (at least 80,
// at most 240), so that values are not wrapped in the middle on a wide terminal.
unsigned help_columns() {
  unsigned columns = 0;
  if (const char* set = std::getenv("COLUMNS"); set != nullptr) {
    const std::string_view text(set);
    std::from_chars(text.data(), text.data() + text.size(), columns);
  }
  if (columns == 0) {
    winsize size{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0) columns = size.ws_col;
  }
  return std::clamp(columns == 0 ? 80u : columns, 80u, 240u);
}

void print_help(const Command& command, const po::options_description& options) {
  std::cout << "Usage: polycert " << command.synopsis() << "\n\n"
            << command.summary() << "\n\n"
            << options;
  if (!command.epilog().empty()) std::cout << "\n" << command.epilog();
}

}  // namespace

std::optional<Session::BackendRequest> Session::requested_backend() const {
  using Source = BackendRequest::Source;
  if (backend) return BackendRequest{*backend, Source::option};
  if (const char* environment = std::getenv("POLYCERT_BACKEND");
      environment != nullptr && *environment != '\0')
    return BackendRequest{environment, Source::environment};
  if (configured_backend) return BackendRequest{*configured_backend, Source::config};
  return std::nullopt;
}

std::unique_ptr<Provider> Session::provider(std::string_view operation) {
  return provider([operation] { return std::string(operation); });
}

std::unique_ptr<Provider> Session::provider(const std::function<std::string()>& operation_hint) {
  const auto request = requested_backend();
  std::string name;
  if (request && request->name == kAutoBackend) {
    const std::string operation = operation_hint();
    using Source = BackendRequest::Source;
    std::string origin = "backend = auto (config file)";
    if (request->source == Source::option) origin = "--backend auto";
    if (request->source == Source::environment) origin = "POLYCERT_BACKEND=auto";
    if (operation.empty()) {
      std::cerr << "polycert " << command << ": " << origin << ": " << command
                << " has no single operation to choose a backend for; name one\n";
      return nullptr;
    }
    auto decision = choose_auto_backend(operation);
    if (!decision) {
      std::cerr << "polycert " << command << ": " << origin << ": "
                << terminal_text(decision.error().message) << "\n";
      return nullptr;
    }
    if (decision->note) inform("polycert " + command + ": " + origin + ": " + *decision->note);
    name = decision->backend;
  } else {
    const bool from_environment =
        request && request->source == BackendRequest::Source::environment;
    auto resolved =
        backends::resolve_name(backend || from_environment ? backend : configured_backend);
    if (!resolved) {
      std::cerr << "polycert " << command << ": " << terminal_text(resolved.error().message)
                << "\n";
      return nullptr;
    }
    name = *resolved;
  }
  auto made = backends::make_provider(name);
  if (!made) {
    std::cerr << "polycert " << command << ": " << terminal_text(made.error().message) << "\n";
    return nullptr;
  }
  resolved_backend = name;
  backend_auto = request && request->name == kAutoBackend;
  return std::move(*made);
}

std::string Session::backend_label() const {
  return backend_auto ? resolved_backend + " (auto)" : resolved_backend;
}

int Session::report(const Error& error, std::string_view context) const {
  std::cerr << "polycert " << command;
  if (!resolved_backend.empty()) std::cerr << " [" << backend_label() << "]";
  std::cerr << ": ";
  if (!context.empty()) std::cerr << terminal_text(context) << ": ";
  std::cerr << terminal_text(describe(error)) << "\n";
  return exit_status(error.code);
}

std::string Session::describe(const Error& error) const {
  switch (error.remedy) {
    case Remedy::none: break;
    case Remedy::allow_overwrite: return error.message + "; use --force to replace it";
    case Remedy::raise_kdf_limit:
      return error.message + " (raise it with --max-kdf-iterations N only for a file you trust)";
    case Remedy::built_in_limit:
      return error.message + " (docs/limits.md: why, and how to raise it in a build)";
    case Remedy::other_backend:
      for (std::string_view name : backends::available()) {
        if (name == resolved_backend) continue;
        auto other = backends::make_provider(name);
        if (other && (*other)->capabilities().supports(Operation::cipher, error.subject))
          return error.message + "; the " + std::string(name) + " backend reads it (--backend " +
                 std::string(name) + ")";
      }
      return error.message + "; no compiled-in backend reads it";
  }
  return error.message;
}

int Session::usage_error(std::string_view message) const {
  std::cerr << "polycert " << command << ": " << terminal_text(message) << "\n"
            << "Try 'polycert " << command << " --help'.\n";
  return kExitUsage;
}

void Session::inform(std::string_view message) const {
  if (!quiet) std::cerr << terminal_text(message) << "\n";
}

po::options_description full_options(Command& command) {
  const unsigned columns = help_columns();
  po::options_description options("Options", columns, columns / 2);
  command.add_options(options);
  add_common_options(options);
  return options;
}

int run_command(Command& command, Session& session, std::span<const std::string> args) {
  po::options_description options = full_options(command);
  po::positional_options_description positionals;
  command.add_positionals(positionals);

  po::variables_map values;
  std::optional<Config> config;
  try {
    po::store(po::command_line_parser(std::vector<std::string>(args.begin(), args.end()))
                  .options(options)
                  .positional(positionals)
                  .style(kStyle)
                  .run(),
              values);
    if (values.count("help")) {
      print_help(command, options);
      return kExitOk;
    }
    if (values.count("config")) session.config = values["config"].as<std::string>();
    // A config problem is a usage error (exit 2) that names file:line; --help would not help.
    auto config_problem = [&](const Error& error) {
      std::cerr << "polycert " << session.command << ": " << terminal_text(error.message) << "\n";
      return kExitUsage;
    };
    if (auto loaded = load_config(session.config); !loaded) {
      return config_problem(loaded.error());
    } else if (*loaded) {
      config = std::move(**loaded);
      std::set<std::string, std::less<>> given;
      for (const auto& [key, value] : values)
        if (!value.defaulted()) given.insert(key);
      if (auto applied = apply_config(*config, command, options, values); !applied)
        return config_problem(applied.error());
      for (const auto& [key, value] : values)
        if (!value.defaulted() && !given.contains(key)) session.from_config.insert(key);
    }
    po::notify(values);
  } catch (const po::too_many_positional_options_error&) {
    return session.usage_error("too many arguments");
  } catch (const po::unknown_option& e) {
    std::string message = e.what();
    if (auto spelling = polycert_spelling_of_option(e.get_option_name(), options))
      message += "; polycert spells it " + *spelling;
    return session.usage_error(message);
  } catch (const po::error& e) {
    return session.usage_error(e.what());
  }
  // A password typed where a source goes (--passin Secr3t!) is a usage error, exit 2,
  // caught before anything is read or written; the value is never echoed.
  for (const char* option : {"passin", "passout", "pin"})
    if (values.count(option) != 0 && !values[option].defaulted())
      if (auto source = check_password_source(values[option].as<std::string>()); !source)
        return session.usage_error("--" + std::string(option) + ": " + source.error().message);
  if (values.count("backend")) session.backend = values["backend"].as<std::string>();
  set_pin_source(values.count("pin") ? values["pin"].as<std::string>() : std::string());
  std::optional<std::string> max_kdf_iterations;
  if (values.count("max-kdf-iterations"))
    max_kdf_iterations = values["max-kdf-iterations"].as<std::string>();
  if (config) {
    // Command line > environment > config (Session::provider applies the order).
    session.configured_backend = config_backend(*config, command.name());
    if (!max_kdf_iterations && !session.max_kdf_iterations_given)
      max_kdf_iterations = config_global(*config, "max-kdf-iterations");
    if (auto quiet = config_global(*config, "quiet"); quiet && switch_value(*quiet).value_or(false))
      session.quiet = true;
  }
  if (max_kdf_iterations && !apply_max_kdf_iterations(*max_kdf_iterations))
    return session.usage_error("--max-kdf-iterations needs a number from 1 to " +
                               std::to_string(kMaxKdfIterations));
  running_session = &session;
  if (values["quiet"].as<bool>()) session.quiet = true;
  // The work every input may ask for is bounded per input in core; this bounds the
  // command's inputs together (match --dir over a folder of hostile keys, say).
  std::optional<KdfCommandScope> kdf_budget;
  if (command.bounds_kdf_work()) kdf_budget.emplace();
  return command.run(session, values);
}

bool apply_max_kdf_iterations(std::string_view value) {
  std::uint32_t limit = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), limit);
  if (ec != std::errc{} || end != value.data() + value.size() || limit == 0 ||
      limit > kMaxKdfIterations)
    return false;
  set_max_kdf_iterations(limit);
  return true;
}

void warn_if_password_on_command_line(std::string_view option, std::string_view source,
                                      const Session* session) {
  static std::set<std::string, std::less<>> warned;
  if (!password_on_command_line(source) || warned.contains(option)) return;
  if (session == nullptr) session = running_session;
  // A pass: from the config file is not in the process list ("--passin" is "passin" there).
  const std::string_view name = option.starts_with("--") ? option.substr(2) : option;
  if (session != nullptr && session->from_config.contains(name)) return;
  warned.emplace(option);
  const std::string message = "warning: " + std::string(option) +
                              " pass: puts the password where other users can see it (the "
                              "process list); prefer env:, file:, fd: or stdin";
  if (session != nullptr)
    session->inform(message);
  else
    std::cerr << message << "\n";
}

Result<void> write_output(const std::string& path, ByteView data, FileMode mode, bool force,
                          bool binary) {
  if (!path.empty() && path != "-") return write_file_atomic(path, data, mode, force);
  if (binary && ::isatty(STDOUT_FILENO))
    return fail(ErrorCode::io, "refusing to write binary DER to a terminal; use -o FILE");
  if (std::fwrite(data.data(), 1, data.size(), stdout) != data.size() || std::fflush(stdout) != 0)
    return fail(ErrorCode::io, "cannot write to standard output");
  return {};
}

namespace {

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    items.push_back(
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) return items;
    start = comma + 1;
  }
}

}  // namespace

std::vector<CompiledBackend> compiled_backends() {
  std::vector<CompiledBackend> list;
  for (auto name : backends::available()) {
    auto provider = backends::make_provider(name);
    if (!provider) continue;  // cannot happen: the name comes from the registry
    list.push_back(
        {std::string(name), (*provider)->library_version(), (*provider)->capabilities()});
  }
  return list;
}

Result<std::vector<std::string>> backend_list(const std::string& list_option,
                                              const po::variables_map& values,
                                              const std::optional<std::string>& global) {
  std::string list = list_option;
  std::optional<std::string> backend = global;
  if (values.count("backend")) backend = values["backend"].as<std::string>();
  if (backend) {
    if (!list.empty())
      return fail(ErrorCode::invalid_input, "give --backends LIST, not --backend as well");
    list = *backend;
  }
  if (backend == kAutoBackend)
    return fail(ErrorCode::invalid_input,
                "--backend auto picks one backend per operation for the other commands; this "
                "command compares backends: name them with --backends LIST, or all");
  std::vector<std::string> names;
  const auto available = backends::available();
  if (list.empty() || list == "all") {
    for (auto name : available) names.emplace_back(name);
    return names;
  }
  std::set<std::string> seen;
  for (const std::string& name : split_list(list)) {
    if (name == kAutoBackend)
      return fail(ErrorCode::invalid_input,
                  "--backends: auto picks one backend per operation for the other commands; "
                  "this command compares backends: name them, or all");
    if (std::find(available.begin(), available.end(), name) == available.end()) {
      std::string known;
      for (auto a : available) known += (known.empty() ? "" : ", ") + std::string(a);
      return fail(ErrorCode::invalid_input, "--backends: unknown backend '" + name +
                                                "'; compiled in: " + known + " (or all)");
    }
    if (!seen.insert(name).second)
      return fail(ErrorCode::invalid_input, "--backends: " + name + " is listed twice");
    names.push_back(name);
  }
  return names;
}

Result<void> check_output_path(const std::string& path, bool force) {
  if (path.empty() || path == "-") return {};
  std::error_code ec;
  if (!force && std::filesystem::exists(path, ec))
    return fail(ErrorCode::io, path + ": file exists; use --force to replace it");
  if (auto regular = refuse_replacing_special_file(path); !regular) return regular;
  const auto folder = std::filesystem::path(path).parent_path();
  if (!folder.empty() && !std::filesystem::is_directory(folder, ec))
    return fail(ErrorCode::io, path + ": no such folder " + folder.string());
  return {};
}

bool colour_on_stdout() {
  const char* no_colour = std::getenv("NO_COLOR");
  return ::isatty(STDOUT_FILENO) != 0 && (no_colour == nullptr || *no_colour == '\0');
}

}  // namespace polycert::cli
