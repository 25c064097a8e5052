#include "style_reader.hpp"

#include "builtin_styles.hpp"
#include "support/colour.hpp"
#include "support/strings.hpp"
#include "support/utf8.hpp"
#include "tunables.hpp"
#include "xml/source.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>

namespace chronik::style {

using tinyxml2::XMLElement;

const std::array<std::string_view, role_count>& role_names() {
    static constexpr std::array<std::string_view, role_count> names = {
        "title",           "subtitle", "organization", "intro", "period-heading", "milestone-date",
        "milestone-title", "body",     "caption",      "toc",   "header",         "footer"};
    return names;
}

namespace {

// The values every sheet starts from before styles/brochure.xml is applied;
// brochure.xml sets them all again, so these matter only if it is changed.
Style base_style() {
    Style s;
    s.name = "base";
    s.page = {"A4", 210, 297, 20, 20, 20, 20};
    TextStyle body{
        {"Charis SIL", false, false}, 10.5, 14, {0x22, 0x22, 0x22}, 0, 5, Align::Justify, true};
    for (auto& r : s.roles)
        r = body;
    return s;
}

struct PaperSize {
    std::string_view name;
    double width, height; // mm
};
constexpr PaperSize paper_sizes[] = {{"A4", 210, 297}, {"A5", 148, 210}, {"Letter", 215.9, 279.4}};

class Reader {
public:
    Reader(const xml::Source& src, Diagnostics& d) : src_(src), d_(d) {}

    Style read(Style s) {
        const auto start = d_.mark();
        const XMLElement* root = src_.root();
        if (std::string_view(root->Name()) != "style") {
            src_.error(root,
                       "the root element must be <style>, not <" + std::string(root->Name()) + ">",
                       d_);
            return s;
        }
        allow(root, {"name", "version"});
        if (const char* v = root->Attribute("version"); v && std::string_view(v) != "1")
            src_.error(root, "version",
                       "unsupported style version '" + std::string(v) + "' (this chronik reads 1)",
                       d_);
        if (const char* n = root->Attribute("name"))
            s.name = n;
        s.source = src_.name();
        s.family_line = {};
        s.color_line = {};
        s.size_line = {};
        s.print.line = 0;
        s.print.profile_line = 0;
        root_ = root;
        std::map<std::string, int> seen_roles;
        bool seen_page = false, seen_document = false, seen_design = false, seen_print = false,
             seen_images = false;
        for (auto* n = root->FirstChild(); n; n = n->NextSibling()) {
            if (auto* t = n->ToText(); t && !xml::is_blank(t->Value())) {
                src_.error(n, "text is not allowed in <style>", d_);
                continue;
            }
            auto* e = n->ToElement();
            if (!e)
                continue;
            const std::string_view name = e->Name();
            if (name == "design") {
                if (seen_design)
                    src_.error(e, "<design> is given twice", d_);
                seen_design = true;
                read_design(e, s);
                continue;
            }
            if (e->FirstChildElement() || (e->FirstChild() && e->FirstChild()->ToText() &&
                                           !xml::is_blank(e->FirstChild()->Value())))
                src_.error(
                    e, std::string("<").append(name) + "> must be empty (it takes attributes)", d_);
            if (name == "page") {
                if (seen_page)
                    src_.error(e, "<page> is given twice", d_);
                seen_page = true;
                page_el_ = e;
                read_page(e, s.page);
            } else if (name == "document") {
                if (seen_document)
                    src_.error(e, "<document> is given twice", d_);
                seen_document = true;
                allow(e, {"title-page", "toc"});
                boolean(e, "title-page", s.title_page);
                boolean(e, "toc", s.toc);
            } else if (name == "role") {
                read_role(e, s, seen_roles);
            } else if (name == "print") {
                if (seen_print)
                    src_.error(e, "<print> is given twice", d_);
                seen_print = true;
                read_print(e, s.print);
            } else if (name == "images") {
                if (seen_images)
                    src_.error(e, "<images> is given twice", d_);
                seen_images = true;
                read_images(e, s.images);
            } else {
                src_.error(e,
                           "unknown element <" + std::string(name) +
                               "> in <style> (allowed: page, document, design, role, print, "
                               "images)",
                           d_);
            }
        }
        if (!d_.errors_since(start)) {
            check_geometry(s);
            screen_looks(s);
        }
        return s;
    }

private:
    void allow(const XMLElement* e, std::initializer_list<std::string_view> names) {
        xml::check_attributes(src_, e, names, d_);
    }

