# BenchGateGPU.cmake - decides whether the CUDA parts are built (BENCHGATE_CUDA=AUTO|ON|OFF).
# Sets BENCHGATE_HAVE_CUDA. The CPU parts never depend on it.
set(BENCHGATE_HAVE_CUDA OFF)
if(NOT BENCHGATE_CUDA MATCHES "^(AUTO|ON|OFF)$")
  message(FATAL_ERROR "BENCHGATE_CUDA must be AUTO, ON or OFF (got '${BENCHGATE_CUDA}')")
endif()
if(NOT BENCHGATE_CUDA STREQUAL "OFF")
  find_package(CUDAToolkit QUIET)
  if(CUDAToolkit_FOUND)
    set(BENCHGATE_HAVE_CUDA ON)
  elseif(BENCHGATE_CUDA STREQUAL "ON")
    message(FATAL_ERROR "BENCHGATE_CUDA=ON but no CUDA toolkit was found "
                        "(set CUDAToolkit_ROOT, or use BENCHGATE_CUDA=AUTO/OFF)")
  endif()
endif()
message(STATUS "benchgate: CUDA parts ${BENCHGATE_HAVE_CUDA} (BENCHGATE_CUDA=${BENCHGATE_CUDA})")
