// BCP 47 language tags, as far as chronik needs them: a syntax check and
// the primary language ("de" of "de-AT").
#pragma once

#include <string>
#include <string_view>

namespace chronik {

// Well-formed per RFC 5646's "langtag" production, simplified: a primary
// language of 2-3 letters (or 5-8), then subtags of 1-8 letters or digits.
bool is_language_tag(std::string_view tag);

// Lower-cased primary subtag: "de-AT" -> "de".
std::string primary_language(std::string_view tag);

} // namespace chronik
