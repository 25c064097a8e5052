#include "docx_latent_styles.hpp"

#include <string>

namespace chronik::render::docx {

namespace {

enum Flags : unsigned {
    none = 0,
    hidden = 1, // w:semiHidden: not offered until used...
    unhide = 2, // w:unhideWhenUsed: ...and offered once used
    quick = 4,  // w:qFormat: in the Quick Styles gallery
    hidden_unhide = hidden | unhide,
};

class Latent {
public:
    explicit Latent(XmlWriter& x) : x_(x) {}

    void operator()(const std::string& name, int priority, unsigned flags) {
        x_.open("w:lsdException", {{"w:name", name}});
        if (flags & hidden)
            x_.attr("w:semiHidden", "1");
        if (priority != 99)
            x_.attr("w:uiPriority", priority);
        if (flags & unhide)
            x_.attr("w:unhideWhenUsed", "1");
        if (flags & quick)
            x_.attr("w:qFormat", "1");
        x_.close();
    }
    // `prefix` 1..n, or `prefix` 1..n `suffix`.
    void numbered(const char* prefix, int from, int to, int priority, unsigned flags,
                  const char* suffix = "") {
        for (int i = from; i <= to; ++i)
            (*this)(std::string(prefix) + std::to_string(i) + suffix, priority, flags);
    }
    void hidden_names(std::initializer_list<const char*> names) {
        for (const char* n : names)
            (*this)(n, 99, hidden_unhide);
    }

private:
    XmlWriter& x_;
};

// Word 2007's table styles (priority 60 to 73), plain or for one accent:
// the names [from, to) of the fourteen.
void classic_tables(Latent& l, const std::string& suffix, int from, int to) {
    static constexpr const char* names[] = {
        "Light Shading",    "Light List",    "Light Grid",    "Medium Shading 1",
        "Medium Shading 2", "Medium List 1", "Medium List 2", "Medium Grid 1",
        "Medium Grid 2",    "Medium Grid 3", "Dark List",     "Colorful Shading",
        "Colorful List",    "Colorful Grid"};
    for (int i = from; i < to; ++i)
        l(std::string(names[i]) + suffix, 60 + i, none);
}

// Word 2013's grid and list tables (priority 46 to 52), plain and per accent.
void modern_tables(Latent& l, const char* kind) {
    const std::string k = kind;
    const std::string names[] = {k + " 1 Light", k + " 2",          k + " 3",         k + " 4",
                                 k + " 5 Dark",  k + " 6 Colorful", k + " 7 Colorful"};
    for (int accent = 0; accent <= 6; ++accent)
        for (int i = 0; i < 7; ++i)
            l(accent ? names[i] + " Accent " + std::to_string(accent) : names[i], 46 + i, none);
}

} // namespace

void write_latent_styles(XmlWriter& x) {
    x.open("w:latentStyles", {{"w:defLockedState", "0"},
                              {"w:defUIPriority", "99"},
                              {"w:defSemiHidden", "0"},
                              {"w:defUnhideWhenUsed", "0"},
                              {"w:defQFormat", "0"}});
    x.attr("w:count", latent_style_count);
    Latent l(x);
    l("Normal", 0, quick);
    l("heading 1", 9, quick);
    l.numbered("heading ", 2, 9, 9, hidden_unhide | quick);
    l.numbered("index ", 1, 9, 99, hidden_unhide);
    l.numbered("toc ", 1, 9, 39, hidden_unhide);
    l.hidden_names(
        {"Normal Indent", "footnote text", "annotation text", "header", "footer", "index heading"});
    l("caption", 35, hidden_unhide | quick);
    l.hidden_names({"table of figures", "envelope address", "envelope return", "footnote reference",
                    "annotation reference", "line number", "page number", "endnote reference",
                    "endnote text", "table of authorities", "macro", "toa heading", "List",
                    "List Bullet", "List Number"});
    l.numbered("List ", 2, 5, 99, hidden_unhide);
    l.numbered("List Bullet ", 2, 5, 99, hidden_unhide);
    l.numbered("List Number ", 2, 5, 99, hidden_unhide);
    l("Title", 10, quick);
    l.hidden_names({"Closing", "Signature"});
    l("Default Paragraph Font", 1, hidden_unhide);
    l.hidden_names({"Body Text", "Body Text Indent", "List Continue"});
    l.numbered("List Continue ", 2, 5, 99, hidden_unhide);
    l.hidden_names({"Message Header"});
    l("Subtitle", 11, quick);
    l.hidden_names({"Salutation", "Date", "Body Text First Indent", "Body Text First Indent 2",
                    "Note Heading", "Body Text 2", "Body Text 3", "Body Text Indent 2",
                    "Body Text Indent 3", "Block Text", "Hyperlink", "FollowedHyperlink"});
    l("Strong", 22, quick);
    l("Emphasis", 20, quick);
    l.hidden_names({"Document Map", "Plain Text", "E-mail Signature", "HTML Top of Form",
                    "HTML Bottom of Form", "Normal (Web)", "HTML Acronym", "HTML Address",
                    "HTML Cite", "HTML Code", "HTML Definition", "HTML Keyboard",
                    "HTML Preformatted", "HTML Sample", "HTML Typewriter", "HTML Variable",
                    "Normal Table", "annotation subject", "No List"});
    l.numbered("Outline List ", 1, 3, 99, hidden_unhide);
    l.numbered("Table Simple ", 1, 3, 99, hidden_unhide);
    l.numbered("Table Classic ", 1, 4, 99, hidden_unhide);
    l.numbered("Table Colorful ", 1, 3, 99, hidden_unhide);
    l.numbered("Table Columns ", 1, 5, 99, hidden_unhide);
    l.numbered("Table Grid ", 1, 8, 99, hidden_unhide);
    l.numbered("Table List ", 1, 8, 99, hidden_unhide);
    l.numbered("Table 3D effects ", 1, 3, 99, hidden_unhide);
    l.hidden_names({"Table Contemporary", "Table Elegant", "Table Professional"});
    l.numbered("Table Subtle ", 1, 2, 99, hidden_unhide);
    l.numbered("Table Web ", 1, 3, 99, hidden_unhide);
    l.hidden_names({"Balloon Text"});
    l("Table Grid", 39, none);
    l.hidden_names({"Table Theme"});
    l("Placeholder Text", 99, hidden);
    l("No Spacing", 1, none); // Word: qFormat
    classic_tables(l, "", 0, 14);
    // Word lists the accent 1 tables around four later styles.
    classic_tables(l, " Accent 1", 0, 6);
    l("Revision", 99, hidden);
    l("List Paragraph", 34, none); // Word: qFormat
    l("Quote", 29, none);          // Word: qFormat
    l("Intense Quote", 30, none);  // Word: qFormat
    classic_tables(l, " Accent 1", 6, 14);
    for (int accent = 2; accent <= 6; ++accent)
        classic_tables(l, " Accent " + std::to_string(accent), 0, 14);
    // Word: each of these five with qFormat.
    l("Subtle Emphasis", 19, none);
    l("Intense Emphasis", 21, none);
    l("Subtle Reference", 31, none);
    l("Intense Reference", 32, none);
    l("Book Title", 33, none);
    l("Bibliography", 37, hidden_unhide);
    l("TOC Heading", 39, hidden_unhide); // Word: qFormat
    for (int i = 1; i <= 5; ++i)
        l("Plain Table " + std::to_string(i), 40 + i, none);
    l("Grid Table Light", 40, none);
    modern_tables(l, "Grid Table");
    modern_tables(l, "List Table");
    l.hidden_names({"Mention", "Smart Hyperlink", "Hashtag", "Unresolved Mention", "Smart Link"});
    x.close();
}

} // namespace chronik::render::docx
