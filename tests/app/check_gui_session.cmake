# Runs the scripted session and checks what it left behind.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x900x24" ${STANCE} gui --device sim:speed=8
          --script ${SCRIPT} --trials-dir ${WORK}/trials
  WORKING_DIRECTORY ${WORK}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "stance gui failed (${code}):\n${out}\n${err}")
endif()
foreach(png setup live result results device)
  if(NOT EXISTS ${WORK}/${png}.png)
    message(FATAL_ERROR "no screenshot ${png}.png")
  endif()
  file(SIZE ${WORK}/${png}.png size)
  if(size LESS 20000)  # a blank 1280x900 PNG is ~4 kB
    message(FATAL_ERROR "${png}.png is only ${size} bytes: nothing drawn?")
  endif()
endforeach()
file(GLOB_RECURSE trials ${WORK}/trials/*.stance)
list(LENGTH trials n)
if(NOT n EQUAL 2)
  message(FATAL_ERROR "expected 2 saved trials, found ${n}: ${trials}")
endif()
