// The README's C++ example, built against the installed polycert: on every compiled-in
// backend, generate a P-256 key and build a signed CSR for it.
#include <polycert/registry.hpp>
#include <polycert/name.hpp>
#include <polycert/pem.hpp>

#include <iostream>

int make_csr(std::string_view backend) {
  auto provider = polycert::backends::make_provider(backend);
  if (!provider) return std::cerr << provider.error().message << '\n', 1;
  auto key = (*provider)->generate_key(polycert::KeySpec::ec(polycert::Curve::p256));
  if (!key) return std::cerr << key.error().message << '\n', 1;
  polycert::CsrSpec request;
  request.subject = polycert::parse_name("/C=US/O=Acme/CN=api.acme.com").value();
  auto csr = (*provider)->create_csr(**key, request);
  if (!csr) return std::cerr << csr.error().message << '\n', 1;
  std::cout << polycert::as_text(polycert::pem_encode("CERTIFICATE REQUEST", *csr));
  return 0;
}

int main() {
  int failures = 0;
  for (std::string_view backend : polycert::backends::available()) {
    std::cout << "# " << backend << '\n';
    failures += make_csr(backend);
  }
  return failures == 0 ? 0 : 1;
}
