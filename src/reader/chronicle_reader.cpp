#include "chronicle_reader.hpp"

#include "image_probe.hpp"
#include "inline_reader.hpp"
#include "support/language.hpp"
#include "xml/source.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

namespace chronik::reader {

namespace fs = std::filesystem;
using tinyxml2::XMLElement;

namespace {

// A path inside `base` by its words that leads elsewhere through a symbolic
// link (images/x.png -> /home/someone/secret.png).
bool leaves_through_link(const fs::path& base, const fs::path& full) {
    std::error_code ec1, ec2;
    const fs::path real_base = fs::weakly_canonical(base, ec1);
    const fs::path real = fs::weakly_canonical(full, ec2);
    if (ec1 || ec2)
        return false; // the probe reports what cannot be read
    const auto inside = real.lexically_relative(real_base);
    return inside.empty() || *inside.begin() == "..";
}

bool is_id(std::string_view s) {
    auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (s.empty() || !(alpha(s[0]) || s[0] == '_'))
        return false;
    for (char c : s)
        if (!(alpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
            return false;
    return true;
}

class Reader {
public:
    Reader(const xml::Source& src, std::string base_dir, Diagnostics& d, const ReadOptions& o)
        : src_(src), base_dir_(std::move(base_dir)), d_(d), opt_(o) {}

    chronicle::Chronicle read() {
        chronicle::Chronicle c;
        c.source = src_.name();
        const XMLElement* root = src_.root();
        if (std::string_view(root->Name()) != "chronicle") {
            src_.error(root,
                       "the root element must be <chronicle>, not <" + std::string(root->Name()) +
                           ">",
                       d_);
            return c;
        }
        xml::check_attributes(src_, root, {"lang", "version"}, d_);
        if (const char* v = root->Attribute("version"); v && std::string_view(v) != "1")
            src_.error(root, "version",
                       "unsupported format version '" + std::string(v) +
                           "' (this chronik reads version 1)",
                       d_);
        if (const char* lang = root->Attribute("lang")) {
            if (is_language_tag(lang))
                c.language = lang;
            else
                src_.error(root, "lang",
                           "lang '" + std::string(lang) +
                               "' is not a BCP 47 language tag (for example de, en, de-AT)",
                           d_);
        }

        // title, subtitle?, organization?, cover?, logo?, intro?, then periods
        // and milestones: the head is what the title page shows, in its order.
        static const std::map<std::string_view, int> rank = {
            {"title", 0}, {"subtitle", 1}, {"organization", 2}, {"cover", 3},
            {"logo", 4},  {"intro", 5},    {"period", 6},       {"milestone", 6}};
        int last_rank = -1;
        const XMLElement* last = nullptr;
        bool has_title = false;
        chronicle::Period* loose = nullptr; // implicit period being filled
        for (auto* n = root->FirstChild(); n; n = n->NextSibling()) {
            if (stray_text(n, root))
                continue;
            const XMLElement* e = n->ToElement();
            if (!e)
                continue;
            const std::string_view name = e->Name();
            const auto r = rank.find(name);
            if (r == rank.end()) {
                src_.error(e,
                           "unknown element <" + std::string(name) +
                               "> in <chronicle> (allowed: title, subtitle, organization, "
                               "cover, logo, intro, period, milestone)",
                           d_);
                continue;
            }
            if (r->second < last_rank) {
                src_.error(e,
                           std::string("<").append(name) + "> must come before <" + last->Name() +
                               "> (order: title, subtitle, organization, cover, logo, intro, "
                               "then periods and milestones)",
                           d_);
            } else if (r->second == last_rank && r->second < 6) {
                src_.error(e, std::string("<").append(name) + "> is given twice", d_);
            }
            if (r->second > last_rank) {
                last_rank = r->second;
                last = e;
            }
            if (name != "milestone")
                loose = nullptr;
            if (name == "title") {
                has_title = true;
                c.title = required_text(e);
            } else if (name == "subtitle") {
                c.subtitle = required_text(e);
            } else if (name == "organization") {
                c.organization = required_text(e);
            } else if (name == "cover" || name == "logo") {
                if (auto img = read_image(e, Use::Front))
                    (name == "cover" ? c.cover : c.logo) = std::move(*img);
            } else if (name == "intro") {
                read_intro(e, c);
            } else if (name == "period") {
                c.periods.push_back(read_period(e));
            } else {
                auto m = read_milestone(e);
                if (!m)
                    continue;
                // Milestones outside a <period> are grouped by year.
                if (!loose || loose->milestones.front().date.year != m->date.year) {
                    c.periods.push_back({});
                    loose = &c.periods.back();
                    loose->implicit = true;
                    loose->line = m->line;
                }
                loose->milestones.push_back(std::move(*m));
            }
        }
        if (!has_title)
            src_.error(root, "the chronicle has no <title> (it must be the first element)", d_);
        return c;
    }

private:
    // Non-blank text where only elements belong: an error, and true.
    bool stray_text(const tinyxml2::XMLNode* n, const XMLElement* parent) {
        const auto* t = n->ToText();
        if (!t || xml::is_blank(t->Value()))
            return false;
        std::string what = collapse_space(t->Value());
        if (what.size() > 30)
            what = what.substr(0, 27) + "...";
        src_.error(n,
                   "text '" + what + "' is not allowed directly in <" + parent->Name() +
                       "> (put it in a <p>)",
                   d_);
        return true;
    }

    std::string required_text(const XMLElement* e) {
        xml::check_attributes(src_, e, {}, d_);
        auto s = read_plain_text(src_, e, d_);
        if (s.empty())
            src_.error(e, std::string("<") + e->Name() + "> is empty", d_);
        return s;
    }

    chronicle::Paragraph read_paragraph(const XMLElement* e) {
        xml::check_attributes(src_, e, {}, d_);
        chronicle::Paragraph p{read_inlines(src_, e, {}, d_), e->GetLineNum()};
        if (p.content.empty())
            src_.error(e, "<p> is empty", d_);
        return p;
    }

    void read_intro(const XMLElement* e, chronicle::Chronicle& c) {
        xml::check_attributes(src_, e, {}, d_);
        for (auto* n = e->FirstChild(); n; n = n->NextSibling()) {
            if (stray_text(n, e))
                continue;
            if (auto* p = n->ToElement()) {
                if (std::string_view(p->Name()) == "p")
                    c.intro.push_back(read_paragraph(p));
                else
                    src_.error(p,
                               "unknown element <" + std::string(p->Name()) +
                                   "> in <intro> (allowed: p)",
                               d_);
            }
        }
        if (c.intro.empty())
            src_.error(e, "<intro> needs at least one <p>", d_);
    }

    chronicle::Period read_period(const XMLElement* e) {
        xml::check_attributes(src_, e, {"label"}, d_);
        chronicle::Period p;
        p.line = e->GetLineNum();
        if (const char* label = e->Attribute("label")) {
            p.label = collapse_space(label);
            if (p.label.empty())
                src_.error(e, "label", "the period's label is empty (leave it out instead)", d_);
        }
        for (auto* n = e->FirstChild(); n; n = n->NextSibling()) {
            if (stray_text(n, e))
                continue;
            auto* m = n->ToElement();
            if (!m)
                continue;
            if (std::string_view(m->Name()) != "milestone") {
                src_.error(m,
                           "unknown element <" + std::string(m->Name()) +
                               "> in <period> (allowed: milestone)",
                           d_);
                continue;
            }
            if (auto ms = read_milestone(m))
                p.milestones.push_back(std::move(*ms));
        }
        const auto years = chronicle::years_in_label(p.label);
        if (p.milestones.empty()) {
            if (!has_errors_inside(e))
                src_.warning(e,
                             "period" + (p.label.empty() ? "" : " '" + p.label + "'") +
                                 " has no milestones",
                             d_);
        } else if (years) {
            for (const auto& m : p.milestones)
                if (!years->contains(m.date.year))
                    d_.warning(src_.name(), m.line,
                               "milestone dated " + model::iso(m.date) +
                                   " lies outside the years of its period '" + p.label + "'");
        }
        return p;
    }

    bool has_errors_inside(const XMLElement* e) const { return e->FirstChildElement() != nullptr; }

    std::optional<chronicle::Milestone> read_milestone(const XMLElement* e) {
        xml::check_attributes(src_, e, {"date", "category", "id"}, d_);
        chronicle::Milestone m;
        m.line = e->GetLineNum();
        bool ok = true;
        if (const char* date = e->Attribute("date")) {
            std::string why;
            if (auto d = model::parse_date(date, why))
                m.date = *d;
            else {
                src_.error(e, "date", why, d_);
                ok = false;
            }
        } else {
            xml::missing_attribute(src_, e, "date", "YYYY, YYYY-MM or YYYY-MM-DD", d_);
            ok = false;
        }
        if (const char* cat = e->Attribute("category")) {
            std::string token;
            auto flush = [&] {
                if (!token.empty() && std::find(m.categories.begin(), m.categories.end(), token) ==
                                          m.categories.end())
                    m.categories.push_back(token);
                token.clear();
            };
            for (const char* p = cat; *p; ++p) {
                if (xml::is_space(*p))
                    flush();
                else
                    token += *p;
            }
            flush();
            if (m.categories.empty())
                src_.error(e, "category", "the category attribute is empty", d_);
        }
        if (const char* id = e->Attribute("id")) {
            m.id = id;
            if (!is_id(m.id)) {
                src_.error(e, "id",
                           "id '" + m.id +
                               "' is not a valid name (a letter or _, then letters, digits, _ - .)",
                           d_);
            } else if (auto [it, fresh] = ids_.emplace(m.id, m.line); !fresh) {
                src_.error(
                    e, "id",
                    "id '" + m.id + "' is already used on line " + std::to_string(it->second), d_);
            }
        }
        bool has_paragraph = false;
        bool seen_body = false;
        for (auto* n = e->FirstChild(); n; n = n->NextSibling()) {
            if (stray_text(n, e))
                continue;
            auto* c = n->ToElement();
            if (!c)
                continue;
            const std::string_view name = c->Name();
            if (name == "title") {
                xml::check_attributes(src_, c, {}, d_);
                if (seen_body || !m.title.empty())
                    src_.error(c,
                               seen_body ? "<title> must come first in <milestone>"
                                         : "<title> is given twice",
                               d_);
                m.title = read_inlines(src_, c, {false, false}, d_);
                if (m.title.empty())
                    src_.error(c, "<title> is empty", d_);
            } else if (name == "p") {
                seen_body = true;
                has_paragraph = true;
                m.body.push_back(read_paragraph(c));
            } else if (name == "image") {
                seen_body = true;
                if (auto img = read_image(c, Use::Milestone))
                    m.body.push_back(std::move(*img));
            } else {
                src_.error(c,
                           "unknown element <" + std::string(name) +
                               "> in <milestone> (allowed: title, p, image)",
                           d_);
            }
        }
        if (m.title.empty() && !has_paragraph) {
            src_.error(e, "the milestone is empty: it needs a <title> or at least one <p>", d_);
            ok = false;
        }
        if (!ok)
            return std::nullopt;
        return m;
    }

    // A milestone's <image>, or the head's <cover> or <logo> (Front): the
    // same file checks and alt rules; only a milestone's picture has a
    // caption and a width (the design places the front matter).
    enum class Use { Milestone, Front };

    std::optional<chronicle::ImageRef> read_image(const XMLElement* e, Use use) {
        if (use == Use::Front)
            xml::check_attributes(src_, e, {"src", "alt"}, d_);
        else
            xml::check_attributes(src_, e, {"src", "alt", "width"}, d_);
        chronicle::ImageRef img;
        img.line = e->GetLineNum();
        if (const char* width = e->Attribute("width"); width && use == Use::Milestone) {
            static const std::map<std::string_view, chronicle::ImageRef::Width> widths = {
                {"auto", chronicle::ImageRef::Width::Auto},
                {"column", chronicle::ImageRef::Width::Column},
                {"text", chronicle::ImageRef::Width::Text}};
            if (const auto w = widths.find(width); w != widths.end())
                img.width = w->second;
            else
                src_.error(e, "width",
                           "width '" + std::string(width) + "' is not one of auto, column, text",
                           d_);
        }
        // alt="" marks a decorative picture; no alt at all is allowed here
        // and refused where a standard needs one (a PDF under PDF/UA-1,
        // render/pdf/pdf_standards.hpp), with this line.
        const char* alt = e->Attribute("alt");
        img.alt = alt ? collapse_space(alt) : "";
        img.has_alt = alt != nullptr;
        bool captioned = false;
        for (auto* n = e->FirstChild(); n; n = n->NextSibling()) {
            if (use == Use::Front) {
                if (n->ToElement() || (n->ToText() && !xml::is_blank(n->Value()))) {
                    src_.error(n,
                               std::string("<") + e->Name() +
                                   "> must be empty (src and alt say everything)",
                               d_);
                    break;
                }
                continue;
            }
            if (stray_text(n, e))
                continue;
            auto* c = n->ToElement();
            if (!c)
                continue;
            if (std::string_view(c->Name()) != "caption") {
                src_.error(c,
                           "unknown element <" + std::string(c->Name()) +
                               "> in <image> (allowed: caption)",
                           d_);
                continue;
            }
            xml::check_attributes(src_, c, {}, d_);
            if (captioned)
                src_.error(c, "<caption> is given twice", d_);
            captioned = true;
            img.caption = read_inlines(src_, c, {}, d_);
        }
        const char* src_attr = e->Attribute("src");
        if (!src_attr || !*src_attr) {
            xml::missing_attribute(src_, e, "src", "a PNG or JPEG file", d_);
            return std::nullopt;
        }
        img.source = src_attr;
        const fs::path rel(img.source);
        auto refuse = [&](const std::string& why) {
            src_.error(e, "src", "image path '" + img.source + "' " + why, d_);
            return std::nullopt;
        };
        if (rel.is_absolute() && !opt_.allow_outside_images)
            return refuse("is absolute; give it relative to the chronicle's folder "
                          "(or allow it with --allow-outside-images)");
        const fs::path base = fs::absolute(base_dir_).lexically_normal();
        const fs::path full = (rel.is_absolute() ? rel : base / rel).lexically_normal();
        const auto inside = full.lexically_relative(base);
        if (!opt_.allow_outside_images && (inside.empty() || *inside.begin() == ".."))
            return refuse("leads outside the chronicle's folder (allow it with "
                          "--allow-outside-images)");
        if (!opt_.allow_outside_images && leaves_through_link(base, full))
            return refuse("leads outside the chronicle's folder through a symbolic link "
                          "(allow it with --allow-outside-images)");
        img.path = full.string();
        // Each file is read and checked once, however often it is shown.
        auto [probed, fresh] = probes_.try_emplace(img.path);
        if (fresh)
            probed->second.info = probe_image(img.path, probed->second.why);
        const auto& info = probed->second.info;
        const auto& why = probed->second.why;
        if (!info) {
            src_.error(e, "src", "image '" + img.source + "' " + why, d_);
            return std::nullopt;
        }
        img.format = info->format == ImageInfo::Format::Png ? chronicle::ImageRef::Format::Png
                                                            : chronicle::ImageRef::Format::Jpeg;
        img.width_px = info->width;
        img.height_px = info->height;
        img.bit_depth = info->bit_depth;
        img.interlaced = info->interlaced;
        img.cmyk = info->cmyk;
        img.bytes = info->bytes;
        return img;
    }

    const xml::Source& src_;
    std::string base_dir_;
    Diagnostics& d_;
    const ReadOptions& opt_;
    std::map<std::string, int> ids_;
    struct Probe {
        std::optional<ImageInfo> info;
        std::string why;
    };
    std::map<std::string, Probe> probes_; // by resolved path
};

} // namespace

std::optional<chronicle::Chronicle>
read_chronicle_text(std::string text, const std::string& display, const std::string& base_dir,
                    Diagnostics& diags, const ReadOptions& options) {
    const auto start = diags.mark();
    auto src = xml::Source::parse(std::move(text), display, diags);
    if (!src)
        return std::nullopt;
    Reader reader(*src, base_dir, diags, options);
    auto c = reader.read();
    if (diags.errors_since(start))
        return std::nullopt;
    return c;
}

std::optional<chronicle::Chronicle> read_chronicle(const std::string& path, Diagnostics& diags,
                                                   const ReadOptions& options) {
    const auto start = diags.mark();
    auto src = xml::Source::load(path, path, diags);
    if (!src)
        return std::nullopt;
    const auto parent = fs::path(path).parent_path();
    Reader reader(*src, parent.empty() ? "." : parent.string(), diags, options);
    auto c = reader.read();
    if (diags.errors_since(start))
        return std::nullopt;
    return c;
}

} // namespace chronik::reader
