#include "auto_backend.hpp"

#include "command.hpp"

#include <bench/ops.hpp>
#include <bench/report.hpp>

#include <polycert/registry.hpp>
#include <polycert/der.hpp>
#include <polycert/file_output.hpp>
#include <polycert/formats.hpp>
#include <polycert/key_structure.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

namespace polycert::cli {

namespace {

using Json = nlohmann::json;

std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

Error malformed(const std::string& path, const std::string& what) {
  return Error{ErrorCode::invalid_input,
               path + ": not a usable polycert bench result: " + what +
                   " (remake it with 'polycert bench --save', or delete it)"};
}

// The backends array at `key` of a bench document: (name, library_version) pairs.
Result<std::vector<std::pair<std::string, std::string>>> backend_array(const Json& doc,
                                                                       const char* key,
                                                                       const std::string& path) {
  const auto it = doc.find(key);
  if (it == doc.end() || !it->is_array())
    return std::unexpected(malformed(path, std::string("'") + key + "' is not an array"));
  std::vector<std::pair<std::string, std::string>> list;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const Json& entry = (*it)[i];
    if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string() ||
        !entry.contains("library_version") || !entry["library_version"].is_string())
      return std::unexpected(malformed(path, std::string(key) + "[" + std::to_string(i) +
                                                 "] has no string 'name' and 'library_version'"));
    list.emplace_back(entry["name"].get<std::string>(),
                      entry["library_version"].get<std::string>());
  }
  return list;
}

// Why figures measured with `stored` backends (and, when the file has them, the build's
// `compiled` ones) do not describe this build, or nullopt when they do.
std::optional<std::string> build_mismatch(
    const std::string& path, const std::vector<std::pair<std::string, std::string>>& stored,
    const std::optional<std::vector<std::pair<std::string, std::string>>>& compiled,
    const std::vector<CompiledBackend>& here) {
  std::vector<std::string> here_names;
  for (const auto& backend : here) here_names.push_back(backend.name);
  if (compiled) {
    std::vector<std::string> there;
    for (const auto& [name, version] : *compiled) there.push_back(name);
    auto sorted = [](std::vector<std::string> names) {
      std::sort(names.begin(), names.end());
      return names;
    };
    if (sorted(there) != sorted(here_names))
      return path + " was measured by a polycert built with " + join(there) + " (this one has " +
             join(here_names) + ")";
  }
  for (const auto& [name, version] : compiled ? *compiled : stored) {
    const auto found = std::find_if(here.begin(), here.end(),
                                    [&](const CompiledBackend& b) { return b.name == name; });
    if (found == here.end())
      return path + " was measured with backend " + name + ", which this polycert does not have";
    if (found->version != version)
      return path + " measured " + name + " as '" + version + "'; this polycert has '" +
             found->version + "'";
  }
  return std::nullopt;
}

