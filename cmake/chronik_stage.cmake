# One static library per folder of src/ (a "stage"), whose headers only
# the stages that link it can see.
#
#   chronik_stage(<target> <folder> SOURCES ... [PUBLIC libs...] [PRIVATE libs...])
#
# src/ itself is on no include path. Each stage gets an include root of its
# own in the build tree, build/stages/<target>/<folder>/, holding links to
# the headers of src/<folder> alone (not of its subfolders, which are
# stages of their own: render/ and render/pdf/ are two). The root is the
# interface target <target>_headers, which carries the PUBLIC links (what
# the stage's headers include); <target> links it and its PRIVATE libs. A
# stage sees the roots of what it links, so an include across an arrow the
# architecture forbids finds no file and fails to build (besides failing
# tests/architecture/check_architecture.py). A plug-in (a renderer, a
# design) links its family's <family>_headers for the interface, and the
# family's registry links the plug-ins: no cycle.
function(chronik_stage target folder)
  cmake_parse_arguments(STAGE "" "" "SOURCES;PUBLIC;PRIVATE" ${ARGN})
  set(root ${CMAKE_BINARY_DIR}/stages/${target})
  file(GLOB headers CONFIGURE_DEPENDS
       ${CMAKE_SOURCE_DIR}/src/${folder}/*.hpp ${CMAKE_SOURCE_DIR}/src/${folder}/*.h)
  file(REMOVE_RECURSE ${root})
  file(MAKE_DIRECTORY ${root}/${folder})
  foreach(header IN LISTS headers)
    get_filename_component(name ${header} NAME)
    file(CREATE_LINK ${header} ${root}/${folder}/${name} SYMBOLIC)
  endforeach()
  add_library(${target}_headers INTERFACE)
  target_include_directories(${target}_headers INTERFACE ${root})
  target_link_libraries(${target}_headers INTERFACE ${STAGE_PUBLIC})
  add_library(${target} STATIC ${STAGE_SOURCES})
  target_link_libraries(${target} PUBLIC ${target}_headers PRIVATE ${STAGE_PRIVATE})
endfunction()
