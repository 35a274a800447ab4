# Finds each enabled backend's library and stops with an actionable message when one is
# missing: which Debian package to install, or which option turns the backend off.

if(POLYCERT_WITH_OPENSSL)
  find_package(OpenSSL 3)
  if(NOT OpenSSL_FOUND)
    message(FATAL_ERROR "polycert: OpenSSL 3 not found. Install libssl-dev, or configure with "
                        "-DPOLYCERT_WITH_OPENSSL=OFF")
  endif()
endif()

if(POLYCERT_WITH_BOTAN)
  find_package(PkgConfig)
  if(PkgConfig_FOUND)
    pkg_check_modules(BOTAN2 IMPORTED_TARGET botan-2>=2.19)
  endif()
  if(NOT BOTAN2_FOUND)
    message(FATAL_ERROR "polycert: Botan 2 (pkg-config botan-2 >= 2.19) not found. Install "
                        "libbotan-2-dev and pkg-config, or configure with -DPOLYCERT_WITH_BOTAN=OFF")
  endif()
endif()

if(POLYCERT_WITH_MBEDTLS)
  find_package(MbedTLS 2.28)
  if(NOT MbedTLS_FOUND)
    message(FATAL_ERROR "polycert: Mbed TLS 2.28 not found. Install libmbedtls-dev, or configure "
                        "with -DPOLYCERT_WITH_MBEDTLS=OFF")
  endif()
endif()

if(POLYCERT_WITH_PKCS11)
  find_package(PkgConfig)
  if(PkgConfig_FOUND)
    pkg_check_modules(P11KIT IMPORTED_TARGET p11-kit-1>=0.23)
  endif()
  if(NOT P11KIT_FOUND)
    message(FATAL_ERROR "polycert: p11-kit (pkg-config p11-kit-1) not found. Install libp11-kit-dev "
                        "and pkg-config, or configure with -DPOLYCERT_WITH_PKCS11=OFF")
  endif()
endif()
