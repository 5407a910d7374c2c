# Writes the version header at build time (target corridor_version), so the revision baked
# into the binaries and written to every output file is the one built, not the one that was
# checked out when CMake last configured. "-dirty" marks a build with uncommitted changes to
# tracked files. configure_file leaves the header untouched when nothing changed, so an
# unchanged revision rebuilds nothing.
execute_process(COMMAND git rev-parse --short=12 HEAD WORKING_DIRECTORY ${SOURCE_DIR}
  OUTPUT_VARIABLE CORRIDOR_GIT_REVISION OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT CORRIDOR_GIT_REVISION)
  set(CORRIDOR_GIT_REVISION "unknown")
else()
  execute_process(COMMAND git status --porcelain --untracked-files=no
    WORKING_DIRECTORY ${SOURCE_DIR} OUTPUT_VARIABLE changes ERROR_QUIET)
  if(changes)
    string(APPEND CORRIDOR_GIT_REVISION "-dirty")
  endif()
endif()
configure_file(${SOURCE_DIR}/sim/version.hpp.in ${OUTPUT} @ONLY)
