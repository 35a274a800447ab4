// polycert match: does this key go with this certificate or request? And for a folder of
// files from a CA, which key goes with which certificate. Keys are compared by their
// SubjectPublicKeyInfo (core key_matches), read by the selected backend.
#include "../command.hpp"
#include "../input_reader.hpp"
#include "../token_keys.hpp"

#include <polycert/chain.hpp>
#include <polycert/file_output.hpp>
#include <polycert/name.hpp>
#include <polycert/pem.hpp>
#include <polycert/text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <sys/stat.h>
#include <system_error>
#include <utility>

namespace polycert::cli {

namespace {

namespace fs = std::filesystem;

// A certificate or request as read by the backend: what it is called and its key.
struct Holder {
  std::string origin;
  std::string kind;  // "certificate" or "request"
  std::string subject;
  Bytes spki;
  bool matched = false;
};

Result<Holder> read_holder(Provider& provider, const ChainInput& input, bool request) {
  if (request) {
    auto info = provider.parse_csr(input.der);
    if (!info) return std::unexpected(with_context(info.error(), input.origin));
    return Holder{input.origin, "request", format_slash(info->subject), info->public_key};
  }
  auto info = provider.parse_certificate(input.der);
  if (!info) return std::unexpected(with_context(info.error(), input.origin));
  return Holder{input.origin, "certificate", format_slash(info->subject), info->public_key};
}

nlohmann::ordered_json to_json(const Holder& holder) {
  return {{"file", holder.origin}, {"kind", holder.kind}, {"subject", holder.subject}};
}

std::string describe(const Holder& holder) {
  return holder.origin + " (" + holder.kind + " " + holder.subject + ")";
}

// Why a directory entry with a certificate's or key's name is not read: what it is.
std::string not_a_file(const fs::path& path) {
  struct stat link {};
  if (::lstat(path.c_str(), &link) != 0) return "vanished while the folder was read";
  struct stat target {};
  if (S_ISLNK(link.st_mode)) {
    if (::stat(path.c_str(), &target) != 0) return "not a regular file (a link to nothing)";
    return "not a regular file (a link to " + std::string(file_kind(target.st_mode)) + ")";
  }
  return "not a regular file (" + std::string(file_kind(link.st_mode)) + ")";
}

bool has_match_extension(const fs::path& path) {
  std::string extension = path.extension().string();
  std::ranges::transform(extension, extension.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::string_view known : {".crt", ".cer", ".pem", ".der", ".csr", ".key", ".p7b", ".p7c", ".p12", ".pfx"})
    if (extension == known) return true;
  return false;
}

class MatchCommand final : public Command {
 public:
  std::string_view name() const override { return "match"; }
  std::string_view summary() const override {
    return "check that a private key belongs to a certificate or CSR, or pair up a folder";
  }
  std::string_view synopsis() const override {
    return "match CERT_OR_CSR [KEY] [--passin SRC] [--json] | match --dir DIR [--passin SRC] [--json]";
  }
  std::string_view epilog() const override {
    return "With CERT_OR_CSR and KEY: prints 'matches' (exit 0) or 'does not match' (exit 6).\n"
           "Without KEY, the key is taken from CERT_OR_CSR itself (a combined PEM file).\n"
           "With --dir: reads every .crt .cer .pem .der .csr .key file of DIR (and other\n"
           "PEM files), prints which key goes with which certificate or request and which\n"
           "have no partner, and exits 0; files it cannot read are named on standard\n"
           "error and skipped. Keys are compared by their SubjectPublicKeyInfo.\n"
           "--json prints the same findings as one JSON document (docs/json.md); the exit\n"
           "status does not change.\n"
           "A file with a malformed PEM block is not used: exit 3 naming the block as\n"
           "FILE:LINE, or with --dir, named and skipped (docs/pem-bags.md).\n";
  }

  std::string_view examples() const override {
    return "# Does this key belong to this certificate?\n"
           "polycert match api.crt api.key\n"
           "polycert match --dir ./certs";
  }

  void add_options(po::options_description& options) override {
    options.add_options()
        ("files", po::value<std::vector<std::string>>(&files_)->value_name("FILE..."),
         "CERT_OR_CSR and KEY (the arguments)")
        ("dir", po::value<std::string>(&dir_)->value_name("DIR"), "pair up every file in DIR")
        ("passin", po::value<std::string>(&passin_)->value_name("SRC"),
         "password of encrypted keys, from a password source")
        ("json", po::bool_switch(&json_), "report as JSON on standard output");
  }
  void add_positionals(po::positional_options_description& positionals) override {
    positionals.add("files", -1);
  }

