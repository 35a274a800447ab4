#include "documentation.hpp"

#include <polycert/registry.hpp>
#include <polycert/key_spec.hpp>
#include <polycert/primitives.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <sstream>

namespace polycert::cli {

namespace {

constexpr std::string_view kManual = "polycert manual";
constexpr std::string_view kProductVersion = "polycert 0.1.0";

// ---- roff -------------------------------------------------------------------------------

// Text for a roff line: backslashes doubled as \e, hyphens as \- (so they stay ASCII
// hyphen-minus when copied from a rendered page), a break point allowed after each comma
// (long lists such as an --ops default), non-ASCII characters as \[uXXXX] (groff reads
// ASCII), and a leading . or ' made literal.
std::string roff(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x80) {
      // UTF-8 from our own string literals: a lead byte and its continuation bytes.
      const int extra = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : 1;
      char32_t code = byte & (0x3F >> extra);
      for (int k = 0; k < extra && i + 1 < text.size(); ++k)
        code = (code << 6) | (static_cast<unsigned char>(text[++i]) & 0x3F);
      char escaped[16];
      std::snprintf(escaped, sizeof escaped, "\\[u%04X]", static_cast<unsigned>(code));
      out += escaped;
    } else if (byte == '\\') {
      out += "\\e";
    } else if (byte == '-') {
      out += "\\-";
    } else if (byte == ',') {
      out += ",\\:";
    } else {
      out += static_cast<char>(byte);
    }
  }
  if (!out.empty() && (out.front() == '.' || out.front() == '\'')) out.insert(0, "\\&");
  return out;
}

// The lines of a --help text, without their newlines.
std::vector<std::string_view> lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    out.push_back(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return out;
}

// A block of --help text as roff paragraphs: lines that continue a sentence are filled,
// a blank line starts a new paragraph, and indented lines (examples) are kept as they are.
void paragraphs(std::ostringstream& out, std::string_view text) {
  bool literal = false;
  for (std::string_view line : lines(text)) {
    const bool indented = line.starts_with("  ");
    if (line.empty()) {
      if (literal) out << ".fi\n";
      literal = false;
      out << ".PP\n";
      continue;
    }
    if (indented && !literal) {
      out << ".PP\n.nf\n";
      literal = true;
    } else if (!indented && literal) {
      out << ".fi\n.PP\n";
      literal = false;
    }
    out << roff(line) << "\n";
  }
  if (literal) out << ".fi\n";
}

void option_entry(std::ostringstream& out, const OptionDoc& option) {
  out << ".TP\n";
  if (option.short_name != 0) out << "\\fB\\-" << option.short_name << "\\fR, ";
  out << "\\fB\\-\\-" << roff(option.long_name) << "\\fR";
  if (!option.value_name.empty()) out << " \\fI" << roff(option.value_name) << "\\fR";
  out << "\n" << roff(option.description);
  if (!option.default_value.empty()) out << " (default: " << roff(option.default_value) << ")";
  out << "\n";
}

void exit_status_section(std::ostringstream& out) {
  out << ".SH EXIT STATUS\n";
  for (const auto& [status, meaning] : exit_statuses())
    out << ".TP\n.B " << status << "\n" << roff(meaning) << "\n";
}

void environment_section(std::ostringstream& out) {
  out << ".SH ENVIRONMENT\n"
         ".TP\n.B POLYCERT_BACKEND\n"
         "The backend to use when \\fB\\-\\-backend\\fR is not given (a name, or auto).\n"
         ".TP\n.B POLYCERT_BENCH_RESULT\n"
         "The stored \\fBpolycert bench \\-\\-save\\fR result that \\fB\\-\\-backend auto\\fR "
         "reads and \\fB\\-\\-save\\fR writes, instead of "
         "$XDG_CACHE_HOME/polycert/bench.json (else ~/.cache/polycert/bench.json).\n"
         ".TP\n.B NO_COLOR\n"
         "When set, output is never coloured (colour is only ever used on a terminal).\n";
}

