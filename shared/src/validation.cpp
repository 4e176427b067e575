#include "naervaer/validation.hpp"

#include "messages.hpp"
#include "naervaer/date.hpp"

#include <nlohmann/json.hpp>

namespace naervaer {

void ValidationResult::add(std::string field, std::string code, const std::string& arg) {
    auto msg = detail::validation_message(code, arg);
    errors_.push_back({std::move(field), std::move(code), std::move(msg.da), std::move(msg.en)});
}

void ValidationResult::merge(const ValidationResult& other) {
    errors_.insert(errors_.end(), other.errors_.begin(), other.errors_.end());
}

const FieldError* ValidationResult::find(std::string_view field) const {
    for (const auto& e : errors_)
        if (e.field == field) return &e;
    return nullptr;
}

bool ValidationResult::has(std::string_view field, std::string_view code) const {
    for (const auto& e : errors_)
        if (e.field == field && e.code == code) return true;
    return false;
}

nlohmann::json ValidationResult::to_json() const {
    auto out = nlohmann::json::object();
    for (const auto& e : errors_)
        if (!out.contains(e.field))
            out[e.field] = {{"code", e.code}, {"message", e.message_da}, {"message_en", e.message_en}};
    return out;
}

bool is_valid_id(std::string_view id) {
    if (id.empty() || id.size() > limits::id_length) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    return true;
}

bool is_clean_text(std::string_view s, bool allow_newlines) {
    // Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF) and no control
    // characters: they have no place in names and notes, and they confuse documents made later.
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (c < 0x20 && !(allow_newlines && (c == '\n' || c == '\t' || c == '\r'))) return false;
            if (c == 0x7f) return false;
            ++i;
            continue;
        }
        int len;
        uint32_t cp;
        if ((c & 0xe0) == 0xc0) len = 2, cp = c & 0x1f;
        else if ((c & 0xf0) == 0xe0) len = 3, cp = c & 0x0f;
        else if ((c & 0xf8) == 0xf0) len = 4, cp = c & 0x07;
        else return false;
        if (i + len > s.size()) return false;
        for (int k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xc0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3f);
        }
        static constexpr uint32_t min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_for_len[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
        if (cp >= 0x80 && cp < 0xa0) return false; // C1 controls
        i += len;
    }
    return true;
}

namespace {
bool digits(std::string_view s, std::size_t from, std::size_t n) {
    if (s.size() < from + n) return false;
    for (std::size_t i = from; i < from + n; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

} // namespace

bool is_iso_timestamp(std::string_view s) {
    if (s.size() < 17 || s[10] != 'T' || !Date::parse_iso(s.substr(0, 10))) return false;
    if (!digits(s, 11, 2) || s[13] != ':' || !digits(s, 14, 2)) return false;
    if ((s[11] - '0') * 10 + (s[12] - '0') > 23 || (s[14] - '0') * 10 + (s[15] - '0') > 59) return false;
    std::size_t i = 16;
    if (s[i] == ':') {
        if (!digits(s, i + 1, 2) || (s[i + 1] - '0') * 10 + (s[i + 2] - '0') > 59) return false;
        i += 3;
        if (i < s.size() && s[i] == '.') {
            const std::size_t start = ++i;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9')
                ++i;
            if (i == start) return false;
        }
    }
    if (i == s.size()) return false;
    if (s[i] == 'Z') return i + 1 == s.size();
    if (s[i] != '+' && s[i] != '-') return false;
    return s.size() == i + 6 && digits(s, i + 1, 2) && s[i + 3] == ':' && digits(s, i + 4, 2);
}

void check_text(ValidationResult& v, const std::string& path, const std::string& s, bool required,
                std::size_t max_len, bool newlines) {
    if (!is_clean_text(s, newlines))
        v.add(path, "invalid_text");
    else if (s.size() > max_len)
        v.add(path, "too_long", std::to_string(max_len));
    else if (required && s.find_first_not_of(" \t\r\n") == std::string::npos)
        v.add(path, "required");
}

} // namespace naervaer
