// polycert backends [--json]: each compiled-in backend, its library version, and the
// capability matrix, side by side so gaps show at a glance; then what --backend auto
// would choose per operation from the stored bench result.
#include "../auto_backend.hpp"
#include "../command.hpp"

#include <polycert/registry.hpp>
#include <polycert/text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>

namespace polycert::cli {

namespace {

// The "auto" object of --json: the stored result's state, and the choice per operation.
nlohmann::json auto_json(const StoredBench& stored) {
  nlohmann::json doc = {{"file", stored.path}};
  switch (stored.state) {
    case StoredBench::State::missing:
      doc["status"] = "missing";
      doc["note"] = stored.path + " does not exist; make it with 'polycert bench --save'";
      return doc;
    case StoredBench::State::ignored:
      doc["status"] = "ignored";
      doc["date"] = stored.date;
      doc["note"] = stored.why;
      return doc;
    case StoredBench::State::usable:
      break;
  }
  doc["status"] = "ok";
  doc["date"] = stored.date;
  doc["choices"] = nlohmann::json::array();
  for (const auto& choice : stored.choices) {
    if (choice.figures.empty()) continue;
    const double fastest = choice.figures.front().median_ns;
    nlohmann::json figures = nlohmann::json::array();
    for (const auto& figure : choice.figures)
      figures.push_back({{"backend", figure.backend},
                         {"median_ns", figure.median_ns},
                         {"ratio_to_fastest", figure.median_ns / fastest}});
    doc["choices"].push_back(
        {{"op", choice.op}, {"backend", choice.figures.front().backend}, {"figures", figures}});
  }
  return doc;
}

// The lines under the table: one per operation, or why there are none.
void print_auto(const StoredBench& stored) {
  std::cout << "\n--backend auto";
  switch (stored.state) {
    case StoredBench::State::missing:
      std::cout << ": no stored bench result (" << terminal_text(stored.path)
                << " does not exist); make one with 'polycert bench --save' (add --ops LIST for "
                   "other operations); until then auto uses the default backend\n";
      return;
    case StoredBench::State::ignored:
      std::cout << ": " << terminal_text(stored.why) << " (run " << stored.date
                << "), so auto uses the default backend; remake it with 'polycert bench --save'\n";
      return;
    case StoredBench::State::usable:
      break;
  }
  std::cout << " (from " << terminal_text(stored.path) << ", run " << stored.date << "):\n";
  std::size_t shown = 0;
  for (const auto& choice : stored.choices)
    if (!choice.figures.empty()) {
      std::cout << "  " << describe_choice(choice) << "\n";
      ++shown;
    }
  if (shown == 0) std::cout << "  no operation was measured by a backend that supports it\n";
  std::cout << "Operations not listed use the default backend.\n";
}

void print_json(const std::vector<CompiledBackend>& views, const std::string& default_name,
                const StoredBench& stored) {
  nlohmann::json doc;
  doc["default"] = default_name;
  doc["backends"] = nlohmann::json::array();
  for (const auto& view : views) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : view.capabilities.rows()) {
      nlohmann::json entry = {{"operation", to_string(row.operation)},
                              {"subject", row.subject},
                              {"supported", row.supported}};
      if (!row.supported) entry["reason"] = row.note;
      rows.push_back(std::move(entry));
    }
    doc["backends"].push_back(
        {{"name", view.name}, {"library_version", view.version}, {"capabilities", rows}});
  }
  doc["auto"] = auto_json(stored);
  std::cout << doc.dump(2) << "\n";
}

