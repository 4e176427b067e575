#pragma once
// Files embedded at build time by cmake/embed_files.cmake (see client/CMakeLists.txt).
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace naervaer::client {

namespace assets {
// The bytes of an embedded file by its path under assets/ (e.g. "i18n/da.json"); empty if unknown.
std::string_view file(std::string_view name);
} // namespace assets

// Reads one data file through `read` (the embedded assets, or a test's stand-in) and parses it
// with `parse`, whose result has `errors` (strings) and the parsed value in `member`. Every
// problem lands in `errors` prefixed with the file's path; an empty view means the build did not
// embed the file, which beats the parser's "not valid JSON".
template <class Parse, class Member>
auto parse_asset(std::string_view (*read)(std::string_view), std::string_view file, Parse parse, Member member,
                 std::vector<std::string>& errors) {
    using Value = std::remove_reference_t<decltype(*(parse(std::string_view()).*member))>;
    const std::string_view text = read(file);
    if (text.empty()) {
        errors.push_back(std::string(file) + ": not embedded");
        return std::optional<Value>();
    }
    auto parsed = parse(text);
    for (const auto& error : parsed.errors)
        errors.push_back(std::string(file) + ": " + error);
    return std::move(parsed.*member);
}

} // namespace naervaer::client
