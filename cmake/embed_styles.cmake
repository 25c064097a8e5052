# Writes OUT: a C++ file holding every styles/*.xml as a string, so the
# chronik binary carries its default styles and works from any folder.
# Called as: cmake -DSTYLES_DIR=... -DOUT=... -P embed_styles.cmake
file(GLOB sheets "${STYLES_DIR}/*.xml")
list(SORT sheets)
set(body "")
foreach(sheet IN LISTS sheets)
  get_filename_component(name "${sheet}" NAME_WE)
  file(READ "${sheet}" text)
  string(APPEND body "    {\"${name}\", R\"chronik_style(${text})chronik_style\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from styles/*.xml by cmake/embed_styles.cmake. Do not edit.
#include \"style/builtin_styles.hpp\"

namespace chronik::style {

namespace {
constexpr BuiltinStyle sheets[] = {
${body}};
} // namespace

std::span<const BuiltinStyle> builtin_styles() { return sheets; }

std::string_view builtin_style_text(std::string_view name) {
    for (const auto& s : sheets)
        if (s.name == name)
            return s.text;
    return {};
}

} // namespace chronik::style
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