// A --help synopsis may hold several forms, one per line ("genkey ALG ...\n  polycert
// genkey ALG --count N ..."): one roff line each.
void synopsis(std::ostringstream& out, std::string_view text) {
  bool first = true;
  for (std::string_view line : lines(text)) {
    while (line.starts_with(' ')) line.remove_prefix(1);
    if (line.starts_with("polycert ")) line.remove_prefix(9);
    if (line.empty()) continue;
    out << (first ? "" : ".br\n") << ".B polycert\n" << roff(line) << "\n";
    first = false;
  }
}

void header(std::ostringstream& out, std::string_view page) {
  std::string upper(page);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  out << ".TH " << roff(upper) << " 1 \"\" \"" << kProductVersion << "\" \"" << kManual << "\"\n";
  // Option names and file names must survive as typed: no hyphenation, no justification.
  out << ".nh\n.ad l\n";
}

// ---- shells -----------------------------------------------------------------------------

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::string backend_words() {
  std::vector<std::string> names;
  for (auto name : backends::available()) names.emplace_back(name);
  return join(names);
}

std::vector<std::string> spellings(const OptionDoc& option) {
  std::vector<std::string> words{"--" + option.long_name};
  if (option.short_name != 0) words.push_back(std::string("-") + option.short_name);
  return words;
}

// What a shell offers for an option's value, decided once for both shells.
struct ValueCompletion {
  enum Kind { nothing, fixed_words, files, directories } kind = nothing;
  std::vector<std::string> words;
};

ValueCompletion value_completion(const OptionDoc& option,
                                 const std::vector<std::unique_ptr<Command>>& commands) {
  const std::string& name = option.value_name;
  if (option.long_name == "backend") {
    ValueCompletion backends_only{ValueCompletion::fixed_words, {}};
    for (auto backend : backends::available()) backends_only.words.emplace_back(backend);
    backends_only.words.emplace_back("auto");
    return backends_only;
  }
  if (auto choices = option.choices(); !choices.empty()) return {ValueCompletion::fixed_words, choices};
  if (name == "FILE" || name == "FILE...") return {ValueCompletion::files, {}};
  if (name == "DIR") return {ValueCompletion::directories, {}};
  if (name == "SRC") return {ValueCompletion::fixed_words, {"pass:", "env:", "file:", "fd:", "stdin"}};
  if (name == "ALG") {
    ValueCompletion specs{ValueCompletion::fixed_words, {}};
    for (const auto& spec : kGeneratableKeySpecs) specs.words.push_back(to_string(spec));
    return specs;
  }
  if (name == "COMMAND") {
    ValueCompletion names{ValueCompletion::fixed_words, {}};
    for (const auto& command : commands) names.words.emplace_back(command->name());
    return names;
  }
  return {};
}

// What the first positional argument of a command takes, if it has one.
ValueCompletion first_positional(Command& command, const std::vector<OptionDoc>& options,
                                 const std::vector<std::unique_ptr<Command>>& commands) {
  po::positional_options_description positionals;
  command.add_positionals(positionals);
  if (positionals.max_total_count() == 0) return {};
  const std::string& name = positionals.name_for_position(0);
  for (const auto& option : options)
    if (option.long_name == name) return value_completion(option, commands);
  return {};
}

// A bash case arm body.
std::string bash_value_completion(const ValueCompletion& values) {
  switch (values.kind) {
    case ValueCompletion::fixed_words:
      return "COMPREPLY=($(compgen -W \"" + join(values.words) + "\" -- \"$cur\"))";
    case ValueCompletion::files:
      return "COMPREPLY=($(compgen -f -- \"$cur\"))";
    case ValueCompletion::directories:
      return "COMPREPLY=($(compgen -d -- \"$cur\"))";
    case ValueCompletion::nothing:
      break;
  }
  return "COMPREPLY=()";
}

