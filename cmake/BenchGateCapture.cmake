# BenchGateCapture.cmake - the bench-baseline target's work, run as `cmake -P` at build time so
# that settings given as environment variables apply when the target is built:
#   BENCHGATE_BASELINE_RUNS   separate runs to capture (default 3, or -D at configure time)
#   BENCHGATE_BASELINE_FLAGS  more flags for `benchgate start`, e.g. "--repetitions=5"
#   BENCHGATE_BASELINE_FORCE  ON: accept a regression against the existing baseline
#   BENCHGATE_BASELINE_DIR    where the baselines go (default <project>/ci/baselines)
#   BENCHGATE_BASELINE_DROP   a regex: the benchmarks it matches leave the baselines (--drop)
# BENCH_* variables (BENCH_MEASURE=instructions, ...) reach the benchmarks as always.
# Called with -DBG_CLI=... -DBG_BUILD_DIR=... -DBG_DIR=... -DBG_RUNS=... -DBG_FORCE=...
# -DBG_FLAGS=... (the configure-time values).
cmake_minimum_required(VERSION 3.20)

foreach(setting RUNS FLAGS FORCE DIR DROP)
  if(DEFINED ENV{BENCHGATE_BASELINE_${setting}} AND NOT "$ENV{BENCHGATE_BASELINE_${setting}}" STREQUAL "")
    set(BG_${setting} "$ENV{BENCHGATE_BASELINE_${setting}}")
    message(STATUS "bench-baseline: BENCHGATE_BASELINE_${setting}=${BG_${setting}} (environment)")
  endif()
endforeach()
if(NOT BG_RUNS MATCHES "^[1-9][0-9]*$" OR BG_RUNS GREATER 32)
  message(FATAL_ERROR "bench-baseline: BENCHGATE_BASELINE_RUNS='${BG_RUNS}' is not 1 to 32")
endif()
separate_arguments(flags UNIX_COMMAND "${BG_FLAGS}")
set(force "")
if(BG_FORCE)
  set(force --force)
endif()

set(drop "")
if(NOT "${BG_DROP}" STREQUAL "")
  set(drop "--drop=${BG_DROP}")
endif()

file(GLOB own_benches "${BG_BUILD_DIR}/benchgate/manifest.d/*.tsv")
file(GLOB foreign_tests "${BG_BUILD_DIR}/benchgate/foreign.d/*.cmake")
set(run_flags "")
foreach(i RANGE 1 ${BG_RUNS})
  if(NOT own_benches)
    break() # only tests of other harnesses (bg_add_gbench_test): below
  endif()
  set(run_dir "${BG_BUILD_DIR}/baseline-run/${i}")
  file(REMOVE_RECURSE "${run_dir}")
  message(STATUS "bench-baseline: run ${i} of ${BG_RUNS} into ${run_dir}")
  execute_process(COMMAND "${BG_CLI}" start "--build-dir=${BG_BUILD_DIR}" "--output-dir=${run_dir}"
                          --baseline=off --no-ui ${flags}
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 AND NOT rc EQUAL 77) # 77: some benchmarks skipped (no GPU), said above
    message(FATAL_ERROR "bench-baseline: benchgate start failed (exit ${rc}); nothing captured")
  endif()
  list(APPEND run_flags "--run=${run_dir}")
endforeach()
if(own_benches)
  execute_process(COMMAND "${BG_CLI}" baseline ${run_flags} "--dir=${BG_DIR}" ${force} ${drop}
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "bench-baseline: benchgate baseline exit ${rc}; the baselines in ${BG_DIR} "
                        "are as they were")
  endif()
endif()

# The tests of other harnesses (bg_add_gbench_test, bg_add_hyperfine_test): BG_RUNS runs of each
# command through `benchgate gate-foreign --baseline=off`, then `benchgate baseline` of them.
foreach(entry IN LISTS foreign_tests)
  get_filename_component(name "${entry}" NAME_WE)
  include("${entry}") # BG_FOREIGN_FROM, BG_FOREIGN_COMMAND
  set(foreign_runs "")
  foreach(i RANGE 1 ${BG_RUNS})
    set(run_dir "${BG_BUILD_DIR}/baseline-run/foreign/${i}/${name}")
    file(REMOVE_RECURSE "${run_dir}")
    message(STATUS "bench-baseline: ${name} (${BG_FOREIGN_FROM}) run ${i} of ${BG_RUNS} into ${run_dir}")
    execute_process(COMMAND "${BG_CLI}" gate-foreign --from=${BG_FOREIGN_FROM} --name=${name}
                            --baseline=off "--output-dir=${run_dir}" -- ${BG_FOREIGN_COMMAND}
                    RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "bench-baseline: ${name} failed (exit ${rc}); nothing captured for it")
    endif()
    list(APPEND foreign_runs "--run=${run_dir}")
  endforeach()
  execute_process(COMMAND "${BG_CLI}" baseline ${foreign_runs} "--dir=${BG_DIR}" ${force}
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "bench-baseline: benchgate baseline of ${name} exit ${rc}; its baseline in "
                        "${BG_DIR} is as it was")
  endif()
endforeach()
