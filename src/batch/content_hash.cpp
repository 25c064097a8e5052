#include "content_hash.hpp"

#include <Poco/DigestEngine.h>

#include <array>
#include <charconv>
#include <fstream>
#include <sys/stat.h>

namespace chronik::batch {

ContentHash::ContentHash() : engine_(Poco::SHA2Engine::SHA_256) {}

void ContentHash::raw(std::string_view bytes) {
    engine_.update(bytes.data(), bytes.size());
}

ContentHash& ContentHash::add(std::string_view name, std::string_view value) {
    // name NUL length NUL value: unambiguous whatever the bytes are.
    std::array<char, 24> len{};
    const auto end = std::to_chars(len.data(), len.data() + len.size(), value.size()).ptr;
    raw(name);
    raw(std::string_view("\0", 1));
    raw(std::string_view(len.data(), static_cast<std::size_t>(end - len.data())));
    raw(std::string_view("\0", 1));
    raw(value);
    return *this;
}

ContentHash& ContentHash::add(std::string_view name, std::int64_t value) {
    std::array<char, 24> digits{};
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
    return add(name,
               std::string_view(digits.data(), static_cast<std::size_t>(end - digits.data())));
}

std::string ContentHash::hex() {
    return Poco::DigestEngine::digestToHex(engine_.digest());
}

std::string sha256_hex(std::string_view bytes) {
    Poco::SHA2Engine e(Poco::SHA2Engine::SHA_256);
    e.update(bytes.data(), bytes.size());
    return Poco::DigestEngine::digestToHex(e.digest());
}

std::optional<std::string> sha256_of_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return std::nullopt;
    Poco::SHA2Engine e(Poco::SHA2Engine::SHA_256);
    std::array<char, 64 * 1024> buf;
    while (in) {
        in.read(buf.data(), buf.size());
        if (in.gcount() > 0)
            e.update(buf.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad())
        return std::nullopt;
    return Poco::DigestEngine::digestToHex(e.digest());
}

std::optional<std::int64_t> modified_ns(const std::filesystem::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0)
        return std::nullopt;
    return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

} // namespace chronik::batch
