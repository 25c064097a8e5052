#include "truetype_subset.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>

namespace chronik::text::truetype {

namespace {

[[noreturn]] void malformed(const std::string& what) {
    throw std::runtime_error("malformed TrueType font: " + what);
}

std::uint32_t u16(std::string_view b, std::size_t at) {
    if (at + 2 > b.size())
        malformed("a table ends early");
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at]) << 8 |
                                      static_cast<unsigned char>(b[at + 1]));
}

std::uint32_t u32(std::string_view b, std::size_t at) {
    return u16(b, at) << 16 | u16(b, at + 2);
}

void put16(std::string& out, std::uint32_t v) {
    out += static_cast<char>(v >> 8 & 0xFF);
    out += static_cast<char>(v & 0xFF);
}

void put32(std::string& out, std::uint32_t v) {
    put16(out, v >> 16);
    put16(out, v & 0xFFFF);
}

void set16(std::string& out, std::size_t at, std::uint32_t v) {
    out[at] = static_cast<char>(v >> 8 & 0xFF);
    out[at + 1] = static_cast<char>(v & 0xFF);
}

void set32(std::string& out, std::size_t at, std::uint32_t v) {
    set16(out, at, v >> 16);
    set16(out, at + 2, v & 0xFFFF);
}

std::uint32_t checksum(std::string_view data) {
    std::uint32_t sum = 0;
    std::size_t i = 0;
    for (; i + 4 <= data.size(); i += 4)
        sum += static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << 24 |
               static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 1])) << 16 |
               static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 2])) << 8 |
               static_cast<unsigned char>(data[i + 3]);
    std::uint32_t last = 0;
    for (std::size_t k = 0; k < 4; ++k)
        last = last << 8 | (i + k < data.size() ? static_cast<unsigned char>(data[i + k]) : 0u);
    return i < data.size() ? sum + last : sum;
}

using Tables = std::map<std::string, std::string_view>;

Tables directory(std::string_view font) {
    const std::uint32_t version = u32(font, 0);
    if (version != 0x00010000 && version != 0x74727565) // 1.0 or 'true'
        malformed("not a TrueType outline font");
    const std::size_t count = u16(font, 4);
    Tables tables;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t at = 12 + i * 16;
        const std::size_t offset = u32(font, at + 8), length = u32(font, at + 12);
        if (offset > font.size() || length > font.size() - offset)
            malformed("a table lies outside the file");
        tables.emplace(std::string(font.substr(at, 4)), font.substr(offset, length));
    }
    return tables;
}

std::string_view need(const Tables& tables, const char* tag) {
    const auto it = tables.find(tag);
    if (it == tables.end())
        malformed(std::string("no '") + tag + "' table");
    return it->second;
}

// The glyphs to keep: glyph 0, those shown, and the components of
// composite glyphs among them (transitively).
std::vector<bool> glyphs_used(const std::vector<Mapping>& shown, std::string_view glyf,
                              const std::vector<std::uint32_t>& loca) {
    const std::size_t count = loca.size() - 1;
    std::vector<bool> used(count, false);
    std::vector<std::uint32_t> todo{0};
    for (const auto& m : shown)
        todo.push_back(m.gid);
    while (!todo.empty()) {
        const std::uint32_t gid = todo.back();
        todo.pop_back();
        if (gid >= count || used[gid])
            continue;
        used[gid] = true;
        const std::uint32_t from = loca[gid], to = loca[gid + 1];
        if (to <= from)
            continue; // no outline
        if (to > glyf.size())
            malformed("a glyph lies outside 'glyf'");
        const std::string_view g = glyf.substr(from, to - from);
        if (static_cast<std::int16_t>(u16(g, 0)) >= 0)
            continue; // simple glyph
        std::size_t at = 10;
        for (;;) {
            const std::uint32_t flags = u16(g, at);
            todo.push_back(u16(g, at + 2));
            at += 4 + ((flags & 0x0001) ? 4 : 2); // ARG_1_AND_2_ARE_WORDS
            if (flags & 0x0008)
                at += 2; // WE_HAVE_A_SCALE
            else if (flags & 0x0040)
                at += 4; // WE_HAVE_AN_X_AND_Y_SCALE
            else if (flags & 0x0080)
                at += 8;           // WE_HAVE_A_TWO_BY_TWO
            if (!(flags & 0x0020)) // MORE_COMPONENTS
                break;
        }
    }
    return used;
}

