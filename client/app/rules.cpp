#include "app/rules.hpp"

#include "app/embedded_assets.hpp"

#include <array>

namespace naervaer::client {

std::span<const std::string_view> rule_set_files() {
    static constexpr std::array<std::string_view, 2> files = {
        "rules/dk-2023-01-01.json",
        "rules/dk-2025-01-01.json",
    };
    return files;
}

const RuleSet* LoadedRules::find(std::string_view id) const {
    for (const auto& set : rule_sets)
        if (set.id == id) return &set;
    return nullptr;
}

LoadedRules load_rules(ReadAsset read) {
    LoadedRules loaded;
    // An empty view means the build did not embed the file (embed_files.cmake); saying so beats
    // the parser's "not valid JSON".
    const auto text_of = [&](std::string_view name) {
        const std::string_view text = read(name);
        if (text.empty()) loaded.errors.push_back(std::string(name) + ": not embedded");
        return text;
    };

    std::vector<RuleSet> sets;
    for (const std::string_view name : rule_set_files()) {
        const std::string_view text = text_of(name);
        if (text.empty()) continue;
        RuleSetParse parsed = parse_rule_set(text);
        for (const auto& error : parsed.errors)
            loaded.errors.push_back(std::string(name) + ": " + error);
        if (parsed.rule_set) sets.push_back(std::move(*parsed.rule_set));
    }
    if (loaded.errors.empty()) loaded.rule_sets = std::move(sets);

    if (const std::string_view text = text_of(alert_settings_file); !text.empty()) {
        AlertSettingsParse alerts = parse_alert_settings(text);
        for (const auto& error : alerts.errors)
            loaded.errors.push_back(std::string(alert_settings_file) + ": " + error);
        loaded.alerts = std::move(alerts.settings);
    }
    return loaded;
}

LoadedRules load_embedded_rules() {
    return load_rules(&assets::file);
}

} // namespace naervaer::client
