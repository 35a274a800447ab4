#include "openssl_spellings.hpp"

#include <array>

namespace polycert::cli {

namespace {

struct Spelling {
  std::string_view openssl, polycert;
};

constexpr std::string_view kUnencrypted = "nothing: keys are written unencrypted unless --passout is given";
constexpr std::string_view kSerial = "nothing: polycert chooses a random 16-byte serial";
constexpr std::string_view kExtensions = "--san LIST, --key-usage LIST or --ext-key-usage LIST";

constexpr std::array<Spelling, 30> kOptions = {{
    {"-subj", "--subject DN"},
    {"-out", "-o FILE (--out FILE)"},
    {"-in", "the file as an argument"},
    {"-nodes", kUnencrypted},
    {"-noenc", kUnencrypted},
    {"-newkey", "--new-key ALG"},
    {"-new", "nothing: req always makes a new request"},
    {"-x509", "the command polycert selfsign"},
    {"-CA", "--ca-cert FILE"},
    {"-CAkey", "--ca-key FILE"},
    {"-set_serial", kSerial},
    {"-CAcreateserial", kSerial},
    {"-inform", "nothing: the input's format is detected"},
    {"-outform", "--to pem|der (convert) or --format pem|der"},
    {"-noout", "the command polycert inspect FILE"},
    {"-text", "the command polycert inspect FILE"},
    {"-sha256", "--digest sha256"},
    {"-sha384", "--digest sha384"},
    {"-sha512", "--digest sha512"},
    {"-addext", kExtensions},
    {"-extfile", kExtensions},
    {"-export", "the command polycert convert --to p12"},
    {"-nokeys", "--certs-only"},
    {"-nocerts", "--key-only"},
    {"-clcerts", "--leaf-only"},
    {"-cacerts", "--ca-only"},
    {"-print_certs", "the command polycert convert --to pem"},
    {"-traditional", "--traditional"},
    {"-passin", "--passin SRC"},
    {"-passout", "--passout SRC"},
}};

constexpr std::array<Spelling, 12> kCommands = {{
    {"x509", "inspect (x509 -text), sign (x509 -req) or convert (x509 -outform)"},
    {"pkcs12", "convert (--to p12 writes one; a .pfx/.p12 input with --to pem reads one)"},
    {"pkcs7", "convert --to pem (pkcs7 -print_certs) or inspect"},
    {"crl2pkcs7", "convert --to p7b"},
    {"genpkey", "genkey ALG"},
    {"genrsa", "genkey rsa:BITS"},
    {"ecparam", "genkey ec:CURVE"},
    {"pkey", "convert (--to pem|der, --traditional) or inspect"},
    {"rsa", "convert (--to pem|der, --traditional) or inspect"},
    {"ec", "convert (--to pem|der, --traditional) or inspect"},
    {"ca", "sign (issue a certificate) or crl (issue a CRL)"},
    {"s_client", "verify (for a chain you already have; polycert makes no connections)"},
}};

}  // namespace

std::optional<std::string> polycert_spelling_of_option(
    std::string_view option, const boost::program_options::options_description& options) {
  // -days for --days, -passin for --passin: openssl's one dash before a name polycert has.
  if (option.size() > 2 && option[0] == '-' && option[1] != '-') {
    const std::string name(option.substr(1));
    if (options.find_nothrow(name, false) != nullptr) return "--" + name;
  }
  for (const Spelling& spelling : kOptions)
    if (spelling.openssl == option) {
      // An option polycert spells differently, if this command has it.
      const std::string_view suggested = spelling.polycert;
      if (suggested.starts_with("--")) {
        const std::string name(suggested.substr(2, suggested.find(' ') - 2));
        if (options.find_nothrow(name, false) == nullptr) return std::nullopt;
      }
      return std::string(suggested);
    }
  return std::nullopt;
}

std::optional<std::string> polycert_commands_for(std::string_view openssl_command) {
  for (const Spelling& spelling : kCommands)
    if (spelling.openssl == openssl_command) return std::string(spelling.polycert);
  return std::nullopt;
}

}  // namespace polycert::cli
