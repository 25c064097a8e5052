// Paragraphs set ahead on a second thread, by block of the document.
//
// Setting paragraphs (line-breaking, hyphenation) is most of the layout's
// time, and a paragraph's lines depend only on its content, style and
// measure, never on where it lands. So while the layout walks the blocks
// from the start, a helper walks them from the middle, sets their
// paragraphs and hands them over here. Each block is set by one thread
// only: the helper claims blocks one by one and stops at the first one the
// layout reached before it. The layout takes a block's paragraphs only if
// they were set from the same content, style and measure it asks for, so
// the pages are the same with or without the helper.
#pragma once

#include "paragraph.hpp"

#include <atomic>
#include <memory>
#include <utility>
#include <vector>

namespace chronik::layout {

struct PrefetchedParagraph {
    model::Inlines content;
    ParagraphStyle style;
    Length width = 0;
    SetParagraph set;
    // The helper's requests to its FontSet while setting it, with the ids
    // it answered: the layout asks its own FontSet the same, so faces are
    // numbered as if it had set the paragraph itself.
    std::vector<std::pair<style::Font, int>> faces;
    bool usable = false; // false: it gave warnings (the layout sets it again to report them)
};

class BlockSlots {
public:
    explicit BlockSlots(std::size_t blocks) : slots_(std::make_unique<Slot[]>(blocks)) {}

    // Helper: takes block `i`; false once the layout has reached it, or after stop().
    bool claim(std::size_t i) {
        if (stopped_.load(std::memory_order_acquire))
            return false;
        int expected = free_;
        return slots_[i].state.compare_exchange_strong(expected, claimed);
    }
    void publish(std::size_t i, std::vector<PrefetchedParagraph> sets) {
        slots_[i].sets = std::move(sets);
        slots_[i].state.store(ready, std::memory_order_release);
        slots_[i].state.notify_all();
    }
    // Layout: the paragraphs of block `i` set ahead, waiting for the helper
    // if it is setting them; none if the block is the layout's to set.
    std::vector<PrefetchedParagraph> take(std::size_t i) {
        int state = slots_[i].state.load(std::memory_order_acquire);
        if (state == free_ && slots_[i].state.compare_exchange_strong(state, taken))
            return {};
        while (state == claimed) {
            slots_[i].state.wait(claimed, std::memory_order_acquire);
            state = slots_[i].state.load(std::memory_order_acquire);
        }
        return std::move(slots_[i].sets);
    }
    void stop() { stopped_.store(true, std::memory_order_release); }

private:
    static constexpr int free_ = 0, claimed = 1, ready = 2, taken = 3;
    struct Slot {
        std::atomic<int> state{free_};
        std::vector<PrefetchedParagraph> sets;
    };
    std::unique_ptr<Slot[]> slots_;
    std::atomic<bool> stopped_{false};
};

} // namespace chronik::layout
