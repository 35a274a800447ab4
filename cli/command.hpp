// The shape of a polycert subcommand and what every command shares: the session
// (backend choice, quietness), option parsing, error reporting and output writing.
#pragma once

#include <polycert/error.hpp>
#include <polycert/file_output.hpp>
#include <polycert/provider.hpp>
#include <polycert/secure_buffer.hpp>

#include <boost/program_options.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace polycert::cli {

namespace po = boost::program_options;

/// Exit statuses beyond polycert::exit_status(ErrorCode): see the README.
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 2;

/// State shared by the global options and the running command.
struct Session {
  std::string command;                  ///< "genkey"
  std::optional<std::string> backend;   ///< --backend on the command line, if given
  std::optional<std::string> configured_backend;  ///< from the config file, if any
  std::optional<std::string> config;    ///< --config FILE, if given
  bool max_kdf_iterations_given = false;  ///< --max-kdf-iterations before the command
  bool quiet = false;
  /// Options whose value came from the config file, not the command line ("passin").
  std::set<std::string, std::less<>> from_config;
  std::string resolved_backend;         ///< set once provider() succeeded
  bool backend_auto = false;            ///< resolved_backend was chosen by `auto`

  /// The backend asked for (--backend > POLYCERT_BACKEND > config) and where that was said;
  /// nullopt: the registry default.
  struct BackendRequest {
    enum class Source { option, environment, config };
    std::string name;
    Source source;
  };
  std::optional<BackendRequest> requested_backend() const;

  /// The selected backend (--backend > POLYCERT_BACKEND > config > default). `auto` picks
  /// the fastest backend for `operation` (a bench operation, "keygen:ec:P-256",
  /// "parse:cert") from the stored bench result (auto_backend.hpp); a command without one
  /// operation passes none and `auto` is then a usage error. Prints the error and returns
  /// nullptr (the command exits 2) if the name is unknown or the stored result malformed.
  std::unique_ptr<Provider> provider(std::string_view operation = {});
  /// The same, with the operation worked out only when `auto` needs it (reading a file).
  std::unique_ptr<Provider> provider(const std::function<std::string()>& operation);

  /// "openssl", or "openssl (auto)" when `auto` chose it: the tag in messages.
  std::string backend_label() const;

  /// Prints "polycert CMD [backend]: context: message" to stderr, through terminal_text
  /// (text.hpp) like every line below; returns the exit status.
  int report(const Error& error, std::string_view context = {}) const;
  /// The error's message and, for the facts core states (Error::remedy), the advice in the
  /// CLI's words: --force, --max-kdf-iterations, another backend that can do it.
  std::string describe(const Error& error) const;
  /// Prints a usage error and the hint to --help; returns 2.
  int usage_error(std::string_view message) const;
  /// Informational line on stderr, silenced by --quiet; one line, shown through
  /// terminal_text, so a name or file name in it cannot start another line or drive the
  /// terminal.
  void inform(std::string_view message) const;
};

/// Parses a --max-kdf-iterations value (1 to kMaxKdfIterations) and sets the process's cap
/// (set_max_kdf_iterations); false for anything else.
bool apply_max_kdf_iterations(std::string_view value);

/// The warning that a pass:TEXT password source (given to `option`, e.g. "--passin") can be
/// read by other users in the process list, through `session` or else the running
/// command's (so --quiet silences it), once per option. Nothing for any other source, nor
/// for a pass: the config file gave (it is not on the command line).
void warn_if_password_on_command_line(std::string_view option, std::string_view source,
                                      const Session* session = nullptr);

/// One subcommand. Each lives in its own file under cli/commands/.
class Command {
 public:
  virtual ~Command() = default;
  virtual std::string_view name() const = 0;
  /// One line for `polycert --help`.
  virtual std::string_view summary() const = 0;
  /// Synopsis after "Usage: polycert ", e.g. "genkey ALG [options]".
  virtual std::string_view synopsis() const = 0;
  /// Text after the option list in --help (may be empty).
  virtual std::string_view epilog() const { return {}; }
  /// The man page's EXAMPLES: lines of shell, a line starting with '#' saying what the
  /// next ones do (may be empty).
  virtual std::string_view examples() const { return {}; }
  virtual void add_options(po::options_description& options) = 0;
  virtual void add_positionals(po::positional_options_description&) {}
  /// Groups of options that exclude each other (req: key, new-key). A config file default
  /// for one of them is not applied when the command line gave another.
  virtual std::vector<std::vector<std::string_view>> alternatives() const { return {}; }
  /// Whether the key derivations of the inputs this command reads share one budget for the
  /// whole command (KdfCommandScope: kKdfCommandBudgetInCaps times --max-kdf-iterations).
  /// Only a command that reads what it wrote itself, over and over (bench), or runs a
  /// test over a manifest of files on every backend (conformance), says no: each input
  /// stays bounded on its own.
  virtual bool bounds_kdf_work() const { return true; }
  virtual int run(Session& session, const po::variables_map& values) = 0;
};

/// Every command, in the order `polycert --help` lists them.
std::vector<std::unique_ptr<Command>> all_commands();

/// A command's whole option table: its own options and the common ones, as --help, the man
/// pages and the completion scripts show them.
po::options_description full_options(Command& command);

/// Parses `args` (after the command name) with the command's and the common options,
/// then runs it. Handles --help and usage errors.
int run_command(Command& command, Session& session, std::span<const std::string> args);

/// Writes output to `path`, or to stdout when `path` is empty or "-". Binary data is not
/// written to a terminal.
Result<void> write_output(const std::string& path, ByteView data, FileMode mode, bool force,
                          bool binary);

/// The backends a comparing command (bench, conformance) runs: `list` (--backends,
/// comma-separated, or "all"; empty means all), or the one --backend named on the command
/// line (before or after the command; `global` is the one before). Names are checked
/// against the registry. $POLYCERT_BACKEND and a configured default backend choose what
/// other commands use; they do not narrow a comparison.
Result<std::vector<std::string>> backend_list(const std::string& list,
                                              const po::variables_map& values,
                                              const std::optional<std::string>& global);

/// A compiled-in backend as `polycert backends` and `--backend auto` describe it.
struct CompiledBackend {
  std::string name;
  std::string version;  ///< the library's version string
  Capabilities capabilities;
};

/// Every compiled-in backend, in registry order (a provider made once each).
std::vector<CompiledBackend> compiled_backends();

/// Before any work: an output file `path` (not "" or "-") must not exist unless `force`,
/// and its folder must exist.
Result<void> check_output_path(const std::string& path, bool force);

/// Colour on standard output: a terminal, and NO_COLOR unset or empty.
bool colour_on_stdout();

}  // namespace polycert::cli
