// What a user of the openssl CLI types, and polycert's spelling of it: an unknown option
// or command that openssl knows gets the polycert way in its error (README, "Coming from
// openssl"). polycert does not accept openssl's spellings as aliases: its options are
// long, with two dashes, and one spelling each keeps scripts and help readable.
#pragma once

#include <boost/program_options.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace polycert::cli {

/// "--subject DN" for "-subj", "--days" for "-days" when the command has --days; nullopt
/// when openssl has no such option or polycert no counterpart.
std::optional<std::string> polycert_spelling_of_option(
    std::string_view option, const boost::program_options::options_description& options);

/// "inspect (x509 -text), sign (x509 -req) or convert (x509 -outform)" for "x509".
std::optional<std::string> polycert_commands_for(std::string_view openssl_command);

}  // namespace polycert::cli
