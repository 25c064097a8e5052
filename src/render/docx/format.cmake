# The DOCX format's stage, included by the top CMakeLists.txt (every
# src/render/*/format.cmake is).
# DOCX: WordprocessingML from the document model (never through layout/).
chronik_stage(chronik_render_docx render/docx
  SOURCES src/render/docx/docx_renderer.cpp src/render/docx/docx_context.cpp
          src/render/docx/docx_xml.cpp src/render/docx/docx_units.cpp
          src/render/docx/docx_runs.cpp src/render/docx/docx_document.cpp
          src/render/docx/docx_styles.cpp src/render/docx/docx_parts.cpp
          src/render/docx/docx_media.cpp src/render/docx/docx_package.cpp
          src/render/docx/docx_looks.cpp src/render/docx/docx_pages.cpp
          src/render/docx/docx_widths.cpp
          src/render/docx/docx_theme.cpp src/render/docx/docx_latent_styles.cpp
          src/render/docx/docx_mammoth.cpp
          src/render/docx/docx_one_liners.cpp
  # docx_xml.hpp writes through tinyxml2's printer
  PUBLIC chronik_render_headers tinyxml2::tinyxml2
  PRIVATE chronik_text Poco::Zip)
list(APPEND CHRONIK_FORMAT_STAGES chronik_render_docx)
