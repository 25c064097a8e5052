# HTML: one self-contained, accessible page from the document model
# (docs/html.md). Included by the top CMakeLists.txt (every
# src/render/*/format.cmake is).
chronik_stage(chronik_render_html render/html
  SOURCES src/render/html/html_renderer.cpp
          src/render/html/html_escape.cpp
          src/render/html/html_style.cpp
          src/render/html/base64.cpp
  PUBLIC chronik_render_headers
  # attachment_path() is compiled into the registry's library (render/
  # attachment.cpp), which links the format stages: a format that calls it
  # links it back (a cycle CMake repeats on the link line). Reported to the
  # lead: the house mechanism has no library of the render/ interface.
  PRIVATE chronik_render)
list(APPEND CHRONIK_FORMAT_STAGES chronik_render_html)
