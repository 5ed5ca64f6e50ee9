# BenchGate.cmake - bg_add_benchmark(): one benchmark executable, one gated CTest test, one
# manifest entry; the bench-baseline target; the combined verdict table at the end of ctest.
#
#   bg_add_benchmark(NAME file.c... [SOURCES file.c...] [LABELS label...] [ARGS arg...]
#                    [TIMEOUT seconds] [LINK_LIBRARIES lib...] [GPU] [DATASETS dataset...])
#
# Sources are positional, as with add_executable (SOURCES is accepted too). GPU: the benchmark
# uses the cuda.h harness: it links benchgate::cuda and takes the CTest RESOURCE_LOCK gpu.
# DATASETS: datasets added with bg_add_dataset() that the benchmark reads: its test requires the
# fixtures dataset.<name> (their verify tests pass first, else it is not run) and gets
# BENCH_DATASET_PATH set to their root.
#
# Builds bench_NAME linked to benchgate::benchgate and benchgate::main, adds the CTest test
# bench.NAME (labels bench + LABELS, RUN_SERIAL, SKIP_RETURN_CODE 77) and writes NAME.tsv under
# <build>/benchgate/manifest.d/ for `benchgate start`.
#
# The test is always a gate: it compares its run with BENCHGATE_BASELINE_DIR/<machine class>/
# NAME.json (default: ci/baselines at the top of the project, whether it exists yet or not).
# What a missing baseline or an inconclusive verdict does is decided when the test runs, by
# bench.yaml (run: fail_on_no_baseline, fail_on_inconclusive) or BENCH_* variables: by default
# the test is skipped (77, CTest "Skipped") and says so, with the capture command.
# BENCHGATE_CONFIG (default: bench.yaml at the top of the project, when present) is passed as
# --config; results of the test go to <build>/bench-results/NAME.
#
# The first bg_add_benchmark() also adds the target bench-baseline (see bg_add_baseline_target)
# and <build>/CTestCustom.cmake, through which every ctest run in the build ends with the
# combined verdict table (`benchgate verdicts`), also written to $GITHUB_STEP_SUMMARY when set.
# A project that has its own CTestCustom.cmake includes <build>/benchgate/CTestCustom.cmake
# from it.

include_guard(GLOBAL)
include(${CMAKE_CURRENT_LIST_DIR}/BenchGateDatasets.cmake) # bg_add_dataset(), DATASETS
set(_BG_CMAKE_DIR "${CMAKE_CURRENT_LIST_DIR}" CACHE INTERNAL "where BenchGate.cmake lives")

# The benchgate command: the installed one (benchgate::cli) or this build's (benchgate_cli).
function(_bg_cli out)
  if(TARGET benchgate::cli)
    set(${out} "$<TARGET_FILE:benchgate::cli>" PARENT_SCOPE)
  elseif(TARGET benchgate_cli)
    set(${out} "$<TARGET_FILE:benchgate_cli>" PARENT_SCOPE)
  else()
    message(FATAL_ERROR "benchgate: no benchgate::cli target (find_package(benchgate) first)")
  endif()
endfunction()

function(_bg_baseline_dir out)
  if(BENCHGATE_BASELINE_DIR)
    get_filename_component(dir "${BENCHGATE_BASELINE_DIR}" ABSOLUTE BASE_DIR "${PROJECT_SOURCE_DIR}")
  else()
    set(dir "${PROJECT_SOURCE_DIR}/ci/baselines")
  endif()
  set(${out} "${dir}" PARENT_SCOPE)
endfunction()

function(bg_add_benchmark name)
  cmake_parse_arguments(PARSE_ARGV 1 BG "GPU" "TIMEOUT"
                        "SOURCES;LABELS;ARGS;LINK_LIBRARIES;DATASETS")
  set(sources ${BG_UNPARSED_ARGUMENTS} ${BG_SOURCES})
  if(NOT sources)
    message(FATAL_ERROR "bg_add_benchmark(${name}): no source files (bg_add_benchmark(${name} "
                        "${name}.c))")
  endif()
  if(NOT name MATCHES "^[A-Za-z0-9_]+$")
    message(FATAL_ERROR "bg_add_benchmark(${name}): the name may hold only letters, digits and _")
  endif()
  if(NOT BG_TIMEOUT)
    set(BG_TIMEOUT 600)
  endif()
  set(target bench_${name})
  add_executable(${target} ${sources})
  target_link_libraries(${target} PRIVATE benchgate::benchgate benchgate::main ${BG_LINK_LIBRARIES})
  if(BG_GPU AND TARGET benchgate::cuda)
    target_link_libraries(${target} PRIVATE benchgate::cuda)
  endif()

  if(NOT DEFINED BENCHGATE_CONFIG AND EXISTS "${PROJECT_SOURCE_DIR}/bench.yaml")
    set(BENCHGATE_CONFIG "${PROJECT_SOURCE_DIR}/bench.yaml")
  endif()
  set(args --no-ui)
  if(BENCHGATE_CONFIG)
    list(APPEND args "--config=${BENCHGATE_CONFIG}")
  endif()
  _bg_baseline_dir(baseline_dir)
  list(APPEND args "--baseline=${baseline_dir}" ${BG_ARGS})

  add_test(NAME bench.${name} COMMAND ${target} ${args}
                                      "--output-dir=${CMAKE_BINARY_DIR}/bench-results/${name}")
  set(labels bench ${BG_LABELS})
  set_tests_properties(bench.${name} PROPERTIES
    LABELS "${labels}" RUN_SERIAL TRUE SKIP_RETURN_CODE 77 TIMEOUT ${BG_TIMEOUT}
    ENVIRONMENT "BENCHGATE_CTEST=1;BENCHGATE_SOURCE_DIR=${PROJECT_SOURCE_DIR};BENCHGATE_BUILD_DIR=${CMAKE_BINARY_DIR}")
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
  bg_add_baseline_target()
  add_dependencies(bench-baseline ${target}) # the target builds what it runs
  _bg_ctest_verdicts()
