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

TEST_CASE("alerts: the defaults are Hjørring's week and 3-in-3 rules; days and Bradford are off") {
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