    // "12", "12pt", "4.5mm", "1cm", "0.5in" -> the default unit's value.
    bool length(const XMLElement* e, const char* attr, double& out, bool in_mm, double min,
                double max) {
        const char* v = e->Attribute(attr);
        if (!v)
            return false;
        std::string_view s(v);
        double num = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), num);
        const std::string_view unit = s.substr(static_cast<std::size_t>(end - s.data()));
        double pt = 0;
        // from_chars reads "nan" and "inf" too; NaN would pass the range
        // check below and reach the layout as a size.
        bool ok = ec == std::errc() && end != s.data() && std::isfinite(num);
        if (unit.empty())
            pt = in_mm ? num * 72 / 25.4 : num;
        else if (unit == "pt")
            pt = num;
        else if (unit == "mm")
            pt = num * 72 / 25.4;
        else if (unit == "cm")
            pt = num * 72 / 2.54;
        else if (unit == "in")
            pt = num * 72;
        else
            ok = false;
        if (!ok) {
            src_.error(e, attr,
                       std::string(attr) + " '" + v +
                           "' is not a length (a number with an optional unit: pt, mm, cm, in)",
                       d_);
            return false;
        }
        const double value = in_mm ? pt * 25.4 / 72 : pt;
        if (value < min || value > max) {
            auto num_s = [](double x) {
                char buf[32];
                auto r = std::to_chars(buf, buf + sizeof buf, x);
                return std::string(buf, r.ptr);
            };
            src_.error(e, attr,
                       std::string(attr) + " '" + v + "' is out of range (" + num_s(min) + " to " +
                           num_s(max) + (in_mm ? " mm" : " pt") + ")",
                       d_);
            return false;
        }
        out = value;
        return true;
    }

    void boolean(const XMLElement* e, const char* attr, bool& out) {
        const char* v = e->Attribute(attr);
        if (!v)
            return;
        const std::string_view s(v);
        if (s == "true" || s == "yes")
            out = true;
        else if (s == "false" || s == "no")
            out = false;
        else
            src_.error(e, attr, std::string(attr) + " '" + v + "' must be true or false", d_);
    }

    template <class T>
    void choice(const XMLElement* e, const char* attr,
                std::initializer_list<std::pair<std::string_view, T>> options, T& out) {
        const char* v = e->Attribute(attr);
        if (!v)
            return;
        std::string list;
        for (const auto& [name, value] : options) {
            if (name == v) {
                out = value;
                return;
            }
            list += (list.empty() ? "" : ", ") + std::string(name);
        }
        src_.error(e, attr, std::string(attr) + " '" + v + "' is not one of: " + list, d_);
    }

    void read_page(const XMLElement* e, Page& page) {
        allow(e, {"size", "width", "height", "margin-top", "margin-bottom", "margin-inner",
                  "margin-outer"});
        if (const char* size = e->Attribute("size")) {
            bool found = false;
            for (const auto& p : paper_sizes) {
                if (p.name == size) {
                    page.size_name = std::string(p.name);
                    page.width = p.width;
                    page.height = p.height;
                    found = true;
                }
            }
            if (!found)
                src_.error(e, "size",
                           "page size '" + std::string(size) +
                               "' is not known (A4, A5, Letter; or give width and height)",
                           d_);
            if (e->Attribute("width") || e->Attribute("height"))
                src_.error(e, "size", "give either size or width and height, not both", d_);
        } else {
            const bool w = length(e, "width", page.width, true, 50, 2000);
            const bool h = length(e, "height", page.height, true, 50, 2000);
            if (w != h)
                src_.error(e, w ? "width" : "height", "give both width and height", d_);
            if (w || h)
                page.size_name.clear();
        }
        length(e, "margin-top", page.margin_top, true, 0, 500);
        length(e, "margin-bottom", page.margin_bottom, true, 0, 500);
        length(e, "margin-inner", page.margin_inner, true, 0, 500);
        length(e, "margin-outer", page.margin_outer, true, 0, 500);
        if (page.margin_inner + page.margin_outer > page.width - 20 ||
            page.margin_top + page.margin_bottom > page.height - 20)
            src_.error(e, "the margins leave less than 20 mm of the page for text", d_);
    }

