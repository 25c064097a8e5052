// SHA-256 content hashes for incremental batch runs (Poco::SHA2Engine).
// A job's hash covers everything its outputs are made from; fields are
// length-prefixed, so ("ab", "c") and ("a", "bc") never hash alike.
#pragma once

#include <Poco/SHA2Engine.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace chronik::batch {

class ContentHash {
public:
    ContentHash();
    // One named field; the name keeps fields of different kinds apart.
    ContentHash& add(std::string_view name, std::string_view value);
    ContentHash& add(std::string_view name, std::int64_t value);
    // 64 lowercase hex digits. Ends the hash: call once.
    std::string hex();

private:
    void raw(std::string_view bytes);
    Poco::SHA2Engine engine_;
};

// SHA-256 of bytes, as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);
// The same for a file's contents; nullopt when it cannot be read.
std::optional<std::string> sha256_of_file(const std::filesystem::path& file);

// A file's modification time in nanoseconds since 1970 (stat's st_mtim),
// the quick check before a hash; nullopt when there is no such file.
std::optional<std::int64_t> modified_ns(const std::filesystem::path& file);

} // namespace chronik::batch
