// The machine a measurement or a conformance run was made on, for the reports.
#pragma once

#include <string>

namespace polycert {

/// "model name" from /proc/cpuinfo, or "unknown".
std::string cpu_model();

/// The operating system, its release and the machine, as uname says: "Linux 6.1.0 x86_64".
std::string host_description();

}  // namespace polycert
