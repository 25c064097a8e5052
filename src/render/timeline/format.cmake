# TimelineJS3 JSON: the chronicle as Knight Lab's web timeline reads it.
# Included by the top CMakeLists.txt (every src/render/*/format.cmake is).
chronik_stage(chronik_render_timeline render/timeline
  SOURCES src/render/timeline/timeline_renderer.cpp src/render/timeline/json_writer.cpp
          src/render/timeline/inline_html.cpp
  PUBLIC chronik_render_headers)
list(APPEND CHRONIK_FORMAT_STAGES chronik_render_timeline)
