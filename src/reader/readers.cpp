#include "readers.hpp"

#include <filesystem>

namespace chronik::reader {

const std::vector<InputFormat>& input_formats() {
    static const std::vector<InputFormat> table{
        {"chronicle",
         {".xml"},
         "XML chronicle, format version 1 (docs/format.md)",
         &read_chronicle,
         &read_chronicle_text},
    };
    return table;
}

const InputFormat& input_format_for(std::string_view path) {
    const auto ext = std::filesystem::path(path).extension().string();
    for (const auto& f : input_formats())
        for (const auto e : f.extensions)
            if (e == ext)
                return f;
    return input_formats().front();
}

const InputFormat* find_input_format(std::string_view name) {
    for (const auto& f : input_formats())
        if (f.name == name)
            return &f;
    return nullptr;
}

} // namespace chronik::reader
