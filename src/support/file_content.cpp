#include "file_content.hpp"

#include <fstream>
#include <string>

namespace chronik {

bool file_has_content(const std::filesystem::path& file, std::string_view bytes) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec) ||
        std::filesystem::file_size(file, ec) != bytes.size() || ec)
        return false;
    std::ifstream in(file, std::ios::binary);
    std::string buffer(64 * 1024, '\0');
    std::size_t at = 0;
    while (in && at < bytes.size()) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto n = static_cast<std::size_t>(in.gcount());
        if (n == 0 || at + n > bytes.size() ||
            bytes.substr(at, n) != std::string_view(buffer.data(), n))
            return false;
        at += n;
    }
    return at == bytes.size();
}

} // namespace chronik
