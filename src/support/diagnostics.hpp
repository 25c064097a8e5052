// Diagnostics: what went wrong in which file, line and column.
//
// The one convention for judged input (chronicles, style sheets, job files,
// images): a reader reports every error and warning it finds into the
// Diagnostics sink its caller passes, never prints, and returns nothing
// (nullopt) exactly when it added an error -- whatever the sink held
// before (Diagnostics::mark). The caller decides: the CLI prints them with
// format() and picks the exit status, batch keeps them per job, tests
// assert on them. A stage that cannot go on at all throws Failure, which
// carries one Diagnostic.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace chronik {

// A note tells what chronik did on the user's behalf (blank pages added
// to a booklet): nothing to fix, so it is not counted as a warning.
enum class Severity { Warning, Error, Note };

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string file; // as the user named it; empty when not about a file
    int line = 0;     // 1-based; 0 = unknown
    int column = 0;   // 1-based, in characters; 0 = unknown
    std::string message;
};

// "file:line:col: error: message" (parts that are unknown are left out).
// Warnings and notes carry no column, as the CLI contract asks.
std::string format(const Diagnostic& d);

class Diagnostics {
public:
    void error(std::string_view file, int line, int column, std::string message);
    void warning(std::string_view file, int line, std::string message);
    void note(std::string_view file, int line, std::string message);
    void add(Diagnostic d) { items_.push_back(std::move(d)); }

    // Where the sink stands now; errors_since(m) tells whether a step added
    // an error after it (a reader's "did I fail", with earlier files'
    // errors in the same sink).
    struct Mark {
        std::size_t errors = 0;
    };
    Mark mark() const { return {error_count()}; }
    bool errors_since(Mark m) const { return error_count() > m.errors; }

    const std::vector<Diagnostic>& items() const { return items_; }
    bool has_errors() const;
    std::size_t error_count() const;
    void clear() { items_.clear(); }

private:
    std::vector<Diagnostic> items_;
};

// Thrown when a stage cannot go on; carries everything needed to print it.
class Failure : public std::runtime_error {
public:
    explicit Failure(Diagnostic d) : std::runtime_error(format(d)), diagnostic_(std::move(d)) {}
    const Diagnostic& diagnostic() const { return diagnostic_; }

private:
    Diagnostic diagnostic_;
};

} // namespace chronik
