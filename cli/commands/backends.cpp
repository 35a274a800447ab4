// polycert backends [--json]: each compiled-in backend, its library version, and the
// capability matrix, side by side so gaps show at a glance.
#include "../command.hpp"

#include <polycert/backends.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>

namespace polycert::cli {

namespace {

struct BackendView {
  std::string name;
  std::string version;
  Capabilities capabilities;
};

std::vector<BackendView> load_backends() {
  std::vector<BackendView> views;
  for (auto name : backends::available()) {
    auto provider = backends::make_provider(name);
    if (!provider) continue;  // cannot happen: the name comes from the registry
    views.push_back({std::string(name), (*provider)->library_version(),
                     (*provider)->capabilities()});
  }
  return views;
}

void print_json(const std::vector<BackendView>& views, const std::string& default_name) {
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
  std::cout << doc.dump(2) << "\n";
}

// One line per operation, one column per backend: "yes" when every key spec the operation
// applies to is supported, else which specs are not, with numbered reasons below.
// `--json` lists every (operation, spec) row.
void print_table(const std::vector<BackendView>& views, const std::string& default_name) {
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
    if (operations.empty() || operations.back() != row.operation) operations.push_back(row.operation);

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
        if (numbers.find(number) == std::string::npos) numbers += (numbers.empty() ? "" : ",") + number;
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
  std::cout << "\n\"yes\": for every key spec or algorithm the operation covers; --json lists each.\n";
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
    auto default_name = backends::resolve_name(session.backend);
    if (!default_name) return session.usage_error(default_name.error().message);
    const auto views = load_backends();
    if (json_)
      print_json(views, *default_name);
    else
      print_table(views, *default_name);
    return kExitOk;
  }

 private:
  bool json_ = false;
};

}  // namespace

std::unique_ptr<Command> make_backends_command() { return std::make_unique<BackendsCommand>(); }

}  // namespace polycert::cli
