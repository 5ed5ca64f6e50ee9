# BenchGateWarnings.cmake - warning and sanitizer flags for benchgate's own targets.
function(bg_target_warnings target)
  if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra -Wpedantic
                           -Wshadow -Wstrict-prototypes -Wmissing-prototypes>)
    if(BENCHGATE_WERROR)
      target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:C>:-Werror>)
    endif()
  endif()
endfunction()

if(BENCHGATE_SANITIZE)
  add_compile_options($<$<COMPILE_LANGUAGE:C>:-fsanitize=${BENCHGATE_SANITIZE}>
                      $<$<COMPILE_LANGUAGE:C>:-fno-omit-frame-pointer>
                      $<$<COMPILE_LANGUAGE:C>:-fno-sanitize-recover=all>)
  add_link_options(-fsanitize=${BENCHGATE_SANITIZE})
endif()
