// `--backend auto`: for the operation a command is about to do, the fastest compiled-in
// backend that supports it, according to a stored `polycert bench --save` result (the
// JSON of docs/bench-json.md). Nothing is measured here; a missing result, a missing
// figure or a result from another build falls back to the default backend with a note,
// and a malformed file is an error naming it.
#pragma once

#include <polycert/error.hpp>
#include <polycert/key_spec.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polycert::cli {

struct CompiledBackend;  // command.hpp

/// The name that asks for automatic selection: --backend auto, POLYCERT_BACKEND=auto,
/// backend = auto in the config file.
inline constexpr std::string_view kAutoBackend = "auto";

/// Where `polycert bench --save` writes and `--backend auto` reads: $POLYCERT_BENCH_RESULT
/// if set and non-empty, else $XDG_CACHE_HOME/polycert/bench.json (an absolute
/// XDG_CACHE_HOME), else $HOME/.cache/polycert/bench.json. io error when there is no HOME.
Result<std::string> bench_result_path();

/// One backend's figure for one operation.
struct AutoFigure {
  std::string backend;
  double median_ns = 0;
};

/// What the stored result says about one operation: the compiled-in backends that
/// measured it and whose capability matrix supports it, fastest (lowest median) first.
struct AutoChoice {
  std::string op;  ///< canonical bench name: "keygen:ec:P-256"
  std::vector<AutoFigure> figures;
};

/// A stored bench result as this build sees it.
struct StoredBench {
  enum class State {
    missing,  ///< no file at `path`
    ignored,  ///< another build's (or a newer format's) figures: `why` says which
    usable,
  };
  State state = State::missing;
  std::string path;
  std::string date;                 ///< the run's date (usable and ignored)
  std::string why;                  ///< ignored: "FILE was measured with ..."
  std::vector<AutoChoice> choices;  ///< usable: one per measured operation, in file order
};

/// Reads and checks the stored result against this build's backends (`here`, from
/// compiled_backends(), which the caller may need too: making every provider is the
/// costly part). invalid_input (a usage problem for the CLI) when the file exists but is
/// not a well-formed polycert bench result: the message names the file and what is wrong.
Result<StoredBench> load_stored_bench(const std::vector<CompiledBackend>& here);

/// What `auto` means for `operation` (a bench operation name as --ops takes it, e.g.
/// "keygen:ec:P-256" or "parse:cert", which takes bench's default key spec).
struct AutoDecision {
  std::string backend;
  std::string op;                   ///< the canonical operation looked up
  std::optional<std::string> note;  ///< set when falling back to the default backend
};
Result<AutoDecision> choose_auto_backend(std::string_view operation);

/// "keygen:ec:P-256 -> openssl (median 18.2 µs; botan 1.9x, mbedtls 27x)".
std::string describe_choice(const AutoChoice& choice);

/// The key spec of an unencrypted private key in `path`, found by structure alone (no
/// backend), or nullopt when the file cannot tell (encrypted, unreadable, not a regular
/// file: standard input or a pipe is never read ahead, a size polycert does not generate). For choosing the bench operation only: the
/// command reads the file again and reports any problem itself.
std::optional<KeySpec> private_key_spec(const std::string& path);

/// The bench operation for a command that reads `files`: what the first object of the first
/// file is (parse:cert, parse:key[:SPEC], parse:pkcs12, parse:pkcs7), or `fallback` for
/// anything else and when that cannot be told without reading ahead of the command (standard
/// input, a pipe).
std::string reading_operation(const std::vector<std::string>& files, std::string_view fallback);

}  // namespace polycert::cli
