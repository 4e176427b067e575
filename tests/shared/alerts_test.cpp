// Employer alert rules: Hjørring's defaults (seed 003), the alternatives an organisation can pick
// (law.md: Albertslund, Forsvaret, Bradford) and the arithmetic, worked by hand.
#include "naervaer/alerts.hpp"

#include "rules_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace naervaer;
using naervaer::test::default_alerts;

namespace {
Date d(int y, int m, int day) {
    return *Date::from_ymd(y, m, day);
}

AbsenceSpell spell(Date first, std::optional<Date> last, std::string id) {
    AbsenceSpell s;
    s.id = std::move(id);
    s.employee_id = "e1";
    s.first_day = first;
    s.last_day = last;
    return s;
}

bool fired(const std::vector<TriggeredAlert>& alerts, std::string_view id) {
    return std::any_of(alerts.begin(), alerts.end(), [&](const auto& a) { return a.rule_id == id; });
}

const TriggeredAlert& alert(const std::vector<TriggeredAlert>& alerts, std::string_view id) {
    auto it = std::find_if(alerts.begin(), alerts.end(), [&](const auto& a) { return a.rule_id == id; });
    REQUIRE(it != alerts.end());
    return *it;
}
} // namespace

TEST_CASE("alerts: the defaults are Hjørring's week and 3-in-3 rules, days and Bradford are off") {
    const AlertSettings s = default_alerts();
    REQUIRE(s.find("continuous_week"));
    CHECK(s.find("continuous_week")->enabled);
    CHECK(s.find("continuous_week")->days == 7);
    CHECK(s.find("frequent_spells")->enabled);
    CHECK(s.find("frequent_spells")->spells == 3);
    CHECK(s.find("frequent_spells")->months == 3);
    CHECK_FALSE(s.find("days_in_year")->enabled);
    const AlertRule* bradford = s.find("bradford");
    REQUIRE(bradford);
    CHECK_FALSE(bradford->enabled);
    // The reason it is off is shown to the admin (law.md: it can discriminate).
    CHECK(bradford->why_off_da.find("kronisk sygdom") != std::string::npos);
    CHECK(bradford->why_off_en.find("disability") != std::string::npos);
}

TEST_CASE("alerts: one week of continuous sickness alerts the leader on day 7") {
    // First sick day Mon 03-03-2025, ongoing. Sat 08-03 is day 6; Sun 09-03 is day 7 (03-03 + 6).
    const auto s = default_alerts();
    const std::vector<AbsenceSpell> spells = {spell(d(2025, 3, 3), std::nullopt, "a")};
    CHECK_FALSE(fired(evaluate_alerts(s, spells, d(2025, 3, 8)), "continuous_week"));
    const auto alerts = evaluate_alerts(s, spells, d(2025, 3, 9));
    const auto& a = alert(alerts, "continuous_week");
    CHECK(a.value == 7);
    CHECK(a.message_da == "Medarbejderen har været syg i 7 dage i træk. Kontakt medarbejderen og en "
                          "fastholdelseskonsulent i jobcentret.");
    CHECK(a.source.find("Hjørring") != std::string::npos);
    // A 9-day spell that ended yesterday is no longer continuous sickness to act on.
    const std::vector<AbsenceSpell> over = {spell(d(2025, 3, 3), d(2025, 3, 11), "a")};
    CHECK_FALSE(fired(evaluate_alerts(s, over, d(2025, 3, 12)), "continuous_week"));
}

TEST_CASE("alerts: three spells starting within three months call for a care conversation") {
    // Today Mon 31-03-2025: the 3 months are 01-01-2025 .. 31-03-2025 (31-12-2024 + 1 day).
    const auto s = default_alerts();
    std::vector<AbsenceSpell> spells = {spell(d(2025, 1, 1), d(2025, 1, 2), "a"),
                                        spell(d(2025, 2, 12), d(2025, 2, 13), "b"),
                                        spell(d(2025, 3, 31), std::nullopt, "c")};
    const auto alerts = evaluate_alerts(s, spells, d(2025, 3, 31));
    const auto& a = alert(alerts, "frequent_spells");
    CHECK(a.value == 3);
    CHECK(a.message_en ==
          "The employee has had 3 spells of sickness within 3 months. Consider a care conversation.");
    // Move the first spell to Tue 31-12-2024: outside the 3 months, only 2 remain.
    spells[0] = spell(d(2024, 12, 31), d(2025, 1, 2), "a");
    CHECK_FALSE(fired(evaluate_alerts(s, spells, d(2025, 3, 31)), "frequent_spells"));
}