Result<StoredBench> read_stored(const std::string& path, const std::vector<CompiledBackend>& here) {
  StoredBench stored;
  stored.path = path;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    if (ec)  // not "no such file": a folder that cannot be searched, say
      return fail(ErrorCode::invalid_input, path + ": cannot look for it: " + ec.message());
    stored.state = StoredBench::State::missing;
    return stored;
  }
  auto bytes = read_file(path);
  if (!bytes) return std::unexpected(Error{ErrorCode::invalid_input, bytes.error().message});
  Json doc = Json::parse(bytes->begin(), bytes->end(), nullptr, false);
  if (doc.is_discarded()) return std::unexpected(malformed(path, "not JSON"));
  if (!doc.is_object()) return std::unexpected(malformed(path, "not a JSON object"));
  if (!doc.contains("format") || doc["format"] != "polycert-bench")
    return std::unexpected(malformed(path, "'format' is not \"polycert-bench\""));
  if (!doc.contains("version") || !doc["version"].is_number_integer() ||
      doc["version"].get<std::int64_t>() < 1)
    return std::unexpected(malformed(path, "'version' is not a positive whole number"));
  if (!doc.contains("date") || !doc["date"].is_string())
    return std::unexpected(malformed(path, "'date' is not a string"));
  stored.date = doc["date"].get<std::string>();
  if (const auto version = doc["version"].get<std::int64_t>(); version > 1) {
    stored.state = StoredBench::State::ignored;
    stored.why = path + " is bench format version " + std::to_string(version) +
                 "; this polycert reads version 1";
    return stored;
  }
  auto backends = backend_array(doc, "backends", path);
  if (!backends) return std::unexpected(backends.error());
  std::optional<std::vector<std::pair<std::string, std::string>>> compiled;
  if (doc.contains("compiled_backends")) {
    auto list = backend_array(doc, "compiled_backends", path);
    if (!list) return std::unexpected(list.error());
    compiled = std::move(*list);
  }

  // Every result is checked before the build comparison, so a broken file never passes
  // as merely "another build's".
  const auto results = doc.find("results");
  if (results == doc.end() || !results->is_array())
    return std::unexpected(malformed(path, "'results' is not an array"));
  std::set<std::string> measured_backends;
  for (const auto& [name, version] : *backends) measured_backends.insert(name);
  struct Figure {
    std::string op, backend;
    double median_ns;
  };
  std::vector<Figure> figures;
  for (std::size_t i = 0; i < results->size(); ++i) {
    const Json& row = (*results)[i];
    const std::string where = "results[" + std::to_string(i) + "]";
    auto text = [&](const char* key) -> const Json* {
      const auto it = row.find(key);
      return it != row.end() && it->is_string() ? &*it : nullptr;
    };
    if (!row.is_object() || !text("op") || !text("backend") || !text("status"))
      return std::unexpected(
          malformed(path, where + " has no string 'op', 'backend' and 'status'"));
    const std::string backend = row["backend"].get<std::string>();
    if (!measured_backends.contains(backend))
      return std::unexpected(
          malformed(path, where + " is for backend '" + backend + "', not in 'backends'"));
    const std::string status = row["status"].get<std::string>();
    if (status == "skip") continue;
    if (status != "ok")
      return std::unexpected(
          malformed(path, where + " has status '" + status + "' (expected \"ok\" or \"skip\")"));
    const auto median = row.find("median_ns");
    if (median == row.end() || !median->is_number() || !std::isfinite(median->get<double>()) ||
        median->get<double>() <= 0)
      return std::unexpected(malformed(path, where + " (" + row["op"].get<std::string>() + ", " +
                                                 backend + ") has no positive 'median_ns'"));
    figures.push_back({row["op"].get<std::string>(), backend, median->get<double>()});
  }

  if (auto why = build_mismatch(path, *backends, compiled, here)) {
    stored.state = StoredBench::State::ignored;
    stored.why = *why;
    return stored;
  }

  // Per operation, the backends that can do it, fastest first. An operation this polycert
  // does not know (a newer polycert's) is left out: nothing here would ask for it.
  std::map<std::string, std::size_t> index;
  for (const Figure& figure : figures) {
    auto op = bench::parse_op_list(figure.op);
    if (!op || op->size() != 1) continue;
    const auto backend = std::find_if(here.begin(), here.end(), [&](const CompiledBackend& b) {
      return b.name == figure.backend;
    });
    if (backend == here.end() || bench::missing_capability(backend->capabilities, op->front()))
      continue;
    const std::string name = op->front().name();
    auto [it, added] = index.try_emplace(name, stored.choices.size());
    if (added) stored.choices.push_back({name, {}});
    auto& list = stored.choices[it->second].figures;
    if (std::any_of(list.begin(), list.end(),
                    [&](const AutoFigure& f) { return f.backend == figure.backend; }))
      return std::unexpected(
          malformed(path, name + " has two results for backend " + figure.backend));
    list.push_back({figure.backend, figure.median_ns});
  }
  for (auto& choice : stored.choices)
    std::stable_sort(
        choice.figures.begin(), choice.figures.end(),
        [](const AutoFigure& a, const AutoFigure& b) { return a.median_ns < b.median_ns; });
  stored.state = StoredBench::State::usable;
  return stored;
}

std::string ratio_text(double ratio) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, ratio < 9.95 ? "%.1fx" : "%.0fx", ratio);
  return buffer;
}

}  // namespace

Result<std::string> bench_result_path() {
  if (auto explicit_path = environment("POLYCERT_BENCH_RESULT")) return *explicit_path;
  // The XDG base directory specification: a relative XDG_CACHE_HOME is invalid, ignore it.
  if (auto cache = environment("XDG_CACHE_HOME"); cache && cache->front() == '/')
    return *cache + "/polycert/bench.json";
  if (auto home = environment("HOME")) return *home + "/.cache/polycert/bench.json";
  return fail(ErrorCode::io,
              "no place for the bench result: set POLYCERT_BENCH_RESULT, XDG_CACHE_HOME or HOME");
}

Result<StoredBench> load_stored_bench(const std::vector<CompiledBackend>& here) {
  auto path = bench_result_path();
  if (!path) {  // no HOME: nothing can have been stored
    StoredBench stored;
    stored.path = "~/.cache/polycert/bench.json (HOME is not set)";
    return stored;
  }
  return read_stored(*path, here);
}

