// The deadline engine in the client: the embedded rule sets, and an employee's case timeline on
// the employee page, checked against dates worked out by hand from docs/deadlines.md.
#include "app/embedded_assets.hpp"
#include "app/i18n.hpp"
#include "app/rules.hpp"
#include "client_harness.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

using naervaer::client::action::SetLanguage;
using naervaer::client::action::ShowEmployee;
using naervaer::client::action::ShowEmployees;
using namespace naervaer;
using namespace naervaer::client;
using namespace naervaer::testing;
using nlohmann::json;

namespace {

json entry(const json& timeline, const std::string& id) {
    for (const auto& e : timeline["entries"])
        if (e["id"] == id) return e;
    return nullptr;
}

std::string plus_days(const std::string& iso, int days) {
    return Date::parse_iso(iso)->plus_days(days).iso();
}

json ongoing_spell(const json& state) {
    for (const auto& spell : state["spells"])
        if (spell["last_day"].is_null()) return spell;
    return nullptr;
}

} // namespace

TEST_CASE("rules: every rule set in assets/rules/ is embedded, listed and parses") {
    std::vector<std::string> on_disk;
    for (const auto& file : std::filesystem::directory_iterator(NAERVAER_RULES_DIR)) {
        const std::string name = file.path().filename().string();
        if (name.rfind("dk-", 0) == 0) on_disk.push_back("rules/" + name);
    }
    std::vector<std::string> listed(shipped_rule_set_files().begin(), shipped_rule_set_files().end());
    std::sort(on_disk.begin(), on_disk.end());
    CHECK(listed == on_disk);

    const LoadedRules rules = load_embedded_rules();
    for (const auto& error : rules.errors)
        MESSAGE(error);
    CHECK(rules.errors.empty());
    REQUIRE(rules.rule_sets.size() == listed.size());
    CHECK(rules.alerts.has_value());
    REQUIRE(rules.find("dk-2025-01-01") != nullptr);
    CHECK(rules.find("dk-2025-01-01")->effective_from.iso() == "2025-01-01");
}

TEST_CASE("rules: a broken or missing file is an error with its name, and no set is used") {
    // The 2025 set has a typo: the 2023 set must not quietly take its cases.
    const LoadedRules rules = load_rules([](std::string_view name) -> std::string_view {
        if (name == "rules/dk-2025-01-01.json") return R"({"schema": 1, "id": "dk-2025-01-01", "rulez": []})";
        if (name == "rules/alerts-default.json") return {};
        return assets::file(name);
    });
    CHECK(rules.rule_sets.empty());
    REQUIRE_FALSE(rules.errors.empty());
    CHECK(rules.errors.front().rfind("rules/dk-2025-01-01.json: ", 0) == 0);
    CHECK(std::count(rules.errors.begin(), rules.errors.end(), "rules/alerts-default.json: not embedded") ==
          1);
    CHECK_FALSE(rules.alerts.has_value());
}

TEST_CASE("i18n: two arguments fill the placeholders in order") {
    I18n i18n;
    CHECK(i18n.format("timeline.rule_set", "dk-2025-01-01", "01-01-2025") ==
          "Regelsæt: dk-2025-01-01 (gældende fra 01-01-2025)");
    CHECK(i18n.format("timeline.rule_set", "{}", "x") == "Regelsæt: {} (gældende fra x)");
}

