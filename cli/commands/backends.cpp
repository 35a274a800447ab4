// polycert backends [--json]: each compiled-in backend, its library version, and the
// capability matrix, side by side so gaps show at a glance.
#include "../command.hpp"

#include <polycert/backends.hpp>

#include <nlohmann/json.hpp>

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

void print_table(const std::vector<BackendView>& views, const std::string& default_name) {
  std::cout << "Backends (default: " << default_name << "):\n";
  for (const auto& view : views)
    std::cout << "  " << std::left << std::setw(9) << view.name << view.version << "\n";
  if (views.empty()) return;

  // Rows in the order the first backend lists them; every backend has the same rows.
  constexpr int kFirstColumn = 34;
  std::cout << "\n" << std::left << std::setw(kFirstColumn) << "Capability";
  for (const auto& view : views) std::cout << std::setw(10) << view.name;
  std::cout << "\n";

  std::vector<std::string> notes;
  std::map<std::string, std::size_t> note_numbers;
  std::optional<Operation> current;
  for (const auto& row : views.front().capabilities.rows()) {
    if (current != row.operation) {
      current = row.operation;
      std::cout << describe(row.operation) << "\n";
    }
    std::cout << "  " << std::setw(kFirstColumn - 2) << row.subject;
    for (const auto& view : views) {
      const Capability* cell = view.capabilities.find(row.operation, row.subject);
      std::string text = "-";
      if (cell != nullptr && cell->supported) {
        text = "yes";
      } else if (cell != nullptr) {
        const std::string note = view.name + ": " + cell->note;
        auto [it, added] = note_numbers.try_emplace(note, notes.size() + 1);
        if (added) notes.push_back(note);
        text = "no (" + std::to_string(it->second) + ")";
      }
      std::cout << std::setw(10) << text;
    }
    std::cout << "\n";
  }
  if (!notes.empty()) {
    std::cout << "\nNotes:\n";
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
