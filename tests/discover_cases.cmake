# Run after each test executable is linked (cmake -P, a POST_BUILD step of
# pel_add_test in tests/CMakeLists.txt), as CMake's gtest_discover_tests
# does: asks EXE for its cases (`EXE --list`, one SUITE/CASE a line) and
# writes OUT, which CTest includes: one test per case, named NAME/SUITE/CASE,
# that runs `EXE SUITE/CASE` in WORKDIR, labelled NAME (ctest -L NAME runs
# the whole executable's cases).  A new case needs no edit here.
foreach(var EXE NAME OUT WORKDIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "discover_cases.cmake: -D ${var}=... is missing")
  endif()
endforeach()

execute_process(COMMAND "${EXE}" --list
  OUTPUT_VARIABLE listed ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NAME} --list failed (${rc}): ${err}")
endif()

string(REGEX REPLACE "\n$" "" listed "${listed}")
string(REPLACE "\n" ";" cases "${listed}")
set(script "# written by tests/discover_cases.cmake from `${NAME} --list`\n")
set(n 0)
foreach(c IN LISTS cases)
  # the names pel_t_main lists: nothing CTest or a shell would need quoted
  if(NOT c MATCHES "^[a-z0-9_]+/[a-z0-9_]+$")
    message(FATAL_ERROR "${NAME} --list printed '${c}', not SUITE/CASE")
  endif()
  string(APPEND script
    "add_test(${NAME}/${c} [==[${EXE}]==] ${c})\n"
    "set_tests_properties(${NAME}/${c} PROPERTIES WORKING_DIRECTORY [==[${WORKDIR}]==] LABELS ${NAME})\n")
  math(EXPR n "${n} + 1")
endforeach()
if(n EQUAL 0)
  message(FATAL_ERROR "${NAME} --list printed no case")
endif()
file(WRITE "${OUT}" "${script}")
