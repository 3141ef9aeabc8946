# One short fuzz run, for CTest (cmake -P): FUZZER on a fresh corpus folder
# WORK plus the seed folder SEEDS, for SECONDS after the seeds, with the
# dictionary DICT when one is named; a crash is kept as CRASHES/NAME-...
# and fails the test.
get_filename_component(name ${FUZZER} NAME)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK} ${CRASHES})
set(args -max_total_time=${SECONDS} -seed=1 -timeout=60 -rss_limit_mb=2048
         -artifact_prefix=${CRASHES}/${name}-)
if(DICT)
  list(APPEND args -dict=${DICT})
endif()
execute_process(COMMAND ${FUZZER} ${args} ${WORK} ${SEEDS} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${name} failed (${rc}); the input is under ${CRASHES}")
endif()