std::string bash_script(const std::vector<std::unique_ptr<Command>>& commands) {
  std::ostringstream out;
  // The words come from COMP_LINE split at blanks rather than from COMP_WORDS, which bash
  // also splits at ':' (so "ec:P-256" would be three words); completions are then trimmed
  // back to what bash replaces, the text after the last ':'.
  out << "# bash completion for polycert (generated by `polycert completion bash`).\n"
         "__polycert_reply() {\n"
         "  local line=\"${COMP_LINE:0:COMP_POINT}\"\n"
         "  local -a words\n"
         "  read -ra words <<< \"$line\"\n"
         "  if [[ -z \"$line\" || \"$line\" == *[[:space:]] ]]; then words+=(\"\"); fi\n"
         "  local cword=$((${#words[@]} - 1))\n"
         "  cur=\"${words[cword]}\"\n"
         "  local prev=\"${words[cword-1]}\"\n"
         "  local i command=\"\" command_at=0\n"
         "  for ((i = 1; i < cword; i++)); do\n"
         "    case \"${words[i]}\" in\n";
  std::string valued_globals;
  for (const auto& option : global_options())
    if (!option.value_name.empty())
      for (auto& word : spellings(option)) valued_globals += (valued_globals.empty() ? "" : "|") + word;
  out << "      " << valued_globals << ") ((i++)) ;;\n"
         "      -*) ;;\n"
         "      *) command=\"${words[i]}\"; command_at=$i; break ;;\n"
         "    esac\n"
         "  done\n"
         "  if [[ -z \"$command\" ]]; then\n"
         "    case \"$prev\" in\n";
  for (const auto& option : global_options()) {
    if (option.value_name.empty()) continue;
    out << "      --" << option.long_name << ") "
        << bash_value_completion(value_completion(option, commands)) << "; return ;;\n";
  }
  out << "    esac\n"
         "    if [[ \"$cur\" == -* ]]; then\n";
  std::vector<std::string> globals;
  for (const auto& option : global_options())
    for (auto& word : spellings(option)) globals.push_back(word);
  out << "      COMPREPLY=($(compgen -W \"" << join(globals) << "\" -- \"$cur\"))\n"
         "    else\n";
  std::vector<std::string> names{"help"};
  for (const auto& command : commands) names.emplace_back(command->name());
  out << "      COMPREPLY=($(compgen -W \"" << join(names) << "\" -- \"$cur\"))\n"
         "    fi\n"
         "    return\n"
         "  fi\n"
         "  case \"$command\" in\n"
         "    help) COMPREPLY=($(compgen -W \"" << join(names) << "\" -- \"$cur\")); return ;;\n";
  for (const auto& command : commands) {
    const auto options = describe(full_options(*command));
    out << "    " << command->name() << ")\n"
        << "      case \"$prev\" in\n";
    for (const auto& option : options) {
      if (option.value_name.empty()) continue;
      std::string pattern;
      for (auto& word : spellings(option)) pattern += (pattern.empty() ? "" : "|") + word;
      out << "        " << pattern << ") "
          << bash_value_completion(value_completion(option, commands)) << "; return ;;\n";
    }
    std::vector<std::string> words;
    for (const auto& option : options)
      for (auto& word : spellings(option)) words.push_back(word);
    out << "      esac\n"
        << "      if [[ \"$cur\" == -* ]]; then\n"
        << "        COMPREPLY=($(compgen -W \"" << join(words) << "\" -- \"$cur\"))\n";
    // The first argument after the command may have its own words (genkey ALG, completion
    // bash|zsh); later arguments are files.
    if (auto first = first_positional(*command, options, commands);
        first.kind == ValueCompletion::fixed_words)
      out << "      elif ((cword == command_at + 1)); then\n"
          << "        " << bash_value_completion(first) << "\n";
    out << "      else\n"
        << "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
        << "      fi\n"
        << "      ;;\n";
  }
  out << "  esac\n"
         "}\n"
         "_polycert() {\n"
         "  local cur\n"
         "  COMPREPLY=()\n"
         "  __polycert_reply\n"
         "  if [[ \"$cur\" == *:* && \"$COMP_WORDBREAKS\" == *:* ]]; then\n"
         "    local prefix=\"${cur%\"${cur##*:}\"}\" i\n"
         "    for i in \"${!COMPREPLY[@]}\"; do COMPREPLY[i]=\"${COMPREPLY[i]#\"$prefix\"}\"; done\n"
         "  fi\n"
         "}\n"
         "complete -o filenames -o bashdefault -F _polycert polycert\n";
  return out.str();
}

