# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# The default documentation links (cmake/TetherDocsUrl.cmake): a forge's page of docs/checks/
# at the commit built for a clone of a public repository, the installed docs otherwise.
#   cmake -DSOURCE_DIR=<tether> -DWORK=<scratch dir> -P docs_url.cmake
include(${SOURCE_DIR}/cmake/TetherDocsUrl.cmake)

function(expect remote expected)
  tether_docs_url_of_remote(url "${remote}" 0123abc)
  if(NOT url STREQUAL expected)
    message(FATAL_ERROR "remote '${remote}': '${url}', expected '${expected}'")
  endif()
endfunction()

set(gh "https://github.com/acme/tether/blob/0123abc/docs/checks/")
expect("https://github.com/acme/tether" "${gh}")
expect("https://github.com/acme/tether.git" "${gh}")
expect("https://github.com/acme/tether/" "${gh}")
expect("git@github.com:acme/tether.git" "${gh}")
expect("ssh://git@github.com/acme/tether.git" "${gh}")
expect("https://gitlab.com/team/tools/tether.git"
       "https://gitlab.com/team/tools/tether/-/blob/0123abc/docs/checks/")
expect("/srv/git/tether" "")
expect("https://git.example.com/tether.git" "")
expect("https://github.com.evil.example/acme/tether" "")

# A checkout: its origin and HEAD decide; no origin, the installed docs.
find_package(Git REQUIRED)
set(repo ${WORK}/checkout)
file(REMOVE_RECURSE ${repo})
file(MAKE_DIRECTORY ${repo})
file(WRITE ${repo}/README "x\n")
foreach(step "init -q" "add README"
             "-c user.name=t -c user.email=t@t commit -qm init")
  separate_arguments(args UNIX_COMMAND "${step}")
  execute_process(COMMAND ${GIT_EXECUTABLE} ${args} WORKING_DIRECTORY ${repo}
                  RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "git ${step} failed")
  endif()
endforeach()
tether_default_docs_url(url ${repo} /usr/share/doc/tether)
if(NOT url STREQUAL "file:///usr/share/doc/tether/checks/")
  message(FATAL_ERROR "no origin: '${url}'")
endif()
execute_process(COMMAND ${GIT_EXECUTABLE} remote add origin git@github.com:acme/tether.git
                WORKING_DIRECTORY ${repo})
execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse HEAD WORKING_DIRECTORY ${repo}
                OUTPUT_VARIABLE head OUTPUT_STRIP_TRAILING_WHITESPACE)
tether_default_docs_url(url ${repo} /usr/share/doc/tether)
if(NOT url STREQUAL "https://github.com/acme/tether/blob/${head}/docs/checks/")
  message(FATAL_ERROR "origin on github.com: '${url}'")
endif()
message(STATUS "docs-url: forge links from remotes and checkouts, installed docs otherwise: ok")
