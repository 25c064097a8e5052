// The options of the formats (`-O html.images=embed`, a job's
// options="html.images=embed"): each renderer declares what it takes
// (Renderer::options), and the command line and the job file reader check
// what the user wrote against that, here, in one place. A new option of a
// format is a line in its renderer; nothing in the CLI or in batch changes.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace chronik::render {

class Registry;

// One option of one format: its name, the values it takes (the first is the
// default) and a line of help for `chronik formats`.
struct OptionSpec {
    std::string name;
    std::vector<std::string> values;
    std::string help;
};

class FormatOptions {
public:
    // Adds one "FORMAT.NAME=VALUE". Throws std::invalid_argument with the
    // reason, naming what is available ("html has no option 'x' (it has:
    // images)"). A later value of the same option replaces an earlier one.
    void set(const Registry& formats, std::string_view spelled);
    // The values given for one format, by option name (not the defaults).
    std::map<std::string, std::string> of(std::string_view format) const;
    // "html.images=embed timeline.media=link": sorted, for a job's hash
    // and for messages; empty when nothing was given.
    std::string spelled() const;
    bool empty() const { return values_.empty(); }
    bool operator==(const FormatOptions&) const = default;

private:
    std::map<std::string, std::map<std::string, std::string>, std::less<>> values_;
};

} // namespace chronik::render
