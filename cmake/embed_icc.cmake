# Writes OUT: a C++ file holding the ICC profile ICC as bytes, behind the
# function FUNCTION() in namespace NAMESPACE, declared in HEADER, so the binary
# needs no profile on the machine that renders. The defaults make
# chronik::render::pdf::srgb_profile() (src/render/pdf/pdf_standards.hpp);
# the print profile is chronik::colour::fogra39l_coated_icc()
# (src/support/builtin_icc.hpp).
# Called as: cmake -DICC=... -DOUT=... [-DHEADER=... -DNAMESPACE=... -DFUNCTION=...]
#            -P embed_icc.cmake
if(NOT HEADER)
  set(HEADER render/pdf/pdf_standards.hpp)
endif()
if(NOT NAMESPACE)
  set(NAMESPACE chronik::render::pdf)
endif()
if(NOT FUNCTION)
  set(FUNCTION srgb_profile)
endif()
file(READ "${ICC}" hex HEX)
string(LENGTH "${hex}" digits)
math(EXPR size "${digits} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
# 16 bytes a line
string(REGEX REPLACE "(('[^']+',){16})" "\\1\n    " bytes "${bytes}")
file(WRITE "${OUT}.tmp" "// Generated from ${ICC} by cmake/embed_icc.cmake. Do not edit.
#include \"${HEADER}\"

namespace ${NAMESPACE} {

namespace {
constexpr char profile[${size}] = {
    ${bytes}};
} // namespace

std::string_view ${FUNCTION}() { return {profile, sizeof profile}; }

} // namespace ${NAMESPACE}
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
