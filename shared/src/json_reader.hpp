#pragma once
// Reads fields of an untrusted JSON object with type checks; every problem becomes a field error
// instead of an exception (the wasm build runs without exception support).
#include "naervaer/date.hpp"
#include "naervaer/validation.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace naervaer::detail {

class JsonReader {
public:
    JsonReader(const nlohmann::json& object, ValidationResult& errors, std::string prefix = "")
        : j_(object), errors_(errors), prefix_(std::move(prefix)) {
        if (!j_.is_object()) errors_.add(prefix_.empty() ? "data" : prefix_, "type", "object");
    }

    bool ok_object() const { return j_.is_object(); }
    bool has(const char* key) const { return j_.is_object() && j_.contains(key) && !j_[key].is_null(); }

    std::string string(const char* key, bool required, std::size_t max_len, bool allow_newlines = false) {
        const auto* v = get(key, required);
        if (!v) return {};
        if (!v->is_string()) return type_error(key, "string"), std::string{};
        const auto& s = v->get_ref<const std::string&>();
        if (!is_clean_text(s, allow_newlines)) errors_.add(field(key), "invalid_text");
        else if (s.size() > max_len) errors_.add(field(key), "too_long", std::to_string(max_len));
        else if (required && s.find_first_not_of(" \t\n\r") == std::string::npos) errors_.add(field(key), "required");
        return s;
    }

    std::optional<Date> date(const char* key, bool required) {
        const auto* v = get(key, required);
        if (!v) return std::nullopt;
        if (!v->is_string()) return type_error(key, "date yyyy-mm-dd"), std::nullopt;
        auto d = Date::parse_iso(v->get_ref<const std::string&>());
        if (!d) errors_.add(field(key), "invalid_date");
        return d;
    }

    double number(const char* key, bool required, double fallback) {
        const auto* v = get(key, required);
        if (!v) return fallback;
        if (!v->is_number()) return type_error(key, "number"), fallback;
        return v->get<double>();
    }

    // A whole number; values beyond int are clamped to its limits for a range check to refuse.
    int integer(const char* key, bool required, int fallback) {
        const auto* v = get(key, required);
        if (!v) return fallback;
        if (v->is_number_unsigned()) return static_cast<int>(std::min<uint64_t>(v->get<uint64_t>(), INT_MAX));
        if (!v->is_number_integer()) return type_error(key, "integer"), fallback;
        return static_cast<int>(std::clamp<int64_t>(v->get<int64_t>(), INT_MIN, INT_MAX));
    }

    bool boolean(const char* key, bool fallback) {
        const auto* v = get(key, false);
        if (!v) return fallback;
        if (!v->is_boolean()) return type_error(key, "boolean"), fallback;
        return v->get<bool>();
    }

    std::vector<std::string> string_list(const char* key) {
        std::vector<std::string> out;
        const auto* v = get(key, false);
        if (!v) return out;
        if (!v->is_array()) return type_error(key, "array of strings"), out;
        for (const auto& item : *v) {
            if (!item.is_string()) return type_error(key, "array of strings"), std::vector<std::string>{};
            out.push_back(item.get<std::string>());
        }
        return out;
    }

    std::string field(const char* key) const { return prefix_.empty() ? key : prefix_ + "." + key; }

private:
    const nlohmann::json* get(const char* key, bool required) {
        if (!j_.is_object()) return nullptr;
        auto it = j_.find(key);
        if (it == j_.end() || it->is_null()) {
            if (required) errors_.add(field(key), "required");
            return nullptr;
        }
        return &*it;
    }
    void type_error(const char* key, const char* expected) { errors_.add(field(key), "type", expected); }

    const nlohmann::json& j_;
    ValidationResult& errors_;
    std::string prefix_;
};

} // namespace naervaer::detail
