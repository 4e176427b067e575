#pragma once
// Reading fields of untrusted JSON without exceptions: nlohmann's value() throws when a key holds
// the wrong type, and the browser build has exceptions off (an uncaught one aborts the page).
#include <nlohmann/json.hpp>

#include <string>

namespace naervaer::client {

inline std::string string_field(const nlohmann::json& j, const char* key, std::string fallback = {}) {
    if (!j.is_object()) return fallback;
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

inline bool bool_field(const nlohmann::json& j, const char* key, bool fallback) {
    if (!j.is_object()) return fallback;
    auto it = j.find(key);
    return it != j.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

} // namespace naervaer::client
