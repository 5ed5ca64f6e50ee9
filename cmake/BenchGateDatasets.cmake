# BenchGateDatasets.cmake - bg_add_dataset(): a CTest test that verifies a dataset, used as a
# fixture by the benchmarks that read it.
#
#   bg_add_dataset(NAME [MANIFEST file] [ROOT dir] [INDEX file])
#
# Adds the CTest test dataset.NAME.verify (label dataset), which runs
#   benchgate verify --dataset=NAME --manifest=MANIFEST --root=ROOT
# with FIXTURES_SETUP dataset.NAME. bg_add_benchmark(... DATASETS NAME) makes its test require
# that fixture (FIXTURES_REQUIRED), so CTest never runs a benchmark on a dataset that is missing,
# tampered with or writable, and passes it BENCH_DATASET_PATH=ROOT.
#
# ROOT defaults to the folder of MANIFEST when MANIFEST is given, else to BENCH_DATASET_PATH as
# set when CMake configures, else to <project source>/datasets. MANIFEST defaults to
# ROOT/datasets.yaml, INDEX to the .index file beside MANIFEST (`benchgate datasets index`
# writes it). At configure time, using INDEX, the files of NAME that are present and match
# their SHA-256 are made read-only (0444); missing files are downloaded with CMake's own
# file(DOWNLOAD ... EXPECTED_HASH SHA256=...) when BENCHGATE_FETCH_DATASETS is ON (from
# BENCHGATE_DATASET_MIRROR, else the environment's BENCH_DATASET_MIRROR, as MIRROR/PATH, then
# from the file's URLs); without it, a message says how to fetch them. For retries and resume
# use `benchgate fetch` or scripts/get_dataset.sh.

include_guard(GLOBAL)

option(BENCHGATE_FETCH_DATASETS "Download missing dataset files when CMake configures" OFF)
set(BENCHGATE_DATASET_MIRROR "" CACHE STRING
    "Base URL tried first for dataset downloads at configure time (MIRROR/PATH)")

# _bg_dataset_download(NAME FILE RELPATH SHA URLS): file(DOWNLOAD) to FILE.part, checked against
# SHA, then renamed into place; sets _bg_ok in the caller.
function(_bg_dataset_download name file relpath sha urls)
  set(mirror "${BENCHGATE_DATASET_MIRROR}")
  if(NOT mirror AND DEFINED ENV{BENCH_DATASET_MIRROR})
    set(mirror "$ENV{BENCH_DATASET_MIRROR}")
  endif()
  set(candidates ${urls})
  if(mirror)
    string(REGEX REPLACE "/+$" "" mirror "${mirror}")
    list(PREPEND candidates "${mirror}/${relpath}")
  endif()
  set(_bg_ok FALSE PARENT_SCOPE)
  foreach(url IN LISTS candidates)
    file(DOWNLOAD "${url}" "${file}.part" EXPECTED_HASH SHA256=${sha} STATUS status
         TLS_VERIFY ON TIMEOUT 300 INACTIVITY_TIMEOUT 60)
    list(GET status 0 code)
    if(code EQUAL 0)
      file(RENAME "${file}.part" "${file}")
      file(CHMOD "${file}" PERMISSIONS OWNER_READ GROUP_READ WORLD_READ)
      message(STATUS "dataset ${name}: downloaded ${relpath} from ${url}")
      set(_bg_ok TRUE PARENT_SCOPE)
      return()
    endif()
    file(REMOVE "${file}.part")
    list(GET status 1 why)
    message(STATUS "dataset ${name}: ${relpath} from ${url}: ${why}")
  endforeach()
endfunction()

# _bg_dataset_prepare(NAME ROOT INDEX): makes valid files read-only, fetches missing ones.
function(_bg_dataset_prepare name root index)
  if(NOT EXISTS "${index}")
    message(STATUS "dataset ${name}: no index ${index}; files not checked at configure time")
    return()
  endif()
  file(STRINGS "${index}" lines)
  set(listed 0)
  foreach(line IN LISTS lines)
    if(line MATCHES "^#" OR NOT line MATCHES "^${name}\t")
      continue()
    endif()
    string(REPLACE "\t" ";" fields "${line}")
    list(LENGTH fields n)
    if(n LESS 5)
      message(FATAL_ERROR "dataset ${name}: ${index}: not an index line: ${line}")
    endif()
    list(GET fields 2 relpath)
    list(GET fields 4 sha)
    set(urls "")
    if(n GREATER 5)
      list(GET fields 5 urls)
      string(REPLACE " " ";" urls "${urls}")
    endif()
    if(relpath MATCHES "^/|(^|/)\\.\\.?(/|$)|//")
      message(FATAL_ERROR "dataset ${name}: ${index}: '${relpath}' leaves the dataset root")
    endif()
    math(EXPR listed "${listed} + 1")
    set(file "${root}/${relpath}")
    if(EXISTS "${file}")
      file(SHA256 "${file}" actual)
      if(actual STREQUAL sha)
        file(CHMOD "${file}" PERMISSIONS OWNER_READ GROUP_READ WORLD_READ)
      else()
        message(WARNING "dataset ${name}: ${relpath} does not match its SHA-256; the test "
                        "dataset.${name}.verify will fail (restore it, or run benchgate fetch)")
      endif()
    elseif(BENCHGATE_FETCH_DATASETS)
      get_filename_component(dir "${file}" DIRECTORY)
      file(MAKE_DIRECTORY "${dir}")
      _bg_dataset_download(${name} "${file}" "${relpath}" "${sha}" "${urls}")
      if(NOT _bg_ok)
        message(WARNING "dataset ${name}: ${relpath} could not be downloaded")
      endif()
    else()
      message(STATUS "dataset ${name}: ${relpath} is missing; fetch it with `benchgate fetch "
                     "${name}`, scripts/get_dataset.sh ${name}, or -DBENCHGATE_FETCH_DATASETS=ON")
    endif()
  endforeach()
  if(listed EQUAL 0)
    message(FATAL_ERROR "bg_add_dataset(${name}): ${index} lists no file of ${name}")
  endif()
