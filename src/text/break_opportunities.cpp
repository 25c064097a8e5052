#include "break_opportunities.hpp"

#include <linebreak.h>

#include <mutex>

namespace chronik::text {

// The enum is libunibreak's own values, so its answer is used as it is.
static_assert(static_cast<char>(Break::mandatory) == LINEBREAK_MUSTBREAK);
static_assert(static_cast<char>(Break::allowed) == LINEBREAK_ALLOWBREAK);
static_assert(static_cast<char>(Break::none) == LINEBREAK_NOBREAK);
static_assert(static_cast<char>(Break::inside_character) == LINEBREAK_INSIDEACHAR);

std::vector<Break> break_opportunities(std::string_view utf8, const std::string& language) {
    static std::once_flag once;
    std::call_once(once, [] { init_linebreak(); });
    std::vector<Break> out(utf8.size());
    // Written through char*, which may alias any object.
    set_linebreaks_utf8(reinterpret_cast<const utf8_t*>(utf8.data()), utf8.size(), language.c_str(),
                        reinterpret_cast<char*>(out.data()));
    return out;
}

} // namespace chronik::text