  int run(Session& session, const po::variables_map&) override {
    if (!dir_.empty() && !files_.empty())
      return session.usage_error("give either --dir DIR or CERT_OR_CSR [KEY], not both");
    if (dir_.empty() && files_.empty())
      return session.usage_error("missing CERT_OR_CSR and KEY, or --dir DIR");
    if (files_.size() > 2) return session.usage_error("too many arguments: CERT_OR_CSR [KEY]");
    auto provider = session.provider("parse:cert");
    if (!provider) return kExitUsage;
    return dir_.empty() ? match_pair(session, *provider) : match_dir(session, *provider);
  }

 private:
  int match_pair(Session& session, Provider& provider) {
    const std::string& holder_file = files_[0];
    const std::string& key_file = files_.size() == 2 ? files_[1] : files_[0];
    auto objects = read_inputs(provider, {holder_file}, passin_);
    if (!objects) return session.report(objects.error());
    const auto certificates = objects->certificates();
    const auto requests = objects->requests();
    if (certificates.empty() && requests.empty())
      return session.report(Error{ErrorCode::invalid_input, "no certificate or certificate request in this "
                                                            "file (found: " + objects->kinds() + ")"},
                            holder_file);
    for (const auto& warning : objects->warnings) session.inform("warning: " + warning);
    const bool request = certificates.empty();
    auto holder = read_holder(provider, request ? requests.front() : certificates.front(), request);
    if (!holder) return session.report(holder.error());
    auto key = first_key(session, provider, *objects, key_file);
    if (!key) return session.report(key.error());
    auto matches = key_matches(provider, **key, holder->spki);
    if (!matches) return session.report(matches.error(), key_file);
    if (json_) {
      nlohmann::ordered_json document{{"backend", session.resolved_backend},
                                      {"key", key_file},
                                      {"holder", to_json(*holder)},
                                      {"matches", *matches}};
      std::cout << document.dump(2) << "\n" << std::flush;
      if (*matches) return kExitOk;
      return exit_status(ErrorCode::mismatch);
    }
    if (*matches) {
      std::cout << terminal_text("matches: " + key_file + " is the private key of " +
                                 describe(*holder))
                << "\n";
      return kExitOk;
    }
    std::cout << terminal_text("does not match: " + key_file + " is not the private key of " +
                               describe(*holder))
              << "\n";
    return session.report(Error{ErrorCode::mismatch,
                                "does not match " + describe(*holder) + ": the public keys differ"},
                          key_file);
  }

