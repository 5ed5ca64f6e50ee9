# BenchGate.cmake - bg_add_benchmark(): one benchmark executable, one CTest test, one manifest entry.
#
#   bg_add_benchmark(NAME SOURCES file.c... [LABELS label...] [ARGS arg...] [TIMEOUT seconds]
#                    [LINK_LIBRARIES lib...] [GPU])
#
# Builds bench_NAME linked to benchgate::benchgate and benchgate::main, adds the CTest test
# bench.NAME (labels bench + LABELS, RUN_SERIAL, SKIP_RETURN_CODE 77, RESOURCE_LOCK gpu with GPU)
# and writes NAME.tsv under <build>/benchgate/manifest.d/ for `benchgate start`.
# BENCHGATE_CONFIG (default: bench.yaml at the top of the project, when present) is passed as
# --config; results of the test go to <build>/bench-results/NAME.

include_guard(GLOBAL)

function(bg_add_benchmark name)
  cmake_parse_arguments(PARSE_ARGV 1 BG "GPU" "TIMEOUT" "SOURCES;LABELS;ARGS;LINK_LIBRARIES")
  if(NOT BG_SOURCES)
    message(FATAL_ERROR "bg_add_benchmark(${name}): SOURCES is required")
  endif()
  if(NOT name MATCHES "^[A-Za-z0-9_]+$")
    message(FATAL_ERROR "bg_add_benchmark(${name}): the name may hold only letters, digits and _")
  endif()
  if(NOT BG_TIMEOUT)
    set(BG_TIMEOUT 600)
  endif()
  set(target bench_${name})
  add_executable(${target} ${BG_SOURCES})
  target_link_libraries(${target} PRIVATE benchgate::benchgate benchgate::main ${BG_LINK_LIBRARIES})

  if(NOT DEFINED BENCHGATE_CONFIG AND EXISTS "${PROJECT_SOURCE_DIR}/bench.yaml")
    set(BENCHGATE_CONFIG "${PROJECT_SOURCE_DIR}/bench.yaml")
  endif()
  set(args --no-ui)
  if(BENCHGATE_CONFIG)
    list(APPEND args "--config=${BENCHGATE_CONFIG}")
  endif()
  list(APPEND args ${BG_ARGS})

  add_test(NAME bench.${name} COMMAND ${target} ${args}
                                      "--output-dir=${CMAKE_BINARY_DIR}/bench-results/${name}")
  set(labels bench ${BG_LABELS})
  set_tests_properties(bench.${name} PROPERTIES
    LABELS "${labels}" RUN_SERIAL TRUE SKIP_RETURN_CODE 77 TIMEOUT ${BG_TIMEOUT}
    ENVIRONMENT "BENCHGATE_CTEST=1;BENCHGATE_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
  if(BG_GPU)
    set_tests_properties(bench.${name} PROPERTIES RESOURCE_LOCK gpu)
  endif()

  string(REPLACE ";" " " args_text "${args}")
  string(REPLACE ";" "," labels_text "${labels}")
  file(GENERATE OUTPUT "${CMAKE_BINARY_DIR}/benchgate/manifest.d/${name}.tsv"
       CONTENT "${name}\t$<TARGET_FILE:${target}>\t${labels_text}\t${args_text}\n")
endfunction()
