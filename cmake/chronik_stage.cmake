# One static library per folder of src/ (a "stage"), whose headers only
# the stages that link it can see.
#
#   chronik_stage(<target> <folder> SOURCES ... [PUBLIC libs...] [PRIVATE libs...])
#
# src/ itself is on no include path. Each stage gets an include root of its
# own in the build tree, build/stages/<target>/<folder>/, holding links to
# the headers of src/<folder> alone (not of its subfolders, which are
# stages of their own: render/ and render/pdf/ are two). A stage sees the
# roots of what it links, and PUBLIC links pass theirs on; so an include
# across an arrow the architecture forbids finds no file and fails to
# build, besides failing tests/architecture/check_architecture.py.
function(chronik_stage target folder)
  cmake_parse_arguments(STAGE "" "" "SOURCES;PUBLIC;PRIVATE" ${ARGN})
  add_library(${target} STATIC ${STAGE_SOURCES})
  set(root ${CMAKE_BINARY_DIR}/stages/${target})
  file(GLOB headers CONFIGURE_DEPENDS
       ${CMAKE_SOURCE_DIR}/src/${folder}/*.hpp ${CMAKE_SOURCE_DIR}/src/${folder}/*.h)
  file(REMOVE_RECURSE ${root})
  file(MAKE_DIRECTORY ${root}/${folder})
  foreach(header IN LISTS headers)
    get_filename_component(name ${header} NAME)
    file(CREATE_LINK ${header} ${root}/${folder}/${name} SYMBOLIC)
  endforeach()
  target_include_directories(${target} PUBLIC ${root})
  target_link_libraries(${target} PUBLIC ${STAGE_PUBLIC} PRIVATE ${STAGE_PRIVATE})
endfunction()
