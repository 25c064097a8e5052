// Diagnostics: what went wrong in which file, line and column.
// Every stage reports into a Diagnostics sink instead of printing, so the CLI
// decides how to show them and tests can assert on them.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace chronik {

enum class Severity { Warning, Error };

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string file;  // as the user named it; empty when not about a file
    int line = 0;      // 1-based; 0 = unknown
    int column = 0;    // 1-based, in characters; 0 = unknown
    std::string message;
};

// "file:line:col: error: message" (parts that are unknown are left out).
// Warnings carry no column, as the CLI contract asks.
std::string format(const Diagnostic& d);

class Diagnostics {
public:
    void error(std::string_view file, int line, int column, std::string message);
    void warning(std::string_view file, int line, std::string message);
    void add(Diagnostic d) { items_.push_back(std::move(d)); }

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
