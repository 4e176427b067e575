#pragma once
// Loads the shipped rule files from assets/rules/ (the same bytes the client embeds), so the
// tests check the real data, not a copy of it.
#include "assets_fixture.hpp"
#include "naervaer/alerts.hpp"
#include "naervaer/rule_set.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace naervaer::test {

inline std::string read_rules_file(const std::string& name) {
    return read_asset("rules/" + name);
}

inline RuleSet load_rule_set(const std::string& name) {
    auto parsed = parse_rule_set(read_rules_file(name));
    for (const auto& e : parsed.errors)
        MESSAGE(name << ": " << e);
    REQUIRE(parsed.ok());
    return *parsed.rule_set;
}

// Both shipped sets, as the client would hold them.
inline const std::vector<RuleSet>& shipped_rule_sets() {
    static const std::vector<RuleSet> sets = {load_rule_set("dk-2023-01-01.json"),
                                              load_rule_set("dk-2025-01-01.json")};
    return sets;
}

inline AlertSettings default_alerts() {
    auto parsed = parse_alert_settings(read_rules_file("alerts-default.json"));
    for (const auto& e : parsed.errors)
        MESSAGE("alerts-default.json: " << e);
    REQUIRE(parsed.ok());
    return *parsed.settings;
}

} // namespace naervaer::test