endfunction()

# <build>/CTestCustom.cmake: before the tests, `benchgate verdicts --begin` marks the start;
# after them, `benchgate verdicts` prints the table of the bench tests that ran.
function(_bg_ctest_verdicts)
  get_property(done GLOBAL PROPERTY _bg_ctest_verdicts_done)
  if(done)
    return()
  endif()
  set_property(GLOBAL PROPERTY _bg_ctest_verdicts_done TRUE)
  _bg_cli(cli)
  set(hooks "${CMAKE_BINARY_DIR}/benchgate/CTestCustom.cmake")
  set(build "${CMAKE_BINARY_DIR}")
  file(GENERATE OUTPUT "${hooks}" CONTENT
"# benchgate: the combined verdict table at the end of every ctest run (generated)
list(APPEND CTEST_CUSTOM_PRE_TEST \"\\\"${cli}\\\" verdicts --begin \\\"--build-dir=${build}\\\"\")
list(APPEND CTEST_CUSTOM_POST_TEST \"\\\"${cli}\\\" verdicts --ctest \\\"--build-dir=${build}\\\"\")
")
  set(top "${CMAKE_BINARY_DIR}/CTestCustom.cmake")
  if(NOT EXISTS "${top}" OR EXISTS "${CMAKE_BINARY_DIR}/benchgate/CTestCustom.owned")
    file(WRITE "${top}" "include(\"${hooks}\") # written by benchgate (BenchGate.cmake)\n")
    file(WRITE "${CMAKE_BINARY_DIR}/benchgate/CTestCustom.owned" "")
  else()
    file(READ "${top}" text)
    if(NOT text MATCHES "benchgate/CTestCustom.cmake")
      message(WARNING "benchgate: ${top} is your project's; add include(\"${hooks}\") to it for "
                      "the verdict table at the end of ctest")
    endif()
  endif()
endfunction()

# bench-baseline: `benchgate start` into <build>/baseline-run/<i> (no gate), then `benchgate
# baseline` into the baseline folder. Settings (-D at configure time, or environment variables
# when the target is built, which win): BENCHGATE_BASELINE_RUNS separate runs (default 3),
# BENCHGATE_BASELINE_FLAGS more flags for the runs (e.g. "--repetitions=5"; BENCH_* variables
# work too, e.g. BENCH_MEASURE=instructions), BENCHGATE_BASELINE_FORCE=ON accepts a regression,
# BENCHGATE_BASELINE_DIR the folder. bg_add_benchmark() calls this; calling it again is harmless.
function(bg_add_baseline_target)
  if(TARGET bench-baseline)
    return()
  endif()
  _bg_cli(cli)
  _bg_baseline_dir(dir)
  if(NOT BENCHGATE_BASELINE_RUNS)
    set(BENCHGATE_BASELINE_RUNS 3) # separate runs: the time gate's run-to-run noise
  endif()
  set(force OFF)
  if(BENCHGATE_BASELINE_FORCE)
    set(force ON)
  endif()
  string(REPLACE ";" " " flags "${BENCHGATE_BASELINE_FLAGS}")
  add_custom_target(bench-baseline
    COMMAND ${CMAKE_COMMAND} "-DBG_CLI=${cli}" "-DBG_BUILD_DIR=${CMAKE_BINARY_DIR}"
            "-DBG_DIR=${dir}" "-DBG_RUNS=${BENCHGATE_BASELINE_RUNS}" "-DBG_FORCE=${force}"
            "-DBG_FLAGS=${flags}" -P "${_BG_CMAKE_DIR}/BenchGateCapture.cmake"
    COMMENT "Capturing baselines into ${dir} (BENCHGATE_BASELINE_RUNS, default ${BENCHGATE_BASELINE_RUNS} runs)"
    USES_TERMINAL VERBATIM)
  if(TARGET benchgate_cli)
    add_dependencies(bench-baseline benchgate_cli)
  endif()
endfunction()
