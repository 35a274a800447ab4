// polycert_fuzz_replay TARGET PATH...: runs every file given, or every file in each folder
// given (not recursively; dotfiles skipped), through one fuzz target's entry function,
// built with the project's own compiler. The test suite replays fuzz/regressions/<target>
// (every crash fuzzing found) and the seed corpora this way, so the release and ASan runs
// guard them too. A crash or a broken invariant aborts, which fails the test; no input at
// all is an error too, so the test cannot pass by finding nothing.
#include "support.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs_in(const fs::path& path) {
  std::vector<fs::path> files;
  if (fs::is_directory(path)) {
    for (const auto& entry : fs::directory_iterator(path))
      if (entry.is_regular_file() && entry.path().filename().string().front() != '.')
        files.push_back(entry.path());
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
  }
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s TARGET PATH...\n", argv[0]);
    return 2;
  }
  const std::string name = argv[1];
  const polycert::fuzz::Target* target = nullptr;
  for (const auto& candidate : polycert::fuzz::kTargets)
    if (candidate.name == name) target = &candidate;
  if (target == nullptr) {
    std::fprintf(stderr, "polycert_fuzz_replay: unknown target '%s'\n", name.c_str());
    return 2;
  }
  std::size_t count = 0;
  for (int i = 2; i < argc; ++i) {
    const fs::path path = argv[i];
    if (!fs::exists(path)) {
      std::fprintf(stderr, "polycert_fuzz_replay: %s does not exist\n", argv[i]);
      return 2;
    }
    for (const fs::path& file : inputs_in(path)) {
      std::ifstream in(file, std::ios::binary);
      const std::vector<char> text((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
      if (!in.good() && !in.eof()) {
        std::fprintf(stderr, "polycert_fuzz_replay: cannot read %s\n", file.c_str());
        return 2;
      }
      std::fprintf(stderr, "%s: %s\n", name.c_str(), file.c_str());
      target->run(
          polycert::ByteView(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
      ++count;
    }
  }
  if (count == 0) {
    std::fprintf(stderr, "polycert_fuzz_replay: no input for %s\n", name.c_str());
    return 2;
  }
  std::printf("%s: replayed %zu inputs\n", name.c_str(), count);
  return 0;
}
