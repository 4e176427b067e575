# Fails when a doctest case's name cannot be selected on its own by CTest. doctest_discover_tests
# registers each case as `--test-case=<name>`, and doctest splits that filter at ';' (commas are
# escaped): a case whose name holds a ';' would be registered as filters matching nothing, and a
# run of zero cases passes. Run as: cmake -DEXE=<test executable> -P check_test_names.cmake
execute_process(COMMAND "${EXE}" --list-test-cases --no-intro=true --no-version=true
                OUTPUT_VARIABLE listing RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${EXE} --list-test-cases failed (${status})")
endif()
string(FIND "${listing}" ";" at)
if(NOT at EQUAL -1)
  string(REPLACE ";" "<;>" shown "${listing}")
  message(FATAL_ERROR "test case names must not contain ';' (CTest could not run them):\n${shown}")
endif()
