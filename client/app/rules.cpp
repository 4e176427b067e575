#include "app/rules.hpp"

#include "app/embedded_assets.hpp"

namespace naervaer::client {

const RuleSet* LoadedRules::find(std::string_view id) const {
    for (const auto& set : rule_sets)
        if (set.id == id) return &set;
    return nullptr;
}

LoadedRules load_rules(ReadAsset read) {
    LoadedRules loaded;
    LoadedRuleSets sets = load_rule_sets(read);
    loaded.rule_sets = std::move(sets.sets);
    loaded.errors = std::move(sets.errors);
    // An empty view means the build did not embed the file (embed_files.cmake); saying so beats
    // the parser's "not valid JSON".
    if (const std::string_view text = read(alert_settings_file); text.empty()) {
        loaded.errors.push_back(std::string(alert_settings_file) + ": not embedded");
    } else {
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
