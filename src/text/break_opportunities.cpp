#include "break_opportunities.hpp"

#include "support/utf8.hpp"

#include <linebreak.h>

#include <mutex>

namespace chronik::text {

// The enum is libunibreak's own values, so its answer is used as it is.
static_assert(static_cast<char>(Break::mandatory) == LINEBREAK_MUSTBREAK);
static_assert(static_cast<char>(Break::allowed) == LINEBREAK_ALLOWBREAK);
static_assert(static_cast<char>(Break::none) == LINEBREAK_NOBREAK);
static_assert(static_cast<char>(Break::inside_character) == LINEBREAK_INSIDEACHAR);

namespace {

bool is_regional_indicator(char32_t c) {
    return c >= 0x1F1E6 && c <= 0x1F1FF;
}

// libunibreak 1.1 (Debian 12) aborts the process on two kinds of input, found
// by trying every code point U+0000-U+10FFFF alone and beside probes of
// every line-break class, then all pairs, triples and quadruples of the 30
// kinds of behaviour that leaves, in de, en, ja, zh and ko (a scan with
// SIGABRT caught; tests/break_opportunities_test.cpp keeps the every-code-
// point and all-triples checks):
// - a regional indicator (U+1F1E6-U+1F1FF, the halves of a flag emoji)
//   next to any character: its class RI is in the enum but not in the pair
//   table (assertion 'lbcNew <= LBP_JT');
// - U+FFFF after the first character: its UTF-8 reader returns 0xFFFF for
//   the end of the text, so the loop stops early (assertion 'posLast ==
//   posCur - 1'; as the first character, nothing after it is written).
// Ill-formed UTF-8 is decoded by its own rules, not ours. So libunibreak gets
// a copy with the same byte length per character in which each of these is
// replaced by a character of the nearest class: a regional indicator by
// U+20000 (ID; UAX #14 breaks around RI as around ID, except that ID keeps
// to a PR before or a PO after it), U+FFFF by U+FFFE (both unassigned, XX),
// and each byte of ill-formed UTF-8 by 'x' (as U+FFFD, class AL, one
// character a byte as utf8::next decodes it). LB30a is applied afterwards:
// no break between the two regional indicators of a pair.
std::string substitute(std::string_view utf8, bool& regional) {
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        const std::size_t at = i;
        const char32_t c = utf8::next(utf8, i);
        if (c == utf8::replacement && utf8.substr(at, 3) != "\xEF\xBF\xBD")
            out += 'x';
        else if (is_regional_indicator(c))
            out += "\xF0\xA0\x80\x80", regional = true;
        else if (c == 0xFFFF)
            out += "\xEF\xBF\xBE";
        else
            out.append(utf8.substr(at, i - at));
    }
    return out;
}

// UAX #14 LB30a: regional indicators pair up from the start of a run; no
// break inside a pair, a break allowed between pairs (as between IDs).
void keep_pairs(std::string_view utf8, std::vector<Break>& out) {
    bool open = false; // an odd number of regional indicators precedes
    for (std::size_t i = 0; i < utf8.size();) {
        const char32_t c = utf8::next(utf8, i);
        if (!is_regional_indicator(c)) {
            open = false;
            continue;
        }
        if (open)
            out[i - 5] = Break::none; // after the last byte of the pair's first half
        open = !open;
    }
}

} // namespace

std::vector<Break> break_opportunities(std::string_view utf8, const std::string& language) {
    static std::once_flag once;
    std::call_once(once, [] { init_linebreak(); });
    std::vector<Break> out(utf8.size());
    bool regional = false;
    const std::string safe = substitute(utf8, regional);
    // Written through char*, which may alias any object.
    set_linebreaks_utf8(reinterpret_cast<const utf8_t*>(safe.data()), safe.size(), language.c_str(),
                        reinterpret_cast<char*>(out.data()));
    if (regional)
        keep_pairs(utf8, out);
    return out;
}

} // namespace chronik::text
