# TimelineJS3 JSON: the chronicle as Knight Lab's web timeline reads it.
# Included by the top CMakeLists.txt (every src/render/*/format.cmake is).
# It links chronik_render itself (declared after this file, resolved when
# CMake generates): attachment_path() is compiled there, and the registry's
# link to this stage alone puts that library before this one on the line.
chronik_stage(chronik_render_timeline render/timeline
  SOURCES src/render/timeline/timeline_renderer.cpp src/render/timeline/json_writer.cpp
          src/render/timeline/inline_html.cpp src/render/timeline/data_uri.cpp
  PUBLIC chronik_render_headers
  PRIVATE chronik_render)
list(APPEND CHRONIK_FORMAT_STAGES chronik_render_timeline)
