# `cmake --install`: the libraries, public headers and the polycert executable, plus what a
# consumer needs to link them: polycertConfig.cmake (+ version file, and FindMbedTLS.cmake
# because Debian ships no CMake or pkg-config file for Mbed TLS) and polycert.pc.
include(CMakePackageConfigHelpers)

set(_polycert_targets polycert_core polycert)
set(_polycert_header_dirs core/include/ backends/include/)
set(POLYCERT_PC_LIBS "-lpolycert")
set(POLYCERT_PC_REQUIRES_PRIVATE "")
set(POLYCERT_PC_LIBS_PRIVATE "")
foreach(_backend IN ITEMS openssl botan mbedtls)
  string(TOUPPER ${_backend} _BACKEND)
  if(POLYCERT_WITH_${_BACKEND})
    list(APPEND _polycert_targets polycert_${_backend})
    list(APPEND _polycert_header_dirs backends/${_backend}/include/)
    string(APPEND POLYCERT_PC_LIBS " -lpolycert_${_backend}")
  endif()
endforeach()
string(APPEND POLYCERT_PC_LIBS " -lpolycert_core")
if(POLYCERT_WITH_OPENSSL)
  string(APPEND POLYCERT_PC_REQUIRES_PRIVATE " libcrypto >= 3")
endif()
if(POLYCERT_WITH_BOTAN)
  string(APPEND POLYCERT_PC_REQUIRES_PRIVATE " botan-2 >= 2.19")
endif()
if(POLYCERT_WITH_MBEDTLS)
  string(APPEND POLYCERT_PC_LIBS_PRIVATE " -lmbedx509 -lmbedcrypto")
endif()
string(STRIP "${POLYCERT_PC_REQUIRES_PRIVATE}" POLYCERT_PC_REQUIRES_PRIVATE)
string(STRIP "${POLYCERT_PC_LIBS_PRIVATE}" POLYCERT_PC_LIBS_PRIVATE)
# A static polycert is linked together with its libraries, so for it they are not private:
# `pkg-config --libs polycert` must name them (and not, as --static would, the private
# dependencies of the shared libbotan-2 too).
set(POLYCERT_PC_REQUIRES "")
if(NOT BUILD_SHARED_LIBS)
  set(POLYCERT_PC_REQUIRES "${POLYCERT_PC_REQUIRES_PRIVATE}")
  set(POLYCERT_PC_REQUIRES_PRIVATE "")
  string(APPEND POLYCERT_PC_LIBS " ${POLYCERT_PC_LIBS_PRIVATE}")
  set(POLYCERT_PC_LIBS_PRIVATE "")
endif()

set(_polycert_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/polycert)

install(TARGETS ${_polycert_targets} EXPORT polycertTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
foreach(_dir IN LISTS _polycert_header_dirs)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${_dir} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endforeach()
install(TARGETS polycert_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(EXPORT polycertTargets NAMESPACE polycert:: DESTINATION ${_polycert_cmake_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/polycertConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/polycertConfig.cmake
                              INSTALL_DESTINATION ${_polycert_cmake_dir})
# 0.x: a minor release may change the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/polycertConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/polycertConfig.cmake
              ${PROJECT_BINARY_DIR}/polycertConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/FindMbedTLS.cmake
        DESTINATION ${_polycert_cmake_dir})

file(RELATIVE_PATH POLYCERT_PC_PREFIX_FROM_PCFILEDIR /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(${PROJECT_SOURCE_DIR}/cmake/polycert.pc.in ${PROJECT_BINARY_DIR}/polycert.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/polycert.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

unset(_backend)
unset(_BACKEND)
unset(_dir)