endfunction()

function(bg_add_dataset name)
  cmake_parse_arguments(PARSE_ARGV 1 BG "" "MANIFEST;ROOT;INDEX" "")
  if(NOT name MATCHES "^[A-Za-z0-9][A-Za-z0-9_.-]*$" OR BG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "bg_add_dataset(${name} ${BG_UNPARSED_ARGUMENTS}): a dataset name and "
                        "MANIFEST, ROOT, INDEX are expected")
  endif()
  if(BG_MANIFEST)
    get_filename_component(BG_MANIFEST "${BG_MANIFEST}" ABSOLUTE
                           BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  endif()
  if(NOT BG_ROOT AND BG_MANIFEST)
    get_filename_component(BG_ROOT "${BG_MANIFEST}" DIRECTORY)
  elseif(NOT BG_ROOT AND NOT "$ENV{BENCH_DATASET_PATH}" STREQUAL "")
    set(BG_ROOT "$ENV{BENCH_DATASET_PATH}")
  elseif(NOT BG_ROOT)
    set(BG_ROOT "${PROJECT_SOURCE_DIR}/datasets")
  endif()
  get_filename_component(BG_ROOT "${BG_ROOT}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT BG_MANIFEST)
    set(BG_MANIFEST "${BG_ROOT}/datasets.yaml")
  endif()
  if(NOT BG_INDEX)
    get_filename_component(dir "${BG_MANIFEST}" DIRECTORY)
    get_filename_component(stem "${BG_MANIFEST}" NAME_WLE)
    set(BG_INDEX "${dir}/${stem}.index")
  endif()
  get_filename_component(BG_INDEX "${BG_INDEX}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")

  get_property(known GLOBAL PROPERTY BENCHGATE_DATASET_ROOT_${name} SET)
  if(known)
    message(FATAL_ERROR "bg_add_dataset(${name}): already added")
  endif()
  set_property(GLOBAL PROPERTY BENCHGATE_DATASET_ROOT_${name} "${BG_ROOT}")

  if(TARGET benchgate::cli)
    set(cli $<TARGET_FILE:benchgate::cli>)
  else()
    set(cli $<TARGET_FILE:benchgate_cli>)
  endif()
  add_test(NAME dataset.${name}.verify
           COMMAND ${cli} verify --dataset=${name} "--manifest=${BG_MANIFEST}" "--root=${BG_ROOT}")
  set_tests_properties(dataset.${name}.verify PROPERTIES
    FIXTURES_SETUP dataset.${name} LABELS dataset TIMEOUT 600)
  _bg_dataset_prepare(${name} "${BG_ROOT}" "${BG_INDEX}")
endfunction()

# _bg_benchmark_datasets(TEST DATASETS...): called by bg_add_benchmark for its DATASETS.
function(_bg_benchmark_datasets test)
  set(fixtures "")
  set(root "")
  foreach(ds IN LISTS ARGN)
    get_property(ds_root GLOBAL PROPERTY BENCHGATE_DATASET_ROOT_${ds})
    if(NOT ds_root)
      message(FATAL_ERROR "${test}: DATASETS ${ds}: call bg_add_dataset(${ds}) first")
    endif()
    if(root AND NOT root STREQUAL ds_root)
      message(FATAL_ERROR "${test}: its datasets lie under two roots (${root}, ${ds_root})")
    endif()
    set(root "${ds_root}")
    list(APPEND fixtures dataset.${ds})
  endforeach()
  set_tests_properties(${test} PROPERTIES FIXTURES_REQUIRED "${fixtures}")
  set_property(TEST ${test} APPEND PROPERTY ENVIRONMENT "BENCH_DATASET_PATH=${root}")
endfunction()
