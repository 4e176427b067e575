#include "http/json_body.hpp"

#include "http/api_error.hpp"

#include <climits>

namespace naervaer::server {

bool is_valid_utf8(std::string_view text) {
    // RFC 3629: no overlong forms, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        uint32_t code_point = 0;
        uint32_t minimum = 0;
        if ((c & 0xE0) == 0xC0) {
            length = 2;
            code_point = c & 0x1F;
            minimum = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3;
            code_point = c & 0x0F;
            minimum = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4;
            code_point = c & 0x07;
            minimum = 0x10000;
        } else {
            return false;
        }
        if (i + static_cast<std::size_t>(length) > n) return false;
        for (int k = 1; k < length; ++k) {
            const auto cc = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            if ((cc & 0xC0) != 0x80) return false;
            code_point = (code_point << 6) | (cc & 0x3F);
        }
        if (code_point < minimum || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
            return false;
        }
        i += static_cast<std::size_t>(length);
    }
    return true;
}

int json_nesting_depth(std::string_view text, int limit) {
    int depth = 0;
    int deepest = 0;
    bool in_string = false;
    bool escaped = false;
    for (const char c : text) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        switch (c) {
        case '"':
            in_string = true;
            break;
        case '[':
        case '{':
            if (++depth > deepest) deepest = depth;
            if (deepest > limit) return limit + 1;
            break;
        case ']':
        case '}':
            --depth;
            break;
        default:
            break;
        }
    }
    return deepest;
}

nlohmann::json parse_json_body(std::string_view body) {
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return nlohmann::json::object();
    if (!is_valid_utf8(body)) {
        throw ApiError(400, "invalid_utf8", "Forespørgslen er ikke gyldig UTF-8", "The request is not valid UTF-8");
    }
    if (json_nesting_depth(body, max_json_depth) > max_json_depth) {
        throw ApiError(400, "too_deep", "Forespørgslen er for dybt indlejret", "The request is nested too deeply");
    }
    // No exceptions: the parser reports failure as a discarded value (STYLE.md).
    nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
    if (parsed.is_discarded()) {
        throw ApiError(400, "malformed_json", "Forespørgslen er ikke gyldig JSON", "The request is not valid JSON");
    }
    return parsed;
}

BodyReader::BodyReader(const nlohmann::json& body) : body_(body), body_is_object_(body.is_object()) {}

void BodyReader::wrong(const char* field, const char* code) {
    if (fields_.contains(field)) return;
    const bool missing = std::string_view(code) == "required";
    fields_[field] = {{"code", code},
                      {"message", missing ? "Skal udfyldes" : "Har en forkert type"},
                      {"message_en", missing ? "Required" : "Has the wrong type"}};
}

std::optional<std::string> BodyReader::string(const char* field, bool required) {
    if (!body_is_object_ || !body_.contains(field)) {
        if (required) wrong(field, "required");
        return std::nullopt;
    }
    const auto& value = body_.at(field);
    if (!value.is_string()) {
        wrong(field, "type");
        return std::nullopt;
    }
    return value.get<std::string>();
}

std::optional<bool> BodyReader::boolean(const char* field, bool required) {
    if (!body_is_object_ || !body_.contains(field)) {
        if (required) wrong(field, "required");
        return std::nullopt;
    }
    const auto& value = body_.at(field);
    if (!value.is_boolean()) {
        wrong(field, "type");
        return std::nullopt;
    }
    return value.get<bool>();
}

std::optional<long long> BodyReader::integer(const char* field, bool required) {
    if (!body_is_object_ || !body_.contains(field)) {
        if (required) wrong(field, "required");
        return std::nullopt;
    }
    const auto& value = body_.at(field);
    if (!value.is_number_integer()) {
        wrong(field, "type");
        return std::nullopt;
    }
    // Unsigned values above the signed range read as out of range, not wrapped.
    if (value.is_number_unsigned() && value.get<unsigned long long>() > static_cast<unsigned long long>(LLONG_MAX))
        return LLONG_MAX;
    return value.get<long long>();
}

std::optional<std::vector<std::string>> BodyReader::string_list(const char* field, bool required) {
    if (!body_is_object_ || !body_.contains(field)) {
        if (required) wrong(field, "required");
        return std::nullopt;
    }
    const auto& value = body_.at(field);
    if (!value.is_array()) {
        wrong(field, "type");
        return std::nullopt;
    }
    std::vector<std::string> out;
    for (const auto& item : value) {
        if (!item.is_string()) {
            wrong(field, "type");
            return std::nullopt;
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

void BodyReader::finish() const {
    if (!body_is_object_) {
        throw errors::bad_request(nlohmann::json{{"", {{"code", "type"}, {"message", "Skal være et JSON-objekt"},
                                                       {"message_en", "Must be a JSON object"}}}});
    }
    if (!fields_.empty()) throw errors::bad_request(fields_);
}

} // namespace naervaer::server