// An _arguments spec field: the characters zsh gives meaning to inside [...] and after ':'
// escaped, then the whole spec single-quoted.
std::string zsh_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out;
}

// The part of an _arguments spec after the description: ":NAME:ACTION".
std::string zsh_action(const OptionDoc& option,
                       const std::vector<std::unique_ptr<Command>>& commands) {
  if (option.value_name.empty()) return "";
  const std::string message = ":" + zsh_escape(option.value_name) + ":";
  const ValueCompletion values = value_completion(option, commands);
  switch (values.kind) {
    case ValueCompletion::fixed_words:
      return message + "(" + join(values.words) + ")";
    case ValueCompletion::files:
      return message + "_files";
    case ValueCompletion::directories:
      return message + "_directories";
    case ValueCompletion::nothing:
      break;
  }
  return message + " ";
}

void zsh_option_specs(std::ostringstream& out, const std::vector<OptionDoc>& options,
                      const std::vector<std::unique_ptr<Command>>& commands,
                      std::string_view indent) {
  for (const auto& option : options) {
    const std::string text =
        "[" + zsh_escape(option.description) + "]" + zsh_action(option, commands);
    if (option.short_name != 0)
      out << indent << "'(-" << option.short_name << " --" << option.long_name << ")'{-"
          << option.short_name << ",--" << option.long_name << "}'" << text << "' \\\n";
    else
      out << indent << "'--" << option.long_name << text << "' \\\n";
  }
}

std::string zsh_script(const std::vector<std::unique_ptr<Command>>& commands) {
  std::ostringstream out;
  out << "#compdef polycert\n"
         "# zsh completion for polycert (generated by `polycert completion zsh`).\n"
         "_polycert() {\n"
         "  local curcontext=\"$curcontext\" state line\n"
         "  local -a commands\n"
         "  commands=(\n";
  for (const auto& command : commands)
    out << "    '" << command->name() << ":" << zsh_escape(command->summary()) << "'\n";
  out << "    'help:show the help of a command'\n"
         "  )\n"
         "  _arguments -C \\\n";
  zsh_option_specs(out, global_options(), commands, "    ");
  out << "    '1:command:->command' \\\n"
         "    '*::argument:->argument'\n"
         "  case $state in\n"
         "    command) _describe -t commands 'polycert command' commands ;;\n"
         "    argument)\n"
         "      case $words[1] in\n"
         "        help) _describe -t commands 'polycert command' commands ;;\n";
  for (const auto& command : commands) {
    out << "        " << command->name() << ")\n"
        << "          _arguments \\\n";
    zsh_option_specs(out, describe(full_options(*command)), commands, "            ");
    out << "            '*:file:_files'\n"
        << "          ;;\n";
  }
  out << "      esac\n"
         "      ;;\n"
         "  esac\n"
         "}\n"
         "_polycert \"$@\"\n";
  return out.str();
}

}  // namespace