TEST_CASE("alerts: 3 months back from 31 May ends at the end of February") {
    // Today Sat 31-05-2025: 31-05 - 3 months = 28-02-2025 (no 31-02) -> period 01-03 .. 31-05.
    const auto s = default_alerts();
    const std::vector<AbsenceSpell> spells = {
        spell(d(2025, 2, 28), d(2025, 2, 28), "a"), spell(d(2025, 3, 1), d(2025, 3, 1), "b"),
        spell(d(2025, 4, 1), d(2025, 4, 1), "c"), spell(d(2025, 5, 2), d(2025, 5, 2), "d")};
    CHECK(alert(evaluate_alerts(s, spells, d(2025, 5, 31)), "frequent_spells").value == 3);
}

TEST_CASE("alerts: the alternative of 15 days in 12 months counts calendar or working days") {
    // Albertslund (law.md): 15 or more days in 12 months. Today Mon 30-06-2025: period
    // 01-07-2024 .. 30-06-2025. Spells: Mon 10-03-2025 .. Fri 14-03-2025 (5 days, all working
    // days) and Mon 02-06-2025 .. Wed 11-06-2025 (10 calendar days; working days 2, 3, 4, 5, 6,
    // 10, 11 June = 7: 7-8 June is a weekend and Mon 9 June is 2. pinsedag, Easter 20-04 + 50).
    AlertSettings s = default_alerts();
    s.find("days_in_year")->enabled = true;
    const std::vector<AbsenceSpell> spells = {spell(d(2025, 3, 10), d(2025, 3, 14), "a"),
                                              spell(d(2025, 6, 2), d(2025, 6, 11), "b")};
    // Calendar: 5 + 10 = 15 -> triggers.
    CHECK(alert(evaluate_alerts(s, spells, d(2025, 6, 30)), "days_in_year").value == 15);
    // Working days: 5 + 7 = 12 -> does not.
    s.find("days_in_year")->count = DayCount::working;
    CHECK(absence_days_in(spells, d(2024, 7, 1), d(2025, 6, 30), DayCount::working) == 12);
    CHECK_FALSE(fired(evaluate_alerts(s, spells, d(2025, 6, 30)), "days_in_year"));
}

TEST_CASE("alerts: the Forsvaret alternative, 4 spells in 6 months, is a settings change only") {
    AlertSettings s = default_alerts();
    auto* frequent = s.find("frequent_spells");
    frequent->spells = 4;
    frequent->months = 6;
    // Today Tue 30-09-2025: period 01-04-2025 .. 30-09-2025.
    std::vector<AbsenceSpell> spells = {spell(d(2025, 4, 1), d(2025, 4, 1), "a"),
                                        spell(d(2025, 5, 5), d(2025, 5, 6), "b"),
                                        spell(d(2025, 7, 7), d(2025, 7, 7), "c")};
    CHECK_FALSE(fired(evaluate_alerts(s, spells, d(2025, 9, 30)), "frequent_spells"));
    spells.push_back(spell(d(2025, 9, 29), d(2025, 9, 30), "d"));
    CHECK(alert(evaluate_alerts(s, spells, d(2025, 9, 30)), "frequent_spells").value == 4);
}

TEST_CASE("alerts: the Bradford factor is spells squared times days over 52 weeks") {
    // Today Wed 31-12-2025: 52 weeks = 364 days -> period 02-01-2025 .. 31-12-2025.
    // Three short spells: 2 + 3 + 5 = 10 days, S = 3 -> B = 3² × 10 = 90.
    const std::vector<AbsenceSpell> short_spells = {spell(d(2025, 2, 3), d(2025, 2, 4), "a"),
                                                    spell(d(2025, 6, 2), d(2025, 6, 4), "b"),
                                                    spell(d(2025, 11, 3), d(2025, 11, 7), "c")};
    CHECK(bradford_factor(short_spells, d(2025, 12, 31), 52) == 90);
    // One long spell of the same 10 days: B = 1² × 10 = 10.
    const std::vector<AbsenceSpell> one = {spell(d(2025, 6, 2), d(2025, 6, 11), "a")};
    CHECK(bradford_factor(one, d(2025, 12, 31), 52) == 10);
    // A spell 01-01-2025 .. 03-01-2025 overlaps the period on 02-01 and 03-01 (2 days):
    // S = 4, D = 12, B = 4² × 12 = 192.
    std::vector<AbsenceSpell> four = short_spells;
    four.push_back(spell(d(2025, 1, 1), d(2025, 1, 3), "z"));
    CHECK(bradford_factor(four, d(2025, 12, 31), 52) == 192);
}

