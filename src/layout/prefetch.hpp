// Paragraphs set ahead on a second thread, by block of the document.
//
// Setting paragraphs (line-breaking, hyphenation) is most of the layout's
// time, and a paragraph's lines depend only on its content, style and
// measure, never on where it lands. So the blocks are dealt out in chunks:
// the layout sets the even chunks itself while a helper sets the odd ones
// and hands them over here; the helper stays at most a few chunks ahead,
// so what waits here stays small. Each block is set by one thread only: a
// block the layout reaches before the helper claimed it is the layout's.
// The layout takes a block's paragraphs only if they were set from the same
// content, style and measure it asks for, so the pages are the same with
// or without the helper.
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
    static constexpr std::size_t chunk = 16;       // blocks
    static constexpr std::size_t lead = 4 * chunk; // how far the helper may run ahead

    explicit BlockSlots(std::size_t blocks) : slots_(std::make_unique<Slot[]>(blocks)) {}

    // Whether block `i` is dealt to the helper.
    static bool helpers(std::size_t i) { return i / chunk % 2 == 1; }

    // Helper: takes block `i`, once the layout is near enough; false if the
    // layout got there first or stop() was called.
    bool claim(std::size_t i) {
        for (std::size_t at = reached_.load(std::memory_order_acquire); i > at + lead;
             at = reached_.load(std::memory_order_acquire)) {
            if (stopped_.load(std::memory_order_acquire))
                return false;
            reached_.wait(at, std::memory_order_acquire);
        }
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
        reached_.store(i, std::memory_order_release);
        if (i % chunk == 0) // a waiting helper looks again once a chunk, not once a block
            reached_.notify_all();
        int state = slots_[i].state.load(std::memory_order_acquire);
        if (state == free_ && slots_[i].state.compare_exchange_strong(state, taken))
            return {};
        while (state == claimed) {
            slots_[i].state.wait(claimed, std::memory_order_acquire);
            state = slots_[i].state.load(std::memory_order_acquire);
        }
        return std::move(slots_[i].sets);
    }
    bool stopped() const { return stopped_.load(std::memory_order_acquire); }
    void stop() {
        stopped_.store(true, std::memory_order_release);
        reached_.fetch_add(lead + 1, std::memory_order_acq_rel); // wakes a waiting helper
        reached_.notify_all();
    }

private:
    static constexpr int free_ = 0, claimed = 1, ready = 2, taken = 3;
    struct Slot {
        std::atomic<int> state{free_};
        std::vector<PrefetchedParagraph> sets;
    };
    std::unique_ptr<Slot[]> slots_;
    std::atomic<std::size_t> reached_{0}; // the block the layout is at
    std::atomic<bool> stopped_{false};
};

} // namespace chronik::layout
