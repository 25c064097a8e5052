// Files a format makes beside its output: an HTML page's pictures, say.
// The renderer hands them to its caller (Target::attachments), which writes
// each atomically before the output itself, so that a page never appears
// before its pictures. They live in one folder next to the output, one file
// per picture, named for its content: outputs in one folder share them and
// never overwrite each other's, and a re-render writes the same names.
#pragma once

#include "model/document.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chronik::render {

struct Attachment {
    std::string path; // relative to the output's folder, generic form ("images/a-1f2e.jpg")
    std::shared_ptr<const std::string> bytes;
};

// The folder, next to the output, that every attachment is in.
inline constexpr std::string_view attachment_folder = "images";

// Where a picture goes among the attachments: "images/<stem>-<hash>.<ext>",
// the stem from its file name (letters, digits, '-', '_' and '.' kept, the
// rest '-', at most 40 bytes), the hash 16 hexadecimal digits of its bytes
// (64-bit FNV-1a), the extension from its format (.png, .jpg).
std::string attachment_path(const model::Image& image);

// A picture's address in a flowing output: its attachment's path, added to
// `attachments` once; or, when `embed` (the user asked) or `attachments` is
// null (nothing is written beside the output), the picture itself as a
// data: URI (RFC 2397).
std::string picture_uri(const model::Image& image, std::vector<Attachment>* attachments,
                        bool embed);

// "data:image/png;base64,..." or "data:image/jpeg;base64,...".
std::string data_uri(const model::Image& image);

// RFC 4648 base64, with padding.
std::string base64(std::string_view bytes);

} // namespace chronik::render
