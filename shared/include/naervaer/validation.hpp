#pragma once
// Field-level validation results, shared by the browser (before saving) and the server (which
// never trusts the client). Every message exists in Danish and English.
#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace naervaer {

struct FieldError {
    std::string field;   // JSON field name, e.g. "last_day"
    std::string code;    // stable machine code, e.g. "date_order"
    std::string message_da;
    std::string message_en;
};

class ValidationResult {
public:
    bool ok() const { return errors_.empty(); }
    const std::vector<FieldError>& errors() const { return errors_; }
    // Adds the error whose messages the catalogue (messages.cpp) holds for `code`; `arg` fills a
    // "{}" placeholder in them (a limit, a date, a name).
    void add(std::string field, std::string code, const std::string& arg = {});
    void merge(const ValidationResult& other);
    // First error for a field, or nullptr.
    const FieldError* find(std::string_view field) const;
    bool has(std::string_view field, std::string_view code) const;

    // {"field": {"code": "...", "message": "...", "message_en": "..."}, ...} (first error per field)
    nlohmann::json to_json() const;

private:
    std::vector<FieldError> errors_;
};

// Limits on lengths, so a form can not fill the disk and the UI can show a counter.
namespace limits {
inline constexpr std::size_t id_length = 64;
inline constexpr std::size_t name_length = 200;
inline constexpr std::size_t short_text_length = 200;
inline constexpr std::size_t note_length = 10000;
inline constexpr double max_weekly_hours = 80.0;
} // namespace limits

// A client-made record id: 1-64 characters of [A-Za-z0-9_-].
bool is_valid_id(std::string_view id);
// Valid UTF-8 with no control characters other than tab and newline (for names: none at all).
bool is_clean_text(std::string_view text, bool allow_newlines);
// The text rules the JSON reader applies, for values built in code (stamped fields, action input):
// clean text ("invalid_text"), at most `max_len` bytes ("too_long"), and not blank when required.
void check_text(ValidationResult& v, const std::string& path, const std::string& s, bool required,
                std::size_t max_len, bool newlines);
// "yyyy-mm-ddThh:mm[:ss[.fff]](Z|+hh:mm|-hh:mm)" with a real date and time of day.
bool is_iso_timestamp(std::string_view s);

} // namespace naervaer
