#include "docx_context.hpp"

#include "docx_pages.hpp"
#include "docx_units.hpp"
#include "docx_widths.hpp"
#include "model/overloaded.hpp"
#include "style/tunables.hpp"
#include "support/uri.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace chronik::render::docx {

namespace {

// Word bookmark names: at most 40 characters, letters, digits and '_';
// a leading '_' hides them from the user's bookmark list, as Word's own
// "_Toc..." bookmarks are hidden. Model ids are ASCII letters, digits, '-'.
class BookmarkNames {
public:
    std::string make(const std::string& id) {
        std::string name = "_Toc_";
        for (char c : id) {
            const auto u = static_cast<unsigned char>(c);
            name += (u < 0x80 && std::isalnum(u)) ? c : '_';
        }
        if (name.size() > 40)
            name.resize(32);
        if (used_.insert(name).second)
            return name;
        for (int n = 2;; ++n) {
            std::string candidate =
                name.substr(0, std::min<std::size_t>(name.size(), 32)) + "_" + std::to_string(n);
            if (used_.insert(candidate).second)
                return candidate;
        }
    }

private:
    std::set<std::string> used_;
};

} // namespace

bool has_head(const model::DatedEntry& e) {
    return e.has_body && (!e.title.empty() || !e.date_is_redundant);
}

Context::Context(const model::Document& d, const style::Style& s)
    : doc(d), style(s), language(word_language(d.meta.language.empty() ? "en" : d.meta.language)) {
    page_width = twips_from_mm(s.page.width);
    page_height = twips_from_mm(s.page.height);
    margin_top = twips_from_mm(s.page.margin_top);
    margin_bottom = twips_from_mm(s.page.margin_bottom);
    margin_inner = twips_from_mm(s.page.margin_inner);
    margin_outer = twips_from_mm(s.page.margin_outer);
    // Header and footer sit in the top and bottom margins, about 40 % of the
    // way from the paper's edge, and never closer to it than 6 mm.
    header_distance = std::max(twips_from_mm(6), margin_top * 2 / 5);
    footer_distance = std::max(twips_from_mm(6), margin_bottom * 2 / 5);
    if (s.design == "brochure") {
        // As the brochure design measures it: about a tenth of the measure,
        // 9 to 16 mm, unless the sheet sets rail-width; the line at 2/5.
        const double rail = style::tunable(s, "rail-width");
        rail_indent = rail > 0 ? twips_from_mm(rail)
                               : std::clamp<std::int64_t>(text_width() / 11, twips_from_mm(9),
                                                          twips_from_mm(16));
        rail_space = static_cast<int>(std::min<std::int64_t>(
            (rail_indent - rail_indent * 2 / 5 + twips_per_pt / 2) / twips_per_pt, 31));
        rail_color = mix_with_white(s.role(style::Role::MilestoneDate).color, 0.35);
        if (s.title_page)
            title_rule =
                std::min(twips_from_mm(style::tunable(s, "title-bar-width")), text_width());
    }
    looks = make_looks(s, text_height(), title_rule > 0);

    BookmarkNames names;
    // The dated list's date column: as wide as its widest date, in the
    // list date's face (docx_styles.cpp) at the list's size.
    Widths widths;
    style::TextStyle date_look = s.role(style::Role::MilestoneDate);
    double widest_date = 0; // em of the list's size
    // The contents list the levels of the PDF's; every head keeps its bookmark.
    auto list = [&](int level, std::string text, const std::string& name, std::size_t i) {
        if (level <= toc_levels)
            toc.push_back({level, std::move(text), name, i});
    };
    for (std::size_t i = 0; i < d.blocks.size(); ++i) {
        std::visit(
            model::overloaded{
                [&](const model::Heading& h) {
                    if (h.level > 2)
                        return;
                    auto name = names.make(h.id);
                    list(h.level, model::plain_text(h.content), name, i);
                    bookmarks.emplace(i, std::move(name));
                },
                [&](const model::DatedEntry& e) {
                    if (!e.has_body && !e.date_is_redundant)
                        widest_date = std::max(widest_date, widths.em(e.date_label, date_look));
                    if (!has_head(e))
                        return;
                    auto name = names.make(e.id);
                    list(2, e.title.empty() ? e.date_label : model::plain_text(e.title), name, i);
                    bookmarks.emplace(i, std::move(name));
                },
                [](const model::Paragraph&) {},
                [](const model::Image&) {},
                [](const model::TableOfContents&) {},
                [](const model::PageBreak&) {},
            },
            d.blocks[i]);
    }
    const double em = s.role(style::Role::Body).size;
    const std::int64_t quarter_cm = twips_from_mm(2.5);
    const std::int64_t wanted = twips_from_pt(widest_date * em + em);
    dated_list_indent =
        std::clamp((wanted + quarter_cm - 1) / quarter_cm * quarter_cm, twips_from_mm(15),
                   std::max(twips_from_mm(15), text_width() / 3));
    // Only a table of contents shows the estimate.
    const bool has_toc = std::any_of(d.blocks.begin(), d.blocks.end(), [](const auto& b) {
        return std::holds_alternative<model::TableOfContents>(b);
    });
    if (has_toc)
        estimate_pages(*this);
}

State::State() {
    add_relationship(reltype::styles, "styles.xml", false);
    add_relationship(reltype::settings, "settings.xml", false);
    add_relationship(reltype::font_table, "fontTable.xml", false);
    add_relationship(reltype::header, "header1.xml", false);
    add_relationship(reltype::footer, "footer1.xml", false);
}

std::string State::add_relationship(std::string type, std::string target, bool external) {
    std::string id = "rId" + std::to_string(relationships.size() + 1);
    relationships.push_back({id, std::move(type), std::move(target), external});
    return id;
}

std::string State::hyperlink(const std::string& href) {
    if (auto it = hyperlink_ids.find(href); it != hyperlink_ids.end())
        return it->second;
    // Relationship targets are URIs: percent-encode what an IRI or a typed
    // URL may hold but a URI may not (spaces, non-ASCII bytes, quotes).
    auto id =
        add_relationship(reltype::hyperlink, uri::percent_encode(href, uri::not_in_uri), true);
    hyperlink_ids.emplace(href, id);
    return id;
}

} // namespace chronik::render::docx
