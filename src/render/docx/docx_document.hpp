// word/document.xml: the blocks of the document model in reading order,
// the table of contents as a TOC field already filled with its entries, and
// the section properties (page size, margins, header and footer).
#pragma once

#include "docx_context.hpp"

#include <string>

namespace chronik::render::docx {

// Fills `state` with the relationships and media the body refers to.
std::string document_xml(const Context& ctx, State& state);

// The paragraph style ids document.xml uses; styles.xml defines each one.
namespace style_id {
inline constexpr const char* title_rule = "TitleRule";
inline constexpr const char* title = "Title";
inline constexpr const char* subtitle = "Subtitle";
inline constexpr const char* organization = "Organization";
inline constexpr const char* intro = "Intro";
inline constexpr const char* body = "BodyText";
inline constexpr const char* milestone_body = "MilestoneBody";
inline constexpr const char* heading1 = "Heading1";
inline constexpr const char* heading2 = "Heading2";
inline constexpr const char* heading3 = "Heading3"; // not used: for an editor
inline constexpr const char* milestone_date = "MilestoneDate";
inline constexpr const char* milestone_date_heading = "MilestoneDateHeading";
inline constexpr const char* dated_list = "DatedList";
inline constexpr const char* list_date = "ListDate"; // character style
inline constexpr const char* figure = "Figure";
inline constexpr const char* caption = "Caption";
inline constexpr const char* toc_heading = "TOCHeading";
inline constexpr const char* toc1 = "TOC1";
inline constexpr const char* toc2 = "TOC2";
inline constexpr const char* header = "Header";
inline constexpr const char* footer = "Footer";
inline constexpr const char* list_paragraph = "ListParagraph";   // not used: for an editor
inline constexpr const char* strong_emphasis = "StrongEmphasis"; // character style
inline constexpr const char* table_normal = "TableNormal";       // table style
} // namespace style_id

} // namespace chronik::render::docx