    // <design name="brochure"><set name="rail-width" value="12"/></design>:
    // the design, and values for its declared tunables (style/tunables.hpp),
    // each a number in the tunable's unit (lengths may name theirs).
    void read_design(const XMLElement* e, Style& s) {
        allow(e, {"name"});
        if (const char* n = e->Attribute("name")) {
            std::string list;
            bool known = false;
            for (auto d : design_names()) {
                known = known || d == n;
                list += (list.empty() ? "" : ", ") + std::string(d);
            }
            if (known)
                s.design = n;
            else
                src_.error(e, "name",
                           "unknown design '" + std::string(n) + "' (one of: " + list + ")", d_);
        }
        std::map<std::string, int, std::less<>> seen;
        for (auto* n = e->FirstChild(); n; n = n->NextSibling()) {
            if (auto* t = n->ToText(); t && !xml::is_blank(t->Value())) {
                src_.error(n, "text is not allowed in <design>", d_);
                continue;
            }
            auto* c = n->ToElement();
            if (!c)
                continue;
            if (std::string_view(c->Name()) != "set") {
                src_.error(c,
                           "unknown element <" + std::string(c->Name()) +
                               "> in <design> (allowed: set)",
                           d_);
                continue;
            }
            if (c->FirstChild())
                src_.error(c, "<set> must be empty (it takes attributes)", d_);
            read_set(c, s, seen);
        }
    }

