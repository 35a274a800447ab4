# cmake -P driver of the consumer test: installs the polycert build tree into a scratch
# prefix, then builds and runs tests/consumer against it twice: through find_package
# (CMake) and through pkg-config (a plain compiler command line).
# Inputs (-D): BUILD_DIR, SOURCE_DIR, WORK_DIR, CXX, CXX_FLAGS, LINKER_FLAGS, GENERATOR.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    string(REPLACE ";" " " command "${ARGN}")
    message(FATAL_ERROR "failed (${status}): ${command}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

function(expect_csr_per_backend output label)
  string(REGEX MATCHALL "# [a-z]+\n-----BEGIN CERTIFICATE REQUEST-----" blocks "${output}")
  list(LENGTH blocks count)
  if(count EQUAL 0 OR NOT count EQUAL EXPECTED_BACKENDS)
    message(FATAL_ERROR "${label}: expected a CSR from each of ${EXPECTED_BACKENDS} backends, got:\n${output}")
  endif()
  message(STATUS "${label}: ${count} backends made a key and a CSR")
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")
foreach(installed bin/polycert include/polycert/provider.hpp lib/cmake/polycert/polycertConfig.cmake
                  lib/cmake/polycert/polycertConfigVersion.cmake lib/cmake/polycert/FindMbedTLS.cmake
                  lib/pkgconfig/polycert.pc share/man/man1/polycert.1 share/man/man1/polycert-genkey.1
                  share/bash-completion/completions/polycert share/zsh/site-functions/_polycert)
  if(NOT EXISTS "${prefix}/${installed}")
    message(FATAL_ERROR "cmake --install did not install ${installed}")
  endif()
endforeach()

# CMake consumer.
run(${CMAKE_COMMAND} -S "${SOURCE_DIR}" -B "${WORK_DIR}/cmake-build" -G "${GENERATOR}"
    "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_CXX_COMPILER=${CXX}" "-DCMAKE_CXX_STANDARD=23"
    "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}")
run(${CMAKE_COMMAND} --build "${WORK_DIR}/cmake-build")
run("${WORK_DIR}/cmake-build/app")
expect_csr_per_backend("${last_output}" "find_package(polycert)")

# pkg-config consumer.
find_program(PKG_CONFIG pkg-config REQUIRED)
set(ENV{PKG_CONFIG_PATH} "${prefix}/lib/pkgconfig")
run(${PKG_CONFIG} --cflags --libs polycert)
string(STRIP "${last_output}" pc_flags)
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
separate_arguments(extra_flags UNIX_COMMAND "${CXX_FLAGS} ${LINKER_FLAGS}")
run(${CXX} -std=c++23 ${extra_flags} "${SOURCE_DIR}/main.cpp" -o "${WORK_DIR}/app-pkg-config" ${pc_flags})
run("${WORK_DIR}/app-pkg-config")
expect_csr_per_backend("${last_output}" "pkg-config polycert")