// The Windows (platform 3) records that make a font's identity and
// licence: copyright, family, subfamily, unique id, full name, version,
// PostScript name, licence, licence URL (and with `typographic` the
// typographic family and subfamily). All records if there are none.
std::string names(std::string_view name, bool typographic) {
    const std::size_t count = u16(name, 2), strings = u16(name, 4);
    struct Record {
        std::uint32_t platform, encoding, language, id;
        std::string_view text;
    };
    std::vector<Record> kept;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t at = 6 + i * 12;
        const Record r{u16(name, at), u16(name, at + 2), u16(name, at + 4), u16(name, at + 6), {}};
        const std::size_t length = u16(name, at + 8), offset = strings + u16(name, at + 10);
        if (offset > name.size() || length > name.size() - offset)
            malformed("a name lies outside 'name'");
        if (r.platform == 3 &&
            (r.id <= 6 || r.id == 13 || r.id == 14 || (typographic && (r.id == 16 || r.id == 17))))
            kept.push_back(
                Record{r.platform, r.encoding, r.language, r.id, name.substr(offset, length)});
    }
    if (kept.empty())
        return std::string(name);
    std::string out, pool;
    put16(out, 0);
    put16(out, static_cast<std::uint32_t>(kept.size()));
    put16(out, static_cast<std::uint32_t>(6 + kept.size() * 12));
    for (const auto& r : kept) {
        put16(out, r.platform);
        put16(out, r.encoding);
        put16(out, r.language);
        put16(out, r.id);
        put16(out, static_cast<std::uint32_t>(r.text.size()));
        put16(out, static_cast<std::uint32_t>(pool.size()));
        pool += r.text;
    }
    return out + pool;
}

// One format 4 subtable (Windows, Unicode BMP): a segment per run of
// consecutive codes with consecutive glyph ids.
std::string character_map(const std::vector<Mapping>& shown) {
    struct Segment {
        std::uint32_t start, end, delta;
    };
    std::vector<Segment> segments;
    for (const auto& m : shown) {
        if (m.code == 0xFFFF)
            continue;
        const std::uint32_t delta = (m.gid - m.code) & 0xFFFFu;
        if (!segments.empty() && m.code <= segments.back().end)
            throw std::logic_error("truetype::subset: codes not ascending");
        if (!segments.empty() && segments.back().end + 1 == m.code &&
            segments.back().delta == delta)
            segments.back().end = m.code;
        else
            segments.push_back({m.code, m.code, delta});
    }
    // A subtable holds at most 8,189 segments (its length is 16 bits). A
    // text of that many scattered characters (CJK, say) keeps the first
    // ones: viewers find glyphs through the CIDToGIDMap, not through this.
    constexpr std::size_t most = (0xFFFF - 16) / 8 - 1;
    if (segments.size() > most)
        segments.resize(most);
    segments.push_back({0xFFFF, 0xFFFF, 1}); // the required last segment (to glyph 0)
    const auto n = static_cast<std::uint32_t>(segments.size());
    std::uint32_t power = 1, log2 = 0;
    while (power * 2 <= n)
        power *= 2, ++log2;
    std::string out;
    put16(out, 0);  // version
    put16(out, 1);  // one subtable:
    put16(out, 3);  // Windows,
    put16(out, 1);  // Unicode BMP,
    put32(out, 12); // right after this header
    put16(out, 4);  // format
    put16(out, 16 + 8 * n);
    put16(out, 0); // language
    put16(out, 2 * n);
    put16(out, 2 * power);
    put16(out, log2);
    put16(out, 2 * n - 2 * power);
    for (const auto& s : segments)
        put16(out, s.end);
    put16(out, 0); // reservedPad
    for (const auto& s : segments)
        put16(out, s.start);
    for (const auto& s : segments)
        put16(out, s.delta);
    for (std::uint32_t i = 0; i < n; ++i)
        put16(out, 0); // idRangeOffset
    return out;
}

