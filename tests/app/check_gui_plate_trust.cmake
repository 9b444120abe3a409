# Runs the plate-trust script and checks that the mark went into the store and onto the sheet.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(ENV{XDG_DATA_HOME} ${WORK}/data)  # the failed check is saved here, not in the user's folder
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x900x24" ${STANCE} gui --device sim:speed=8
          --camera none --script ${SCRIPT} --db ${WORK}/clinic.db
  WORKING_DIRECTORY ${WORK}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "stance gui failed (${code}):\n${out}\n${err}")
endif()
foreach(png device setup question result results)
  if(NOT EXISTS ${WORK}/${png}.png)
    message(FATAL_ERROR "no screenshot ${png}.png")
  endif()
endforeach()
# The saved adjustment keeps the failed check.
file(GLOB adjustments ${WORK}/data/stance/plates/*.adjustment)
if(NOT adjustments)
  message(FATAL_ERROR "the failed check was not saved in ${WORK}/data/stance/plates")
endif()
# The store keeps the mark with each trial: its one-line verdict.
execute_process(COMMAND ${STANCE} --db ${WORK}/clinic.db report 1 --out ${WORK}/visit.csv
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(READ ${WORK}/visit.csv csv)
string(REGEX MATCHALL "plate not verified" marks "${csv}")
list(LENGTH marks count)
if(NOT code EQUAL 0 OR count LESS 2)
  message(FATAL_ERROR "the stored trials are not marked \"plate not verified\":\n${csv}${err}")
endif()
# The sheet written by the dashboard says it, read back with pdftotext.
set(sheet ${WORK}/sheets/PFP-077-visit-1.pdf)
execute_process(COMMAND pdftotext -layout ${sheet} -
                RESULT_VARIABLE code OUTPUT_VARIABLE text ERROR_VARIABLE err)
if(NOT code EQUAL 0 OR NOT text MATCHES "Plate not verified: 2 of 2 trials"
   OR NOT text MATCHES "plate not verified: its known-mass check failed on")
  message(FATAL_ERROR "the sheet ${sheet} does not say \"plate not verified\":\n${text}${err}")
endif()
