# BenchGateWarnings.cmake - warning and sanitizer flags for benchgate's own targets.
function(bg_target_warnings target)
  if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra -Wpedantic
                           -Wshadow -Wstrict-prototypes -Wmissing-prototypes>)
    if(BENCHGATE_WERROR)
      target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:C>:-Werror>)
    endif()
  endif()
  if(BENCHGATE_ASSERTS) # the invariant checks of common/common.h (BG__ASSERT), in every build type
    target_compile_definitions(${target} PRIVATE BG_ASSERTS=1)
  endif()
endfunction()

if(BENCHGATE_SANITIZE)
  add_compile_options($<$<COMPILE_LANGUAGE:C>:-fsanitize=${BENCHGATE_SANITIZE}>
                      $<$<COMPILE_LANGUAGE:C>:-fno-omit-frame-pointer>
                      $<$<COMPILE_LANGUAGE:C>:-fno-sanitize-recover=all>)
  add_link_options(-fsanitize=${BENCHGATE_SANITIZE})
endif()

# A library of benchgate exports its public API alone: its objects are compiled with hidden
# visibility and the public headers mark each function BG_API (include/benchgate/api.h), so a
# bench executable that exports its symbols to plugins (ENABLE_EXPORTS), or a shared build,
# shows users the bg_ functions of include/benchgate/ and none of the internal bg__ ones
# (tests/integration/check_exports.sh checks the installed libraries).
function(bg_target_public_api target)
  set_target_properties(${target} PROPERTIES C_VISIBILITY_PRESET hidden
                        CUDA_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
endfunction()
