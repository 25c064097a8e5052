# The PDF format's stage, included by the top CMakeLists.txt (every
# src/render/*/format.cmake is).
# PDF: the page tree painted through one libharu adapter.
find_path(HPDF_INCLUDE_DIR hpdf.h REQUIRED)
find_library(HPDF_LIBRARY hpdf REQUIRED)
pkg_check_modules(DEFLATE REQUIRED IMPORTED_TARGET libdeflate)
# The output intent of PDF/A: the sRGB profile of Debian's icc-profiles-free
# (scripts/install-deps.sh), linked into the binary at build time, so that
# rendering needs no file outside chronik.
set(CHRONIK_SRGB_ICC /usr/share/color/icc/sRGB.icc CACHE FILEPATH
    "sRGB ICC profile for the PDF/A output intent (Debian: icc-profiles-free)")
if(NOT EXISTS ${CHRONIK_SRGB_ICC})
  message(FATAL_ERROR "${CHRONIK_SRGB_ICC} is missing: apt-get install icc-profiles-free "
                      "(or scripts/install-deps.sh), or set CHRONIK_SRGB_ICC")
endif()
set(CHRONIK_SRGB_EMBED ${CMAKE_BINARY_DIR}/generated/srgb_profile.cpp)
add_custom_command(OUTPUT ${CHRONIK_SRGB_EMBED}
  COMMAND ${CMAKE_COMMAND} -DICC=${CHRONIK_SRGB_ICC} -DOUT=${CHRONIK_SRGB_EMBED}
          -P ${CMAKE_SOURCE_DIR}/cmake/embed_icc.cmake
  DEPENDS ${CHRONIK_SRGB_ICC} ${CMAKE_SOURCE_DIR}/cmake/embed_icc.cmake
  COMMENT "Embedding the sRGB ICC profile" VERBATIM)
chronik_stage(chronik_render_pdf render/pdf
  SOURCES src/render/pdf/pdf_renderer.cpp src/render/pdf/pdf_writer.cpp
          src/render/pdf/embedded_font.cpp src/render/pdf/stream_compression.cpp
          src/render/pdf/content_stream.cpp
          src/render/pdf/image_for_pdf.cpp src/render/pdf/pdf_standards.cpp
          src/render/pdf/xmp_packet.cpp src/render/pdf/print_colour.cpp
          src/render/pdf/pdf_images.cpp src/render/pdf/image_resample.cpp ${CHRONIK_SRGB_EMBED}
  PUBLIC chronik_render_headers
  PRIVATE chronik_design chronik_layout chronik_preflight chronik_text ${HPDF_LIBRARY}
          PkgConfig::DEFLATE
          PNG::PNG ZLIB::ZLIB Threads::Threads)
target_include_directories(chronik_render_pdf PRIVATE ${HPDF_INCLUDE_DIR})
# The /Producer names chronik's version (pdf_standards.cpp).
target_compile_definitions(chronik_render_pdf PRIVATE CHRONIK_VERSION="${PROJECT_VERSION}")
list(APPEND CHRONIK_FORMAT_STAGES chronik_render_pdf)