TEST_CASE("alerts: Bradford fires only when the organisation turns it on, at its own threshold") {
    // Same three short spells, B = 90.
    const std::vector<AbsenceSpell> spells = {spell(d(2025, 2, 3), d(2025, 2, 4), "a"),
                                              spell(d(2025, 6, 2), d(2025, 6, 4), "b"),
                                              spell(d(2025, 11, 3), d(2025, 11, 7), "c")};
    AlertSettings s = default_alerts();
    s.find("bradford")->threshold = 50;
    CHECK_FALSE(fired(evaluate_alerts(s, spells, d(2025, 12, 31)), "bradford")); // off by default
    s.find("bradford")->enabled = true;
    const auto alerts = evaluate_alerts(s, spells, d(2025, 12, 31));
    const auto& a = alert(alerts, "bradford");
    CHECK(a.value == 90);
    CHECK(a.message_en == "The Bradford factor is 90 (3 spells² × 10 days over 52 weeks).");
    s.find("bradford")->threshold = 91;
    CHECK_FALSE(fired(evaluate_alerts(s, spells, d(2025, 12, 31)), "bradford"));
}

TEST_CASE("alerts: partial spells count as absence days, pregnancy-related absence never counts") {
    // Three spells within 3 months of Mon 31-03-2025, the middle one partial: still 3.
    AlertSettings s = default_alerts();
    std::vector<AbsenceSpell> spells = {spell(d(2025, 1, 6), d(2025, 1, 7), "a"),
                                        spell(d(2025, 2, 10), d(2025, 2, 14), "b"),
                                        spell(d(2025, 3, 24), d(2025, 3, 25), "c")};
    spells[1].partial = true;
    spells[1].hours_worked_per_week = 20;
    CHECK(alert(evaluate_alerts(s, spells, d(2025, 3, 31)), "frequent_spells").value == 3);
    // law.md: pregnancy-related absence is under barselloven, not the employee's sickness record.
    spells[2].kind = AbsenceKind::pregnancy_related;
    CHECK_FALSE(fired(evaluate_alerts(s, spells, d(2025, 3, 31)), "frequent_spells"));
}

TEST_CASE("alerts: broken alert settings are rejected with a reason") {
    CHECK(parse_alert_settings("{").errors.front() == "not valid JSON");
    const auto p = parse_alert_settings(
        R"({"schema":1,"id":"x","alerts":[{"id":"a","kind":"spells_in_months","enabled":true,"spells":"3","title_da":"a","title_en":"a","message_da":"a","message_en":"a","source":"s"}]})");
    CHECK_FALSE(p.ok());
    CHECK(std::find(p.errors.begin(), p.errors.end(), "alerts[0].spells: expected an integer") !=
          p.errors.end());
    CHECK(std::find(p.errors.begin(), p.errors.end(), "alerts[0].months: is required") != p.errors.end());
}

// ---- the organisation's choices (the alert_settings record) ----------------------------------

namespace {
const AlertRuleChoice& choice(const AlertChoices& c, std::string_view id) {
    auto it = std::find_if(c.rules.begin(), c.rules.end(), [&](const auto& r) { return r.id == id; });
    REQUIRE(it != c.rules.end());
    return *it;
}

AlertChoices decoded(const nlohmann::json& j, ValidationResult& errors) {
    return decode_alert_choices(j, errors);
}
} // namespace

TEST_CASE("alert choices: the defaults' choices carry only the numbers each kind uses") {
    const AlertChoices c = choices_of(default_alerts());
    REQUIRE(c.rules.size() == 6);
    const AlertRuleChoice& week = choice(c, "continuous_week");
    CHECK(week.enabled);
    CHECK(week.days == 7);
    CHECK(week.weeks == 0); // AlertRule's weeks defaults to 52 for every kind; only Bradford uses it
    const AlertRuleChoice& bradford = choice(c, "bradford");
    CHECK_FALSE(bradford.enabled);
    CHECK(bradford.threshold == 250);
    CHECK(bradford.weeks == 52);
    CHECK(bradford.days == 0);

    // The wire form of the header comment, exactly.
    const nlohmann::json expected = nlohmann::json::parse(R"({"rules": [
        {"id": "continuous_week", "enabled": true, "days": 7},
        {"id": "frequent_spells", "enabled": true, "spells": 3, "months": 3},
        {"id": "days_in_year", "enabled": false, "days": 15, "months": 12, "count": "calendar"},
        {"id": "bradford", "enabled": false, "threshold": 250, "weeks": 52},
        {"id": "policy_conversation", "enabled": false, "days": 15},
        {"id": "documentation_day", "enabled": false, "days": 2}]})");
    CHECK(to_json(c) == expected);
}

