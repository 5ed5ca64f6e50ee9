# BenchGateInstall.cmake - export sets for the build and install trees (the core, and apart from
# it the GPU side, benchgateCudaTargets, so that a CPU-only user needs no CUDA, and the optional
# components benchgateHistoryTargets (SQLite) and benchgateNetTargets (libcurl), so that a
# benchmark author needs neither), a config file that finds the core's dependencies, a version
# file, and pkg-config files (benchgate: the core, benchgate-main: with the default main(),
# benchgate-cuda: the GPU harness, benchgate-report, benchgate-history and benchgate-net: the
# components).
#
# find_package(benchgate) works against an install prefix and against the build tree
# (-Dbenchgate_DIR=<build>): the files the config includes are copied next to it in both.
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
# The reports: their own library and export set (benchgateReportTargets), loaded with the core:
# they need nothing the core does not. The command links them; a benchmark does not.
install(TARGETS benchgate_report EXPORT benchgateReportTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT benchgateReportTargets NAMESPACE benchgate:: DESTINATION ${BENCHGATE_CMAKE_DIR})
export(EXPORT benchgateReportTargets NAMESPACE benchgate::
       FILE ${PROJECT_BINARY_DIR}/benchgateReportTargets.cmake)
# The optional components, each its own export set, loaded only when asked for:
# find_package(benchgate COMPONENTS history net).
foreach(_bg_component IN ITEMS history net)
  if(TARGET benchgate_${_bg_component})
    set(_bg_set History)
    if(_bg_component STREQUAL "net")
      set(_bg_set Net)
    endif()
    install(TARGETS benchgate_${_bg_component} EXPORT benchgate${_bg_set}Targets
            ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
    install(EXPORT benchgate${_bg_set}Targets NAMESPACE benchgate:: DESTINATION ${BENCHGATE_CMAKE_DIR})
    export(EXPORT benchgate${_bg_set}Targets NAMESPACE benchgate::
           FILE ${PROJECT_BINARY_DIR}/benchgate${_bg_set}Targets.cmake)
  endif()
endforeach()
if(TARGET benchgate_cuda)
  install(TARGETS benchgate_cuda EXPORT benchgateCudaTargets
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(EXPORT benchgateCudaTargets NAMESPACE benchgate:: DESTINATION ${BENCHGATE_CMAKE_DIR})
  export(EXPORT benchgateCudaTargets NAMESPACE benchgate::
         FILE ${PROJECT_BINARY_DIR}/benchgateCudaTargets.cmake)
endif()

# The build-tree package: benchgateConfig.cmake includes these from its own directory.
configure_file(cmake/BenchGate.cmake ${PROJECT_BINARY_DIR}/BenchGate.cmake COPYONLY)
configure_file(cmake/Findyaml.cmake ${PROJECT_BINARY_DIR}/Findyaml.cmake COPYONLY)
set(_bg_module_files BenchGateDatasets.cmake BenchGateCapture.cmake BenchGateGPU.cmake)
foreach(_file IN LISTS _bg_module_files)
  configure_file(cmake/${_file} ${PROJECT_BINARY_DIR}/${_file} COPYONLY)
  install(FILES cmake/${_file} DESTINATION ${BENCHGATE_CMAKE_DIR})
endforeach()

configure_package_config_file(cmake/benchgateConfig.cmake.in
  ${PROJECT_BINARY_DIR}/benchgateConfig.cmake INSTALL_DESTINATION ${BENCHGATE_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/benchgateConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/benchgateConfig.cmake
              ${PROJECT_BINARY_DIR}/benchgateConfigVersion.cmake
              cmake/BenchGate.cmake cmake/Findyaml.cmake
        DESTINATION ${BENCHGATE_CMAKE_DIR})
# The JSON Schemas of every file benchgate writes (result, verdict, ab, gate, summaries, profile)
file(GLOB _bg_schemas ${PROJECT_SOURCE_DIR}/docs/schema/*.schema.json)
install(FILES ${_bg_schemas} DESTINATION ${CMAKE_INSTALL_DATADIR}/benchgate)
# `man benchgate` after an install (share/man/man1/benchgate.1)
install(FILES docs/benchgate.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# bash completion of every verb and flag, from the flag table (src/cli/CMakeLists.txt)
install(FILES ${BENCHGATE_COMPLETION_FILE}
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME benchgate)
# The pull-request A/B recipe: builds the merge base beside the head build, runs benchgate ab.
install(PROGRAMS scripts/ab_pr.sh DESTINATION ${CMAKE_INSTALL_DATADIR}/benchgate)
# Charts from results (docs/integrations.md, Graphs): bin/benchgate-graph.
install(PROGRAMS scripts/bench_graph.py DESTINATION ${CMAKE_INSTALL_BINDIR} RENAME benchgate-graph)

# pkg-config: paths relative to the .pc file, so `cmake --install --prefix`, DESTDIR and a moved
# prefix all stay right. A static libbenchgate needs its dependencies on every link, not only
# with `pkg-config --static`.
function(bg_pc_dir out dir)
  if(IS_ABSOLUTE "${dir}")
    set(${out} "${dir}" PARENT_SCOPE)
  else()
    set(${out} "\${prefix}/${dir}" PARENT_SCOPE)
  endif()
endfunction()
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(BENCHGATE_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH BENCHGATE_PC_PREFIX "/p/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/p")
  string(REGEX REPLACE "/$" "" BENCHGATE_PC_PREFIX "${BENCHGATE_PC_PREFIX}") # "../../" -> "../.."
  set(BENCHGATE_PC_PREFIX "\${pcfiledir}/${BENCHGATE_PC_PREFIX}")
endif()
bg_pc_dir(BENCHGATE_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
bg_pc_dir(BENCHGATE_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
get_target_property(_bg_type benchgate TYPE)
if(_bg_type STREQUAL "STATIC_LIBRARY")
  set(BENCHGATE_PC_REQUIRES "Requires")
else()
  set(BENCHGATE_PC_REQUIRES "Requires.private")
endif()
configure_file(cmake/benchgate.pc.in ${PROJECT_BINARY_DIR}/benchgate.pc @ONLY)
foreach(_bg_component IN ITEMS history net) # benchgate-history.pc, benchgate-net.pc
  if(TARGET benchgate_${_bg_component})
    set(_bg_dep sqlite3)
    if(_bg_component STREQUAL "history" AND BENCHGATE_HISTORY_PG)
      set(_bg_dep "sqlite3, libpq") # the PostgreSQL backend (src/history/store_pg.c)
    endif()
    if(_bg_component STREQUAL "net")
      set(_bg_dep libcurl)
    endif()
    set(_bg_core "benchgate = ${PROJECT_VERSION}, benchgate-report = ${PROJECT_VERSION}")
    if(_bg_type STREQUAL "STATIC_LIBRARY") # one Requires line: pkg-config refuses two
      set(BENCHGATE_PC_COMPONENT_REQUIRES "Requires: ${_bg_core}, ${_bg_dep}")
    else()
      set(BENCHGATE_PC_COMPONENT_REQUIRES "Requires: ${_bg_core}\nRequires.private: ${_bg_dep}")
    endif()
    configure_file(cmake/benchgate-${_bg_component}.pc.in
                   ${PROJECT_BINARY_DIR}/benchgate-${_bg_component}.pc @ONLY)
    install(FILES ${PROJECT_BINARY_DIR}/benchgate-${_bg_component}.pc
            DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
  endif()
endforeach()
configure_file(cmake/benchgate-main.pc.in ${PROJECT_BINARY_DIR}/benchgate-main.pc @ONLY)
configure_file(cmake/benchgate-report.pc.in ${PROJECT_BINARY_DIR}/benchgate-report.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/benchgate.pc ${PROJECT_BINARY_DIR}/benchgate-main.pc
              ${PROJECT_BINARY_DIR}/benchgate-report.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
if(TARGET benchgate_cuda) # the GPU harness and the CUDA runtime: only for GPU benchmarks
  if(BENCHGATE_CUDA_EMULATED)
    set(BENCHGATE_PC_CUDA_LIBS "-lbg_cuda_emu")
  else()
    set(BENCHGATE_PC_CUDA_LIBS "-L${CUDAToolkit_LIBRARY_DIR} -lcudart")
  endif()
  if(CMAKE_DL_LIBS)
    string(APPEND BENCHGATE_PC_CUDA_LIBS " -l${CMAKE_DL_LIBS}")
  endif()
  configure_file(cmake/benchgate-cuda.pc.in ${PROJECT_BINARY_DIR}/benchgate-cuda.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/benchgate-cuda.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endif()
