// The generic page engine: a design walks the document's blocks and adds
// slices to a Galley (paragraphs set into lines, with the keep, widow and
// orphan rules); the engine cuts the galley into pages (pager.hpp), places
// the slices on facing pages, resolves anchors and page references, and
// hands every page to the design's PageDecorator for what the design draws
// around the text (rules, marks, running heads). It knows nothing of what
// the blocks mean.
//
// Owns: the slices (until their items move to the pages). Units: Length
// (layout/units.hpp), x from the text area's left, y from the page's top.
#pragma once

#include "model/document.hpp"
#include "page.hpp"
#include "pager.hpp"
#include "paragraph.hpp"
#include "prefetch.hpp"
#include "style/style.hpp"
#include "support/diagnostics.hpp"

#include <functional>
#include <memory>

namespace chronik::layout {

// Documents that would run to more pages are refused (README, "Limits"),
// with a std::runtime_error saying so. The layout stops as soon as its lines
// and pictures alone would fill that many pages.
inline constexpr std::size_t max_pages = 2000;

// The page and its text area. Recto pages (odd numbers) have the inner
// margin on the left, verso pages the outer one.
struct PageGeometry {
    Length width = 0, height = 0;
    Length top = 0, bottom = 0, inner = 0, outer = 0;
    Length text_width() const { return width - inner - outer; }
    Length text_height() const { return height - top - bottom; }
    Length left(int page_number) const { return page_number % 2 == 1 ? inner : outer; }
};
PageGeometry geometry_of(const style::Page& page);

// Where the baseline of a line sits inside its leading: the font's height
// centred in it, the baseline at most at the leading's foot.
Length baseline_in_leading(FontSet& fonts, const ParagraphStyle& ps);

class Galley {
public:
    // `helper`: this galley belongs to the helper thread (prefetch.hpp): it
    // sets the paragraphs asked for and records them for the layout; its
    // slices are never paginated.
    Galley(FontSet& fonts, const Hyphenator* hyphenator, std::string language, std::string source,
           Diagnostics& diags, const PageGeometry& geometry, bool helper = false);

    FontSet& fonts() { return fonts_; }
    const PageGeometry& geometry() const { return geometry_; }

    // A paragraph set at `width`: taken from the helper if it set the same
    // content in the same style at the same width, else set here.
    SetParagraph set(const model::Inlines& content, const ParagraphStyle& style, Length width);

    // Lines of a set paragraph as slices at x. The first gets
    // `space_before` and may break before it unless `keep_with_previous`;
    // after it no orphan (one line at a page's foot), no widow (one at its
    // top), and no page ending in a hyphenated word (TeX's \brokenpenalty,
    // made absolute). Links get a clickable area and an underline. Returns
    // the index of the first slice added (== slices().size() if none).
    //
    // The lines' text is content of structure element `element` (tagged
    // PDF): each link in it becomes a Link element under it, each word
    // hyphenated at a line's end a Span whose ActualText is the whole word.
    // `space_at_end`: a word space follows the last line (the paragraph
    // shares its element with the next one, as a date and title do).
    std::size_t add_lines(const SetParagraph& set, const ParagraphStyle& ps, Length x,
                          Length space_before, bool keep_with_previous, int element,
                          bool space_at_end = false);
    // A structure element under `parent` (-1: the document), in reading
    // order; returns its index in structure().
    int element(std::string role, int parent = -1);
    std::vector<StructElement>& structure() { return structure_; }
    void add(Slice s) { slices_.push_back(std::move(s)); }
    std::vector<Slice>& slices() { return slices_; }

    // Paragraphs the helper set that this galley used (0 on one thread).
    std::size_t prefetched_used() const { return prefetched_used_; }

    // --- driven by lay_out(), not by designs ---------------------------------
    void begin_block(std::size_t i);
    void end_block(); // throws when the slices so far cannot fit into max_pages
    void use(BlockSlots* slots) { slots_ = slots; }
    std::vector<PrefetchedParagraph> take_recorded() { return std::move(recorded_); }
    void report_missing_glyphs() { ctx_.missing.report(ctx_.source, ctx_.diags); }
    [[noreturn]] static void too_many_pages();

private:
    FontSet& fonts_;
    TypesetContext ctx_;
    PageGeometry geometry_;
    bool helper_;
    BlockSlots* slots_ = nullptr;
    std::vector<PrefetchedParagraph> ahead_; // of the current block
    std::size_t ahead_next_ = 0;
    std::vector<PrefetchedParagraph> recorded_; // helper: of the current block
    std::vector<std::pair<style::Font, int>> face_log_;
    std::size_t prefetched_used_ = 0;
    std::vector<Slice> slices_;
    std::vector<StructElement> structure_;
    std::size_t counted_ = 0; // slices whose height is in height_so_far_
    Length height_so_far_ = 0;
};

// A design's walk over the document: block(i) is called for each block in
// order on the layout's galley; the helper thread calls it on its own
// galley for some blocks only, to set their paragraphs ahead (so block()
// must not depend on having seen the blocks before for anything but the
// slices it adds).
class BlockWalker {
public:
    virtual ~BlockWalker() = default;
    virtual void block(std::size_t i) = 0;
};

// What a page decorator is told about the page being made.
struct PageInProgress {
    Page& page;
    std::size_t index;                      // 0-based; page.number is index + 1
    Length left;                            // the text area's left edge on this page
    const std::vector<PlacedSlice>& placed; // the slices on it, in order
    const std::vector<PlacedSlice>* next;   // those of the next page, or nullptr
    const std::vector<Slice>& slices;       // all slices (items of placed ones move to the page)
    // The page number (1-based) an anchor landed on, or 0 if none has it.
    std::function<int(const std::string&)> page_of;
};

// A design's drawing on each page, around the slices the engine places.
// Called in this order for every page: begin (below the text), placed()
// after each slice's items moved to the page, end (above the text). A
// design may also clear page.number (a page that shows no number).
class PageDecorator {
public:
    virtual ~PageDecorator() = default;
    virtual void begin(PageInProgress&) {}
    virtual void placed(PageInProgress&, const PlacedSlice&) {}
    virtual void end(PageInProgress&) {}
};

struct EngineRun {
    const model::Document& doc;
    FontSet& fonts;
    const Hyphenator* hyphenator;
    Diagnostics& diags;
    PageGeometry geometry;
    unsigned threads = 1; // > 1: a long document's paragraphs are set on two threads
    // Makes the design's walker over a galley (called once for the layout,
    // once on the helper thread).
    std::function<std::unique_ptr<BlockWalker>(Galley&)> walker;
    PageDecorator* decorator = nullptr;
    // The sheet, for the file and line of font problems (nullptr: reported
    // against the chronicle).
    const style::Style* style = nullptr;
};

// Walks, paginates, places and decorates; the pages are the same whatever
// `threads` is. tree.stats says how many paragraphs the helper set.
PageTree lay_out(const EngineRun& run);

} // namespace chronik::layout
