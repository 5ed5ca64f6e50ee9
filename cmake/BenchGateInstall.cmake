# BenchGateInstall.cmake - one export set for the build and install trees, a config file that
# finds cJSON, yaml and OpenSSL, a version file, and a pkg-config file.
include(CMakePackageConfigHelpers)
set(BENCHGATE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/benchgate)

install(TARGETS benchgate benchgate_main benchgate_cli EXPORT benchgateTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/benchgate DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT benchgateTargets NAMESPACE benchgate:: DESTINATION ${BENCHGATE_CMAKE_DIR})
export(EXPORT benchgateTargets NAMESPACE benchgate::
       FILE ${PROJECT_BINARY_DIR}/benchgateTargets.cmake)

configure_package_config_file(cmake/benchgateConfig.cmake.in
  ${PROJECT_BINARY_DIR}/benchgateConfig.cmake INSTALL_DESTINATION ${BENCHGATE_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/benchgateConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/benchgateConfig.cmake
              ${PROJECT_BINARY_DIR}/benchgateConfigVersion.cmake
              cmake/BenchGate.cmake cmake/Findyaml.cmake
        DESTINATION ${BENCHGATE_CMAKE_DIR})
install(FILES docs/schema/result.schema.json DESTINATION ${CMAKE_INSTALL_DATADIR}/benchgate)

configure_file(cmake/benchgate.pc.in ${PROJECT_BINARY_DIR}/benchgate.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/benchgate.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
