#include "services/alert_defaults.hpp"

#include <stdexcept>
#include <string>

namespace naervaer::server {

namespace {
constexpr std::string_view defaults_file = "rules/alerts-default.json";

std::string joined(const std::vector<std::string>& errors) {
    std::string reasons;
    for (const std::string& error : errors)
        reasons += (reasons.empty() ? "" : "; ") + error;
    return reasons;
}
} // namespace

AlertSettings parse_alert_defaults(std::string_view json_text) {
    AlertSettingsParse parsed = parse_alert_settings(json_text);
    if (parsed.ok()) return std::move(*parsed.settings);
    throw std::runtime_error("the built-in alert rules (assets/" + std::string(defaults_file) +
                             ") do not parse: " + joined(parsed.errors));
}

AlertSettings embedded_alert_defaults() {
    const std::string_view text = assets::file(defaults_file);
    if (text.empty())
        throw std::runtime_error("the built-in alert rules (assets/" + std::string(defaults_file) +
                                 ") were not embedded");
    return parse_alert_defaults(text);
}

std::vector<RuleSet> embedded_rule_sets() {
    LoadedRuleSets loaded = load_rule_sets(&assets::file);
    if (loaded.errors.empty()) return std::move(loaded.sets);
    throw std::runtime_error("the built-in rule sets do not load: " + joined(loaded.errors));
}

} // namespace naervaer::server
