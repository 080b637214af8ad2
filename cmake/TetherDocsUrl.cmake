# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Where the reports (SARIF rules) and tether-clangd link each check's page.
#
# A build from a clone of tether's public repository links to docs/checks/ there, at the
# commit built, so the page matches the check that reports. Anything else (a source archive,
# a clone of a local or private mirror) links to the installed docs. A fork or a team that
# publishes the docs elsewhere sets TETHER_DOCS_URL.

# The docs/checks/ URL of a commit REF of the repository behind REMOTE (a git remote URL), or
# "" when REMOTE is not on a forge whose file pages are known.
function(tether_docs_url_of_remote out remote ref)
  set(url "")
  if(remote MATCHES "^(https?://|ssh://git@|git@)(github\\.com|gitlab\\.com)[:/](.+)$")
    set(forge ${CMAKE_MATCH_2})
    set(path "${CMAKE_MATCH_3}")
    string(REGEX REPLACE "/$" "" path "${path}")
    string(REGEX REPLACE "\\.git$" "" path "${path}")
    if(forge STREQUAL "github.com")
      set(url "https://github.com/${path}/blob/${ref}/docs/checks/")
    else()
      set(url "https://gitlab.com/${path}/-/blob/${ref}/docs/checks/")
    endif()
  endif()
  set(${out} "${url}" PARENT_SCOPE)
endfunction()

# The default of TETHER_DOCS_URL for the checkout at SOURCE_DIR.
function(tether_default_docs_url out source_dir installed_docs)
  set(url "file://${installed_docs}/checks/")
  find_package(Git QUIET)
  if(GIT_FOUND AND EXISTS "${source_dir}/.git")
    execute_process(COMMAND "${GIT_EXECUTABLE}" remote get-url origin
                    WORKING_DIRECTORY "${source_dir}" OUTPUT_VARIABLE remote
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE no_remote)
    execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse HEAD
                    WORKING_DIRECTORY "${source_dir}" OUTPUT_VARIABLE ref
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE no_ref)
    if(NOT no_remote AND NOT no_ref)
      tether_docs_url_of_remote(forge_url "${remote}" "${ref}")
      if(forge_url)
        set(url "${forge_url}")
      endif()
    endif()
  endif()
  set(${out} "${url}" PARENT_SCOPE)
endfunction()