  int match_dir(Session& session, Provider& provider) {
    std::error_code error;
    if (!fs::is_directory(dir_, error))
      return session.report(
          Error{ErrorCode::io,
                "not a folder" + (error ? " (" + error.message() + ")" : std::string())},
          dir_);
    std::vector<fs::path> paths;
    std::vector<std::pair<fs::path, std::string>> not_files;  // with what they are instead
    for (fs::directory_iterator it(dir_, error), end; !error && it != end; it.increment(error)) {
      if (it->is_regular_file(error)) {
        paths.push_back(it->path());
      } else if (has_match_extension(it->path())) {
        // Never opened: a FIFO would block, a link to /dev/zero would read 4 MiB of zeros.
        not_files.emplace_back(it->path(), not_a_file(it->path()));
      }
      error.clear();  // an entry that vanished meanwhile is not a listing failure
    }
    if (error) return session.report(Error{ErrorCode::io, "cannot list: " + error.message()}, dir_);
    std::ranges::sort(paths);
    std::ranges::sort(not_files);
    for (const auto& [path, what] : not_files) skip(session, path.string(), what);

    std::vector<Holder> holders;
    struct Key {
      std::string file;
      std::unique_ptr<PrivateKey> key;
      std::vector<std::size_t> holders;
    };
    std::vector<Key> keys;
    for (const auto& path : paths) {
      const std::string file = path.string();
      const bool known = has_match_extension(path);
      auto objects = read_inputs(provider, {file}, passin_);
      if (!objects) {
        if (known) skip(session, file, session.describe(objects.error()));
        continue;
      }
      const auto certificates = objects->certificates();
      const auto requests = objects->requests();
      const auto private_keys = objects->private_keys();
      if (certificates.empty() && requests.empty() && private_keys.empty()) {
        if (known) skip(session, file, "no certificate, certificate request or private key in this file (found: " +
                                           objects->kinds() + ")");
        continue;
      }
      // Other files only count when they are PEM with something to pair up; a DER file
      // without a known extension could be anything.
      if (!known && certificates.empty() && requests.empty() && !looks_like_pem_key(file)) continue;
      for (const auto& warning : objects->warnings) session.inform("warning: " + warning);
      for (const auto& certificate : certificates) add_holder(session, provider, holders, certificate, false);
      for (const auto& request : requests) add_holder(session, provider, holders, request, true);
      for (const InputObject* private_key : private_keys) {
        auto key = load_private_key(provider, *private_key, passin_);
        if (!key) {
          skip(session, private_key->origin, session.describe(key.error()));
          continue;
        }
        keys.push_back(Key{private_key->origin, std::move(*key), {}});
      }
    }

    for (auto& key : keys) {
      for (std::size_t i = 0; i < holders.size(); ++i) {
        auto matches = key_matches(provider, *key.key, holders[i].spki);
        if (!matches) return session.report(matches.error(), key.file);
        if (*matches) {
          key.holders.push_back(i);
          holders[i].matched = true;
        }
      }
    }
    if (json_) {
      nlohmann::ordered_json document{{"backend", session.resolved_backend},
                                      {"dir", dir_},
                                      {"keys", nlohmann::ordered_json::array()},
                                      {"without_key", nlohmann::ordered_json::array()},
                                      {"skipped", skipped_}};
      for (const auto& key : keys) {
        nlohmann::ordered_json matched = nlohmann::ordered_json::array();
        for (auto i : key.holders) matched.push_back(to_json(holders[i]));
        document["keys"].push_back({{"file", key.file}, {"matches", std::move(matched)}});
      }
      for (const auto& holder : holders)
        if (!holder.matched) document["without_key"].push_back(to_json(holder));
      std::cout << document.dump(2) << "\n" << std::flush;
      return kExitOk;
    }
    for (const auto& key : keys) {
      if (key.holders.empty()) {
        std::cout << terminal_text(key.file) << ": no certificate or request\n";
        continue;
      }
      for (auto i : key.holders)
        std::cout << terminal_text(key.file + ": matches " + describe(holders[i])) << "\n";
    }
    for (const auto& holder : holders)
      if (!holder.matched) std::cout << terminal_text(describe(holder)) << ": no key\n";
    if (keys.empty() && holders.empty())
      session.inform("no certificates, requests or keys in " + dir_);
    return kExitOk;
  }

  // The private key for match_pair: the first in `key_file` (a PKCS#12 file's key bag
  // included), read from `holder` when it is the same file.
  Result<std::unique_ptr<PrivateKey>> first_key(const Session& session, Provider& provider,
                                                const Inputs& holder, const std::string& key_file) const {
    if (is_token_uri(key_file)) return open_token_key(key_file, passin_);
    std::optional<Inputs> other;
    if (key_file != files_[0]) {
      auto read = read_inputs(provider, {key_file}, passin_);
      if (!read) return std::unexpected(read.error());
      for (const auto& warning : read->warnings) session.inform("warning: " + warning);
      other = std::move(*read);
    }
    const Inputs& inputs = other ? *other : holder;
    const auto keys = inputs.private_keys();
    if (keys.empty())
      return fail(ErrorCode::invalid_input, key_file + ": no private key in this file (found: " + inputs.kinds() + ")");
    return load_private_key(provider, *keys.front(), passin_);
  }

  // A file of the folder that could not be read: named on standard error, and in the JSON.
  void skip(const Session& session, const std::string& file, const std::string& reason) {
    session.inform("skipped " + file + ": " + reason);
    skipped_.push_back({{"file", file}, {"reason", reason}});
  }

  void add_holder(const Session& session, Provider& provider, std::vector<Holder>& holders,
                  const ChainInput& input, bool request) {
    auto holder = read_holder(provider, input, request);
    if (!holder) {
      skip(session, input.origin, session.describe(holder.error()));
      return;
    }
    holders.push_back(std::move(*holder));
  }

  // A file without a known extension holds a key worth reading only when it is PEM
  // (a DER blob there could be anything).
  static bool looks_like_pem_key(const std::string& file) {
    auto data = read_file(file);
    return data && looks_like_pem(*data);
  }

  std::vector<std::string> files_;
  std::string dir_, passin_;
  bool json_ = false;
  nlohmann::ordered_json skipped_ = nlohmann::ordered_json::array();
};

}  // namespace

std::unique_ptr<Command> make_match_command() { return std::make_unique<MatchCommand>(); }

}  // namespace polycert::cli
