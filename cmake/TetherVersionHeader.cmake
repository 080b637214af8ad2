# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Writes tether/Version.h: the version of project() and, in a git checkout, what
# `git describe` says of it. Run at every build (cmake -P), so that the header follows
# the checkout; the file is rewritten only when its text changes, so nothing rebuilds
# when the version did not move.
#   cmake -DTETHER_VERSION=X.Y.Z -DTETHER_SOURCE_DIR=DIR -DTETHER_OUTPUT=FILE
#         -DTETHER_TEMPLATE=FILE -P TetherVersionHeader.cmake
set(TETHER_GIT_DESCRIBE "")
if(EXISTS "${TETHER_SOURCE_DIR}/.git")
  find_package(Git QUIET)
  if(GIT_FOUND)
    execute_process(
      COMMAND "${GIT_EXECUTABLE}" describe --tags --always --dirty
      WORKING_DIRECTORY "${TETHER_SOURCE_DIR}"
      OUTPUT_VARIABLE TETHER_GIT_DESCRIBE OUTPUT_STRIP_TRAILING_WHITESPACE
      RESULT_VARIABLE describe_result ERROR_QUIET)
    if(NOT describe_result EQUAL 0)
      set(TETHER_GIT_DESCRIBE "")
    endif()
  endif()
endif()
string(REPLACE "." ";" version_parts "${TETHER_VERSION}")
list(GET version_parts 0 TETHER_VERSION_MAJOR)
list(GET version_parts 1 TETHER_VERSION_MINOR)
list(GET version_parts 2 TETHER_VERSION_PATCH)
if(TETHER_GIT_DESCRIBE)
  set(TETHER_VERSION_STRING "${TETHER_VERSION} (git ${TETHER_GIT_DESCRIBE})")
else()
  set(TETHER_VERSION_STRING "${TETHER_VERSION}")
endif()
configure_file("${TETHER_TEMPLATE}" "${TETHER_OUTPUT}" @ONLY)