Result<AutoDecision> choose_auto_backend(std::string_view operation) {
  const auto available = backends::available();
  if (available.empty()) return fail(ErrorCode::unsupported, "no backend is compiled in");
  AutoDecision decision;
  decision.backend = std::string(available.front());
  auto parsed = bench::parse_op_list(operation);
  if (!parsed || parsed->size() != 1) {
    // "csr" for a request from a key whose type shows only once it is decrypted.
    decision.op = std::string(operation);
    decision.note = "no " + decision.op +
                    ":SPEC figure applies: the key's type shows only once the chosen backend "
                    "reads it (an encrypted key); using " +
                    decision.backend;
    return decision;
  }
  decision.op = parsed->front().name();

  auto stored = load_stored_bench(compiled_backends());
  if (!stored) return std::unexpected(stored.error());
  const std::string advice =
      "; using " + decision.backend + " (run 'polycert bench --ops " + decision.op + " --save')";
  switch (stored->state) {
    case StoredBench::State::missing:
      decision.note = "no stored bench result (" + stored->path + " does not exist)" + advice;
      return decision;
    case StoredBench::State::ignored:
      decision.note = stored->why + ", so its figures do not apply" + advice;
      return decision;
    case StoredBench::State::usable:
      break;
  }
  for (const auto& choice : stored->choices)
    if (choice.op == decision.op && !choice.figures.empty()) {
      decision.backend = choice.figures.front().backend;
      return decision;
    }
  // --save replaces the stored result, so the advice measures the stored operations again
  // with this one: following it must not lose the figures auto already uses.
  std::string operations;
  for (const auto& choice : stored->choices) operations += choice.op + ",";
  decision.note = "no bench result for " + decision.op + " in " + stored->path + "; using " +
                  decision.backend + " (run 'polycert bench --ops " + operations + decision.op +
                  " --save')";
  return decision;
}

std::string describe_choice(const AutoChoice& choice) {
  if (choice.figures.empty()) return choice.op + " -> (no backend)";
  const AutoFigure& best = choice.figures.front();
  std::string text =
      choice.op + " -> " + best.backend + " (median " + bench::format_duration(best.median_ns);
  for (std::size_t i = 1; i < choice.figures.size(); ++i)
    text += (i == 1 ? "; " : ", ") + choice.figures[i].backend + " " +
            ratio_text(choice.figures[i].median_ns / best.median_ns);
  return text + ")";
}

namespace {

// What the operation hint may read: a regular file. Standard input, a pipe or a device
// would lose what is read here before the command reads it.
std::optional<SecureBuffer> peek_file(const std::string& path) {
  std::error_code ec;
  if (path.empty() || path == "-" || !std::filesystem::is_regular_file(path, ec))
    return std::nullopt;
  auto contents = read_file(path);
  if (!contents) return std::nullopt;
  return std::move(*contents);
}

std::optional<KeySpec> spec_of_first_key(ByteView contents) {
  auto objects = find_objects(contents);
  if (!objects || objects->empty()) return std::nullopt;
  const FoundObject& object = objects->front();
  if (object.kind != ObjectKind::private_key || !object.key_form) return std::nullopt;
  auto structure = inspect_private_key(object.der, *object.key_form);
  if (!structure) return std::nullopt;
  KeySpec spec;
  switch (structure->algorithm) {
    case KeyAlgorithm::ed25519:
      spec = KeySpec::ed25519();
      break;
    case KeyAlgorithm::ec:
      spec = KeySpec::ec(structure->curve);
      break;
    case KeyAlgorithm::rsa:
      spec = KeySpec::rsa(structure->rsa_bits);
      break;
  }
  // Only the sizes bench measures have figures.
  if (std::find(kGeneratableKeySpecs.begin(), kGeneratableKeySpecs.end(), spec) ==
      kGeneratableKeySpecs.end())
    return std::nullopt;
  return spec;
}

}  // namespace

std::optional<KeySpec> private_key_spec(const std::string& path) {
  auto contents = peek_file(path);
  if (!contents) return std::nullopt;
  return spec_of_first_key(*contents);
}

std::string reading_operation(const std::vector<std::string>& files, std::string_view fallback) {
  if (files.empty()) return std::string(fallback);
  auto contents = peek_file(files.front());
  if (!contents) return std::string(fallback);
  auto objects = find_objects(*contents);
  if (!objects || objects->empty()) return std::string(fallback);
  switch (objects->front().kind) {
    case ObjectKind::certificate:
      return "parse:cert";
    case ObjectKind::private_key:
      if (auto spec = spec_of_first_key(*contents)) return "parse:key:" + to_string(*spec);
      return "parse:key";
    case ObjectKind::encrypted_private_key:
    case ObjectKind::legacy_encrypted_key:
      return "parse:key";
    case ObjectKind::pkcs12:
      return "parse:pkcs12";
    case ObjectKind::pkcs7:
      return "parse:pkcs7";
    case ObjectKind::certificate_request:
    case ObjectKind::public_key:
    case ObjectKind::rsa_public_key:
    case ObjectKind::crl:
      break;
  }
  return std::string(fallback);
}

}  // namespace polycert::cli
