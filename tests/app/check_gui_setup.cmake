# Runs the set-up script on a 1024x768 screen and checks, with the command line, that the
# patients' records and the clinic's protocol it saved are in the store.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(ENV{XDG_DATA_HOME} ${WORK}/data)
set(db ${WORK}/clinic.db)
foreach(add "PFP-201;--name;Łucja Ősz;--involved;left" "PFP-202;--name;Anna Berg" "KNE-300")
  execute_process(COMMAND ${STANCE} --db ${db} patient add ${add}
                  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "stance patient add ${add} failed (${code}):\n${out}\n${err}")
  endif()
endforeach()
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1024x768x24" ${STANCE} gui --device sim:speed=8
          --camera none --script ${SCRIPT} --db ${db} --window 1024x768
  WORKING_DIRECTORY ${WORK}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "stance gui failed (${code}):\n${out}\n${err}")
endif()
foreach(png setup-empty protocols setup)
  if(NOT EXISTS ${WORK}/${png}.png)
    message(FATAL_ERROR "no screenshot ${png}.png")
  endif()
endforeach()

function(expect_output what pattern)
  execute_process(COMMAND ${STANCE} --db ${db} ${what}
                  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0 OR NOT out MATCHES "${pattern}")
    message(FATAL_ERROR "stance ${what}: expected '${pattern}' (${code}):\n${out}\n${err}")
  endif()
endfunction()
expect_output("patient;show;PFP-201" "Birth year +1988")
expect_output("patient;show;PFP-201" "Sex +female")
expect_output("patient;show;PFP-201" "Height +168.0 cm")
expect_output("patient;show;PFP-201" "Mass +61.5 kg")
expect_output("patient;show;PFP-201" "Involved side +left")
expect_output("patient;show;PFP-201" "Patient PFP-201 \\(Łucja Ősz\\)")
expect_output("patient;show;KNE-301" "Patient KNE-301 \\(Şebnem Çelik\\)")
expect_output("patient;show;KNE-301" "Mass +70.0 kg")
expect_output("patient;show;KNE-301" "Involved side +right")
expect_output("protocol;list" "squat-3x4 +squat +60 s +4 +2 +open")
