#pragma once
// Writing JSON text directly, for answers assembled from stored JSON without a tree. The output
// matches nlohmann::json::dump() (compact, UTF-8 kept as is, control characters as \u00xx), so
// an answer built here is byte for byte what to_json(...).dump() gave.
#include <cstdint>
#include <string>
#include <string_view>

namespace naervaer::server::json_text {

namespace detail {
// Bytes that end a plain run inside a JSON string: '"', '\\' and control characters (escaped on
// output); bytes >= 0x80 are marked 2 (UTF-8 sequences, checked by the validator).
struct StringBytes {
    unsigned char kind[256] = {};
    constexpr StringBytes() {
        for (int c = 0; c < 0x20; ++c) kind[c] = 1;
        kind[static_cast<unsigned char>('"')] = 1;
        kind[static_cast<unsigned char>('\\')] = 1;
        for (int c = 0x80; c < 0x100; ++c) kind[c] = 2;
    }
};
inline constexpr StringBytes string_bytes{};
} // namespace detail

inline void append_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    std::size_t plain = 0; // start of the run not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (detail::string_bytes.kind[c] != 1) continue;
        out.append(s.data() + plain, i - plain);
        plain = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
    out.append(s.data() + plain, s.size() - plain);
    out += '"';
}

inline void append_int(std::string& out, int64_t value) { out += std::to_string(value); }

inline void append_bool(std::string& out, bool value) { out += value ? "true" : "false"; }

// Whether `text` is one JSON object (RFC 8259) in valid UTF-8: a check without a tree, for stored
// JSON about to be spliced into an answer.
bool is_valid_object(std::string_view text);

} // namespace naervaer::server::json_text