std::string assemble(const std::map<std::string, std::string>& tables) {
    std::uint32_t power = 1, log2 = 0;
    while (power * 2 <= tables.size())
        power *= 2, ++log2;
    std::string out;
    put32(out, 0x00010000);
    put16(out, static_cast<std::uint32_t>(tables.size()));
    put16(out, power * 16);
    put16(out, log2);
    put16(out, static_cast<std::uint32_t>(tables.size()) * 16 - power * 16);
    std::size_t offset = 12 + tables.size() * 16, head_at = 0;
    for (const auto& [tag, data] : tables) { // std::map: in tag order, as required
        out += tag;
        put32(out, checksum(data));
        put32(out, static_cast<std::uint32_t>(offset));
        put32(out, static_cast<std::uint32_t>(data.size()));
        if (tag == "head")
            head_at = offset;
        offset += (data.size() + 3) / 4 * 4;
    }
    for (const auto& [tag, data] : tables) {
        out += data;
        out.append((4 - data.size() % 4) % 4, '\0');
    }
    set32(out, head_at + 8, 0xB1B0AFBAu - checksum(out)); // checkSumAdjustment
    return out;
}

} // namespace

std::string subset(std::string_view font, const std::vector<Mapping>& shown, Extras extras) {
    const Tables in = directory(font);
    std::string head(need(in, "head"));
    if (head.size() < 54)
        malformed("'head' is too short");
    const std::string_view maxp = need(in, "maxp"), hhea = need(in, "hhea");
    const std::string_view loca = need(in, "loca"), glyf = need(in, "glyf");
    const std::size_t count = u16(maxp, 4);
    const bool long_offsets = u16(head, 50) != 0;
    std::vector<std::uint32_t> offsets(count + 1);
    for (std::size_t i = 0; i <= count; ++i)
        offsets[i] = long_offsets ? u32(loca, i * 4) : u16(loca, i * 2) * 2;
    for (std::size_t i = 0; i < count; ++i)
        if (offsets[i + 1] < offsets[i] || offsets[i + 1] > glyf.size())
            malformed("'loca' does not fit 'glyf'");
    const std::vector<bool> used = glyphs_used(shown, glyf, offsets);

    std::map<std::string, std::string> out;
    std::string& new_glyf = out["glyf"];
    std::string& new_loca = out["loca"];
    for (std::size_t i = 0; i < count; ++i) {
        put32(new_loca, static_cast<std::uint32_t>(new_glyf.size()));
        if (used[i]) {
            new_glyf.append(glyf.substr(offsets[i], offsets[i + 1] - offsets[i]));
            new_glyf.append((4 - new_glyf.size() % 4) % 4, '\0');
        }
    }
    put32(new_loca, static_cast<std::uint32_t>(new_glyf.size()));
    set16(head, 50, 1); // indexToLocFormat: long offsets
    set32(head, 8, 0);  // checkSumAdjustment: set when assembled
    out["head"] = head;

    // Metrics of glyphs not kept are zero (they compress to nothing).
    const std::size_t metrics = u16(hhea, 34);
    std::string hmtx(need(in, "hmtx"));
    if (metrics == 0 || metrics > count || hmtx.size() < metrics * 4 + (count - metrics) * 2)
        malformed("'hmtx' does not fit 'hhea'");
    for (std::size_t i = 0; i < count; ++i) {
        if (used[i] || i + 1 == metrics) // the last advance holds for the glyphs after it
            continue;
        if (i < metrics)
            set32(hmtx, i * 4, 0);
        else
            set16(hmtx, metrics * 4 + (i - metrics) * 2, 0);
    }
    out["hmtx"] = hmtx;

    for (const char* tag : {"OS/2", "cvt ", "fpgm", "gasp", "hhea", "maxp", "prep"})
        if (const auto it = in.find(tag); it != in.end())
            out[tag] = std::string(it->second);
    out["cmap"] = character_map(shown);
    std::string post(need(in, "post").substr(0, 32));
    if (post.size() < 32)
        malformed("'post' is too short");
    set32(post, 0, 0x00030000); // version 3: no glyph names
    out["post"] = post;
    out["name"] = names(need(in, "name"), extras.typographic_names);
    return assemble(out);
}

} // namespace chronik::text::truetype
