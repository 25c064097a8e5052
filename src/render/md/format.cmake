# Markdown: CommonMark from the document model. Included by the top
# CMakeLists.txt (every src/render/*/format.cmake is).
chronik_stage(chronik_render_md render/md
  SOURCES src/render/md/markdown_renderer.cpp
  PUBLIC chronik_render_headers)
list(APPEND CHRONIK_FORMAT_STAGES chronik_render_md)
