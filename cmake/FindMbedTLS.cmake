# FindMbedTLS
# -----------
# Debian ships Mbed TLS 2.28 with neither a CMake config nor a pkg-config file, so this
# module finds the headers and the three libraries and reads the version from
# mbedtls/version.h. Only the 2.x series is accepted: 3.x changed the API.
#
# Defines MbedTLS_FOUND, MbedTLS_VERSION and the imported targets
# MbedTLS::mbedcrypto, MbedTLS::mbedx509, MbedTLS::mbedtls.

find_path(MbedTLS_INCLUDE_DIR NAMES mbedtls/version.h)
find_library(MbedTLS_CRYPTO_LIBRARY NAMES mbedcrypto)
find_library(MbedTLS_X509_LIBRARY NAMES mbedx509)
find_library(MbedTLS_TLS_LIBRARY NAMES mbedtls)

if(MbedTLS_INCLUDE_DIR AND EXISTS "${MbedTLS_INCLUDE_DIR}/mbedtls/version.h")
  file(STRINGS "${MbedTLS_INCLUDE_DIR}/mbedtls/version.h" _mbedtls_version_line
       REGEX "^#define[ \t]+MBEDTLS_VERSION_STRING[ \t]+\"[0-9.]+\"")
  string(REGEX REPLACE ".*\"([0-9.]+)\".*" "\\1" MbedTLS_VERSION "${_mbedtls_version_line}")
  unset(_mbedtls_version_line)
endif()

if(MbedTLS_VERSION AND MbedTLS_VERSION VERSION_GREATER_EQUAL 3)
  message(STATUS "Found Mbed TLS ${MbedTLS_VERSION}, but polycert's backend targets the 2.28 API")
  set(MbedTLS_VERSION_OK FALSE)
else()
  set(MbedTLS_VERSION_OK TRUE)
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(MbedTLS
  REQUIRED_VARS MbedTLS_INCLUDE_DIR MbedTLS_CRYPTO_LIBRARY MbedTLS_X509_LIBRARY
                MbedTLS_TLS_LIBRARY MbedTLS_VERSION_OK
  VERSION_VAR MbedTLS_VERSION)

if(MbedTLS_FOUND)
  foreach(_lib IN ITEMS crypto x509 tls)
    string(TOUPPER ${_lib} _LIB)
    if(_lib STREQUAL "tls")
      set(_target MbedTLS::mbedtls)
    else()
      set(_target MbedTLS::mbed${_lib})
    endif()
    if(NOT TARGET ${_target})
      add_library(${_target} UNKNOWN IMPORTED)
      set_target_properties(${_target} PROPERTIES
        IMPORTED_LOCATION "${MbedTLS_${_LIB}_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${MbedTLS_INCLUDE_DIR}")
    endif()
  endforeach()
  set_property(TARGET MbedTLS::mbedx509 APPEND PROPERTY INTERFACE_LINK_LIBRARIES MbedTLS::mbedcrypto)
  set_property(TARGET MbedTLS::mbedtls APPEND PROPERTY INTERFACE_LINK_LIBRARIES MbedTLS::mbedx509)
  unset(_lib)
  unset(_LIB)
  unset(_target)
endif()

mark_as_advanced(MbedTLS_INCLUDE_DIR MbedTLS_CRYPTO_LIBRARY MbedTLS_X509_LIBRARY MbedTLS_TLS_LIBRARY)