TEST_CASE("timeline: an ongoing spell's deadlines, counted from its first sick day") {
    TestServer server;
    REQUIRE(server.started());
    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);
    const std::string today = local_today_iso();

    c.dispatch(ShowEmployee{employee_day_25});
    json s = c.state();
    const json spell = ongoing_spell(s);
    REQUIRE(spell.is_object());
    const std::string first = spell["first_day"];
    REQUIRE(first == plus_days(today, -24)); // day 25

    // The ongoing spell is the default case.
    const json t = s["timeline"];
    REQUIRE(t.is_object());
    CHECK(t["spell_id"] == spell["id"]);
    CHECK(t["rule_set"] == "dk-2025-01-01");
    // "4 weeks after the first sick day" = first + 28: 4 days left, within the 7 of "due soon".
    CHECK(entry(t, "absence_conversation")["due"] == plus_days(first, 28));
    CHECK(entry(t, "absence_conversation")["status"] == "due_soon");
    // Day 30 ends the employer period: first + 29.
    CHECK(entry(t, "employer_period_end")["due"] == plus_days(first, 29));
    CHECK(entry(t, "employer_period_end")["status"] == "due_soon");
    // NemRefusion when the employer pays wages (the default payer): first + 35, 11 days away.
    CHECK(entry(t, "nemrefusion_report_wages")["due"] == plus_days(first, 35));
    CHECK(entry(t, "nemrefusion_report_wages")["status"] == "upcoming");
    CHECK(entry(t, "nemrefusion_report_benefit")["status"] == "not_applicable");
    CHECK(entry(t, "nemrefusion_report_none")["status"] == "not_applicable");
    // End of week 8: first + 55.
    CHECK(entry(t, "municipality_first_follow_up")["due"] == plus_days(first, 55));
    // Expected back within 8 weeks as far as anyone knows: no fast track, no retention plan.
    CHECK(entry(t, "fast_track_window")["status"] == "not_applicable");
    CHECK(entry(t, "retention_plan")["status"] == "not_applicable");
    CHECK(s["errors"].empty());

    // The page draws in English too (titles and statuses come from the rule set and i18n).
    c.dispatch(SetLanguage{"en"});
    CHECK(c.state()["timeline"]["rule_set"] == "dk-2025-01-01");
    c.dispatch(SetLanguage{"da"});

    // Only the employee page shows a timeline.
    c.dispatch(ShowEmployees{});
    CHECK(c.state()["timeline"].is_null());
}

TEST_CASE("timeline: overdue and passed steps of a long-term case, a click selects another spell") {
    TestServer server;
    REQUIRE(server.started());
    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);
    const std::string today = local_today_iso();

    c.dispatch(ShowEmployee{employee_long_term});
    json s = c.state();
    const json spell = ongoing_spell(s);
    REQUIRE(spell.is_object());
    const std::string first = spell["first_day"];
    REQUIRE(first == plus_days(today, -45)); // day 46

    json t = s["timeline"];
    REQUIRE(t.is_object());
    CHECK(t["spell_id"] == spell["id"]);
    // The conversation (first + 28) was 17 days ago; the demo holds a signed absence conversation
    // from day 20, which meets it: the row links to the record, and there is no mark to take back
    // (a signed record is not undone).
    CHECK(entry(t, "absence_conversation")["due"] == plus_days(first, 28));
    CHECK(entry(t, "absence_conversation")["status"] == "met");
    CHECK(c.shows("timeline.record.absence_conversation"));
    CHECK_FALSE(c.shows("timeline.undo.absence_conversation"));
    REQUIRE(c.click("timeline.record.absence_conversation"));
    s = c.state();
    REQUIRE(s["screen"] == "conversation");
    CHECK(s["conversation"]["template_id"] == "absence_conversation");
    CHECK(s["conversation"]["held_on"] == Date::parse_iso(first)->plus_days(19).danish());
    REQUIRE(c.click("conversation.back"));
    s = c.state();
    t = s["timeline"];
    // Fast track "within the first 5 weeks" closed on day 35 (first + 34): passed, not overdue.
    CHECK(entry(t, "fast_track_window")["due"] == plus_days(first, 34));
    CHECK(entry(t, "fast_track_window")["status"] == "passed");
    CHECK(entry(t, "retention_plan")["status"] == "available");
    CHECK(entry(t, "retention_plan")["due"].is_null());

    // An earlier, closed spell through its row's "Tidslinje" button, as the user clicks it.
    std::string closed_id;
    for (const auto& other : s["spells"])
        if (!other["last_day"].is_null() && other["kind"] == "sickness") {
            closed_id = other["id"];
            break;
        }
    REQUIRE_FALSE(closed_id.empty());
    REQUIRE(c.click("spell.timeline." + closed_id));
    t = c.state()["timeline"];
    REQUIRE(t.is_object());
    CHECK(t["spell_id"] == closed_id);
    // A closed spell keeps its timeline, and none of its own steps is still ahead. The reassessment
    // warning is the exception: it looks across all spells, the ongoing long one included.
    for (const auto& e : t["entries"])
        if (e["id"] != "reassessment_warning") CHECK_MESSAGE(e["status"] != "upcoming", e.dump());

    // Another employee starts on their own default case, not the pick made here.
    c.dispatch(ShowEmployee{employee_day_25});
    CHECK(c.state()["timeline"]["spell_id"] == ongoing_spell(c.state())["id"]);
}