    void read_set(const XMLElement* e, Style& s, std::map<std::string, int, std::less<>>& seen) {
        allow(e, {"name", "value"});
        const char* name = e->Attribute("name");
        auto known = [] {
            std::string list;
            for (const auto& t : tunables())
                list += (list.empty() ? "" : ", ") + std::string(t.name);
            return list;
        };
        if (!name) {
            src_.error(e, "<set> needs a name (one of: " + known() + ")", d_);
            return;
        }
        const Tunable* t = find_tunable(name);
        if (!t) {
            src_.error(e, "name",
                       "unknown tunable '" + std::string(name) + "' (one of: " + known() + ")", d_);
            return;
        }
        set_el_[name] = e;
        if (auto [it, fresh] = seen.emplace(name, e->GetLineNum()); !fresh)
            src_.error(e, "name",
                       "tunable '" + std::string(name) + "' is already set on line " +
                           std::to_string(it->second),
                       d_);
        if (!e->Attribute("value")) {
            src_.error(e, "<set name=\"" + std::string(name) + "\"> needs a value", d_);
            return;
        }
        double value = 0;
        if (t->unit == "mm" || t->unit == "pt") {
            if (!length(e, "value", value, t->unit == "mm", t->min, t->max))
                return;
        } else {
            const std::string_view v = e->Attribute("value");
            const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
            const bool whole = t->unit != "count" || value == std::floor(value);
            if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(value) ||
                !whole) {
                src_.error(e, "value",
                           "value '" + std::string(v) + "' of " + std::string(name) + " is not " +
                               (t->unit == "count" ? "a whole number" : "a number") + " (" +
                               std::string(t->unit) + ")",
                           d_);
                return;
            }
            if (value < t->min || value > t->max) {
                src_.error(e, "value",
                           "value '" + std::string(v) + "' of " + std::string(name) +
                               " is out of range (" + num_s(t->min) + " to " + num_s(t->max) + " " +
                               std::string(t->unit) + ")",
                           d_);
                return;
            }
        }
        s.tunables[std::string(name)] = value;
    }

    static std::string num_s(double x) {
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof buf, x);
        return std::string(buf, r.ptr);
    }

    void read_role(const XMLElement* e, Style& s, std::map<std::string, int>& seen) {
        allow(e, {"name", "family", "weight", "slant", "size", "leading", "color", "space-before",
                  "space-after", "align", "hyphenate"});
        const char* name = e->Attribute("name");
        if (!name) {
            const std::string list = join(role_names());
            src_.error(e, "<role> needs a name (one of: " + list + ")", d_);
            return;
        }
        std::size_t index = role_count;
        for (std::size_t i = 0; i < role_count; ++i)
            if (role_names()[i] == name)
                index = i;
        if (index == role_count) {
            const std::string list = join(role_names());
            src_.error(e, "name", "unknown role '" + std::string(name) + "' (one of: " + list + ")",
                       d_);
            return;
        }
        if (auto [it, fresh] = seen.emplace(name, e->GetLineNum()); !fresh)
            src_.error(e, "name",
                       "role '" + std::string(name) + "' is already set on line " +
                           std::to_string(it->second),
                       d_);
        TextStyle& t = s.roles[index];
        role_el_[index] = e;
        if (const char* family = e->Attribute("family")) {
            // Counted as Word counts (max_family_length, style.hpp): a
            // longer name would reach the DOCX's fontTable as a font no
            // Windows machine can have.
            const std::size_t units = utf8::to_utf16(family).size();
            if (xml::is_blank(family)) {
                src_.error(e, "family", "the font family is empty", d_);
            } else if (units > max_family_length) {
                src_.error(e, "family",
                           "the font family '" + std::string(family) + "' is too long: " +
                               std::to_string(units) + " characters, Word allows at most " +
                               std::to_string(max_family_length),
                           d_);
            } else {
                t.font.family = family;
                s.family_line[index] = e->GetLineNum();
            }
        }
        choice<bool>(e, "weight", {{"regular", false}, {"normal", false}, {"bold", true}},
                     t.font.bold);
        choice<bool>(e, "slant", {{"normal", false}, {"roman", false}, {"italic", true}},
                     t.font.italic);
        if (length(e, "size", t.size, false, 2, 400))
            s.size_line[index] = line_of(e, "size");
        length(e, "leading", t.leading, false, 1, 500);
        length(e, "space-before", t.space_before, false, 0, 500);
        length(e, "space-after", t.space_after, false, 0, 500);
        choice<Align>(e, "align",
                      {{"left", Align::Left},
                       {"justify", Align::Justify},
                       {"center", Align::Center},
                       {"right", Align::Right}},
                      t.align);
        boolean(e, "hyphenate", t.hyphenate);
        if (e->Attribute("color") && color(e, "color", t.color))
            s.color_line[index] = line_of(e, "color");
        if (t.leading < t.size * 0.8)
            d_.warning(src_.name(), e->GetLineNum(),
                       "role '" + std::string(name) +
                           "': the leading is much smaller than the size; lines will overlap");
    }

    // "#17324d", or "cmyk(100%, 60%, 0%, 20%)" for print: four whole per
    // cents from 0 to 100, the % signs optional, spaces around them free. A
    // CMYK colour's r, g, b (its look on screen) are filled in by
    // screen_looks() once the sheet's output profile is known.
    bool color(const XMLElement* e, const char* attr, Color& out) {
        const std::string_view v = e->Attribute(attr);
        const std::string forms = "is not of the form #RRGGBB or cmyk(C%, M%, Y%, K%)";
        if (v.size() == 7 && v[0] == '#') {
            unsigned rgb = 0;
            if (std::from_chars(v.data() + 1, v.data() + 7, rgb, 16).ptr != v.data() + 7) {
                src_.error(e, attr, std::string(attr) + " '" + std::string(v) + "' " + forms, d_);
                return false;
            }
            out = {static_cast<std::uint8_t>(rgb >> 16),
                   static_cast<std::uint8_t>((rgb >> 8) & 0xFF),
                   static_cast<std::uint8_t>(rgb & 0xFF)};
            return true;
        }
        if (v.substr(0, 5) != "cmyk(" || v.back() != ')') {
            src_.error(e, attr, std::string(attr) + " '" + std::string(v) + "' " + forms, d_);
            return false;
        }
        std::string_view rest = v.substr(5, v.size() - 6);
        std::array<int, 4> inks{};
        constexpr std::string_view ink_names = "CMYK";
        for (std::size_t i = 0; i < 4; ++i) {
            while (!rest.empty() && xml::is_space(rest.front()))
                rest.remove_prefix(1);
            double value = 0;
            const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
            if (ec != std::errc() || end == rest.data() || !std::isfinite(value)) {
                src_.error(e, attr,
                           std::string(attr) + " '" + std::string(v) + "' " + forms +
                               " (four numbers, 0 to 100)",
                           d_);
                return false;
            }
            rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
            if (!rest.empty() && rest.front() == '%')
                rest.remove_prefix(1);
            while (!rest.empty() && xml::is_space(rest.front()))
                rest.remove_prefix(1);
            const bool last = i == 3;
            if (last ? !rest.empty() : rest.empty() || rest.front() != ',') {
                src_.error(e, attr,
                           std::string(attr) + " '" + std::string(v) + "' " + forms +
                               " (four numbers separated by commas)",
                           d_);
                return false;
            }
            if (!last)
                rest.remove_prefix(1);
            if (value < 0 || value > 100 || value != std::floor(value)) {
                src_.error(e, attr,
                           std::string(attr) + " '" + std::string(v) + "': " + ink_names[i] + " " +
                               num_s(value) + "% is not a whole per cent from 0 to 100",
                           d_);
                return false;
            }
            inks[i] = static_cast<int>(value);
        }
        out = {};
        out.cmyk = true;
        out.c = static_cast<std::uint8_t>(inks[0]);
        out.m = static_cast<std::uint8_t>(inks[1]);
        out.y = static_cast<std::uint8_t>(inks[2]);
        out.k = static_cast<std::uint8_t>(inks[3]);
        return true;
    }

    // A CMYK colour's look on screen (DOCX, Markdown, the screen PDF):
    // through the sheet's output profile, back to sRGB. Done once the sheet
    // is read, for inherited roles too, since <print profile> may come last.
    void screen_looks(Style& s) {
        std::shared_ptr<const colour::OutputProfile> profile;
        for (auto& t : s.roles) {
            if (!t.color.cmyk)
                continue;
            if (!profile)
                profile = profile_                   ? profile_
                          : !s.print.profile.empty() ? colour::OutputProfile::load(s.print.profile)
                                                     : colour::OutputProfile::builtin();
            const colour::Rgb look = profile->to_srgb(
                {t.color.c / 100.0, t.color.m / 100.0, t.color.y / 100.0, t.color.k / 100.0});
            t.color.r = look.r;
            t.color.g = look.g;
            t.color.b = look.b;
        }
    }

    // <print bleed="3" crop-marks="true" profile="press.icc" .../>: how a
    // print PDF (--pdf-standard x-4) is made (style.hpp, Print).
    void read_print(const XMLElement* e, Print& p) {
        allow(e, {"bleed", "crop-marks", "slug", "output-condition", "output-condition-identifier",
                  "registry", "profile", "photos", "booklet", "pad", "cover"});
        p.line = e->GetLineNum();
        length(e, "bleed", p.bleed, true, 0, 20);
        boolean(e, "crop-marks", p.crop_marks);
        length(e, "slug", p.slug, true, 0, 50);
        text(e, "output-condition", p.output_condition);
        text(e, "output-condition-identifier", p.output_condition_identifier);
        text(e, "registry", p.registry);
        choice<Print::Photos>(
            e, "photos",
            {{"keep-rgb", Print::Photos::KeepRgb}, {"convert", Print::Photos::Convert}}, p.photos);
        boolean(e, "booklet", p.booklet);
        boolean(e, "pad", p.pad);
        choice<Print::Cover>(e, "cover",
                             {{"bleed", Print::Cover::Bleed}, {"framed", Print::Cover::Framed}},
                             p.cover);
        if (p.pad && !p.booklet)
            src_.error(e, "pad",
                       "pad=\"true\" needs booklet=\"true\" (blank pages are added up to a "
                       "multiple of 4 for a saddle-stitched booklet)",
                       d_);
        if (const char* v = e->Attribute("profile")) {
            if (xml::is_blank(v)) {
                src_.error(e, "profile", "profile is empty (an ICC file, relative to the sheet)",
                           d_);
                return;
            }
            // Relative to the sheet's folder (a built-in sheet: the working folder).
            std::filesystem::path path(v);
            const std::string& sheet = src_.name();
            if (path.is_relative() && !sheet.empty() && sheet.front() != '<')
                path = std::filesystem::path(sheet).parent_path() / path;
            try {
                profile_ = colour::OutputProfile::load(path.string());
            } catch (const std::runtime_error& x) {
                src_.error(e, "profile", std::string("profile: ") + x.what(), d_);
                return;
            }
            p.profile = path.string();
            p.profile_line = line_of(e, "profile");
        }
    }

    // The line of an attribute (it may be on a later line than its element's start).
    static int line_of(const XMLElement* e, const char* attr) {
        const tinyxml2::XMLAttribute* a = e->FindAttribute(attr);
        return a ? a->GetLineNum() : e->GetLineNum();
    }

    // A string attribute that must say something.
    void text(const XMLElement* e, const char* attr, std::string& out) {
        const char* v = e->Attribute(attr);
        if (!v)
            return;
        if (xml::is_blank(v))
            src_.error(e, attr, std::string(attr) + " is empty", d_);
        else
            out = v;
    }

    // A plain number in [min, max]; false (reported) when it is not.
    bool number(const XMLElement* e, const char* attr, double& out, double min, double max,
                std::string_view unit) {
        const char* c = e->Attribute(attr);
        if (!c)
            return false;
        const std::string_view v(c);
        double value = 0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
        if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(value)) {
            src_.error(e, attr,
                       std::string(attr) + " '" + std::string(v) + "' is not a number (" +
                           std::string(unit) + ")",
                       d_);
            return false;
        }
        if (value < min || value > max) {
            src_.error(e, attr,
                       std::string(attr) + " '" + std::string(v) + "' is out of range (" +
                           num_s(min) + " to " + num_s(max) + " " + std::string(unit) + ")",
                       d_);
            return false;
        }
        out = value;
        return true;
    }

    // <images screen-ppi="150" print-ppi="300" print-max-ppi="450"
    // warn-below-ppi="250"/>: pictures' resolution (style.hpp, Images).
    void read_images(const XMLElement* e, Images& im) {
        allow(e, {"screen-ppi", "print-ppi", "print-max-ppi", "warn-below-ppi"});
        number(e, "screen-ppi", im.screen_ppi, 36, 1200, "ppi");
        number(e, "print-ppi", im.print_ppi, 150, 1200, "ppi");
        number(e, "print-max-ppi", im.print_max_ppi, 150, 2400, "ppi");
        number(e, "warn-below-ppi", im.warn_below_ppi, 36, 1200, "ppi");
        if (im.print_max_ppi < im.print_ppi)
            src_.error(e, e->Attribute("print-max-ppi") ? "print-max-ppi" : "print-ppi",
                       "print-max-ppi (" + num_s(im.print_max_ppi) + ") is below print-ppi (" +
                           num_s(im.print_ppi) +
                           "): pictures are downsampled only above print-max-ppi, to print-ppi",
                       d_);
        if (im.warn_below_ppi > im.print_ppi)
            src_.error(e, e->Attribute("warn-below-ppi") ? "warn-below-ppi" : "print-ppi",
                       "warn-below-ppi (" + num_s(im.warn_below_ppi) + ") is above print-ppi (" +
                           num_s(im.print_ppi) +
                           "): every picture at print resolution would be named",
                       d_);
    }

    // The geometry policy (docs/styles.md, "What a sheet may ask for"):
    // every line has room for a few letters of its role and fits the page,
    // so every format can set every text (no word is dropped, no loop runs
    // without progress). Checked once the whole sheet is read, and
    // reported at the element that set the value (the role, else the page).
    void check_geometry(const Style& s) {
        constexpr double pt_per_mm = 72 / 25.4;
        constexpr double min_em = 3; // the narrowest column, in em of its role's size
        const double area_w = s.page.width - s.page.margin_inner - s.page.margin_outer; // mm
        const double area_h = s.page.height - s.page.margin_top - s.page.margin_bottom;
        // The brochure sets milestones right of its rail (brochure_design.cpp
        // computes the same width: a tenth of the measure, 9 to 16 mm, unless set).
        double rail = 0;
        if (s.design == "brochure") {
            rail = tunable(s, "rail-width");
            if (rail <= 0)
                rail = std::clamp(area_w / 11, 9.0, 16.0);
        }
        const XMLElement* rail_el = nullptr;
        if (const auto it = set_el_.find("rail-width"); it != set_el_.end())
            rail_el = it->second;
        if (rail > area_w / 2) {
            src_.error(rail_el ? rail_el : where(nullptr), rail_el ? "value" : "",
                       "the rail (" + num_s(round1(rail)) +
                           " mm) takes more than half of the text area's width (" +
                           num_s(round1(area_w)) + " mm)",
                       d_);
            return;
        }
        for (std::size_t i = 0; i < role_count; ++i) {
            const TextStyle& t = s.roles[i];
            const std::string role(role_names()[i]);
            const auto r = static_cast<Role>(i);
            const bool in_column = r == Role::PeriodHeading || r == Role::MilestoneDate ||
                                   r == Role::MilestoneTitle || r == Role::Body ||
                                   r == Role::Caption;
            const double column = in_column ? area_w - rail : area_w; // mm
            const XMLElement* e = where(role_el_[i]);
            const char* size_attr = role_el_[i] && role_el_[i]->Attribute("size") ? "size" : "";
            if (t.size * min_em > column * pt_per_mm) {
                src_.error(e, size_attr,
                           "the " + role + " font (" + num_s(round1(t.size)) +
                               " pt) is too large for its column (" + num_s(round1(column)) +
                               " mm wide" + (in_column && rail > 0 ? ", right of the rail" : "") +
                               "): a line must hold at least 3 em (at most " +
                               num_s(round1(column * pt_per_mm / min_em)) + " pt here)",
                           d_);
                continue;
            }
            const double tallest = std::max(t.size, t.leading);
            if (tallest > area_h * pt_per_mm) {
                const char* attr = t.leading >= t.size ? "leading" : "size";
                src_.error(e, role_el_[i] && role_el_[i]->Attribute(attr) ? attr : "",
                           "the " + role + " " + attr + " (" + num_s(round1(tallest)) +
                               " pt) is taller than the text area (" + num_s(round1(area_h)) +
                               " mm = " + num_s(round1(area_h * pt_per_mm)) +
                               " pt): a line must fit on a page",
                           d_);
            }
        }
    }

    // The element to report a value at: its own, else the page's, else the root.
    const XMLElement* where(const XMLElement* e) const {
        return e ? e : page_el_ ? page_el_ : root_;
    }

    static double round1(double x) { return std::round(x * 10) / 10; }

    const xml::Source& src_;
    Diagnostics& d_;
    const XMLElement* root_ = nullptr;
    const XMLElement* page_el_ = nullptr;
    std::array<const XMLElement*, role_count> role_el_{};
    std::map<std::string, const XMLElement*, std::less<>> set_el_;
    std::shared_ptr<const colour::OutputProfile> profile_; // <print profile>, loaded
};

