# BenchGate.cmake - bg_add_benchmark(): one benchmark executable, one CTest test, one manifest entry.
#
#   bg_add_benchmark(NAME SOURCES file.c... [LABELS label...] [ARGS arg...] [TIMEOUT seconds]
#                    [LINK_LIBRARIES lib...] [GPU] [DATASETS dataset...])
#
# DATASETS: datasets added with bg_add_dataset() that the benchmark reads: its test requires the
# fixtures dataset.<name> (their verify tests pass first, else it is not run) and gets
# BENCH_DATASET_PATH set to their root.
#
# Builds bench_NAME linked to benchgate::benchgate and benchgate::main, adds the CTest test
# bench.NAME (labels bench + LABELS, RUN_SERIAL, SKIP_RETURN_CODE 77, RESOURCE_LOCK gpu with GPU)
# and writes NAME.tsv under <build>/benchgate/manifest.d/ for `benchgate start`.
# BENCHGATE_CONFIG (default: bench.yaml at the top of the project, when present) is passed as
# --config; BENCHGATE_BASELINE_DIR (default: ci/baselines at the top of the project, when present)
# as --baseline, which makes the test a gate; results of the test go to <build>/bench-results/NAME.
#
# bg_add_baseline_target() adds the target bench-baseline: run every benchmark with
# `benchgate start`, then capture the run with `benchgate baseline` into BENCHGATE_BASELINE_DIR.

include_guard(GLOBAL)
include(${CMAKE_CURRENT_LIST_DIR}/BenchGateDatasets.cmake) # bg_add_dataset(), DATASETS

function(bg_add_benchmark name)
  cmake_parse_arguments(PARSE_ARGV 1 BG "GPU" "TIMEOUT"
                        "SOURCES;LABELS;ARGS;LINK_LIBRARIES;DATASETS")
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
  if(NOT DEFINED BENCHGATE_BASELINE_DIR AND EXISTS "${PROJECT_SOURCE_DIR}/ci/baselines")
    set(BENCHGATE_BASELINE_DIR "${PROJECT_SOURCE_DIR}/ci/baselines")
  endif()
  if(BENCHGATE_BASELINE_DIR)
    list(APPEND args "--baseline=${BENCHGATE_BASELINE_DIR}")
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
  if(BG_DATASETS) # runs only after dataset.<name>.verify passed (BenchGateDatasets.cmake)
    _bg_benchmark_datasets(bench.${name} ${BG_DATASETS})
  endif()

  string(REPLACE ";" " " args_text "${args}")
  string(REPLACE ";" "," labels_text "${labels}")
  file(GENERATE OUTPUT "${CMAKE_BINARY_DIR}/benchgate/manifest.d/${name}.tsv"
       CONTENT "${name}\t$<TARGET_FILE:${target}>\t${labels_text}\t${args_text}\n")
endfunction()

# bench-baseline: `benchgate start` into <build>/baseline-run (no gate), then `benchgate baseline`.
# Extra flags for the run: -DBENCHGATE_BASELINE_FLAGS="--repetitions=5" (BENCH_* variables work
# too, e.g. BENCH_MEASURE=instructions); BENCHGATE_BASELINE_RUNS separate runs (default 3);
# BENCHGATE_BASELINE_FORCE=ON accepts a regression.
function(bg_add_baseline_target)
  if(TARGET bench-baseline)
    return()
  endif()
  if(TARGET benchgate::cli)
    set(cli $<TARGET_FILE:benchgate::cli>)
  else()
    set(cli $<TARGET_FILE:benchgate_cli>)
  endif()
  if(NOT BENCHGATE_BASELINE_DIR)
    set(BENCHGATE_BASELINE_DIR "${PROJECT_SOURCE_DIR}/ci/baselines")
  endif()
  set(force "")
  if(BENCHGATE_BASELINE_FORCE)
    set(force --force)
  endif()
  if(NOT BENCHGATE_BASELINE_RUNS)
    set(BENCHGATE_BASELINE_RUNS 3) # separate runs: the time gate's run-to-run noise
  endif()
  set(commands "")
  set(run_flags "")
  foreach(i RANGE 1 ${BENCHGATE_BASELINE_RUNS})
    set(run_dir "${CMAKE_BINARY_DIR}/baseline-run/${i}")
    list(APPEND commands COMMAND ${CMAKE_COMMAND} -E rm -rf "${run_dir}"
         COMMAND ${cli} start "--build-dir=${CMAKE_BINARY_DIR}" "--output-dir=${run_dir}"
                 --baseline=off ${BENCHGATE_BASELINE_FLAGS})
    list(APPEND run_flags "--run=${run_dir}")
  endforeach()
  add_custom_target(bench-baseline
    ${commands}
    COMMAND ${cli} baseline ${run_flags} "--dir=${BENCHGATE_BASELINE_DIR}" ${force}
    COMMENT "Capturing baselines (${BENCHGATE_BASELINE_RUNS} runs) into ${BENCHGATE_BASELINE_DIR}"
    USES_TERMINAL VERBATIM)
endfunction()
