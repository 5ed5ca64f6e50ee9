# BenchGateGPU.cmake - decides whether the CUDA parts are built (BENCHGATE_CUDA=AUTO|ON|OFF), or
# built for the CPU emulator (EMULATE: the toolkit's headers, no nvcc, no GPU; emulator/).
# Sets BENCHGATE_HAVE_CUDA, BENCHGATE_CUDA_EMULATED, and the libraries to link:
# BENCHGATE_CUDART_LIB and BENCHGATE_CUBLAS_LIB. The CPU parts never depend on them.
# In a project that uses benchgate (find_package(benchgate), then include(BenchGateGPU)), the
# same option decides whether that project's GPU benchmarks are built; benchgate::cuda must be
# there (benchgate built with CUDA) for them.
if(NOT DEFINED BENCHGATE_CUDA)
  set(BENCHGATE_CUDA AUTO CACHE STRING "Build the CUDA parts: AUTO, ON, OFF, EMULATE")
endif()
set(BENCHGATE_HAVE_CUDA OFF)
set(BENCHGATE_CUDA_EMULATED OFF)
if(NOT BENCHGATE_CUDA MATCHES "^(AUTO|ON|OFF|EMULATE)$")
  message(FATAL_ERROR "BENCHGATE_CUDA must be AUTO, ON, OFF or EMULATE (got '${BENCHGATE_CUDA}')")
endif()
if(BENCHGATE_CUDA STREQUAL "EMULATE")
  find_package(CUDAToolkit QUIET)
  if(NOT CUDAToolkit_FOUND)
    message(FATAL_ERROR "BENCHGATE_CUDA=EMULATE needs the CUDA toolkit's headers (set CUDAToolkit_ROOT)")
  endif()
  enable_language(CXX)
  set(BENCHGATE_HAVE_CUDA ON)
  set(BENCHGATE_CUDA_EMULATED ON)
  set(BENCHGATE_CUDART_LIB bg_cuda_emu)
  if(TARGET benchgate::bg_cuda_emu) # a project using an installed benchgate
    set(BENCHGATE_CUDART_LIB benchgate::bg_cuda_emu)
  endif()
  set(BENCHGATE_CUBLAS_LIB ${BENCHGATE_CUDART_LIB})
elseif(NOT BENCHGATE_CUDA STREQUAL "OFF")
  find_package(CUDAToolkit QUIET)
  if(CUDAToolkit_FOUND)
    set(BENCHGATE_HAVE_CUDA ON)
  elseif(BENCHGATE_CUDA STREQUAL "ON")
    message(FATAL_ERROR "BENCHGATE_CUDA=ON but no CUDA toolkit was found "
                        "(set CUDAToolkit_ROOT, or use BENCHGATE_CUDA=AUTO/OFF)")
  endif()
endif()
if(BENCHGATE_HAVE_CUDA AND NOT TARGET benchgate_cuda AND NOT TARGET benchgate::cuda
   AND NOT PROJECT_NAME STREQUAL "benchgate")
  if(BENCHGATE_CUDA STREQUAL "AUTO")
    set(BENCHGATE_HAVE_CUDA OFF)
    set(BENCHGATE_CUDA_EMULATED OFF)
  else()
    message(FATAL_ERROR "BENCHGATE_CUDA=${BENCHGATE_CUDA} but benchgate::cuda is missing: "
                        "benchgate was built without CUDA, or find_package(benchgate) did not "
                        "find the CUDA toolkit")
  endif()
endif()
if(BENCHGATE_HAVE_CUDA AND NOT BENCHGATE_CUDA_EMULATED)
  set(BENCHGATE_CUDART_LIB CUDA::cudart)
  set(BENCHGATE_CUBLAS_LIB CUDA::cublas)
  if(NOT CMAKE_CUDA_COMPILER AND CUDAToolkit_NVCC_EXECUTABLE)
    set(CMAKE_CUDA_COMPILER "${CUDAToolkit_NVCC_EXECUTABLE}")
  endif()
  if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
    # Turing, Ampere, and Hopper (sm_90) as machine code, plus sm_90 PTX for newer GPUs.
    set(CMAKE_CUDA_ARCHITECTURES 75-real 80-real 90)
  endif()
  # One CUDA runtime in every executable: the shared one the library links (CUDA::cudart).
  set(CMAKE_CUDA_RUNTIME_LIBRARY Shared)
  enable_language(CUDA)
  set(CMAKE_CUDA_STANDARD 17)
  set(CMAKE_CUDA_STANDARD_REQUIRED ON)
endif()
message(STATUS "benchgate: CUDA parts ${BENCHGATE_HAVE_CUDA} (BENCHGATE_CUDA=${BENCHGATE_CUDA})")

# bg_cuda_language(FILE.cu...): on the emulator, CUDA sources are compiled as C++ (with
# emulator/cuda_emu.h first, through bg_cuda_emu's usage requirements); otherwise as CUDA.
function(bg_cuda_language)
  if(BENCHGATE_CUDA_EMULATED)
    set_source_files_properties(${ARGN} PROPERTIES LANGUAGE CXX)
  endif()
endfunction()

# bg_cuda_sources(TARGET FILE.cu...): adds CUDA sources to a target, in bg_cuda_language.
function(bg_cuda_sources target)
  target_sources(${target} PRIVATE ${ARGN})
  bg_cuda_language(${ARGN})
endfunction()
