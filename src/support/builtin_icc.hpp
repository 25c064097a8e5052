// The ICC profiles linked into the binary (cmake/embed_icc.cmake writes the
// definitions at build time), so rendering needs no file outside chronik.
#pragma once

#include <string_view>

namespace chronik::colour {

// FOGRA39L_coated.icc of Debian's texlive-base (its colorprofiles folder):
// coated offset paper, ISO 12647-2:2004, the only FOGRA39 press profile in
// Debian main and the one LaTeX's pdfx and colorprofiles packages use.
std::string_view fogra39l_coated_icc();

} // namespace chronik::colour