std::optional<Style> read_on(const Style& base, std::unique_ptr<xml::Source> src,
                             Diagnostics& diags, Diagnostics::Mark start) {
    if (!src)
        return std::nullopt;
    Reader r(*src, diags);
    Style s = r.read(base);
    if (diags.errors_since(start))
        return std::nullopt;
    return s;
}

} // namespace

StyleOrigin origin_of_family(const Style& s, std::string_view family) {
    StyleOrigin unset;
    for (std::size_t i = 0; i < role_count; ++i) {
        if (s.roles[i].font.family != family)
            continue;
        if (s.family_line[i] > 0)
            return {s.source, s.family_line[i]};
        unset = {s.source, 0};
    }
    return unset;
}

Style default_style() {
    Diagnostics d;
    const auto start = d.mark();
    auto s = read_on(
        base_style(),
        xml::Source::parse(std::string(builtin_style_text("brochure")), "<built-in brochure>", d),
        d, start);
    // The built-in sheet is checked by the test suite; fall back rather than fail.
    return s ? *s : base_style();
}

std::optional<Style> read_style(const std::string& path, Diagnostics& diags) {
    const auto start = diags.mark();
    return read_on(default_style(), xml::Source::load(path, path, diags), diags, start);
}

std::optional<Style> read_style_text(std::string text, const std::string& display,
                                     Diagnostics& diags) {
    const auto start = diags.mark();
    return read_on(default_style(), xml::Source::parse(std::move(text), display, diags), diags,
                   start);
}

std::vector<std::string> builtin_style_names() {
    std::vector<std::string> out;
    for (const auto& s : builtin_styles())
        out.emplace_back(s.name);
    return out;
}

std::optional<Style> resolve_style(const std::string& name_or_path, Diagnostics& diags) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(name_or_path, ec))
        return read_style(name_or_path, diags);
    for (const auto& s : builtin_styles())
        if (s.name == name_or_path)
            return read_style_text(std::string(s.text), "<built-in " + std::string(s.name) + ">",
                                   diags);
    const std::string list = join(builtin_style_names());
    diags.error(name_or_path, 0, 0,
                "no such style file, and no built-in style of that name (built-in: " + list + ")");
    return std::nullopt;
}

} // namespace chronik::style
