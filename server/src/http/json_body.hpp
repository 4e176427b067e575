#pragma once
// Untrusted JSON request bodies. The checks run in an order that keeps each one cheap and safe:
// UTF-8 and nesting depth are scanned byte by byte before the parser sees the text, so a deeply
// nested body cannot exhaust the stack of the (recursive) nlohmann parser.
#include <nlohmann/json.hpp>

#include <string_view>

namespace naervaer::server {

inline constexpr int max_json_depth = 32;

bool is_valid_utf8(std::string_view text);
// Deepest nesting of arrays and objects, ignoring brackets inside strings. Stops counting once
// `limit` is exceeded and returns limit + 1.
int json_nesting_depth(std::string_view text, int limit);

// Throws ApiError: 400 invalid_utf8, too_deep or malformed_json. An empty body reads as {}.
nlohmann::json parse_json_body(std::string_view body);

// Reading typed fields out of a parsed body, collecting wrong types for a 400 with `fields`.
class BodyReader {
public:
    explicit BodyReader(const nlohmann::json& body);
    // A string field; `required` false returns nothing when absent.
    std::optional<std::string> string(const char* field, bool required);
    std::optional<bool> boolean(const char* field, bool required);
    // A JSON integer (not a fraction, not a numeric string).
    std::optional<long long> integer(const char* field, bool required);
    std::optional<std::vector<std::string>> string_list(const char* field, bool required);
    // Throws 400 bad_request when any field had the wrong type or was missing.
    void finish() const;

private:
    const nlohmann::json& body_;
    nlohmann::json fields_ = nlohmann::json::object();
    bool body_is_object_;
    void wrong(const char* field, const char* code);
};

} // namespace naervaer::server
