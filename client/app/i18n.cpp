#include "app/i18n.hpp"

#include "app/embedded_assets.hpp"

#include <nlohmann/json.hpp>

namespace naervaer::client {

I18n::I18n() : danish_(load_embedded("da")), current_(danish_) {}

bool I18n::parse(std::string_view json_text, Table& out) {
    const auto j = nlohmann::json::parse(json_text, nullptr, false);
    if (!j.is_object()) return false;
    for (const auto& [key, value] : j.items())
        if (value.is_string()) out[key] = value.get<std::string>();
    return true;
}

I18n::Table I18n::load_embedded(std::string_view language) {
    Table table;
    parse(assets::file("i18n/" + std::string(language) + ".json"), table);
    return table;
}

bool I18n::set_language(std::string_view language) {
    if (language != "da" && language != "en") return false;
    if (language == language_) return true;
    language_ = std::string(language);
    current_ = language == "da" ? danish_ : load_embedded(language);
    return true;
}

const char* I18n::tr(std::string_view key) const {
    if (auto it = current_.find(key); it != current_.end()) return it->second.c_str();
    if (auto it = danish_.find(key); it != danish_.end()) return it->second.c_str();
    return missing_.emplace(key).first->c_str();
}

std::string I18n::format(std::string_view key, const std::string& arg) const {
    std::string text = tr(key);
    if (auto pos = text.find("{}"); pos != std::string::npos) text.replace(pos, 2, arg);
    return text;
}

std::string I18n::format(std::string_view key, const std::string& first, const std::string& second) const {
    std::string text = tr(key);
    // The second search starts after the first argument, so a "{}" inside it stays as it is.
    if (auto pos = text.find("{}"); pos != std::string::npos) {
        text.replace(pos, 2, first);
        if (pos = text.find("{}", pos + first.size()); pos != std::string::npos) text.replace(pos, 2, second);
    }
    return text;
}

} // namespace naervaer::client
