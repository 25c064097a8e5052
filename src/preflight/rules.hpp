// The rules of preflight.hpp, one file each, and what they share.
#pragma once

#include "preflight.hpp"

#include <string>
#include <vector>

namespace chronik::preflight {

void check_image_resolution(const Inputs& in);
void check_image_bleed(const Inputs& in);
void check_small_text(const Inputs& in);
void check_total_ink(const Inputs& in);
void check_page_count(const Inputs& in);

// "page 3", "pages 3 and 5", "pages 3, 5, 9 and 4 more" (1-based, sorted, unique).
std::string pages_text(std::vector<int> pages);
// 142.6 -> "143"; 2.96 -> "3" (whole numbers for ppi and per cent).
std::string whole(double v);
// 0.5 -> "0.5", 3 -> "3" (one decimal at most, for millimetres).
std::string one_decimal(double v);
// "C 12 % M 35 % Y 100 % K 0 %"
std::string inks_text(const Inks& i);
// "#d4a017", or "cmyk(0%, 0%, 0%, 100%)" as the sheet wrote it.
std::string colour_text(const style::Color& c);

} // namespace chronik::preflight
