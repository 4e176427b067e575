#include "services/alert_defaults.hpp"

#include <stdexcept>
#include <string>

namespace naervaer::server {

namespace {
constexpr std::string_view defaults_file = "rules/alerts-default.json";
} // namespace

AlertSettings parse_alert_defaults(std::string_view json_text) {
    AlertSettingsParse parsed = parse_alert_settings(json_text);
    if (parsed.ok()) return std::move(*parsed.settings);
    std::string reasons;
    for (const std::string& error : parsed.errors)
        reasons += (reasons.empty() ? "" : "; ") + error;
    throw std::runtime_error("the built-in alert rules (assets/" + std::string(defaults_file) +
                             ") do not parse: " + reasons);
}

AlertSettings embedded_alert_defaults() {
    const std::string_view text = assets::file(defaults_file);
    if (text.empty())
        throw std::runtime_error("the built-in alert rules (assets/" + std::string(defaults_file) +
                                 ") were not embedded");
    return parse_alert_defaults(text);
}

} // namespace naervaer::server
