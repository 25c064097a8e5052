// The smaller parts of the package: settings, header and footer, the
// document properties, the content types and the relationships.
#pragma once

#include "docx_context.hpp"

#include <string>

namespace chronik::render::docx {

std::string settings_xml(const Context& ctx);
std::string header_xml(const Context& ctx);
std::string footer_xml(const Context& ctx);
std::string core_properties_xml(const Context& ctx);
std::string app_properties_xml(const Context& ctx);
std::string content_types_xml(const State& state);
std::string package_relationships_xml();
std::string document_relationships_xml(const State& state);
// A relationships part (word/_rels/*.rels) listing `rels`.
std::string relationships_xml(const std::vector<Relationship>& rels);

} // namespace chronik::render::docx
