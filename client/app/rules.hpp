#pragma once
// The deadline rule sets and alert settings (assets/rules/*.json), embedded at build time and
// parsed once when the app starts. A file that does not parse is an error the employee page shows,
// never a crash: the texts are hand-edited data (docs/deadlines.md).
#include <naervaer/alerts.hpp>
#include <naervaer/rule_set.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace naervaer::client {

// The rule-set files are shipped_rule_set_files() (rule_set.hpp); keep
// NAERVAER_CLIENT_EMBEDDED_ASSETS in client/CMakeLists.txt in step with it.
inline constexpr std::string_view alert_settings_file = "rules/alerts-default.json";

struct LoadedRules {
    // Empty when any set failed: with one set missing, a case would silently fall back to the
    // older set and get rules that are not in force for it, so it gets no timeline instead.
    std::vector<RuleSet> rule_sets;
    // Not shown anywhere yet; parsed now so a broken file is reported at start, not later.
    std::optional<AlertSettings> alerts;
    // "rules/dk-2025-01-01.json: rules[2].offset.weeks: expected an integer" (for developers).
    std::vector<std::string> errors;

    // The set with this id, if loaded.
    const RuleSet* find(std::string_view id) const;
};

// Parses the rule files through `read` (name under assets/ -> bytes, empty when unknown);
// load_embedded_rules() reads the client's embedded assets, tests pass broken data.
using ReadAsset = std::string_view (*)(std::string_view name);
LoadedRules load_rules(ReadAsset read);
LoadedRules load_embedded_rules();

} // namespace naervaer::client