std::vector<std::string> OptionDoc::choices() const {
  std::vector<std::string> words;
  if (value_name.find('|') == std::string::npos) return words;
  // "LIST|all" is a placeholder and a word: not a fixed set.
  for (char c : value_name)
    if (std::isupper(static_cast<unsigned char>(c))) return words;
  std::size_t start = 0;
  while (start <= value_name.size()) {
    std::size_t end = value_name.find('|', start);
    if (end == std::string::npos) end = value_name.size();
    words.push_back(value_name.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

std::vector<OptionDoc> describe(const po::options_description& options) {
  std::vector<OptionDoc> docs;
  for (const auto& option : options.options()) {
    OptionDoc doc;
    doc.long_name = option->long_name();
    const std::string shown = option->canonical_display_name(po::command_line_style::allow_dash_for_short);
    if (shown.size() == 2 && shown[0] == '-') doc.short_name = shown[1];
    doc.description = option->description();
    const auto semantic = option->semantic();
    if (semantic->max_tokens() > 0) {
      // Boost spells a value as "NAME (=default)".
      std::string name = semantic->name();
      if (auto at = name.find(" (="); at != std::string::npos) {
        doc.default_value = name.substr(at + 3, name.size() - at - 4);
        name.resize(at);
      }
      doc.value_name = name;
    }
    docs.push_back(std::move(doc));
  }
  return docs;
}

const std::vector<OptionDoc>& global_options() {
  static const std::vector<OptionDoc> options = [] {
    std::string backends = "crypto backend: " + backend_words() +
                           ", or auto: the fastest for the operation by the stored "
                           "'polycert bench --save' result (else $POLYCERT_BACKEND, else the "
                           "first of these)";
    return std::vector<OptionDoc>{
        {"backend", 0, "NAME", "", backends},
        {"quiet", 'q', "", "", "no informational messages"},
        {"max-kdf-iterations", 0, "N", std::to_string(kDefaultMaxKdfIterations),
         "refuse password-protected inputs (PKCS#12, encrypted keys) asking for more than N "
         "key derivation iterations"},
        {"config", 0, "FILE", "",
         "read defaults from FILE (else $XDG_CONFIG_HOME/polycert/config, "
         "else ~/.config/polycert/config)"},
        {"allow-core", 0, "", "",
         "keep core dumps possible, for debugging (by default polycert turns them off: a core "
         "could hold a password or a key)"},
        {"version", 'V', "", "", "print the version and the compiled-in backends"},
        {"help", 'h', "", "", "show the help; 'polycert COMMAND --help' for a command"},
    };
  }();
  return options;
}

std::string options_help(const std::vector<OptionDoc>& options) {
  constexpr std::size_t kColumn = 26;
  constexpr std::size_t kWidth = 90;
  std::string out;
  for (const auto& option : options) {
    std::string row = "  ";
    if (option.short_name != 0) row += std::string("-") + option.short_name + ", ";
    row += "--" + option.long_name;
    if (!option.value_name.empty()) row += " " + option.value_name;
    if (row.size() + 1 >= kColumn) {
      out += row + "\n";
      row.clear();
    }
    row.resize(kColumn, ' ');
    std::string text = option.description;
    if (!option.default_value.empty()) text += " (default: " + option.default_value + ")";
    // Wrap at word boundaries, continuing under the description column.
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = start + (kWidth - kColumn);
      if (end >= text.size()) {
        end = text.size();
      } else if (std::size_t space = text.rfind(' ', end); space != std::string::npos && space > start) {
        end = space;
      }
      out += row + text.substr(start, end - start) + "\n";
      row.assign(kColumn, ' ');
      start = end;
      while (start < text.size() && text[start] == ' ') ++start;
    }
  }
  return out;
}

std::span<const ExitStatusDoc> exit_statuses() {
  static constexpr std::array<ExitStatusDoc, 7> kStatuses{{
      {0, "success"},
      {1, "other failure: I/O (file exists, folder missing, disk full), internal library error"},
      {2, "usage error: unknown command or option, missing or extra argument, bad option value"},
      {3, "invalid or malformed input"},
      {4, "wrong password or failed integrity check"},
      {5, "not supported by the selected backend"},
      {6, "mismatch or failed verification"},
  }};
  return kStatuses;
}

// EXAMPLES: the shell lines as they are (no filling), '#' lines as comments in them.
void examples_section(std::ostream& out, std::string_view examples) {
  if (examples.empty()) return;
  out << ".SH EXAMPLES\n.nf\n";
  for (std::size_t start = 0; start < examples.size();) {
    const std::size_t end = std::min(examples.find('\n', start), examples.size());
    out << roff(examples.substr(start, end - start)) << "\n";
    start = end + 1;
  }
  out << ".fi\n";
}

// The two gateway workflows polycert was made for, end to end (README, "Commands").
constexpr std::string_view kGatewayWorkflows =
    "# An API gateway's key and request, the subject typed at the prompts\n"
    "polycert genkey rsa:2048 -o api.key\n"
    "polycert req --key api.key -o api.csr\n"
    "# ... the CA returns api.crt and its chain as ca.p7b\n"
    "polycert match api.crt api.key\n"
    "polycert convert ca.p7b --to pem -o ca.pem\n"
    "polycert chain api.crt ca.pem -o chain.crt\n"
    "polycert convert api.key chain.crt --to p12 --passout env:PFXPASS -o api.p12\n"
    "\n"
    "# The same with the subject on the command line, and a vendor's PFX taken apart\n"
    "polycert genkey rsa:2048 -o server.key\n"
    "polycert req --key server.key --batch --san DNS:api.example.com \\\n"
    "    --subject '/C=US/ST=California/L=Mountain View/O=WSO2/OU=IT/CN=api.example.com' -o server.csr\n"
    "polycert convert vendor.pfx --passin env:PFXPASS --key-only --to pem -o server.key\n"
    "polycert convert vendor.pfx --passin env:PFXPASS --leaf-only -o server.pem\n"
    "polycert convert vendor.pfx --passin env:PFXPASS --ca-only -o ca.pem\n"
    "polycert chain server.pem ca.pem -o chain.crt\n"
    "polycert verify chain.crt --host api.example.com --backends all";

std::string main_man_page(const std::vector<std::unique_ptr<Command>>& commands) {
  std::ostringstream out;
  header(out, "polycert");
  out << ".SH NAME\npolycert \\- keys, CSRs and certificates over OpenSSL, Botan and Mbed TLS alike\n"
         ".SH SYNOPSIS\n"
         ".B polycert\n[\\fB\\-\\-backend\\fR \\fINAME\\fR] [\\fB\\-\\-quiet\\fR] \\fICOMMAND\\fR "
         "[\\fIoptions\\fR]\n"
         ".br\n.B polycert\n\\fB\\-\\-version\\fR | \\fB\\-\\-help\\fR | \\fBhelp\\fR \\fICOMMAND\\fR\n"
         ".SH DESCRIPTION\n"
         "polycert generates private keys, builds certificate signing requests, and reads, "
         "checks and converts certificates and keys in the formats certificate authorities "
         "hand around. Every command works the same on each compiled-in backend ("
      << roff(backend_words()) << ").\n"
      << ".SH COMMANDS\n";
  for (const auto& command : commands)
    out << ".TP\n.BR polycert\\-" << roff(command->name()) << " (1)\n" << roff(command->summary()) << "\n";
  out << ".SH OPTIONS\n";
  for (const auto& option : global_options()) option_entry(out, option);
  exit_status_section(out);
  environment_section(out);
  examples_section(out, kGatewayWorkflows);
  return out.str();
}

std::string command_man_page(const Command& command, const po::options_description& options,
                             const std::vector<std::unique_ptr<Command>>& commands) {
  std::ostringstream out;
  header(out, "polycert-" + std::string(command.name()));
  out << ".SH NAME\npolycert\\-" << roff(command.name()) << " \\- " << roff(command.summary())
      << "\n.SH SYNOPSIS\n";
  synopsis(out, command.synopsis());
  out << ".SH DESCRIPTION\n";
  paragraphs(out, command.epilog().empty() ? command.summary() : command.epilog());
  out << ".SH OPTIONS\n";
  for (const auto& option : describe(options)) option_entry(out, option);
  exit_status_section(out);
  environment_section(out);
  examples_section(out, command.examples());
  out << ".SH SEE ALSO\n.BR polycert (1)";
  for (const auto& other : commands)
    if (other->name() != command.name()) out << ",\n.BR polycert\\-" << roff(other->name()) << " (1)";
  out << "\n";
  return out.str();
}

std::string completion_script(std::string_view shell,
                              const std::vector<std::unique_ptr<Command>>& commands) {
  if (shell == "bash") return bash_script(commands);
  if (shell == "zsh") return zsh_script(commands);
  return {};
}

}  // namespace polycert::cli
