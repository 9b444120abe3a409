# `stance` with no arguments and no display runs the complete simulated test, filmed.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env --unset=DISPLAY --unset=WAYLAND_DISPLAY XDG_DATA_HOME=${WORK}
          ${STANCE}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "stance failed (${code}):\n${out}\n${err}")
endif()
foreach(expected "No display found" "Single-leg squat, 5 repetitions" "Knee FPPA, peak"
                 "true 3-D knee angle" "Test sheet \\(PDF\\)")
  if(NOT out MATCHES "${expected}")
    message(FATAL_ERROR "no '${expected}' in the output:\n${out}\n${err}")
  endif()
endforeach()
if(out MATCHES "Without the camera")
  message(FATAL_ERROR "stance-knee was not found beside stance:\n${out}\n${err}")
endif()
file(GLOB_RECURSE sheets ${WORK}/*/demo-test-sheet.pdf)
list(LENGTH sheets n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "expected one test sheet under ${WORK}, found: ${sheets}")
endif()
