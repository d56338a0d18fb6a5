# Runs one fuzz harness briefly for ctest (cmake -P). libFuzzer adds what it finds to its first corpus folder, so the
# seeds are copied to a fresh work folder under the build tree and the repository is never written; an input that
# fails is saved there too.
# -DHARNESS=executable -DSEEDS=seed folder -DWORK=work folder -DSECONDS=how long
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/corpus")
file(COPY "${SEEDS}/" DESTINATION "${WORK}/corpus")
execute_process(
  COMMAND "${HARNESS}" -max_total_time=${SECONDS} -timeout=10 -print_final_stats=1 "-artifact_prefix=${WORK}/"
          "${WORK}/corpus"
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${HARNESS} failed (${result}); the failing input is in ${WORK}/ (run the harness on it to "
                      "reproduce)")
endif()