TEST_CASE("alert choices: a JSON round trip keeps every choice, working-day counting included") {
    AlertChoices c = choices_of(default_alerts());
    for (auto& r : c.rules)
        if (r.id == "days_in_year") r.enabled = true, r.count = DayCount::working, r.days = 20;
    ValidationResult errors;
    const AlertChoices back = decoded(to_json(c), errors);
    CHECK(errors.ok());
    REQUIRE(back.rules.size() == 6);
    const AlertRuleChoice& days = choice(back, "days_in_year");
    CHECK(days.enabled);
    CHECK(days.days == 20);
    CHECK(days.months == 12);
    CHECK(days.count == DayCount::working);
    CHECK(to_json(back) == to_json(c));
}

TEST_CASE("alert choices: decoding reports wrong shapes with their path and never throws") {
    SUBCASE("not an object") {
        ValidationResult e;
        CHECK(decoded(nlohmann::json::array(), e).rules.empty());
        CHECK(e.has("data", "type"));
    }
    SUBCASE("rules missing or not an array") {
        ValidationResult missing;
        decoded(nlohmann::json::object(), missing);
        CHECK(missing.has("rules", "required"));
        ValidationResult typed;
        decoded({{"rules", "all"}}, typed);
        CHECK(typed.has("rules", "type"));
    }
    SUBCASE("a rule that is not an object") {
        ValidationResult e;
        decoded({{"rules", {7}}}, e);
        CHECK(e.has("rules[0]", "type"));
    }
    SUBCASE("fields of the wrong type") {
        ValidationResult e;
        decoded(nlohmann::json::parse(R"({"rules": [
            {"id": "continuous_week", "enabled": true, "days": 7},
            {"id": 3, "enabled": "yes", "days": 7.5, "spells": "3", "count": 1}]})"),
                e);
        CHECK(e.has("rules[1].id", "type"));
        CHECK(e.has("rules[1].enabled", "type"));
        CHECK(e.has("rules[1].days", "type"));
        CHECK(e.has("rules[1].spells", "type"));
        CHECK(e.has("rules[1].count", "type"));
        CHECK(e.errors().size() == 5);
    }
    SUBCASE("missing id and enabled, unknown count") {
        ValidationResult e;
        decoded(nlohmann::json::parse(R"({"rules": [{"days": 7, "count": "hours"}]})"), e);
        CHECK(e.has("rules[0].id", "required"));
        CHECK(e.has("rules[0].enabled", "required"));
        CHECK(e.has("rules[0].count", "unknown_value"));
    }
}

TEST_CASE("alert choices: validation names unknown and repeated rules") {
    const AlertSettings defaults = default_alerts();
    ValidationResult decode_errors;
    const AlertChoices c = decoded(nlohmann::json::parse(R"({"rules": [
        {"id": "continuous_week", "enabled": true, "days": 7},
        {"id": "bradfrod", "enabled": true, "threshold": 250, "weeks": 52},
        {"id": "continuous_week", "enabled": false, "days": 7}]})"),
                                   decode_errors);
    REQUIRE(decode_errors.ok());
    const ValidationResult v = validate(c, defaults);
    CHECK(v.has("rules[1].id", "unknown"));
    CHECK(v.find("rules[1].id")->message_en == "Unknown rule: bradfrod");
    CHECK(v.has("rules[2].id", "duplicate"));
    CHECK(v.errors().size() == 2);
}

