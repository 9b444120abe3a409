# Every Stance target calls stance_target_defaults(): one place for warnings and the version.
function(stance_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast)
  if(STANCE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
