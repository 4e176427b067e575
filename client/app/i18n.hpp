#pragma once
// UI strings from assets/i18n/<language>.json (flat key -> string), embedded at build time.
// Danish is the source language: a key missing in English falls back to Danish, and a key missing
// in both shows the key itself, so a gap is visible but never a crash.
#include <naervaer/validation.hpp>

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace naervaer::client {

class I18n {
  public:
    I18n(); // Danish, from the embedded files

    // "da" or "en"; returns false (and keeps the current language) for anything else.
    bool set_language(std::string_view language);
    const std::string& language() const { return language_; }

    // Never null; the pointer stays valid for the life of this object.
    const char* tr(std::string_view key) const;
    // tr(key) with its "{}" replaced by `arg`.
    std::string format(std::string_view key, const std::string& arg) const;
    // tr(key) with its first "{}" replaced by `first` and the next by `second`.
    std::string format(std::string_view key, const std::string& first, const std::string& second) const;
    // A shared validation message in the current language.
    const std::string& message(const FieldError& error) const {
        return language_ == "en" ? error.message_en : error.message_da;
    }
    const std::string& pick(const std::string& da, const std::string& en) const {
        return language_ == "en" && !en.empty() ? en : da;
    }

    using Table = std::map<std::string, std::string, std::less<>>;
    // Parses a flat JSON object of strings; false when it is not one.
    static bool parse(std::string_view json_text, Table& out);
    static Table load_embedded(std::string_view language);

  private:
    std::string language_ = "da";
    Table danish_;
    Table current_;
    mutable std::set<std::string, std::less<>> missing_; // keys shown as themselves
};

} // namespace naervaer::client
