#include "case_tables.hpp"

namespace polycert::conformance {

std::vector<Case> builtin_cases(const std::vector<std::string>& backends) {
  std::vector<Case> cases;
  add_key_cases(cases, backends);
  add_primitive_cases(cases, backends);
  add_x509_cases(cases, backends);
  add_container_cases(cases, backends);
  add_path_cases(cases, backends);
  add_pkits_cases(cases, backends);
  return cases;
}

}  // namespace polycert::conformance
