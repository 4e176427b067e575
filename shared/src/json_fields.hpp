#pragma once
// Strict typed reads of hand-written JSON data files (rule sets, alert settings). Every problem
// becomes a message with its path ("rules[2].offset.weeks: expected an integer") instead of an
// exception: the wasm build defines JSON_NOEXCEPTION, so only values whose type was checked are
// converted. Unlike JsonReader (records from users), messages are for the developers who edit
// the files, so they are English and not in the message catalogue.
#include "naervaer/date.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace naervaer::detail {

using nlohmann::json;

class Fields {
  public:
    Fields(const json& object, std::string path, std::vector<std::string>& errors)
        : j_(object), path_(std::move(path)), errors_(errors) {
        if (!j_.is_object()) error("", "expected an object");
    }

    const json* get(const char* key, bool required) const {
        if (!j_.is_object()) return nullptr;
        auto it = j_.find(key);
        if (it == j_.end() || it->is_null()) {
            if (required) error(key, "is required");
            return nullptr;
        }
        return &*it;
    }

    std::string text(const char* key, bool required) const {
        const json* v = get(key, required);
        if (!v) return {};
        if (!v->is_string()) return error(key, "expected a string"), std::string{};
        const auto& s = v->get_ref<const std::string&>();
        if (required && s.empty()) error(key, "must not be empty");
        return s;
    }

    std::optional<int> integer(const char* key, bool required, int min, int max) const {
        const json* v = get(key, required);
        if (!v) return std::nullopt;
        if (!v->is_number_integer()) return error(key, "expected an integer"), std::nullopt;
        const auto n = v->get<long long>();
        if (n < min || n > max) {
            error(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
            return std::nullopt;
        }
        return static_cast<int>(n);
    }

    std::optional<bool> boolean(const char* key) const {
        const json* v = get(key, false);
        if (!v) return std::nullopt;
        if (!v->is_boolean()) return error(key, "expected true or false"), std::nullopt;
        return v->get<bool>();
    }

    std::optional<Date> date(const char* key, bool required) const {
        const std::string s = text(key, required);
        if (s.empty()) return std::nullopt;
        auto d = Date::parse_iso(s);
        if (!d) error(key, "expected a date yyyy-mm-dd");
        return d;
    }

    // Keys the reader does not know are errors: a typo in a rule file must not be ignored.
    void only(std::initializer_list<std::string_view> known) const {
        if (!j_.is_object()) return;
        for (auto it = j_.begin(); it != j_.end(); ++it)
            if (std::find(known.begin(), known.end(), it.key()) == known.end())
                error(it.key().c_str(), "unknown field");
    }

    // A data file's "schema" must be present and be the one version this reader knows.
    void schema(int supported) const {
        if (auto v = integer("schema", true, 1, 1000); v && *v != supported)
            error("schema", "unsupported schema version " + std::to_string(*v));
    }

    std::string path(const char* key) const {
        if (path_.empty()) return *key ? key : "(root)";
        return *key ? path_ + "." + key : path_;
    }
    void error(const char* key, const std::string& message) const {
        errors_.push_back(path(key) + ": " + message);
    }

  private:
    const json& j_;
    std::string path_;
    std::vector<std::string>& errors_;
};

// Parses the text of a data file without exceptions; an unparsable text is a discarded value and
// the error "not valid JSON".
inline json parse_data_file(std::string_view text, std::vector<std::string>& errors) {
    json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) errors.push_back("not valid JSON");
    return j;
}

} // namespace naervaer::detail
