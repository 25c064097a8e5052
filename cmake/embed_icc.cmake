# Writes OUT: a C++ file holding the ICC profile ICC as bytes, behind
# chronik::render::pdf::srgb_profile() (src/render/pdf/pdf_standards.hpp),
# so the binary needs no profile on the machine that renders.
# Called as: cmake -DICC=... -DOUT=... -P embed_icc.cmake
file(READ "${ICC}" hex HEX)
string(LENGTH "${hex}" digits)
math(EXPR size "${digits} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
# 16 bytes a line
string(REGEX REPLACE "(('[^']+',){16})" "\\1\n    " bytes "${bytes}")
file(WRITE "${OUT}.tmp" "// Generated from ${ICC} by cmake/embed_icc.cmake. Do not edit.
#include \"render/pdf/pdf_standards.hpp\"

namespace chronik::render::pdf {

namespace {
constexpr char profile[${size}] = {
    ${bytes}};
} // namespace

std::string_view srgb_profile() { return {profile, sizeof profile}; }

} // namespace chronik::render::pdf
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
