# Runs the scripted session and checks what it left behind.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(ENV{XDG_DATA_HOME} ${WORK}/data)  # its tare and check are saved here, not in the user's folder
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x900x24" ${STANCE} gui --device sim:speed=8 --camera auto
          --script ${SCRIPT} --db ${WORK}/clinic.db
  WORKING_DIRECTORY ${WORK}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "stance gui failed (${code}):\n${out}\n${err}")
endif()
foreach(png setup live result results results-stance history replay device)
  if(NOT EXISTS ${WORK}/${png}.png)
    message(FATAL_ERROR "no screenshot ${png}.png")
  endif()
  file(SIZE ${WORK}/${png}.png size)
  if(size LESS 20000)  # a blank 1280x900 PNG is ~4 kB
    message(FATAL_ERROR "${png}.png is only ${size} bytes: nothing drawn?")
  endif()
endforeach()
# The squat protocol's 2 trials and the stance protocol's 4 are in the store, in two sessions
# of the patient the script named, both in visit 1.
execute_process(COMMAND ${STANCE} --db ${WORK}/clinic.db session list PFP-042
                RESULT_VARIABLE code OUTPUT_VARIABLE sessions ERROR_VARIABLE err)
if(NOT code EQUAL 0 OR NOT sessions MATCHES "\n1 +1 +[^\n]*single-leg-squat[^\n]*2 \\(2\\)"
   OR NOT sessions MATCHES "\n2 +1 +[^\n]*single-leg-stance[^\n]*4 \\([0-9]\\)"
   OR NOT sessions MATCHES "K. Ngata")
  message(FATAL_ERROR "the store does not hold the visit's two sessions (2 and 4 valid trials):\n"
                      "${sessions}${err}")
endif()
# The history's "Test sheet" button wrote the visit's one-page PDF beside the store, with both
# protocols on it.
set(sheet ${WORK}/sheets/PFP-042-visit-1.pdf)
if(NOT EXISTS ${sheet})
  message(FATAL_ERROR "the test sheet ${sheet} was not written")
endif()
file(READ ${sheet} head LIMIT 4 HEX)
if(NOT head STREQUAL "25504446")  # "%PDF"
  message(FATAL_ERROR "${sheet} is not a PDF")
endif()
find_program(PDFTOTEXT pdftotext REQUIRED)
execute_process(COMMAND ${PDFTOTEXT} -layout ${sheet} -
                RESULT_VARIABLE code OUTPUT_VARIABLE text ERROR_VARIABLE err)
if(NOT code EQUAL 0 OR NOT text MATCHES "Single-leg squat" OR NOT text MATCHES "Single-leg stance"
   OR NOT text MATCHES "page 1 of 1")
  message(FATAL_ERROR "the visit's sheet does not show both protocols on one page:\n${text}${err}")
endif()