// One line per operation, one column per backend: "yes" when every key spec the operation
// applies to is supported, else which specs are not, with numbered reasons below.
// `--json` lists every (operation, spec) row.
void print_table(const std::vector<CompiledBackend>& views, const std::string& default_name) {
  std::cout << "Backends (default: " << default_name << "):\n";
  for (const auto& view : views)
    std::cout << "  " << std::left << std::setw(9) << view.name << view.version << "\n";
  if (views.empty()) return;

  std::vector<std::string> notes;
  std::map<std::string, std::size_t> note_numbers;
  auto note_number = [&](const std::string& note) {
    auto [it, added] = note_numbers.try_emplace(note, notes.size() + 1);
    if (added) notes.push_back(note);
    return it->second;
  };

  std::vector<Operation> operations;  // in the order the first backend lists them
  for (const auto& row : views.front().capabilities.rows())
    if (operations.empty() || operations.back() != row.operation)
      operations.push_back(row.operation);

  std::vector<std::vector<std::string>> cells(operations.size());
  for (std::size_t i = 0; i < operations.size(); ++i) {
    for (const auto& view : views) {
      std::string missing, numbers;
      std::size_t total = 0, unsupported = 0;
      for (const auto& row : view.capabilities.rows()) {
        if (row.operation != operations[i]) continue;
        ++total;
        if (row.supported) continue;
        ++unsupported;
        missing += (missing.empty() ? "" : ",") + row.subject;
        const std::string number = std::to_string(note_number(view.name + ": " + row.note));
        if (numbers.find(number) == std::string::npos)
          numbers += (numbers.empty() ? "" : ",") + number;
      }
      if (unsupported == 0)
        cells[i].push_back(total == 0 ? "-" : "yes");
      else if (unsupported == total)
        cells[i].push_back("no (" + numbers + ")");
      else
        cells[i].push_back("not " + missing + " (" + numbers + ")");
    }
  }

  std::size_t first = std::string_view("Capability").size();
  for (Operation operation : operations) first = std::max(first, describe(operation).size());
  std::vector<std::size_t> widths;
  for (std::size_t b = 0; b < views.size(); ++b) {
    std::size_t width = views[b].name.size();
    for (const auto& line : cells) width = std::max(width, line[b].size());
    widths.push_back(width + 2);
  }
  std::cout << "\n" << std::left << std::setw(static_cast<int>(first + 2)) << "Capability";
  for (std::size_t b = 0; b < views.size(); ++b)
    std::cout << std::setw(static_cast<int>(widths[b])) << views[b].name;
  std::cout << "\n";
  for (std::size_t i = 0; i < operations.size(); ++i) {
    std::cout << std::setw(static_cast<int>(first + 2)) << describe(operations[i]);
    for (std::size_t b = 0; b < views.size(); ++b)
      std::cout << std::setw(static_cast<int>(widths[b])) << cells[i][b];
    std::cout << "\n";
  }
  std::cout
      << "\n\"yes\": for every key spec or algorithm the operation covers; --json lists each.\n";
  if (!notes.empty()) {
    std::cout << "Notes:\n";
    for (std::size_t i = 0; i < notes.size(); ++i)
      std::cout << "  (" << i + 1 << ") " << notes[i] << "\n";
  }
}

class BackendsCommand final : public Command {
 public:
  std::string_view name() const override { return "backends"; }
  std::string_view summary() const override {
    return "list the compiled-in backends and what each can do";
  }
  std::string_view synopsis() const override { return "backends [--json]"; }

  void add_options(po::options_description& options) override {
    options.add_options()("json", po::bool_switch(&json_), "one JSON document on standard output");
  }

  int run(Session& session, const po::variables_map&) override {
    // The default shown is what a command would use now, $POLYCERT_BACKEND included.
    const auto request = session.requested_backend();
    const bool automatic = request && request->source != Session::BackendRequest::Source::config &&
                           request->name == kAutoBackend;
    auto default_name = automatic ? Result<std::string>(std::string(kAutoBackend))
                                  : backends::resolve_name(session.backend);
    if (!default_name) return session.usage_error(default_name.error().message);
    // A malformed stored result is an error here too, before anything is printed.
    const auto views = compiled_backends();
    auto stored = load_stored_bench(views);
    if (!stored) {
      std::cerr << "polycert " << session.command << ": " << terminal_text(stored.error().message) << "\n";
      return kExitUsage;
    }
    if (json_) {
      print_json(views, *default_name, *stored);
    } else {
      print_table(views, *default_name);
      print_auto(*stored);
    }
    return kExitOk;
  }

 private:
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_backends_command() { return std::make_unique<BackendsCommand>(); }

}  // namespace polycert::cli
