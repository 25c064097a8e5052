# HTML: one self-contained, accessible page from the document model
# (docs/html.md). Included by the top CMakeLists.txt (every
# src/render/*/format.cmake is).
chronik_stage(chronik_render_html render/html
  SOURCES src/render/html/html_renderer.cpp
          src/render/html/html_escape.cpp
          src/render/html/html_style.cpp
  PUBLIC chronik_render_headers)
list(APPEND CHRONIK_FORMAT_STAGES chronik_render_html)
