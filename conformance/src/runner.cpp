#include <polycert/conformance/steps.hpp>

#include <polycert/conformance/cases.hpp>
#include <polycert/conformance/known_gaps.hpp>
#include <polycert/host.hpp>
#include <polycert/x509.hpp>

#include <chrono>
#include <ctime>
#include <exception>

#ifndef POLYCERT_VERSION
#error "POLYCERT_VERSION must be defined by the build"
#endif

namespace polycert::conformance {

namespace {

CaseResult run_body(const Case& test_case, Workspace& workspace) {
  try {
    return test_case.run(workspace);
  } catch (steps::Verdict& verdict) {
    return std::move(verdict.result);
  } catch (const std::exception& error) {
    // A library that throws past its adapter is a bug of polycert: the case fails.
    return CaseResult{Outcome::fail, std::string("unexpected exception: ") + error.what(), {}, {}};
  }
}

}  // namespace

CaseRecord run_case(const Case& test_case, Workspace& workspace) {
  return run_case(test_case, workspace, known_gaps());
}

CaseRecord run_case(const Case& test_case, Workspace& workspace, const std::vector<KnownGap>& gaps) {
  CaseRecord record;
  record.id = test_case.id;
  record.kind = test_case.kind;
  record.area = test_case.area;
  record.operation = test_case.operation;
  record.subject = test_case.subject;
  record.backends = test_case.backends;
  const auto start = std::chrono::steady_clock::now();
  record.result = run_body(test_case, workspace);
  // A backend without the capability sat a differential case out: it counts for it no more.
  if (!record.result.took_part.empty()) record.backends = record.result.took_part;
  record.milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

  if (auto gap = known_gap(test_case.id, gaps)) {
    if (record.result.outcome == Outcome::fail) {
      record.result.outcome = Outcome::xfail;
      record.result.reason = *gap + " (found: " + record.result.reason + ")";
    } else if (record.result.outcome == Outcome::pass) {
      record.result.outcome = Outcome::fail;
      record.result.reason = "listed as a known gap (" + *gap +
                             ") but it passes: remove it from conformance/src/known_gaps.cpp";
    }
  }
  return record;
}

Report run_cases(const std::vector<Case>& cases, Workspace& workspace, const RunRequest& request,
                 const CaseObserver& observer) {
  Report report;
  const auto start = std::chrono::steady_clock::now();
  report.environment.date = format_time(std::time(nullptr));
  report.environment.host = host_description();
  report.environment.cpu_model = cpu_model();
  report.environment.polycert_version = POLYCERT_VERSION;
  report.environment.corpus = request.corpus;
  report.environment.filter = request.filter;
  for (const std::string& name : workspace.backends()) {
    Provider& provider = workspace.provider(name);
    report.environment.backends.push_back(
        BackendInfo{name, provider.library_version(), provider.capabilities()});
  }
  report.cases.reserve(cases.size());
  for (const Case& test_case : cases) {
    report.cases.push_back(run_case(test_case, workspace));
    if (observer) observer(report.cases.back(), report.cases.size(), cases.size());
  }
  report.environment.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace polycert::conformance
