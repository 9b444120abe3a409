# ASan + UBSan for the whole build (the "asan" preset); any report fails the test.
if(STANCE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
# Tests of population statistics (many simulated persons) run in the optimised build only: under
# the sanitizers, unoptimised, they would take tens of minutes and check no more memory safety
# than the single-person tests that run there too.
if(STANCE_SANITIZE)
  add_compile_definitions(STANCE_SANITIZED=1)
endif()
