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
    loaded.alerts = parse_asset(read, alert_settings_file, &parse_alert_settings, &AlertSettingsParse::settings,
                                loaded.errors);
    return loaded;
}

LoadedRules load_embedded_rules() {
    return load_rules(&assets::file);
}

} // namespace naervaer::client