TEST_CASE("alert choices: each number the kind uses must lie in its range, the others are ignored") {
    const AlertSettings defaults = default_alerts();
    CHECK(validate(choices_of(defaults), defaults).ok());
    const auto check = [&](const char* rule_json, const char* field, bool ok) {
        ValidationResult e;
        const AlertChoices c =
            decoded(nlohmann::json::parse(std::string(R"({"rules": [)") + rule_json + "]}"), e);
        REQUIRE(e.ok());
        const ValidationResult v = validate(c, defaults);
        INFO(rule_json);
        if (ok) {
            CHECK(v.ok());
        } else {
            CHECK(v.has(std::string("rules[0].") + field, "range"));
            CHECK(v.errors().size() == 1);
        }
    };
    check(R"({"id": "continuous_week", "enabled": true, "days": 1})", "days", true);
    check(R"({"id": "continuous_week", "enabled": true, "days": 365})", "days", true);
    check(R"({"id": "continuous_week", "enabled": true, "days": 0})", "days", false);
    check(R"({"id": "continuous_week", "enabled": true, "days": 366})", "days", false);
    check(R"({"id": "continuous_week", "enabled": true})", "days", false); // missing = 0
    // A continuous rule has no spells, months or weeks: whatever is sent there is not checked.
    check(R"({"id": "continuous_week", "enabled": true, "days": 7, "spells": 999, "weeks": -3})", "", true);
    check(R"({"id": "frequent_spells", "enabled": true, "spells": 2, "months": 24})", "", true);
    check(R"({"id": "frequent_spells", "enabled": true, "spells": 1, "months": 3})", "spells", false);
    check(R"({"id": "frequent_spells", "enabled": true, "spells": 53, "months": 3})", "spells", false);
    check(R"({"id": "frequent_spells", "enabled": true, "spells": 3, "months": 25})", "months", false);
    check(R"({"id": "frequent_spells", "enabled": true, "spells": 3, "months": 0})", "months", false);
    check(R"({"id": "days_in_year", "enabled": true, "days": 15, "months": 12, "count": "working"})", "",
          true);
    check(R"({"id": "bradford", "enabled": true, "threshold": 100000, "weeks": 104})", "", true);
    check(R"({"id": "bradford", "enabled": true, "threshold": 100001, "weeks": 52})", "threshold", false);
    check(R"({"id": "bradford", "enabled": true, "threshold": 0, "weeks": 52})", "threshold", false);
    check(R"({"id": "bradford", "enabled": true, "threshold": 250, "weeks": 105})", "weeks", false);
    check(R"({"id": "bradford", "enabled": true, "threshold": 250, "weeks": 0})", "weeks", false);
    // Beyond int: clamped, so still refused rather than wrapped into range.
    check(R"({"id": "bradford", "enabled": true, "threshold": 18446744073709551615, "weeks": 52})",
          "threshold", false);
    check(R"({"id": "bradford", "enabled": true, "threshold": -4294967046, "weeks": 52})", "threshold",
          false);

    ValidationResult e;
    const AlertChoices c =
        decoded(nlohmann::json::parse(
                    R"({"rules": [{"id": "frequent_spells", "enabled": true, "spells": 60, "months": 3}]})"),
                e);
    const ValidationResult v = validate(c, defaults);
    REQUIRE(v.find("rules[0].spells"));
    CHECK(v.find("rules[0].spells")->message_da == "Uden for det tilladte interval (2–52)");
    CHECK(v.find("rules[0].spells")->message_en == "Outside the allowed range (2–52)");
}

TEST_CASE("alert choices: applying them turns rules on and off and changes their numbers only") {
    const AlertSettings defaults = default_alerts();
    ValidationResult e;
    const AlertChoices c = decoded(nlohmann::json::parse(R"({"rules": [
        {"id": "frequent_spells", "enabled": true, "spells": 4, "months": 6},
        {"id": "continuous_week", "enabled": false, "days": 14, "weeks": 9},
        {"id": "bradford", "enabled": true, "threshold": 400, "weeks": 26}]})"),
                                   e);
    REQUIRE(e.ok());
    REQUIRE(validate(c, defaults).ok());
    const AlertSettings applied = apply_choices(defaults, c);
    REQUIRE(applied.rules.size() == 6);
    const AlertRule* frequent = applied.find("frequent_spells");
    CHECK(frequent->enabled);
    CHECK(frequent->spells == 4);
    CHECK(frequent->months == 6);
    CHECK(frequent->title_da == defaults.find("frequent_spells")->title_da); // texts stay
    const AlertRule* week = applied.find("continuous_week");
    CHECK_FALSE(week->enabled);
    CHECK(week->days == 14);
    CHECK(week->weeks == 52); // not a number the kind uses: the default stays
    const AlertRule* bradford = applied.find("bradford");
    CHECK(bradford->enabled);
    CHECK(bradford->threshold == 400);
    CHECK(bradford->weeks == 26);
    // Not named: unchanged.
    const AlertRule* days = applied.find("days_in_year");
    CHECK_FALSE(days->enabled);
    CHECK(days->days == 15);

    // The Forsvaret alternative (4 spells in 6 months) now fires on the 4th spell in 6 months.
    const std::vector<AbsenceSpell> spells = {
        spell(d(2025, 1, 6), d(2025, 1, 7), "a"), spell(d(2025, 2, 10), d(2025, 2, 10), "b"),
        spell(d(2025, 4, 1), d(2025, 4, 2), "c"), spell(d(2025, 6, 2), d(2025, 6, 3), "e")};
    CHECK_FALSE(fired(evaluate_alerts(defaults, spells, d(2025, 6, 5)), "frequent_spells")); // 2 in 3 months
    CHECK(fired(evaluate_alerts(applied, spells, d(2025, 6, 5)), "frequent_spells"));        // 4 in 6 months
}
