#include "services/json_text.hpp"

#include "http/json_body.hpp"

namespace naervaer::server::json_text {

namespace {

// A recursive-descent check of RFC 8259 grammar that allocates nothing.
class Validator {
public:
    explicit Validator(std::string_view text) : s_(text) {}

    bool object_document() {
        skip_space();
        if (i_ >= s_.size() || s_[i_] != '{') return false;
        if (!value(0)) return false;
        skip_space();
        return i_ == s_.size();
    }

private:
    std::string_view s_;
    std::size_t i_ = 0;

    static constexpr int max_depth = 64;

    void skip_space() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
    }
    bool eat(char c) {
        skip_space();
        if (i_ < s_.size() && s_[i_] == c) {
            ++i_;
            return true;
        }
        return false;
    }
    bool literal(std::string_view word) {
        if (s_.substr(i_, word.size()) != word) return false;
        i_ += word.size();
        return true;
    }
    static bool is_digit(char c) { return c >= '0' && c <= '9'; }
    static bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

    bool string() {
        if (i_ >= s_.size() || s_[i_] != '"') return false;
        ++i_;
        while (i_ < s_.size()) {
            // Plain bytes (most of them) are skipped through a table.
            while (i_ < s_.size() && detail::string_bytes.kind[static_cast<unsigned char>(s_[i_])] == 0) ++i_;
            if (i_ >= s_.size()) return false;
            const auto c = static_cast<unsigned char>(s_[i_]);
            if (c == '"') {
                ++i_;
                return true;
            }
            if (c < 0x20) return false;
            if (c >= 0x80) {
                // A multi-byte UTF-8 sequence, checked on its own: ASCII costs nothing extra.
                const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
                if (!is_valid_utf8(s_.substr(i_, length)) || i_ + length > s_.size()) return false;
                i_ += length;
                continue;
            }
            if (c == '\\') {
                if (++i_ >= s_.size()) return false;
                const char e = s_[i_];
                if (e == 'u') {
                    if (i_ + 4 >= s_.size()) return false;
                    for (int k = 1; k <= 4; ++k)
                        if (!is_hex(s_[i_ + static_cast<std::size_t>(k)])) return false;
                    i_ += 4;
                } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
                    return false;
                }
            }
            ++i_;
        }
        return false;
    }

    bool number() {
        if (i_ < s_.size() && s_[i_] == '-') ++i_;
        if (i_ >= s_.size() || !is_digit(s_[i_])) return false;
        if (s_[i_] == '0') {
            ++i_;
        } else {
            while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
        }
        if (i_ < s_.size() && s_[i_] == '.') {
            ++i_;
            if (i_ >= s_.size() || !is_digit(s_[i_])) return false;
            while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
        }
        if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
            ++i_;
            if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
            if (i_ >= s_.size() || !is_digit(s_[i_])) return false;
            while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
        }
        return true;
    }

    bool value(int depth) {
        skip_space();
        if (i_ >= s_.size()) return false;
        switch (s_[i_]) {
        case '{':
            if (depth >= max_depth) return false;
            ++i_;
            if (eat('}')) return true;
            do {
                skip_space();
                if (!string() || !eat(':') || !value(depth + 1)) return false;
            } while (eat(','));
            return eat('}');
        case '[':
            if (depth >= max_depth) return false;
            ++i_;
            if (eat(']')) return true;
            do {
                if (!value(depth + 1)) return false;
            } while (eat(','));
            return eat(']');
        case '"': return string();
        case 't': return literal("true");
        case 'f': return literal("false");
        case 'n': return literal("null");
        default: return number();
        }
    }
};

} // namespace

bool is_valid_object(std::string_view text) {
    // Outside strings only ASCII passes the grammar, and strings check their UTF-8 themselves.
    return Validator(text).object_document();
}

} // namespace naervaer::server::json_text
